/**
 * Reports a DPO hands over: the annual report for management, the register / rights-request /
 * vendor registers in several formats, and the CNIL inspection pack. Every figure comes from
 * services/figures.ts (the dashboard's source too). Files are returned as bytes; callers write them
 * through services/output-file.ts.
 */
import { DomainError } from '../domain/errors';
import type { Figures } from '../domain/reports/figures';
import { barChart, hoursToNotifyChart, monthlyBars, monthlyLine } from '../export/charts';
import { buildAnnualReport, chartInputs, type AnnualReportCharts } from '../export/docx/annual-report';
import { buildTableRegister } from '../export/docx/table-register';
import { dateLong, monthShort, type Lang } from '../export/labels';
import { registerSheets, registerSingleSheet } from '../export/register-sheets';
import { REQUEST_DOCX_COLUMNS, VENDOR_DOCX_COLUMNS, requestsSheet, vendorsSheet } from '../export/registers';
import { writeCsv, writeOds, writeXlsx, type Sheet } from '../export/spreadsheet';
import { loadFacts, resolvePeriod, type WorkspaceFacts } from './figures';
import { RegisterService } from './register';
import { computeFigures } from '../domain/reports/figures';
import type { Workspace } from './workspace';

export const GENERATOR = 'Vigie 0.1.0';

export type Progress = (step: string) => void;

export async function renderReportCharts(f: Figures, lang: Lang): Promise<AnnualReportCharts> {
  const c = chartInputs(f, lang);
  const months = f.requests.perMonth.map((m) => monthShort(m.month, lang));
  const nonEmpty = <T>(xs: T[]) => (xs.length ? xs : []);
  return {
    requestsPerMonth: await monthlyBars('requests-per-month', c.titles.perMonth, f.requests.perMonth.map((m) => ({ month: m.month, value: m.received })), { monthLabels: months }),
    requestsPerRight: await barChart('requests-per-right', c.titles.perRight, nonEmpty(c.perRight)),
    onTimePerMonth: await monthlyLine('on-time-per-month', c.titles.onTime, f.requests.perMonth.map((m) => ({ month: m.month, value: m.onTimeRate === null ? null : Math.round(m.onTimeRate * 100) })), { monthLabels: months, unit: lang === 'fr' ? '\u00a0%' : '%', max: 115, target: { value: 100, label: c.titles.target } }),
    medianDaysPerMonth: await monthlyBars('median-days-per-month', c.titles.median, f.requests.perMonth.map((m) => ({ month: m.month, value: m.medianDays })), { monthLabels: months }),
    breachesBySeverity: await barChart('breaches-by-severity', c.titles.severity, c.bySeverity),
    breachesByCause: await barChart('breaches-by-cause', c.titles.cause, c.byCause),
    hoursToNotify: f.breaches.hoursToNotify.length
      ? await hoursToNotifyChart('hours-to-notify', c.titles.hours, f.breaches.hoursToNotify, f.breaches.hoursToNotify[0]!.limit, `${f.breaches.hoursToNotify[0]!.limit}\u00a0h`, c.titles.late)
      : null,
    legalBases: await barChart('legal-bases', c.titles.legal, c.legalBases),
    transfersByCountry: c.byCountry.length ? await barChart('transfers-by-country', c.titles.country, c.byCountry) : null,
    transfersByTool: c.byTool.length ? await barChart('transfers-by-tool', c.titles.tool, c.byTool) : null,
  };
}

function imageSize(bytes: Uint8Array): { type: 'png' | 'jpg'; width: number; height: number } {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { type: 'png', width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) break;
      const marker = bytes[i + 1]!;
      const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
      if (marker >= 0xc0 && marker <= 0xc3) return { type: 'jpg', height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
      i += 2 + len;
    }
  }
  throw new DomainError('invalid_input', 'The logo must be a PNG or JPEG image.');
}

/** The annual report (DOCX) for a period (default: the last twelve months) in French or English. */
export async function annualReport(
  ws: Workspace,
  opts: { from?: string | null; to?: string | null; lang?: Lang; logo?: Uint8Array; now?: Date; progress?: Progress } = {},
): Promise<{ fileName: string; bytes: Buffer; figures: Figures; lang: Lang }> {
  const progress = opts.progress ?? (() => {});
  const now = opts.now ?? new Date();
  const logo = opts.logo ? { data: opts.logo, ...imageSize(opts.logo) } : undefined;
  progress('reading the workspace');
  const facts = await loadFacts(ws, now);
  const period = resolvePeriod(facts.today, opts.from, opts.to);
  const figures = computeFigures(facts, { today: facts.today, period });
  const lang = opts.lang ?? facts.profile.language;
  progress('drawing the charts');
  const charts = await renderReportCharts(figures, lang);
  progress('writing the document');
  const bytes = await buildAnnualReport({ profile: facts.profile, figures, charts, lang, generatedAt: now.toISOString(), generator: GENERATOR, ...(logo ? { logo } : {}) });
  const fileName = `${lang === 'fr' ? 'bilan-annuel-dpo' : 'dpo-annual-report'}-${period.from}-${period.to}.docx`;
  return { fileName, bytes, figures, lang };
}

// ── registers ─────────────────────────────────────────────────────────────────────────────────────
export type SheetFormat = 'xlsx' | 'ods' | 'csv';
export type RegisterFormat = 'docx' | SheetFormat;

export interface ExportedFile {
  fileName: string;
  bytes: Uint8Array;
  rows: number;
}

function sheetsFile(sheets: Sheet[], format: SheetFormat, single: () => Sheet): Uint8Array {
  return format === 'xlsx' ? writeXlsx(sheets) : format === 'ods' ? writeOds(sheets) : writeCsv(single());
}

/** The register: Word (the existing Art. 30 document) or the CNIL template's spreadsheet layout. */
export async function registerExport(ws: Workspace, format: RegisterFormat, lang?: Lang, facts?: WorkspaceFacts): Promise<ExportedFile> {
  const f = facts ?? (await loadFacts(ws));
  const language = lang ?? f.profile.language;
  const base = language === 'fr' ? 'registre-des-traitements' : 'record-of-processing';
  if (format === 'docx') {
    const r = await new RegisterService(ws).exportDocx(language);
    return { fileName: r.fileName, bytes: Buffer.from(r.contentBase64, 'base64'), rows: f.activityRecords.length };
  }
  const input = { organisation: f.profile.controller_name, activities: f.activityRecords.map((a) => a.activity), lang: language, date: f.today };
  return { fileName: `${base}-${f.today}.${format}`, bytes: sheetsFile(registerSheets(input), format, () => registerSingleSheet(input)), rows: input.activities.length };
}

/** The rights-request register, one line per case. */
export async function requestsExport(ws: Workspace, format: 'docx' | SheetFormat, lang?: Lang, facts?: WorkspaceFacts): Promise<ExportedFile> {
  const f = facts ?? (await loadFacts(ws));
  const language = lang ?? f.profile.language;
  const sheet = requestsSheet(f.requestLines, language, f.profile.controller_name, f.today);
  const fileName = `${language === 'fr' ? 'registre-des-demandes-de-droits' : 'rights-request-register'}-${f.today}.${format}`;
  if (format !== 'docx') return { fileName, bytes: sheetsFile([sheet], format, () => sheet), rows: sheet.rows.length };
  const bytes = await buildTableRegister({
    title: language === 'fr' ? 'Registre des demandes d’exercice des droits' : 'Register of rights requests',
    subtitle: `${f.profile.controller_name} — ${language === 'fr' ? 'état au' : 'as of'} ${dateLong(f.today, language)} — ${sheet.rows.length} ${language === 'fr' ? 'demande(s)' : 'request(s)'}`,
    organisation: f.profile.controller_name,
    lang: language,
    sections: [{ header: REQUEST_DOCX_COLUMNS.map((i) => sheet.header[i]!), rows: sheet.rows.map((r) => REQUEST_DOCX_COLUMNS.map((i) => r[i]!)), widths: [15, 16, 10, 10, 11, 10, 8, 12, 22] }],
  });
  return { fileName, bytes, rows: sheet.rows.length };
}

/** The vendor register with Art. 28(3) status, transfers, certifications and review dates. */
export async function vendorsExport(ws: Workspace, format: 'docx' | SheetFormat, lang?: Lang, facts?: WorkspaceFacts): Promise<ExportedFile> {
  const f = facts ?? (await loadFacts(ws));
  const language = lang ?? f.profile.language;
  const names = new Map(f.vendorEntries.map((e) => [e.row.id, e.vendor.name]));
  const sheet = vendorsSheet(f.vendorEntries, language, f.profile.controller_name, f.today, names);
  const fileName = `${language === 'fr' ? 'registre-des-prestataires' : 'vendor-register'}-${f.today}.${format}`;
  if (format !== 'docx') return { fileName, bytes: sheetsFile([sheet], format, () => sheet), rows: sheet.rows.length };
  const bytes = await buildTableRegister({
    title: language === 'fr' ? 'Registre des prestataires et sous-traitants' : 'Vendor and processor register',
    subtitle: `${f.profile.controller_name} — ${language === 'fr' ? 'état au' : 'as of'} ${dateLong(f.today, language)} — ${sheet.rows.length} ${language === 'fr' ? 'prestataire(s)' : 'vendor(s)'}`,
    organisation: f.profile.controller_name,
    lang: language,
    sections: [{ header: VENDOR_DOCX_COLUMNS.map((i) => sheet.header[i]!), rows: sheet.rows.map((r) => VENDOR_DOCX_COLUMNS.map((i) => r[i]!)), widths: [14, 8, 11, 20, 9, 22, 12, 8] }],
  });
  return { fileName, bytes, rows: sheet.rows.length };
}

// ── register for scripts ──────────────────────────────────────────────────────────────────────────
/** `register completeness`: the register's score, each activity's score and its issues with their articles. */
export async function registerCompleteness(ws: Workspace) {
  const f = await loadFacts(ws);
  const live = f.activityRecords.filter((a) => a.activity.status !== 'retired');
  const score = live.length ? Math.round(live.reduce((s, a) => s + a.score, 0) / live.length) : 0;
  return {
    today: f.today,
    score,
    activities: f.activityRecords.map((a) => ({ id: a.id, reference: a.activity.reference, name: a.activity.name, role: a.activity.role, status: a.activity.status, score: a.score, issues: a.issues.map((i) => ({ code: i.code, severity: i.severity, field: (i as { field?: string }).field ?? '', article: i.article, message: i.message })) })),
  };
}

/**
 * `register list --json`: every field of each activity (purposes, bases, categories, retention…)
 * with what the earlier summary gave (id, score, errors, warnings, updatedAt), so scripts keep working.
 */
export async function registerListFull(ws: Workspace) {
  const f = await loadFacts(ws);
  const live = f.activityRecords.filter((a) => a.activity.status !== 'retired');
  const count = (a: (typeof f.activityRecords)[number], s: 'error' | 'warning') => a.issues.filter((i) => i.severity === s).length;
  return {
    items: f.activityRecords.map((a) => ({ id: a.id, ...a.activity, score: a.score, errors: count(a, 'error'), warnings: count(a, 'warning'), updatedAt: a.updatedAt })),
    score: live.length ? Math.round(live.reduce((s, a) => s + a.score, 0) / live.length) : 0,
    counts: { activities: live.length, errors: live.reduce((n, a) => n + count(a, 'error'), 0), warnings: live.reduce((n, a) => n + count(a, 'warning'), 0), complete: live.filter((a) => a.issues.length === 0).length },
  };
}
