/**
 * Reports a DPO hands over: the annual report for management, the register / rights-request /
 * vendor registers in several formats, and the CNIL inspection pack. Every figure comes from
 * services/figures.ts (the dashboard's source too). Files are returned as bytes; callers write them
 * through services/output-file.ts.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { allChangeLogEntries } from '../db/repositories/history';
import { DomainError } from '../domain/errors';
import type { Figures, Period } from '../domain/reports/figures';
import { barChart, hoursToNotifyChart, monthlyBars, monthlyLine } from '../export/charts';
import { buildAnnualReport, chartInputs, type AnnualReportCharts } from '../export/docx/annual-report';
import { PACK_PARTS, auditText, changeLogSheet, dpiaSheet, organisationText, packFileName, readmeText, securitySheet, type PackPart } from '../export/cnil-pack';
import { buildTableRegister } from '../export/docx/table-register';
import { CONTENTS_NAME, MANIFEST_NAME, PACK_FORMAT_VERSION, describeFile, loutreContents, type PackFile } from '../export/manifest';
import { countryLabel, dateLong, monthShort, type Lang } from '../export/labels';
import { registerSheets, registerSingleSheet } from '../export/register-sheets';
import { REQUEST_DOCX_COLUMNS, VENDOR_DOCX_COLUMNS, requestsSheet, vendorsSheet } from '../export/registers';
import { writeCsv, writeOds, writeXlsx, type Sheet } from '../export/spreadsheet';
import { loadFacts, resolvePeriod, type WorkspaceFacts } from './figures';
import { BreachesService } from './breaches';
import { RegisterService } from './register';
import { VendorsService } from './vendors';
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
  opts: { from?: string | null; to?: string | null; lang?: Lang; logo?: Uint8Array; now?: Date; progress?: Progress; checkpoint?: () => void } = {},
): Promise<{ fileName: string; bytes: Buffer; figures: Figures; lang: Lang }> {
  // A cancel throws from checkpoint() between steps; nothing has been written at that point.
  const progress = (s: string) => {
    opts.checkpoint?.();
    opts.progress?.(s);
  };
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
  const input = { organisation: f.profile.controller_name, activities: f.activityRecords.map((a) => a.activity), lang: language, date: f.today, vendorNames: vendorNamesOf(f) };
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

// ── CNIL inspection pack ──────────────────────────────────────────────────────────────────────────
export interface CnilPackResult {
  fileName: string;
  bytes: Uint8Array;
  files: PackFile[];
  period: Period;
  parts: PackPart[];
}

const STORED = /\.(docx|xlsx|ods|png|jpg|zip)$/i;

/**
 * Above this many lines a register's Word version is left out of the pack (a Word table of
 * tens of thousands of rows is unreadable and slow to build); its XLSX and CSV carry every line,
 * and the LISEZMOI says so.
 */
export const PACK_DOCX_MAX_ROWS = 2000;
/** The same for the per-activity lists (DPIA screening, security measures), whose rows are long. */
export const PACK_ACTIVITY_DOCX_MAX_ROWS = 500;

/**
 * The pack for an inspector, in French: the parts asked for (all by default) for a period, sealed
 * with manifest.json and LOUTRE's contenu.txt. Built in memory then written once by the caller
 * through output-file.ts (temporary file + rename), so a cancel leaves nothing behind.
 */
export async function cnilPack(
  ws: Workspace,
  opts: { from?: string | null; to?: string | null; parts?: readonly PackPart[]; now?: Date; progress?: Progress; checkpoint?: () => void } = {},
): Promise<CnilPackResult> {
  const progress = opts.progress ?? (() => {});
  const step = (s: string) => {
    opts.checkpoint?.();
    progress(s);
  };
  const now = opts.now ?? new Date();
  const generatedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parts = opts.parts?.length ? PACK_PARTS.filter((p) => opts.parts!.includes(p)) : [...PACK_PARTS];
  step('reading the workspace');
  const facts = await loadFacts(ws, now);
  const period = resolvePeriod(facts.today, opts.from, opts.to);
  const activities = facts.activityRecords.map((a) => a.activity).sort((a, b) => a.reference.localeCompare(b.reference, 'fr', { numeric: true }));
  const org = facts.profile.controller_name;
  const entries: Array<{ name: string; data: Uint8Array; description: string }> = [];
  const omitted: string[] = [];
  const add = (name: string, data: Uint8Array | string, description: string) => entries.push({ name, data: typeof data === 'string' ? strToU8(data) : data, description });
  const sheetDocx = async (title: string, sheet: Sheet) =>
    buildTableRegister({ title, subtitle: `${org} — état au ${dateLong(facts.today, 'fr')}`, organisation: org, lang: 'fr', sections: [{ header: sheet.header, rows: sheet.rows, widths: sheet.widths ?? sheet.header.map(() => 1) }] });

  if (parts.includes('organisation')) add('01-organisme/organisme-et-dpo.txt', organisationText(facts.profile), 'dénomination, adresse et SIREN de l’organisme, représentant légal, coordonnées et désignation du DPO');
  if (parts.includes('register')) {
    step('register');
    const fr = { activities: activities, organisation: org, lang: 'fr' as const, date: facts.today, vendorNames: vendorNamesOf(facts) };
    add('02-registre/registre-des-traitements.docx', (await registerExport(ws, 'docx', 'fr', facts)).bytes, 'registre (article 30) au format Word : synthèse puis une fiche par traitement, registre du sous-traitant à part');
    add('02-registre/registre-des-traitements.xlsx', writeXlsx(registerSheets(fr)), 'registre au format du modèle CNIL, feuilles « Responsable de traitement » et « Sous-traitant » (Excel)');
    add('02-registre/registre-des-traitements.ods', writeOds(registerSheets(fr)), 'le même registre au format OpenDocument (LibreOffice)');
    add('02-registre/registre-des-traitements.csv', writeCsv(registerSingleSheet(fr)), 'le même registre en CSV (séparateur point-virgule, UTF-8), une colonne indique le rôle');
  }
  if (parts.includes('dpia')) {
    step('DPIA screening');
    const s = dpiaSheet(activities);
    add('03-aipd/depistage-aipd.csv', writeCsv(s), 'pour chaque traitement : critères remplis, résultat du dépistage, AIPD réalisée ou justification');
    if (s.rows.length <= PACK_ACTIVITY_DOCX_MAX_ROWS) add('03-aipd/depistage-aipd.docx', await sheetDocx('Liste de dépistage des analyses d’impact (AIPD)', s), 'la même liste au format Word');
    else omitted.push(`03-aipd/depistage-aipd.docx (${s.rows.length} traitements : voir la version CSV)`);
  }
  if (parts.includes('breaches')) {
    step('breach register');
    const b = new BreachesService(ws, { now: () => now });
    add('04-violations/registre-des-violations.docx', Buffer.from((await b.register('docx', 'fr')).contentBase64, 'base64'), 'registre des violations (article 33.5) : faits, effets, mesures, décisions et notifications');
    add('04-violations/registre-des-violations.csv', Buffer.from((await b.register('csv', 'fr')).contentBase64, 'base64'), 'le même registre en CSV');
  }
  if (parts.includes('requests')) {
    step('rights-request register');
    if (facts.requestLines.length <= PACK_DOCX_MAX_ROWS) add('05-demandes/registre-des-demandes.docx', (await requestsExport(ws, 'docx', 'fr', facts)).bytes, 'une ligne par demande : droits, dates de réception, d’échéance et de réponse, issue, prolongation et motifs');
    else omitted.push(`05-demandes/registre-des-demandes.docx (${facts.requestLines.length} demandes : voir la version Excel ou CSV)`);
    add('05-demandes/registre-des-demandes.xlsx', (await requestsExport(ws, 'xlsx', 'fr', facts)).bytes, 'le même registre, toutes colonnes (Excel)');
    add('05-demandes/registre-des-demandes.csv', (await requestsExport(ws, 'csv', 'fr', facts)).bytes, 'le même registre en CSV');
  }
  if (parts.includes('vendors')) {
    step('vendor register');
    add('06-prestataires/registre-des-prestataires.docx', (await vendorsExport(ws, 'docx', 'fr', facts)).bytes, 'prestataires : clauses de l’article 28(3), transferts et garanties, certifications, revues');
    add('06-prestataires/registre-des-prestataires.xlsx', (await vendorsExport(ws, 'xlsx', 'fr', facts)).bytes, 'le même registre, toutes colonnes dont les alertes (Excel)');
    add('06-prestataires/registre-des-prestataires.csv', (await vendorsExport(ws, 'csv', 'fr', facts)).bytes, 'le même registre en CSV');
  }
  if (parts.includes('tia')) {
    step('transfer impact assessments');
    const vs = new VendorsService(ws);
    for (const e of facts.vendorEntries) {
      for (const t of e.vendor.transfers.filter((x) => x.tia)) {
        const r = await vs.tiaDocx(e.row.id, t.id, 'fr');
        add(`07-tia/${r.fileName.replace(/-\d{4}-\d{2}-\d{2}\.docx$/, '.docx')}`, Buffer.from(r.contentBase64, 'base64'), `analyse d’impact du transfert vers ${countryLabel(t.country, 'fr')} (${e.vendor.name}), selon les étapes des recommandations 01/2020 du CEPD`);
      }
    }
  }
  if (parts.includes('security')) {
    step('security measures');
    const s = securitySheet(activities);
    add('08-securite/mesures-de-securite.csv', writeCsv(s), 'mesures de sécurité de chaque traitement, rangées selon les rubriques du modèle CNIL');
    if (s.rows.length <= PACK_ACTIVITY_DOCX_MAX_ROWS) add('08-securite/mesures-de-securite.docx', await sheetDocx('Mesures de sécurité par traitement', s), 'la même liste au format Word');
    else omitted.push(`08-securite/mesures-de-securite.docx (${s.rows.length} traitements : voir la version CSV)`);
  }
  let head: { hash: string | null; entries: number };
  let audit: { ok: boolean; entries: number } | null = null;
  if (parts.includes('changelog')) {
    step('checking the change log (audit verify)');
    const rows = await allChangeLogEntries(ws.db);
    const report = await ws.verifyAudit();
    head = { hash: rows.at(-1)?.hash ?? null, entries: rows.length };
    audit = { ok: report.ok, entries: report.entries };
    add('09-journal/journal-des-modifications.csv', writeCsv(changeLogSheet(rows, period)), 'journal de la période : qui a modifié quels champs de quel enregistrement, quand et pourquoi, avec l’empreinte chaînée de chaque entrée');
    add('09-journal/verification-integrite.txt', auditText(report, generatedAt, head), 'résultat de la vérification d’intégrité du journal (audit verify) au moment de la génération');
  } else {
    const stats = await ws.changeLogStats();
    const last = await ws.db.selectFrom('change_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    head = { hash: last?.hash ?? null, entries: stats.entries };
  }

  step('sealing (manifest.json, contenu.txt)');
  const files = entries.map((e) => describeFile(e.name, e.data));
  const readme = readmeText({ organisation: org, period, generatedAt, generator: GENERATOR, actor: ws.actor, parts, files, omitted, descriptions: Object.fromEntries(entries.map((e) => [e.name, e.description])) });
  const readmeBytes = strToU8(readme);
  const all = [{ name: '00-LISEZMOI.txt', data: readmeBytes }, ...entries];
  const listed = all.map((e) => describeFile(e.name, e.data));
  const workspaceId = (await ws.db.selectFrom('change_log').select('id').orderBy('seq').limit(1).executeTakeFirst())?.id ?? null;
  const manifest = {
    format: 'vigie-cnil-pack',
    formatVersion: PACK_FORMAT_VERSION,
    generator: GENERATOR,
    // The id of the workspace's first change-log entry: created with the workspace, the same on every device.
    workspaceId,
    organisation: org,
    period,
    parts,
    generatedAt,
    generatedBy: ws.actor,
    changeLog: { headHash: head.hash, entries: head.entries, audit },
    files: listed,
  };
  const manifestBytes = strToU8(JSON.stringify(manifest, null, 2) + '\n');
  const contents = loutreContents([...listed, describeFile(MANIFEST_NAME, manifestBytes)]);
  const zipInput: Zippable = {};
  const mtime = new Date(generatedAt);
  for (const e of [...all, { name: MANIFEST_NAME, data: manifestBytes }, { name: CONTENTS_NAME, data: strToU8(contents) }]) {
    // Office files are zips already: stored as they are.
    zipInput[e.name] = [e.data, { level: STORED.test(e.name) ? 0 : 6, mtime }];
  }
  opts.checkpoint?.();
  const bytes = zipSync(zipInput);
  return { fileName: packFileName(org, facts.today), bytes, files: [...listed, describeFile(MANIFEST_NAME, manifestBytes), describeFile(CONTENTS_NAME, strToU8(contents))], period, parts };
}

/** Vendor names by id (the register's processors link to vendor records). */
function vendorNamesOf(f: WorkspaceFacts): Map<string, string> {
  return new Map(f.vendorEntries.map((e) => [e.row.id, e.vendor.name]));
}
