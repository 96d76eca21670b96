/**
 * The live vendors as the vendor register parses them, stored (migration 0017, issue 11): the
 * dashboard's first call after an unlock parsed the 1,000 vendors of the synthetic workspace with the
 * vendor schema (zod, ~40 ms); a stored vendor is read back with JSON.parse.
 *
 * A stored vendor is the parse's output (rowToVendor) next to the values of the row it was parsed
 * from, under the index key (VENDOR_INDEX_KEY: the format and VENDOR_SCHEMA_VERSION). It is read back
 * only while its row holds the same values and the key is the same (repositories/vendor-index.ts
 * currentVendorIndex): any vendor not stored, or stored from other values, is parsed from its row as
 * before. So what a reader gets never depends on whether the index is current: the index only saves
 * the parse. Derived like activity_index: never logged nor synced, refreshed in the transaction of
 * every write of a vendor (Workspace.mutate, applyRemote); the rows a read had to parse are stored
 * after the read (the first read after the upgrade), when the connection may write.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, VendorIndexTable, VendorsTable } from '../db/schema';
import { listVendorRows } from '../db/repositories/vendors';
import { currentVendorIndex, deleteVendorIndex, upsertVendorIndex, vendorRowsByIds } from '../db/repositories/vendor-index';
import type { Vendor } from '../domain/vendors/vendor';
import { rowToVendor } from './vendor-row';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Bump when what rowToVendor gives for the same row changes (domain/vendors/vendor.ts: the schema, its
 * defaults or transforms): every stored vendor is then parsed again. vendor-index.test.ts pins the
 * schema module's text, so an edit of it fails until this version (or, for an edit that cannot change
 * the parse, only the pinned digest) is updated.
 */
export const VENDOR_SCHEMA_VERSION = 1;
const INDEX_FORMAT = 1;
export const VENDOR_INDEX_KEY = JSON.stringify({ format: INDEX_FORMAT, schema: VENDOR_SCHEMA_VERSION });

function indexRow(row: VendorsTable, vendor: Vendor): VendorIndexTable {
  return {
    vendor_id: row.id,
    name: row.name,
    role: row.role,
    country: row.country,
    risk: row.risk,
    next_review_on: row.next_review_on,
    details: row.details,
    vendor: JSON.stringify(vendor),
    index_key: VENDOR_INDEX_KEY,
  };
}

/**
 * Recomputes the stored vendors of the given ids inside the writer's transaction: a live vendor's
 * parse is stored; a trashed, gone or unreadable one (a colleague's newer version wrote it) has no
 * row, and its readers parse it (and fail) as before.
 */
export async function refreshVendorIndex(trx: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows: VendorIndexTable[] = [];
  const gone = new Set(ids);
  for (const row of await vendorRowsByIds(trx, ids)) {
    if (row.deleted_at) continue;
    try {
      rows.push(indexRow(row, rowToVendor(row)));
      gone.delete(row.id);
    } catch {
      // No row: see above.
    }
  }
  if (gone.size) await deleteVendorIndex(trx, [...gone]);
  await upsertVendorIndex(trx, rows);
}

/**
 * The live vendors in the register's order (listVendorRows), each parsed as rowToVendor does: from
 * its stored parse when current, otherwise from the row. Those parsed from the row are then stored,
 * in a transaction of their own; a connection that may not write (a job's reader) just keeps parsing.
 */
export async function parsedLiveVendors(db: Kysely<DB>): Promise<Array<{ row: VendorsTable; vendor: Vendor }>> {
  const rows = await listVendorRows(db);
  const stored = rows.length ? await currentVendorIndex(db, VENDOR_INDEX_KEY) : new Map<string, string>();
  const parsed: VendorsTable[] = [];
  const out = rows.map((row) => {
    const json = stored.get(row.id);
    if (json !== undefined) return { row, vendor: JSON.parse(json) as Vendor };
    parsed.push(row);
    return { row, vendor: rowToVendor(row) };
  });
  if (parsed.length) {
    const byId = new Map(out.map((x) => [x.row.id, x.vendor]));
    try {
      await db.transaction().execute((trx) => upsertVendorIndex(trx, parsed.map((row) => indexRow(row, byId.get(row.id)!))));
    } catch {
      // Only a saving lost: the next read parses these vendors again.
    }
  }
  return out;
}

/**
 * Stores the parse of every live vendor not stored from its current values (the upgrade to 0017).
 * A vendor this version cannot read is left out: the vendor register's own reads report it.
 */
export async function fillVendorIndex(db: Kysely<DB>): Promise<void> {
  const rows = await listVendorRows(db);
  const stored = rows.length ? await currentVendorIndex(db, VENDOR_INDEX_KEY) : new Map<string, string>();
  const fill: VendorIndexTable[] = [];
  for (const row of rows) {
    if (stored.has(row.id)) continue;
    try {
      fill.push(indexRow(row, rowToVendor(row)));
    } catch {
      // Left out: see above.
    }
  }
  if (fill.length) await db.transaction().execute((trx) => upsertVendorIndex(trx, fill));
}
