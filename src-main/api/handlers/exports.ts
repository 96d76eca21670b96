import { basename } from 'node:path';
import { FILE_METHODS, type exportsContract, type ExportJobInput, type FileMethod } from '../contracts/exports';
import { contract } from '../contract';
import type { FragmentHandlers } from '../router';
import { DomainError } from '../../domain/errors';
import { writeOutputFile } from '../../services/output-file';
import type { JobRunner } from '../../jobs/runner';
import { checkOutputPath } from '../../services/output-file';
import { RunningExports, cancelledExport, exportFormat, exportStepCount, suggestedExportName, writeExport, type ExportJob } from '../../services/save-export';
import type { Session } from '../../services/session';

function toJob(input: ExportJobInput): ExportJob {
  if (input.kind === 'annualReport') {
    const { logoBase64, ...rest } = input;
    return { ...rest, ...(logoBase64 ? { logo: new Uint8Array(Buffer.from(logoBase64, 'base64')) } : {}) };
  }
  return input;
}

/**
 * Exports written by the main process: ask where (the platform's save dialog), compute in a worker
 * thread (jobs/) with progress events, write, answer the path. The API keeps answering meanwhile.
 */
export function exportsHandlers(
  session: Session,
  jobs: JobRunner,
  runFileMethod: (method: FileMethod, input: unknown) => Promise<{ fileName: string; contentBase64: string }>,
): FragmentHandlers<typeof exportsContract> {
  const running = new RunningExports();
  const platformSave = () => {
    const p = session.platform;
    if (!p.saveFile) throw new DomainError('save_unavailable', 'This host cannot choose where to save a file; download it instead.', {});
    return p.saveFile.bind(p);
  };
  return {
    // A quick file (register in Word, breach register, calendars, change log): made first, so the
    // dialog proposes its own name, then written where the person chose.
    'exports.saveFile': async ({ method, input }) => {
      const saveFile = platformSave();
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) throw new DomainError('invalid_input', `Invalid input for ${method}.`, {});
      const format = FILE_METHODS[method](parsed.data);
      const made = await runFileMethod(method, parsed.data);
      const target = await saveFile(made.fileName, format);
      if (!target) return { saved: false as const };
      // The OS save dialog asked before replacing an existing file (dialogs.ts).
      const r = await writeOutputFile(target, new Uint8Array(Buffer.from(made.contentBase64, 'base64')), { format, force: true, protectedPaths: [session.workspace.path] });
      return { saved: true as const, path: r.path, fileName: basename(r.path), bytes: r.bytes };
    },
    'exports.save': async ({ id, job: input }) => {
      const saveFile = platformSave();
      const p = session.platform;
      const ws = session.workspace;
      const job = toJob(input);
      const target = await saveFile(await suggestedExportName(ws, job), exportFormat(job));
      if (!target) return { saved: false as const };
      const signal = running.start(id);
      let index = 0;
      const total = exportStepCount(job);
      const progress = (step: string) => p.notify?.({ type: 'export-progress', id, step, index: ++index, total });
      const checkpoint = () => {
        if (signal.aborted) throw cancelledExport();
      };
      try {
        // The OS save dialog asked before replacing an existing file (dialogs.ts): the person agreed.
        checkOutputPath(target, { format: exportFormat(job), force: true, protectedPaths: [ws.path] });
        const made = await jobs.run('export', input, { id, total, signal, onProgress: (s) => s.step && progress(s.step) });
        checkpoint();
        progress('saving');
        const r = await writeExport(ws, job, made, target, { force: true, checkpoint });
        return { saved: true as const, path: r.path, fileName: basename(r.path), bytes: r.bytes };
      } finally {
        running.finish(id, signal);
      }
    },
    'exports.cancel': async ({ id }) => ({ cancelled: running.cancel(id) }),
  };
}
