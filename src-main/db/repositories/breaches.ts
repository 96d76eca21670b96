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

/** The register activities a breach may link to (id, reference, name, role, details for the client controllers). */
export function listActivityRefs(db: Reader): Promise<Array<{ id: string; reference: string; name: string; role: string; details: string }>> {
  return db.selectFrom('activities').select(['id', 'reference', 'name', 'role', 'details']).where('deleted_at', 'is', null).orderBy('reference').execute();
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
