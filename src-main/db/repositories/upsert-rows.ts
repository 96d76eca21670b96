/**
 * Inserts or replaces rows of a derived table (request_index, activity_index…) in batches, with a
 * statement text compiled once per table, columns and batch size and the values bound in column
 * order. The query builder rebuilt and compiled the same upsert at every write: for one new case it
 * cost more than SQLite storing the row, and for a 10,000-activity bulk write more than computing
 * the rows (issue 11). The connection caches each text's prepared statement.
 *
 * Same meaning as `insertInto(table).values(rows).onConflict(key).doUpdateSet(every other column)`:
 * a row's columns are the keys whose value is not undefined (as the builder reads them); consecutive
 * rows with the same columns share a statement, in the order given.
 */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

const BATCH = 200;
const texts = new Map<string, string>();
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function upsertText(table: string, key: string, columns: readonly string[], rows: number): string {
  const id = `${table}\u0000${key}\u0000${rows}\u0000${columns.join('\u0000')}`;
  let text = texts.get(id);
  if (text === undefined) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const others = columns.filter((c) => c !== key);
    text =
      `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')} ON CONFLICT (${quote(key)}) ` +
      (others.length ? `DO UPDATE SET ${others.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ')}` : 'DO NOTHING');
    texts.set(id, text);
  }
  return text;
}

export async function upsertRows<T extends object>(db: Db, table: keyof DB & string, key: keyof T & string, rows: readonly T[]): Promise<void> {
  const columnsOf = rows.map(given);
  if (columnsOf.some((c) => !c.includes(key))) throw new Error(`upsertRows(${table}): a row has no ${key}`);
  // Consecutive rows that give the same columns share a statement; order is kept (a key given twice ends with its last row).
  let i = 0;
  while (i < rows.length) {
    const columns = columnsOf[i]!;
    const params: unknown[] = [];
    let n = 0;
    while (i < rows.length && n < BATCH && (n === 0 || sameColumns(columnsOf[i]!, columns))) {
      const r = rows[i]! as Record<string, unknown>;
      for (const c of columns) params.push(r[c]);
      n++;
      i++;
    }
    await db.executeQuery(CompiledQuery.raw(upsertText(table, key, columns, n), params));
  }
}

/** Whether two rows give the same columns in the same order (compared in place: no text joined per row). */
function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** The columns a row gives: its keys whose value is not undefined (as the query builder reads a row). */
function given(r: object): string[] {
  return Object.keys(r).filter((c) => (r as Record<string, unknown>)[c] !== undefined);
}
