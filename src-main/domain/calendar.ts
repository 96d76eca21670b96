/**
 * Jurisdiction calendars for deadline computation (Regulation 1182/71: Saturdays, Sundays and the public
 * holidays of the Member State where the action is to be taken are not working days).
 *
 * Pure TypeScript (no Node APIs): dates are plain calendar days written `YYYY-MM-DD` and all arithmetic is
 * done on integer day numbers, never on a JS `Date` in a local time zone. Public holidays come from the
 * `date-holidays` package; only entries of type `public` are kept and their `date` field is read as a
 * calendar day (its first 10 characters), so no time-zone shift can move a holiday to the wrong day.
 */
import Holidays from 'date-holidays';
import { DomainError } from './errors';
import { BY_CODE, isKnownJurisdiction, listJurisdictions, SUPPORTED_JURISDICTIONS, unsupportedJurisdictionMessage, type Jurisdiction } from './jurisdictions';

export { isKnownJurisdiction, listJurisdictions, SUPPORTED_JURISDICTIONS, unsupportedJurisdictionMessage, type Jurisdiction };

/** A calendar day, `YYYY-MM-DD` (proleptic Gregorian, no time, no zone). */
export type IsoDate = string;
export type Lang = 'fr' | 'en';
export type NonWorkingKind = 'saturday' | 'sunday' | 'holiday';

export interface NonWorkingReason {
  kind: NonWorkingKind;
  /** Weekday name ("Sunday" / "dimanche") or the holiday name, in the requested language. */
  name: string;
  /** Set when a Saturday or Sunday is also a public holiday (e.g. 1 Nov 2026): the holiday's name. */
  holiday?: string;
}

export interface SkippedDay extends NonWorkingReason {
  date: IsoDate;
}


// ---------------------------------------------------------------------------------------------------------
// Plain-date arithmetic
// ---------------------------------------------------------------------------------------------------------


function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1-12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Strict check: `YYYY-MM-DD`, year 0001-9999, and a date that exists (no 2026-02-30). */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && ymdOf(s) !== null;
}

/** The digits of s[from, from + len) as a number, or NaN when one is not a digit. */
function digitsAt(s: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Year, month and day of a valid YYYY-MM-DD date, or null. Read by character codes, without a
 * regular expression or substrings: every deadline, list row and calendar step parses dates
 * (performance issue 11). Accepts exactly /^\d{4}-\d{2}-\d{2}$/ with a real month and day (calendar.test.ts).
 */
function ymdOf(s: string): [number, number, number] | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  // NaN fails every comparison.
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? [y, mo, d] : null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function fmt(y: number, m: number, d: number): IsoDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function parts(d: IsoDate): [number, number, number] {
  const p = typeof d === 'string' ? ymdOf(d) : null;
  if (!p) throw new DomainError('invalid_input', `"${String(d)}" is not a valid calendar date (expected YYYY-MM-DD).`, { value: d });
  return p;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil; exact for the proleptic Gregorian calendar). */
function toDayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(z0: number): IsoDate {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1 || y > 9999) throw new DomainError('invalid_input', `Date out of the supported range (years 0001-9999).`);
  return fmt(y, m, d);
}

function dayNumber(d: IsoDate): number {
  const [y, m, day] = parts(d);
  return toDayNumber(y, m, day);
}

/** `d` plus `n` calendar days (`n` may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new DomainError('invalid_input', `Number of days must be an integer, got ${n}.`);
  return fromDayNumber(dayNumber(d) + n);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function diffDays(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export interface AddMonthsDetail {
  /** The resulting (clamped) date. */
  date: IsoDate;
  /** True when the same day-of-month does not exist in the target month. */
  clamped: boolean;
  /** The date as it would read before clamping, e.g. "2026-09-31" (not a real date when `clamped`). */
  unclamped: string;
}

/** {@link addMonthsClamped} with the clamping made explicit (for explanations). */
export function addMonthsDetailed(d: IsoDate, n: number): AddMonthsDetail {
  if (!Number.isInteger(n)) throw new DomainError('invalid_input', `Number of months must be an integer, got ${n}.`);
  const [y, m, day] = parts(d);
  const idx = y * 12 + (m - 1) + n;
  const ty = Math.floor(idx / 12);
  const tm = idx - ty * 12 + 1;
  if (ty < 1 || ty > 9999) throw new DomainError('invalid_input', `Date out of the supported range (years 0001-9999).`);
  const last = daysInMonth(ty, tm);
  return { date: fmt(ty, tm, Math.min(day, last)), clamped: day > last, unclamped: fmt(ty, tm, day) };
}

/**
 * Regulation 1182/71 art. 3(2)(c): the same day-of-month `n` months later; when that day does not exist in
 * the target month, the last day of that month (31 Aug + 1 month = 30 Sep; 31 Jan + 1 month = 28/29 Feb).
 */
export function addMonthsClamped(d: IsoDate, n: number): IsoDate {
  return addMonthsDetailed(d, n).date;
}

/** Day of the week, JS convention: 0 = Sunday, 1 = Monday, … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return weekdayOfDayNumber(dayNumber(d));
}

function weekdayOfDayNumber(z: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((z + 4) % 7) + 7) % 7;
}

/** -1, 0 or 1, for sorting. Both arguments must be valid dates. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  const x = dayNumber(a);
  const y = dayNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const WEEKDAY_NAMES: Record<Lang, readonly string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
};

/** "Tuesday" / "mardi". */
export function weekdayName(d: IsoDate, lang: Lang = 'en'): string {
  return WEEKDAY_NAMES[checkLang(lang)][dayOfWeek(d)]!;
}

// ---------------------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------------------

const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$/i;
const dtfCache = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day, in `timeZone` (IANA name), of an instant given as an ISO 8601 string with an explicit
 * offset or `Z` — e.g. the day of receipt of a request in the controller's time zone:
 * `localDateOf('2026-01-31T23:30:00Z', 'Europe/Paris') === '2026-02-01'`.
 */
export function localDateOf(instantIso: string, timeZone: string): IsoDate {
  const m = typeof instantIso === 'string' ? INSTANT_RE.exec(instantIso.trim()) : null;
  if (!m || !isIsoDate(m[1])) {
    throw new DomainError(
      'invalid_input',
      `"${String(instantIso)}" is not an ISO 8601 instant with an offset (e.g. 2026-01-31T23:30:00Z or 2026-02-01T00:30:00+01:00).`,
      { value: instantIso },
    );
  }
  // JS only parses milliseconds reliably: cut longer fractions.
  const frac = m[5] ? `.${m[5].slice(0, 3).padEnd(3, '0')}` : '';
  const normalized = `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${frac}${m[6]!.toUpperCase()}`;
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) {
    throw new DomainError('invalid_input', `"${instantIso}" is not a valid instant.`, { value: instantIso });
  }
  let dtf = dtfCache.get(timeZone);
  if (!dtf) {
    try {
      dtf = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' });
    } catch {
      throw new DomainError('invalid_input', `"${timeZone}" is not a known time zone (use an IANA name such as Europe/Paris).`, {
        timeZone,
      });
    }
    dtfCache.set(timeZone, dtf);
  }
  let y = 0;
  let mo = 0;
  let d = 0;
  for (const p of dtf.formatToParts(new Date(ms))) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
  }
  return fmt(y, mo, d);
}

// ---------------------------------------------------------------------------------------------------------
// Jurisdictions
// ---------------------------------------------------------------------------------------------------------

// The list lives in jurisdictions.ts (no holiday data), so forms and the contract can check a code
// without loading date-holidays.

function checkLang(lang: Lang): Lang {
  if (lang !== 'fr' && lang !== 'en') {
    throw new DomainError('invalid_input', `Unsupported language "${String(lang)}" (use "fr" or "en").`, { lang });
  }
  return lang;
}

function requireJurisdiction(code: string): Jurisdiction {
  const j = typeof code === 'string' ? BY_CODE.get(code) : undefined;
  if (!j) {
    throw new DomainError('invalid_jurisdiction', unsupportedJurisdictionMessage(code), { jurisdiction: code, accepted: [...SUPPORTED_JURISDICTIONS] });
  }
  return j;
}

/** The jurisdiction with this code; throws a DomainError `invalid_jurisdiction` listing the accepted codes. */
export function getJurisdiction(code: string): Jurisdiction {
  const j = requireJurisdiction(code);
  return { ...j, name: { ...j.name } };
}

// ---------------------------------------------------------------------------------------------------------
// Holiday data (cached)
// ---------------------------------------------------------------------------------------------------------

/**
 * Where date-holidays (3.37.0) is behind the law, checked against the legal texts. Applied on top of
 * its data for the years given; each entry says what it rests on and whether the text itself was read.
 */
export interface HolidayCorrection {
  jurisdiction: string;
  fromYear: number;
  /** Day (MM-DD) date-holidays gives, removed… */
  remove: string;
  /** …and the day (MM-DD) the law fixes, with the same holiday names. */
  add: string;
  source: string;
  /** False while the text fixing the date has not been read by the team (shown « à vérifier »). */
  verified: boolean;
}

export const HOLIDAY_CORRECTIONS: readonly HolidayCorrection[] = Object.freeze([
  {
    // Code du travail L3422-2 + décret n° 83-1003 du 23 novembre 1983 (list of dates). Saint-Martin was
    // added at 27 May by décret n° 2012-553; the collectivity's deliberation of 5 November 2015 asked
    // for 28 May (abolition proclaimed in Marigot on 28 May 1848); a 2016 decree carried a wrong date
    // (28 March); the interministerial circulars of 4 May 2018 and 3 May 2019 let Saint-Martin keep
    // 28 May, which the prefecture declared a public holiday under L3422-2; local press reports a
    // decree of April 2023 fixing 28 May. date-holidays still gives 27 May.
    jurisdiction: 'FR-MF',
    fromYear: 2018,
    remove: '05-27',
    add: '05-28',
    source:
      'Préfecture de Saint-Barthélemy et Saint-Martin (communiqués 2018 and 2019, circulars of 4 May 2018 and 3 May 2019); décret n° 83-1003 as amended — the 2023 amending decree reported by the local press was not read.',
    verified: false,
  },
]);

interface YearHolidays {
  /** date → names of the public holidays on that date. */
  byDate: Map<IsoDate, { en: string; fr: string }>;
  /** Day numbers of the public holidays falling Monday-Friday, ascending. */
  weekdayDayNumbers: number[];
}

interface CalendarCache {
  hd: Holidays;
  years: Map<number, YearHolidays>;
}

const calendars = new Map<string, CalendarCache>();

function calendarFor(code: string): CalendarCache {
  let c = calendars.get(code);
  if (!c) {
    const j = requireJurisdiction(code);
    const hd = j.region ? new Holidays(j.country, j.region) : new Holidays(j.country);
    c = { hd, years: new Map() };
    calendars.set(code, c);
  }
  return c;
}

function publicByDate(hd: Holidays, year: number, lang: Lang): Map<IsoDate, string> {
  const out = new Map<IsoDate, string>();
  for (const h of hd.getHolidays(year, lang)) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    if (!date.startsWith(pad(year, 4))) continue;
    const prev = out.get(date);
    out.set(date, prev && prev !== h.name ? `${prev} / ${h.name}` : h.name);
  }
  return out;
}

function yearData(code: string, year: number): YearHolidays {
  const c = calendarFor(code);
  let y = c.years.get(year);
  if (!y) {
    const en = publicByDate(c.hd, year, 'en');
    const fr = publicByDate(c.hd, year, 'fr');
    const byDate = new Map<IsoDate, { en: string; fr: string }>();
    for (const [date, name] of en) byDate.set(date, { en: name, fr: fr.get(date) ?? name });
    for (const [date, name] of fr) if (!byDate.has(date)) byDate.set(date, { en: name, fr: name });
    for (const fix of HOLIDAY_CORRECTIONS) {
      if (fix.jurisdiction !== code || year < fix.fromYear) continue;
      const from = `${pad(year, 4)}-${fix.remove}`;
      const names = byDate.get(from);
      if (!names) continue;
      byDate.delete(from);
      byDate.set(`${pad(year, 4)}-${fix.add}`, names);
    }
    const weekdayDayNumbers = [...byDate.keys()]
      .map((d) => dayNumber(d))
      .filter((z) => {
        const w = weekdayOfDayNumber(z);
        return w !== 0 && w !== 6;
      })
      .sort((a, b) => a - b);
    y = { byDate, weekdayDayNumbers };
    c.years.set(year, y);
  }
  return y;
}

function holidayNames(date: IsoDate, jurisdiction: string): { en: string; fr: string } | undefined {
  const [y] = parts(date);
  return yearData(jurisdiction, y).byDate.get(date);
}

/** Name of the public holiday on `date` in `jurisdiction` (whatever the weekday), or null. */
export function holidayName(date: IsoDate, jurisdiction: string, lang: Lang = 'en'): string | null {
  requireJurisdiction(jurisdiction);
  checkLang(lang);
  return holidayNames(date, jurisdiction)?.[lang] ?? null;
}

/** The public holidays of `year` in `jurisdiction`, in date order (weekend ones included). */
export function publicHolidays(year: number, jurisdiction: string, lang: Lang = 'en'): Array<{ date: IsoDate; name: string }> {
  requireJurisdiction(jurisdiction);
  checkLang(lang);
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new DomainError('invalid_input', `"${year}" is not a valid year.`, { year });
  }
  return [...yearData(jurisdiction, year).byDate.entries()]
    .map(([date, names]) => ({ date, name: names[lang] }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------
// Working days
// ---------------------------------------------------------------------------------------------------------

/**
 * Why `date` is not a working day in `jurisdiction` (Saturday, Sunday or public holiday), or null when it is one.
 * A weekend day that is also a public holiday is reported as the weekend day, with the holiday in `holiday`.
 */
export function nonWorkingReason(date: IsoDate, jurisdiction: string, lang: Lang = 'en'): NonWorkingReason | null {
  requireJurisdiction(jurisdiction);
  checkLang(lang);
  const w = dayOfWeek(date);
  const names = holidayNames(date, jurisdiction);
  if (w === 0 || w === 6) {
    const r: NonWorkingReason = { kind: w === 0 ? 'sunday' : 'saturday', name: WEEKDAY_NAMES[lang][w]! };
    if (names) r.holiday = names[lang];
    return r;
  }
  return names ? { kind: 'holiday', name: names[lang] } : null;
}

export function isWorkingDay(date: IsoDate, jurisdiction: string): boolean {
  requireJurisdiction(jurisdiction);
  const w = dayOfWeek(date);
  return w !== 0 && w !== 6 && !holidayNames(date, jurisdiction);
}

export interface RollResult {
  /** The first working day on or after the input date. */
  date: IsoDate;
  /** The non-working days stepped over, in order (empty when the input date is a working day). */
  skipped: SkippedDay[];
}

/**
 * Regulation 1182/71 art. 3(4) roll: `date` itself when it is a working day, otherwise the next working day,
 * with the days stepped over and why.
 */
export function rollForward(date: IsoDate, jurisdiction: string, lang: Lang = 'en'): RollResult {
  requireJurisdiction(jurisdiction);
  const skipped: SkippedDay[] = [];
  let d = date;
  for (let guard = 0; guard < 370; guard++) {
    const reason = nonWorkingReason(d, jurisdiction, lang);
    if (!reason) return { date: d, skipped };
    skipped.push({ date: d, ...reason });
    d = addDays(d, 1);
  }
  throw new DomainError('invalid_input', `No working day found after ${date} in ${jurisdiction}.`);
}

/** The first working day on or after `date` (i.e. `date` itself when it is a working day). */
export function nextWorkingDay(date: IsoDate, jurisdiction: string): IsoDate {
  return rollForward(date, jurisdiction).date;
}

function countWorkingDaysInclusive(a: number, b: number, jurisdiction: string): number {
  if (b < a) return 0;
  const n = b - a + 1;
  let count = Math.floor(n / 7) * 5;
  for (let z = a + Math.floor(n / 7) * 7; z <= b; z++) {
    const w = weekdayOfDayNumber(z);
    if (w !== 0 && w !== 6) count++;
  }
  const ya = Number(fromDayNumber(a).slice(0, 4));
  const yb = Number(fromDayNumber(b).slice(0, 4));
  for (let y = ya; y <= yb; y++) {
    for (const z of yearData(jurisdiction, y).weekdayDayNumbers) if (z >= a && z <= b) count--;
  }
  return count;
}

/**
 * Working days after `from` up to and including `to` (0 when equal). When `to` is before `from`, minus the
 * working days after `to` up to and including `from`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, jurisdiction: string): number {
  requireJurisdiction(jurisdiction);
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === b) return 0;
  // `0 - n` rather than `-n`: never return -0.
  return b > a ? countWorkingDaysInclusive(a + 1, b, jurisdiction) : 0 - countWorkingDaysInclusive(b + 1, a, jurisdiction);
}
