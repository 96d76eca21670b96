/**
 * Severity of a personal data breach — ENISA "Recommendations for a methodology of the assessment
 * of severity of personal data breaches", working document v1.0, December 2013:
 *
 *     SE = DPC × EI + CB
 *
 * - DPC (data processing context): base score of the most critical data category (1–4), adjusted
 *   by whole steps for the processing context; the final DPC stays within 1–4.
 * - EI (ease of identification): 0.25 / 0.5 / 0.75 / 1.
 * - CB (circumstances of the breach), additive: confidentiality 0 / 0.25 / 0.5, integrity
 *   0 / 0.25 / 0.5, availability 0 / 0.25 / 0.5, malicious intent +0.5.
 * - Bands (lower bounds inclusive): SE < 2 low; 2 ≤ SE < 3 medium; 3 ≤ SE < 4 high; SE ≥ 4 very high.
 *
 * The score is an aid for the DPO's risk assessment (Arts 33–34 GDPR), never a decision.
 */
import { DomainError } from './errors';

/**
 * Where the numbers come from, and what the team could check. The CB values (0 / 0.25 / 0.5 per
 * element, +0.5 for malicious intent) are the ENISA 2013 scheme as reproduced by independent
 * implementations (myprivacy.tools; knowledge.co-dex.eu); the table itself — the "Circumstances of
 * breach" scoring table of § 2.3 of the working document — and the exact wording of each sub-level
 * were not read in the PDF. Shown « à vérifier » until they are.
 */
export const ENISA_REFERENCE = {
  title: 'ENISA, Recommendations for a methodology of the assessment of severity of personal data breaches, Working Document v1.0, December 2013',
  url: 'https://www.enisa.europa.eu/publications/dbn-severity',
  parts: [
    { id: 'formula', cite: 'SE = DPC × EI + CB (§ 2, overview of the methodology)', verified: true },
    { id: 'ei', cite: 'EI values 0.25 / 0.5 / 0.75 / 1 (§ 2.2, ease of identification table)', verified: true },
    {
      id: 'cb',
      cite: 'CB values: confidentiality, integrity, availability 0 / +0.25 / +0.5; malicious intent +0.5 (§ 2.3, circumstances of breach table)',
      verified: false,
      note: 'Values corroborated by two independent implementations; the table number and the sub-level wording were not read in the 2013 PDF.',
    },
    { id: 'bands', cite: 'Severity levels: < 2 low, 2–3 medium, 3–4 high, ≥ 4 very high (§ 2.4, final result)', verified: true },
  ],
} as const;

export type Lang = 'fr' | 'en';
export interface Bilingual {
  fr: string;
  en: string;
}

// ---------------------------------------------------------------------------------------------
// DPC — data processing context
// ---------------------------------------------------------------------------------------------

export type DpcCategoryId = 'simple' | 'behavioural' | 'financial' | 'sensitive';

export interface DpcCategory {
  id: DpcCategoryId;
  base: 1 | 2 | 3 | 4;
  label: Bilingual;
  examples: Bilingual;
}

export const DPC_CATEGORIES: readonly DpcCategory[] = [
  {
    id: 'simple',
    base: 1,
    label: { en: 'Simple data', fr: 'Données simples' },
    examples: {
      en: 'identity, contact details, education, family life, professional experience',
      fr: 'identité, coordonnées, formation, vie familiale, expérience professionnelle',
    },
  },
  {
    id: 'behavioural',
    base: 2,
    label: { en: 'Behavioural data', fr: 'Données comportementales' },
    examples: {
      en: 'location, traffic data, habits, preferences',
      fr: 'localisation, données de trafic, habitudes, préférences',
    },
  },
  {
    id: 'financial',
    base: 3,
    label: { en: 'Financial data', fr: 'Données financières' },
    examples: {
      en: 'income, transactions, bank statements, payment card data',
      fr: 'revenus, transactions, relevés bancaires, données de carte de paiement',
    },
  },
  {
    id: 'sensitive',
    base: 4,
    label: { en: 'Sensitive data', fr: 'Données sensibles' },
    examples: {
      en: 'health, political opinions, sex life and other Art. 9-type data',
      fr: 'santé, opinions politiques, vie sexuelle et autres données de type article 9',
    },
  },
];

export type DpcAdjustmentFactorId =
  | 'volume'
  | 'controller-characteristics'
  | 'individual-characteristics'
  | 'invalidity'
  | 'public-availability'
  | 'nature-of-data';

export interface DpcAdjustmentFactor {
  id: DpcAdjustmentFactorId;
  direction: 'increase' | 'decrease';
  label: Bilingual;
  explanation: Bilingual;
}

/** Contextual factors that raise or lower the base DPC (ENISA 2013, step 2). */
export const DPC_ADJUSTMENT_FACTORS: readonly DpcAdjustmentFactor[] = [
  {
    id: 'volume',
    direction: 'increase',
    label: { en: 'Volume of data per person', fr: 'Volume de données par personne' },
    explanation: {
      en: 'More data about the same person, over a longer period or in more detail (e.g. a year of traffic data rather than a week).',
      fr: 'Davantage de données sur une même personne, sur une plus longue période ou plus détaillées (par ex. un an de données de trafic plutôt qu’une semaine).',
    },
  },
  {
    id: 'controller-characteristics',
    direction: 'increase',
    label: { en: 'Characteristics of the controller', fr: 'Caractéristiques du responsable de traitement' },
    explanation: {
      en: 'The controller’s activity reveals more about the persons (e.g. the customer list of an online pharmacy rather than of a stationery shop).',
      fr: 'L’activité du responsable en révèle davantage sur les personnes (par ex. la liste de clients d’une pharmacie en ligne plutôt que d’une papeterie).',
    },
  },
  {
    id: 'individual-characteristics',
    direction: 'increase',
    label: { en: 'Characteristics of the individuals', fr: 'Caractéristiques des personnes' },
    explanation: {
      en: 'The persons are vulnerable or have particular needs or exposure (e.g. minors, victims, well-known public figures).',
      fr: 'Les personnes sont vulnérables ou particulièrement exposées (par ex. mineurs, victimes, personnalités connues).',
    },
  },
  {
    id: 'invalidity',
    direction: 'decrease',
    label: { en: 'Invalid or inaccurate data', fr: 'Données invalides ou inexactes' },
    explanation: {
      en: 'The controller knows for certain that the data are outdated or inaccurate, which reduces their significance (e.g. long-expired card numbers).',
      fr: 'Le responsable sait avec certitude que les données sont périmées ou inexactes, ce qui réduit leur portée (par ex. numéros de carte expirés depuis longtemps).',
    },
  },
  {
    id: 'public-availability',
    direction: 'decrease',
    label: { en: 'Data already public', fr: 'Données déjà publiques' },
    explanation: {
      en: 'The same data were already publicly available before the breach (e.g. a public directory).',
      fr: 'Les mêmes données étaient déjà accessibles au public avant la violation (par ex. un annuaire public).',
    },
  },
  {
    id: 'nature-of-data',
    direction: 'decrease',
    label: { en: 'Nature of the data', fr: 'Nature des données' },
    explanation: {
      en: 'The data reveal less than their category suggests (e.g. a generic fitness certificate rather than a diagnosis).',
      fr: 'Les données en révèlent moins que leur catégorie ne le laisse penser (par ex. un certificat d’aptitude générique plutôt qu’un diagnostic).',
    },
  },
];

export const DPC_MIN = 1;
export const DPC_MAX = 4;
/** Largest context adjustment, in whole steps, either way (a DPC may move from 1 to 4 or back). */
export const DPC_MAX_ADJUSTMENT = 3;

export interface DpcResult {
  base: number;
  adjustment: number;
  /** base + adjustment, clamped to 1–4. */
  dpc: number;
  /** True when the clamp changed the value. */
  clamped: boolean;
}

function normaliseName(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

function parseNumberish(value: string | number): number | undefined {
  if (typeof value === 'number') return value;
  const text = value.trim().replace(',', '.');
  if (text === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}

/** DPC from `1`–`4` (number or numeric string) or a category name (`simple`, `behavioural`, `behavioral`, `financial`, `sensitive`). */
export function parseDpc(x: string | number): number {
  if (typeof x === 'string') {
    const name = normaliseName(x) === 'behavioral' ? 'behavioural' : normaliseName(x);
    const category = DPC_CATEGORIES.find((c) => c.id === name);
    if (category) return category.base;
  }
  const n = typeof x === 'string' || typeof x === 'number' ? parseNumberish(x) : undefined;
  if (n !== undefined && Number.isInteger(n) && n >= DPC_MIN && n <= DPC_MAX) return n;
  throw new DomainError(
    'invalid_input',
    `Invalid data processing context (DPC) ${JSON.stringify(x)}: accepted values are 1, 2, 3, 4 or ${DPC_CATEGORIES.map((c) => `"${c.id}" (${c.base})`).join(', ')}.`,
    { field: 'dpc', value: x, accepted: [1, 2, 3, 4, ...DPC_CATEGORIES.map((c) => c.id)] },
  );
}

/** Final DPC = base (1–4 or category name) + whole-step context adjustment (−3…+3), clamped to 1–4. */
export function finalDpc(base: DpcCategoryId | number | string, adjustment = 0): DpcResult {
  const b = parseDpc(base);
  if (typeof adjustment !== 'number' || !Number.isInteger(adjustment) || Math.abs(adjustment) > DPC_MAX_ADJUSTMENT) {
    throw new DomainError(
      'invalid_input',
      `Invalid DPC adjustment ${JSON.stringify(adjustment)}: expected a whole number between −${DPC_MAX_ADJUSTMENT} and +${DPC_MAX_ADJUSTMENT}.`,
      { field: 'dpcAdjustment', value: adjustment },
    );
  }
  const raw = b + adjustment;
  const dpc = Math.min(DPC_MAX, Math.max(DPC_MIN, raw));
  return { base: b, adjustment, dpc, clamped: dpc !== raw };
}

// ---------------------------------------------------------------------------------------------
// EI — ease of identification
// ---------------------------------------------------------------------------------------------

export type EiLevelId = 'negligible' | 'limited' | 'significant' | 'maximum';

export interface EiLevel {
  id: EiLevelId;
  value: 0.25 | 0.5 | 0.75 | 1;
  label: Bilingual;
  explanation: Bilingual;
}

export const EI_LEVELS: readonly EiLevel[] = [
  {
    id: 'negligible',
    value: 0.25,
    label: { en: 'Negligible', fr: 'Négligeable' },
    explanation: {
      en: 'Linking the data to a specific person is extremely difficult, though possible in some conditions.',
      fr: 'Relier les données à une personne précise est extrêmement difficile, bien que possible dans certaines conditions.',
    },
  },
  {
    id: 'limited',
    value: 0.5,
    label: { en: 'Limited', fr: 'Limitée' },
    explanation: {
      en: 'Identifying a person is difficult but possible in some conditions (e.g. a very common name alone).',
      fr: 'Identifier une personne est difficile mais possible dans certaines conditions (par ex. un nom très courant seul).',
    },
  },
  {
    id: 'significant',
    value: 0.75,
    label: { en: 'Significant', fr: 'Importante' },
    explanation: {
      en: 'Identifying a person is relatively easy (e.g. name combined with an address or a date of birth).',
      fr: 'Identifier une personne est relativement facile (par ex. nom associé à une adresse ou à une date de naissance).',
    },
  },
  {
    id: 'maximum',
    value: 1,
    label: { en: 'Maximum', fr: 'Maximale' },
    explanation: {
      en: 'The data identify the person directly (e.g. full name with a photograph, a national identification number).',
      fr: 'Les données identifient directement la personne (par ex. nom complet avec photographie, numéro d’identification national).',
    },
  },
];

function levelList(levels: readonly { id: string; value: number }[]): string {
  return levels.map((l) => `${l.value} or "${l.id}"`).join(', ');
}

/** EI level from its value (`0.25`, `"0.5"`, `"0,75"`, `1`) or name (`negligible` … `maximum`). */
export function parseEi(x: string | number): EiLevel {
  if (typeof x === 'string') {
    const byName = EI_LEVELS.find((l) => l.id === normaliseName(x));
    if (byName) return byName;
  }
  const n = typeof x === 'string' || typeof x === 'number' ? parseNumberish(x) : undefined;
  const byValue = n === undefined ? undefined : EI_LEVELS.find((l) => sameValue(l.value, n));
  if (byValue) return byValue;
  throw new DomainError(
    'invalid_input',
    `Invalid ease of identification (EI) ${JSON.stringify(x)}: accepted values are ${levelList(EI_LEVELS)}.`,
    { field: 'ei', value: x, accepted: EI_LEVELS.map((l) => ({ id: l.id, value: l.value })) },
  );
}

// ---------------------------------------------------------------------------------------------
// CB — circumstances of the breach
// ---------------------------------------------------------------------------------------------

export type CircumstanceKind = 'confidentiality' | 'integrity' | 'availability';
export type ConfidentialityLevelId = 'none' | 'limited' | 'unknown';
export type IntegrityLevelId = 'none' | 'recoverable' | 'not-recoverable';
export type AvailabilityLevelId = 'none' | 'temporary' | 'permanent';
export type CircumstanceLevelId = ConfidentialityLevelId | IntegrityLevelId | AvailabilityLevelId;

export interface CircumstanceLevel {
  kind: CircumstanceKind;
  id: CircumstanceLevelId;
  value: 0 | 0.25 | 0.5;
  label: Bilingual;
  explanation: Bilingual;
}

export const CIRCUMSTANCE_KINDS: Readonly<Record<CircumstanceKind, Bilingual>> = {
  confidentiality: { en: 'Loss of confidentiality', fr: 'Perte de confidentialité' },
  integrity: { en: 'Loss of integrity', fr: 'Perte d’intégrité' },
  availability: { en: 'Loss of availability', fr: 'Perte de disponibilité' },
};

export const CIRCUMSTANCE_LEVELS: Readonly<Record<CircumstanceKind, readonly CircumstanceLevel[]>> = {
  confidentiality: [
    {
      kind: 'confidentiality',
      id: 'none',
      value: 0,
      label: { en: 'None', fr: 'Aucune' },
      explanation: {
        en: 'No loss of confidentiality, or data exposed without evidence of unlawful processing.',
        fr: 'Pas de perte de confidentialité, ou données exposées sans indice de traitement illicite.',
      },
    },
    {
      kind: 'confidentiality',
      id: 'limited',
      value: 0.25,
      label: { en: 'Known, limited recipients', fr: 'Destinataires connus et en nombre limité' },
      explanation: {
        en: 'Data disclosed to a known and limited number of recipients.',
        fr: 'Données communiquées à un nombre connu et limité de destinataires.',
      },
    },
    {
      kind: 'confidentiality',
      id: 'unknown',
      value: 0.5,
      label: { en: 'Unknown recipients', fr: 'Destinataires inconnus' },
      explanation: {
        en: 'Data disclosed to an unknown number of recipients (e.g. published online).',
        fr: 'Données communiquées à un nombre inconnu de destinataires (par ex. publiées en ligne).',
      },
    },
  ],
  integrity: [
    {
      kind: 'integrity',
      id: 'none',
      value: 0,
      label: { en: 'None', fr: 'Aucune' },
      explanation: { en: 'Data not altered.', fr: 'Données non altérées.' },
    },
    {
      kind: 'integrity',
      id: 'recoverable',
      value: 0.25,
      label: { en: 'Altered, recoverable', fr: 'Altérées, récupérables' },
      explanation: {
        en: 'Data altered and possibly used incorrectly, but the correct data can be recovered.',
        fr: 'Données altérées et éventuellement utilisées à tort, mais les données exactes peuvent être rétablies.',
      },
    },
    {
      kind: 'integrity',
      id: 'not-recoverable',
      value: 0.5,
      label: { en: 'Altered, not recoverable', fr: 'Altérées, non récupérables' },
      explanation: {
        en: 'Data altered and possibly used incorrectly, and the correct data cannot be recovered.',
        fr: 'Données altérées et éventuellement utilisées à tort, sans possibilité de rétablir les données exactes.',
      },
    },
  ],
  availability: [
    {
      kind: 'availability',
      id: 'none',
      value: 0,
      label: { en: 'None', fr: 'Aucune' },
      explanation: { en: 'Data remained available.', fr: 'Les données sont restées disponibles.' },
    },
    {
      kind: 'availability',
      id: 'temporary',
      value: 0.25,
      label: { en: 'Temporary', fr: 'Temporaire' },
      explanation: {
        en: 'Data temporarily unavailable, then restored.',
        fr: 'Données temporairement indisponibles, puis rétablies.',
      },
    },
    {
      kind: 'availability',
      id: 'permanent',
      value: 0.5,
      label: { en: 'Permanent', fr: 'Définitive' },
      explanation: {
        en: 'Data fully or permanently unavailable (cannot be restored).',
        fr: 'Données totalement ou définitivement indisponibles (non restaurables).',
      },
    },
  ],
};

export const MALICIOUS_INTENT = {
  value: 0.5,
  label: { en: 'Malicious intent', fr: 'Intention malveillante' },
  explanation: {
    en: 'The breach results from a deliberate act intended to cause harm (e.g. theft, hacking); adds 0.5.',
    fr: 'La violation résulte d’un acte délibéré visant à nuire (par ex. vol, piratage) ; ajoute 0,5.',
  },
} as const;

const CIRCUMSTANCE_ALIASES: Readonly<Record<string, string>> = {
  unrecoverable: 'not-recoverable',
  irrecoverable: 'not-recoverable',
  notrecoverable: 'not-recoverable',
  'unknown-recipients': 'unknown',
  'limited-recipients': 'limited',
  known: 'limited',
};

/**
 * Level of one CB element from its value (`0`, `0.25`, `0.5`, also as strings) or its name:
 * confidentiality `none` / `limited` / `unknown`; integrity `none` / `recoverable` /
 * `not-recoverable`; availability `none` / `temporary` / `permanent`.
 */
export function parseCircumstance(kind: CircumstanceKind, x: string | number): CircumstanceLevel {
  const levels = CIRCUMSTANCE_LEVELS[kind];
  if (!levels) {
    throw new DomainError(
      'invalid_input',
      `Invalid breach circumstance ${JSON.stringify(kind)}: expected "confidentiality", "integrity" or "availability".`,
      { field: 'kind', value: kind },
    );
  }
  if (typeof x === 'string') {
    const name = normaliseName(x);
    const byName = levels.find((l) => l.id === (CIRCUMSTANCE_ALIASES[name] ?? name));
    if (byName) return byName;
  }
  const n = typeof x === 'string' || typeof x === 'number' ? parseNumberish(x) : undefined;
  const byValue = n === undefined ? undefined : levels.find((l) => sameValue(l.value, n));
  if (byValue) return byValue;
  throw new DomainError(
    'invalid_input',
    `Invalid ${kind} level ${JSON.stringify(x)}: accepted values are ${levelList(levels)}.`,
    { field: kind, value: x, accepted: levels.map((l) => ({ id: l.id, value: l.value })) },
  );
}

// ---------------------------------------------------------------------------------------------
// Severity levels and score
// ---------------------------------------------------------------------------------------------

export type SeverityLevel = 'low' | 'medium' | 'high' | 'very-high';

export interface SeverityLevelInfo {
  id: SeverityLevel;
  /** Inclusive lower bound of SE. */
  min: number;
  label: Bilingual;
  meaning: Bilingual;
}

export const SEVERITY_LEVELS: readonly SeverityLevelInfo[] = [
  {
    id: 'low',
    min: Number.NEGATIVE_INFINITY,
    label: { en: 'Low', fr: 'Faible' },
    meaning: {
      en: 'individuals are not affected or meet a few minor inconveniences they will easily overcome',
      fr: 'les personnes ne sont pas affectées ou subissent quelques désagréments mineurs qu’elles surmonteront facilement',
    },
  },
  {
    id: 'medium',
    min: 2,
    label: { en: 'Medium', fr: 'Moyen' },
    meaning: {
      en: 'individuals may meet significant inconveniences they will overcome with some difficulty',
      fr: 'les personnes peuvent subir des désagréments importants qu’elles surmonteront avec quelques difficultés',
    },
  },
  {
    id: 'high',
    min: 3,
    label: { en: 'High', fr: 'Élevé' },
    meaning: {
      en: 'individuals may suffer significant consequences they should overcome, but with serious difficulty',
      fr: 'les personnes peuvent subir des conséquences importantes qu’elles devraient surmonter, mais avec de sérieuses difficultés',
    },
  },
  {
    id: 'very-high',
    min: 4,
    label: { en: 'Very high', fr: 'Très élevé' },
    meaning: {
      en: 'individuals may suffer significant or even irreversible consequences they may not overcome',
      fr: 'les personnes peuvent subir des conséquences importantes, voire irréversibles, qu’elles pourraient ne pas surmonter',
    },
  },
];

function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** Band of an SE score: < 2 low; [2, 3) medium; [3, 4) high; ≥ 4 very high. */
export function severityLevel(score: number): SeverityLevel {
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    throw new DomainError('invalid_input', `Invalid severity score ${JSON.stringify(score)}: expected a finite number.`, {
      field: 'score',
      value: score,
    });
  }
  // Absorb floating-point noise only (2.9999999999 → 3), not real differences (1.99 stays low).
  const s = Math.round(score * 1e6) / 1e6;
  if (s >= 4) return 'very-high';
  if (s >= 3) return 'high';
  if (s >= 2) return 'medium';
  return 'low';
}

export interface SeverityInput {
  /** Final DPC (whole number 1–4 or category name), or a base with a context adjustment. */
  dpc: number | string | { base: DpcCategoryId | number | string; adjustment?: number };
  ei: string | number;
  /** Default `none`. */
  confidentiality?: string | number;
  /** Default `none`. */
  integrity?: string | number;
  /** Default `none`. */
  availability?: string | number;
  /** Default `false`. */
  malicious?: boolean;
}

export interface SeverityBreakdown {
  dpcBase: number;
  dpcAdjustment: number;
  dpc: number;
  ei: number;
  eiLevel: EiLevelId;
  dpcTimesEi: number;
  confidentiality: number;
  confidentialityLevel: ConfidentialityLevelId;
  integrity: number;
  integrityLevel: IntegrityLevelId;
  availability: number;
  availabilityLevel: AvailabilityLevelId;
  /** 0.5 when malicious, else 0. */
  malicious: number;
  cb: number;
}

export interface SeverityResult {
  /** SE rounded to 2 decimals. */
  score: number;
  level: SeverityLevel;
  breakdown: SeverityBreakdown;
  explanation: { fr: string[]; en: string[] };
}

function num(n: number, lang: Lang, decimals?: number): string {
  const text = decimals === undefined ? String(round2(n)) : round2(n).toFixed(decimals);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

function resolveDpc(input: SeverityInput['dpc']): DpcResult {
  if (typeof input === 'object' && input !== null) return finalDpc(input.base, input.adjustment ?? 0);
  const dpc = parseDpc(input);
  return { base: dpc, adjustment: 0, dpc, clamped: false };
}

function explain(
  lang: Lang,
  d: DpcResult,
  ei: EiLevel,
  c: CircumstanceLevel,
  i: CircumstanceLevel,
  a: CircumstanceLevel,
  malicious: boolean,
  b: SeverityBreakdown,
  score: number,
  level: SeverityLevelInfo,
): string[] {
  const fr = lang === 'fr';
  const category = DPC_CATEGORIES.find((cat) => cat.base === d.base);
  const lines: string[] = [];
  let dpcLine = fr
    ? `Contexte de traitement (DPC) : ${d.dpc}`
    : `Data processing context (DPC): ${d.dpc}`;
  if (d.adjustment !== 0 || d.clamped) {
    dpcLine += fr
      ? ` (base ${d.base}${category ? ` — ${category.label.fr}` : ''}, ajustement ${signed(d.adjustment)}${d.clamped ? ', ramené à l’intervalle 1–4' : ''})`
      : ` (base ${d.base}${category ? ` — ${category.label.en}` : ''}, adjustment ${signed(d.adjustment)}${d.clamped ? ', kept within 1–4' : ''})`;
  }
  lines.push(dpcLine);
  lines.push(
    fr
      ? `Facilité d’identification (EI) : ${num(ei.value, lang)} — ${ei.label.fr.toLowerCase()}`
      : `Ease of identification (EI): ${num(ei.value, lang)} — ${ei.label.en.toLowerCase()}`,
  );
  lines.push(`DPC × EI = ${d.dpc} × ${num(ei.value, lang)} = ${num(b.dpcTimesEi, lang)}`);
  const parts = [c, i, a].map((x) => `${(fr ? CIRCUMSTANCE_KINDS[x.kind].fr : CIRCUMSTANCE_KINDS[x.kind].en).toLowerCase()} ${num(x.value, lang)} (${x.id})`);
  parts.push(
    fr
      ? `intention malveillante ${num(b.malicious, lang)}${malicious ? '' : ' (non)'}`
      : `malicious intent ${num(b.malicious, lang)}${malicious ? '' : ' (no)'}`,
  );
  lines.push(
    fr
      ? `Circonstances de la violation (CB) : ${parts.join(' + ')} = ${num(b.cb, lang)}`
      : `Circumstances of the breach (CB): ${parts.join(' + ')} = ${num(b.cb, lang)}`,
  );
  lines.push(
    fr
      ? `SE = DPC × EI + CB = ${num(b.dpcTimesEi, lang)} + ${num(b.cb, lang)} = ${num(score, lang, 2)} → niveau ${level.label.fr.toLowerCase()} : ${level.meaning.fr}`
      : `SE = DPC × EI + CB = ${num(b.dpcTimesEi, lang)} + ${num(b.cb, lang)} = ${num(score, lang, 2)} → ${level.label.en.toLowerCase()} severity: ${level.meaning.en}`,
  );
  lines.push(
    fr
      ? 'Méthode ENISA (décembre 2013) : une aide à l’appréciation du risque, pas une décision.'
      : 'ENISA method (December 2013): an aid to the risk assessment, not a decision.',
  );
  return lines;
}

/** ENISA severity: SE = DPC × EI + CB, with breakdown and a bilingual explanation. */
export function computeSeverity(input: SeverityInput): SeverityResult {
  const d = resolveDpc(input.dpc);
  const ei = parseEi(input.ei);
  const c = parseCircumstance('confidentiality', input.confidentiality ?? 'none');
  const i = parseCircumstance('integrity', input.integrity ?? 'none');
  const a = parseCircumstance('availability', input.availability ?? 'none');
  if (input.malicious !== undefined && typeof input.malicious !== 'boolean') {
    throw new DomainError('invalid_input', `Invalid malicious flag ${JSON.stringify(input.malicious)}: expected true or false.`, {
      field: 'malicious',
      value: input.malicious,
    });
  }
  const malicious = input.malicious === true;
  const maliciousValue = malicious ? MALICIOUS_INTENT.value : 0;
  const dpcTimesEi = round2(d.dpc * ei.value);
  const cb = round2(c.value + i.value + a.value + maliciousValue);
  const score = round2(dpcTimesEi + cb);
  const levelId = severityLevel(score);
  const level = SEVERITY_LEVELS.find((l) => l.id === levelId) as SeverityLevelInfo;
  const breakdown: SeverityBreakdown = {
    dpcBase: d.base,
    dpcAdjustment: d.adjustment,
    dpc: d.dpc,
    ei: ei.value,
    eiLevel: ei.id,
    dpcTimesEi,
    confidentiality: c.value,
    confidentialityLevel: c.id as ConfidentialityLevelId,
    integrity: i.value,
    integrityLevel: i.id as IntegrityLevelId,
    availability: a.value,
    availabilityLevel: a.id as AvailabilityLevelId,
    malicious: maliciousValue,
    cb,
  };
  return {
    score,
    level: levelId,
    breakdown,
    explanation: {
      fr: explain('fr', d, ei, c, i, a, malicious, breakdown, score, level),
      en: explain('en', d, ei, c, i, a, malicious, breakdown, score, level),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CNIL gravity scale and decision hint
// ---------------------------------------------------------------------------------------------

export type CnilGravityId = 'negligible' | 'limited' | 'significant' | 'maximum';

export interface CnilGravity {
  id: CnilGravityId;
  /** Value as labelled on the CNIL notification form ("Estimation du niveau de gravité"). */
  fr: 'Négligeable' | 'Limité' | 'Important' | 'Maximal';
  en: 'Negligible' | 'Limited' | 'Significant' | 'Maximum';
}

const CNIL_GRAVITY: Readonly<Record<SeverityLevel, CnilGravity>> = {
  low: { id: 'negligible', fr: 'Négligeable', en: 'Negligible' },
  medium: { id: 'limited', fr: 'Limité', en: 'Limited' },
  high: { id: 'significant', fr: 'Important', en: 'Significant' },
  'very-high': { id: 'maximum', fr: 'Maximal', en: 'Maximum' },
};

function assertLevel(level: SeverityLevel): void {
  if (!Object.prototype.hasOwnProperty.call(CNIL_GRAVITY, level)) {
    throw new DomainError(
      'invalid_input',
      `Invalid severity level ${JSON.stringify(level)}: expected "low", "medium", "high" or "very-high".`,
      { field: 'level', value: level },
    );
  }
}

/** ENISA level → CNIL form gravity (low → Négligeable, medium → Limité, high → Important, very high → Maximal). */
export function cnilGravity(level: SeverityLevel): CnilGravity {
  assertLevel(level);
  return CNIL_GRAVITY[level];
}

export interface RiskDecisionHintOptions {
  /**
   * Threshold for notifying the supervisory authority (workspace setting): `risk` (GDPR Art. 33(1)
   * today, default) or `high-risk` (Digital Omnibus proposal).
   */
  authorityThreshold?: 'risk' | 'high-risk';
}

export interface RiskDecisionHint {
  /** Always `'hint'`: the DPO decides and records the reasoning. */
  kind: 'hint';
  /** Notification to the supervisory authority is indicated by the score. */
  notifyAuthority: boolean;
  /** Communication to the data subjects (Art. 34) is indicated, unless an Art. 34(3) exemption applies. */
  communicateToDataSubjects: boolean;
  /** Every breach is documented internally (Art. 33(5)). */
  documentInternally: true;
  reasons: { fr: string[]; en: string[] };
}

/**
 * What the ENISA level suggests for Arts 33 and 34 — a hint with reasons, never a decision.
 * Low is read as "risk may be unlikely"; medium and above as a risk; high and very high as a
 * likely high risk.
 */
export function riskDecisionHint(level: SeverityLevel, options: RiskDecisionHintOptions = {}): RiskDecisionHint {
  assertLevel(level);
  const threshold = options.authorityThreshold ?? 'risk';
  if (threshold !== 'risk' && threshold !== 'high-risk') {
    throw new DomainError(
      'invalid_input',
      `Invalid notification threshold ${JSON.stringify(threshold)}: expected "risk" or "high-risk".`,
      { field: 'authorityThreshold', value: threshold },
    );
  }
  const highRisk = level === 'high' || level === 'very-high';
  const risk = level !== 'low';
  const notifyAuthority = threshold === 'risk' ? risk : highRisk;
  const fr: string[] = [];
  const en: string[] = [];

  if (notifyAuthority) {
    if (threshold === 'risk') {
      en.push(
        'Art. 33(1): the breach may result in a risk to the rights and freedoms of persons — notify the supervisory authority without undue delay and within the notification period, unless you conclude the risk is unlikely.',
      );
      fr.push(
        'Art. 33(1) : la violation peut engendrer un risque pour les droits et libertés des personnes — notifier l’autorité de contrôle dans les meilleurs délais et dans le délai de notification, sauf si vous concluez que le risque est improbable.',
      );
    } else {
      en.push(
        'Notification threshold set to high risk: the score suggests a likely high risk — notify the supervisory authority.',
      );
      fr.push(
        'Seuil de notification réglé sur « risque élevé » : le score suggère un risque élevé probable — notifier l’autorité de contrôle.',
      );
    }
  } else if (threshold === 'risk') {
    en.push(
      'Low severity: the breach may be unlikely to result in a risk, in which case notification to the authority is not required (Art. 33(1)). Confirm this conclusion and record it; if in doubt, notify (CNIL practice).',
    );
    fr.push(
      'Gravité faible : la violation n’est peut-être pas susceptible d’engendrer un risque, auquel cas la notification à l’autorité n’est pas requise (art. 33(1)). Confirmez cette conclusion et consignez-la ; en cas de doute, notifiez (pratique de la CNIL).',
    );
  } else {
    en.push(
      'Notification threshold set to high risk: the score does not suggest a high risk, so notification to the authority is not indicated. Record the reasoning; if in doubt, notify.',
    );
    fr.push(
      'Seuil de notification réglé sur « risque élevé » : le score ne suggère pas de risque élevé, la notification à l’autorité n’est donc pas indiquée. Consignez le raisonnement ; en cas de doute, notifiez.',
    );
  }

  if (highRisk) {
    en.push(
      'Art. 34(1): a high risk is likely — communicate the breach to the persons concerned without undue delay, unless an Art. 34(3) exemption applies (data made unintelligible, e.g. encrypted; later measures make the high risk unlikely; disproportionate effort, then a public communication).',
    );
    fr.push(
      'Art. 34(1) : un risque élevé est probable — informer les personnes concernées dans les meilleurs délais, sauf exemption de l’art. 34(3) (données rendues incompréhensibles, par ex. chiffrées ; mesures ultérieures rendant le risque élevé improbable ; efforts disproportionnés, auquel cas une communication publique).',
    );
  } else {
    en.push('Art. 34: the score does not suggest a high risk, so communication to the persons is not indicated by it.');
    fr.push(
      'Art. 34 : le score ne suggère pas de risque élevé ; l’information des personnes n’est donc pas indiquée par celui-ci.',
    );
  }

  en.push('Art. 33(5): document the breach in the internal breach register in every case.');
  fr.push('Art. 33(5) : documenter la violation dans le registre interne des violations dans tous les cas.');
  en.push('This is a hint derived from the ENISA score, not a decision: the DPO decides and records the reasons.');
  fr.push('Ceci est une indication tirée du score ENISA, pas une décision : le DPO décide et consigne ses motifs.');

  return { kind: 'hint', notifyAuthority, communicateToDataSubjects: highRisk, documentInternally: true, reasons: { fr, en } };
}
