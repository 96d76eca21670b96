/**
 * The register in the CNIL template's spreadsheet layout (the columns `register import` recognises:
 * "Nom du traitement", "N° / REF", "Finalité principale", "Base légale"…), so what Vigie exports it
 * re-imports. The controller register (Art. 30(1)) and the processor register (Art. 30(2)) are
 * separate sheets; the CSV holds both with a role column.
 *
 * What the template carries survives a round trip (export → import → export gives the same sheet):
 * name, reference, purposes with their legal bases, data subjects, data categories, retention,
 * recipients, processors, transfers (recipient, country, tool), security measures, owner, status,
 * notes. What it has no column for stays in Vigie and in the Word register: recipient types,
 * special-category kinds, retention per category when categories differ, intermediate archiving,
 * the DPIA record, the role (the import creates controller activities), client controllers.
 */
import type { ActivityInput, Period, Retention } from '../domain/register/activity';
import { screenDpia } from '../domain/register/dpia';
import { ACTIVITY_STATUSES, DURATION_UNIT_LABELS, LEGAL_BASES, SECURITY_MEASURES, SPECIAL_CATEGORIES, dataSubjectLabel } from '../domain/register/vocabulary';
import { countryLabel, type Lang } from './labels';
import type { Sheet } from './spreadsheet';

const HEADERS = {
  fr: {
    name: 'Nom du traitement',
    reference: 'N° / REF',
    purpose: 'Finalité principale',
    subPurposes: 'Sous-finalités',
    legalBasis: 'Base légale',
    dataSubjects: 'Catégories de personnes concernées',
    dataCategories: 'Catégories de données',
    sensitive: 'Données sensibles',
    retention: 'Durée de conservation',
    recipients: 'Destinataires',
    processors: 'Sous-traitants',
    transfers: 'Transferts hors UE',
    security: 'Mesures de sécurité',
    owner: 'Responsable opérationnel',
    status: 'Statut',
    notes: 'Observations',
    // Columns the import does not read (Vigie's own, kept for the reader).
    role: 'Rôle',
    department: 'Service / département',
    clients: 'Responsables de traitement clients',
    dpia: 'Analyse d’impact (AIPD)',
  },
  en: {
    name: 'Activity name',
    reference: 'Reference',
    purpose: 'Main purpose',
    subPurposes: 'Sub-purposes',
    legalBasis: 'Legal basis',
    dataSubjects: 'Data subject categories',
    dataCategories: 'Data categories',
    sensitive: 'Special category data',
    retention: 'Retention period',
    recipients: 'Recipients',
    processors: 'Processors',
    transfers: 'Transfers outside the EU',
    security: 'Security measures',
    owner: 'Owner',
    status: 'Status',
    notes: 'Notes',
    role: 'Role',
    department: 'Business unit',
    clients: 'Client controllers',
    dpia: 'DPIA screening',
  },
} as const;

type Column = keyof (typeof HEADERS)['fr'];
const CONTROLLER_COLUMNS: Column[] = ['name', 'reference', 'purpose', 'subPurposes', 'legalBasis', 'dataSubjects', 'dataCategories', 'sensitive', 'retention', 'recipients', 'processors', 'transfers', 'security', 'owner', 'status', 'notes', 'department', 'dpia'];
const PROCESSOR_COLUMNS: Column[] = ['name', 'reference', 'clients', 'purpose', 'subPurposes', 'dataSubjects', 'dataCategories', 'sensitive', 'retention', 'recipients', 'processors', 'transfers', 'security', 'owner', 'status', 'notes', 'department'];
const WIDTHS: Record<Column, number> = { name: 32, reference: 10, purpose: 36, subPurposes: 30, legalBasis: 22, dataSubjects: 26, dataCategories: 32, sensitive: 20, retention: 30, recipients: 28, processors: 24, transfers: 30, security: 34, owner: 22, status: 12, notes: 30, role: 16, department: 20, clients: 28, dpia: 24 };

const TOOL_TAG: Record<string, { fr: string; en: string }> = {
  adequacy: { fr: 'adéquation', en: 'adequacy' },
  dpf: { fr: 'DPF', en: 'DPF' },
  scc: { fr: 'CCT', en: 'SCC' },
  bcr: { fr: 'BCR', en: 'BCR' },
  'code-of-conduct': { fr: 'code de conduite', en: 'code of conduct' },
  certification: { fr: 'certification', en: 'certification' },
  derogation: { fr: 'dérogation art. 49', en: 'derogation Art. 49' },
};

function period(p: Period, lang: Lang): string {
  if ('kind' in p && p.kind === 'event') return p.description;
  const d = p as { value: number; unit: 'days' | 'months' | 'years' };
  const u = DURATION_UNIT_LABELS[d.unit];
  return `${d.value} ${(d.value === 1 ? u.one : u.many)[lang]}`;
}

/** "3 ans après la fin du contrat": the import reads the duration and keeps what follows "après" as the start event. */
export function retentionText(r: Retention, lang: Lang): string {
  const base = period(r.activePeriod, lang);
  if ('kind' in r.activePeriod && r.activePeriod.kind === 'event') return base;
  return r.activeTrigger ? `${base} ${lang === 'fr' ? 'après' : 'after'} ${r.activeTrigger}` : base;
}

function retentionCell(a: ActivityInput, lang: Lang): string {
  const withRetention = a.dataCategories.filter((c) => c.retention);
  if (withRetention.length === 0) return '';
  const texts = withRetention.map((c) => retentionText(c.retention!, lang));
  if (texts.every((t) => t === texts[0]) && withRetention.length === a.dataCategories.length) return texts[0]!;
  return withRetention.map((c, i) => `${c.label} : ${texts[i]}`).join('\n');
}

function transferCell(t: ActivityInput['transfers'][number], lang: Lang): string {
  const tool = t.tool ? TOOL_TAG[t.tool]?.[lang] : undefined;
  return `${t.recipient} (${countryLabel(t.country, lang)}${tool ? `, ${tool}` : ''})`;
}

function cellsOf(a: ActivityInput, lang: Lang, vendorNames?: ReadonlyMap<string, string>): Record<Column, string> {
  const [first, ...rest] = a.purposes;
  const bases = a.purposes.map((p) => (p.legalBasis ? LEGAL_BASES[p.legalBasis].label[lang] : ''));
  const sameBasis = bases.length > 0 && bases.every((b) => b === bases[0]);
  const special = [...new Set(a.dataCategories.map((c) => c.special).filter((s): s is NonNullable<typeof s> => Boolean(s)))];
  let dpia: string;
  try {
    const s = screenDpia(a.dpia);
    dpia = { required: { fr: 'Obligatoire', en: 'Required' }, likely: { fr: 'Probablement nécessaire', en: 'Probably needed' }, 'to-examine': { fr: 'À examiner', en: 'To examine' }, 'not-indicated': { fr: 'Non indiquée', en: 'Not indicated' } }[s.result][lang];
    if (a.dpia.done) dpia += lang === 'fr' ? ` — réalisée${a.dpia.doneOn ? ` le ${a.dpia.doneOn}` : ''}` : ` — done${a.dpia.doneOn ? ` on ${a.dpia.doneOn}` : ''}`;
  } catch {
    // Stored screening answers are validated on write; an unknown id would only come from a newer version.
    dpia = '';
  }
  return {
    name: a.name,
    reference: a.reference,
    purpose: first?.description ?? '',
    subPurposes: rest.map((p) => p.description).join('\n'),
    // One basis for every purpose is written once; otherwise one line per purpose, in order.
    legalBasis: sameBasis ? bases[0]! : bases.join('\n'),
    dataSubjects: a.dataSubjects.map((s) => dataSubjectLabel(s, lang)).join('\n'),
    dataCategories: a.dataCategories.map((c) => c.label).join('\n'),
    sensitive: special.length ? special.map((s) => SPECIAL_CATEGORIES[s].label[lang]).join(', ') : lang === 'fr' ? 'Non' : 'No',
    retention: retentionCell(a, lang),
    recipients: a.recipients.map((r) => r.name).join('\n'),
    processors: a.processors.map((p) => p.name || (p.vendorId ? vendorNames?.get(p.vendorId) : '') || '').filter(Boolean).join('\n'),
    transfers: a.transfers.map((t) => transferCell(t, lang)).join('\n'),
    security: [...a.securityMeasures.catalogue.map((m) => SECURITY_MEASURES[m].label[lang]), ...(a.securityMeasures.other ? a.securityMeasures.other.split('\n') : [])].join('\n'),
    owner: a.owner ?? '',
    status: a.status === 'retired' ? (lang === 'fr' ? 'Retiré (arrêté)' : 'Retired') : ACTIVITY_STATUSES[a.status].label[lang],
    notes: a.notes ?? '',
    role: a.role,
    department: a.department ?? '',
    clients: a.clientControllers.map((c) => [c.name, c.contact].filter(Boolean).join(' — ')).join('\n'),
    dpia,
  };
}

export interface RegisterSheetsInput {
  organisation: string;
  activities: ActivityInput[];
  lang: Lang;
  /** YYYY-MM-DD printed in the title line. */
  date: string;
  /** Vendor names by id: the register's processors are links to vendor records. */
  vendorNames?: ReadonlyMap<string, string>;
}

/** The controller sheet first (the import reads the first sheet), then the processor sheet. */
export function registerSheets(input: RegisterSheetsInput): Sheet[] {
  const { lang } = input;
  const h = HEADERS[lang];
  const sorted = [...input.activities].sort((a, b) => a.reference.localeCompare(b.reference, 'fr', { numeric: true }));
  const ctrl = sorted.filter((a) => a.role !== 'processor');
  const proc = sorted.filter((a) => a.role === 'processor');
  const sheet = (name: string, title: string, cols: Column[], acts: ActivityInput[]): Sheet => ({
    name,
    title: [title],
    header: cols.map((c) => h[c]),
    rows: acts.map((a) => {
      const cells = cellsOf(a, lang, input.vendorNames);
      return cols.map((c) => cells[c]);
    }),
    widths: cols.map((c) => WIDTHS[c]),
  });
  const org = input.organisation || (lang === 'fr' ? 'l’organisme' : 'the organisation');
  return lang === 'fr'
    ? [
        sheet('Responsable de traitement', `Registre des activités de traitement de ${org} (article 30.1 du RGPD) — ${input.date}`, CONTROLLER_COLUMNS, ctrl),
        sheet('Sous-traitant', `Registre des catégories d’activités de traitement effectuées en tant que sous-traitant par ${org} (article 30.2 du RGPD) — ${input.date}`, PROCESSOR_COLUMNS, proc),
      ]
    : [
        sheet('Controller', `Record of processing activities of ${org} (GDPR Article 30(1)) — ${input.date}`, CONTROLLER_COLUMNS, ctrl),
        sheet('Processor', `Record of categories of processing carried out as a processor by ${org} (GDPR Article 30(2)) — ${input.date}`, PROCESSOR_COLUMNS, proc),
      ];
}

/** One sheet with every activity and a role column (for CSV, which has no sheets). */
export function registerSingleSheet(input: RegisterSheetsInput): Sheet {
  const { lang } = input;
  const h = HEADERS[lang];
  const cols: Column[] = [...CONTROLLER_COLUMNS, 'role', 'clients'];
  const roleLabel = (r: string) => (r === 'processor' ? (lang === 'fr' ? 'Sous-traitant (art. 30.2)' : 'Processor (Art. 30(2))') : r === 'joint-controller' ? (lang === 'fr' ? 'Responsable conjoint' : 'Joint controller') : lang === 'fr' ? 'Responsable de traitement (art. 30.1)' : 'Controller (Art. 30(1))');
  const sorted = [...input.activities].sort((a, b) => a.reference.localeCompare(b.reference, 'fr', { numeric: true }));
  return {
    name: lang === 'fr' ? 'Registre' : 'Register',
    title: [lang === 'fr' ? `Registre des activités de traitement de ${input.organisation || 'l’organisme'} — ${input.date}` : `Record of processing activities of ${input.organisation || 'the organisation'} — ${input.date}`],
    header: cols.map((c) => h[c]),
    rows: sorted.map((a) => {
      const cells = cellsOf(a, lang, input.vendorNames);
      return cols.map((c) => (c === 'role' ? roleLabel(a.role) : cells[c]));
    }),
    widths: cols.map((c) => WIDTHS[c]),
  };
}
