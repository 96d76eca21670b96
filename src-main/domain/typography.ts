/**
 * French and English typography for everything Vigie hands to a person (DOCX letters, reports, drafts).
 * Pure TypeScript (Intl only): dates « 1er décembre 2026 », times « 16 h 20 », numbers « 12 000 » with a
 * narrow no-break space, country names instead of ISO codes, and `typo()` for apostrophes, no-break spaces
 * before ; : ! ? and inside « », unsplittable references (DSAR-2026-0015) and « n° 9 ».
 * Rules: Lexique des règles typographiques en usage à l’Imprimerie nationale (espaces fines before ; ! ?,
 * espace insécable before : and inside guillemets); the English side follows GOV.UK / Oxford style.
 */
import { dateTimeFormat, numberFormat } from './intl-cache';

export type Lang = 'fr' | 'en';

/** No-break space (before « : », inside « », between a number and its unit). */
export const NBSP = '\u00A0';
/** Narrow no-break space (before ; ! ?, thousands separator in French). */
export const NNBSP = '\u202F';
/** Non-breaking hyphen: Word and LibreOffice never break a line there. */
export const NB_HYPHEN = '\u2011';

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
/** The language tag a DOCX declares (spell-checker, hyphenation, screen readers). */
export const DOC_LANGUAGE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day of an ISO date (`YYYY-MM-DD`) or of an instant read in `timeZone` (default UTC). */
/** Month names, computed once per language (a formatter per call cost seconds over thousands of dates). */
const MONTHS: Partial<Record<Lang, string[]>> = {};
function monthName(m: number, lang: Lang): string {
  const names = (MONTHS[lang] ??= Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2000, i, 15)).toLocaleDateString(LOCALE[lang], { month: 'long', timeZone: 'UTC' })));
  return names[m - 1]!;
}

function dayParts(value: string, timeZone?: string): { y: number; m: number; d: number } {
  const plain = ISO_DATE.exec(value);
  if (plain) return { y: Number(plain[1]), m: Number(plain[2]), d: Number(plain[3]) };
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${JSON.stringify(value)}`);
  const parts = dateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

/**
 * « 1er décembre 2026 » / « 1 December 2026 ». Takes a calendar date `YYYY-MM-DD` (read as is, never shifted)
 * or an instant, read in `timeZone` (the workspace's zone) so a letter is dated the local day.
 */
export function formatDateLong(value: string, lang: Lang, timeZone?: string): string {
  const { y, m, d } = dayParts(value, timeZone);
  const month = monthName(m, lang);
  if (lang === 'fr') return `${d === 1 ? '1er' : d}${NBSP}${month}${NBSP}${y}`;
  return `${d}${NBSP}${month} ${y}`;
}

/** « 16 h 20 » (French usage, h between no-break spaces) / « 16:20 », in `timeZone`. */
export function formatTime(instant: string, lang: Lang, timeZone: string): string {
  const parts = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant));
  const hh = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const mm = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return lang === 'fr' ? `${Number(hh)}${NBSP}h${NBSP}${mm}` : `${hh}:${mm}`;
}

/** The UTC offset of `instant` in `timeZone`, e.g. « UTC+1 », « UTC+5:30 ». */
export function utcOffset(instant: string, timeZone: string): string {
  const name = dateTimeFormat('en-GB', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? 'UTC' : name.replace('GMT', 'UTC');
}

/** « 1er décembre 2026 à 16 h 20 » / « 1 December 2026 at 16:20 », optionally with « (UTC+1) ». */
export function formatInstant(instant: string, lang: Lang, timeZone: string, opts: { offset?: boolean } = {}): string {
  const s = `${formatDateLong(instant, lang, timeZone)} ${lang === 'fr' ? 'à' : 'at'} ${formatTime(instant, lang, timeZone)}`;
  return opts.offset ? `${s} (${utcOffset(instant, timeZone)})` : s;
}

/** « 12 000 » (narrow no-break space) and « 3,5 » in French; « 12,000 » and « 3.5 » in English. */
export function formatNumber(n: number, lang: Lang, opts: { maxDecimals?: number } = {}): string {
  const s = numberFormat(LOCALE[lang], { maximumFractionDigits: opts.maxDecimals ?? 2 }).format(n);
  // ICU already uses U+202F in fr-FR; older data used U+00A0: one separator everywhere.
  return lang === 'fr' ? s.replace(/[\u00A0 ]/g, NNBSP) : s;
}

const displayNames = new Map<Lang, Intl.DisplayNames>();
/** « États-Unis » for US, « United States » in English; an unknown code is returned as given. */
export function countryName(code: string, lang: Lang): string {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(c)) return code;
  let dn = displayNames.get(lang);
  if (!dn) displayNames.set(lang, (dn = new Intl.DisplayNames([LOCALE[lang]], { type: 'region', fallback: 'code' })));
  try {
    return dn.of(c) ?? code;
  } catch {
    return code;
  }
}

/** References Vigie writes (DSAR-2026-0015, BR-2026-002, ST-T01, TIA-…): never broken at their hyphens. */
const REFERENCE = /\b[A-Z]{2,}(?:-[A-Z0-9]+)+\b/g;

/**
 * Typography of one piece of text: typographic apostrophe; in French, no-break spaces before ; : ! ? (narrow
 * before ; ! ?) and inside « », « n° 9 » and « 72 h » unsplittable. With `docx`, references such as
 * BR-2026-002 get non-breaking hyphens (U+2011). Idempotent; URLs, times (10:30) and e-mail addresses
 * are left alone (a colon is treated only when a space or the end of the text follows it).
 */
export function typo(input: string, lang: Lang, opts: { docx?: boolean } = {}): string {
  let s = input;
  // Apostrophe: between letters in both languages (l'accès, don't); in French also after an elided letter.
  s = s.replace(/(\p{L})'(?=\p{L})/gu, '$1’');
  if (lang === 'fr') {
    s = s.replace(/\b([cdjlmnstCDJLMNST]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)'/g, '$1’');
    // Guillemets: « text » with no-break spaces inside.
    s = s.replace(/«[ \u00A0\u202F]*/g, `«${NBSP}`).replace(/[ \u00A0\u202F]*»/g, `${NBSP}»`);
    // Colon: only as punctuation (followed by a space, a line break or the end), not 10:30 or https://.
    s = s.replace(/(\S)[ \u00A0\u202F]?:(?=[\s\u00A0»)]|$)/gu, (m, prev: string) => (prev === ':' ? m : `${prev}${NBSP}:`));
    // ; ! ? take a narrow no-break space; same guard (URLs' ?query, « !important »).
    s = s.replace(/(\S)[ \u00A0\u202F]?([;!?])(?=[\s\u00A0»)]|$)/gu, (m, prev: string, mark: string) => (/[;!?]/.test(prev) ? m : `${prev}${NNBSP}${mark}`));
    s = s.replace(/\bn°[ \u00A0]*(?=[\dA-Z])/g, `n°${NBSP}`);
    s = s.replace(/\bart\.[ ](?=\d)/g, `art.${NBSP}`);
    s = s.replace(/(\d)[ ](h|%|€|Mo|Go|jours?|mois|ans?)\b/g, `$1${NBSP}$2`);
    s = s.replace(/(\d) (?=€|%)/g, `$1${NBSP}`);
  } else {
    s = s.replace(/(s)'(?=\s)/g, '$1’');
    s = s.replace(/\bNo\.[ ](?=\d)/g, `No.${NBSP}`);
    s = s.replace(/\bArticle[ ](?=\d)/g, `Article${NBSP}`);
  }
  if (opts.docx) s = s.replace(REFERENCE, (ref) => ref.replace(/-/g, NB_HYPHEN));
  return s;
}
