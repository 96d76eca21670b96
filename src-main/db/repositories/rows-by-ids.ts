/** Rows of a domain table by id, trash included, 500 ids to a statement (whatever the number of ids a bulk write gives). */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

export async function rowsByIds<T extends 'activities' | 'vendors'>(db: Db, table: T, ids: readonly string[]): Promise<Array<DB[T]>> {
  const out: Array<DB[T]> = [];
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const r = await db.executeQuery(CompiledQuery.raw(`SELECT * FROM ${table} WHERE id IN (${batch.map(() => '?').join(', ')})`, [...batch]) as CompiledQuery<DB[T]>);
    for (const row of r.rows) out.push(row);
  }
  return out;
}
