import { sql, type Kysely, type Transaction } from 'kysely';
import type { BreachesTable, BreachFilesTable, DB } from '../schema';

type Reader = Kysely<DB> | Transaction<DB>;

/** Live breaches, most recent awareness first. */
export function listBreachRows(db: Reader): Promise<BreachesTable[]> {
  return db.selectFrom('breaches').selectAll().where('deleted_at', 'is', null).orderBy('aware_at', 'desc').orderBy('reference', 'desc').execute();
}

export function getBreachRow(db: Reader, id: string): Promise<BreachesTable | undefined> {
  return db.selectFrom('breaches').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every reference ever used (trash included) so a new one never collides. */
export async function usedBreachReferences(db: Reader): Promise<string[]> {
  return (await db.selectFrom('breaches').select('reference').execute()).map((r) => r.reference);
}

/**
 * The references of one year (`BR-2026-…`, trash included), read as a range of the reference
 * index: allocating the next number never scans every reference ever used.
 */
export async function breachReferencesOfYear(db: Reader, year: number): Promise<string[]> {
  const prefix = `BR-${String(year).padStart(4, '0')}-`;
  return (await db.selectFrom('breaches').select('reference').where('reference', '>=', prefix).where('reference', '<', `${prefix.slice(0, -1)}.`).execute()).map((r) => r.reference);
}

/** Whether a breach (trash included) other than `exceptId` uses this reference. */
export async function breachReferenceTaken(db: Reader, reference: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('breaches').select('id').where('reference', '=', reference);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/** The register activities a breach may link to (id, reference, name, role, details for the client controllers). */
export function listActivityRefs(db: Reader): Promise<Array<{ id: string; reference: string; name: string; role: string; details: string }>> {
  return db.selectFrom('activities').select(['id', 'reference', 'name', 'role', 'details']).where('deleted_at', 'is', null).orderBy('reference').execute();
}

/** The same, for the given ids only (the activities one breach links to). */
export async function activityRefsByIds(db: Reader, ids: readonly string[]): Promise<Array<{ id: string; reference: string; name: string; role: string; details: string }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('activities').select(['id', 'reference', 'name', 'role', 'details']).where('deleted_at', 'is', null).where('id', 'in', [...new Set(ids)]).orderBy('reference').execute();
}

/** A breach's live evidence files, without their content, oldest first. */
export function listBreachFileMeta(db: Reader, breachId: string): Promise<Array<Omit<BreachFilesTable, 'content'> & { purged: number }>> {
  return db
    .selectFrom('breach_files')
    .select(['id', 'created_at', 'updated_at', 'deleted_at', 'hlc', 'breach_id', 'file_name', 'media_type', 'size', 'sha256', 'note'])
    .select(sql<number>`length(content) = 0`.as('purged'))
    .where('breach_id', '=', breachId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function getBreachFile(db: Reader, id: string): Promise<BreachFilesTable | undefined> {
  return db.selectFrom('breach_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The breach's files (trash included) whose content is still held: what purging the breach must blank. */
export async function heldBreachFileIds(db: Reader, breachId: string): Promise<string[]> {
  return (await db.selectFrom('breach_files').select('id').where('breach_id', '=', breachId).where('content', '!=', '').execute()).map((r) => r.id);
}
