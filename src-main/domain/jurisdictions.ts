/**
 * The jurisdictions the deadline engine supports (calendar.ts computes their public holidays): the
 * 27 EU Member States, Iceland, Liechtenstein, Norway, and French subdivisions whose holidays
 * differ. Pure data, without date-holidays, so forms and the contract can check a code cheaply.
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

/** French subdivisions whose public holidays differ from the national list (date-holidays state codes). */
const FR_REGIONS: ReadonlyArray<[region: string, fr: string, en: string]> = [
  ['57', 'Moselle (Alsace-Moselle)', 'Moselle (Alsace-Moselle)'],
  ['67', 'Bas-Rhin (Alsace-Moselle)', 'Bas-Rhin (Alsace-Moselle)'],
  ['68', 'Haut-Rhin (Alsace-Moselle)', 'Haut-Rhin (Alsace-Moselle)'],
  ['GP', 'Guadeloupe', 'Guadeloupe'],
  ['MQ', 'Martinique', 'Martinique'],
  ['GF', 'Guyane', 'French Guiana'],
  ['RE', 'La Réunion', 'Réunion'],
  ['YT', 'Mayotte', 'Mayotte'],
  ['MF', 'Saint-Martin', 'Saint Martin'],
  ['BL', 'Saint-Barthélemy', 'Saint Barthélemy'],
];

export const JURISDICTIONS: readonly Jurisdiction[] = Object.freeze(
  COUNTRIES.flatMap(([code, fr, en]) => {
    const list: Jurisdiction[] = [{ code, country: code, name: { fr, en } }];
    if (code === 'FR') {
      for (const [region, rfr, ren] of FR_REGIONS) {
        list.push({ code: `FR-${region}`, country: 'FR', region, name: { fr: `France — ${rfr}`, en: `France — ${ren}` } });
      }
    }
    return list;
  }).map((j) => Object.freeze({ ...j, name: Object.freeze(j.name) })),
);

export const BY_CODE = new Map<string, Jurisdiction>(JURISDICTIONS.map((j) => [j.code, j]));

/** Every supported jurisdiction: the 27 EU Member States, Iceland, Liechtenstein, Norway, and French regions. */
export function listJurisdictions(): Jurisdiction[] {
  return JURISDICTIONS.map((j) => ({ ...j, name: { ...j.name } }));
}

export function isKnownJurisdiction(code: unknown): boolean {
  return typeof code === 'string' && BY_CODE.has(code);
}

