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
 * every write of a vendor (Workspace.mutate, applyRemote), filled for every vendor by the open that
 * finds it made under another key (ensureVendorIndex: the upgrade to 0017, a new schema version).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, VendorIndexTable, VendorsTable } from '../db/schema';
import { listVendorRows } from '../db/repositories/vendors';
import { getMeta, setMeta } from '../db/repositories/meta';
import { currentVendorIndex, deleteVendorIndex, liveVendorRowsWithIndex, upsertVendorIndex } from '../db/repositories/vendor-index';
import { rowsByIds } from '../db/repositories/rows-by-ids';
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
const META_KEY = 'vendor_index_key';

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
  for (const row of await rowsByIds(trx, 'vendors', ids)) {
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
 * its stored parse when current, otherwise from the row. A read never writes: a job's connection
 * may not, and one holding a snapshot must not start a transaction.
 */
export async function parsedLiveVendors(db: Kysely<DB>): Promise<Array<{ row: VendorsTable; vendor: Vendor }>> {
  return (await liveVendorRowsWithIndex(db, VENDOR_INDEX_KEY)).map(({ row, stored }) => ({ row, vendor: stored !== null ? (JSON.parse(stored) as Vendor) : rowToVendor(row) }));
}

/**
 * Stores the parse of every live vendor not stored from its current values, when the index was not
 * filled under this key (the open that upgrades to 0017, or the first open of a version with another
 * VENDOR_SCHEMA_VERSION): called by Workspace.open on its own, writable connection. A vendor this
 * version cannot read is left out: the vendor register's own reads report it.
 */
export async function ensureVendorIndex(db: Kysely<DB>): Promise<boolean> {
  if ((await getMeta(db, META_KEY)) === VENDOR_INDEX_KEY) return false;
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
  await db.transaction().execute(async (trx) => {
    await upsertVendorIndex(trx, fill);
    await setMeta(trx, META_KEY, VENDOR_INDEX_KEY);
  });
  return true;
}
