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
import { monthShort, type Lang } from '../export/labels';
import { loadFacts, resolvePeriod } from './figures';
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
