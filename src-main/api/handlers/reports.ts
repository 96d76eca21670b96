import type { reportsContract } from '../contracts/reports';
import type { FragmentHandlers } from '../router';
import type { JobRunner } from '../../jobs/runner';
import { workspaceFigures } from '../../services/figures';
import { exportStepCount } from '../../services/save-export';
import type { Session } from '../../services/session';
import type { ExportJobInput } from '../contracts/exports';

const file = (fileName: string, bytes: Uint8Array) => ({ fileName, contentBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), bytes: bytes.length });

/**
 * Handlers of the reports area: the same figures as the annual report, and the exports. Every
 * export is computed in a worker thread (jobs/): jobs.list reports its steps (the downloaded file
 * has no 'saving' step) and jobs.cancel stops it.
 */
export function reportsHandlers(session: Session, jobs: JobRunner): FragmentHandlers<typeof reportsContract> {
  const run = (job: ExportJobInput) => {
    // The window downloads the file itself: no 'saving' step here.
    const total = exportStepCount(job.kind === 'annualReport' ? { ...job, logo: undefined } : job) - 1;
    return jobs.run('export', job, total > 0 ? { total } : {});
  };
  return {
    'reports.figures': ({ from, to }) => workspaceFigures(session.workspace, { from, to }),
    'reports.annualReport': async ({ from, to, lang, logoBase64 }) => {
      const r = await run({ kind: 'annualReport', ...(from ? { from } : {}), ...(to ? { to } : {}), ...(lang ? { lang } : {}), ...(logoBase64 ? { logoBase64 } : {}) });
      return file(r.fileName, r.bytes);
    },
    'reports.register': async ({ format, lang }) => {
      const r = await run({ kind: 'register', format, ...(lang ? { lang } : {}) });
      return file(r.fileName, r.bytes);
    },
    'reports.requests': async ({ format, lang }) => {
      const r = await run({ kind: 'requests', format, ...(lang ? { lang } : {}) });
      return file(r.fileName, r.bytes);
    },
    'reports.vendors': async ({ format, lang }) => {
      const r = await run({ kind: 'vendors', format, ...(lang ? { lang } : {}) });
      return file(r.fileName, r.bytes);
    },
    'reports.cnilPack': async ({ from, to, parts }) => {
      const r = await run({ kind: 'cnilPack', ...(from ? { from } : {}), ...(to ? { to } : {}), ...(parts ? { parts } : {}) });
      return { ...file(r.fileName, r.bytes), files: r.files ?? [] };
    },
  };
}
