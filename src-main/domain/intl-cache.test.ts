import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from './intl-cache';

describe('Intl formatter cache', () => {
  it('returns the same formatter for the same locale and options, another for other ones', () => {
    const a = dateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long' });
    expect(dateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long' })).toBe(a);
    expect(dateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'long' })).not.toBe(a);
    expect(dateTimeFormat('fr-FR', { timeZone: 'Indian/Reunion', weekday: 'long' })).not.toBe(a);
    expect(numberFormat('fr-FR')).toBe(numberFormat('fr-FR'));
  });

  it.each([
    ['fr-FR', { timeZone: 'Europe/Paris', weekday: 'long' }, '2026-12-01T10:00:00Z'],
    ['en-GB', { timeZone: 'Pacific/Noumea', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, '2026-03-29T00:30:00Z'],
    ['en-CA', { timeZone: 'America/Martinique', year: 'numeric', month: '2-digit', day: '2-digit' }, '2026-01-01T02:00:00Z'],
    ['en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' }, '2026-10-25T01:30:00Z'],
  ] as const)('formats exactly like a new formatter (%s %j)', (locale, options, instant) => {
    const d = new Date(instant);
    expect(dateTimeFormat(locale, options).format(d)).toBe(new Intl.DateTimeFormat(locale, options).format(d));
    expect(dateTimeFormat(locale, options).formatToParts(d)).toEqual(new Intl.DateTimeFormat(locale, options).formatToParts(d));
  });

  it('numbers as toLocaleString does', () => {
    for (const n of [0, 3.5, 12000, 1234567.891]) {
      expect(numberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n)).toBe(n.toLocaleString('fr-FR', { maximumFractionDigits: 2 }));
      expect(numberFormat('en-GB').format(n)).toBe(n.toLocaleString('en-GB'));
    }
  });

  it('an unknown time zone still throws, and is not cached', () => {
    expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
