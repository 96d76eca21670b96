/**
 * Domain tables kept in a smaller stored form (migration 0015, issue 11: the workspace file at
 * 100,000 cases). `requests` is a view over `requests_store` (and `request_events` over
 * `request_events_store`) that gives back every row exactly as it was written (the same columns,
 * texts and types), so every reader — the repositories, the write path, sync, `audit verify`,
 * backups — sees what it saw before. What sync sends is unchanged too: a colleague's Vigie replays
 * the change log's values, never this storage.
 *
 * The stored form:
 * - `details` (the case file's JSON, ~700 characters of which the standard task words are most) is
 *   coded with the change log's lossless codec (db/log-store.ts `packFields`: frozen phrases as
 *   two-character tokens, TEXT starting with U+001F; a long text deflated, BLOB): ~90 characters.
 * - an event's `summary` starting with one of Vigie's own timeline sentences (ROW_PHRASES_V1) is
 *   stored as U+001E, that sentence's number and the rest of the text.
 * - `hlc` in its usual form (13 digits, 4 hex digits, device) is stored as an integer (milliseconds ×
 *   65536 + counter) and the number of its device in `row_devices` (the few devices that ever wrote);
 *   any other text is stored as it is.
 * - `created_at` and `updated_at` are NULL when they are the instant of the row's `hlc` (the write
 *   path stamps both from the same clock reading).
 * Each coded form is kept only if it reads back as the very text, decided by SQLite with the very
 * expressions the view uses to give it back (the codec's functions for the texts).
 * The view decodes with `vigie_row_text`, registered on every keyed connection (db/cipher.ts); a
 * program without Vigie's functions can read and write the stores, not the views (as with the change
 * log's view). Writes to the view go through INSTEAD OF triggers that store the same forms and refuse
 * what the table refused (NULL stamps or hlc, a BLOB for a text). A view has no rowid: `requests_rows` is the same view
 * with the store's rowid as `__vigie_rowid`, for readers that walk a table in insertion order
 * (`audit verify`).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { packFields, UNREADABLE_FIELDS, unpackFields } from './log-store';

/** SQL name of the function giving a stored value back as its text (a plain TEXT as is). */
export const ROW_TEXT_FUNCTION = 'vigie_row_text';
/** SQL name of the function giving a text its stored form (the smallest lossless one). */
export const ROW_PACK_FUNCTION = 'vigie_row_pack';

/** Column of the `<table>_rows` views holding the store's rowid. */
export const ROWID_COLUMN = '__vigie_rowid';

/** Domain tables read through a view over a store: the store, and the view that adds its rowid. */
export const STORED_TABLES: Readonly<Record<string, { store: string; rows: string }>> = {
  requests: { store: 'requests_store', rows: 'requests_rows' },
  request_events: { store: 'request_events_store', rows: 'request_events_rows' },
};

/** The table holding a domain table's rows (its store when the name is a view), for its declared defaults. */
export function storageTable(table: string): string {
  return STORED_TABLES[table]?.store ?? table;
}

/**
 * How to walk a domain table in insertion order: the relation to read and the name of the store's
 * rowid in it (`rowid` for a plain table; the `__vigie_rowid` column of a stored table's rows view,
 * which `SELECT *` then also returns under that name).
 */
export function rowOrderSource(table: string): { from: string; rowid: string } {
  const s = STORED_TABLES[table];
  return s ? { from: s.rows, rowid: ROWID_COLUMN } : { from: table, rowid: 'rowid' };
}

/**
 * Vigie's own timeline sentences (domain/requests/event-summary.ts, French and English), the start
 * of most events' summary. FROZEN: every summary ever stored needs this exact list, in this order,
 * to be read again (a test pins it); at most 95 entries.
 */
export const ROW_PHRASES_V1: readonly string[] = [
  'Demande reçue par courriel',
  'Demande reçue par courrier',
  'Demande reçue par formulaire en ligne',
  'Demande reçue par téléphone',
  'Demande reçue en personne',
  'Request received by e-mail',
  'Request received by post',
  'Request received through the web form',
  'Request received by phone',
  'Request received in person',
  'Informations d’identité / précisions demandées — ',
  'Informations d’identité / précisions demandées',
  'Informations demandées reçues',
  'Prolongation de deux mois décidée',
  'Prolongation notifiée à la personne',
  'Réponse envoyée — ',
  'Réponse envoyée',
  'Identity information / clarification requested — ',
  'Identity information / clarification requested',
  'Requested information received',
  'Two-month extension decided',
  'Extension notified to the person',
  'Response sent — ',
  'Response sent',
];
/** First character of a text stored as a ROW_PHRASES_V1 sentence and the rest. */
export const PHRASE_MARK = '\u001e';
const BY_LENGTH = ROW_PHRASES_V1.map((p, i) => [p, i] as const).sort((a, b) => b[0].length - a[0].length);

/**
 * The stored form of a text column value: the change log's codec for long or control-character texts,
 * else a frozen sentence at its start as its number. Null stays null; a number or a BLOB is refused
 * here (the triggers give numbers as their text first, as a STRICT TEXT column converts them).
 */
export function packRowText(v: unknown): string | Buffer | null {
  if (v === null) return null;
  if (typeof v !== 'string') throw new TypeError(`cannot store ${typeof v === 'number' || typeof v === 'bigint' ? 'a number' : 'a BLOB'} in a TEXT column`);
  const packed = packFields(v);
  if (packed !== v) return packed;
  for (const [p, i] of BY_LENGTH) {
    if (v.startsWith(p)) {
      const coded = PHRASE_MARK + String.fromCharCode(32 + i) + v.slice(p.length);
      return rowText(coded) === v ? coded : v;
    }
  }
  return v;
}

/** The text of a stored value (what was written). */
export function rowText(v: unknown): string | null {
  if (v === null) return null;
  if (typeof v === 'string' && v.charCodeAt(0) === 30) return (ROW_PHRASES_V1[v.charCodeAt(1) - 32] ?? UNREADABLE_FIELDS) + v.slice(2);
  if (typeof v === 'string' || v instanceof Uint8Array) return unpackFields(v);
  return v as never;
}

/** Registers the codec's functions on a connection (every keyed connection: db/cipher.ts). */
export function registerRowFunctions(raw: Database.Database): void {
  raw.function(ROW_TEXT_FUNCTION, { deterministic: true }, (v: unknown) => rowText(v));
  raw.function(ROW_PACK_FUNCTION, { deterministic: true }, (v: unknown) => packRowText(v));
}
