import type { reportsContract } from '../contracts/reports';
import type { FragmentHandlers } from '../router';
import { workspaceFigures } from '../../services/figures';
import { annualReport, cnilPack, registerExport, requestsExport, vendorsExport } from '../../services/reports';
import type { Session } from '../../services/session';

const file = (fileName: string, bytes: Uint8Array) => ({ fileName, contentBase64: Buffer.from(bytes).toString('base64'), bytes: bytes.length });

/** Handlers of the reports area: the same figures as the annual report, and the exports. */
export function reportsHandlers(session: Session): FragmentHandlers<typeof reportsContract> {
  return {
    'reports.figures': ({ from, to }) => workspaceFigures(session.workspace, { from, to }),
    'reports.annualReport': async ({ from, to, lang, logoBase64 }) => {
      const r = await annualReport(session.workspace, { from, to, ...(lang ? { lang } : {}), ...(logoBase64 ? { logo: new Uint8Array(Buffer.from(logoBase64, 'base64')) } : {}) });
      return file(r.fileName, r.bytes);
    },
    'reports.register': async ({ format, lang }) => {
      const r = await registerExport(session.workspace, format, lang);
      return file(r.fileName, r.bytes);
    },
    'reports.requests': async ({ format, lang }) => {
      const r = await requestsExport(session.workspace, format, lang);
      return file(r.fileName, r.bytes);
    },
    'reports.vendors': async ({ format, lang }) => {
      const r = await vendorsExport(session.workspace, format, lang);
      return file(r.fileName, r.bytes);
    },
    'reports.cnilPack': async ({ from, to, parts }) => {
      const r = await cnilPack(session.workspace, { from, to, ...(parts ? { parts } : {}) });
      return { ...file(r.fileName, r.bytes), files: r.files };
    },
  };
}
