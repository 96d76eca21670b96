import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, RequestAttachmentsTable, RequestEventsTable, RequestsTable } from '../schema';

type Reader = Kysely<DB> | Transaction<DB>;

/** Live cases, newest receipt first (status and deadline sorting happen on computed values). */
export function listRequestRows(db: Reader): Promise<RequestsTable[]> {
  return db.selectFrom('requests').selectAll().where('deleted_at', 'is', null).orderBy('received_on', 'desc').orderBy('reference', 'desc').execute();
}

export function getRequestRow(db: Reader, id: string): Promise<RequestsTable | undefined> {
  return db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The id of the live case with this reference (one step of the reference index). */
export async function liveRequestIdByReference(db: Reader, reference: string): Promise<string | undefined> {
  return (await db.selectFrom('requests').select('id').where('reference', '=', reference).where('deleted_at', 'is', null).executeTakeFirst())?.id;
}

export async function findRequestIdByReference(db: Reader, reference: string): Promise<string | undefined> {
  return (await db.selectFrom('requests').select('id').where('reference', '=', reference).where('deleted_at', 'is', null).executeTakeFirst())?.id;
}

/** Every reference ever used (trash included) so a new one never collides. */
export async function usedRequestReferences(db: Reader): Promise<string[]> {
  return (await db.selectFrom('requests').select('reference').execute()).map((r) => r.reference);
}

/** Every reference of one year (the fallback when the highest ones are not Vigie's numbering). */
export async function requestReferencesOfYear(db: Reader, year: number): Promise<string[]> {
  const prefix = `DSAR-${String(year).padStart(4, '0')}-`;
  return (await db.selectFrom('requests').select('reference').where('reference', '>=', prefix).where('reference', '<', `${prefix.slice(0, -1)}.`).execute()).map((r) => r.reference);
}

export function listEventRows(db: Reader, requestId: string): Promise<RequestEventsTable[]> {
  return db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).where('deleted_at', 'is', null).orderBy('occurred_on').orderBy('created_at').execute();
}

/** Attachment metadata without the file content (the content is read only on download). */
export function listAttachmentMeta(db: Reader, requestId: string): Promise<Array<Omit<RequestAttachmentsTable, 'content'> & { purged: number }>> {
  return db
    .selectFrom('request_attachments')
    .select(['id', 'created_at', 'updated_at', 'deleted_at', 'hlc', 'request_id', 'file_name', 'media_type', 'size', 'sha256', 'letter_type', 'purpose'])
    .select(sql<number>`length(content) = 0`.as('purged'))
    .where('request_id', '=', requestId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export function getAttachmentRow(db: Reader, id: string): Promise<RequestAttachmentsTable | undefined> {
  return db.selectFrom('request_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}
