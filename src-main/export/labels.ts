/**
 * Human labels (FR/EN) for the values the reports, registers and the CNIL pack print: rights,
 * outcomes, statuses, severities, causes, legal bases, roles, transfer tools, countries, months.
 * French follows the CNIL's words and typography (« 1er décembre 2026 », no-break space before
 * ; : ! ? and %).
 */
import { vocabLabel } from '../domain/breaches/breach';
import { ACTIVITY_ROLES, LEGAL_BASES, TRANSFER_TOOLS, type LegalBasisId } from '../domain/register/vocabulary';
import { listCountries } from '../domain/transfers';

export type Lang = 'fr' | 'en';
type Labels = Record<string, { fr: string; en: string }>;

export const NBSP = '\u00a0';

export const RIGHT_LABELS: Labels = {
  access: { fr: 'Accès', en: 'Access' },
  rectification: { fr: 'Rectification', en: 'Rectification' },
  erasure: { fr: 'Effacement', en: 'Erasure' },
  restriction: { fr: 'Limitation', en: 'Restriction' },
  objection: { fr: 'Opposition', en: 'Objection' },
  portability: { fr: 'Portabilité', en: 'Portability' },
  'consent-withdrawal': { fr: 'Retrait du consentement', en: 'Consent withdrawal' },
  'post-mortem': { fr: 'Directives post mortem', en: 'Post-mortem directions' },
  'automated-decision': { fr: 'Décision automatisée', en: 'Automated decision' },
};

export const OUTCOME_LABELS: Labels = {
  fulfilled: { fr: 'Satisfaite', en: 'Fulfilled' },
  partly: { fr: 'Partiellement satisfaite', en: 'Partly fulfilled' },
  refused: { fr: 'Refusée', en: 'Refused' },
  'no-data': { fr: 'Aucune donnée détenue', en: 'No data held' },
};

export const REQUEST_STATUS_LABELS: Labels = {
  'on-track': { fr: 'En cours', en: 'On track' },
  'due-soon': { fr: 'Échéance proche', en: 'Due soon' },
  overdue: { fr: 'En retard', en: 'Overdue' },
  extended: { fr: 'Prolongée', en: 'Extended' },
  closed: { fr: 'Clôturée', en: 'Closed' },
};

export const CHANNEL_LABELS: Labels = {
  email: { fr: 'Courriel', en: 'E-mail' },
  letter: { fr: 'Courrier', en: 'Post' },
  web: { fr: 'Formulaire en ligne', en: 'Web form' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  'in-person': { fr: 'En personne', en: 'In person' },
};

export const SEVERITY_LABELS: Labels = {
  low: { fr: 'Faible', en: 'Low' },
  medium: { fr: 'Moyenne', en: 'Medium' },
  high: { fr: 'Élevée', en: 'High' },
  'very-high': { fr: 'Très élevée', en: 'Very high' },
  unknown: { fr: 'Non évaluée', en: 'Not assessed' },
};

export const AREA_LABELS: Labels = {
  register: { fr: 'Registre', en: 'Register' },
  dpia: { fr: 'AIPD', en: 'DPIA' },
  requests: { fr: 'Demandes de droits', en: 'Rights requests' },
  breaches: { fr: 'Violations', en: 'Breaches' },
  vendors: { fr: 'Prestataires', en: 'Vendors' },
};

export const VENDOR_ROLE_LABELS: Labels = {
  processor: { fr: 'Sous-traitant', en: 'Processor' },
  'sub-processor': { fr: 'Sous-traitant ultérieur', en: 'Sub-processor' },
  'joint-controller': { fr: 'Responsable conjoint', en: 'Joint controller' },
  'independent-recipient': { fr: 'Destinataire indépendant', en: 'Independent recipient' },
};

const TOOL_LABELS: Labels = {
  ...Object.fromEntries(Object.entries(TRANSFER_TOOLS).map(([k, v]) => [k, v.label])),
  dpf: { fr: 'Data Privacy Framework', en: 'Data Privacy Framework' },
  scc: { fr: 'Clauses contractuelles types', en: 'Standard contractual clauses' },
  'uk-addendum': { fr: 'Avenant britannique aux CCT', en: 'UK addendum to the SCCs' },
  unknown: { fr: 'Aucune garantie', en: 'No safeguard' },
};

const UNKNOWN = { fr: 'Non renseigné', en: 'Not recorded' };

export function label(map: Labels, id: string | null | undefined, lang: Lang): string {
  if (id === null || id === undefined || id === 'unknown') return (map.unknown ?? UNKNOWN)[lang];
  return map[id]?.[lang] ?? id;
}

export const rightLabel = (id: string, lang: Lang) => label(RIGHT_LABELS, id, lang);
export const toolLabel = (id: string | null, lang: Lang) => label(TOOL_LABELS, id, lang);
export const roleLabel = (id: string, lang: Lang) => ACTIVITY_ROLES[id as keyof typeof ACTIVITY_ROLES]?.label[lang] ?? id;
export const legalBasisLabel = (id: string, lang: Lang) => (id === 'unknown' ? UNKNOWN[lang] : (LEGAL_BASES[id as LegalBasisId]?.label[lang] ?? id));
export const causeLabel = (id: string, lang: Lang) => (id === 'unknown' ? (lang === 'fr' ? 'Inconnue' : 'Unknown') : vocabLabel('cause', id, lang));

let countryNames: Map<string, { fr: string; en: string }> | undefined;
export function countryLabel(code: string, lang: Lang): string {
  countryNames ??= new Map(listCountries().map((c) => [c.code, c.name]));
  return countryNames.get(code)?.[lang] ?? code;
}

const MONTHS: Record<Lang, string[]> = {
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
const MONTHS_LONG: Record<Lang, string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** `2026-03` → « mars 26 » / "Mar 26" (short, for chart axes). */
export function monthShort(ym: string, lang: Lang): string {
  return `${MONTHS[lang][Number(ym.slice(5, 7)) - 1]} ${ym.slice(2, 4)}`;
}

/** « 1er décembre 2026 » / "1 December 2026". */
export function dateLong(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const y = iso.slice(0, 4);
  const m = MONTHS_LONG[lang][Number(iso.slice(5, 7)) - 1];
  const d = Number(iso.slice(8, 10));
  return lang === 'fr' ? `${d === 1 ? '1er' : d}${NBSP}${m}${NBSP}${y}` : `${d} ${m} ${y}`;
}

/** `2026-03-05` → 05/03/2026 (FR) or 05/03/2026 (EN, day first as in the UK). */
export function dateShort(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function percent(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return lang === 'fr' ? 'n.\u00a0d.' : 'n/a';
  const s = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return lang === 'fr' ? `${s.replace('.', ',')}${NBSP}%` : `${s}%`;
}

export function num(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return lang === 'fr' ? 'n.\u00a0d.' : 'n/a';
  const s = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return lang === 'fr' ? s.replace('.', ',') : s;
}

/** French typography: no-break space before ; : ! ? (not inside URLs or times). */
export function frTypo(s: string): string {
  return s.replace(/ ([;:!?])(?=\s|$)/g, `${NBSP}$1`);
}
