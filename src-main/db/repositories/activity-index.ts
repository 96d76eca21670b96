/**
 * SQL of the stored completeness of activities (migration 0013): upserts, the rows the dashboard
 * reads, and the reads a refresh needs. The values are computed in services/activity-index.ts.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ActivitiesTable, ActivityIndexTable, DB, VendorsTable } from '../schema';
import { upsertRows } from './upsert-rows';

type Db = Kysely<DB> | Transaction<DB>;

/** Inserts or replaces index rows (one statement per 200 rows, compiled once: upsert-rows.ts). */
export async function upsertActivityIndex(db: Db, rows: ActivityIndexTable[]): Promise<void> {
  await upsertRows(db, 'activity_index', 'activity_id', rows);
}

export async function deleteActivityIndex(db: Db, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.deleteFrom('activity_index').where('activity_id', 'in', ids.slice(i, i + 500)).execute();
}

export async function clearActivityIndex(db: Db): Promise<void> {
  await db.deleteFrom('activity_index').execute();
}

export function liveActivityRows(db: Db): Promise<ActivitiesTable[]> {
  return db.selectFrom('activities').selectAll().where('deleted_at', 'is', null).execute();
}

/** Live vendors, in the vendor register's order (name), as RegisterService.registerVendors reads them. */
export function liveVendorRows(db: Db): Promise<VendorsTable[]> {
  return db.selectFrom('vendors').selectAll().where('deleted_at', 'is', null).orderBy('name').execute();
}

/**
 * The live vendors that list one of these activities or whose id is one of `vendorIds`, in the
 * register's order: the only vendors whose record the completeness of those activities reads
 * (domain/register/vendor-links.ts vendorsForActivity).
 */
export async function liveVendorRowsFor(db: Db, activityIds: readonly string[], vendorIds: readonly string[]): Promise<VendorsTable[]> {
  const r = await sql<VendorsTable>`SELECT * FROM vendors v WHERE v.deleted_at IS NULL AND (v.id IN (${sql.join([...vendorIds, ''])})
    OR EXISTS (SELECT 1 FROM json_each(v.details, '$.activityIds') j WHERE j.value IN (${sql.join([...activityIds, ''])}))) ORDER BY v.name`.execute(db);
  return r.rows;
}

/** The indexed activities whose completeness read one of these vendors. */
export async function activityIdsReading(db: Db, vendorIds: readonly string[]): Promise<string[]> {
  if (vendorIds.length === 0) return [];
  const r = await sql<{ id: string }>`SELECT x.activity_id AS id FROM activity_index x WHERE EXISTS (SELECT 1 FROM json_each(x.vendor_ids) j WHERE j.value IN (${sql.join([...vendorIds])}))`.execute(db);
  return r.rows.map((x) => x.id);
}

/** The activities these vendors list now (trash included: their links are what the next check reads). */
export async function activityIdsListedBy(db: Db, vendorIds: readonly string[]): Promise<string[]> {
  if (vendorIds.length === 0) return [];
  const r = await sql<{ id: string }>`SELECT DISTINCT j.value AS id FROM vendors v, json_each(v.details, '$.activityIds') j WHERE v.id IN (${sql.join([...vendorIds])}) AND j.type = 'text'`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function activityIndexCounts(db: Db): Promise<{ activities: number; indexed: number }> {
  const r = await sql<{ activities: number; indexed: number }>`SELECT (SELECT count(*) FROM activities WHERE deleted_at IS NULL) AS activities, (SELECT count(*) FROM activity_index) AS indexed`.execute(db);
  return r.rows[0]!;
}

export function activityIndexRows(db: Db): Promise<ActivityIndexTable[]> {
  return db.selectFrom('activity_index').selectAll().execute();
}
