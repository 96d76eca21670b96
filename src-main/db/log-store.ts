/**
 * How the change log is stored (migration 0014, issue 11: the workspace file at 100,000 cases).
 *
 * The log's rows live in `change_log_store`; `change_log` is a view that shows every entry exactly
 * as it was written (the same columns, the same texts), so every reader, the hash chain, `audit
 * verify` and sync bundles see what they saw before. Only the stored form is smaller:
 * - `fields` is coded when that is shorter: the frozen phrases of db/log-phrases.ts (the standard
 *   task words, the keys of cases and events…) replaced by two-character tokens (TEXT starting with
 *   U+001F: a case's insert entry shrinks from ~850 to ~200 characters, and reads back in a few
 *   microseconds), or, for a value still longer than 2 KiB, its text deflated with the frozen
 *   dictionary of db/log-dictionary.ts (BLOB, codec byte 1). The chain hashes the canonical text,
 *   never the stored form: decoding gives back that text byte for byte (checked when it is
 *   written), and a stored form that was altered either does not decode (read as unreadable field
 *   data) or gives another text, whose digest no longer matches (`audit verify`: hash mismatch).
 * - `hash`, `prev_hash` (64 hex digits) and `salt` (32 hex digits) are stored as their bytes (BLOB)
 *   when they are lowercase hex of that length, as TEXT otherwise (old or foreign entries keep
 *   whatever they held): the view gives back `lower(hex(…))`, the very text.
 * The view decodes with `vigie_log_fields`, a function every keyed connection registers
 * (db/cipher.ts applyKey). A connection without it fails loudly ("no such function"), never
 * silently. Writes to the view (tests that tamper with the log, the purge's scrub) go through
 * INSTEAD OF triggers that store the same forms; the write path inserts into the store directly.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { LOG_DICTIONARY_V1 } from './log-dictionary';
import { LOG_PHRASES_V1 } from './log-phrases';

export const LOG_STORE_TABLE = 'change_log_store';
/** SQL name of the decoding function the `change_log` view calls for compressed values. */
export const FIELDS_FUNCTION = 'vigie_log_fields';
/** SQL name of the function that gives a `fields` text its stored form (packFields). */
export const PACK_FUNCTION = 'vigie_log_pack';

/** First character of a value stored with the token codec (LOG_PHRASES_V1). */
export const TOKEN_MARK = '\u001f';
/** Values shorter than this are stored as they are (a token saves little on them). */
export const TOKEN_MIN_CHARS = 64;
/** Values whose tokenised form still has at least this many UTF-8 bytes are deflated instead (long free text). */
export const DEFLATE_MIN_BYTES = 2048;
/** First byte of a BLOB value: its UTF-8 text as is (a text a reader could mistake for a coded one). */
export const CODEC_RAW = 0;
/** First byte of a BLOB value: raw deflate of its UTF-8 text with LOG_DICTIONARY_V1. */
export const CODEC_DEFLATE_V1 = 1;

const DICTIONARY_V1 = Buffer.from(LOG_DICTIONARY_V1, 'utf8');

/** What a coded value reads as when it cannot be decoded: not JSON, so every reader reports unreadable field data. */
export const UNREADABLE_FIELDS = '\u0000unreadable compressed field data';

const token = (i: number) => String.fromCharCode(1 + Math.floor(i / 95), 32 + (i % 95));
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;

/**
 * Every phrase, longest first, as one alternation: a regular expression finds the leftmost
 * position where a phrase starts and, trying the alternatives in order, the longest phrase there
 * (two phrases of one length cannot both match at one position: the list has no duplicates) — the
 * tokens of the scan "at each position, left to right, the longest phrase that starts there", in
 * V8's compiled matcher (twice as fast as that scan written out, 2.9 instead of 6.4 µs for an
 * activity's insert entry; a test compares the two on
 * random texts).
 */
const PHRASES_RE = new RegExp(
  LOG_PHRASES_V1.map((p, i) => [p, i] as const)
    .sort((x, y) => y[0].length - x[0].length || x[1] - y[1])
    .map(([p]) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
  'g',
);
const TOKEN_OF = new Map<string, string>(LOG_PHRASES_V1.map((p, i) => [p, token(i)]));
for (const p of LOG_PHRASES_V1) if (p.length < 3) throw new Error('log-phrases: a phrase must have three or more characters');
// What makes the token codec lossless by construction (packFields no longer decodes each value to
// check it): a text with no control character is tokenised, so every control character of the coded
// text starts a token; each token is two characters that detokenise maps back to its own phrase
// (first 1-29, second printable: at most 29 × 95 phrases); and no phrase holds a control character
// (a phrase put back never reads as a token). The tests decode random texts and phrase soups.
if (LOG_PHRASES_V1.length > 29 * 95) throw new Error('log-phrases: more phrases than two-character tokens');
for (const p of LOG_PHRASES_V1) if (CONTROL.test(p)) throw new Error('log-phrases: a phrase holds a control character');

/** The text with each phrase found, left to right, replaced by its token (the longest phrase at each position). */
function tokenise(text: string): string {
  let out = '';
  let from = 0;
  PHRASES_RE.lastIndex = 0;
  for (let m = PHRASES_RE.exec(text); m !== null; m = PHRASES_RE.exec(text)) {
    out += text.slice(from, m.index) + TOKEN_OF.get(m[0])!;
    from = PHRASES_RE.lastIndex;
  }
  return out + text.slice(from);
}

function detokenise(coded: string): string {
  // The parts joined once: a flat string (a chain of `+=` leaves a rope, which every reader of the
  // text — hashing, audit verify's scans — pays for again).
  const parts: string[] = [];
  let from = 1;
  for (let i = 1; i < coded.length; i++) {
    const c = coded.charCodeAt(i);
    if (c >= 32) continue;
    const d = coded.charCodeAt(i + 1);
    const phrase = c >= 1 && c <= 29 && d >= 32 && d <= 126 ? LOG_PHRASES_V1[(c - 1) * 95 + d - 32] : undefined;
    parts.push(coded.slice(from, i), phrase ?? UNREADABLE_FIELDS);
    i++;
    from = i + 1;
  }
  parts.push(coded.slice(from));
  return parts.join('');
}

function blob(codec: number, bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(bytes.length + 1);
  out[0] = codec;
  out.set(bytes, 1);
  return out;
}

/**
 * A `fields` text as stored: the text itself; or, when shorter, its phrases replaced by tokens
 * (TEXT starting with TOKEN_MARK); or, for a long value, its deflated bytes (BLOB, codec 1).
 * Always lossless: tokens by construction (the phrase list's checks at load), a deflated value
 * only if it reads back as the very text.
 */
export function packFields(text: string): string | Buffer {
  if (CONTROL.test(text)) return text.length && text.charCodeAt(0) < 32 ? blob(CODEC_RAW, Buffer.from(text, 'utf8')) : text;
  if (text.length < TOKEN_MIN_CHARS) return text;
  const tokens = tokenise(text);
  let best: string | Buffer = text;
  // (Lossless without decoding it again: see the checks of LOG_PHRASES_V1 above.)
  if (tokens.length < text.length) best = TOKEN_MARK + tokens;
  if (best.length * 3 >= DEFLATE_MIN_BYTES && Buffer.byteLength(best) >= DEFLATE_MIN_BYTES) {
    const bytes = Buffer.from(text, 'utf8');
    const z = blob(CODEC_DEFLATE_V1, deflateRawSync(bytes, { dictionary: DICTIONARY_V1 }));
    if (z.length < Buffer.byteLength(best) && unpackFields(z) === text) best = z;
  }
  return best;
}

/** The `fields` text of a stored value (plain TEXT as is; a coded TEXT or BLOB decoded). */
export function unpackFields(stored: string | Uint8Array): string {
  if (typeof stored === 'string') return stored.charCodeAt(0) === 31 ? detokenise(stored) : stored;
  if (stored.length < 1) return UNREADABLE_FIELDS;
  if (stored[0] === CODEC_RAW) return Buffer.from(stored.buffer, stored.byteOffset + 1, stored.byteLength - 1).toString('utf8');
  if (stored[0] !== CODEC_DEFLATE_V1) return UNREADABLE_FIELDS;
  try {
    return inflateRawSync(stored.subarray(1), { dictionary: DICTIONARY_V1 }).toString('utf8');
  } catch {
    return UNREADABLE_FIELDS;
  }
}

/** Whether every character is a lowercase hex digit (a loop: cheaper than a regular expression on the write path). */
function lowerHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** A hex digest or salt as stored: its bytes when it is lowercase hex of `chars` digits, the text otherwise (null stays null). */
export function packHex<T extends string | null>(text: T, chars: number): T | Buffer {
  if (typeof text !== 'string' || text.length !== chars || !lowerHex(text)) return text;
  return Buffer.from(text, 'hex');
}

/** The text of a stored hex value (BLOB → lowercase hex; TEXT as is). */
export function unpackHex<T extends string | null>(stored: T | Uint8Array): T | string {
  if (stored instanceof Uint8Array) return Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('hex');
  return stored;
}

/** Milliseconds of a 13-digit stamp start: the instant strftime('%Y-%m-%dT%H:%M:%fZ', ms / 1000.0, 'unixepoch') names. */
export const STAMP_MS = /^\d{13}/;
// eslint-disable-next-line no-control-regex
export const ASCII = /^[\x00-\x7f]*$/;

/** The view's `coalesce(device_id, substr(hlc, 15 + instr(substr(hlc, 15), '-')))` for an ASCII stamp. */
export function deviceOfStamp(hlc: string): string {
  const rest = hlc.slice(14);
  return hlc.slice(14 + rest.indexOf('-') + 1);
}

/** The view's `strftime('%Y-%m-%dT%H:%M:%fZ', CAST(substr(hlc, 1, 13) AS INTEGER) / 1000.0, 'unixepoch')` for a stamp of 13 digits. */
export function atOfStamp(hlc: string): string {
  const ms = hlc.slice(0, 13);
  // The entries of one transaction share their instant: the last one is kept.
  if (ms !== lastMs) {
    lastMs = ms;
    lastAt = new Date(Number(ms)).toISOString();
  }
  return lastAt;
}
let lastMs = '';
let lastAt = '';

/**
 * What the store keeps of an entry's `device_id` and `at`: NULL when the view rebuilds the very
 * value from the stamp (`device_id` = the stamp's device, `at` = the stamp's instant), else the
 * value. The same rule as the store's SQL (`CASE WHEN device_id = substr(hlc, …) THEN NULL …`,
 * `CASE WHEN at = strftime(…) THEN NULL …`), decided here for the stamps it is proven on (ASCII, 13
 * digits first: a property test compares the two); undefined for any other value, which the SQL rule
 * then decides.
 */
export function storedStampColumns(hlc: unknown, device: unknown, at: unknown): { device: string | null; at: string | null } | undefined {
  if (typeof hlc !== 'string' || !STAMP_MS.test(hlc) || !ASCII.test(hlc)) return undefined;
  if (device !== null && typeof device !== 'string') return undefined;
  if (at !== null && typeof at !== 'string') return undefined;
  return {
    device: device === null || device === deviceOfStamp(hlc) ? null : device,
    at: at === null || at === atOfStamp(hlc) ? null : at,
  };
}

/** Registers the decoding function on a connection (every keyed connection: db/cipher.ts). */
export function registerLogFunctions(raw: Database.Database): void {
  raw.function(FIELDS_FUNCTION, { deterministic: true }, (v: unknown) => (v instanceof Uint8Array || typeof v === 'string' ? unpackFields(v) : (v as null)));
  // Used by migration 0014 to move the entries written before it into their stored form.
  raw.function(PACK_FUNCTION, { deterministic: true }, (v: unknown) => (typeof v === 'string' ? packFields(v) : (v as null)));
}

/** A stored row of `change_log_store` (what the write path inserts). */
export interface StoredEntry {
  fields: string | Buffer;
  salt: string | Buffer | null;
  prev_hash: string | Buffer;
  hash: string | Buffer;
}

/** The stored form of an entry's encoded columns (the others are stored as they are). */
export function storedForm<T extends { fields: string; salt: string | null; prev_hash: string; hash: string }>(e: T): Omit<T, keyof StoredEntry> & StoredEntry {
  return { ...e, fields: packFields(e.fields), salt: packHex(e.salt, 32), prev_hash: packHex(e.prev_hash, 64), hash: packHex(e.hash, 64) };
}
