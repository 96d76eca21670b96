import type { Kysely, Transaction } from 'kysely';
import type { AdequacyOverridesTable, DB, VendorFilesTable, VendorsTable } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

export function listVendorRows(db: Db): Promise<VendorsTable[]> {
  return db.selectFrom('vendors').selectAll().where('deleted_at', 'is', null).orderBy('name').execute();
}

export function getVendorRow(db: Db, id: string): Promise<VendorsTable | undefined> {
  return db.selectFrom('vendors').selectAll().where('id', '=', id).executeTakeFirst();
}

/** File metadata of a vendor's live files (never the content). */
export function listVendorFileMeta(db: Db, vendorId: string): Promise<Array<Omit<VendorFilesTable, 'content'>>> {
  return db
    .selectFrom('vendor_files')
    .select(['id', 'created_at', 'updated_at', 'deleted_at', 'hlc', 'vendor_id', 'name', 'mime', 'size', 'sha256'])
    .where('vendor_id', '=', vendorId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export function getVendorFile(db: Db, id: string): Promise<VendorFilesTable | undefined> {
  return db.selectFrom('vendor_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOverrideRows(db: Db): Promise<AdequacyOverridesTable[]> {
  return db.selectFrom('adequacy_overrides').selectAll().where('deleted_at', 'is', null).orderBy('code').execute();
}
