/**
 * The DPO's annual report for management ("Bilan annuel du DPO" / "DPO annual report"), FR or EN:
 * a cover page, a real Word table of contents over Heading 1–2, the organisation's name in the
 * header, "page X / Y" in the footer, the document language set so spell-check and hyphenation
 * follow it, an executive summary (key figures with their trend, three decisions), then register,
 * rights requests, breaches, vendors and transfers with charts, and the action plan with owners.
 *
 * Layout rules (checked by rendering with LibreOffice): headings keep with what follows, table rows
 * never split across pages and header rows repeat, charts sit in a paragraph kept with its caption.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  PageBreak,
  PageNumber,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import type { OrgProfile } from '../../domain/org-profile';
import type { Figures, KeyFigure } from '../../domain/reports/figures';
import type { Chart } from '../charts';
import { AREA_LABELS, causeLabel, countryLabel, dateLong, dateShort, frTypo, label, legalBasisLabel, num, OUTCOME_LABELS, percent, rightLabel, roleLabel, SEVERITY_LABELS, toolLabel, type Lang } from '../labels';
import { FONT } from './common';

const ACCENT = '1F3B5C';
const GREY = '595959';
/** A4 width less 2 cm margins, in twips and in pixels (96 dpi). */
const CONTENT_TWIPS = 11906 - 2 * 1134;
const CONTENT_PX = Math.floor((CONTENT_TWIPS / 1440) * 96);
/** Longest lists printed in full; the registers in the pack carry every line. */
const MAX_ROWS = 40;
const MAX_PLAN = 80;
/** Above this many table rows the TOC is written without estimated page numbers (see buildAnnualReport). */
const MAX_ESTIMATED_ROWS = 120;

export interface AnnualReportCharts {
  requestsPerMonth: Chart;
  requestsPerRight: Chart;
  onTimePerMonth: Chart;
  medianDaysPerMonth: Chart;
  breachesBySeverity: Chart;
  breachesByCause: Chart;
  hoursToNotify: Chart | null;
  legalBases: Chart;
  transfersByCountry: Chart | null;
  transfersByTool: Chart | null;
}

export interface AnnualReportInput {
  profile: OrgProfile;
  figures: Figures;
  charts: AnnualReportCharts;
  lang: Lang;
  /** Generation instant (ISO) and the generator's version, printed on the cover. */
  generatedAt: string;
  generator: string;
  logo?: { data: Uint8Array; type: 'png' | 'jpg'; width: number; height: number };
}

const T = {
  fr: {
    title: 'Bilan annuel du délégué à la protection des données',
    short: 'Bilan annuel du DPO',
    period: (from: string, to: string) => `Période du ${from} au ${to}`,
    preparedBy: 'Établi par',
    dpo: 'Délégué à la protection des données',
    generated: (d: string, g: string) => `Document généré le ${d} par ${g}`,
    confidential: 'Document interne — diffusion restreinte à la direction',
    toc: 'Sommaire',
    tocHint: 'Si le sommaire n’affiche pas les numéros de page, faites un clic droit dessus puis « Mettre à jour les champs ».',
    page: 'page',
    summary: 'Synthèse',
    keyFigures: 'Chiffres clés',
    kfCols: ['Indicateur', 'Période', 'Période précédente', 'Tendance'],
    decisions: 'Ce que la direction doit décider ou financer',
    noDecision: 'Aucune décision n’est nécessaire : aucun point bloquant n’est ouvert.',
    stateNote: (d: string) => `Les indicateurs sans période précédente décrivent la situation au ${d}.`,
    trend: { up: 'en hausse', down: 'en baisse', same: 'stable', none: 'situation à date', better: 'amélioration', worse: 'dégradation' },
    register: 'Registre des activités de traitement',
    registerIntro: (n: number, score: number, complete: number) => `Le registre compte ${n} activités de traitement en vigueur. Score de complétude : ${score}${'\u00a0'}/${'\u00a0'}100 ; ${complete} fiches sont complètes.`,
    byRole: 'Répartition par rôle et par direction',
    roleCols: ['Rôle', 'Activités'],
    deptCols: ['Direction / service', 'Activités'],
    completeness: 'Complétude et fiches à reprendre',
    toFixCols: ['Réf.', 'Activité', 'Score', 'Responsable', 'Points à compléter'],
    allComplete: 'Toutes les fiches sont complètes.',
    dpia: 'Analyses d’impact (AIPD)',
    dpiaIntro: (req: number, likely: number, done: number) => `Dépistage : ${req} traitement(s) pour lesquels une AIPD est obligatoire, ${likely} pour lesquels elle est probablement nécessaire ; ${done} AIPD réalisée(s).`,
    dpiaCols: ['Réf.', 'Activité', 'Résultat du dépistage', 'Responsable'],
    dpiaResult: { required: 'AIPD obligatoire', likely: 'AIPD probablement nécessaire' },
    noDpiaDue: 'Aucune AIPD n’est en attente.',
    storage: 'Limitation de la conservation',
    storageIntro: (due: number, held: number, overdue: number) =>
      `Vigie applique ses propres durées de conservation : ${due} élément(s) qu’il détient ont dépassé leur durée (${held} suspendu(s) pour contentieux). Purges des systèmes métier prévues par le registre et non enregistrées à leur échéance : ${overdue}.`,
    storageCols: ['Réf.', 'Activité', 'Catégorie de données', 'Échéance', 'Responsable'],
    targetLine: (rate: string, days: number) => `Objectif interne de réponse aux demandes : ${days} jours ; réponses dans l’objectif sur douze mois : ${rate}.`,
    requests: 'Demandes d’exercice des droits',
    requestsIntro: (r: number, a: number, rate: string, med: string) => `${r} demande(s) reçue(s) et ${a} réponse(s) envoyée(s) sur la période. Réponses dans le délai : ${rate} ; délai médian de réponse : ${med} jour(s).`,
    volume: 'Volume par mois et par droit',
    timeliness: 'Respect des délais',
    timelinessNote: 'Une réponse est dans le délai lorsqu’elle est envoyée au plus tard à l’échéance légale (un mois, ou trois mois en cas de prolongation notifiée à temps — art. 12(3) du RGPD).',
    late: 'Demandes en retard et prolongées',
    lateIntro: (o: number, l: number, e: number) => `${o} demande(s) en retard à ce jour ; ${l} réponse(s) envoyée(s) après l’échéance sur la période ; ${e} prolongation(s).`,
    lateCols: ['Référence', 'Reçue le', 'Échéance'],
    refusals: 'Refus et motifs',
    refusalCols: ['Référence', 'Issue', 'Motifs'],
    noRefusal: 'Aucun refus sur la période.',
    breaches: 'Violations de données personnelles',
    breachesIntro: (n: number, notified: number, notNot: number, pending: number) => `${n} violation(s) enregistrée(s) sur la période : ${notified} notifiée(s) à la CNIL, ${notNot} non notifiée(s) (décision motivée), ${pending} sans décision.`,
    severityCause: 'Gravité et causes',
    notification: 'Notification à l’autorité de contrôle',
    notificationIntro: (w: number, n: number, med: string, h: number) => `${w} notification(s) sur ${n} dans le délai de ${h}${'\u00a0'}heures (art. 33(1)) ; délai médian entre la prise de connaissance et la notification : ${med}${'\u00a0'}h.`,
    noNotification: 'Aucune notification sur la période.',
    notNotifiedCols: ['Violation', 'Motif de la non-notification'],
    lessons: 'Enseignements et actions de suivi',
    lessonsNone: 'Aucun enseignement consigné.',
    followCols: ['Violation', 'Action', 'Responsable', 'Échéance'],
    noFollow: 'Aucune action de suivi ouverte.',
    vendors: 'Prestataires et transferts hors UE',
    vendorsIntro: (v: number, t: number) => `${v} prestataire(s) au registre ; ${t} transfert(s) hors de l’Espace économique européen documenté(s).`,
    transfers: 'Transferts par pays et par garantie',
    noTransfer: 'Aucun transfert hors UE documenté.',
    dpf: (c: number, s: number, m: number) => `Data Privacy Framework : ${c} vérification(s) à jour, ${s} vérification(s) de plus de 12${'\u00a0'}mois, ${m} transfert(s) sans vérification.`,
    art28: 'Contrats de sous-traitance (article 28)',
    art28Cols: ['Prestataire', 'Clauses manquantes', 'Non vérifiées'],
    art28None: 'Tous les contrats de sous-traitance vérifiés comportent les clauses obligatoires.',
    reviews: 'Revues et analyses d’impact des transferts (TIA)',
    reviewCols: ['Prestataire', 'Revue prévue le'],
    reviewsNone: 'Aucune revue en retard.',
    tiaCols: ['Prestataire', 'Pays', 'Situation'],
    tiaReason: { pending: 'TIA en cours', reevaluation: 'Réévaluation dépassée', missing: 'TIA à réaliser' },
    tiaNone: 'Aucune TIA en attente.',
    plan: 'Plan d’action',
    planIntro: 'Chaque alerte ouverte de l’espace de travail devient une action. Priorité 1 : échéance légale dépassée ou exigence légale manquante ; 2 : à traiter dans le trimestre ; 3 : dans l’année.',
    planCols: ['Prio.', 'Domaine', 'Objet', 'Action', 'Article', 'Responsable', 'Échéance'],
    planNone: 'Aucune alerte ouverte.',
    method: 'Méthode',
    methodText: (p: string, pp: string) => [
      `Période couverte : ${p}. Période de comparaison : ${pp}.`,
      'Les demandes sont comptées à leur date de réception ; les réponses et les délais à la date d’envoi de la réponse.',
      'Les violations sont comptées à la date à laquelle l’organisme en a pris connaissance ; le délai de notification court de cette date à la première notification.',
      'Le registre, les prestataires et le plan d’action décrivent la situation à la date de génération.',
      'Chiffres calculés par Vigie à partir de l’espace de travail, sans saisie manuelle : les mêmes chiffres s’affichent dans le tableau de bord.',
    ],
    figure: 'Figure',
    total: 'Total',
    more: (n: number) => `… et ${n} autre(s) : la liste complète figure dans le registre correspondant.`,
    morePlan: (n: number, areas: string) => `… et ${n} action(s) de priorité moindre (${areas}) : la liste complète s’affiche dans Vigie.`,
  },
  en: {
    title: 'Data Protection Officer’s annual report',
    short: 'DPO annual report',
    period: (from: string, to: string) => `Period from ${from} to ${to}`,
    preparedBy: 'Prepared by',
    dpo: 'Data Protection Officer',
    generated: (d: string, g: string) => `Generated on ${d} by ${g}`,
    confidential: 'Internal document — for management',
    toc: 'Contents',
    tocHint: 'If the contents show no page numbers, right-click them and choose “Update field”.',
    page: 'page',
    summary: 'Executive summary',
    keyFigures: 'Key figures',
    kfCols: ['Indicator', 'Period', 'Previous period', 'Trend'],
    decisions: 'What management must decide or fund',
    noDecision: 'No decision is needed: nothing blocking is open.',
    stateNote: (d: string) => `Indicators without a previous period describe the situation on ${d}.`,
    trend: { up: 'up', down: 'down', same: 'stable', none: 'current situation', better: 'better', worse: 'worse' },
    register: 'Record of processing activities',
    registerIntro: (n: number, score: number, complete: number) => `The register holds ${n} live processing activities. Completeness score: ${score} / 100; ${complete} records are complete.`,
    byRole: 'By role and by department',
    roleCols: ['Role', 'Activities'],
    deptCols: ['Department', 'Activities'],
    completeness: 'Completeness and records to fix',
    toFixCols: ['Ref.', 'Activity', 'Score', 'Owner', 'To complete'],
    allComplete: 'Every record is complete.',
    dpia: 'Data protection impact assessments (DPIA)',
    dpiaIntro: (req: number, likely: number, done: number) => `Screening: ${req} processing activities require a DPIA, ${likely} probably need one; ${done} DPIA(s) done.`,
    dpiaCols: ['Ref.', 'Activity', 'Screening result', 'Owner'],
    dpiaResult: { required: 'DPIA required', likely: 'DPIA probably needed' },
    noDpiaDue: 'No DPIA is pending.',
    storage: 'Storage limitation',
    storageIntro: (due: number, held: number, overdue: number) =>
      `Vigie applies its own retention periods: ${due} item(s) it holds are past their period (${held} on litigation hold). Business-system purges the register calls for and not recorded by their due day: ${overdue}.`,
    storageCols: ['Ref.', 'Activity', 'Data category', 'Due', 'Owner'],
    targetLine: (rate: string, days: number) => `Internal target for answering requests: ${days} days; answered within it over twelve months: ${rate}.`,
    requests: 'Rights requests',
    requestsIntro: (r: number, a: number, rate: string, med: string) => `${r} request(s) received and ${a} answer(s) sent in the period. Answered on time: ${rate}; median days to answer: ${med}.`,
    volume: 'Volume per month and per right',
    timeliness: 'Timeliness',
    timelinessNote: 'An answer is on time when it is sent by the legal deadline (one month, or three months when an extension was notified in time — GDPR Art. 12(3)).',
    late: 'Overdue and extended requests',
    lateIntro: (o: number, l: number, e: number) => `${o} request(s) overdue today; ${l} answer(s) sent after the deadline in the period; ${e} extension(s).`,
    lateCols: ['Reference', 'Received', 'Deadline'],
    refusals: 'Refusals and their grounds',
    refusalCols: ['Reference', 'Outcome', 'Grounds'],
    noRefusal: 'No refusal in the period.',
    breaches: 'Personal data breaches',
    breachesIntro: (n: number, notified: number, notNot: number, pending: number) => `${n} breach(es) recorded in the period: ${notified} notified to the supervisory authority, ${notNot} not notified (reasoned decision), ${pending} without a decision.`,
    severityCause: 'Severity and causes',
    notification: 'Notification to the supervisory authority',
    notificationIntro: (w: number, n: number, med: string, h: number) => `${w} of ${n} notification(s) within ${h} hours (Art. 33(1)); median time from awareness to notification: ${med} h.`,
    noNotification: 'No notification in the period.',
    notNotifiedCols: ['Breach', 'Why it was not notified'],
    lessons: 'Lessons learned and follow-up actions',
    lessonsNone: 'No lesson recorded.',
    followCols: ['Breach', 'Action', 'Owner', 'Due'],
    noFollow: 'No open follow-up action.',
    vendors: 'Vendors and transfers outside the EU',
    vendorsIntro: (v: number, t: number) => `${v} vendor(s) in the register; ${t} transfer(s) outside the European Economic Area documented.`,
    transfers: 'Transfers by country and safeguard',
    noTransfer: 'No transfer outside the EU documented.',
    dpf: (c: number, s: number, m: number) => `Data Privacy Framework: ${c} check(s) up to date, ${s} check(s) older than 12 months, ${m} transfer(s) never checked.`,
    art28: 'Processor contracts (Article 28)',
    art28Cols: ['Vendor', 'Missing clauses', 'Not checked'],
    art28None: 'Every processor contract checked contains the mandatory clauses.',
    reviews: 'Reviews and transfer impact assessments (TIA)',
    reviewCols: ['Vendor', 'Review due on'],
    reviewsNone: 'No review overdue.',
    tiaCols: ['Vendor', 'Country', 'Situation'],
    tiaReason: { pending: 'TIA in progress', reevaluation: 'Re-evaluation overdue', missing: 'TIA to carry out' },
    tiaNone: 'No TIA pending.',
    plan: 'Action plan',
    planIntro: 'Every open warning of the workspace becomes an action. Priority 1: a legal deadline has passed or a legal requirement is missing; 2: this quarter; 3: this year.',
    planCols: ['Prio.', 'Area', 'Subject', 'Action', 'Article', 'Owner', 'Due'],
    planNone: 'No open warning.',
    method: 'Method',
    methodText: (p: string, pp: string) => [
      `Period covered: ${p}. Comparison period: ${pp}.`,
      'Requests are counted on the day they were received; answers and timeliness on the day the answer was sent.',
      'Breaches are counted on the day the organisation became aware of them; the notification time runs from then to the first notification.',
      'The register, the vendors and the action plan describe the situation on the day of generation.',
      'Figures computed by Vigie from the workspace, with no manual entry: the dashboard shows the same figures.',
    ],
    figure: 'Figure',
    total: 'Total',
    more: (n: number) => `… and ${n} more: the full list is in the corresponding register.`,
    morePlan: (n: number, areas: string) => `… and ${n} lower-priority action(s) (${areas}): Vigie shows the full list.`,
  },
};

// ── building blocks (the report's own: headings keep with next, rows never split) ─────────────────────
const run = (value: string, o: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) => new TextRun({ text: value, font: FONT, ...o });

function p(value: string | TextRun[], o: { bold?: boolean; italics?: boolean; size?: number; color?: string; after?: number; before?: number; align?: 'center' | 'right'; keepNext?: boolean } = {}): Paragraph {
  const children = typeof value === 'string' ? [run(value, o)] : value;
  return new Paragraph({
    children,
    spacing: { after: o.after ?? 120, before: o.before ?? 0 },
    alignment: o.align === 'center' ? AlignmentType.CENTER : o.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    keepNext: o.keepNext,
  });
}

function h(value: string, level: 1 | 2, pageBreakBefore = false): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [run(value)],
    keepNext: true,
    keepLines: true,
    pageBreakBefore,
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };

/** A table whose rows never split across pages and whose header row repeats on each page. */
function tbl(header: string[], rows: string[][], widths: number[], o: { firstBold?: boolean } = {}): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const cell = (value: string, head: boolean, i: number, last: boolean) =>
    new TableCell({
      children: value.split('\n').map((line) => new Paragraph({ children: [run(line, { bold: head || (o.firstBold === true && i === 0), size: 18, color: head ? 'FFFFFF' : undefined })], spacing: { after: 20 }, keepNext: !last })),
      shading: head ? { type: ShadingType.CLEAR, color: 'auto', fill: ACCENT } : undefined,
      width: { size: Math.round((widths[i]! / total) * CONTENT_TWIPS), type: WidthType.DXA },
      borders: { top: border, bottom: border, left: border, right: border },
      margins: { top: 50, bottom: 50, left: 80, right: 80 },
    });
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round((w / total) * CONTENT_TWIPS)),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((x, i) => cell(x, true, i, false)) }),
      // Small tables (≤ 8 rows) are kept whole on one page; longer ones flow, row by row.
      ...rows.map((r, ri) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, false, i, rows.length > 8 || ri === rows.length - 1)) })),
    ],
  });
}

function chart(c: Chart, caption: string): Paragraph[] {
  const scale = Math.min(1, CONTENT_PX / c.width);
  return [
    new Paragraph({
      children: [new ImageRun({ type: 'png', data: c.png, transformation: { width: Math.round(c.width * scale), height: Math.round(c.height * scale) }, altText: { name: c.id, title: c.title, description: caption } })],
      keepNext: true,
      spacing: { before: 120, after: 40 },
    }),
    p(caption, { italics: true, size: 17, color: GREY, after: 200 }),
  ];
}

const spacer = () => p('', { after: 80 });

function trendOf(k: KeyFigure, t: (typeof T)['fr']): string {
  if (k.previous === undefined) return t.trend.none;
  if (k.value === null || k.previous === null) return '—';
  if (k.value === k.previous) return `= ${t.trend.same}`;
  const up = k.value > k.previous;
  const arrow = up ? '▲' : '▼';
  const word = up ? t.trend.up : t.trend.down;
  const judge = k.higherIsBetter === null ? '' : ` (${(up === k.higherIsBetter ? t.trend.better : t.trend.worse)})`;
  return `${arrow} ${word}${judge}`;
}

function fmtFigure(v: number | null | undefined, unit: KeyFigure['unit'], lang: Lang): string {
  if (v === undefined) return '—';
  if (unit === 'percent') return percent(v, lang);
  if (unit === 'score') return v === null ? num(v, lang) : `${num(v, lang)}\u00a0/\u00a0100`;
  if (unit === 'days') return v === null ? num(v, lang) : `${num(v, lang)} ${lang === 'fr' ? 'j' : 'd'}`;
  return num(v, lang);
}

function sortedCounts(c: Record<string, number>): Array<[string, number]> {
  return Object.entries(c).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Builds the DOCX. */
export async function buildAnnualReport(input: AnnualReportInput): Promise<Buffer> {
  const { figures: f, lang, profile, charts } = input;
  const t = T[lang];
  const tx = (s: string) => (lang === 'fr' ? frTypo(s) : s);
  const org = profile.controller_name || (lang === 'fr' ? 'Organisme' : 'Organisation');
  const periodText = t.period(dateLong(f.period.from, lang), dateLong(f.period.to, lang));
  const prevText = `${dateLong(f.previousPeriod.from, lang)} – ${dateLong(f.previousPeriod.to, lang)}`;
  let fig = 0;
  const caption = (s: string) => `${t.figure} ${++fig} — ${s}`;
  // What the table of contents needs: the headings, and how heavy the body is (see below).
  const headings: Array<{ title: string; level: number }> = [];
  let tableRows = 0;
  const H = (value: string, level: 1 | 2, pageBreakBefore = false) => {
    headings.push({ title: value, level });
    return h(value, level, pageBreakBefore);
  };
  const TBL = (header: string[], rows: string[][], widths: number[], o: { firstBold?: boolean } = {}) => {
    tableRows += rows.length;
    return tbl(header, rows, widths, o);
  };

  // ── cover ──
  const cover: Paragraph[] = [];
  if (input.logo) {
    const w = Math.min(200, input.logo.width);
    cover.push(new Paragraph({ children: [new ImageRun({ type: input.logo.type, data: input.logo.data, transformation: { width: w, height: Math.round((input.logo.height / input.logo.width) * w) }, altText: { name: 'logo', title: org, description: org } })], spacing: { after: 600 } }));
  } else cover.push(p('', { after: 1400 }));
  cover.push(
    p(org, { bold: true, size: 32, color: ACCENT, after: 400 }),
    p(tx(t.title), { bold: true, size: 48, color: '000000', after: 300 }),
    p(periodText, { size: 28, color: GREY, after: 1600 }),
    ...(profile.dpo_name ? [p(`${t.preparedBy} : ${profile.dpo_name}, ${t.dpo.toLowerCase()}${profile.dpo_email ? ` — ${profile.dpo_email}` : ''}`.replace(' :', lang === 'fr' ? '\u00a0:' : ':'), { size: 22, after: 120 })] : []),
    p(t.generated(dateLong(input.generatedAt.slice(0, 10), lang), input.generator), { size: 20, color: GREY, after: 120 }),
    p(t.confidential, { size: 20, italics: true, color: GREY }),
  );

  // ── contents ──

  const body: Array<Paragraph | Table> = [];
  // ── executive summary ──
  body.push(H(t.summary, 1, true), H(t.keyFigures, 2));
  body.push(
    TBL(
      t.kfCols,
      f.keyFigures.map((k) => [k.label[lang], fmtFigure(k.value, k.unit, lang), k.previous === undefined ? '—' : fmtFigure(k.previous, k.unit, lang), trendOf(k, t)]),
      [40, 17, 20, 23],
      { firstBold: true },
    ),
    p(tx(t.stateNote(dateLong(f.today, lang))), { italics: true, size: 17, color: GREY, before: 80 }),
    H(t.decisions, 2),
  );
  if (f.decisions.length === 0) body.push(p(tx(t.noDecision)));
  f.decisions.forEach((d, i) => body.push(new Paragraph({ numbering: { reference: 'decisions', level: 0 }, children: [run(tx(d.text[lang]))], spacing: { after: 100 }, keepLines: true, ...(i === 0 ? {} : {}) })));

  // ── register ──
  const r = f.register;
  body.push(H(t.register, 1, true), p(tx(t.registerIntro(r.activities, r.score, r.complete))), H(t.byRole, 2));
  body.push(TBL(t.roleCols, sortedCounts(r.byRole).map(([k, v]) => [roleLabel(k, lang), String(v)]), [70, 30]), spacer());
  body.push(...chart(charts.legalBases, caption(lang === 'fr' ? 'Activités par base légale (un traitement peut en avoir plusieurs)' : 'Activities by legal basis (an activity may have several)')));
  body.push(TBL(t.deptCols, sortedCounts(r.byDepartment).map(([k, v]) => [k === 'unknown' ? label({}, null, lang) : k, String(v)]), [70, 30]));
  body.push(H(t.completeness, 2));
  if (r.toFix.length === 0) body.push(p(t.allComplete));
  else
    body.push(
      TBL(
        t.toFixCols,
        r.toFix.slice(0, MAX_ROWS).map((a) => [a.reference, a.name, String(a.score), a.owner ?? '', a.issues.filter((i) => i.severity === 'error').slice(0, 3).concat(a.issues.filter((i) => i.severity === 'warning').slice(0, 1)).map((i) => `• ${tx(i.message[lang])} (${i.article})`).join('\n')]),
        [9, 22, 8, 16, 45],
      ),
    );
  if (r.toFix.length > MAX_ROWS) body.push(p(tx(t.more(r.toFix.length - MAX_ROWS)), { italics: true, size: 18, before: 60 }));
  body.push(H(t.dpia, 2), p(tx(t.dpiaIntro(r.dpia.required, r.dpia.likely, r.dpia.done)), { keepNext: true }));
  if (r.dpia.due.length === 0) body.push(p(t.noDpiaDue));
  else body.push(TBL(t.dpiaCols, r.dpia.due.map((d) => [d.reference, d.name, t.dpiaResult[d.result], d.owner ?? '']), [12, 40, 26, 22]));
  const st = f.storage;
  if (st) {
    body.push(H(t.storage, 2), p(tx(t.storageIntro(st.vigieDue, st.vigieHeld, st.businessOverdue.length)), { keepNext: st.businessOverdue.length > 0 }));
    if (st.businessOverdue.length) body.push(TBL(t.storageCols, st.businessOverdue.slice(0, MAX_ROWS).map((o) => [o.activityReference, o.activityName, o.categoryLabel, dateShort(o.dueOn), o.owner ?? '']), [10, 32, 28, 14, 16]));
    if (st.targetDays !== null) body.push(p(tx(t.targetLine(percent(st.onTargetRate === null ? null : Math.round(st.onTargetRate * 1000) / 10, lang), st.targetDays))));
  }

  // ── requests ──
  const q = f.requests;
  body.push(H(t.requests, 1, true), p(tx(t.requestsIntro(q.received, q.answered, percent(q.onTimeRate === null ? null : Math.round(q.onTimeRate * 1000) / 10, lang), num(q.medianDays, lang)))), H(t.volume, 2));
  body.push(...chart(charts.requestsPerMonth, caption(lang === 'fr' ? 'Demandes reçues par mois' : 'Requests received per month')));
  body.push(...chart(charts.requestsPerRight, caption(lang === 'fr' ? 'Droits exercés (une demande peut en viser plusieurs)' : 'Rights exercised (a request may cover several)')));
  body.push(H(t.timeliness, 2), p(tx(t.timelinessNote), { size: 19 }));
  body.push(...chart(charts.onTimePerMonth, caption(lang === 'fr' ? 'Part des réponses envoyées dans le délai, par mois de réponse' : 'Share of answers sent on time, by month of answer')));
  body.push(...chart(charts.medianDaysPerMonth, caption(lang === 'fr' ? 'Délai médian de réponse (jours calendaires), par mois de réponse' : 'Median days to answer (calendar days), by month of answer')));
  body.push(H(t.late, 2), p(tx(t.lateIntro(q.overdueNow.length, q.answeredLate, q.extended)), { keepNext: true }));
  if (q.overdueNow.length) body.push(TBL(t.lateCols, q.overdueNow.slice(0, MAX_ROWS).map((o) => [o.reference, dateShort(o.receivedOn), dateShort(o.dueDate)]), [40, 30, 30]));
  if (q.overdueNow.length > MAX_ROWS) body.push(p(tx(t.more(q.overdueNow.length - MAX_ROWS)), { italics: true, size: 18, before: 60 }));
  body.push(H(t.refusals, 2));
  if (q.refusals.length === 0) body.push(p(t.noRefusal));
  else body.push(TBL(t.refusalCols, q.refusals.slice(0, MAX_ROWS).map((x) => [x.reference, label(OUTCOME_LABELS, x.outcome, lang), x.reasons]), [22, 20, 58]));
  if (q.refusals.length > MAX_ROWS) body.push(p(tx(t.more(q.refusals.length - MAX_ROWS)), { italics: true, size: 18, before: 60 }));

  // ── breaches ──
  const b = f.breaches;
  body.push(H(t.breaches, 1, true), p(tx(t.breachesIntro(b.count, b.notified, b.notNotified.length, b.pendingDecision))), H(t.severityCause, 2));
  body.push(...chart(charts.breachesBySeverity, caption(lang === 'fr' ? 'Violations par niveau de gravité' : 'Breaches by severity')));
  body.push(...chart(charts.breachesByCause, caption(lang === 'fr' ? 'Violations par cause (nomenclature CNIL)' : 'Breaches by cause (CNIL categories)')));
  body.push(H(t.notification, 2));
  const limit = b.hoursToNotify[0]?.limit ?? profile.breach_notification_hours;
  if (b.hoursToNotify.length === 0) body.push(p(t.noNotification));
  else body.push(p(tx(t.notificationIntro(b.notifiedWithinLimit, b.hoursToNotify.length, num(b.medianHoursToNotify, lang), limit))));
  if (charts.hoursToNotify) body.push(...chart(charts.hoursToNotify, caption(lang === 'fr' ? `Heures entre la prise de connaissance et la notification, comparées aux ${limit}\u00a0h` : `Hours from awareness to notification, against ${limit} h`)));
  if (b.notNotified.length) body.push(TBL(t.notNotifiedCols, b.notNotified.map((x) => [x.reference, x.reason]), [22, 78]));
  body.push(H(t.lessons, 2));
  if (b.lessons.length === 0) body.push(p(t.lessonsNone));
  for (const l of b.lessons) body.push(p([run(`${l.reference} — `, { bold: true }), run(tx(l.text))]));
  if (b.openFollowUps.length === 0) body.push(p(t.noFollow));
  else body.push(TBL(t.followCols, b.openFollowUps.map((x) => [x.reference, x.action, x.owner, dateShort(x.due)]), [18, 50, 18, 14]));

  // ── vendors ──
  const v = f.vendors;
  body.push(H(t.vendors, 1, true), p(tx(t.vendorsIntro(v.vendors, v.transfers))), H(t.transfers, 2));
  if (v.transfers === 0) body.push(p(t.noTransfer));
  if (charts.transfersByCountry) body.push(...chart(charts.transfersByCountry, caption(lang === 'fr' ? 'Transferts hors UE par pays de destination' : 'Transfers outside the EU by destination country')));
  if (charts.transfersByTool) body.push(...chart(charts.transfersByTool, caption(lang === 'fr' ? 'Transferts hors UE par garantie (chapitre V)' : 'Transfers outside the EU by safeguard (Chapter V)')));
  body.push(p(tx(t.dpf(v.dpf.checked, v.dpf.stale, v.dpf.missing))));
  body.push(H(t.art28, 2));
  if (v.missingArt28.length === 0) body.push(p(t.art28None));
  else body.push(TBL(t.art28Cols, v.missingArt28.map((x) => [x.vendor, String(x.missing), String(x.unchecked)]), [50, 25, 25]));
  body.push(H(t.reviews, 2));
  if (v.reviewsOverdue.length === 0) body.push(p(t.reviewsNone));
  else body.push(TBL(t.reviewCols, v.reviewsOverdue.map((x) => [x.vendor, dateShort(x.due)]), [60, 40]));
  body.push(spacer());
  if (v.tiasDue.length === 0) body.push(p(t.tiaNone));
  else body.push(TBL(t.tiaCols, v.tiasDue.map((x) => [x.vendor, countryLabel(x.country, lang), t.tiaReason[x.reason]]), [45, 25, 30]));

  // ── action plan ──
  body.push(H(t.plan, 1, true), p(tx(t.planIntro), { keepNext: true }));
  if (f.actionPlan.length === 0) body.push(p(t.planNone));
  else
    body.push(
      TBL(
        t.planCols,
        f.actionPlan.slice(0, MAX_PLAN).map((a) => [String(a.priority), label(AREA_LABELS, a.area, lang), a.subject, tx(a.action[lang]), a.article, a.owner, dateShort(a.due)]),
        [6, 13, 14, 26, 12, 15, 14],
      ),
    );
  if (f.actionPlan.length > MAX_PLAN) {
    const rest = f.actionPlan.slice(MAX_PLAN);
    const byArea = Object.entries(rest.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.area]: (acc[a.area] ?? 0) + 1 }), {}));
    body.push(p(tx(t.morePlan(rest.length, byArea.map(([k, n]) => `${label(AREA_LABELS, k, lang)}${lang === 'fr' ? ' :' : ':'} ${n}`).join(', '))), { italics: true, size: 18, before: 60 }));
  }

  // ── method ──
  body.push(H(t.method, 1, true));
  for (const line of t.methodText(`${dateLong(f.period.from, lang)} – ${dateLong(f.period.to, lang)}`, prevText)) body.push(p(tx(line)));

  // The table of contents is a real Word TOC field over Heading 1–2 (Word refreshes it on opening:
  // updateFields). Its written content: with estimated page numbers when the body is light (the
  // estimator lays out every table row: ~2 s for a typical report, ~9 s with 200 rows), else the
  // headings without page numbers, so it never reads empty in a viewer that does not update fields.
  const estimate = tableRows <= MAX_ESTIMATED_ROWS;
  const contents = [
    p(t.toc, { bold: true, size: 30, color: ACCENT, after: 200 }),
    estimate ? new TableOfContents(t.toc, { hyperlink: true, headingStyleRange: '1-2' }) : new TableOfContents(t.toc, { hyperlink: true, headingStyleRange: '1-2', cachedEntries: headings }),
    p(tx(t.tocHint), { italics: true, size: 16, color: GREY, before: 200 }),
  ];

  const language = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [run(`${t.short} — ${t.page} `, { size: 16, color: GREY }), new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 16, color: GREY }), run(' / ', { size: 16, color: GREY }), new TextRun({ children: [PageNumber.TOTAL_PAGES], font: FONT, size: 16, color: GREY })],
      }),
    ],
  });
  const header = new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`${org} — ${periodText}`, { size: 16, color: GREY })] })] });
  const margins = { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 } } };

  const doc = new Document({
    title: `${t.title} — ${org}`,
    creator: input.generator,
    description: periodText,
    features: { updateFields: true },
    ...(estimate ? { pageNumbers: estimatePageNumbers } : {}),
    numbering: { config: [{ reference: 'decisions', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 400, hanging: 300 } } } }] }] },
    styles: {
      default: { document: { run: { font: FONT, size: 21, language: { value: language } } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 32, bold: true, color: ACCENT }, paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 160 }, outlineLevel: 0 } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 25, bold: true, color: '222222' }, paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 120 }, outlineLevel: 1 } },
      ],
    },
    sections: [
      { properties: { ...margins, titlePage: true }, headers: { default: header, first: new Header({ children: [new Paragraph({ children: [] })] }) }, footers: { default: footer, first: new Footer({ children: [new Paragraph({ children: [] })] }) }, children: [...cover, new Paragraph({ children: [new PageBreak()] }), ...contents] },
      { properties: { ...margins }, headers: { default: header }, footers: { default: footer }, children: body },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Chart data in the order the report shows it, with FR/EN labels (used by the report and the tests). */
export function chartInputs(f: Figures, lang: Lang) {
  const fr = lang === 'fr';
  return {
    legalBases: sortedCounts(f.register.byLegalBasis).map(([k, v]) => ({ label: legalBasisLabel(k, lang), value: v })),
    perRight: sortedCounts(f.requests.perRight).map(([k, v]) => ({ label: rightLabel(k, lang), value: v })),
    bySeverity: ['very-high', 'high', 'medium', 'low', 'unknown'].filter((k) => f.breaches.bySeverity[k] !== undefined || k !== 'unknown').map((k) => ({ label: label(SEVERITY_LABELS, k, lang), value: f.breaches.bySeverity[k] ?? 0 })),
    byCause: sortedCounts(f.breaches.byCause).map(([k, v]) => ({ label: causeLabel(k, lang), value: v })),
    byCountry: sortedCounts(f.vendors.transfersByCountry).map(([k, v]) => ({ label: countryLabel(k, lang), value: v })),
    byTool: sortedCounts(f.vendors.transfersByTool).map(([k, v]) => ({ label: toolLabel(k === 'unknown' ? null : k, lang), value: v })),
    titles: {
      perMonth: fr ? 'Demandes reçues par mois' : 'Requests received per month',
      perRight: fr ? 'Demandes par droit exercé' : 'Requests per right',
      onTime: fr ? 'Réponses dans le délai (%)' : 'Answers on time (%)',
      median: fr ? 'Délai médian de réponse (jours)' : 'Median days to answer',
      severity: fr ? 'Violations par gravité' : 'Breaches by severity',
      cause: fr ? 'Violations par cause' : 'Breaches by cause',
      hours: fr ? 'Délai de notification (heures)' : 'Time to notify (hours)',
      legal: fr ? 'Activités par base légale' : 'Activities by legal basis',
      country: fr ? 'Transferts par pays' : 'Transfers by country',
      tool: fr ? 'Transferts par garantie' : 'Transfers by safeguard',
      target: fr ? 'objectif 100\u00a0%' : 'target 100%',
      late: fr ? 'hors délai' : 'late',
    },
  };
}
