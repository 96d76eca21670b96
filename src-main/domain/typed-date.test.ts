import { describe, expect, it } from 'vitest';
import { parseTypedDate } from './typed-date';

describe('parseTypedDate', () => {
  it.each<[string, boolean, string | null]>([
    ['2026-03-05', false, '2026-03-05'],
    ['05/03/2026', false, '2026-03-05'],
    ['5/3/2026', false, '2026-03-05'],
    ['05.03.2026', false, '2026-03-05'],
    ['29/02/2028', false, '2028-02-29'],
    ['29/02/2026', false, null], // not a leap year
    ['31/04/2026', false, null],
    ['05/03/20266', false, null], // five-digit year
    ['2026-13-01', false, null],
    ['05/03/2026 10:00', false, null], // a time where none is expected
    ['hier', false, null],
    ['2026-03-27T10:00', true, '2026-03-27 10:00:00'],
    ['27/03/2026 14:30', true, '2026-03-27 14:30:00'],
    ['27/03/2026 14h30', true, '2026-03-27 14:30:00'],
    ['27/03/2026', true, null], // the hour is needed
    ['27/03/2026 24:00', true, null],
  ])('%s (time: %s) → %s', (text, withTime, expected) => expect(parseTypedDate(text, withTime)).toBe(expected));
});
