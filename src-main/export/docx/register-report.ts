/**
 * The record of processing activities (Art. 30) as a Word document for management and for the
 * supervisory authority: a summary table, one record sheet per controller activity following the
 * CNIL's "fiche de registre" blocks (Art. 30(1)), then the processor register (Art. 30(2)) as one
 * record per client controller, and what is still missing.
 *
 * Layout rules (checked by register-report.pdf.test.ts through LibreOffice): sheets follow one
 * another without forced page breaks (14 activities fit in about a dozen pages); a table row never
 * splits across pages (cantSplit); a heading and the title row of its table stay with what follows
 * (keepNext); header cells are wide enough never to wrap mid-word; references never break at their
 * hyphens (non-breaking hyphen); the document declares its language; French text gets its
 * no-break spaces before « ; : ! ? » and inside « ».
 */
import { AlignmentType, BorderStyle, Document, Footer, PageNumber, Paragraph, ShadingType, TextRun } from 'docx';
import type { OrgProfile } from '../../domain/org-profile';
import type { ActivityInput, ClientController, Period, Retention } from '../../domain/register/activity';
import { articleRef } from '../../domain/register/article-ref';
import type { CompletenessIssue } from '../../domain/register/completeness';
import { DPIA_SCREENING_LABELS, dpiaDecision, screenDpia } from '../../domain/register/dpia';
import { registerVocabularies } from '../../domain/register/reference-lists';
import type { ProcessorEntry, RegisterTransferLine } from '../../domain/register/vendor-links';
import { DURATION_UNIT_LABELS, dataSubjectLabel } from '../../domain/register/vocabulary';
import { CONTENT_WIDTH_TWIPS, FONT, bodyMarker, formatDateLong, packWithBodies, type Lang } from './common';
import { NO_BREAK_HYPHEN, XmlWriter, type XBlock } from './fast-xml';

export interface RegisterReportActivity {
  activity: ActivityInput;
  completeness: { score: number; issues: CompletenessIssue[] };
  /** Processors as linked to the vendor register (names are the vendors' current names). */
  processors: ProcessorEntry[];
  /** Transfers outside the EEA: the activity's own and those of its linked vendors. */
  transfers: RegisterTransferLine[];
  updatedAt: string;
}

const L = {
  fr: {
    title: 'Registre des activités de traitement',
    subtitle: 'Article 30 du RGPD',
    controller: 'Responsable de traitement',
    dpo: 'Délégué à la protection des données',
    generated: 'Édité le',
    summary: 'Synthèse',
    summaryText: (n: number, score: number, complete: number) =>
      `${n} activités de traitement en vigueur ; complétude du registre : ${score} / 100 ; ${complete} ${complete > 1 ? 'fiches complètes' : 'fiche complète'}.`,
    ctrlRegister: 'Registre du responsable de traitement (art. 30, § 1)',
    procRegister: 'Registre du sous-traitant (art. 30, § 2)',
    procIntro: 'Une fiche par responsable de traitement pour le compte duquel l’organisme agit en qualité de sous-traitant : catégories de traitements effectués pour son compte, transferts hors EEE et mesures de sécurité.',
    cols: ['Réf.', 'Traitement', 'Finalité principale', 'Base légale', 'Données sensibles', 'Score'],
    procCols: ['Responsable de traitement (client)', 'Traitements effectués pour son compte', 'Transferts hors EEE'],
    yes: 'Oui',
    no: 'Non',
    none: 'Aucun',
    noneF: 'Aucune',
    notSet: 'Non renseigné',
    f: {
      ref: 'Référence', owner: 'Responsable opérationnel / service', role: 'Rôle', status: 'Statut', review: 'Prochaine revue', updated: 'Dernière mise à jour',
      purposes: 'Finalités et bases légales', subjects: 'Catégories de personnes concernées', categories: 'Catégories de données et durées de conservation',
      sensitive: 'Données sensibles (art. 9 et 10)', sources: 'Sources des données', recipients: 'Destinataires', processors: 'Sous-traitants',
      transfers: 'Transferts hors EEE', security: 'Mesures de sécurité', dpia: 'Analyse d’impact (AIPD)', joint: 'Responsable conjoint', notes: 'Observations',
      client: 'Responsable de traitement', contact: 'Coordonnées', representative: 'Représentant', clientDpo: 'Délégué à la protection des données',
      processing: 'Catégories de traitements effectués pour son compte', subProcessors: 'Sous-traitants ultérieurs', breachNotice: 'Notification des violations au client',
    },
    breachHours: (h: number) => `dans les ${h} heures suivant leur découverte (contrat)`,
    breachUndue: 'dans les meilleurs délais (art. 33, § 2) ; délai contractuel non renseigné',
    missingTitle: 'Points à compléter',
    complete: 'Fiche complète.',
    interest: 'intérêt légitime',
    art9: 'condition',
    then: 'puis',
    active: 'Base active',
    archive: 'archivage intermédiaire',
    fate: 'sort final',
    screening: 'Filtrage',
    decision: 'Décision du DPO',
    notLinked: 'à relier au registre des sous-traitants',
    vendorGone: 'fiche introuvable dans le registre des sous-traitants',
    viaVendor: (name: string) => `d’après la fiche du prestataire « ${name} »`,
    forActivity: 'Traitement',
  },
  en: {
    title: 'Record of processing activities',
    subtitle: 'Article 30 GDPR',
    controller: 'Controller',
    dpo: 'Data Protection Officer',
    generated: 'Issued on',
    summary: 'Summary',
    summaryText: (n: number, score: number, complete: number) =>
      `${n} processing activities in force; register completeness: ${score} / 100; ${complete} complete ${complete === 1 ? 'record' : 'records'}.`,
    ctrlRegister: 'Controller register (Art. 30(1))',
    procRegister: 'Processor register (Art. 30(2))',
    procIntro: 'One record per controller on whose behalf the organisation acts as a processor: categories of processing carried out on its behalf, transfers outside the EEA and security measures.',
    cols: ['Ref.', 'Activity', 'Main purpose', 'Legal basis', 'Special data', 'Score'],
    procCols: ['Controller (client)', 'Processing carried out on its behalf', 'Transfers outside the EEA'],
    yes: 'Yes',
    no: 'No',
    none: 'None',
    noneF: 'None',
    notSet: 'Not set',
    f: {
      ref: 'Reference', owner: 'Business owner / department', role: 'Role', status: 'Status', review: 'Next review', updated: 'Last updated',
      purposes: 'Purposes and legal bases', subjects: 'Data subject categories', categories: 'Data categories and retention periods',
      sensitive: 'Special categories (Art. 9 and 10)', sources: 'Data sources', recipients: 'Recipients', processors: 'Processors',
      transfers: 'Transfers outside the EEA', security: 'Security measures', dpia: 'Data protection impact assessment (DPIA)', joint: 'Joint controller', notes: 'Notes',
      client: 'Controller', contact: 'Contact details', representative: 'Representative', clientDpo: 'Data protection officer',
      processing: 'Categories of processing carried out on its behalf', subProcessors: 'Sub-processors', breachNotice: 'Breach notice to the client',
    },
    breachHours: (h: number) => `within ${h} hours of becoming aware (contract)`,
    breachUndue: 'without undue delay (Art. 33(2)); contractual period not recorded',
    missingTitle: 'Still to complete',
    complete: 'Record complete.',
    interest: 'legitimate interest',
    art9: 'condition',
    then: 'then',
    active: 'Active use',
    archive: 'intermediate archive',
    fate: 'final fate',
    screening: 'Screening',
    decision: 'DPO’s decision',
    notLinked: 'to link to the vendor register',
    vendorGone: 'record not found in the vendor register',
    viaVendor: (name: string) => `from the vendor file of '${name}'`,
    forActivity: 'Activity',
  },
};

// ---------------------------------------------------------------------------------------------
// Typography and building blocks

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** French spacing: narrow no-break space before ; ! ?, no-break space before : and inside « ». */
export function frenchSpacing(s: string): string {
  return s
    .replace(/ ([;!?])/g, `${NNBSP}$1`)
    .replace(/ :(?=\s|$)/g, `${NBSP}:`)
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`)
    .replace(/n° /g, `n°${NBSP}`)
    .replace(/'/g, '’');
}

const ACCENT = '3B4CCA';
/** Register and case references: ST-T01, BR-2026-002, T-001. */
const REFERENCE = /\b[A-Z]{1,5}(?:-[A-Z]?\d+)+\b/g;
const border = { style: BorderStyle.SINGLE, size: 4, color: 'BFC4D6' };
const borders = { top: border, bottom: border, left: border, right: border };
const margins = { top: 50, bottom: 50, left: 80, right: 80 };

function makeKit(lang: Lang) {
  // The sheets are written by fast-xml.ts (the same XML docx writes, without its object trees: 1,000 activities in well under a second).
  const w = new XmlWriter();
  const tx = (s: string) => (lang === 'fr' ? frenchSpacing(s) : s);
  /** One run for one line; hyphens inside references (ST-T01, BR-2026-002) become non-breaking. */
  const runs = (line: string, opts: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): string[] => {
    const s = tx(line);
    const children: Array<string | typeof NO_BREAK_HYPHEN> = [];
    let last = 0;
    for (const m of s.matchAll(REFERENCE)) {
      children.push(s.slice(last, m.index));
      m[0].split('-').forEach((part, i) => {
        if (i > 0) children.push(NO_BREAK_HYPHEN);
        children.push(part);
      });
      last = m.index + m[0].length;
    }
    children.push(s.slice(last));
    return [w.run({ font: FONT, bold: opts.bold, italics: opts.italics, size: opts.size, color: opts.color, children: children.filter((c) => c !== '') })];
  };
  const lines = (value: string, opts: { bold?: boolean; size?: number; color?: string; keepNext?: boolean; after?: number } = {}) =>
    value.split('\n').map((line) => w.paragraph({ children: runs(line, opts), spacing: { after: opts.after ?? 20 }, keepNext: opts.keepNext }));
  const cell = (value: string, widthPct: number, opts: { header?: boolean; label?: boolean; keepNext?: boolean } = {}) =>
    w.cell({
      width: { size: widthPct, type: 'pct' },
      borders,
      margins,
      shading: opts.header ? { type: ShadingType.CLEAR, color: 'auto', fill: ACCENT } : opts.label ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF0FA' } : undefined,
      children: lines(value, { size: 17, bold: opts.header || opts.label, color: opts.header ? 'FFFFFF' : undefined, keepNext: opts.keepNext }),
    });
  /** A table with a repeated shaded header row; rows never split across pages. */
  const grid = (header: string[], rows: string[][], widths: number[]) =>
    w.table({
      width: { size: 100, type: 'pct' },
      // LibreOffice honours explicit grid widths, not cell percentages: give both.
      columnWidths: widths.map((x) => Math.round((x / 100) * CONTENT_WIDTH_TWIPS)),
      rows: [
        w.row({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, widths[i]!, { header: true, keepNext: true })) }),
        ...rows.map((r) => w.row({ cantSplit: true, children: r.map((v, i) => cell(v, widths[i]!)) })),
      ],
    });
  /** A record sheet: label / value rows; the first row is kept with the heading above it. */
  const fields = (rows: Array<[string, string]>) =>
    w.table({
      width: { size: 100, type: 'pct' },
      columnWidths: [Math.round(0.3 * CONTENT_WIDTH_TWIPS), Math.round(0.7 * CONTENT_WIDTH_TWIPS)],
      // The first rows stay with the heading above (a sheet never starts with a lone row at a page foot).
      rows: rows.map(([k, v], i) => w.row({ cantSplit: true, keepNext: i < 3 && i < rows.length - 1, children: [cell(k, 30, { label: true }), cell(v, 70)] })),
    });
  const heading = (value: string, level: 1 | 2 | 3, opts: { pageBreakBefore?: boolean } = {}) =>
    w.paragraph({
      heading: `Heading${level}`,
      children: runs(value),
      keepNext: true,
      keepLines: true,
      pageBreakBefore: opts.pageBreakBefore,
      spacing: { before: level === 1 ? 240 : 280, after: 100 },
    });
  const para = (value: string, opts: { bold?: boolean; italics?: boolean; keepNext?: boolean; after?: number } = {}) =>
    w.paragraph({ children: runs(value, { bold: opts.bold, italics: opts.italics }), keepNext: opts.keepNext, spacing: { after: opts.after ?? 100 } });
  const title = (value: string) => w.paragraph({ children: runs(value, { bold: true, size: 44, color: ACCENT }), spacing: { after: 80 } });
  return { tx, runs, grid, fields, heading, para, title };
}

/** The document around the register's body (styles, footer, page): the body itself goes in place of its marker (packWithBodies). */
function registerDocument(title: string, lang: Lang): Document {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: `${title} — page `, font: FONT, size: 16, color: '808080' }),
          new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 16, color: '808080' }),
          new TextRun({ text: ' / ', font: FONT, size: 16, color: '808080' }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], font: FONT, size: 16, color: '808080' }),
        ],
      }),
    ],
  });
  const language = { value: lang === 'fr' ? 'fr-FR' : 'en-GB' };
  return new Document({
    title,
    creator: 'Vigie',
    styles: {
      default: { document: { run: { font: FONT, size: 20, language } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 30, bold: true, color: ACCENT, language } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 24, bold: true, color: '222222', language } },
        { id: 'Heading3', name: 'Heading 3', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 21, bold: true, color: '444444', language } },
      ],
    },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, footers: { default: footer }, children: [bodyMarker(0)] }],
  });
}

// ---------------------------------------------------------------------------------------------

export async function buildRegisterDocx(input: { profile: OrgProfile; activities: RegisterReportActivity[]; score: number; lang: Lang; today: string }): Promise<Buffer> {
  const { profile, lang } = input;
  const l = L[lang];
  const k = makeKit(lang);
  const v = registerVocabularies();
  const label = (list: string, id: string | null | undefined) => (id ? (v[list]?.find((e) => e.id === id)?.label[lang] ?? id) : '');
  const date = (iso: string) => formatDateLong(iso, lang);
  const period = (p: Period) => ('kind' in p ? p.description : `${p.value} ${p.value > 1 ? DURATION_UNIT_LABELS[p.unit].many[lang] : DURATION_UNIT_LABELS[p.unit].one[lang]}`);
  const retention = (r: Retention | null) =>
    r
      ? [
          `${l.active} : ${period(r.activePeriod)}${r.activeTrigger ? ` (${r.activeTrigger})` : ''}`,
          r.intermediatePeriod ? `${l.then} ${l.archive} : ${period(r.intermediatePeriod)}${r.intermediateLegalRef ? ` (${r.intermediateLegalRef})` : ''}` : '',
          `${l.fate} : ${label('finalFates', r.finalFate)}`,
          r.legalReference ? `[${r.legalReference}]` : '',
        ]
          .filter(Boolean)
          .join(' ; ')
      : l.notSet;
  const list = (items: string[], none: string = l.none) => (items.length ? items.join('\n') : none);
  const processorsText = (a: RegisterReportActivity) =>
    list(a.processors.map((p) => `${p.name}${p.detail ? ` — ${p.detail}` : ''}${p.kind === 'free-text' ? ` (${l.notLinked})` : p.kind === 'missing-vendor' ? ` (${l.vendorGone})` : ''}`));
  const transferLine = (t: RegisterTransferLine) =>
    `${t.recipient} — ${t.countryName[lang]} — ${t.toolLabel?.[lang] ?? l.notSet}${t.derogationLabel ? ` (${t.derogationLabel[lang]})` : ''}${t.source === 'vendor' ? ` — ${l.viaVendor(t.vendorName ?? '')}` : ''}`;
  const securityText = (x: ActivityInput) => list([...x.securityMeasures.catalogue.map((m) => label('securityMeasures', m)), ...(x.securityMeasures.other ? [x.securityMeasures.other] : [])], l.noneF);
  /** What is still missing, as the sheet's last row (so it can never be stranded on a page of its own). */
  const issuesRow = (list: CompletenessIssue[]): [string, string] => [l.missingTitle, list.length ? list.map((i) => `• ${articleRef(i.article, lang)} — ${i.message[lang]}`).join('\n') : l.complete];

  const live = input.activities.filter((a) => a.activity.status !== 'retired');
  const controllers = live.filter((a) => a.activity.role !== 'processor');
  const processors = live.filter((a) => a.activity.role === 'processor');
  const sensitive = (a: ActivityInput) => a.dataCategories.some((c) => c.special);

  const controllerSheet = (a: RegisterReportActivity) => {
    const x = a.activity;
    const screening = screenDpia(x.dpia);
    const decision = dpiaDecision(x.dpia, (iso, lg) => formatDateLong(iso, lg));
    const fields: Array<[string, string]> = [
      [l.f.role, label('roles', x.role)],
      ...(x.jointControllerName ? [[l.f.joint, x.jointControllerName] as [string, string]] : []),
      [l.f.owner, [x.owner, x.department].filter(Boolean).join(' — ') || l.notSet],
      [l.f.purposes, list(x.purposes.map((p) => `${p.description || '—'} — ${label('legalBases', p.legalBasis) || l.notSet}${p.legitimateInterest ? ` (${l.interest} : ${p.legitimateInterest})` : ''}${p.art9Condition ? ` — ${l.art9} ${label('art9Conditions', p.art9Condition)}` : ''}`), l.noneF)],
      [l.f.subjects, list(x.dataSubjects.map((s) => dataSubjectLabel(s, lang)), l.noneF)],
      [l.f.categories, list(x.dataCategories.map((c) => `${c.label}${c.family ? ` (${label('families', c.family)})` : ''} — ${retention(c.retention)}`), l.noneF)],
      [l.f.sensitive, list(x.dataCategories.filter((c) => c.special).map((c) => `${c.label} : ${label('specialCategories', c.special)}`), l.noneF)],
      ...(x.sources.length ? [[l.f.sources, list(x.sources.map((s) => `${label('sourceKinds', s.kind)}${s.detail ? ` — ${s.detail}` : ''}`), l.noneF)] as [string, string]] : []),
      [l.f.recipients, list(x.recipients.map((r) => `${r.name} (${label('recipientTypes', r.type)})`))],
      [l.f.processors, processorsText(a)],
      [l.f.transfers, list(a.transfers.map(transferLine))],
      [l.f.security, securityText(x)],
      [l.f.dpia, `${l.screening} : ${DPIA_SCREENING_LABELS[screening.result][lang]}\n${l.decision} : ${decision[lang]}`],
      [l.f.status, `${label('statuses', x.status)} — ${l.f.review.toLowerCase()} : ${x.reviewDate ? date(x.reviewDate) : l.notSet} — ${l.f.updated.toLowerCase()} : ${date(a.updatedAt)}`],
      ...(x.notes ? [[l.f.notes, x.notes] as [string, string]] : []),
      issuesRow(a.completeness.issues),
    ];
    return [k.heading(`${x.reference} — ${x.name}`, 2), k.fields(fields)];
  };

  // Processor register: one record per client controller (Art. 30(2)(a)), grouped by name.
  const clients = new Map<string, { client: ClientController; activities: RegisterReportActivity[] }>();
  for (const a of processors) {
    for (const c of a.activity.clientControllers) {
      const key = c.name.trim().toLowerCase();
      const entry = clients.get(key) ?? { client: c, activities: [] };
      entry.activities.push(a);
      clients.set(key, entry);
    }
  }
  const unassigned = processors.filter((a) => a.activity.clientControllers.length === 0);

  /** One line per distinct value, prefixed with the references it applies to (identical measures are printed once). */
  const sameFor = (acts: RegisterReportActivity[], value: (a: RegisterReportActivity) => string) => {
    const byValue = new Map<string, string[]>();
    for (const a of acts) byValue.set(value(a), [...(byValue.get(value(a)) ?? []), a.activity.reference]);
    return [...byValue.entries()].map(([v, refs]) => (acts.length === 1 ? v : `${refs.join(', ')} : ${v}`)).join('\n');
  };

  const clientSheet = (c: ClientController, acts: RegisterReportActivity[]) => {
    const transfers = acts.flatMap((a) => a.transfers.map((t) => `${a.activity.reference} : ${transferLine(t)}`));
    const hours = c.breachNotificationHours;
    const fields: Array<[string, string]> = [
      [l.f.client, c.name],
      [l.f.contact, c.contact || l.notSet],
      ...(c.representative ? [[l.f.representative, c.representative] as [string, string]] : []),
      ...(c.dpo ? [[l.f.clientDpo, c.dpo] as [string, string]] : []),
      [l.f.processing, acts.map((a) => `${a.activity.reference} — ${a.activity.name} :\n${a.activity.purposes.map((p) => `• ${p.description || '—'}`).join('\n') || l.notSet}`).join('\n')],
      [l.f.subProcessors, sameFor(acts, (a) => processorsText(a).split('\n').join(' ; '))],
      [l.f.transfers, list(transfers)],
      [l.f.security, sameFor(acts, (a) => securityText(a.activity).split('\n').join(' ; '))],
      [l.f.breachNotice, hours ? l.breachHours(hours) : l.breachUndue],
      issuesRow(acts.flatMap((a) => a.completeness.issues.map((i) => ({ ...i, message: { fr: `${a.activity.reference} : ${i.message.fr}`, en: `${a.activity.reference}: ${i.message.en}` } })))),
    ];
    return [k.heading(c.name, 2), k.fields(fields)];
  };

  const children: XBlock[] = [
    k.title(l.title),
    k.para(l.subtitle, { italics: true, after: 300 }),
    k.fields([
      [l.controller, [profile.controller_name, profile.address, [profile.postcode, profile.city].filter(Boolean).join(' ')].filter(Boolean).join('\n') || l.notSet],
      [l.dpo, [profile.dpo_name, profile.dpo_company, profile.dpo_email, profile.dpo_phone].filter(Boolean).join('\n') || l.notSet],
      [l.generated, date(input.today)],
    ]),
    k.heading(l.summary, 1),
    k.para(l.summaryText(live.length, input.score, live.filter((a) => a.completeness.issues.length === 0).length)),
    k.heading(l.ctrlRegister, 3),
    k.grid(
      l.cols,
      controllers.map((a) => [
        a.activity.reference,
        a.activity.name,
        a.activity.purposes[0]?.description ?? '',
        [...new Set(a.activity.purposes.map((p) => label('legalBases', p.legalBasis)))].filter(Boolean).join('\n'),
        sensitive(a.activity) ? l.yes : l.no,
        `${a.completeness.score}`,
      ]),
      [9, 25, 29, 19, 11, 7],
    ),
    ...(processors.length
      ? [
          k.heading(l.procRegister, 3),
          k.grid(
            l.procCols,
            [...clients.values()].map(({ client, activities }) => [client.name, activities.map((a) => `${a.activity.reference} — ${a.activity.name}`).join('\n'), [...new Set(activities.flatMap((a) => a.transfers.map((t) => t.countryName[lang])))].join('\n') || l.none]),
            [32, 46, 22],
          ),
        ]
      : []),
    k.heading(l.ctrlRegister, 1),
    ...controllers.flatMap(controllerSheet),
    ...(processors.length
      ? [
          k.heading(l.procRegister, 1),
          k.para(l.procIntro, { italics: true }),
          ...[...clients.values()].flatMap(({ client, activities }) => clientSheet(client, activities)),
          ...unassigned.flatMap((a) => [k.heading(`${a.activity.reference} — ${a.activity.name}`, 2), k.fields([issuesRow(a.completeness.issues)])]),
        ]
      : []),
  ];
  return packWithBodies(registerDocument(l.title, lang), [children]);
}
