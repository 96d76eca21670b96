/**
 * How the change log is stored (migration 0014, issue 11: the workspace file at 100,000 cases).
 *
 * The log's rows live in `change_log_store`; `change_log` is a view that shows every entry exactly
 * as it was written (the same columns, the same texts), so every reader, the hash chain, `audit
 * verify` and sync bundles see what they saw before. Only the stored form is smaller:
 * - `fields` of a large entry (a case's insert: ~850 bytes of JSON) is its canonical text
 *   compressed (a BLOB: codec byte 1, then raw deflate with the frozen preset dictionary of
 *   db/log-dictionary.ts); smaller entries stay TEXT. The chain hashes the canonical text, never
 *   the stored bytes: decompressing gives back that text byte for byte, and a compressed value
 *   that was altered either fails to decompress (read as unreadable field data) or gives another
 *   text, whose digest no longer matches (`audit verify`: hash mismatch).
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

export const LOG_STORE_TABLE = 'change_log_store';
/** SQL name of the decoding function the `change_log` view calls for compressed values. */
export const FIELDS_FUNCTION = 'vigie_log_fields';
/** SQL name of the function that gives a `fields` text its stored form (packFields). */
export const PACK_FUNCTION = 'vigie_log_pack';

/** Values of at least this many UTF-8 bytes are stored compressed (smaller ones gain little and cost a decompression on every read). */
export const COMPRESS_MIN_BYTES = 512;
/** First byte of a compressed value: raw deflate with LOG_DICTIONARY_V1. */
export const CODEC_DEFLATE_V1 = 1;

const DICTIONARY_V1 = Buffer.from(LOG_DICTIONARY_V1, 'utf8');

/** What a compressed value reads as when it cannot be decompressed: not JSON, so every reader reports unreadable field data. */
export const UNREADABLE_FIELDS = '\u0000unreadable compressed field data';

/** A `fields` text as stored: the text itself, or its compressed bytes when that is smaller. */
export function packFields(text: string): string | Buffer {
  // Cheap pre-check on characters: a UTF-8 byte count is at least the number of UTF-16 units / 1… and at most 3×.
  if (text.length * 3 < COMPRESS_MIN_BYTES) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length < COMPRESS_MIN_BYTES) return text;
  const z = deflateRawSync(bytes, { dictionary: DICTIONARY_V1 });
  if (z.length + 1 >= bytes.length) return text;
  const out = Buffer.allocUnsafe(z.length + 1);
  out[0] = CODEC_DEFLATE_V1;
  z.copy(out, 1);
  return out;
}

/** The `fields` text of a stored value (TEXT as is, a compressed BLOB decompressed). */
export function unpackFields(stored: string | Uint8Array): string {
  if (typeof stored === 'string') return stored;
  if (stored.length < 2 || stored[0] !== CODEC_DEFLATE_V1) return UNREADABLE_FIELDS;
  try {
    return inflateRawSync(stored.subarray(1), { dictionary: DICTIONARY_V1 }).toString('utf8');
  } catch {
    return UNREADABLE_FIELDS;
  }
}

const HEX = /^[0-9a-f]*$/;

/** A hex digest or salt as stored: its bytes when it is lowercase hex of `chars` digits, the text otherwise (null stays null). */
export function packHex<T extends string | null>(text: T, chars: number): T | Buffer {
  if (typeof text !== 'string' || text.length !== chars || !HEX.test(text)) return text;
  return Buffer.from(text, 'hex');
}

/** The text of a stored hex value (BLOB → lowercase hex; TEXT as is). */
export function unpackHex<T extends string | null>(stored: T | Uint8Array): T | string {
  if (stored instanceof Uint8Array) return Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('hex');
  return stored;
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
