import type { Kysely } from 'kysely';
import type { DB } from '../schema';

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
