/**
 * International transfers (GDPR Chapter V): pure rules over versioned reference data.
 *
 * The reference data lives in `resources/reference/*.json` and is validated here at module
 * load: a malformed file throws immediately instead of producing wrong advice later.
 * Country names come from `Intl.DisplayNames`, except for the EEA and adequacy entries whose
 * names are in the data file.
 */
import { z } from 'zod';
import adequacyJson from '../../resources/reference/adequacy.json' with { type: 'json' };
import transferToolsJson from '../../resources/reference/transfer-tools.json' with { type: 'json' };
import art28Json from '../../resources/reference/art28-checklist.json' with { type: 'json' };
import { DomainError } from './errors';
import { dateTimeFormat } from './intl-cache';

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

export interface Bilingual {
  fr: string;
  en: string;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE_RE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** Adds calendar months, clamping to the end of the month (2025-01-31 + 1 → 2025-02-28). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  const nd = Math.min(d, last);
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** Dates already written, per language (the same adequacy decision's date is written for each of ~2,000 transfers checked). */
const formattedDates = new Map<string, string>();

function formatDate(date: string, lang: 'fr' | 'en'): string {
  const key = `${lang}${date}`;
  const hit = formattedDates.get(key);
  if (hit !== undefined) return hit;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const text = dateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
    .format(new Date(Date.UTC(y, m - 1, d)))
    .replace(/^1 /, lang === 'fr' ? '1er ' : '1 ');
  if (formattedDates.size >= 4096) formattedDates.clear();
  formattedDates.set(key, text);
  return text;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Reference data schemas (validated at module load)
// ---------------------------------------------------------------------------------------------

const isoDate = z.string().refine(isIsoDate, { message: 'expected a valid YYYY-MM-DD date' });
const alpha2 = z.string().regex(/^[A-Z]{2}$/, 'expected an upper-case ISO 3166-1 alpha-2 code');
const bilingual = z.object({ fr: z.string().min(1), en: z.string().min(1) });
const source = z.object({ id: z.string().min(1), title: z.string().min(1), url: z.string().url().optional() });

const ADEQUACY_SCOPES = ['full', 'partial', 'commercial', 'certified-only'] as const;
export type AdequacyScope = (typeof ADEQUACY_SCOPES)[number];

const adequacyEntrySchema = z.object({
  code: alpha2,
  name: bilingual,
  decision: z.string().regex(/^Commission (Implementing )?Decision /, 'expected a Commission decision reference'),
  decisionFr: z.string().min(1),
  date: isoDate,
  scope: z.enum(ADEQUACY_SCOPES),
  scopeNote: bilingual,
  requiresCertification: z.literal('DPF').optional(),
  status: z.literal('in-force'),
  renewedOn: isoDate.optional(),
  validUntil: isoDate.optional(),
  reviewNote: z.string().optional(),
  note: z.string().optional(),
  /**
   * False when the team could not check the decision's reference (number, date, scope) in the
   * Official Journal or on the Commission's page; shown « à vérifier » / "to verify".
   */
  verified: z.boolean(),
  /** What was and was not checked. Required when `verified` is false. */
  verificationNote: z.string().min(1).optional(),
}).refine((e) => e.verified || !!e.verificationNote, { message: 'an unverified reference needs a verificationNote saying what is to verify' });

const adequacyFileSchema = z
  .object({
    formatVersion: z.literal(1),
    checkedOn: isoDate,
    comment: z.string().optional(),
    sources: z.array(source).min(1),
    eea: z.array(z.object({ code: alpha2, name: bilingual, eu: z.boolean() })).min(1),
    eeaTerritories: z.object({
      comment: z.string().optional(),
      note: z.string().optional(),
      entries: z.array(z.object({ code: alpha2, name: bilingual, partOf: alpha2 })),
    }),
    adequacy: z.array(adequacyEntrySchema).min(1),
    internationalOrganisations: z.array(
      z.object({
        id: z.string().min(1),
        name: bilingual,
        decision: z.string().min(1).nullable(),
        date: isoDate,
        status: z.literal('in-force'),
        note: z.string().optional(),
        verified: z.boolean(),
        verificationNote: z.string().min(1).optional(),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>();
    const claim = (code: string, where: string) => {
      const previous = seen.get(code);
      if (previous) ctx.addIssue({ code: 'custom', message: `${code} appears in both ${previous} and ${where}` });
      else seen.set(code, where);
    };
    for (const c of file.eea) claim(c.code, 'eea');
    for (const c of file.eeaTerritories.entries) {
      claim(c.code, 'eeaTerritories');
      if (!file.eea.some((m) => m.code === c.partOf && m.eu)) {
        ctx.addIssue({ code: 'custom', message: `${c.code}: partOf ${c.partOf} is not an EU member in eea` });
      }
    }
    for (const c of file.adequacy) {
      claim(c.code, 'adequacy');
      if (c.date > file.checkedOn) ctx.addIssue({ code: 'custom', message: `${c.code}: decision date after checkedOn` });
      if (c.scope === 'certified-only' && !c.requiresCertification) {
        ctx.addIssue({ code: 'custom', message: `${c.code}: scope certified-only needs requiresCertification` });
      }
    }
  });

const bilingualList = z.object({ fr: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) });

const TIA_OUTCOMES = ['not-required', 'pending', 'no-measures-needed', 'measures-adopted', 'do-not-transfer'] as const;
export type TiaOutcome = (typeof TIA_OUTCOMES)[number];

const DEROGATION_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'second-subparagraph'] as const;
export type DerogationId = (typeof DEROGATION_IDS)[number];

const transferToolsFileSchema = z.object({
  formatVersion: z.literal(1),
  checkedOn: isoDate,
  comment: z.string().optional(),
  sources: z.array(source).min(1),
  scc: z.object({
    decision: z.string().min(1),
    decisionFr: z.string().min(1),
    date: isoDate,
    oldSccRepealedOn: isoDate,
    oldSccContractsEndedOn: isoDate,
    oldSccNote: bilingual,
    modules: z
      .array(
        z.object({
          module: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
          id: z.enum(['C2C', 'C2P', 'P2P', 'P2C']),
          label: bilingual,
        }),
      )
      .length(4),
    keyClauses: z.array(z.object({ clause: z.string().min(1), label: bilingual })),
    notes: z.array(bilingual),
  }),
  art46Tools: z
    .array(
      z.object({
        id: z.string().min(1),
        article: z.string().regex(/^GDPR Art\. 46\(/),
        authorisationRequired: z.boolean(),
        label: bilingual,
      }),
    )
    .min(1),
  art49Derogations: z
    .array(
      z.object({
        id: z.enum(DEROGATION_IDS),
        article: z.string().regex(/^GDPR Art\. 49\(1\)/),
        availableToPublicAuthorities: z.boolean(),
        label: bilingual,
      }),
    )
    .length(DEROGATION_IDS.length),
  derogationsNote: bilingual,
  tia: z.object({
    source: z.string().min(1),
    steps: z
      .array(
        z.object({
          step: z.number().int().min(1).max(6),
          id: z.string().min(1),
          neededWithAdequacy: z.boolean(),
          title: bilingual,
          questions: bilingualList,
        }),
      )
      .length(6),
    stepsNote: bilingual,
    outcomes: z.array(z.object({ id: z.enum(TIA_OUTCOMES), label: bilingual })).length(TIA_OUTCOMES.length),
  }),
});

const art28FileSchema = z.object({
  formatVersion: z.literal(1),
  checkedOn: isoDate,
  comment: z.string().optional(),
  sources: z.array(source).min(1),
  items: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        article: z.string().min(1),
        mandatory: z.boolean(),
        label: bilingual,
        explanation: bilingual,
      }),
    )
    .min(1),
});

/** Parses a bundled reference file; throws a plain Error naming the file and every problem. */
export function parseReferenceFile<T>(fileName: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`Malformed reference file resources/reference/${fileName}: ${problems}`);
  }
  return result.data;
}

/** Exposed so tests (and a future data-update check) can validate candidate files. */
export const referenceSchemas = {
  adequacy: adequacyFileSchema,
  transferTools: transferToolsFileSchema,
  art28Checklist: art28FileSchema,
} as const;

const ADEQUACY_DATA = parseReferenceFile('adequacy.json', adequacyFileSchema, adequacyJson);
const TOOLS_DATA = parseReferenceFile('transfer-tools.json', transferToolsFileSchema, transferToolsJson);
const ART28_DATA = parseReferenceFile('art28-checklist.json', art28FileSchema, art28Json);

export type AdequacyReferenceFile = z.infer<typeof adequacyFileSchema>;
export type AdequacyReferenceEntry = z.infer<typeof adequacyEntrySchema>;

/** The validated adequacy reference file (EEA list, adequacy decisions, sources, checkedOn). */
export const ADEQUACY_REFERENCE: Readonly<AdequacyReferenceFile> = ADEQUACY_DATA;
export const SCC_REFERENCE = TOOLS_DATA.scc;
export const SCC_MODULES = TOOLS_DATA.scc.modules;
export const ART46_TOOLS = TOOLS_DATA.art46Tools;
export const ART49_DEROGATIONS = TOOLS_DATA.art49Derogations;
export const ART49_NOTE: Bilingual = TOOLS_DATA.derogationsNote;
export const ART28_CHECKLIST = ART28_DATA.items;
export const TIA_STEPS = TOOLS_DATA.tia.steps;
export const TIA_STEPS_NOTE: Bilingual = TOOLS_DATA.tia.stepsNote;
export const TIA_OUTCOME_IDS: readonly TiaOutcome[] = TIA_OUTCOMES;

export type SccModule = 1 | 2 | 3 | 4;

export function sccModuleLabel(module: SccModule): Bilingual {
  const found = SCC_MODULES.find((m) => m.module === module);
  if (!found) throw new DomainError('invalid_input', `Unknown SCC module "${String(module)}": expected 1, 2, 3 or 4.`);
  return found.label;
}

export function tiaOutcomeLabel(outcome: TiaOutcome): Bilingual {
  const found = TOOLS_DATA.tia.outcomes.find((o) => o.id === outcome);
  if (!found) {
    throw new DomainError(
      'invalid_input',
      `Unknown transfer impact assessment outcome "${String(outcome)}": expected one of ${TIA_OUTCOMES.join(', ')}.`,
    );
  }
  return found.label;
}

// ---------------------------------------------------------------------------------------------
// Countries
// ---------------------------------------------------------------------------------------------

/**
 * ISO 3166-1 alpha-2 officially assigned codes (249). Names are not typed here: they come from
 * Intl.DisplayNames. XK (Kosovo, user-assigned code used by the EU institutions) is accepted too.
 */
const ISO_3166_ALPHA2 = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ ' +
  'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
  'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ' +
  'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ ' +
  'LA LB LC LI LK LR LS LT LU LV LY ' +
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
  'NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA ' +
  'RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
  'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU ' +
  'WF WS YE YT ZA ZM ZW'
).split(' ');
const EXTRA_CODES = ['XK'];

/** Common non-ISO spellings, used only to make the error message helpful. */
const CODE_HINTS: Record<string, string> = {
  UK: 'use GB for the United Kingdom',
  EL: 'use GR for Greece',
};

const KNOWN_CODES = new Set([...ISO_3166_ALPHA2, ...EXTRA_CODES]);
const EEA_BY_CODE = new Map(ADEQUACY_DATA.eea.map((c) => [c.code, c]));
const TERRITORY_BY_CODE = new Map(ADEQUACY_DATA.eeaTerritories.entries.map((c) => [c.code, c]));
const ADEQUACY_BY_CODE = new Map(ADEQUACY_DATA.adequacy.map((c) => [c.code, c]));

for (const code of [...EEA_BY_CODE.keys(), ...TERRITORY_BY_CODE.keys(), ...ADEQUACY_BY_CODE.keys()]) {
  if (!KNOWN_CODES.has(code)) {
    throw new Error(`Malformed reference file resources/reference/adequacy.json: ${code} is not an ISO 3166-1 alpha-2 code`);
  }
}

/** Normalises a country code (trim + upper case) or throws DomainError('invalid_input'). */
export function normalizeCountryCode(value: unknown, field = 'country'): string {
  const raw = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (KNOWN_CODES.has(raw)) return raw;
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  const hint = CODE_HINTS[raw];
  throw new DomainError(
    'invalid_input',
    `Unknown country code ${shown} for ${field}: ISO 3166-1 alpha-2 codes are expected (e.g. FR, DE, US, JP)` +
      (hint ? `; ${hint}.` : '.'),
    { field, value },
  );
}

/** True when the code is an EEA member state (27 EU + IS, LI, NO) or a territory where EU law applies. */
export function isEea(code: string): boolean {
  const c = normalizeCountryCode(code);
  return EEA_BY_CODE.has(c) || TERRITORY_BY_CODE.has(c);
}

export interface CountryInfo {
  code: string;
  name: Bilingual;
  inEEA: boolean;
  /** EU member state (or EU territory listed in the reference file). */
  eu: boolean;
  adequacy: { decision: string; date: string; scope: AdequacyScope } | null;
}

let countryCache: Map<string, CountryInfo> | null = null;

function displayNames(lang: 'fr' | 'en'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  } catch {
    return null;
  }
}

/** The display names of the two UI languages, made once (each costs an ICU data load). */
const regionNames: Partial<Record<'fr' | 'en', Intl.DisplayNames | null>> = {};
function regionName(lang: 'fr' | 'en', code: string): string {
  if (!(lang in regionNames)) regionNames[lang] = displayNames(lang);
  return regionNames[lang]?.of(code) ?? code;
}

/** One known code's names: the reference file's, else the UI languages' region names. */
const namesByCode = new Map<string, Bilingual>();
function namesOf(code: string): Bilingual {
  let n = namesByCode.get(code);
  if (!n) {
    const name = EEA_BY_CODE.get(code)?.name ?? TERRITORY_BY_CODE.get(code)?.name ?? ADEQUACY_BY_CODE.get(code)?.name ?? { fr: regionName('fr', code), en: regionName('en', code) };
    n = { fr: name.fr, en: name.en };
    namesByCode.set(code, n);
  }
  return n;
}

function countries(): Map<string, CountryInfo> {
  if (countryCache) return countryCache;
  const map = new Map<string, CountryInfo>();
  for (const code of [...KNOWN_CODES].sort()) {
    const eea = EEA_BY_CODE.get(code);
    const territory = TERRITORY_BY_CODE.get(code);
    const ad = ADEQUACY_BY_CODE.get(code);
    map.set(code, {
      code,
      name: { ...namesOf(code) },
      inEEA: Boolean(eea || territory),
      eu: Boolean(eea?.eu || territory),
      adequacy: ad ? { decision: ad.decision, date: ad.date, scope: ad.scope } : null,
    });
  }
  countryCache = map;
  return map;
}

/**
 * All accepted country codes (ISO 3166-1 alpha-2, plus XK), sorted by code, with FR/EN names,
 * EEA flag and adequacy from the reference data (DPO overrides are not applied here).
 */
export function listCountries(): CountryInfo[] {
  return [...countries().values()].map((c) => ({
    ...c,
    name: { ...c.name },
    adequacy: c.adequacy ? { ...c.adequacy } : null,
  }));
}

/**
 * A code's FR/EN names (the code itself when unknown). One code's names only: the table of every
 * country (~250 region names looked up in two languages) is built when a list of them is asked for,
 * not by the first transfer check after unlocking.
 */
export function countryName(code: string): Bilingual {
  return KNOWN_CODES.has(code) ? { ...namesOf(code) } : { fr: code, en: code };
}

// ---------------------------------------------------------------------------------------------
// Adequacy (with DPO overrides)
// ---------------------------------------------------------------------------------------------

export interface AdequacyOverride {
  code: string;
  /** null = the DPO records that no adequacy decision applies (e.g. a decision was annulled). */
  adequacy: { decision: string; date: string } | null;
  note: string;
}

const overridesSchema = z.array(
  z.object({
    code: z.string(),
    adequacy: z.object({ decision: z.string().trim().min(1), date: isoDate }).nullable(),
    note: z.string(),
  }),
);

export interface AdequacyInfo {
  code: string;
  name: Bilingual;
  decision: string;
  decisionFr: string;
  date: string;
  scope: AdequacyScope;
  scopeNote: Bilingual;
  requiresCertification?: 'DPF';
  renewedOn?: string;
  validUntil?: string;
  reviewNote?: string;
  note?: string;
  /** False: the reference is « à vérifier » (see verificationNote). DPO overrides count as the DPO's own check. */
  verified: boolean;
  verificationNote?: string;
  source: 'reference' | 'override';
  overrideNote?: string;
}

type OverrideLookup = { found: false } | { found: true; override: AdequacyOverride };

function findOverride(code: string, overrides: unknown): OverrideLookup {
  if (overrides === undefined || overrides === null) return { found: false };
  const parsed = overridesSchema.safeParse(overrides);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new DomainError('invalid_input', `Invalid adequacy overrides: ${problems}.`, { field: 'overrides' });
  }
  let match: AdequacyOverride | null = null;
  const seen = new Set<string>();
  for (const o of parsed.data) {
    const c = normalizeCountryCode(o.code, 'overrides.code');
    if (seen.has(c)) {
      throw new DomainError('invalid_input', `Adequacy overrides list ${c} twice: keep a single override per country.`, {
        field: 'overrides',
        value: c,
      });
    }
    seen.add(c);
    if (EEA_BY_CODE.has(c) || TERRITORY_BY_CODE.has(c)) {
      throw new DomainError(
        'invalid_input',
        `${c} is in the EEA: transfers there are not Chapter V transfers, so an adequacy override makes no sense.`,
        { field: 'overrides', value: c },
      );
    }
    if (c === code) match = { ...o, code: c };
  }
  return match ? { found: true, override: match } : { found: false };
}

/**
 * The adequacy decision that applies to a country, or null (no decision, or EEA country where
 * none is needed). DPO overrides replace the reference entry for their country.
 */
export function adequacyFor(code: string, overrides?: AdequacyOverride[]): AdequacyInfo | null {
  const c = normalizeCountryCode(code);
  const ov = findOverride(c, overrides);
  if (EEA_BY_CODE.has(c) || TERRITORY_BY_CODE.has(c)) return null;
  if (ov.found) {
    const a = ov.override.adequacy;
    if (!a) return null;
    return {
      code: c,
      name: countryName(c),
      decision: a.decision.trim(),
      decisionFr: a.decision.trim(),
      date: a.date,
      scope: 'full',
      scopeNote: {
        fr: 'Décision saisie par le DPO (hors données de référence).',
        en: 'Decision entered by the DPO (not in the reference data).',
      },
      source: 'override',
      verified: true,
      overrideNote: ov.override.note,
    };
  }
  const ref = ADEQUACY_BY_CODE.get(c);
  if (!ref) return null;
  return { ...ref, name: { ...ref.name }, scopeNote: { ...ref.scopeNote }, source: 'reference' };
}

/** The US adequacy override (DPF annulled, for instance), if the DPO recorded one. */
function removedByOverride(code: string, overrides: unknown): AdequacyOverride | null {
  const ov = findOverride(code, overrides);
  return ov.found && ov.override.adequacy === null ? ov.override : null;
}

// ---------------------------------------------------------------------------------------------
// transferCheck
// ---------------------------------------------------------------------------------------------

export type TransferBasis = 'eea' | 'adequacy' | 'adequacy-dpf' | 'safeguard-required';

export interface TransferCheckInput {
  country: string;
  dpfCertified?: boolean;
  overrides?: AdequacyOverride[];
}

export interface TransferCheckResult {
  country: string;
  inEEA: boolean;
  adequacy: { decision: string; date: string } | null;
  requiresSafeguard: boolean;
  basis: TransferBasis;
  explanation: Bilingual;
}

const SAFEGUARDS_TEXT: Bilingual = {
  fr:
    "utilisez un instrument de l'art. 46 (clauses contractuelles types 2021/914 avec le bon module, règles d'entreprise contraignantes, " +
    "code de conduite ou certification approuvés) accompagné d'une analyse d'impact du transfert (EDPB, recommandations 01/2020), " +
    "ou, à titre exceptionnel et pour un transfert occasionnel, une dérogation de l'art. 49",
  en:
    'use an Art. 46 tool (standard contractual clauses 2021/914 with the right module, binding corporate rules, ' +
    'an approved code of conduct or certification) together with a transfer impact assessment (EDPB Recommendations 01/2020), ' +
    'or, exceptionally and for an occasional transfer, an Art. 49 derogation',
};

/** « Référence à vérifier » when the team could not check the decision's reference. */
function unverifiedText(ad: AdequacyInfo): Bilingual {
  return ad.verified
    ? { fr: '', en: '' }
    : {
        fr: " Référence de la décision à vérifier : elle n'a pas pu être confirmée au Journal officiel à la date des données de référence.",
        en: ' Decision reference to verify: it could not be confirmed in the Official Journal when the reference data was checked.',
      };
}

function decisionText(ad: AdequacyInfo): Bilingual {
  return {
    fr: `${ad.decisionFr} du ${formatDate(ad.date, 'fr')}`,
    en: `${ad.decision} of ${formatDate(ad.date, 'en')}`,
  };
}

export function transferCheck(input: TransferCheckInput): TransferCheckResult {
  if (!input || typeof input !== 'object') {
    throw new DomainError('invalid_input', 'transferCheck expects an object with a country code.');
  }
  if (input.dpfCertified !== undefined && typeof input.dpfCertified !== 'boolean') {
    throw new DomainError('invalid_input', 'dpfCertified must be true or false when given.', { field: 'dpfCertified' });
  }
  const code = normalizeCountryCode(input.country);
  const name = countryName(code);

  if (EEA_BY_CODE.has(code) || TERRITORY_BY_CODE.has(code)) {
    // Validate overrides anyway so that a bad settings list is reported consistently.
    findOverride(code, input.overrides);
    const territory = TERRITORY_BY_CODE.get(code);
    const partOf = territory ? countryName(territory.partOf) : null;
    return {
      country: code,
      inEEA: true,
      adequacy: null,
      requiresSafeguard: false,
      basis: 'eea',
      explanation: {
        fr:
          `${name.fr} (${code})${partOf ? `, qui fait partie de l'Union (${partOf.fr}),` : ''} est dans l'Espace économique européen : ` +
          "ce n'est pas un transfert vers un pays tiers (chapitre V du RGPD) ; aucun instrument de transfert n'est nécessaire.",
        en:
          `${name.en} (${code})${partOf ? `, part of the EU (${partOf.en}),` : ''} is in the European Economic Area: ` +
          'this is not a transfer to a third country (GDPR Chapter V); no transfer tool is needed.',
      },
    };
  }

  const ad = adequacyFor(code, input.overrides);
  const removed = removedByOverride(code, input.overrides);

  if (!ad) {
    const overrideText: Bilingual = removed
      ? {
          fr: ` Le DPO a indiqué qu'aucune décision d'adéquation ne s'applique${removed.note ? ` (${removed.note})` : ''}.`,
          en: ` The DPO recorded that no adequacy decision applies${removed.note ? ` (${removed.note})` : ''}.`,
        }
      : { fr: '', en: '' };
    return {
      country: code,
      inEEA: false,
      adequacy: null,
      requiresSafeguard: true,
      basis: 'safeguard-required',
      explanation: {
        fr:
          `${name.fr} (${code}) est un pays tiers sans décision d'adéquation en vigueur (art. 45).${overrideText.fr} ` +
          `Pour transférer, ${SAFEGUARDS_TEXT.fr}.`,
        en:
          `${name.en} (${code}) is a third country with no adequacy decision in force (Art. 45).${overrideText.en} ` +
          `To transfer, ${SAFEGUARDS_TEXT.en}.`,
      },
    };
  }

  const decision = decisionText(ad);
  const adequacy = { decision: ad.decision, date: ad.date };
  const overrideNote: Bilingual =
    ad.source === 'override'
      ? {
          fr: ` Décision saisie par le DPO${ad.overrideNote ? ` : ${ad.overrideNote}` : ''}.`,
          en: ` Decision entered by the DPO${ad.overrideNote ? `: ${ad.overrideNote}` : ''}.`,
        }
      : { fr: '', en: '' };

  if (ad.requiresCertification === 'DPF') {
    const pending: Bilingual = ad.reviewNote
      ? {
          fr: ' Un recours contre cette décision (C-703/25 P) était pendant à la date des données de référence : vérifiez son issue.',
          en: ' An appeal against this decision (C-703/25 P) was pending when the reference data was checked: check its outcome.',
        }
      : { fr: '', en: '' };
    if (input.dpfCertified === true) {
      return {
        country: code,
        inEEA: false,
        adequacy,
        requiresSafeguard: false,
        basis: 'adequacy-dpf',
        explanation: {
          fr:
            `Transfert couvert par le cadre de protection des données UE-États-Unis (${decision.fr}) car le destinataire est auto-certifié. ` +
            `Vérifiez sa présence sur la liste DPF (dataprivacyframework.gov) à la date du transfert et consignez la date de vérification.${pending.fr}`,
          en:
            `Transfer covered by the EU-US Data Privacy Framework (${decision.en}) because the recipient is self-certified. ` +
            `Check that it is on the DPF List (dataprivacyframework.gov) at the time of the transfer and record the date of the check.${pending.en}`,
        },
      };
    }
    return {
      country: code,
      inEEA: false,
      adequacy: null,
      requiresSafeguard: true,
      basis: 'safeguard-required',
      explanation: {
        fr:
          `${name.fr} : la décision d'adéquation (${decision.fr}, Data Privacy Framework) ne couvre que les organisations auto-certifiées. ` +
          `Vérifiez sur la liste DPF (dataprivacyframework.gov) que le destinataire est certifié et consignez la date de cette vérification ; ` +
          `à défaut, ${SAFEGUARDS_TEXT.fr}.${pending.fr}`,
        en:
          `${name.en}: the adequacy decision (${decision.en}, Data Privacy Framework) only covers self-certified organisations. ` +
          `Check on the DPF List (dataprivacyframework.gov) that the recipient is certified and record the date of that check; ` +
          `otherwise, ${SAFEGUARDS_TEXT.en}.${pending.en}`,
      },
    };
  }

  const limited = ad.scope !== 'full';
  const toVerify = unverifiedText(ad);
  return {
    country: code,
    inEEA: false,
    adequacy,
    requiresSafeguard: false,
    basis: 'adequacy',
    explanation: {
      fr:
        `${name.fr} (${code}) bénéficie d'une décision d'adéquation (art. 45) : ${decision.fr}. ` +
        (limited
          ? `Portée limitée : ${lowerFirst(ad.scopeNote.fr)} Vérifiez que le destinataire entre dans ce champ ; sinon, ${SAFEGUARDS_TEXT.fr}.`
          : "Aucune garantie supplémentaire n'est requise.") +
        toVerify.fr +
        overrideNote.fr,
      en:
        `${name.en} (${code}) benefits from an adequacy decision (Art. 45): ${decision.en}. ` +
        (limited
          ? `Limited scope: ${lowerFirst(ad.scopeNote.en)} Check that the recipient falls within it; otherwise, ${SAFEGUARDS_TEXT.en}.`
          : 'No further safeguard is required.') +
        toVerify.en +
        overrideNote.en,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// transferWarnings
// ---------------------------------------------------------------------------------------------

export const TRANSFER_TOOLS = [
  'adequacy',
  'dpf',
  'scc',
  'uk-addendum',
  'bcr',
  'code-of-conduct',
  'certification',
  'derogation',
] as const;
export type TransferTool = (typeof TRANSFER_TOOLS)[number];

export interface TransferRecord {
  country: string;
  tool: TransferTool | null;
  sccModule?: SccModule;
  sccSignedOn?: string;
  dpfCheckedOn?: string;
  derogation?: DerogationId;
  derogationReason?: string;
  overrides?: AdequacyOverride[];
}

export type WarningSeverity = 'error' | 'warning' | 'info';

export interface TransferWarning {
  code: string;
  severity: WarningSeverity;
  message: Bilingual;
  article: string;
}

/** Months after which a DPF certification check is considered stale. */
export const DPF_CHECK_MAX_AGE_MONTHS = 12;

function optionalDate(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!isIsoDate(value)) {
    throw new DomainError('invalid_input', `${field} must be a YYYY-MM-DD date, got "${String(value)}".`, {
      field,
      value,
    });
  }
  return value;
}

const ART46_TOOL_IDS: readonly TransferTool[] = ['scc', 'bcr', 'code-of-conduct', 'certification'];

/**
 * Checks a recorded transfer against the rules and returns what is missing or doubtful.
 * `today` is the reference date (YYYY-MM-DD) used for the DPF check age.
 */
export function transferWarnings(transfer: TransferRecord, today: string): TransferWarning[] {
  if (!transfer || typeof transfer !== 'object') {
    throw new DomainError('invalid_input', 'transferWarnings expects a transfer object.');
  }
  if (!isIsoDate(today)) {
    throw new DomainError('invalid_input', `today must be a YYYY-MM-DD date, got "${String(today)}".`, {
      field: 'today',
      value: today,
    });
  }
  const code = normalizeCountryCode(transfer.country);
  const tool = transfer.tool ?? null;
  if (tool !== null && !(TRANSFER_TOOLS as readonly string[]).includes(tool)) {
    throw new DomainError(
      'invalid_input',
      `Unknown transfer tool "${String(tool)}": expected one of ${TRANSFER_TOOLS.join(', ')} or null.`,
      { field: 'tool', value: tool },
    );
  }
  if (transfer.sccModule !== undefined && transfer.sccModule !== null && ![1, 2, 3, 4].includes(transfer.sccModule)) {
    throw new DomainError('invalid_input', `sccModule must be 1, 2, 3 or 4, got "${String(transfer.sccModule)}".`, {
      field: 'sccModule',
      value: transfer.sccModule,
    });
  }
  const derogation = transfer.derogation ?? undefined;
  if (derogation !== undefined && !(DEROGATION_IDS as readonly string[]).includes(derogation)) {
    throw new DomainError(
      'invalid_input',
      `Unknown Art. 49 derogation "${String(derogation)}": expected one of ${DEROGATION_IDS.join(', ')}.`,
      { field: 'derogation', value: derogation },
    );
  }
  const sccSignedOn = optionalDate(transfer.sccSignedOn, 'sccSignedOn');
  const dpfCheckedOn = optionalDate(transfer.dpfCheckedOn, 'dpfCheckedOn');

  const out: TransferWarning[] = [];
  const name = countryName(code);

  if (EEA_BY_CODE.has(code) || TERRITORY_BY_CODE.has(code)) {
    findOverride(code, transfer.overrides);
    if (tool !== null) {
      out.push({
        code: 'tool_not_needed',
        severity: 'info',
        message: {
          fr: `${name.fr} est dans l'EEE : ce n'est pas un transfert hors UE, aucun instrument de transfert n'est nécessaire.`,
          en: `${name.en} is in the EEA: this is not a transfer outside the EU, no transfer tool is needed.`,
        },
        article: 'GDPR Art. 44',
      });
    }
    return out;
  }

  const ad = adequacyFor(code, transfer.overrides);
  const dpfOnly = ad?.requiresCertification === 'DPF';
  const fullAdequacy = ad !== null && !dpfOnly && ad.scope === 'full';
  const partialAdequacy = ad !== null && !dpfOnly && ad.scope !== 'full';

  const scopeWarning = (a: AdequacyInfo): TransferWarning => ({
    code: 'adequacy_scope',
    severity: 'warning',
    message: {
      fr: `La décision d'adéquation pour ${name.fr} a une portée limitée : ${lowerFirst(a.scopeNote.fr)} Vérifiez que le destinataire entre dans ce champ.`,
      en: `The adequacy decision for ${name.en} has a limited scope: ${lowerFirst(a.scopeNote.en)} Check that the recipient falls within it.`,
    },
    article: `GDPR Art. 45; ${a.decision}`,
  });

  switch (tool) {
    case null: {
      if (fullAdequacy) break;
      if (partialAdequacy && ad) {
        out.push(scopeWarning(ad));
        break;
      }
      out.push({
        code: 'no_transfer_tool',
        severity: 'error',
        message: dpfOnly
          ? {
              fr: `Transfert vers ${name.fr} sans instrument : l'adéquation ne couvre que les organisations certifiées DPF. Enregistrez la certification DPF (avec la date de vérification) ou un autre instrument (CCT, BCR…).`,
              en: `Transfer to ${name.en} with no tool: adequacy only covers DPF-certified organisations. Record the DPF certification (with the date of the check) or another tool (SCC, BCR…).`,
            }
          : {
              fr: `Transfert vers ${name.fr}, pays tiers sans décision d'adéquation, sans instrument de transfert : ${SAFEGUARDS_TEXT.fr}.`,
              en: `Transfer to ${name.en}, a third country without an adequacy decision, with no transfer tool: ${SAFEGUARDS_TEXT.en}.`,
            },
        article: 'GDPR Art. 44, 46 and 49',
      });
      break;
    }
    case 'adequacy': {
      if (dpfOnly) {
        out.push({
          code: 'adequacy_requires_dpf',
          severity: 'error',
          message: {
            fr: `Pour ${name.fr}, l'adéquation ne vaut que pour un destinataire certifié DPF : enregistrez l'instrument « DPF » avec la date de vérification de la liste.`,
            en: `For ${name.en}, adequacy only applies to a DPF-certified recipient: record the "DPF" tool with the date the list was checked.`,
          },
          article: 'GDPR Art. 45; Commission Implementing Decision (EU) 2023/1795',
        });
      } else if (!ad) {
        out.push({
          code: 'adequacy_not_available',
          severity: 'error',
          message: {
            fr: `Aucune décision d'adéquation n'est en vigueur pour ${name.fr} : ${SAFEGUARDS_TEXT.fr}.`,
            en: `No adequacy decision is in force for ${name.en}: ${SAFEGUARDS_TEXT.en}.`,
          },
          article: 'GDPR Art. 45',
        });
      } else if (partialAdequacy) {
        out.push(scopeWarning(ad));
      }
      break;
    }
    case 'dpf': {
      if (!dpfOnly) {
        out.push({
          code: 'dpf_not_applicable',
          severity: 'error',
          message:
            code === 'US'
              ? {
                  fr: `La décision DPF est marquée comme non applicable par le DPO : ${SAFEGUARDS_TEXT.fr}.`,
                  en: `The DPF decision is marked as not applicable by the DPO: ${SAFEGUARDS_TEXT.en}.`,
                }
              : {
                  fr: `Le Data Privacy Framework ne couvre que les destinataires établis aux États-Unis, pas ${name.fr}.`,
                  en: `The Data Privacy Framework only covers recipients in the United States, not ${name.en}.`,
                },
          article: 'GDPR Art. 45; Commission Implementing Decision (EU) 2023/1795',
        });
        break;
      }
      if (!dpfCheckedOn) {
        out.push({
          code: 'dpf_check_missing',
          severity: 'warning',
          message: {
            fr: "Date de vérification de la certification DPF non renseignée : vérifiez la liste DPF (dataprivacyframework.gov) et consignez la date.",
            en: 'Date of the DPF certification check missing: check the DPF List (dataprivacyframework.gov) and record the date.',
          },
          article: 'GDPR Art. 45; Commission Implementing Decision (EU) 2023/1795',
        });
      } else if (dpfCheckedOn > today) {
        out.push({
          code: 'date_in_future',
          severity: 'warning',
          message: {
            fr: `La date de vérification DPF (${dpfCheckedOn}) est postérieure à aujourd'hui (${today}).`,
            en: `The DPF check date (${dpfCheckedOn}) is after today (${today}).`,
          },
          article: 'GDPR Art. 5(2)',
        });
      } else if (addMonths(dpfCheckedOn, DPF_CHECK_MAX_AGE_MONTHS) < today) {
        out.push({
          code: 'dpf_check_stale',
          severity: 'warning',
          message: {
            fr: `La certification DPF a été vérifiée le ${formatDate(dpfCheckedOn, 'fr')}, il y a plus de ${DPF_CHECK_MAX_AGE_MONTHS} mois : vérifiez à nouveau la liste DPF (la certification se renouvelle chaque année).`,
            en: `The DPF certification was checked on ${formatDate(dpfCheckedOn, 'en')}, more than ${DPF_CHECK_MAX_AGE_MONTHS} months ago: check the DPF List again (certification is renewed every year).`,
          },
          article: 'GDPR Art. 45; Commission Implementing Decision (EU) 2023/1795',
        });
      }
      break;
    }
    case 'scc': {
      if (transfer.sccModule === undefined || transfer.sccModule === null) {
        out.push({
          code: 'scc_module_missing',
          severity: 'error',
          message: {
            fr: 'Module des clauses contractuelles types non indiqué (1 : RT→RT, 2 : RT→ST, 3 : ST→ST, 4 : ST→RT).',
            en: 'Standard contractual clauses module not stated (1: C2C, 2: C2P, 3: P2P, 4: P2C).',
          },
          article: 'GDPR Art. 46(2)(c); Commission Implementing Decision (EU) 2021/914',
        });
      }
      if (!sccSignedOn) {
        out.push({
          code: 'scc_signed_on_missing',
          severity: 'warning',
          message: {
            fr: 'Date de signature des clauses contractuelles types non renseignée.',
            en: 'Signature date of the standard contractual clauses missing.',
          },
          article: 'GDPR Art. 46(2)(c); Commission Implementing Decision (EU) 2021/914',
        });
      } else if (sccSignedOn > today) {
        out.push({
          code: 'date_in_future',
          severity: 'warning',
          message: {
            fr: `La date de signature des CCT (${sccSignedOn}) est postérieure à aujourd'hui (${today}).`,
            en: `The SCC signature date (${sccSignedOn}) is after today (${today}).`,
          },
          article: 'GDPR Art. 5(2)',
        });
      } else if (sccSignedOn < SCC_REFERENCE.date) {
        out.push({
          code: 'scc_outdated',
          severity: 'error',
          message: {
            fr: `Clauses signées le ${formatDate(sccSignedOn, 'fr')}, avant la décision 2021/914 : il s'agit des anciennes clauses. ${SCC_REFERENCE.oldSccNote.fr} Signez les clauses 2021/914.`,
            en: `Clauses signed on ${formatDate(sccSignedOn, 'en')}, before Decision 2021/914: these are the old clauses. ${SCC_REFERENCE.oldSccNote.en} Sign the 2021/914 clauses.`,
          },
          article: 'Commission Implementing Decision (EU) 2021/914',
        });
      } else if (sccSignedOn < SCC_REFERENCE.oldSccRepealedOn) {
        out.push({
          code: 'scc_version_check',
          severity: 'warning',
          message: {
            fr: `Clauses signées le ${formatDate(sccSignedOn, 'fr')}, quand les anciennes clauses pouvaient encore être signées : vérifiez qu'il s'agit bien des clauses 2021/914. ${SCC_REFERENCE.oldSccNote.fr}`,
            en: `Clauses signed on ${formatDate(sccSignedOn, 'en')}, when the old clauses could still be signed: check that they are the 2021/914 clauses. ${SCC_REFERENCE.oldSccNote.en}`,
          },
          article: 'Commission Implementing Decision (EU) 2021/914',
        });
      }
      break;
    }
    case 'uk-addendum': {
      out.push(
        code === 'GB'
          ? {
              code: 'uk_addendum_not_needed',
              severity: 'info',
              message: {
                fr: "Les transferts de l'UE vers le Royaume-Uni sont couverts par la décision d'adéquation ; l'addendum britannique sert aux transferts au départ du Royaume-Uni (UK GDPR).",
                en: 'Transfers from the EU to the United Kingdom are covered by the adequacy decision; the UK Addendum is for transfers out of the UK (UK GDPR).',
              },
              article: 'GDPR Art. 45',
            }
          : {
              code: 'uk_addendum_not_eu_tool',
              severity: 'warning',
              message: {
                fr: "L'addendum britannique relève du UK GDPR : pour un transfert soumis au RGPD, enregistrez les clauses contractuelles types 2021/914 et leur module.",
                en: 'The UK Addendum is a UK GDPR tool: for a transfer subject to the EU GDPR, record the 2021/914 standard contractual clauses and their module.',
              },
              article: 'GDPR Art. 46(2)(c)',
            },
      );
      break;
    }
    case 'derogation': {
      if (!derogation) {
        out.push({
          code: 'derogation_unspecified',
          severity: 'error',
          message: {
            fr: "Dérogation non précisée : indiquez le cas de l'art. 49(1) invoqué (a à g, ou second alinéa).",
            en: 'Derogation not specified: state which case of Art. 49(1) is relied on (a to g, or the second subparagraph).',
          },
          article: 'GDPR Art. 49(1)',
        });
      }
      if (!transfer.derogationReason || !transfer.derogationReason.trim()) {
        out.push({
          code: 'derogation_reason_missing',
          severity: 'warning',
          message: {
            fr: "Justification de la dérogation non renseignée : documentez pourquoi le transfert est nécessaire et occasionnel.",
            en: 'Reason for the derogation missing: document why the transfer is necessary and occasional.',
          },
          article: 'GDPR Art. 49(1); Art. 5(2)',
        });
      }
      if (derogation === 'second-subparagraph') {
        out.push({
          code: 'derogation_inform_sa',
          severity: 'warning',
          message: {
            fr: "Dérogation de dernier recours : documentez l'évaluation et les garanties, et informez l'autorité de contrôle ainsi que la personne concernée.",
            en: 'Last-resort derogation: document the assessment and safeguards, and inform the supervisory authority and the data subject.',
          },
          article: 'GDPR Art. 49(1), second subparagraph',
        });
      }
      out.push({
        code: 'derogation_restrictive',
        severity: 'info',
        message: ART49_NOTE,
        article: 'GDPR Art. 49; EDPB Guidelines 2/2018',
      });
      break;
    }
    case 'bcr':
    case 'code-of-conduct':
    case 'certification':
      break;
  }

  if (ART46_TOOL_IDS.includes(tool as TransferTool) && !fullAdequacy) {
    out.push({
      code: 'tia_required',
      severity: 'info',
      message: {
        fr: "Instrument de l'art. 46 : documentez une analyse d'impact du transfert (législation et pratiques du pays tiers, mesures supplémentaires).",
        en: 'Art. 46 tool: document a transfer impact assessment (third-country law and practice, supplementary measures).',
      },
      article: 'GDPR Art. 46; EDPB Recommendations 01/2020' + (tool === 'scc' ? '; SCC Clause 14' : ''),
    });
  }
  return out;
}
