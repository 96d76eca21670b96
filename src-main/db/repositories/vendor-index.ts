/**
 * SQL of the stored parsed vendors (migration 0017): upserts, deletes, and the stored vendors whose
 * row still holds the values they were parsed from. The values are computed in services/vendor-index.ts.
 */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB, VendorIndexTable, VendorsTable } from '../schema';
import { upsertRows } from './upsert-rows';

type Db = Kysely<DB> | Transaction<DB>;

export async function upsertVendorIndex(db: Db, rows: VendorIndexTable[]): Promise<void> {
  await upsertRows(db, 'vendor_index', 'vendor_id', rows);
}

export async function deleteVendorIndex(db: Db, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.deleteFrom('vendor_index').where('vendor_id', 'in', ids.slice(i, i + 500)).execute();
}

/**
 * The stored parsed form (JSON) of each live vendor whose index row has `key` and was made from the
 * very values its row holds now (every column the parse reads, compared by SQLite): any other vendor
 * is left out, and its reader parses the row itself.
 */
export async function currentVendorIndex(db: Db, key: string): Promise<Map<string, string>> {
  const r = await db.executeQuery(
    CompiledQuery.raw(
      `SELECT x.vendor_id AS id, x.vendor AS vendor FROM vendor_index x JOIN vendors v ON v.id = x.vendor_id
       WHERE v.deleted_at IS NULL AND x.index_key = ? AND x.details = v.details AND x.name = v.name AND x.role = v.role
         AND x.country = v.country AND x.risk IS v.risk AND x.next_review_on IS v.next_review_on`,
      [key],
    ) as CompiledQuery<{ id: string; vendor: string }>,
  );
  return new Map(r.rows.map((x) => [x.id, x.vendor]));
}

/**
 * The live vendors in the vendor register's order (listVendorRows: by name, from the same index, so
 * ties come in the same order), each with its stored parse (JSON) when current as currentVendorIndex
 * decides, null otherwise: one read of the vendors instead of two.
 */
export async function liveVendorRowsWithIndex(db: Db, key: string): Promise<Array<{ row: VendorsTable; stored: string | null }>> {
  const r = await db.executeQuery(
    CompiledQuery.raw(
      `SELECT v.*, x.vendor AS vigie_stored_vendor FROM vendors v LEFT JOIN vendor_index x ON x.vendor_id = v.id AND x.index_key = ?
         AND x.details = v.details AND x.name = v.name AND x.role = v.role AND x.country = v.country AND x.risk IS v.risk AND x.next_review_on IS v.next_review_on
       WHERE v.deleted_at IS NULL ORDER BY v.name`,
      [key],
    ) as CompiledQuery<VendorsTable & { vigie_stored_vendor: string | null }>,
  );
  return r.rows.map(({ vigie_stored_vendor, ...row }) => ({ row, stored: vigie_stored_vendor }));
}
