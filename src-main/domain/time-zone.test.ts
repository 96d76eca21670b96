import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { formatInZone, isValidTimeZone, offsetMinutes, parseInstant, zonedLocalToInstant } from './time-zone';

function expectDomainError(fn: () => unknown, code: string, messagePart: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect((error as DomainError).message).toContain(messagePart);
    return;
  }
  throw new Error('expected a DomainError');
}

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Paris', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Asia/Tokyo', true],
    ['Australia/Lord_Howe', true],
    ['Foo/Bar', false],
    ['Europe/Pariss', false],
    ['', false],
    [' Europe/Paris', false],
  ])('%j → %s', (tz, expected) => {
    expect(isValidTimeZone(tz)).toBe(expected);
  });
});

describe('offsetMinutes', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 'Europe/Paris', 60],
    ['2026-07-15T12:00:00Z', 'Europe/Paris', 120],
    ['2026-03-29T00:59:59Z', 'Europe/Paris', 60],
    ['2026-03-29T01:00:00Z', 'Europe/Paris', 120],
    ['2026-10-25T00:59:59Z', 'Europe/Paris', 120],
    ['2026-10-25T01:00:00Z', 'Europe/Paris', 60],
    ['2026-01-15T12:00:00Z', 'America/New_York', -300],
    ['2026-07-15T12:00:00Z', 'America/New_York', -240],
    ['2026-01-15T12:00:00Z', 'Asia/Tokyo', 540],
    ['2026-07-15T12:00:00Z', 'Asia/Tokyo', 540],
    ['2026-07-15T12:00:00Z', 'Asia/Kolkata', 330],
    ['2026-07-15T12:00:00Z', 'Asia/Kathmandu', 345],
    ['2026-07-15T12:00:00Z', 'UTC', 0],
    // Paris local mean time before 1911: +00:09:21
    ['1900-01-01T00:00:00Z', 'Europe/Paris', 9.35],
  ])('%s in %s → %d', (iso, tz, expected) => {
    expect(offsetMinutes(new Date(iso), tz)).toBeCloseTo(expected, 10);
  });

  it('rejects an invalid zone or date', () => {
    expectDomainError(() => offsetMinutes(new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus'), 'invalid_input', 'Mars/Olympus');
    expectDomainError(() => offsetMinutes(new Date('nope'), 'UTC'), 'invalid_input', 'not a valid date');
  });
});

describe('zonedLocalToInstant', () => {
  it.each([
    // [local, tz, expected instant (UTC), note]
    ['2026-06-10T14:15', 'Europe/Paris', '2026-06-10T12:15:00.000Z', 'summer time'],
    ['2026-06-10T14:15:30', 'Europe/Paris', '2026-06-10T12:15:30.000Z', 'with seconds'],
    ['2026-06-10T14:15:30.250', 'Europe/Paris', '2026-06-10T12:15:30.250Z', 'with milliseconds'],
    ['2026-01-10 09:00', 'Europe/Paris', '2026-01-10T08:00:00.000Z', 'space separator, winter time'],
    ['2026-03-29T01:59', 'Europe/Paris', '2026-03-29T00:59:00.000Z', 'just before the gap'],
    ['2026-03-29T02:00', 'Europe/Paris', '2026-03-29T01:00:00.000Z', 'gap start → 03:00 CEST'],
    ['2026-03-29T02:30', 'Europe/Paris', '2026-03-29T01:30:00.000Z', 'gap → 03:30 CEST'],
    ['2026-03-29T03:00', 'Europe/Paris', '2026-03-29T01:00:00.000Z', 'first valid time after the gap'],
    ['2026-10-25T02:30', 'Europe/Paris', '2026-10-25T00:30:00.000Z', 'overlap → earlier (CEST)'],
    ['2026-10-25T02:00', 'Europe/Paris', '2026-10-25T00:00:00.000Z', 'overlap start → earlier'],
    ['2026-10-25T03:00', 'Europe/Paris', '2026-10-25T02:00:00.000Z', 'after the overlap'],
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00.000Z', 'New York gap → 03:30 EDT'],
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z', 'New York overlap → earlier (EDT)'],
    ['2026-03-29T02:30', 'Asia/Tokyo', '2026-03-28T17:30:00.000Z', 'Tokyo has no DST'],
    ['2026-04-05T01:45', 'Australia/Lord_Howe', '2026-04-04T14:45:00.000Z', '30-minute overlap → earlier (+11:00)'],
    ['2026-10-04T02:15', 'Australia/Lord_Howe', '2026-10-03T15:45:00.000Z', '30-minute gap → 02:45 (+11:00)'],
    ['2026-06-10T14:15', 'UTC', '2026-06-10T14:15:00.000Z', 'UTC'],
    ['2028-02-29T12:00', 'Europe/Paris', '2028-02-29T11:00:00.000Z', 'leap day'],
  ])('%s in %s → %s (%s)', (local, tz, expected) => {
    expect(zonedLocalToInstant(local, tz).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-02-30T10:00', 'day 30 does not exist'],
    ['2027-02-29T10:00', 'day 29 does not exist'],
    ['2026-13-01T10:00', 'month 13'],
    ['2026-06-10T24:00', 'hour 24'],
    ['2026-06-10T10:60', 'minute 60'],
    ['2026-06-10T10:00:60', 'second 60'],
    ['2026-06-10', '"2026-06-10"'],
    ['10/06/2026 14:15', '"10/06/2026 14:15"'],
    ['2026-06-10T14:15Z', '"2026-06-10T14:15Z"'],
  ])('rejects %j', (local, messagePart) => {
    expectDomainError(() => zonedLocalToInstant(local, 'Europe/Paris'), 'invalid_input', messagePart);
  });

  it('rejects an unknown zone, naming it', () => {
    expectDomainError(() => zonedLocalToInstant('2026-06-10T14:15', 'Europe/Pariss'), 'invalid_input', '"Europe/Pariss"');
  });
});

describe('formatInZone', () => {
  it.each([
    ['2026-06-13T12:15:00Z', 'Europe/Paris', '2026-06-13T14:15:00+02:00'],
    ['2026-12-27T15:45:00Z', 'Europe/Paris', '2026-12-27T16:45:00+01:00'],
    ['2026-06-13T12:15:00Z', 'UTC', '2026-06-13T12:15:00+00:00'],
    ['2026-06-13T12:15:00Z', 'America/New_York', '2026-06-13T08:15:00-04:00'],
    ['2026-01-13T12:15:00Z', 'America/New_York', '2026-01-13T07:15:00-05:00'],
    ['2026-06-13T12:15:00Z', 'Asia/Tokyo', '2026-06-13T21:15:00+09:00'],
    ['2026-06-13T12:15:00Z', 'Asia/Kolkata', '2026-06-13T17:45:00+05:30'],
    ['2026-06-13T23:30:00Z', 'Asia/Tokyo', '2026-06-14T08:30:00+09:00'],
    ['2026-06-13T12:15:00.042Z', 'Europe/Paris', '2026-06-13T14:15:00.042+02:00'],
    ['2026-10-25T00:30:00Z', 'Europe/Paris', '2026-10-25T02:30:00+02:00'],
    ['2026-10-25T01:30:00Z', 'Europe/Paris', '2026-10-25T02:30:00+01:00'],
    ['1900-01-01T00:00:00Z', 'Europe/Paris', '1900-01-01T00:09:21+00:09:21'],
    ['0099-06-01T00:00:00Z', 'UTC', '0099-06-01T00:00:00+00:00'],
  ])('%s in %s → %s', (iso, tz, expected) => {
    expect(formatInZone(new Date(iso), tz)).toBe(expected);
  });

  it('never uses Z', () => {
    expect(formatInZone(new Date('2026-06-13T12:15:00Z'), 'Etc/UTC')).toMatch(/\+00:00$/);
  });

  it('rejects an invalid date or zone', () => {
    expectDomainError(() => formatInZone(new Date(Number.NaN), 'Europe/Paris'), 'invalid_input', 'not a valid date');
    expectDomainError(() => formatInZone(new Date(), 'Nowhere/Land'), 'invalid_input', '"Nowhere/Land"');
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-06-10T14:15Z', 'Europe/Paris', '2026-06-10T14:15:00.000Z'],
    ['2026-06-10T14:15:00z', 'Europe/Paris', '2026-06-10T14:15:00.000Z'],
    ['2026-06-10T14:15:00.123456Z', 'Europe/Paris', '2026-06-10T14:15:00.123Z'],
    ['2026-06-10T14:15+02:00', 'America/New_York', '2026-06-10T12:15:00.000Z'],
    ['2026-06-10T14:15:00+0200', 'UTC', '2026-06-10T12:15:00.000Z'],
    ['2026-06-10T14:15:00+02', 'UTC', '2026-06-10T12:15:00.000Z'],
    ['2026-06-10T14:15:00-05:00', 'Europe/Paris', '2026-06-10T19:15:00.000Z'],
    ['2026-06-10T14:15:00+05:30', 'Europe/Paris', '2026-06-10T08:45:00.000Z'],
    ['2026-06-10T14:15:00+00:00', 'Asia/Tokyo', '2026-06-10T14:15:00.000Z'],
    // local wall times, read in tz
    ['2026-06-10T14:15', 'Europe/Paris', '2026-06-10T12:15:00.000Z'],
    ['  2026-06-10T14:15  ', 'Europe/Paris', '2026-06-10T12:15:00.000Z'],
    ['2026-06-10T14:15', 'Asia/Tokyo', '2026-06-10T05:15:00.000Z'],
    ['2026-03-29T02:30', 'Europe/Paris', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25T02:30', 'Europe/Paris', '2026-10-25T00:30:00.000Z'],
    // an explicit offset settles the overlap
    ['2026-10-25T02:30+01:00', 'Europe/Paris', '2026-10-25T01:30:00.000Z'],
  ])('%j in %s → %s', (value, tz, expected) => {
    expect(parseInstant(value, tz).toISOString()).toBe(expected);
  });

  it.each([
    ['tomorrow', '"tomorrow"'],
    ['', '""'],
    ['2026-02-30T10:00Z', 'day 30 does not exist'],
    ['2026-06-10T10:00+25:00', 'offset'],
    ['2026-06-10T10:00+02:60', 'offset'],
    ['2026-06-10T10:00 CEST', '"2026-06-10T10:00 CEST"'],
  ])('rejects %j', (value, messagePart) => {
    expectDomainError(() => parseInstant(value, 'Europe/Paris'), 'invalid_input', messagePart);
  });

  it('validates the zone even when the value carries an offset', () => {
    expectDomainError(() => parseInstant('2026-06-10T14:15Z', 'Paris'), 'invalid_input', '"Paris"');
  });
});

describe('properties', () => {
  const zones = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
  const instants = fc
    .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) })
    .map((ms) => new Date(Math.floor(ms / 1000) * 1000));

  it('parseInstant(formatInZone(t)) round-trips', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (t, tz) => {
        expect(parseInstant(formatInZone(t, tz), tz).getTime()).toBe(t.getTime());
      }),
    );
  });

  it('the local wall time of t maps back to t, or to an earlier instant with the same wall time (overlap)', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (t, tz) => {
        const wall = formatInZone(t, tz).slice(0, 19);
        const back = zonedLocalToInstant(wall, tz);
        expect(back.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(formatInZone(back, tz).slice(0, 19)).toBe(wall);
        if (back.getTime() !== t.getTime()) {
          expect(t.getTime() - back.getTime()).toBeLessThanOrEqual(3_600_000);
        }
      }),
    );
  });
});
