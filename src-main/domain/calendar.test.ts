import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonthsClamped,
  addMonthsDetailed,
  compareDates,
  dayOfWeek,
  diffDays,
  getJurisdiction,
  holidayName,
  isIsoDate,
  isKnownJurisdiction,
  isWorkingDay,
  listJurisdictions,
  localDateOf,
  nextWorkingDay,
  nonWorkingReason,
  publicHolidays,
  rollForward,
  SUPPORTED_JURISDICTIONS,
  HOLIDAY_CORRECTIONS,
  unsupportedJurisdictionMessage,
  weekdayName,
  workingDaysBetween,
} from './calendar';
import { DomainError } from './errors';

// ----------------------------------------------------------------------------------------------------------
// Facts copied from the project's rules reference (§2.1, §2.2, §2.3) — used as an independent oracle.
// ----------------------------------------------------------------------------------------------------------

/** Code du travail L3133-1: the 11 French statutory public holidays in 2026. */
const FR_2026 = [
  '2026-01-01', // 1er janvier
  '2026-04-06', // Lundi de Pâques
  '2026-05-01', // 1er mai
  '2026-05-08', // 8 mai
  '2026-05-14', // Ascension
  '2026-05-25', // Lundi de Pentecôte
  '2026-07-14', // 14 juillet
  '2026-08-15', // Assomption
  '2026-11-01', // Toussaint
  '2026-11-11', // 11 novembre
  '2026-12-25', // Noël
];

/** Alsace-Moselle adds Good Friday and 26 December (Code du travail L3134-13). */
const FR_AM_2026 = [...FR_2026, '2026-04-03', '2026-12-26'].sort();

const EU_EEA = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO',
];
const FR_REGIONS = ['FR-57', 'FR-67', 'FR-68', 'FR-GP', 'FR-MQ', 'FR-GF', 'FR-RE', 'FR-YT', 'FR-MF', 'FR-BL'];
const DE_LAENDER = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'].map((x) => `DE-${x}`);
const ES_COMMUNITIES = ['AN', 'AR', 'AS', 'IB', 'CN', 'CB', 'CL', 'CM', 'CT', 'CE', 'EX', 'GA', 'RI', 'MD', 'ML', 'MC', 'NC', 'PV', 'VC'].map((x) => `ES-${x}`);

/** Gregorian computus (Meeus/Jones/Butcher), as given in the reference §2.2. */
function easterSunday(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Independent French statutory list for any year (fixed days + Easter-based days). */
function frenchStatutory(y: number, alsaceMoselle = false): string[] {
  const e = easterSunday(y);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${y}-${md}`);
  const list = [...fixed, addDays(e, 1), addDays(e, 39), addDays(e, 50)];
  if (alsaceMoselle) list.push(addDays(e, -2), `${y}-12-26`);
  // Two holidays can share a day (e.g. Ascension on 1 May 2008).
  return [...new Set(list)].sort();
}

function expectDomainError(fn: () => unknown, code: string, ...fragments: string[]): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  const err = caught as DomainError;
  expect(err.code).toBe(code);
  for (const f of fragments) expect(err.message).toContain(f);
  return err;
}

// ----------------------------------------------------------------------------------------------------------

describe('plain dates', () => {
  it.each([
    ['2026-03-05', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-05', false],
    ['2026/03/05', false],
    ['2026-03-05T00:00:00Z', false],
    [' 2026-03-05', false],
    ['', false],
    [null, false],
    [20260305, false],
  ])('isIsoDate(%j) → %s', (input, expected) => {
    expect(isIsoDate(input)).toBe(expected);
  });

  it.each([
    ['2026-03-05', 1, '2026-03-06'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-02', 18, '2026-03-20'],
    ['2026-02-28', 18, '2026-03-18'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
    ['2026-03-05', 0, '2026-03-05'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it.each([
    ['2026-03-05', 1, '2026-04-05', false],
    ['2026-08-31', 1, '2026-09-30', true],
    ['2027-01-31', 1, '2027-02-28', true],
    ['2028-01-31', 1, '2028-02-29', true],
    ['2026-01-30', 1, '2026-02-28', true],
    ['2028-01-29', 1, '2028-02-29', false],
    ['2027-11-30', 3, '2028-02-29', true],
    ['2025-12-31', 1, '2026-01-31', false],
    ['2025-12-31', 2, '2026-02-28', true],
    ['2026-10-31', 3, '2027-01-31', false],
    ['2026-03-31', -1, '2026-02-28', true],
    ['2026-01-15', -1, '2025-12-15', false],
    ['2026-01-15', 12, '2027-01-15', false],
    ['2024-02-29', 12, '2025-02-28', true],
  ])('addMonthsClamped(%s, %i) = %s (clamped: %s)', (d, n, expected, clamped) => {
    expect(addMonthsClamped(d, n)).toBe(expected);
    expect(addMonthsDetailed(d, n).clamped).toBe(clamped);
  });

  it('addMonthsDetailed reports the non-existent date when clamping', () => {
    expect(addMonthsDetailed('2026-08-31', 1)).toEqual({ date: '2026-09-30', clamped: true, unclamped: '2026-09-31' });
  });

  it.each([
    ['1970-01-01', 4],
    ['2026-03-05', 4],
    ['2026-04-05', 0],
    ['2026-02-28', 6],
    ['2000-01-01', 6],
    ['2100-12-31', 5],
    ['1900-01-01', 1],
  ])('dayOfWeek(%s) = %i (0 = Sunday)', (d, expected) => {
    expect(dayOfWeek(d)).toBe(expected);
  });

  it.each([
    ['2026-04-07', 'en', 'Tuesday'],
    ['2026-04-07', 'fr', 'mardi'],
    ['2026-04-05', 'fr', 'dimanche'],
  ] as const)('weekdayName(%s, %s) = %s', (d, lang, expected) => {
    expect(weekdayName(d, lang)).toBe(expected);
  });

  it.each([
    ['2026-03-05', '2026-03-05', 0],
    ['2026-03-05', '2026-03-06', -1],
    ['2026-12-31', '2026-01-01', 1],
    ['2025-12-31', '2026-01-01', -1],
  ])('compareDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  it('diffDays counts calendar days', () => {
    expect(diffDays('2026-03-03', '2026-03-10')).toBe(7);
    expect(diffDays('2026-02-02', '2026-02-20')).toBe(18);
    expect(diffDays('2026-03-10', '2026-03-03')).toBe(-7);
  });

  it('rejects malformed dates with invalid_input', () => {
    expectDomainError(() => addDays('2026-02-30', 1), 'invalid_input', '2026-02-30');
    expectDomainError(() => addMonthsClamped('05/03/2026', 1), 'invalid_input', '05/03/2026');
    expectDomainError(() => dayOfWeek('nope'), 'invalid_input');
  });

  it('agrees with the JS UTC calendar (property)', () => {
    const base = Date.UTC(2000, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36890 }), fc.integer({ min: -400, max: 400 }), (offset, n) => {
        const d = new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
        const expected = new Date(base + (offset + n) * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(d, n)).toBe(expected);
        expect(dayOfWeek(d)).toBe(new Date(base + offset * 86_400_000).getUTCDay());
        expect(diffDays(d, expected)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
});

describe('localDateOf (day of receipt in the controller time zone)', () => {
  it.each([
    ['2026-01-31T23:30:00Z', 'Europe/Paris', '2026-02-01'],
    ['2026-01-31T22:59:59Z', 'Europe/Paris', '2026-01-31'],
    ['2026-01-31T23:00:00Z', 'Europe/Paris', '2026-02-01'],
    ['2026-07-31T22:30:00Z', 'Europe/Paris', '2026-08-01'],
    ['2026-07-31T21:59:59.999Z', 'Europe/Paris', '2026-07-31'],
    ['2026-02-01T00:30:00+01:00', 'Europe/Paris', '2026-02-01'],
    ['2026-02-01T00:30:00+01:00', 'UTC', '2026-01-31'],
    ['2026-01-31T23:30:00Z', 'Europe/Dublin', '2026-01-31'],
    ['2026-01-31T23:30:00Z', 'America/Cayenne', '2026-01-31'],
    ['2026-12-31T23:30:00Z', 'Europe/Paris', '2027-01-01'],
    ['2026-03-29T00:30:00Z', 'Europe/Paris', '2026-03-29'],
    ['2026-01-31T23:30:00.123456Z', 'Europe/Paris', '2026-02-01'],
    ['2026-01-31T23:30Z', 'Europe/Paris', '2026-02-01'],
  ])('%s in %s is %s', (instant, tz, expected) => {
    expect(localDateOf(instant, tz)).toBe(expected);
  });

  it('requires an explicit offset (no dependence on the machine time zone)', () => {
    expectDomainError(() => localDateOf('2026-01-31T23:30:00', 'Europe/Paris'), 'invalid_input', 'offset');
    expectDomainError(() => localDateOf('2026-02-30T10:00:00Z', 'Europe/Paris'), 'invalid_input');
  });

  it('rejects an unknown time zone', () => {
    expectDomainError(() => localDateOf('2026-01-31T23:30:00Z', 'Europe/Atlantis'), 'invalid_input', 'Europe/Atlantis');
  });
});

describe('jurisdictions', () => {
  const list = listJurisdictions();

  it('lists the 27 EU Member States, IS, LI, NO and the regions with holidays of their own, once each', () => {
    const codes = list.map((j) => j.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((c) => !c.includes('-')).sort()).toEqual([...EU_EEA].sort());
    expect(codes.filter((c) => c.includes('-')).sort()).toEqual([...FR_REGIONS, ...DE_LAENDER, ...ES_COMMUNITIES, 'IT-BZ'].sort());
    expect(codes).toHaveLength(30 + 10 + 16 + 19 + 1);
    expect([...SUPPORTED_JURISDICTIONS]).toEqual(codes);
  });

  it.each([...EU_EEA, ...FR_REGIONS, ...DE_LAENDER, ...ES_COMMUNITIES, 'IT-BZ'])('%s is known, named in French and English, and has public holidays', (code) => {
    expect(isKnownJurisdiction(code)).toBe(true);
    const j = getJurisdiction(code);
    expect(j.code).toBe(code);
    expect(j.country).toBe(code.slice(0, 2));
    expect(j.name.fr.length).toBeGreaterThan(0);
    expect(j.name.en.length).toBeGreaterThan(0);
    if (code.includes('-')) expect(j.region).toBe(code === 'IT-BZ' ? '32' : code.slice(3));
    const holidays = publicHolidays(2026, code);
    expect(holidays.length).toBeGreaterThanOrEqual(6);
    // New Year's Day is a public holiday everywhere in the EU/EEA.
    expect(holidays.map((h) => h.date)).toContain('2026-01-01');
  });

  it('returns copies (callers cannot corrupt the list)', () => {
    const a = listJurisdictions();
    a[0]!.name.en = 'changed';
    expect(listJurisdictions()[0]!.name.en).not.toBe('changed');
  });

  it.each(['XX', 'fr', 'FR-AM', 'FR-75', 'UK', '', 'EL', 'AT-9', 'PT-20', 'DE-XX'])('rejects unknown jurisdiction %j, naming it and the accepted codes', (code) => {
    expect(isKnownJurisdiction(code)).toBe(false);
    const err = expectDomainError(() => isWorkingDay('2026-03-05', code), 'invalid_jurisdiction', `"${code}"`, 'Accepted codes', 'FR-57', 'DE-BY', 'ES-CT');
    expect((err.details as { accepted: string[] }).accepted).toEqual([...SUPPORTED_JURISDICTIONS]);
    expectDomainError(() => nonWorkingReason('2026-03-05', code), 'invalid_jurisdiction');
    expectDomainError(() => workingDaysBetween('2026-03-05', '2026-04-05', code), 'invalid_jurisdiction');
    expectDomainError(() => nextWorkingDay('2026-03-05', code), 'invalid_jurisdiction');
  });
});

describe('French public holidays (oracle: Code du travail L3133-1)', () => {
  it('FR 2026 has exactly the 11 statutory days', () => {
    expect(publicHolidays(2026, 'FR').map((h) => h.date)).toEqual(FR_2026);
  });

  it('every day of 2026 is a working day in FR iff it is Monday-Friday and not in the statutory list', () => {
    let d = '2026-01-01';
    let workingDays = 0;
    while (d <= '2026-12-31') {
      const w = dayOfWeek(d);
      const expected = w !== 0 && w !== 6 && !FR_2026.includes(d);
      expect(isWorkingDay(d, 'FR'), d).toBe(expected);
      if (expected) workingDays++;
      d = addDays(d, 1);
    }
    expect(workingDays).toBe(252);
    expect(workingDaysBetween('2025-12-31', '2026-12-31', 'FR')).toBe(252);
  });

  it.each(['FR-57', 'FR-67', 'FR-68'])('%s (Alsace-Moselle) adds Good Friday and 26 December', (code) => {
    expect(publicHolidays(2026, code).map((h) => h.date)).toEqual(FR_AM_2026);
    expect(holidayName('2026-04-03', code, 'fr')).toBe('Vendredi saint');
    expect(holidayName('2026-12-26', code, 'en')).toBe('Boxing Day');
    expect(holidayName('2026-04-03', 'FR')).toBeNull();
  });

  it.each([
    // Abolition of slavery days (Code du travail L3422-2), reference §2.3 — 2026.
    ['FR-YT', '2026-04-27'],
    ['FR-MQ', '2026-05-22'],
    ['FR-GP', '2026-05-27'],
    ['FR-MF', '2026-05-28'], // 28 May since 2018 (HOLIDAY_CORRECTIONS; date-holidays still says 27 May)
    ['FR-GF', '2026-06-10'],
    ['FR-BL', '2026-10-09'],
    ['FR-RE', '2026-12-20'],
  ])('%s has its abolition day on %s, on top of the national list', (code, date) => {
    const dates = publicHolidays(2026, code).map((h) => h.date);
    expect(dates).toContain(date);
    for (const d of FR_2026) expect(dates).toContain(d);
    expect(holidayName(date, code, 'fr')).toMatch(/esclavage/i);
    expect(holidayName(date, 'FR')).toBeNull();
  });

  it('date-holidays also marks Good Friday public in Guadeloupe and Martinique (reference §8.8: legal status unverified)', () => {
    expect(holidayName('2026-04-03', 'FR-GP')).not.toBeNull();
    expect(holidayName('2026-04-03', 'FR-MQ')).not.toBeNull();
  });

  it('matches an independent Easter computus for every year 2000-2100 (FR and FR-57)', () => {
    for (let y = 2000; y <= 2100; y++) {
      expect(publicHolidays(y, 'FR').map((h) => h.date), `FR ${y}`).toEqual(frenchStatutory(y));
      expect(publicHolidays(y, 'FR-57').map((h) => h.date), `FR-57 ${y}`).toEqual(frenchStatutory(y, true));
    }
  });

  it('a day carrying two holidays is listed once, with both names (Ascension on 1 May 2008)', () => {
    expect(publicHolidays(2008, 'FR', 'fr').filter((h) => h.date === '2008-05-01')).toEqual([
      { date: '2008-05-01', name: 'Fête du travail / Ascension' },
    ]);
  });

  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
  ])('Easter %i = %s (reference §2.2) and Easter Monday is a holiday', (y, easter) => {
    expect(easterSunday(y)).toBe(easter);
    expect(holidayName(addDays(easter, 1), 'FR', 'fr')).toBe('Lundi de Pâques');
  });
});

describe('nonWorkingReason', () => {
  it.each([
    ['2026-03-05', 'FR', 'en', null],
    ['2026-04-04', 'FR', 'en', { kind: 'saturday', name: 'Saturday' }],
    ['2026-04-05', 'FR', 'fr', { kind: 'sunday', name: 'dimanche' }],
    ['2026-04-06', 'FR', 'en', { kind: 'holiday', name: 'Easter Monday' }],
    ['2026-04-06', 'FR', 'fr', { kind: 'holiday', name: 'Lundi de Pâques' }],
    ['2026-07-14', 'FR', 'fr', { kind: 'holiday', name: 'Fête Nationale de la France' }],
    ['2026-11-01', 'FR', 'fr', { kind: 'sunday', name: 'dimanche', holiday: 'Toussaint' }],
    ['2026-08-15', 'FR', 'en', { kind: 'saturday', name: 'Saturday', holiday: 'Assumption' }],
    ['2026-04-03', 'FR', 'en', null],
    ['2026-04-03', 'FR-57', 'en', { kind: 'holiday', name: 'Good Friday' }],
    ['2026-04-03', 'DE', 'en', { kind: 'holiday', name: 'Good Friday' }],
    ['2026-04-03', 'DE', 'fr', { kind: 'holiday', name: 'Vendredi saint' }],
    ['2026-10-03', 'DE', 'en', { kind: 'saturday', name: 'Saturday', holiday: 'National Holiday' }],
    ['2026-07-14', 'DE', 'en', null],
    ['2026-07-21', 'BE', 'fr', { kind: 'holiday', name: 'Fête nationale' }],
    ['2026-07-21', 'FR', 'fr', null],
  ] as const)('%s in %s (%s) → %j', (date, code, lang, expected) => {
    expect(nonWorkingReason(date, code, lang)).toEqual(expected);
  });

  it('defaults to English names', () => {
    expect(nonWorkingReason('2026-05-25', 'FR')).toEqual({ kind: 'holiday', name: 'Whit Monday' });
  });

  it('rejects an unsupported language', () => {
    expectDomainError(() => nonWorkingReason('2026-05-25', 'FR', 'de' as 'fr'), 'invalid_input', 'de');
  });
});

describe('rolling to the next working day', () => {
  it.each([
    ['2026-03-05', 'FR', '2026-03-05', []],
    ['2026-04-05', 'FR', '2026-04-07', ['2026-04-05', '2026-04-06']],
    ['2026-04-03', 'FR', '2026-04-03', []],
    ['2026-04-03', 'FR-57', '2026-04-07', ['2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06']],
    ['2026-05-01', 'FR', '2026-05-04', ['2026-05-01', '2026-05-02', '2026-05-03']],
    ['2025-12-26', 'FR', '2025-12-26', []],
    ['2025-12-26', 'FR-68', '2025-12-29', ['2025-12-26', '2025-12-27', '2025-12-28']],
    ['2026-12-24', 'DE', '2026-12-24', []],
    ['2026-12-25', 'DE', '2026-12-28', ['2026-12-25', '2026-12-26', '2026-12-27']],
  ])('nextWorkingDay(%s, %s) = %s', (date, code, expected, skipped) => {
    expect(nextWorkingDay(date, code)).toBe(expected);
    const r = rollForward(date, code);
    expect(r.date).toBe(expected);
    expect(r.skipped.map((s) => s.date)).toEqual(skipped);
  });

  it('rollForward names the skipped days in the requested language', () => {
    expect(rollForward('2026-04-05', 'FR', 'fr').skipped).toEqual([
      { date: '2026-04-05', kind: 'sunday', name: 'dimanche' },
      { date: '2026-04-06', kind: 'holiday', name: 'Lundi de Pâques' },
    ]);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-03-05', '2026-03-05', 'FR', 0],
    ['2026-03-05', '2026-03-06', 'FR', 1],
    ['2026-03-06', '2026-03-09', 'FR', 1],
    ['2026-04-03', '2026-04-07', 'FR', 1],
    ['2026-04-02', '2026-04-07', 'FR', 2],
    ['2026-04-02', '2026-04-07', 'FR-57', 1],
    ['2026-04-07', '2026-04-03', 'FR', -1],
    ['2026-04-07', '2026-04-02', 'FR', -2],
    ['2026-03-05', '2026-04-07', 'FR', 22],
    ['2025-12-31', '2026-12-31', 'DE', 254],
    ['2025-12-31', '2027-12-31', 'FR', 252 + 254],
  ])('(%s, %s, %s) = %i', (from, to, code, expected) => {
    expect(workingDaysBetween(from, to, code)).toBe(expected);
  });

  it('equals a day-by-day count and is antisymmetric (property)', () => {
    const codes = ['FR', 'FR-57', 'DE', 'IS', 'IE'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 36000 }),
        fc.integer({ min: -400, max: 400 }),
        fc.constantFrom(...codes),
        (offset, span, code) => {
          const from = addDays('2000-01-01', offset);
          const to = addDays(from, span);
          let count = 0;
          const [lo, hi] = span >= 0 ? [from, to] : [to, from];
          for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(d, code)) count++;
          expect(workingDaysBetween(from, to, code)).toBe(span >= 0 ? count : 0 - count);
          expect(workingDaysBetween(to, from, code)).toBe(0 - workingDaysBetween(from, to, code));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('regional calendars (issue 14: selectable like Alsace-Moselle)', () => {
  it.each([
    // Regional public holidays of 2026, absent from the national calendar.
    ['DE-BY', '2026-01-06', 'DE'], // Heilige Drei Könige
    ['DE-BY', '2026-11-01', 'DE'], // Allerheiligen (a Sunday in 2026, still listed)
    ['DE-BE', '2026-03-08', 'DE'], // Internationaler Frauentag
    ['DE-SN', '2026-11-18', 'DE'], // Buß- und Bettag
    ['DE-TH', '2026-09-20', 'DE'], // Weltkindertag
    ['ES-CT', '2026-06-24', 'ES'], // Sant Joan
    ['ES-CT', '2026-09-11', 'ES'], // Diada
    ['ES-MD', '2026-05-02', 'ES'], // Fiesta de la Comunidad de Madrid
    ['IT-BZ', '2026-05-25', 'IT'], // Pfingstmontag in South Tyrol
  ])('%s: %s is a holiday there, not in %s', (code, date, national) => {
    expect(holidayName(date, code)).not.toBeNull();
    expect(holidayName(date, national)).toBeNull();
  });

  it.each([
    // A deadline falling on a regional holiday rolls to the next working day there only.
    ['DE-BY', '2026-01-06', '2026-01-07'],
    ['DE', '2026-01-06', '2026-01-06'],
    ['ES-CT', '2026-09-11', '2026-09-14'],
    ['ES', '2026-09-11', '2026-09-11'],
  ])('%s: roll %s → %s', (code, date, expected) => {
    expect(rollForward(date, code).date).toBe(expected);
  });

  it.each([
    ['AT-9', 'Austria: the states have no statutory public holidays of their own; use AT.'],
    ['PT-30', "Portugal: the Azores' and Madeira's regional holidays are not in Vigie's holiday data"],
    ['FR-75', 'France: only Alsace-Moselle (FR-57, FR-67, FR-68)'],
    ['XX', 'Unknown jurisdiction "XX". Accepted codes: AT, BE,'],
  ])('refusal of %s explains why and lists the supported codes', (code, text) => {
    const m = unsupportedJurisdictionMessage(code);
    expect(m).toContain(text);
    expect(m).toContain('DE-BY');
    expect(m).toContain('FR-MF');
  });
});

describe('overseas abolition-of-slavery days against the legal texts', () => {
  it.each([
    ['FR-MF', 2017, '2017-05-27'],
    ['FR-MF', 2018, '2018-05-28'],
    ['FR-MF', 2026, '2026-05-28'],
    ['FR-GP', 2026, '2026-05-27'],
  ])('%s %i: abolition day %s', (code, year, date) => {
    const abolition = publicHolidays(year, code, 'fr').filter((h) => /esclavage/i.test(h.name)).map((h) => h.date);
    expect(abolition).toEqual([date]);
  });

  it('each correction of date-holidays says what it rests on and whether the text was read', () => {
    for (const c of HOLIDAY_CORRECTIONS) {
      expect(isKnownJurisdiction(c.jurisdiction)).toBe(true);
      expect(c.source.length).toBeGreaterThan(20);
      expect(typeof c.verified).toBe('boolean');
    }
  });
});

describe('isIsoDate reads dates without a regular expression, and accepts exactly what the pattern did', () => {
  const byPattern = (s: string): boolean => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
  };
  it.each(['2026-12-01', '2024-02-29', '2023-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '0000-01-01', '0001-01-01', '9999-12-31', '2026-1-01', '2026/12/01', ' 2026-12-01', '2026-12-01 ', '２０２６-12-01', '2026-12-0a', '2026-12-01T00:00', '', '+026-12-01', '-026-12-01', '2026-1.-01'])('%s', (s) => {
    expect(isIsoDate(s)).toBe(byPattern(s));
  });
  it('agrees with the pattern on random strings of the date alphabet (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9\-+ .a]{8,11}$/), (s) => {
        expect(isIsoDate(s)).toBe(byPattern(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('localDateOf and an en-CA formatter (the dashboard, vendors and register "today" moved from the latter to the former)', () => {
  it('give the same day in zones far east and west, around midnight and the DST changes', () => {
    const zones = ['Europe/Paris', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'Asia/Kathmandu', 'UTC', 'Australia/Lord_Howe'];
    const starts = ['2026-03-29T00:00:00Z', '2026-10-25T00:00:00Z', '2026-12-31T20:00:00Z', '2024-02-28T22:00:00Z'];
    for (const zone of zones) {
      const ca = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      for (const start of starts) {
        for (let h = 0; h < 48; h += 0.5) {
          const at = new Date(Date.parse(start) + h * 3_600_000);
          expect(localDateOf(at.toISOString(), zone), `${zone} ${at.toISOString()}`).toBe(ca.format(at));
        }
      }
    }
  });
});
