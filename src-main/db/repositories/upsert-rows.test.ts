import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../domain/seeded-random';
import type { DB } from '../schema';
import { upsertRows } from './upsert-rows';

const DDL = `CREATE TABLE activity_index (activity_id TEXT PRIMARY KEY NOT NULL, reference TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'draft', review_date TEXT, check_weight REAL NOT NULL)`;

function db() {
  const raw = new Database(':memory:');
  raw.exec(DDL);
  return { raw, db: new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) }) };
}

type Row = { activity_id: string; reference: string; name: string; status?: string; review_date?: string | null; check_weight: number };

describe('upsertRows (derived index tables)', () => {
  it('stores what the query builder’s insert … on conflict do update stores: batches, replaced rows, missing and null values', async () => {
    const r = seededRandom(5);
    const rows = (n: number, round: number): Row[] =>
      Array.from({ length: n }, (_, i) => ({
        activity_id: `A${String(Math.floor(r() * 600)).padStart(4, '0')}-${i % 3 === 0 ? 'x' : 'y'}`,
        reference: `T-${round}-${i}`,
        name: `Traitement « ${i} » ${'é'.repeat(i % 4)}`,
        ...(r() < 0.7 ? { status: r() < 0.5 ? 'active' : 'retired' } : {}),
        ...(r() < 0.5 ? { review_date: r() < 0.5 ? null : '2027-01-31' } : r() < 0.5 ? { review_date: undefined } : {}),
        check_weight: Math.floor(r() * 1000) / 7,
      }));
    const a = db();
    const b = db();
    for (let round = 0; round < 3; round++) {
      // One transaction per round, as the write path calls it; duplicates inside a batch too.
      const batch = rows(round === 0 ? 450 : 230, round);
      await a.db.transaction().execute((trx) => upsertRows(trx, 'activity_index', 'activity_id', batch));
      for (const x of batch) {
        const values = Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined));
        await b.db
          .insertInto('activity_index' as never)
          .values(values as never)
          .onConflict((oc) => oc.column('activity_id' as never).doUpdateSet(Object.fromEntries(Object.keys(values).filter((k) => k !== 'activity_id').map((k) => [k, (eb: { ref: (c: string) => unknown }) => eb.ref(`excluded.${k}`)])) as never))
          .execute();
      }
      const all = (x: typeof a) => x.raw.prepare('SELECT *, typeof(check_weight) AS t FROM activity_index ORDER BY activity_id').all();
      expect(all(a)).toEqual(all(b));
    }
    expect((a.raw.prepare('SELECT count(*) AS n FROM activity_index').get() as { n: number }).n).toBeGreaterThan(300);
  });

  it('refuses a row without its key, writing nothing', async () => {
    const a = db();
    await expect(upsertRows(a.db, 'activity_index', 'activity_id', [{ activity_id: 'A', reference: 'T-1', name: 'x', check_weight: 1 }, { reference: 'T-2', name: 'y', check_weight: 1 } as Row])).rejects.toThrow(/no activity_id/);
    expect(a.raw.prepare('SELECT count(*) AS n FROM activity_index').get()).toEqual({ n: 0 });
  });
});
