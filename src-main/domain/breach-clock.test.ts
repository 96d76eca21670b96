import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breachClock, DEFAULT_NOTIFICATION_HOURS, formatRemaining, lateNotification } from './breach-clock';
import { DomainError } from './errors';
import { parseInstant } from './time-zone';

const H = 3_600_000;
const MIN = 60_000;

function expectDomainError(fn: () => unknown, messagePart: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_input');
    expect((error as DomainError).message).toContain(messagePart);
    return;
  }
  throw new Error('expected a DomainError');
}

describe('DEFAULT_NOTIFICATION_HOURS', () => {
  it('is 72 (GDPR Art. 33(1))', () => {
    expect(DEFAULT_NOTIFICATION_HOURS).toBe(72);
  });
});

describe('breachClock — reference vectors B01–B04 (Europe/Paris)', () => {
  // [id, awareness (local wall time), awareness with offset, notifyBy, strictNotifyBy]
  const vectors = [
    ['B01 DST starts Sun 29 Mar', '2026-03-27T10:00', '2026-03-27T10:00+01:00', '2026-03-30T11:00:00+02:00', '2026-03-30T12:00:00+02:00'],
    ['B02 DST ends Sun 25 Oct', '2026-10-23T10:00', '2026-10-23T10:00+02:00', '2026-10-26T09:00:00+01:00', '2026-10-26T10:00:00+01:00'],
    ['B03 holiday + weekend do not extend', '2026-05-08T14:30', '2026-05-08T14:30+02:00', '2026-05-11T14:30:00+02:00', '2026-05-11T15:00:00+02:00'],
    ['B04 deadline on a Sunday stays', '2026-12-24T16:45', '2026-12-24T16:45+01:00', '2026-12-27T16:45:00+01:00', '2026-12-27T17:00:00+01:00'],
  ] as const;

  it.each(vectors)('%s (local input)', (_id, local, withOffset, notifyBy, strictNotifyBy) => {
    const clock = breachClock({ aware: local, tz: 'Europe/Paris' });
    expect(clock).toEqual({
      aware: `${withOffset.slice(0, 16)}:00${withOffset.slice(16)}`,
      notifyBy,
      strictNotifyBy,
      hours: 72,
    });
  });

  it.each(vectors)('%s (instant input with offset)', (_id, _local, withOffset, notifyBy, strictNotifyBy) => {
    const clock = breachClock({ aware: withOffset, tz: 'Europe/Paris', hours: 72 });
    expect(clock.notifyBy).toBe(notifyBy);
    expect(clock.strictNotifyBy).toBe(strictNotifyBy);
  });
});

describe('breachClock — other cases', () => {
  it.each([
    // [label, aware, tz, hours, aware (formatted), notifyBy, strictNotifyBy]
    ['CLI example', '2026-06-10T14:15', 'Europe/Paris', undefined, '2026-06-10T14:15:00+02:00', '2026-06-13T14:15:00+02:00', '2026-06-13T15:00:00+02:00'],
    ['instant with Z', '2026-06-10T12:15Z', 'Europe/Paris', undefined, '2026-06-10T14:15:00+02:00', '2026-06-13T14:15:00+02:00', '2026-06-13T15:00:00+02:00'],
    ['instant with foreign offset', '2026-06-10T08:15-04:00', 'Europe/Paris', undefined, '2026-06-10T14:15:00+02:00', '2026-06-13T14:15:00+02:00', '2026-06-13T15:00:00+02:00'],
    ['exactly on the hour: that hour is not counted', '2026-06-10T14:00', 'Europe/Paris', undefined, '2026-06-10T14:00:00+02:00', '2026-06-13T14:00:00+02:00', '2026-06-13T15:00:00+02:00'],
    ['last second of an hour', '2026-06-10T14:59:59', 'Europe/Paris', undefined, '2026-06-10T14:59:59+02:00', '2026-06-13T14:59:59+02:00', '2026-06-13T15:00:00+02:00'],
    ['awareness just after the spring-forward gap', '2026-03-29T03:00', 'Europe/Paris', undefined, '2026-03-29T03:00:00+02:00', '2026-04-01T03:00:00+02:00', '2026-04-01T04:00:00+02:00'],
    ['a gap time given with its offset is accepted', '2026-03-29T02:30+01:00', 'Europe/Paris', undefined, '2026-03-29T03:30:00+02:00', '2026-04-01T03:30:00+02:00', '2026-04-01T04:00:00+02:00'],
    ['awareness in the fall-back overlap (earlier)', '2026-10-25T02:30', 'Europe/Paris', undefined, '2026-10-25T02:30:00+02:00', '2026-10-28T01:30:00+01:00', '2026-10-28T02:00:00+01:00'],
    ['New York, DST starts Sun 8 Mar', '2026-03-06T09:00', 'America/New_York', undefined, '2026-03-06T09:00:00-05:00', '2026-03-09T10:00:00-04:00', '2026-03-09T11:00:00-04:00'],
    ['New York, DST ends Sun 1 Nov', '2026-10-30T09:00', 'America/New_York', undefined, '2026-10-30T09:00:00-04:00', '2026-11-02T08:00:00-05:00', '2026-11-02T09:00:00-05:00'],
    ['Tokyo, no DST', '2026-03-27T10:00', 'Asia/Tokyo', undefined, '2026-03-27T10:00:00+09:00', '2026-03-30T10:00:00+09:00', '2026-03-30T11:00:00+09:00'],
    ['Kolkata, half-hour offset: local clock hour', '2026-06-10T14:15', 'Asia/Kolkata', undefined, '2026-06-10T14:15:00+05:30', '2026-06-13T14:15:00+05:30', '2026-06-13T15:00:00+05:30'],
    ['UTC', '2026-06-10T14:15', 'UTC', undefined, '2026-06-10T14:15:00+00:00', '2026-06-13T14:15:00+00:00', '2026-06-13T15:00:00+00:00'],
    ['96 h setting (Digital Omnibus)', '2026-06-10T14:15', 'Europe/Paris', 96, '2026-06-10T14:15:00+02:00', '2026-06-14T14:15:00+02:00', '2026-06-14T15:00:00+02:00'],
    ['96 h across DST (B01 awareness)', '2026-03-27T10:00', 'Europe/Paris', 96, '2026-03-27T10:00:00+01:00', '2026-03-31T11:00:00+02:00', '2026-03-31T12:00:00+02:00'],
    ['1 h minimum', '2026-06-10T14:15', 'Europe/Paris', 1, '2026-06-10T14:15:00+02:00', '2026-06-10T15:15:00+02:00', '2026-06-10T16:00:00+02:00'],
    ['240 h maximum', '2026-06-10T14:15', 'Europe/Paris', 240, '2026-06-10T14:15:00+02:00', '2026-06-20T14:15:00+02:00', '2026-06-20T15:00:00+02:00'],
  ] as const)('%s', (_label, aware, tz, hours, expectedAware, notifyBy, strictNotifyBy) => {
    const clock = breachClock({ aware, tz, ...(hours === undefined ? {} : { hours }) });
    expect(clock.aware).toBe(expectedAware);
    expect(clock.notifyBy).toBe(notifyBy);
    expect(clock.strictNotifyBy).toBe(strictNotifyBy);
    expect(clock.hours).toBe(hours ?? 72);
    expect(clock.remainingMs).toBeUndefined();
    expect(clock.late).toBeUndefined();
  });

  it('accepts a Date for aware', () => {
    expect(breachClock({ aware: new Date('2026-06-10T12:15:00Z'), tz: 'Europe/Paris' }).notifyBy).toBe(
      '2026-06-13T14:15:00+02:00',
    );
  });

  it.each([
    // [now, remainingMs, late]
    ['2026-06-10T12:15:00Z', 72 * H, false],
    ['2026-06-13T10:15:00Z', 2 * H, false],
    ['2026-06-13T12:15:00Z', 0, false],
    ['2026-06-13T12:15:00.001Z', -1, true],
    ['2026-06-13T17:17:00Z', -(5 * H + 2 * MIN), true],
  ] as const)('countdown with now = %s', (now, remainingMs, late) => {
    const clock = breachClock({ aware: '2026-06-10T14:15', tz: 'Europe/Paris', now: new Date(now) });
    expect(clock.remainingMs).toBe(remainingMs);
    expect(clock.late).toBe(late);
  });

  it.each([0, -1, 72.5, 241, Number.NaN, Number.POSITIVE_INFINITY])('rejects hours = %s', (hours) => {
    expectDomainError(() => breachClock({ aware: '2026-06-10T14:15', tz: 'Europe/Paris', hours }), 'between 1 and 240');
  });

  it('rejects an unknown zone, naming it', () => {
    expectDomainError(() => breachClock({ aware: '2026-06-10T14:15', tz: 'Europe/Lutece' }), '"Europe/Lutece"');
  });

  it.each(['2026-02-30T10:00', 'last Tuesday', '2026-06-10'])('rejects aware = %j, naming it', (aware) => {
    expectDomainError(() => breachClock({ aware, tz: 'Europe/Paris' }), JSON.stringify(aware));
  });

  it('rejects an invalid now', () => {
    expectDomainError(() => breachClock({ aware: '2026-06-10T14:15', tz: 'Europe/Paris', now: new Date('x') }), 'now');
  });

  it('property: notifyBy − aware is exactly hours × 1 h; strict bound lies within the following hour', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2050, 0, 1) }).map((ms) => Math.floor(ms / 1000) * 1000),
        fc.constantFrom('Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Lord_Howe'),
        fc.integer({ min: 1, max: 240 }),
        (ms, tz, hours) => {
          const clock = breachClock({ aware: new Date(ms), tz, hours });
          const aware = parseInstant(clock.aware, tz).getTime();
          const notifyBy = parseInstant(clock.notifyBy, tz).getTime();
          const strict = parseInstant(clock.strictNotifyBy, tz).getTime();
          expect(aware).toBe(ms);
          expect(notifyBy - aware).toBe(hours * H);
          expect(strict - notifyBy).toBeGreaterThan(0);
          expect(strict - notifyBy).toBeLessThanOrEqual(H);
        },
      ),
    );
  });
});

describe('lateNotification', () => {
  it.each([
    // [label, aware, notifiedAt, hours, tz, late, hoursAfterAwareness]
    ['same day', '2026-06-10T14:15+02:00', '2026-06-11T08:15+02:00', undefined, undefined, false, 18],
    ['exactly 72 h is on time', '2026-06-10T14:15+02:00', '2026-06-13T14:15+02:00', undefined, undefined, false, 72],
    ['one minute late', '2026-06-10T14:15+02:00', '2026-06-13T14:16+02:00', undefined, undefined, true, 72.02],
    ['Z and offset mixed', '2026-06-10T12:15Z', '2026-06-14T14:15+02:00', undefined, undefined, true, 96],
    ['96 h setting, notified at 80 h', '2026-06-10T14:15+02:00', '2026-06-13T22:15+02:00', 96, undefined, false, 80],
    ['96 h setting, notified at 97 h', '2026-06-10T14:15+02:00', '2026-06-14T15:15+02:00', 96, undefined, true, 97],
    ['local times across DST (B01): 72 h elapsed', '2026-03-27T10:00', '2026-03-30T11:00', undefined, 'Europe/Paris', false, 72],
    ['local times across DST: wall clock 72 h 30 is 71 h 30 elapsed', '2026-03-27T10:00', '2026-03-30T10:30', undefined, 'Europe/Paris', false, 71.5],
    ['local times across DST end (B02): 72 h 30 elapsed', '2026-10-23T10:00', '2026-10-26T09:30', undefined, 'Europe/Paris', true, 72.5],
  ] as const)('%s', (_label, aware, notifiedAt, hours, tz, late, hoursAfterAwareness) => {
    const result = lateNotification({
      aware,
      notifiedAt,
      ...(hours === undefined ? {} : { hours }),
      ...(tz === undefined ? {} : { tz }),
    });
    expect(result).toEqual({ late, hoursAfterAwareness });
  });

  it('requires a zone for local wall times', () => {
    expectDomainError(() => lateNotification({ aware: '2026-06-10T14:15', notifiedAt: '2026-06-13T14:15+02:00' }), 'time zone');
  });

  it('rejects a notification earlier than awareness', () => {
    expectDomainError(
      () => lateNotification({ aware: '2026-06-10T14:15+02:00', notifiedAt: '2026-06-09T14:15+02:00' }),
      'earlier than the awareness',
    );
  });

  it('rejects an invalid hours setting', () => {
    expectDomainError(
      () => lateNotification({ aware: '2026-06-10T14:15Z', notifiedAt: '2026-06-12T14:15Z', hours: 0 }),
      'between 1 and 240',
    );
  });
});

describe('formatRemaining', () => {
  it.each([
    // [ms, en, fr]
    [(2 * 24 + 3) * H + 15 * MIN, '2 d 03 h 15 min', '2 j 03 h 15 min'],
    [72 * H, '3 d 00 h 00 min', '3 j 00 h 00 min'],
    [24 * H, '1 d 00 h 00 min', '1 j 00 h 00 min'],
    [23 * H + 59 * MIN, '23 h 59 min', '23 h 59 min'],
    [5 * H + 2 * MIN, '5 h 02 min', '5 h 02 min'],
    [5 * H + 2 * MIN + 59_999, '5 h 02 min', '5 h 02 min'],
    [59_999, '0 h 00 min', '0 h 00 min'],
    [0, '0 h 00 min', '0 h 00 min'],
    [-(5 * H + 2 * MIN), 'overdue by 5 h 02 min', 'en retard de 5 h 02 min'],
    [-(5 * H + MIN + 1), 'overdue by 5 h 02 min', 'en retard de 5 h 02 min'],
    [-1, 'overdue by 0 h 01 min', 'en retard de 0 h 01 min'],
    [-((24 + 2) * H + 3 * MIN), 'overdue by 1 d 02 h 03 min', 'en retard de 1 j 02 h 03 min'],
    [(10 * 24 + 11) * H, '10 d 11 h 00 min', '10 j 11 h 00 min'],
  ])('%d ms → %j / %j', (ms, en, fr) => {
    expect(formatRemaining(ms, 'en')).toBe(en);
    expect(formatRemaining(ms, 'fr')).toBe(fr);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects %s', (ms) => {
    expectDomainError(() => formatRemaining(ms, 'en'), 'Invalid duration');
  });

  it('rejects an unsupported language', () => {
    expectDomainError(() => formatRemaining(0, 'de' as 'en'), '"de"');
  });
});

describe('breachClock — a time inside a DST jump is refused, not moved', () => {
  it.each([
    ['2026-03-29T02:30', 'Europe/Paris', '2026-03-29', '02:00', '03:00', '2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00'],
    ['2026-03-29T02:00', 'Europe/Paris', '2026-03-29', '02:00', '03:00', '2026-03-29T01:00:00+01:00', '2026-03-29T03:00:00+02:00'],
    ['2026-03-08T02:15', 'America/New_York', '2026-03-08', '02:00', '03:00', '2026-03-08T01:15:00-05:00', '2026-03-08T03:15:00-04:00'],
    ['2026-10-04T02:10', 'Australia/Lord_Howe', '2026-10-04', '02:00', '02:30', '2026-10-04T01:40:00+10:30', '2026-10-04T02:40:00+11:00'],
  ])('%s in %s', (aware, tz, date, from, to, readAsAfter, readAsBefore) => {
    let error: unknown;
    try {
      breachClock({ aware, tz });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.code).toBe('nonexistent_local_time');
    expect(e.message).toContain(`on ${date} the clocks jump from ${from} to ${to}`);
    expect(e.message).toContain('Choose the time you mean');
    expect(e.details).toMatchObject({ field: 'aware', date, from, to, readAsAfter, readAsBefore });
  });

  it.each([
    ['2026-03-29T01:59', 'Europe/Paris'],
    ['2026-03-29T03:00', 'Europe/Paris'],
    ['2026-10-25T02:30', 'Europe/Paris'], // overlap: exists (twice); the earlier reading is kept
    ['2026-03-29T02:30', 'Asia/Tokyo'],
  ])('%s in %s exists and is accepted', (aware, tz) => {
    expect(() => breachClock({ aware, tz })).not.toThrow();
  });
});
