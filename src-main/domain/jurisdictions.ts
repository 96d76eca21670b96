/**
 * The jurisdictions the deadline engine supports (calendar.ts computes their public holidays): the
 * 27 EU Member States, Iceland, Liechtenstein, Norway, and French subdivisions whose holidays
 * differ (German Länder, Spanish communities, South Tyrol, Alsace-Moselle and the French overseas). Pure data, without date-holidays, so forms and the contract can check a code cheaply.
 */
export interface Jurisdiction {
  /** `FR`, `DE`, … or a French department / overseas collectivity: `FR-57`, `FR-GP`, … */
  code: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** Subdivision code as known to date-holidays (`57`, `GP`, …). */
  region?: string;
  name: { fr: string; en: string };
}

const COUNTRIES: ReadonlyArray<[code: string, fr: string, en: string]> = [
  ['AT', 'Autriche', 'Austria'],
  ['BE', 'Belgique', 'Belgium'],
  ['BG', 'Bulgarie', 'Bulgaria'],
  ['CY', 'Chypre', 'Cyprus'],
  ['CZ', 'Tchéquie', 'Czechia'],
  ['DE', 'Allemagne', 'Germany'],
  ['DK', 'Danemark', 'Denmark'],
  ['EE', 'Estonie', 'Estonia'],
  ['ES', 'Espagne', 'Spain'],
  ['FI', 'Finlande', 'Finland'],
  ['FR', 'France', 'France'],
  ['GR', 'Grèce', 'Greece'],
  ['HR', 'Croatie', 'Croatia'],
  ['HU', 'Hongrie', 'Hungary'],
  ['IE', 'Irlande', 'Ireland'],
  ['IS', 'Islande', 'Iceland'],
  ['IT', 'Italie', 'Italy'],
  ['LI', 'Liechtenstein', 'Liechtenstein'],
  ['LT', 'Lituanie', 'Lithuania'],
  ['LU', 'Luxembourg', 'Luxembourg'],
  ['LV', 'Lettonie', 'Latvia'],
  ['MT', 'Malte', 'Malta'],
  ['NL', 'Pays-Bas', 'Netherlands'],
  ['NO', 'Norvège', 'Norway'],
  ['PL', 'Pologne', 'Poland'],
  ['PT', 'Portugal', 'Portugal'],
  ['RO', 'Roumanie', 'Romania'],
  ['SE', 'Suède', 'Sweden'],
  ['SI', 'Slovénie', 'Slovenia'],
  ['SK', 'Slovaquie', 'Slovakia'],
];

/**
 * Subdivisions whose public holidays differ from the national list, selectable like Alsace-Moselle.
 * `code` is the ISO 3166-2 suffix shown to people (DE-BY, ES-CT, IT-BZ; French departments by
 * number); `region` the date-holidays state code. Listed only where date-holidays 3.37 gives the
 * subdivision public holidays of its own (checked 2024-2030). Left out on purpose:
 * - Austria: the Landesfeiertage (St. Leopold, St. Rupert…) are not statutory public holidays
 *   (Feiertagsruhegesetz), so every state follows the national calendar;
 * - Portugal: the Azores' and Madeira's regional holidays are not in date-holidays; adding them by
 *   hand without the regional decrees could move a deadline later than the law allows.
 */
const REGIONS: Readonly<Record<string, ReadonlyArray<[code: string, region: string, fr: string, en: string]>>> = {
  FR: [
    ['57', '57', 'Moselle (Alsace-Moselle)', 'Moselle (Alsace-Moselle)'],
    ['67', '67', 'Bas-Rhin (Alsace-Moselle)', 'Bas-Rhin (Alsace-Moselle)'],
    ['68', '68', 'Haut-Rhin (Alsace-Moselle)', 'Haut-Rhin (Alsace-Moselle)'],
    ['GP', 'GP', 'Guadeloupe', 'Guadeloupe'],
    ['MQ', 'MQ', 'Martinique', 'Martinique'],
    ['GF', 'GF', 'Guyane', 'French Guiana'],
    ['RE', 'RE', 'La Réunion', 'Réunion'],
    ['YT', 'YT', 'Mayotte', 'Mayotte'],
    ['MF', 'MF', 'Saint-Martin', 'Saint Martin'],
    ['BL', 'BL', 'Saint-Barthélemy', 'Saint Barthélemy'],
  ],
  DE: [
    ['BW', 'BW', 'Bade-Wurtemberg', 'Baden-Württemberg'],
    ['BY', 'BY', 'Bavière', 'Bavaria'],
    ['BE', 'BE', 'Berlin', 'Berlin'],
    ['BB', 'BB', 'Brandebourg', 'Brandenburg'],
    ['HB', 'HB', 'Brême', 'Bremen'],
    ['HH', 'HH', 'Hambourg', 'Hamburg'],
    ['HE', 'HE', 'Hesse', 'Hesse'],
    ['MV', 'MV', 'Mecklembourg-Poméranie-Occidentale', 'Mecklenburg-Western Pomerania'],
    ['NI', 'NI', 'Basse-Saxe', 'Lower Saxony'],
    ['NW', 'NW', 'Rhénanie-du-Nord-Westphalie', 'North Rhine-Westphalia'],
    ['RP', 'RP', 'Rhénanie-Palatinat', 'Rhineland-Palatinate'],
    ['SL', 'SL', 'Sarre', 'Saarland'],
    ['SN', 'SN', 'Saxe', 'Saxony'],
    ['ST', 'ST', 'Saxe-Anhalt', 'Saxony-Anhalt'],
    ['SH', 'SH', 'Schleswig-Holstein', 'Schleswig-Holstein'],
    ['TH', 'TH', 'Thuringe', 'Thuringia'],
  ],
  ES: [
    ['AN', 'AN', 'Andalousie', 'Andalusia'],
    ['AR', 'AR', 'Aragon', 'Aragon'],
    ['AS', 'AS', 'Asturies', 'Asturias'],
    ['IB', 'IB', 'Îles Baléares', 'Balearic Islands'],
    ['CN', 'CN', 'Îles Canaries', 'Canary Islands'],
    ['CB', 'CB', 'Cantabrie', 'Cantabria'],
    ['CL', 'CL', 'Castille-et-León', 'Castile and León'],
    ['CM', 'CM', 'Castille-La Manche', 'Castilla–La Mancha'],
    ['CT', 'CT', 'Catalogne', 'Catalonia'],
    ['CE', 'CE', 'Ceuta', 'Ceuta'],
    ['EX', 'EX', 'Estrémadure', 'Extremadura'],
    ['GA', 'GA', 'Galice', 'Galicia'],
    ['RI', 'RI', 'La Rioja', 'La Rioja'],
    ['MD', 'MD', 'Communauté de Madrid', 'Community of Madrid'],
    ['ML', 'ML', 'Melilla', 'Melilla'],
    ['MC', 'MC', 'Région de Murcie', 'Region of Murcia'],
    ['NC', 'NC', 'Navarre', 'Navarre'],
    ['PV', 'PV', 'Pays basque', 'Basque Country'],
    ['VC', 'VC', 'Communauté valencienne', 'Valencian Community'],
  ],
  IT: [['BZ', '32', 'Haut-Adige (Tyrol du Sud)', 'South Tyrol']],
};

/** Why a plausible subdivision code is refused, to say more than "unknown". */
const UNSUPPORTED_HINTS: ReadonlyArray<[pattern: RegExp, hint: string]> = [
  [/^AT-/, 'Austria: the states have no statutory public holidays of their own; use AT.'],
  [/^PT-/, "Portugal: the Azores' and Madeira's regional holidays are not in Vigie's holiday data; use PT and check the regional holiday yourself."],
  [/^(FR-(2A|2B|\d{2,3}|AM))$/, 'France: only Alsace-Moselle (FR-57, FR-67, FR-68) and the overseas departments and collectivities with their own holidays differ from FR.'],
];

export const JURISDICTIONS: readonly Jurisdiction[] = Object.freeze(
  COUNTRIES.flatMap(([code, fr, en]) => {
    const list: Jurisdiction[] = [{ code, country: code, name: { fr, en } }];
    for (const [sub, region, rfr, ren] of REGIONS[code] ?? []) {
      list.push({ code: `${code}-${sub}`, country: code, region, name: { fr: `${fr} — ${rfr}`, en: `${en} — ${ren}` } });
    }
    return list;
  }).map((j) => Object.freeze({ ...j, name: Object.freeze(j.name) })),
);

/**
 * Every jurisdiction code a profile or a case may use, in list order (countries, each followed by its
 * subdivisions). Profile validation refuses any other code with this list.
 */
export const SUPPORTED_JURISDICTIONS: readonly string[] = Object.freeze(JURISDICTIONS.map((j) => j.code));

/** A person-readable refusal for an unsupported code, with the supported list (and a hint when one applies). */
export function unsupportedJurisdictionMessage(code: unknown): string {
  const shown = typeof code === 'string' ? code : String(code);
  const hint = UNSUPPORTED_HINTS.find(([re]) => re.test(shown))?.[1];
  return `Unknown jurisdiction "${shown}".${hint ? ` ${hint}` : ''} Accepted codes: ${SUPPORTED_JURISDICTIONS.join(', ')}.`;
}

export const BY_CODE = new Map<string, Jurisdiction>(JURISDICTIONS.map((j) => [j.code, j]));

/** Every supported jurisdiction: the 27 EU Member States, Iceland, Liechtenstein, Norway, and the subdivisions of REGIONS. */
export function listJurisdictions(): Jurisdiction[] {
  return JURISDICTIONS.map((j) => ({ ...j, name: { ...j.name } }));
}

export function isKnownJurisdiction(code: unknown): boolean {
  return typeof code === 'string' && BY_CODE.has(code);
}
