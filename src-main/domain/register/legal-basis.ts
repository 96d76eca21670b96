/**
 * Reading a legal basis (Art. 6(1)) typed by a person or found in an imported register: French or
 * English names, ids, and article forms ("6(1)(f)", "6.1.f", "art. 6-1-f", "Article 6(1)(a) RGPD",
 * "6-1 a"). Case, accents, apostrophes and extra spaces are ignored; anything else is rejected
 * (null) rather than guessed.
 */
import { LEGAL_BASES, LEGAL_BASIS_IDS, type Lang, type LegalBasisId } from './vocabulary';

const LETTER_TO_ID: Readonly<Record<string, LegalBasisId>> = {
  a: 'consent',
  b: 'contract',
  c: 'legal-obligation',
  d: 'vital-interests',
  e: 'public-task',
  f: 'legitimate-interests',
};

/** Lower case, no accents, one kind of apostrophe, single spaces. */
function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Name form: apostrophes, hyphens and underscores become spaces ("d'un" ≡ "d un", ids parse too). */
function nameKey(value: string): string {
  return fold(value).replace(/['_-]/g, ' ').replace(/\s+/g, ' ').trim();
}

const NAMES: Readonly<Record<LegalBasisId, readonly string[]>> = {
  consent: [
    'consent',
    'consentement',
    'consent of the data subject',
    'consentement de la personne concernée',
  ],
  contract: [
    'contract',
    'contrat',
    'contractual necessity',
    'performance of a contract',
    "exécution d'un contrat",
    'exécution du contrat',
    "exécution d'un contrat ou de mesures précontractuelles",
    'mesures précontractuelles',
  ],
  'legal-obligation': [
    'legal obligation',
    'compliance with a legal obligation',
    'obligation légale',
    "respect d'une obligation légale",
  ],
  'vital-interests': [
    'vital interest',
    'vital interests',
    'protection of vital interests',
    'intérêt vital',
    'intérêts vitaux',
    'sauvegarde des intérêts vitaux',
  ],
  'public-task': [
    'public task',
    'public interest',
    'public interest task',
    'official authority',
    "mission d'intérêt public",
    "exécution d'une mission d'intérêt public",
    'mission de service public',
    "exercice de l'autorité publique",
  ],
  'legitimate-interests': [
    'legitimate interest',
    'legitimate interests',
    'intérêt légitime',
    'intérêts légitimes',
  ],
};

const BY_NAME: ReadonlyMap<string, LegalBasisId> = new Map(
  LEGAL_BASIS_IDS.flatMap((id) =>
    [id, LEGAL_BASES[id].label.fr, LEGAL_BASES[id].label.en, ...NAMES[id]].map((name) => [nameKey(name), id] as const),
  ),
);

/** "art. 6-1-f", "Article 6(1)(a) RGPD", "6.1.f", "6-1 a" → the letter, or null. */
function articleLetter(folded: string): string | null {
  const core = folded
    .replace(/^art(?:icle)?\b\.?\s*/, '')
    .replace(/\s*(?:(?:du|de la|of the|of)\s+)?(?:rgpd|gdpr)$/, '');
  const compact = core.replace(/[\s().\-§,]/g, '');
  const match = /^61([a-f])$/.exec(compact);
  return match ? match[1]! : null;
}

export function parseLegalBasis(value: string): LegalBasisId | null {
  if (typeof value !== 'string') return null;
  const folded = fold(value);
  if (folded === '') return null;
  const letter = articleLetter(folded);
  if (letter !== null) return LETTER_TO_ID[letter] ?? null;
  return BY_NAME.get(nameKey(value)) ?? null;
}

export function legalBasisLabel(id: LegalBasisId, lang: Lang, options: { withArticle?: boolean } = {}): string {
  const basis = LEGAL_BASES[id];
  if (!options.withArticle) return basis.label[lang];
  const article = lang === 'fr' ? basis.article.replace('Art. ', 'art. ') : basis.article;
  return `${basis.label[lang]} (${article})`;
}
