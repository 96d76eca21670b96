import { basename } from 'node:path';
import type { exportsContract, ExportJobInput } from '../contracts/exports';
import type { FragmentHandlers } from '../router';
import { DomainError } from '../../domain/errors';
import { RunningExports, exportFormat, exportStepCount, saveExport, suggestedExportName, type ExportJob } from '../../services/save-export';
import type { Session } from '../../services/session';

function toJob(input: ExportJobInput): ExportJob {
  if (input.kind === 'annualReport') {
    const { logoBase64, ...rest } = input;
    return { ...rest, ...(logoBase64 ? { logo: new Uint8Array(Buffer.from(logoBase64, 'base64')) } : {}) };
  }
  return input;
}

/**
 * Exports written by the main process: ask where (the platform's save dialog), compute with progress events, write, answer the path.
 */
export function exportsHandlers(session: Session): FragmentHandlers<typeof exportsContract> {
  const running = new RunningExports();
  return {
    'exports.save': async ({ id, job: input }) => {
      const p = session.platform;
      if (!p.saveFile) throw new DomainError('save_unavailable', 'This host cannot choose where to save a file; download it instead.', {});
      const ws = session.workspace;
      const job = toJob(input);
      const target = await p.saveFile(await suggestedExportName(ws, job), exportFormat(job));
      if (!target) return { saved: false as const };
      const signal = running.start(id);
      let index = 0;
      const total = exportStepCount(job);
      try {
        const r = await saveExport(ws, job, target, {
          // The OS save dialog asked before replacing an existing file (dialogs.ts): the person agreed.
          force: true,
          signal,
          progress: (step) => p.notify?.({ type: 'export-progress', id, step, index: ++index, total }),
        });
        return { saved: true as const, path: r.path, fileName: basename(r.path), bytes: r.bytes };
      } finally {
        running.finish(id, signal);
      }
    },
    'exports.cancel': async ({ id }) => ({ cancelled: running.cancel(id) }),
  };
}
