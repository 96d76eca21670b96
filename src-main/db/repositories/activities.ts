import type { Kysely } from 'kysely';
import type { Transaction } from 'kysely';
import type { ActivitiesTable, DB } from '../schema';

export async function activityCounts(db: Kysely<DB>): Promise<{ total: number; active: number; draft: number; inTrash: number }> {
  const rows = await db
    .selectFrom('activities')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('deleted_at').as('deleted')])
    .groupBy('status')
    .execute();
  let total = 0, active = 0, draft = 0, inTrash = 0;
  for (const r of rows) {
    const live = Number(r.n) - Number(r.deleted);
    inTrash += Number(r.deleted);
    total += live;
    if (r.status === 'active') active += live;
    if (r.status === 'draft') draft += live;
  }
  return { total, active, draft, inTrash };
}

export function listActivityRows(db: Kysely<DB>): Promise<ActivitiesTable[]> {
  return db.selectFrom('activities').selectAll().where('deleted_at', 'is', null).orderBy('reference').execute();
}

export function getActivityRow(db: Kysely<DB>, id: string): Promise<ActivitiesTable | undefined> {
  return db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
}

/** All references ever used, including those in the trash, so a new one never collides. */
export async function usedReferences(db: Kysely<DB> | Transaction<DB>): Promise<string[]> {
  return (await db.selectFrom('activities').select('reference').execute()).map((r) => r.reference);
}

/** Live activities' ids by reference (links from other areas and the demo). */
export async function activityIdsByReference(db: Kysely<DB> | Transaction<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('activities').select(['id', 'reference']).where('deleted_at', 'is', null).execute();
  return new Map(rows.map((a) => [a.reference, a.id]));
}
