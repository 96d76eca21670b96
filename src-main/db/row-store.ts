/**
 * Domain tables kept in a smaller stored form (migration 0015, issue 11: the workspace file at
 * 100,000 cases). `requests` is a view over `requests_store` (and `request_events` over
 * `request_events_store`) that gives back every row exactly as it was written (the same columns, the same texts, the same types), so every reader — the
 * repositories, the write path, sync, `audit verify`, backups — sees what it saw before. What sync
 * sends is unchanged too: a colleague's Vigie replays the change log's values, never this storage.
 *
 * The stored form:
 * - `details` (the case file's JSON, ~700 characters of which the standard task words are most) is
 *   coded with the change log's lossless codec (db/log-store.ts `packFields`: frozen phrases as
 *   two-character tokens, TEXT starting with U+001F; a long text deflated, BLOB): ~90 characters.
 *   The coded form is kept only if it reads back as the very text.
 * - `created_at` and `updated_at` are NULL when they are the instant of the row's `hlc` (the write
 *   path stamps both from the same clock reading), decided by SQLite with the very expression the
 *   view uses to give them back.
 * The view decodes with `vigie_row_text`, registered on every keyed connection (db/cipher.ts). Writes
 * to the view go through INSTEAD OF triggers that store the same forms; they refuse what the table
 * refused (NULL stamps, a non-text details). A view has no rowid: `requests_rows` is the same view
 * with the store's rowid as `__vigie_rowid`, for readers that walk a table in insertion order
 * (`audit verify`).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { packFields, unpackFields } from './log-store';

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

/** The stored form of a text column value (a text, or null; anything else is refused as a STRICT TEXT column would). */
export function packRowText(v: unknown): string | Buffer | null {
  if (v === null) return null;
  if (typeof v !== 'string') throw new TypeError(`cannot store ${typeof v === 'number' || typeof v === 'bigint' ? 'a number' : 'a BLOB'} in a TEXT column`);
  return packFields(v);
}

/** The text of a stored value (what was written). */
export function rowText(v: unknown): string | null {
  if (v === null) return null;
  if (typeof v === 'string' || v instanceof Uint8Array) return unpackFields(v);
  return v as never;
}

/** Registers the codec's functions on a connection (every keyed connection: db/cipher.ts). */
export function registerRowFunctions(raw: Database.Database): void {
  raw.function(ROW_TEXT_FUNCTION, { deterministic: true }, (v: unknown) => rowText(v));
  raw.function(ROW_PACK_FUNCTION, { deterministic: true }, (v: unknown) => packRowText(v));
}
