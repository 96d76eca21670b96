/**
 * The change log read for `audit verify` straight from its stored form (db/log-store.ts), a chunk at
 * a time in `seq` order: the very rows the `change_log` view gives, decoded here instead of by the
 * view. The view calls back into JavaScript for every coded `fields` value (`vigie_log_fields`) and
 * rebuilds `at` from the stamp with strftime: a third of the cost of reading the log. Here the
 * same decoder (`unpackFields`) runs without the call back, `at` and `device_id` are rebuilt with
 * the view's rule, and any row whose stamp is not of the plain shape those rules are checked on
 * (13 digits, ASCII) is read again through the view itself, so every value is the view's, byte
 * for byte (a randomised test compares the two readers, tampered forms included).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';
import type { LogEntryRow } from './log-format';
import { ASCII, atOfStamp, deviceOfStamp, LOG_STORE_TABLE, STAMP_MS, unpackFields } from './log-store';
import { ROW_TEXT_FUNCTION, ROWID_COLUMN, rowText } from './row-store';

export type ReadEntry = LogEntryRow & { seq: number };

/** The stored `fields` as the view gives it (`CASE WHEN typeof(fields) = 'blob' OR fields < ' ' THEN vigie_log_fields(fields) ELSE fields END`). */
export function viewFields(stored: unknown): unknown {
  if (stored instanceof Uint8Array) return unpackFields(stored);
  // A number is below any text in SQLite's order: the view passes it to the function, which returns it.
  if (typeof stored === 'string' && (stored.length === 0 || stored.charCodeAt(0) < 32)) return unpackFields(stored);
  return stored;
}

export interface LogReader {
  /** Up to `limit` entries with seq > `after`, in seq order, as the `change_log` view gives them. */
  after(after: number, limit: number): Promise<ReadEntry[]>;
}

/** A reader of the stored form when the workspace has it (migration 0014), else of the `change_log` table as it is. */
export async function logReader(db: Kysely<DB>): Promise<LogReader> {
  const hasStore = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${LOG_STORE_TABLE}`.execute(db)).rows[0]?.n ?? 0) > 0;
  const viewAfter = async (after: number, limit: number) => (await db.selectFrom('change_log').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute()) as unknown as ReadEntry[];
  if (!hasStore) return { after: viewAfter };
  const hex = (c: string) => sql.raw(`CASE WHEN typeof(${c}) = 'blob' THEN lower(hex(${c})) ELSE ${c} END`);
  return {
    async after(after: number, limit: number): Promise<ReadEntry[]> {
      // The view's columns, in its order; fields, device_id and at as stored (decoded below).
      const rows = (
        await sql<ReadEntry>`SELECT seq, id, table_name, row_id, op, fields, field_digests, ${hex('salt')} AS salt, hlc, device_id, actor, at, reason, ${hex('prev_hash')} AS prev_hash, ${hex('hash')} AS hash, device_seq, tx_id, schema_version, format, cell_salts FROM ${sql.table(LOG_STORE_TABLE)} WHERE seq > ${after} ORDER BY seq LIMIT ${limit}`.execute(db)
      ).rows;
      let odd: number[] | null = null;
      for (const r of rows) {
        const f = r.fields as unknown;
        if (typeof f !== 'string' || f.length === 0 || f.charCodeAt(0) < 32) r.fields = viewFields(f) as string;
        if (r.device_id === null || r.at === null) {
          const hlc = r.hlc as unknown;
          if (typeof hlc !== 'string' || !ASCII.test(hlc) || (r.at === null && !STAMP_MS.test(hlc))) (odd ??= []).push(r.seq);
          else {
            if (r.device_id === null) r.device_id = deviceOfStamp(hlc);
            if (r.at === null) r.at = atOfStamp(hlc);
          }
        }
      }
      if (odd) {
        // Stamps of another shape: the view's own values.
        const bySeq = new Map(rows.map((r) => [r.seq, r]));
        for (let i = 0; i < odd.length; i += 500) {
          const part = odd.slice(i, i + 500);
          for (const v of await db.selectFrom('change_log').select(['seq', 'device_id', 'at']).where('seq', 'in', part).execute()) {
            const r = bySeq.get(v.seq)!;
            r.device_id = v.device_id;
            r.at = v.at;
          }
        }
      }
      return rows;
    },
  };
}

/**
 * The `SELECT *` of a domain table's relation (a table, or the rows view of a stored table) with
 * its coded columns as stored, and how to decode them: the rows view gives a coded text back through
 * `vigie_row_text`, a call from SQLite into JavaScript for every row (at 100,000 cases, most of the
 * cost of reading them). Here the same function is called directly on the stored value, under the
 * same condition as the view's (`CASE WHEN typeof(x) = 'blob' OR x < ' ' THEN vigie_row_text(x) ELSE
 * x END`), so each row is the view's, value for value, in the view's column order (a randomised test
 * compares the two, tampered stored forms included).
 */
export interface RowsSource {
  /** The select list (every column of `from`, in its order) and the relation with its alias. */
  columns: ReturnType<typeof sql>;
  from: ReturnType<typeof sql>;
  /** The columns read as stored, to decode with `decodeRows`. */
  coded: string[];
}

/** How audit verify reads `relation` (a rows view over `store` when `store` is given, else a plain table). */
export async function rowsSource(db: Kysely<DB>, relation: string, store: string | undefined): Promise<RowsSource | undefined> {
  if (!store) return undefined;
  const view = (await sql<{ sql: string | null }>`SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ${relation}`.execute(db)).rows[0]?.sql;
  if (!view) return undefined;
  const cols = (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${relation})`.execute(db)).rows.map((c) => c.name);
  const coded = cols.filter((c) => /^[a-z_]+$/.test(c) && view.includes(`CASE WHEN typeof(s.${c}) = 'blob' OR s.${c} < ' ' THEN ${ROW_TEXT_FUNCTION}(s.${c}) ELSE s.${c} END AS ${c}`));
  if (!coded.length) return undefined;
  return {
    columns: sql.join(cols.map((c) => (coded.includes(c) ? sql`${sql.ref(`s.${c}`)} AS ${sql.ref(c)}` : sql.ref(`r.${c}`)))),
    from: sql`${sql.table(relation)} AS r JOIN ${sql.table(store)} AS s ON s.rowid = r.${sql.ref(ROWID_COLUMN)}`,
    coded,
  };
}

/** The rows view's values of the coded columns, from their stored values (see RowsSource). */
export function decodeRows(rows: Array<Record<string, unknown>>, coded: readonly string[]): void {
  for (const r of rows) {
    for (const c of coded) {
      const v = r[c];
      if (v instanceof Uint8Array || typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && (v.length === 0 || v.charCodeAt(0) < 32))) r[c] = rowText(v);
    }
  }
}
