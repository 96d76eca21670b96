/**
 * Turning a spreadsheet (rows of cells) into processing activities: recognise CNIL-template and
 * English headers, split multi-valued cells, read legal bases, retention, transfers and security
 * measures, and report every problem as { row, field, message } naming the column and the value.
 * Pure: the file formats (CSV, XLSX, ODS) are read elsewhere into string[][].
 */
import { listCountries } from '../transfers';
import type { ActivityInputDraft } from './activity';
import { activityInputSchema, activityIssues } from './activity';
import { parseLegalBasis } from './legal-basis';
import { DATA_SUBJECTS, DATA_SUBJECT_IDS, SECURITY_MEASURES, SECURITY_MEASURE_IDS, type Lang } from './vocabulary';

export const IMPORT_FIELDS = [
  'name',
  'reference',
  'purpose',
  'subPurposes',
  'legalBasis',
  'dataSubjects',
  'dataCategories',
  'sensitive',
  'retention',
  'recipients',
  'processors',
  'transfers',
  'security',
  'owner',
  'status',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, { fr: string; en: string }>> = {
  name: { fr: 'Nom du traitement', en: 'Activity name' },
  reference: { fr: 'N° / Référence', en: 'Reference' },
  purpose: { fr: 'Finalité principale', en: 'Main purpose' },
  subPurposes: { fr: 'Sous-finalités', en: 'Sub-purposes' },
  legalBasis: { fr: 'Base légale', en: 'Legal basis' },
  dataSubjects: { fr: 'Catégories de personnes concernées', en: 'Data subject categories' },
  dataCategories: { fr: 'Catégories de données', en: 'Data categories' },
  sensitive: { fr: 'Données sensibles', en: 'Special-category data' },
  retention: { fr: 'Durée de conservation', en: 'Retention period' },
  recipients: { fr: 'Destinataires', en: 'Recipients' },
  processors: { fr: 'Sous-traitants', en: 'Processors' },
  transfers: { fr: 'Transferts hors UE', en: 'Transfers outside the EU' },
  security: { fr: 'Mesures de sécurité', en: 'Security measures' },
  owner: { fr: 'Responsable / service', en: 'Owner / department' },
  status: { fr: 'Statut', en: 'Status' },
  notes: { fr: 'Observations', en: 'Notes' },
};

export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[^a-z0-9']+/g, ' ')
    .trim();
}

/** Header spellings seen in the CNIL templates (2018 model, 2019 simplified register) and English registers. */
const HEADER_ALIASES: Readonly<Record<ImportField, readonly string[]>> = {
  name: ['nom du traitement', 'nom sigle', 'nom', 'traitement', 'activite de traitement', 'designation', 'name', 'activity', 'activity name', 'processing activity', 'processing'],
  reference: ['n ref', 'ref', 'reference', 'n', 'numero', 'id', 'identifiant', 'reference number'],
  purpose: ['finalite principale', 'finalite', 'finalite du traitement', 'finalites', 'purpose', 'main purpose', 'purposes', 'purpose of processing'],
  subPurposes: ['sous finalites', 'sous finalite', 'sub purposes', 'secondary purposes'],
  legalBasis: ['base legale', 'base juridique', 'fondement juridique', 'base legale du traitement', 'legal basis', 'lawful basis', 'legal ground'],
  dataSubjects: ['categories de personnes concernees', 'personnes concernees', 'categories de personnes', 'data subjects', 'data subject categories', 'categories of data subjects'],
  dataCategories: ['categories de donnees', 'categories de donnees personnelles', 'donnees traitees', 'donnees collectees', 'categories de donnees personnelles concernees', 'data categories', 'personal data categories', 'categories of personal data', 'personal data'],
  sensitive: ['donnees sensibles', 'donnees sensibles oui non', 'special categories', 'special category data', 'sensitive data'],
  retention: ['duree de conservation', 'durees de conservation', 'delai de conservation', 'duree de conservation delai d effacement', 'retention', 'retention period', 'retention periods', 'time limits for erasure'],
  recipients: ['destinataires', 'categories de destinataires', 'destinataire', 'recipients', 'categories of recipients'],
  processors: ['sous traitants', 'sous traitant', 'prestataires', 'processors', 'processor', 'subprocessors'],
  transfers: ['transferts hors ue', 'transferts hors union europeenne', 'transferts', 'transfert hors ue', 'transferts de donnees hors ue', 'transfers outside the eu', 'transfers', 'international transfers', 'third country transfers'],
  security: ['mesures de securite', 'mesures de securite techniques et organisationnelles', 'securite', 'security measures', 'security', 'technical and organisational measures'],
  owner: ['responsable', 'service', 'responsable operationnel', 'direction', 'owner', 'department', 'business owner'],
  status: ['statut', 'etat', 'status'],
  notes: ['observations', 'commentaires', 'remarques', 'notes', 'comments'],
};

const ALIAS_INDEX = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const a of HEADER_ALIASES[f]) ALIAS_INDEX.set(a, f);

export function recogniseHeader(header: string): ImportField | null {
  const key = fold(header.replace(/\(.*?\)/g, ' '));
  return ALIAS_INDEX.get(key) ?? ALIAS_INDEX.get(fold(header)) ?? null;
}

export type ColumnMapping = Array<ImportField | null>;

/** Finds the header row (the CNIL template starts with title lines) and proposes a mapping. */
export function detectHeader(table: string[][], maxScan = 15): { headerRow: number; mapping: ColumnMapping } | null {
  let best: { headerRow: number; mapping: ColumnMapping; hits: number } | null = null;
  for (let r = 0; r < Math.min(maxScan, table.length); r++) {
    const used = new Set<ImportField>();
    const mapping = (table[r] ?? []).map((cell) => {
      const f = recogniseHeader(cell ?? '');
      if (!f || used.has(f)) return null;
      used.add(f);
      return f;
    });
    const hits = used.size;
    if (hits >= 2 && (!best || hits > best.hits)) best = { headerRow: r, mapping, hits };
  }
  return best ? { headerRow: best.headerRow, mapping: best.mapping } : null;
}

/** Multi-valued cells: split on ';' and line breaks (a quoted CSV cell keeps both). */
export function splitCell(value: string): string[] {
  return value
    .split(/[;\n\r]+/)
    .map((s) => s.replace(/^[\s•\-–*]+/, '').trim())
    .filter(Boolean);
}

export interface ImportError {
  /** 1-based line of the sheet, as the spreadsheet shows it. */
  row: number;
  field: string;
  message: string;
}

export interface ImportRow {
  row: number;
  activity?: ActivityInputDraft;
  errors: ImportError[];
}

const NONE = new Set(['', 'non', 'no', 'aucun', 'aucune', 'none', 'neant', 'n a', 'na', 'sans objet', 'pas de transfert']);

const SUBJECT_INDEX = new Map<string, string>();
for (const id of DATA_SUBJECT_IDS) {
  SUBJECT_INDEX.set(fold(id), id);
  SUBJECT_INDEX.set(fold(DATA_SUBJECTS[id].label.fr), id);
  SUBJECT_INDEX.set(fold(DATA_SUBJECTS[id].label.en), id);
}
SUBJECT_INDEX.set('salarie', 'employees');
SUBJECT_INDEX.set('employes', 'employees');
SUBJECT_INDEX.set('personnel', 'employees');
SUBJECT_INDEX.set('client', 'customers');
SUBJECT_INDEX.set('prospect', 'prospects');
SUBJECT_INDEX.set('candidat', 'candidates');
SUBJECT_INDEX.set('fournisseur', 'suppliers');
SUBJECT_INDEX.set('prestataire', 'service-providers');
SUBJECT_INDEX.set('utilisateur', 'users');
SUBJECT_INDEX.set('visiteur', 'visitors');

const SECURITY_KEYWORDS: ReadonlyArray<[RegExp, (typeof SECURITY_MEASURE_IDS)[number]]> = [
  [/chiffrement.*(transit|tls|https)|tls|https|encryption in transit/, 'encryption-in-transit'],
  [/chiffrement.*(repos|stock|disque|base)|encryption at rest|chiffrement des donnees/, 'encryption-at-rest'],
  [/pseudonym/, 'pseudonymisation'],
  [/habilitation|controle d'?acces|gestion des acces|role based|rbac|access control/, 'role-based-access-control'],
  [/double authentification|authentification forte|mfa|2fa|multi factor/, 'mfa'],
  [/mot de passe|password/, 'password-policy'],
  [/tracabilite|journalisation|logs?\b|logging/, 'access-logging'],
  [/sauvegarde|backup/, 'backups'],
  [/continuite|reprise d'?activite|pca|pra|business continuity|disaster recovery/, 'business-continuity'],
  [/antivirus|mises? a jour|correctifs|patch|protection des logiciels/, 'software-protection'],
  [/pare feu|firewall|reseau|network|vpn/, 'network-protection'],
  [/test d'?intrusion|pentest|penetration/, 'penetration-tests'],
  [/sous traitant|processor|controle des prestataires/, 'processor-control'],
  [/sensibilisation|formation|awareness|training/, 'awareness-training'],
  [/confidentialite|clause de confidentialite|engagement de confidentialite|confidentiality/, 'confidentiality-commitments'],
  [/physique|locaux|badge|physical/, 'physical-security'],
];

const TOOL_KEYWORDS: ReadonlyArray<[RegExp, string]> = [
  [/\bdpf\b|data privacy framework/, 'dpf'],
  [/\bcct\b|\bscc\b|clauses contractuelles|standard contractual/, 'scc'],
  [/\bbcr\b|regles d'?entreprise contraignantes|binding corporate/, 'bcr'],
  [/adequa|pays adequat/, 'adequacy'],
  [/code de conduite|code of conduct/, 'code-of-conduct'],
  [/certification/, 'certification'],
  [/derogation|article 49|art 49/, 'derogation'],
];

const COUNTRY_INDEX = (() => {
  const m = new Map<string, string>();
  for (const c of listCountries()) {
    m.set(fold(c.code), c.code);
    m.set(fold(c.name.fr), c.code);
    m.set(fold(c.name.en), c.code);
  }
  for (const [k, v] of [['usa', 'US'], ["etats unis d'amerique", 'US'], ['united states of america', 'US'], ['uk', 'GB'], ['royaume uni', 'GB'], ['grande bretagne', 'GB'], ['angleterre', 'GB'], ['suisse', 'CH'], ['inde', 'IN'], ['chine', 'CN']] as const) m.set(k, v);
  return m;
})();

function findCountry(text: string): string | null {
  const whole = COUNTRY_INDEX.get(fold(text));
  if (whole) return whole;
  // "États-Unis (CCT)", "Salesforce – États-Unis – SCC": look for a country name among the words,
  // longest run first; a two-letter code counts only when written in capitals ("US", "IN").
  const words = fold(text).split(' ');
  for (let len = Math.min(5, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const cand = words.slice(i, i + len).join(' ');
      if (cand.length > 2 && COUNTRY_INDEX.has(cand)) return COUNTRY_INDEX.get(cand)!;
    }
  }
  for (const token of text.split(/[^A-Za-z]+/)) if (/^[A-Z]{2}$/.test(token) && COUNTRY_INDEX.has(fold(token))) return COUNTRY_INDEX.get(fold(token))!;
  return null;
}

/** "3 ans", "13 mois", "5 years", "30 jours" → a duration; anything else is kept as an event description. */
export function parseRetention(text: string): { activePeriod: { value: number; unit: 'days' | 'months' | 'years' } | { kind: 'event'; description: string }; activeTrigger: string } {
  const f = fold(text);
  const m = /(\d+)\s*(ans?|annees?|years?|yrs?|mois|months?|jours?|days?)\b/.exec(f);
  if (m) {
    const unit = /^(an|annee|year|yr)/.test(m[2]!) ? 'years' : /^(mois|month)/.test(m[2]!) ? 'months' : 'days';
    const after = text.slice(text.search(/\d/) + m[0].length).replace(/^[\s,:-]*(a compter|à compter|après|apres|from|after)?\s*/i, '').trim();
    return { activePeriod: { value: Number(m[1]), unit }, activeTrigger: after };
  }
  return { activePeriod: { kind: 'event', description: text.trim() }, activeTrigger: '' };
}

function cellOf(cells: string[], mapping: ColumnMapping, field: ImportField): { value: string; column: number } | null {
  const i = mapping.indexOf(field);
  if (i < 0) return null;
  return { value: (cells[i] ?? '').trim(), column: i };
}

/** Builds one activity from one row; every problem names the column (as the file spells it) and the value. */
export function rowToActivity(cells: string[], mapping: ColumnMapping, headers: string[], row: number, lang: Lang = 'fr'): ImportRow {
  const errors: ImportError[] = [];
  const col = (field: ImportField) => cellOf(cells, mapping, field);
  const colName = (field: ImportField) => {
    const c = col(field);
    return c ? headers[c.column] || IMPORT_FIELD_LABELS[field][lang] : IMPORT_FIELD_LABELS[field][lang];
  };
  const err = (field: ImportField, message: string) => errors.push({ row, field: colName(field), message });

  const name = col('name')?.value ?? '';
  if (!name) err('name', lang === 'fr' ? 'le nom du traitement est vide' : 'the activity name is empty');

  const bases = splitCell(col('legalBasis')?.value ?? '');
  const parsedBases = bases.map((b) => {
    const id = parseLegalBasis(b);
    if (!id) {
      err('legalBasis', lang === 'fr'
        ? `« ${b} » n'est pas une base légale reconnue (Consentement, Contrat, Obligation légale, Intérêts vitaux, Mission d'intérêt public, Intérêt légitime, ou 6(1)(a)–(f))`
        : `"${b}" is not a recognised legal basis (consent, contract, legal obligation, vital interests, public task, legitimate interests, or 6(1)(a)–(f))`);
    }
    return id;
  });
  const purposeTexts = [...splitCell(col('purpose')?.value ?? ''), ...splitCell(col('subPurposes')?.value ?? '')];
  const purposes = (purposeTexts.length ? purposeTexts : bases.length ? [''] : []).map((description, i) => ({
    description,
    legalBasis: (parsedBases.length === 1 ? parsedBases[0] : parsedBases[i]) ?? null,
  }));

  const dataSubjects = splitCell(col('dataSubjects')?.value ?? '').map((s) => SUBJECT_INDEX.get(fold(s)) ?? SUBJECT_INDEX.get(fold(s).replace(/s$/, '')) ?? s);

  const retentionText = col('retention')?.value ?? '';
  const retention = retentionText && !NONE.has(fold(retentionText)) ? { ...parseRetention(retentionText), finalFate: 'deletion' as const, note: retentionText } : null;
  const sensitive = fold(col('sensitive')?.value ?? '');
  const dataCategories = splitCell(col('dataCategories')?.value ?? '').map((label, i) => ({ id: `cat-${i + 1}`, label, family: null, special: null, retention }));
  if (sensitive && !['non', 'no', ''].includes(sensitive) && dataCategories.length === 0) {
    err('sensitive', lang === 'fr' ? 'des données sensibles sont signalées mais aucune catégorie de données n’est décrite' : 'special-category data is flagged but no data category is described');
  }

  const recipients = splitCell(col('recipients')?.value ?? '').map((r) => {
    const f = fold(r);
    const type = /sous traitant|prestataire|processor|hebergeur/.test(f) ? 'processor' : /service|interne|internal|direction|equipe|team/.test(f) ? 'internal-service' : /administration|autorite|urssaf|impots|police|authority|tax/.test(f) ? 'public-authority' : 'external-partner';
    return { type: type as 'processor', name: r };
  });
  const processors = splitCell(col('processors')?.value ?? '').map((p) => ({ name: p }));

  const transfers: NonNullable<ActivityInputDraft['transfers']> = [];
  for (const t of splitCell(col('transfers')?.value ?? '')) {
    if (NONE.has(fold(t))) continue;
    const country = findCountry(t);
    if (!country) {
      err('transfers', lang === 'fr' ? `« ${t} » : pays introuvable (indiquez le pays, p. ex. « États-Unis (CCT) »)` : `"${t}": no country found (name the country, e.g. "United States (SCC)")`);
      continue;
    }
    const tool = TOOL_KEYWORDS.find(([re]) => re.test(fold(t)))?.[1] ?? null;
    transfers.push({ recipient: t.replace(/\(.*\)/, '').trim(), country, tool: tool as 'scc' | null, detail: t });
  }

  const catalogue = new Set<(typeof SECURITY_MEASURE_IDS)[number]>();
  const other: string[] = [];
  for (const s of splitCell(col('security')?.value ?? '')) {
    const f = fold(s);
    const exact = SECURITY_MEASURE_IDS.find((id) => fold(SECURITY_MEASURES[id].label.fr) === f || fold(SECURITY_MEASURES[id].label.en) === f || id === f);
    const hit = exact ?? SECURITY_KEYWORDS.find(([re]) => re.test(f))?.[1];
    if (hit) catalogue.add(hit);
    else other.push(s);
  }

  const statusText = fold(col('status')?.value ?? '');
  const status = /retir|archiv|retired|closed/.test(statusText) ? 'retired' : /brouillon|draft|en cours/.test(statusText) ? 'draft' : 'active';

  const draft: ActivityInputDraft = {
    name,
    reference: col('reference')?.value ?? '',
    role: 'controller',
    purposes,
    dataSubjects,
    dataCategories,
    recipients,
    processors,
    transfers,
    securityMeasures: { catalogue: [...catalogue], ...(other.length ? { other: other.join('\n') } : {}) },
    status,
    ...(col('owner')?.value ? { owner: col('owner')!.value } : {}),
    ...(col('notes')?.value ? { notes: col('notes')!.value } : {}),
  };
  if (errors.length) return { row, errors };
  const parsed = activityInputSchema.safeParse(draft);
  if (!parsed.success) {
    return { row, errors: activityIssues(parsed.error).map((i) => ({ row, field: i.path || 'activity', message: i.message })) };
  }
  return { row, activity: draft, errors: [] };
}

export interface ImportPlan {
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping;
  rows: ImportRow[];
}

/** The whole sheet: header detection (or the mapping the user confirmed), then each non-empty row. */
export function planImport(table: string[][], opts: { mapping?: ColumnMapping; headerRow?: number; lang?: Lang } = {}): ImportPlan {
  const detected = detectHeader(table);
  const headerRow = opts.headerRow ?? detected?.headerRow ?? 0;
  const headers = (table[headerRow] ?? []).map((h) => (h ?? '').trim());
  const mapping = opts.mapping ?? detected?.mapping ?? headers.map(() => null);
  const rows: ImportRow[] = [];
  if (!mapping.includes('name')) {
    return { headerRow, headers, mapping, rows: [{ row: headerRow + 1, errors: [{ row: headerRow + 1, field: 'name', message: opts.lang === 'en' ? 'No column is mapped to the activity name.' : 'Aucune colonne ne correspond au nom du traitement.' }] }] };
  }
  for (let r = headerRow + 1; r < table.length; r++) {
    const cells = (table[r] ?? []).map((c) => (c ?? '').toString());
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push(rowToActivity(cells, mapping, headers, r + 1, opts.lang ?? 'fr'));
  }
  return { headerRow, headers, mapping, rows };
}
