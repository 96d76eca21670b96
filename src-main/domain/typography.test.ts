import { describe, expect, it } from 'vitest';
import { countryName, formatDateLong, formatInstant, formatNumber, formatTime, NB_HYPHEN, NBSP, NNBSP, typo } from './typography';

const plain = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-');

describe('formatDateLong', () => {
  it.each([
    ['2026-12-01', 'fr', '1er décembre 2026'],
    ['2026-12-02', 'fr', '2 décembre 2026'],
    ['2027-01-01', 'fr', '1er janvier 2027'],
    ['2026-03-31', 'fr', '31 mars 2026'],
    ['2026-12-01', 'en', '1 December 2026'],
    ['2026-02-28', 'en', '28 February 2026'],
  ] as const)('%s (%s) → %s', (iso, lang, expected) => {
    expect(plain(formatDateLong(iso, lang))).toBe(expected);
  });
  it('never writes « 1 décembre »', () => {
    for (let m = 1; m <= 12; m++) expect(formatDateLong(`2026-${String(m).padStart(2, '0')}-01`, 'fr')).toMatch(/^1er\u00A0/);
  });
  it('reads an instant in the workspace time zone (23:30 UTC on 30 November is 1 December in Paris)', () => {
    expect(plain(formatDateLong('2026-11-30T23:30:00Z', 'fr', 'Europe/Paris'))).toBe('1er décembre 2026');
    expect(plain(formatDateLong('2026-11-30T23:30:00Z', 'fr', 'UTC'))).toBe('30 novembre 2026');
  });
  it('keeps day, month and year together', () => {
    expect(formatDateLong('2026-12-01', 'fr')).toBe(`1er${NBSP}décembre${NBSP}2026`);
  });
});

describe('times and instants', () => {
  it.each([
    ['2026-12-01T15:20:00Z', 'fr', 'Europe/Paris', '16 h 20'],
    ['2026-07-01T15:20:00Z', 'fr', 'Europe/Paris', '17 h 20'],
    ['2026-12-01T08:05:00Z', 'fr', 'Europe/Paris', '9 h 05'],
    ['2026-12-01T15:20:00Z', 'en', 'Europe/Paris', '16:20'],
    ['2026-12-01T15:20:00Z', 'en', 'Europe/London', '15:20'],
  ] as const)('%s %s %s → %s', (iso, lang, tz, expected) => {
    expect(plain(formatTime(iso, lang, tz))).toBe(expected);
  });
  it('formats an instant with its local day and time', () => {
    expect(plain(formatInstant('2026-11-30T23:30:00Z', 'fr', 'Europe/Paris', { offset: true }))).toBe('1er décembre 2026 à 0 h 30 (UTC+1)');
    expect(plain(formatInstant('2026-06-01T12:00:00Z', 'en', 'Europe/Paris'))).toBe('1 June 2026 at 14:00');
  });
});

describe('formatNumber', () => {
  it.each([
    [12000, 'fr', `12${NNBSP}000`],
    [1234567.5, 'fr', `1${NNBSP}234${NNBSP}567,5`],
    [3.5, 'fr', '3,5'],
    [12000, 'en', '12,000'],
    [3.5, 'en', '3.5'],
    [42, 'fr', '42'],
  ] as const)('%d (%s) → %s', (n, lang, expected) => {
    expect(formatNumber(n, lang)).toBe(expected);
  });
});

describe('countryName', () => {
  it.each([
    ['US', 'fr', 'États-Unis'],
    ['FR', 'fr', 'France'],
    ['DE', 'en', 'Germany'],
    ['gb', 'en', 'United Kingdom'],
    ['XX-1', 'fr', 'XX-1'],
  ] as const)('%s (%s) → %s', (code, lang, expected) => {
    expect(countryName(code, lang)).toBe(expected);
  });
});

describe('typo', () => {
  it.each([
    ["l'accès et aujourd'hui", 'fr', 'l’accès et aujourd’hui'],
    ['Objet : demande', 'fr', `Objet${NBSP}: demande`],
    ['Objet: demande', 'fr', `Objet${NBSP}: demande`],
    ['Pourquoi ? Parce que ; enfin !', 'fr', `Pourquoi${NNBSP}? Parce que${NNBSP}; enfin${NNBSP}!`],
    ['« texte »', 'fr', `«${NBSP}texte${NBSP}»`],
    ['«texte»', 'fr', `«${NBSP}texte${NBSP}»`],
    ['le n° 9 et le n°12', 'fr', `le n°${NBSP}9 et le n°${NBSP}12`],
    ['voir https://www.cnil.fr/x?y=1 à 10:30', 'fr', 'voir https://www.cnil.fr/x?y=1 à 10:30'],
    ['dans les 72 h', 'fr', `dans les 72${NBSP}h`],
    ["don't worry, the clients' data", 'en', 'don’t worry, the clients’ data'],
    ['Subject: request', 'en', 'Subject: request'],
  ] as const)('%s (%s)', (input, lang, expected) => {
    expect(typo(input, lang)).toBe(expected);
  });
  it('is idempotent', () => {
    const once = typo("Objet : l'accès « n° 9 » ? DSAR-2026-0015", 'fr', { docx: true });
    expect(typo(once, 'fr', { docx: true })).toBe(once);
  });
  it('keeps references whole in a DOCX only', () => {
    expect(typo('Référence : DSAR-2026-0015 et BR-2026-002', 'fr', { docx: true })).toBe(`Référence${NBSP}: DSAR${NB_HYPHEN}2026${NB_HYPHEN}0015 et BR${NB_HYPHEN}2026${NB_HYPHEN}002`);
    expect(typo('DSAR-2026-0015', 'fr')).toBe('DSAR-2026-0015');
    expect(typo('Reference DSAR-2026-0015', 'en', { docx: true })).toBe(`Reference DSAR${NB_HYPHEN}2026${NB_HYPHEN}0015`);
  });
  it('leaves e-mail addresses and lower-case compounds alone', () => {
    expect(typo('dpo@smart-tribune.com, peut-être', 'fr', { docx: true })).toBe('dpo@smart-tribune.com, peut-être');
  });
});
