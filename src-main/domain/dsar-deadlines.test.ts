import { formatDateLong } from './typography';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonthsClamped, compareDates, isWorkingDay, nextWorkingDay, nonWorkingReason, weekdayName, type SkippedDay } from './calendar';
import { computeDsarDeadlines, dsarDueDates, dsarStatus, type DsarDeadlines } from './dsar-deadlines';
import { DomainError } from './errors';

// ----------------------------------------------------------------------------------------------------------
// Reference vectors, copied from the project's rules reference (§1.6 and Appendix A).
// "FR-AM" (national + Alsace-Moselle) is run against each of FR-57, FR-67 and FR-68.
// ----------------------------------------------------------------------------------------------------------

const AM_CODES = ['FR-57', 'FR-67', 'FR-68'];
const codesFor = (calendar: string): string[] => (calendar === 'FR-AM' ? AM_CODES : [calendar]);

/** Appendix A — machine-readable DSAR test vectors (verbatim). */
const APPENDIX_A: Array<{
  id: string;
  received: string;
  calendar: string;
  raw1: string;
  due1: string;
  raw3: string;
  due3: string;
  due3Chained: string;
}> = [
  {"id": "T01", "received": "2026-03-05", "calendar": "FR", "raw1": "2026-04-05", "due1": "2026-04-07", "raw3": "2026-06-05", "due3": "2026-06-05", "due3Chained": "2026-06-05"},
  {"id": "T02", "received": "2026-08-31", "calendar": "FR", "raw1": "2026-09-30", "due1": "2026-09-30", "raw3": "2026-11-30", "due3": "2026-11-30", "due3Chained": "2026-11-30"},
  {"id": "T03", "received": "2025-08-29", "calendar": "FR", "raw1": "2025-09-29", "due1": "2025-09-29", "raw3": "2025-11-29", "due3": "2025-12-01", "due3Chained": "2025-12-01"},
  {"id": "T04", "received": "2025-08-30", "calendar": "FR", "raw1": "2025-09-30", "due1": "2025-09-30", "raw3": "2025-11-30", "due3": "2025-12-01", "due3Chained": "2025-12-01"},
  {"id": "T05", "received": "2025-08-31", "calendar": "FR", "raw1": "2025-09-30", "due1": "2025-09-30", "raw3": "2025-11-30", "due3": "2025-12-01", "due3Chained": "2025-12-01"},
  {"id": "T06", "received": "2027-01-31", "calendar": "FR", "raw1": "2027-02-28", "due1": "2027-03-01", "raw3": "2027-04-30", "due3": "2027-04-30", "due3Chained": "2027-04-28"},
  {"id": "T07", "received": "2028-01-31", "calendar": "FR", "raw1": "2028-02-29", "due1": "2028-02-29", "raw3": "2028-04-30", "due3": "2028-05-02", "due3Chained": "2028-05-02"},
  {"id": "T08", "received": "2024-01-31", "calendar": "FR", "raw1": "2024-02-29", "due1": "2024-02-29", "raw3": "2024-04-30", "due3": "2024-04-30", "due3Chained": "2024-04-29"},
  {"id": "T09", "received": "2026-01-30", "calendar": "FR", "raw1": "2026-02-28", "due1": "2026-03-02", "raw3": "2026-04-30", "due3": "2026-04-30", "due3Chained": "2026-04-28"},
  {"id": "T10", "received": "2028-01-29", "calendar": "FR", "raw1": "2028-02-29", "due1": "2028-02-29", "raw3": "2028-04-29", "due3": "2028-05-02", "due3Chained": "2028-05-02"},
  {"id": "T11", "received": "2027-11-30", "calendar": "FR", "raw1": "2027-12-30", "due1": "2027-12-30", "raw3": "2028-02-29", "due3": "2028-02-29", "due3Chained": "2028-02-29"},
  {"id": "T12", "received": "2026-06-14", "calendar": "FR", "raw1": "2026-07-14", "due1": "2026-07-15", "raw3": "2026-09-14", "due3": "2026-09-14", "due3Chained": "2026-09-14"},
  {"id": "T13", "received": "2026-04-01", "calendar": "FR", "raw1": "2026-05-01", "due1": "2026-05-04", "raw3": "2026-07-01", "due3": "2026-07-01", "due3Chained": "2026-07-01"},
  {"id": "T14", "received": "2026-04-08", "calendar": "FR", "raw1": "2026-05-08", "due1": "2026-05-11", "raw3": "2026-07-08", "due3": "2026-07-08", "due3Chained": "2026-07-08"},
  {"id": "T15", "received": "2026-04-14", "calendar": "FR", "raw1": "2026-05-14", "due1": "2026-05-15", "raw3": "2026-07-14", "due3": "2026-07-15", "due3Chained": "2026-07-15"},
  {"id": "T16", "received": "2026-04-25", "calendar": "FR", "raw1": "2026-05-25", "due1": "2026-05-26", "raw3": "2026-07-25", "due3": "2026-07-27", "due3Chained": "2026-07-27"},
  {"id": "T17", "received": "2026-07-15", "calendar": "FR", "raw1": "2026-08-15", "due1": "2026-08-17", "raw3": "2026-10-15", "due3": "2026-10-15", "due3Chained": "2026-10-15"},
  {"id": "T18", "received": "2026-10-01", "calendar": "FR", "raw1": "2026-11-01", "due1": "2026-11-02", "raw3": "2027-01-01", "due3": "2027-01-04", "due3Chained": "2027-01-04"},
  {"id": "T19", "received": "2026-10-11", "calendar": "FR", "raw1": "2026-11-11", "due1": "2026-11-12", "raw3": "2027-01-11", "due3": "2027-01-11", "due3Chained": "2027-01-11"},
  {"id": "T20", "received": "2026-12-01", "calendar": "FR", "raw1": "2027-01-01", "due1": "2027-01-04", "raw3": "2027-03-01", "due3": "2027-03-01", "due3Chained": "2027-03-01"},
  {"id": "T21", "received": "2025-12-31", "calendar": "FR", "raw1": "2026-01-31", "due1": "2026-02-02", "raw3": "2026-03-31", "due3": "2026-03-31", "due3Chained": "2026-03-31"},
  {"id": "T22", "received": "2025-11-26", "calendar": "FR", "raw1": "2025-12-26", "due1": "2025-12-26", "raw3": "2026-02-26", "due3": "2026-02-26", "due3Chained": "2026-02-26"},
  {"id": "T23", "received": "2025-11-26", "calendar": "FR-AM", "raw1": "2025-12-26", "due1": "2025-12-29", "raw3": "2026-02-26", "due3": "2026-02-26", "due3Chained": "2026-02-26"},
  {"id": "T24", "received": "2026-03-03", "calendar": "FR", "raw1": "2026-04-03", "due1": "2026-04-03", "raw3": "2026-06-03", "due3": "2026-06-03", "due3Chained": "2026-06-03"},
  {"id": "T25", "received": "2026-03-03", "calendar": "FR-AM", "raw1": "2026-04-03", "due1": "2026-04-07", "raw3": "2026-06-03", "due3": "2026-06-03", "due3Chained": "2026-06-03"}
];

/**
 * §1.6 worked vectors: [id, received, weekday, calendar, raw +1 month, weekday, 1-month deadline, weekday,
 * days skipped (1 month), raw +3 months, weekday, 3-month deadline, weekday, days skipped (3 months)].
 * Skipped days are written as in the reference ("samedi", "dimanche", or the holiday's name).
 */
type T16Row = [string, string, string, string, string, string, string, string, string[], string, string, string, string, string[]];
const TABLE_1_6: T16Row[] = [
  ['T01', '2026-03-05', 'jeu.', 'FR', '2026-04-05', 'dim.', '2026-04-07', 'mar.', ['dimanche', 'Lundi de Pâques'], '2026-06-05', 'ven.', '2026-06-05', 'ven.', []],
  ['T02', '2026-08-31', 'lun.', 'FR', '2026-09-30', 'mer.', '2026-09-30', 'mer.', [], '2026-11-30', 'lun.', '2026-11-30', 'lun.', []],
  ['T03', '2025-08-29', 'ven.', 'FR', '2025-09-29', 'lun.', '2025-09-29', 'lun.', [], '2025-11-29', 'sam.', '2025-12-01', 'lun.', ['samedi', 'dimanche']],
  ['T04', '2025-08-30', 'sam.', 'FR', '2025-09-30', 'mar.', '2025-09-30', 'mar.', [], '2025-11-30', 'dim.', '2025-12-01', 'lun.', ['dimanche']],
  ['T05', '2025-08-31', 'dim.', 'FR', '2025-09-30', 'mar.', '2025-09-30', 'mar.', [], '2025-11-30', 'dim.', '2025-12-01', 'lun.', ['dimanche']],
  ['T06', '2027-01-31', 'dim.', 'FR', '2027-02-28', 'dim.', '2027-03-01', 'lun.', ['dimanche'], '2027-04-30', 'ven.', '2027-04-30', 'ven.', []],
  ['T07', '2028-01-31', 'lun.', 'FR', '2028-02-29', 'mar.', '2028-02-29', 'mar.', [], '2028-04-30', 'dim.', '2028-05-02', 'mar.', ['dimanche', 'Fête du travail']],
  ['T08', '2024-01-31', 'mer.', 'FR', '2024-02-29', 'jeu.', '2024-02-29', 'jeu.', [], '2024-04-30', 'mar.', '2024-04-30', 'mar.', []],
  ['T09', '2026-01-30', 'ven.', 'FR', '2026-02-28', 'sam.', '2026-03-02', 'lun.', ['samedi', 'dimanche'], '2026-04-30', 'jeu.', '2026-04-30', 'jeu.', []],
  ['T10', '2028-01-29', 'sam.', 'FR', '2028-02-29', 'mar.', '2028-02-29', 'mar.', [], '2028-04-29', 'sam.', '2028-05-02', 'mar.', ['samedi', 'dimanche', 'Fête du travail']],
  ['T11', '2027-11-30', 'mar.', 'FR', '2027-12-30', 'jeu.', '2027-12-30', 'jeu.', [], '2028-02-29', 'mar.', '2028-02-29', 'mar.', []],
  ['T12', '2026-06-14', 'dim.', 'FR', '2026-07-14', 'mar.', '2026-07-15', 'mer.', ['Fête nationale'], '2026-09-14', 'lun.', '2026-09-14', 'lun.', []],
  ['T13', '2026-04-01', 'mer.', 'FR', '2026-05-01', 'ven.', '2026-05-04', 'lun.', ['Fête du travail', 'samedi', 'dimanche'], '2026-07-01', 'mer.', '2026-07-01', 'mer.', []],
  ['T14', '2026-04-08', 'mer.', 'FR', '2026-05-08', 'ven.', '2026-05-11', 'lun.', ['Victoire 1945', 'samedi', 'dimanche'], '2026-07-08', 'mer.', '2026-07-08', 'mer.', []],
  ['T15', '2026-04-14', 'mar.', 'FR', '2026-05-14', 'jeu.', '2026-05-15', 'ven.', ['Ascension'], '2026-07-14', 'mar.', '2026-07-15', 'mer.', ['Fête nationale']],
  ['T16', '2026-04-25', 'sam.', 'FR', '2026-05-25', 'lun.', '2026-05-26', 'mar.', ['Lundi de Pentecôte'], '2026-07-25', 'sam.', '2026-07-27', 'lun.', ['samedi', 'dimanche']],
  ['T17', '2026-07-15', 'mer.', 'FR', '2026-08-15', 'sam.', '2026-08-17', 'lun.', ['samedi', 'dimanche'], '2026-10-15', 'jeu.', '2026-10-15', 'jeu.', []],
  ['T18', '2026-10-01', 'jeu.', 'FR', '2026-11-01', 'dim.', '2026-11-02', 'lun.', ['dimanche'], '2027-01-01', 'ven.', '2027-01-04', 'lun.', ["Jour de l'an", 'samedi', 'dimanche']],
  ['T19', '2026-10-11', 'dim.', 'FR', '2026-11-11', 'mer.', '2026-11-12', 'jeu.', ['Armistice 1918'], '2027-01-11', 'lun.', '2027-01-11', 'lun.', []],
  ['T20', '2026-12-01', 'mar.', 'FR', '2027-01-01', 'ven.', '2027-01-04', 'lun.', ["Jour de l'an", 'samedi', 'dimanche'], '2027-03-01', 'lun.', '2027-03-01', 'lun.', []],
  ['T21', '2025-12-31', 'mer.', 'FR', '2026-01-31', 'sam.', '2026-02-02', 'lun.', ['samedi', 'dimanche'], '2026-03-31', 'mar.', '2026-03-31', 'mar.', []],
  ['T22', '2025-11-26', 'mer.', 'FR', '2025-12-26', 'ven.', '2025-12-26', 'ven.', [], '2026-02-26', 'jeu.', '2026-02-26', 'jeu.', []],
  ['T23', '2025-11-26', 'mer.', 'FR-AM', '2025-12-26', 'ven.', '2025-12-29', 'lun.', ['Saint-Étienne (AM)', 'samedi', 'dimanche'], '2026-02-26', 'jeu.', '2026-02-26', 'jeu.', []],
  ['T24', '2026-03-03', 'mar.', 'FR', '2026-04-03', 'ven.', '2026-04-03', 'ven.', [], '2026-06-03', 'mer.', '2026-06-03', 'mer.', []],
  ['T25', '2026-03-03', 'mar.', 'FR-AM', '2026-04-03', 'ven.', '2026-04-07', 'mar.', ['Vendredi saint (AM)', 'samedi', 'dimanche', 'Lundi de Pâques'], '2026-06-03', 'mer.', '2026-06-03', 'mer.', []],
];

/** date-holidays' French names → the labels used in the reference table. */
const REFERENCE_LABEL: Record<string, string> = {
  'Nouvel An': "Jour de l'an",
  'Fête de la Victoire 1945': 'Victoire 1945',
  'Fête Nationale de la France': 'Fête nationale',
  'Lendemain de Noël': 'Saint-Étienne (AM)',
  'Vendredi saint': 'Vendredi saint (AM)',
};
const referenceLabel = (d: SkippedDay): string => (d.kind === 'holiday' ? (REFERENCE_LABEL[d.name] ?? d.name) : d.name);

/** Extension-reading variants (§1.6): A = J0 + 3 months (default), B = raw 1-month end + 2 months, C = rolled 1-month end + 2 months. */
const VARIANTS: Array<[string, string, string, string, string]> = [
  ['T06', '2027-01-31', '2027-04-30', '2027-04-28', '2027-05-03'],
  ['T09', '2026-01-30', '2026-04-30', '2026-04-28', '2026-05-04'],
  ['T08', '2024-01-31', '2024-04-30', '2024-04-29', '2024-04-29'],
  ['T01', '2026-03-05', '2026-06-05', '2026-06-05', '2026-06-08'],
  ['T13', '2026-04-01', '2026-07-01', '2026-07-01', '2026-07-06'],
];

/** Suspension vectors (§1.6): [id, J0, info requested, info received, without suspension, with suspension, days, "restart" reading]. */
const SUSPENSION: Array<[string, string, string, string, string, string, number, string]> = [
  ['S01', '2026-03-02', '2026-03-03', '2026-03-10', '2026-04-02', '2026-04-09', 7, '2026-04-10'],
  ['S02', '2026-01-30', '2026-02-02', '2026-02-20', '2026-03-02', '2026-03-18', 18, '2026-03-20'],
];

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

describe('Appendix A vectors', () => {
  const cases = APPENDIX_A.flatMap((v) => codesFor(v.calendar).map((code) => ({ ...v, code })));

  it('has all 25 vectors', () => {
    expect(APPENDIX_A.map((v) => v.id)).toEqual(Array.from({ length: 25 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`));
  });

  it.each(cases)('$id ($code): received $received → due1 $due1, due3 $due3, prudent $due3Chained', (v) => {
    const r = computeDsarDeadlines({ received: v.received, jurisdiction: v.code });
    expect(r.received).toBe(v.received);
    expect(r.jurisdiction).toBe(v.code);
    expect(r.explanation.oneMonth.rawDate).toBe(v.raw1);
    expect(r.oneMonth).toBe(v.due1);
    expect(r.extensionNoticeBy).toBe(v.due1);
    expect(r.explanation.threeMonths.rawDate).toBe(v.raw3);
    expect(r.threeMonths).toBe(v.due3);
    expect(r.threeMonthsPrudent).toBe(v.due3Chained);
    expect(r.paused).toBeUndefined();
  });
});

describe('§1.6 worked vectors T01-T25 (French calendar)', () => {
  const cases = TABLE_1_6.flatMap((row) => codesFor(row[3]).map((code) => [row[0], code, row] as const));

  it.each(cases)('%s in %s', (_id, code, row) => {
    const [, received, receivedWd, , raw1, raw1Wd, due1, due1Wd, skip1, raw3, raw3Wd, due3, due3Wd, skip3] = row;
    const r = computeDsarDeadlines({ received, jurisdiction: code, lang: 'fr' });

    expect(r.explanation.oneMonth.rawDate).toBe(raw1);
    expect(r.oneMonth).toBe(due1);
    expect(r.extensionNoticeBy).toBe(due1);
    expect(r.explanation.oneMonth.skipped.map(referenceLabel)).toEqual(skip1);
    expect(r.explanation.threeMonths.rawDate).toBe(raw3);
    expect(r.threeMonths).toBe(due3);
    expect(r.explanation.threeMonths.skipped.map(referenceLabel)).toEqual(skip3);

    // The weekday annotations of the reference table.
    for (const [date, abbr] of [
      [received, receivedWd],
      [raw1, raw1Wd],
      [due1, due1Wd],
      [raw3, raw3Wd],
      [due3, due3Wd],
    ] as const) {
      expect(weekdayName(date, 'fr').slice(0, 3), date).toBe(abbr.slice(0, 3));
    }
  });

  it('T22/T24 are working days nationally but not in Alsace-Moselle', () => {
    expect(computeDsarDeadlines({ received: '2025-11-26', jurisdiction: 'FR' }).oneMonth).toBe('2025-12-26');
    expect(computeDsarDeadlines({ received: '2026-03-03', jurisdiction: 'FR' }).oneMonth).toBe('2026-04-03');
    for (const code of AM_CODES) {
      expect(computeDsarDeadlines({ received: '2025-11-26', jurisdiction: code }).oneMonth).toBe('2025-12-29');
      expect(computeDsarDeadlines({ received: '2026-03-03', jurisdiction: code }).oneMonth).toBe('2026-04-07');
    }
  });
});

describe('extended deadline readings A / B / C', () => {
  it.each(VARIANTS)('%s (J0 %s): A = %s (threeMonths), B = %s (threeMonthsPrudent); C = %s is never used', (_id, j0, a, b, c) => {
    const r = computeDsarDeadlines({ received: j0, jurisdiction: 'FR' });
    expect(r.threeMonths).toBe(a);
    expect(r.threeMonthsPrudent).toBe(b);
    expect(compareDates(r.threeMonthsPrudent, r.threeMonths)).toBeLessThanOrEqual(0);
    // C (rolled one-month end + 2 months), computed here only to document the reference's values.
    expect(nextWorkingDay(addMonthsClamped(r.oneMonth, 2), 'FR')).toBe(c);
    if (c !== a && c !== b) {
      expect(r.threeMonths).not.toBe(c);
      expect(r.threeMonthsPrudent).not.toBe(c);
    }
  });

  it('reference §1.5 example: received 31 Jan 2027, A = 30 Apr, B = 28 Apr', () => {
    const r = computeDsarDeadlines({ received: '2027-01-31', jurisdiction: 'FR' });
    expect([r.threeMonths, r.threeMonthsPrudent]).toEqual(['2027-04-30', '2027-04-28']);
    expect(r.explanation.threeMonthsPrudent.from).toBe('2027-02-28');
    expect(r.explanation.threeMonthsPrudent.months).toBe(2);
    expect(r.explanation.threeMonthsPrudent.steps.en.at(-1)).toBe('Earlier than the default reading (30\u00a0April 2027): use it to stay on the safe side');
    expect(r.explanation.threeMonthsPrudent.steps.fr.at(-1)).toBe('Plus tôt que la lecture par défaut (30\u00a0avril\u00a02027) : à retenir par prudence');
  });
});

describe('suspension ("with suspension" date shown beside the primary one)', () => {
  it.each(SUSPENSION)('%s: J0 %s, info requested %s, received %s → %s without, %s with (+%i days)', (_id, j0, req, rec, without, withS, days, restart) => {
    const r = computeDsarDeadlines({ received: j0, jurisdiction: 'FR', infoRequestedOn: req, infoReceivedOn: rec });
    expect(r.oneMonth).toBe(without); // the primary deadline never pauses
    expect(r.paused).toBeDefined();
    expect(r.paused!.days).toBe(days);
    expect(r.paused!.oneMonth).toBe(withS);
    expect(r.paused!.infoRequestedOn).toBe(req);
    expect(r.paused!.infoReceivedOn).toBe(rec);
    // The suspension is added to the RAW deadline (S02: raw 28 Feb + 18 = 18 Mar), then rolled.
    expect(r.explanation.paused!.oneMonth.suspension).toEqual({
      days,
      infoRequestedOn: req,
      infoReceivedOn: rec,
      shiftedDate: addDays(r.explanation.oneMonth.rawDate, days),
    });
    expect(r.paused!.threeMonths).toBe(nextWorkingDay(addDays(r.explanation.threeMonths.rawDate, days), 'FR'));
    // The "restart" reading (info receipt + 1 month) is deliberately not offered by Vigie; the reference's values for the record:
    expect(nextWorkingDay(addMonthsClamped(rec, 1), 'FR')).toBe(restart);
    expect(r.paused!.oneMonth).not.toBe(restart);
  });

  it('explains the suspension in both languages', () => {
    const r = computeDsarDeadlines({ received: '2026-01-30', jurisdiction: 'FR', infoRequestedOn: '2026-02-02', infoReceivedOn: '2026-02-20' });
    const en = r.explanation.paused!.oneMonth.steps.en;
    expect(en).toContain('+1 month → 30 February 2026 does not exist → last day of the month, 28 February 2026 (Regulation 1182/71 art. 3(2)(c))');
    expect(en).toContain('Suspension: information requested on 2 February 2026, received on 20 February 2026 → +18 days → 18 March 2026');
    expect(en.at(-1)).toBe('Deadline: Wednesday 18 March 2026 (a working day)');
    expect(r.explanation.paused!.oneMonth.steps.fr).toContain(
      'Suspension : informations demandées le 2 février 2026, reçues le 20 février 2026 → +18 jours → 18 mars 2026',
    );
  });

  it('suspension shifts can land on a non-working day and then roll', () => {
    // raw 2026-04-02 + 1 day = Fri 2026-04-03 (working in FR) ; + 2 days = Sat → Tue 7 Apr (Easter Monday).
    const r = computeDsarDeadlines({ received: '2026-03-02', jurisdiction: 'FR', infoRequestedOn: '2026-03-02', infoReceivedOn: '2026-03-04' });
    expect(r.paused!.days).toBe(2);
    expect(r.paused!.oneMonth).toBe('2026-04-07');
    expect(r.explanation.paused!.oneMonth.skipped.map((d) => d.date)).toEqual(['2026-04-04', '2026-04-05', '2026-04-06']);
  });

  it('same-day request and answer: zero days, same dates', () => {
    const r = computeDsarDeadlines({ received: '2026-03-05', jurisdiction: 'FR', infoRequestedOn: '2026-03-05', infoReceivedOn: '2026-03-05' });
    expect(r.paused).toMatchObject({ days: 0, oneMonth: r.oneMonth, threeMonths: r.threeMonths });
  });

  it('no paused date while the information is still awaited', () => {
    const r = computeDsarDeadlines({ received: '2026-03-05', jurisdiction: 'FR', infoRequestedOn: '2026-03-06' });
    expect(r.paused).toBeUndefined();
    expect(r.explanation.paused).toBeUndefined();
  });
});

describe('other EU/EEA calendars', () => {
  it.each([
    // Germany: Good Friday 3 Apr 2026 is a public holiday (not in FR national).
    ['DE', '2026-03-03', '2026-04-07', ['2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06']],
    ['FR', '2026-03-03', '2026-04-03', []],
    // 14 July / 8 May are French holidays but working days in Germany and Belgium.
    ['DE', '2026-06-14', '2026-07-14', []],
    ['BE', '2026-06-14', '2026-07-14', []],
    ['FR', '2026-06-14', '2026-07-15', ['2026-07-14']],
    ['DE', '2026-04-08', '2026-05-08', []],
    // Belgium: National Day 21 July 2026 (Tuesday) rolls to Wednesday; not a holiday in France.
    ['BE', '2026-06-21', '2026-07-22', ['2026-07-21']],
    ['FR', '2026-06-21', '2026-07-21', []],
    // Germany: German Unity Day on Saturday 3 Oct 2026 → Monday 5 Oct.
    ['DE', '2026-09-03', '2026-10-05', ['2026-10-03', '2026-10-04']],
    // Ireland: 26 Dec 2025 (St Stephen's Day, Friday) → Monday 29 Dec.
    ['IE', '2025-11-26', '2025-12-29', ['2025-12-26', '2025-12-27', '2025-12-28']],
  ])('%s: received %s → one-month deadline %s', (code, received, due1, skippedDates) => {
    const r = computeDsarDeadlines({ received, jurisdiction: code });
    expect(r.oneMonth).toBe(due1);
    expect(r.explanation.oneMonth.skipped.map((d) => d.date)).toEqual(skippedDates);
  });

  it('names a foreign holiday in the requested language', () => {
    const en = computeDsarDeadlines({ received: '2026-03-03', jurisdiction: 'DE', lang: 'en' });
    expect(en.explanation.oneMonth.skipped[0]).toEqual({ date: '2026-04-03', kind: 'holiday', name: 'Good Friday' });
    const fr = computeDsarDeadlines({ received: '2026-03-03', jurisdiction: 'DE', lang: 'fr' });
    expect(fr.explanation.oneMonth.skipped[0]).toEqual({ date: '2026-04-03', kind: 'holiday', name: 'Vendredi saint' });
    expect(fr.explanation.oneMonth.steps.en).toContain('3 April 2026 is a public holiday (Good Friday) → next day');
    expect(fr.explanation.oneMonth.steps.fr).toContain('Le 3 avril 2026 est un jour férié (Vendredi saint) → jour suivant');
  });
});

describe('"why this date?" explanations', () => {
  it('T01: EDPB example 32 pattern, rolled over Easter Sunday and Easter Monday', () => {
    const e = computeDsarDeadlines({ received: '2026-03-05', jurisdiction: 'FR' }).explanation.oneMonth;
    expect(e).toMatchObject({ from: '2026-03-05', months: 1, rawDate: '2026-04-05', clamped: false, result: '2026-04-07' });
    expect(e.skipped).toEqual([
      { date: '2026-04-05', kind: 'sunday', name: 'Sunday' },
      { date: '2026-04-06', kind: 'holiday', name: 'Easter Monday' },
    ]);
    expect(e.steps.en).toEqual([
      'Received Thursday 5 March 2026 (day of receipt not counted, Regulation 1182/71 art. 3(1))',
      '+1 month → 5 April 2026 (Regulation 1182/71 art. 3(2)(c))',
      '5 April 2026 is a Sunday → next day',
      '6 April 2026 is a public holiday (Easter Monday) → next day',
      'Deadline: Tuesday 7 April 2026 (next working day, Regulation 1182/71 art. 3(4))',
    ]);
    expect(e.steps.fr).toEqual([
      "Demande reçue le jeudi 5 mars 2026 (le jour de réception n’est pas compté, art. 3, § 1, du règlement n° 1182/71)",
      '+1 mois → 5 avril 2026 (art. 3, § 2, c), du règlement n° 1182/71)',
      'Le 5 avril 2026 est un dimanche → jour suivant',
      'Le 6 avril 2026 est un jour férié (Lundi de Pâques) → jour suivant',
      'Échéance : mardi 7 avril 2026 (jour ouvré suivant, art. 3, § 4, du règlement n° 1182/71)',
    ]);
  });

  it('T02: EDPB example 33 pattern, month-end clamping explained', () => {
    const r = computeDsarDeadlines({ received: '2026-08-31', jurisdiction: 'FR' });
    const e = r.explanation.oneMonth;
    expect(e).toMatchObject({ rawDate: '2026-09-30', clamped: true, skipped: [], result: '2026-09-30' });
    expect(e.steps.en).toContain('+1 month → 31 September 2026 does not exist → last day of the month, 30 September 2026 (Regulation 1182/71 art. 3(2)(c))');
    expect(e.steps.fr).toContain("+1 mois → le 31 septembre 2026 n’existe pas → dernier jour du mois, le 30 septembre 2026 (art. 3, § 2, c), du règlement n° 1182/71)");
    expect(e.steps.en.at(-1)).toBe('Deadline: Wednesday 30 September 2026 (a working day)');
    expect(r.explanation.threeMonths.clamped).toBe(true);
    expect(r.explanation.threeMonths.steps.en).toContain(
      '+3 months → 31 November 2026 does not exist → last day of the month, 30 November 2026 (Regulation 1182/71 art. 3(2)(c))',
    );
  });

  it('T18: a Sunday that is also a holiday is reported as the Sunday, naming the holiday', () => {
    const r = computeDsarDeadlines({ received: '2026-10-01', jurisdiction: 'FR', lang: 'fr' });
    expect(r.explanation.oneMonth.skipped).toEqual([{ date: '2026-11-01', kind: 'sunday', name: 'dimanche', holiday: 'Toussaint' }]);
    expect(r.explanation.oneMonth.steps.en).toContain("1 November 2026 is a Sunday (also a public holiday: All Saints' Day) → next day");
    expect(r.explanation.oneMonth.steps.fr).toContain('Le 1er novembre 2026 est un dimanche (et un jour férié : Toussaint) → jour suivant');
    expect(r.explanation.threeMonths.steps.fr).toContain('Le 1er janvier 2027 est un jour férié (Nouvel An) → jour suivant');
    expect(r.explanation.threeMonths.steps.en).toContain("1 January 2027 is a public holiday (New Year's Day) → next day");
  });

  it('T25: Alsace-Moselle days are named', () => {
    const e = computeDsarDeadlines({ received: '2026-03-03', jurisdiction: 'FR-57', lang: 'fr' }).explanation.oneMonth;
    expect(e.skipped.map((d) => `${d.kind}:${d.name}`)).toEqual(['holiday:Vendredi saint', 'saturday:samedi', 'sunday:dimanche', 'holiday:Lundi de Pâques']);
    expect(e.steps.fr).toContain('Le 3 avril 2026 est un jour férié (Vendredi saint) → jour suivant');
  });

  it('the extended and prudent explanations say which reading they are', () => {
    const r = computeDsarDeadlines({ received: '2026-03-05', jurisdiction: 'FR' });
    expect(r.explanation.threeMonths).toMatchObject({ from: '2026-03-05', months: 3, result: r.threeMonths });
    expect(r.explanation.threeMonths.steps.en.join('\n')).toContain('default reading');
    expect(r.explanation.threeMonthsPrudent).toMatchObject({ from: '2026-04-05', months: 2, rawDate: '2026-06-05' });
    expect(r.explanation.threeMonthsPrudent.steps.en.at(-1)).toBe('Same as the default reading (5\u00a0June 2026)');
    expect(r.explanation.threeMonthsPrudent.steps.fr.at(-1)).toBe('Identique à la lecture par défaut (5\u00a0juin\u00a02026)');
  });

  it('skipped days are named in the requested language (default English)', () => {
    expect(computeDsarDeadlines({ received: '2026-04-14', jurisdiction: 'FR' }).explanation.oneMonth.skipped[0]!.name).toBe('Ascension Day');
    expect(computeDsarDeadlines({ received: '2026-04-14', jurisdiction: 'FR', lang: 'fr' }).explanation.oneMonth.skipped[0]!.name).toBe('Ascension');
  });
});

describe('input validation', () => {
  it.each([
    [{ received: '2026-02-30', jurisdiction: 'FR' }, 'received', '2026-02-30'],
    [{ received: '05/03/2026', jurisdiction: 'FR' }, 'received', '05/03/2026'],
    [{ received: '', jurisdiction: 'FR' }, 'received', 'YYYY-MM-DD'],
    [{ received: undefined as unknown as string, jurisdiction: 'FR' }, 'received', 'YYYY-MM-DD'],
    [{ received: '0226-03-05', jurisdiction: 'FR' }, 'received', 'supported years'],
    [{ received: '2026-03-05', jurisdiction: 'FR', infoRequestedOn: '2026-03-04', infoReceivedOn: '2026-03-10' }, 'infoRequestedOn', 'before the request was received'],
    [{ received: '2026-03-05', jurisdiction: 'FR', infoRequestedOn: '2026-03-10', infoReceivedOn: '2026-03-09' }, 'infoReceivedOn', 'before infoRequestedOn'],
    [{ received: '2026-03-05', jurisdiction: 'FR', infoReceivedOn: '2026-03-09' }, 'infoRequestedOn', 'infoRequestedOn is not'],
    [{ received: '2026-03-05', jurisdiction: 'FR', infoRequestedOn: '2026-3-6' }, 'infoRequestedOn', '2026-3-6'],
    [{ received: '2026-03-05', jurisdiction: 'FR', infoRequestedOn: '2026-03-06', infoReceivedOn: '2026-03-32' }, 'infoReceivedOn', '2026-03-32'],
    [{ received: '2026-03-05', jurisdiction: 'FR', lang: 'de' as 'fr' }, 'lang', 'de'],
  ])('%j → invalid_input on %s', (input, field, fragment) => {
    const err = expectDomainError(() => computeDsarDeadlines(input), 'invalid_input', fragment);
    expect((err.details as { field: string }).field).toBe(field);
  });

  it.each(['XX', 'fr', 'FR-AM', ''])('unknown jurisdiction %j → invalid_jurisdiction naming it and the accepted codes', (code) => {
    expectDomainError(() => computeDsarDeadlines({ received: '2026-03-05', jurisdiction: code }), 'invalid_jurisdiction', `"${code}"`, 'FR-57', 'NO');
  });
});

describe('dsarStatus', () => {
  // T01: oneMonth 2026-04-07 (Tue), threeMonths 2026-06-05 (Fri).
  const base = { oneMonth: '2026-04-07', threeMonths: '2026-06-05', extended: false, closed: false, jurisdiction: 'FR' };
  it.each([
    ['on-track', { today: '2026-03-05' }, 'on-track', '2026-04-07', 33, 22],
    ['8 days left', { today: '2026-03-30' }, 'on-track', '2026-04-07', 8, 5],
    ['7 days left', { today: '2026-03-31' }, 'due-soon', '2026-04-07', 7, 4],
    ['due today', { today: '2026-04-07' }, 'due-soon', '2026-04-07', 0, 0],
    ['one day late', { today: '2026-04-08' }, 'overdue', '2026-04-07', -1, -1],
    ['late over a weekend', { today: '2026-04-13' }, 'overdue', '2026-04-07', -6, -4],
    ['extended, far from due', { today: '2026-04-08', extended: true }, 'extended', '2026-06-05', 58, 38],
    ['extended, due soon', { today: '2026-06-01', extended: true }, 'due-soon', '2026-06-05', 4, 4],
    ['extended, overdue', { today: '2026-06-06', extended: true }, 'overdue', '2026-06-05', -1, 0],
    ['extended, overdue on a working day', { today: '2026-06-08', extended: true }, 'overdue', '2026-06-05', -3, -1],
    ['closed before the deadline', { today: '2026-03-20', closed: true }, 'closed', '2026-04-07', 18, 11],
    ['closed after the deadline', { today: '2026-05-20', closed: true }, 'closed', '2026-04-07', -43, -28],
    ['custom threshold', { today: '2026-03-25', dueSoonDays: 14 }, 'due-soon', '2026-04-07', 13, 8],
    ['threshold 0: only the due day', { today: '2026-04-06', dueSoonDays: 0 }, 'on-track', '2026-04-07', 1, 1],
  ])('%s', (_label, extra, status, dueDate, calendarDaysLeft, workingDaysLeft) => {
    expect(dsarStatus({ ...base, ...extra })).toEqual({ status, dueDate, calendarDaysLeft, workingDaysLeft });
  });

  it('validates its input', () => {
    expectDomainError(() => dsarStatus({ ...base, today: '2026-13-01' }), 'invalid_input', 'today');
    expectDomainError(() => dsarStatus({ ...base, oneMonth: 'x', today: '2026-03-05' }), 'invalid_input', 'oneMonth');
    expectDomainError(() => dsarStatus({ ...base, today: '2026-03-05', dueSoonDays: -1 }), 'invalid_input', 'dueSoonDays');
    expectDomainError(() => dsarStatus({ ...base, today: '2026-03-05', dueSoonDays: 1.5 }), 'invalid_input', 'dueSoonDays');
    expectDomainError(() => dsarStatus({ ...base, today: '2026-03-05', jurisdiction: 'ZZ' }), 'invalid_jurisdiction', 'ZZ');
  });
});

describe('properties (received 2000-2100, several jurisdictions)', () => {
  const JURISDICTIONS = ['FR', 'FR-57', 'FR-GP', 'FR-RE', 'DE', 'BE', 'IE', 'ES', 'IT', 'PL', 'SE', 'NO', 'IS', 'CY', 'MT'];
  const DAYS_2000_2100 = 36889; // 2000-01-01 … 2100-12-31
  const dateArb = fc.integer({ min: 0, max: DAYS_2000_2100 }).map((n) => addDays('2000-01-01', n));

  /** Every day in [raw, result) is non-working and `result` is working: the roll is minimal. */
  function expectMinimalRoll(raw: string, result: string, code: string): void {
    expect(compareDates(result, raw)).toBeGreaterThanOrEqual(0);
    expect(isWorkingDay(result, code)).toBe(true);
    for (let d = raw; d < result; d = addDays(d, 1)) expect(nonWorkingReason(d, code), `${d} in ${code}`).not.toBeNull();
  }

  it('deadlines are working days, on or after the clamped month end, minimal, and B <= A', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...JURISDICTIONS), (received, code) => {
        const r: DsarDeadlines = computeDsarDeadlines({ received, jurisdiction: code });
        const raw1 = addMonthsClamped(received, 1);
        const raw3 = addMonthsClamped(received, 3);
        const raw3b = addMonthsClamped(raw1, 2);
        for (const d of [r.oneMonth, r.threeMonths, r.threeMonthsPrudent, r.extensionNoticeBy]) expect(isWorkingDay(d, code)).toBe(true);
        expect(compareDates(r.oneMonth, raw1)).toBeGreaterThanOrEqual(0);
        expect(compareDates(r.threeMonths, raw3)).toBeGreaterThanOrEqual(0);
        expect(compareDates(r.threeMonthsPrudent, r.threeMonths)).toBeLessThanOrEqual(0);
        expect(compareDates(r.oneMonth, r.threeMonthsPrudent)).toBeLessThan(0);
        expect(r.extensionNoticeBy).toBe(r.oneMonth);
        expectMinimalRoll(raw1, r.oneMonth, code);
        expectMinimalRoll(raw3, r.threeMonths, code);
        expectMinimalRoll(raw3b, r.threeMonthsPrudent, code);
        // The raw date keeps the day of month unless clamped to the month's end.
        const e = r.explanation.oneMonth;
        expect(e.clamped ? Number(e.rawDate.slice(8)) < Number(received.slice(8)) : e.rawDate.slice(8) === received.slice(8)).toBe(true);
        expect(e.steps.en.at(-1)).toContain(formatDateLong(r.oneMonth, 'en'));
        expect(e.steps.fr.at(-1)).toContain(formatDateLong(r.oneMonth, 'fr'));
      }),
      { numRuns: 500 },
    );
  });

  it('the paused date is never earlier than the primary one and equals roll(raw + days)', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...JURISDICTIONS), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 }), (received, code, after, days) => {
        const infoRequestedOn = addDays(received, after);
        const infoReceivedOn = addDays(infoRequestedOn, days);
        const r = computeDsarDeadlines({ received, jurisdiction: code, infoRequestedOn, infoReceivedOn });
        expect(r.paused!.days).toBe(days);
        expect(r.paused!.oneMonth).toBe(nextWorkingDay(addDays(addMonthsClamped(received, 1), days), code));
        expect(r.paused!.threeMonths).toBe(nextWorkingDay(addDays(addMonthsClamped(received, 3), days), code));
        expect(compareDates(r.paused!.oneMonth, r.oneMonth)).toBeGreaterThanOrEqual(0);
        expect(compareDates(r.paused!.threeMonths, r.threeMonths)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('dsarDueDates (stored deadlines, no explanation)', () => {
  const withoutExplanation = (d: DsarDeadlines) => {
    const { explanation, ...rest } = d;
    void explanation;
    return rest;
  };

  it('gives exactly the dates of computeDsarDeadlines for every day of 2024–2027 in France, Alsace-Moselle and Germany', () => {
    for (const jurisdiction of ['FR', 'FR-57', 'DE']) {
      for (let d = '2024-01-01'; compareDates(d, '2027-12-31') <= 0; d = addDays(d, 1)) {
        expect(dsarDueDates({ received: d, jurisdiction, lang: 'fr' }), `${jurisdiction} ${d}`).toEqual(withoutExplanation(computeDsarDeadlines({ received: d, jurisdiction, lang: 'fr' })));
      }
    }
  });

  it('gives the same dates with a suspension for identity checks (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 90 }), (offset, askAfter, answeredAfter) => {
        const received = addDays('2023-01-01', offset);
        const input = { received, jurisdiction: 'FR', lang: 'en' as const, infoRequestedOn: addDays(received, askAfter), infoReceivedOn: addDays(received, askAfter + answeredAfter) };
        expect(dsarDueDates(input)).toEqual(withoutExplanation(computeDsarDeadlines(input)));
      }),
    );
  });

  it('refuses what computeDsarDeadlines refuses, with the same error', () => {
    for (const bad of [{ received: '2026-02-30', jurisdiction: 'FR' }, { received: '2026-01-10', jurisdiction: 'XX' }, { received: '2026-01-10', jurisdiction: 'FR', infoReceivedOn: '2026-01-12' }, { received: '2026-01-10', jurisdiction: 'FR', infoRequestedOn: '2026-01-09' }]) {
      expect(() => dsarDueDates(bad as never)).toThrow(DomainError);
      let message = '';
      try {
        computeDsarDeadlines(bad as never);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(() => dsarDueDates(bad as never)).toThrow(message);
    }
  });
});
