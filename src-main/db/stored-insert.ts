/**
 * A new row of a stored table (migration 0015: `requests`, `request_events`, views over
 * `<table>_store`) written straight into its store, in the forms the view's INSTEAD OF INSERT
 * trigger stores: the write path's bulk inserts (100,000 cases and their events) spent ~60 µs a
 * row in that trigger, most of it in SQL functions (GLOB ×3, strftime ×2, the stamp's counter
 * parsed digit by digit with instr/substr, a sub-select for the device, a call back into
 * JavaScript for the coded column).
 *
 * Done here only for rows of the shape every write of this build makes (a canonical stamp, text
 * instants, a text or absent coded column, known columns): the trigger stores the same bytes, and a
 * property test compares the two stored rows for random values. Any other row goes through the view
 * as before, so its errors and forms stay the trigger's.
 */
import type Database from 'better-sqlite3';
import { atOfStamp } from './log-store';
import { storedRowsRead } from './migrations/0015_request_store';
import { packRowText, STORED_TABLES } from './row-store';

type Raw = Database.Database;

/** The trigger's `CANONICAL`: 13 digits, '-', 4 lowercase hex digits, '-', at least one character (GLOB `?`). */
const CANONICAL_HLC = /^\d{13}-[0-9a-f]{4}-./s;

interface Plan {
  /** The store's INSERT: id, created_at, updated_at, then `rest`, the stamp's integer and its device number. */
  sql: string;
  /** The columns the trigger copies as given (or coded), in its order. */
  rest: readonly string[];
  packed: ReadonlySet<string>;
  known: ReadonlySet<string>;
}

const plans = new Map<string, Plan>();
function planOf(table: 'requests' | 'request_events'): Plan {
  let p = plans.get(table);
  if (!p) {
    const made = storedRowsRead(table);
    const rest = made.columns.filter((c) => !['id', 'created_at', 'updated_at', 'hlc'].includes(c));
    const sql = `INSERT INTO ${STORED_TABLES[table]!.store} (id, created_at, updated_at, hlc, hlc_at, hlc_device, ${rest.join(', ')}) VALUES (?, ?, ?, NULL, ?, (SELECT n FROM row_devices WHERE device = ?), ${rest.map(() => '?').join(', ')})`;
    plans.set(table, (p = { sql, rest, packed: new Set(made.packed), known: new Set(made.columns) }));
  }
  return p;
}

/** The trigger's `ADD_DEVICE`: the stamp's device gets its number the first time it is seen. */
const ADD_DEVICE = 'INSERT INTO row_devices (device) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM row_devices WHERE device = ?)';

/**
 * Inserts the row into `table`'s store when `table` is a stored table and the row is of the usual
 * shape; returns false (nothing written) otherwise, for the caller to insert through the view.
 * `row` holds id, created_at, updated_at, deleted_at, hlc and the row's other columns; a column
 * it does not name is NULL, as a column an INSERT into the view does not name.
 */
export function insertStored(raw: Raw, prepared: (raw: Raw, sql: string) => Database.Statement, table: string, row: Readonly<Record<string, unknown>>): boolean {
  if (table !== 'requests' && table !== 'request_events') return false;
  const hlc = row.hlc;
  const createdAt = row.created_at;
  const updatedAt = row.updated_at;
  if (typeof hlc !== 'string' || !CANONICAL_HLC.test(hlc) || typeof createdAt !== 'string' || typeof updatedAt !== 'string') return false;
  const plan = planOf(table);
  for (const c in row) if (!plan.known.has(c)) return false;
  const params: unknown[] = [row.id];
  // The trigger's STAMP: NULL when the instant is the stamp's (the view rebuilds it).
  const instant = atOfStamp(hlc);
  params.push(createdAt === instant ? null : createdAt, updatedAt === instant ? null : updatedAt);
  for (const c of plan.rest) {
    const v = row[c] ?? null;
    if (plan.packed.has(c)) {
      // The trigger codes AS_TEXT(value): a number's SQL text, which JavaScript's may not equal.
      if (v !== null && typeof v !== 'string') return false;
      params.push(packRowText(v));
    } else params.push(v);
  }
  // The trigger's HLC_AT: milliseconds × 65536 + the 4-hex-digit counter (beyond 2^53: a BigInt).
  params.splice(3, 0, BigInt(hlc.slice(0, 13)) * 65536n + BigInt(parseInt(hlc.slice(14, 18), 16)), hlc.slice(19));
  const device = hlc.slice(19);
  prepared(raw, ADD_DEVICE).run(device, device);
  prepared(raw, plan.sql).run(params);
  return true;
}
