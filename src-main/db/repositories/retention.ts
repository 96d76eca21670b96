import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, RegisterPurgesTable, RetentionHoldsTable, RetentionSettingsTable, ResponseTargetsTable } from '../schema';

type Reader = Kysely<DB> | Transaction<DB>;

export function listRetentionSettings(db: Reader): Promise<RetentionSettingsTable[]> {
  return db.selectFrom('retention_settings').selectAll().where('deleted_at', 'is', null).orderBy('rule_id').execute();
}

/** Holds in force (not released). */
export function listActiveHolds(db: Reader): Promise<RetentionHoldsTable[]> {
  return db.selectFrom('retention_holds').selectAll().where('released_on', 'is', null).orderBy('placed_on').execute();
}

export function getHold(db: Reader, id: string): Promise<RetentionHoldsTable | undefined> {
  return db.selectFrom('retention_holds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRegisterPurges(db: Reader): Promise<RegisterPurgesTable[]> {
  return db.selectFrom('register_purges').selectAll().where('deleted_at', 'is', null).orderBy('performed_on', 'desc').execute();
}

export function listResponseTargets(db: Reader): Promise<ResponseTargetsTable[]> {
  return db.selectFrom('response_targets').selectAll().where('deleted_at', 'is', null).orderBy('right').execute();
}

/** Every case (trash included: a trashed case still holds personal data), without attachments. */
export function listRequestsForRetention(db: Reader) {
  return db.selectFrom('requests').select(['id', 'reference', 'response_sent_on', 'details', 'deleted_at']).execute();
}

/** The cases answered on or before `on` (trash included), through the requests_response index (migration 0012). */
export function listRequestsClosedBy(db: Reader, on: string) {
  return db.selectFrom('requests').select(['id', 'reference', 'response_sent_on', 'details', 'deleted_at']).where('response_sent_on', '<=', on).execute();
}

/** The given cases (trash included), for the identity documents' parents. */
export async function listRequestsForRetentionByIds(db: Reader, ids: readonly string[]) {
  const out: Array<{ id: string; reference: string; response_sent_on: string | null; details: string; deleted_at: string | null }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(...(await db.selectFrom('requests').select(['id', 'reference', 'response_sent_on', 'details', 'deleted_at']).where('id', 'in', ids.slice(i, i + 500)).execute()));
  }
  return out;
}

/** Identity documents still holding their file. */
export function listIdentityDocuments(db: Reader) {
  return db
    .selectFrom('request_attachments')
    .select(['id', 'request_id', 'file_name', 'created_at'])
    .where('purpose', '=', 'identity-document')
    .where('content', '!=', '')
    .execute();
}

/** Attachment ids of a case whose file is still held. */
export async function heldAttachmentIds(db: Reader, requestId: string): Promise<string[]> {
  return (await db.selectFrom('request_attachments').select('id').where('request_id', '=', requestId).where('content', '!=', '').execute()).map((r) => r.id);
}

export async function eventIdsOf(db: Reader, requestId: string): Promise<string[]> {
  return (await db.selectFrom('request_events').select('id').where('request_id', '=', requestId).execute()).map((r) => r.id);
}

export function listBreachesForRetention(db: Reader) {
  return db.selectFrom('breaches').select(['id', 'reference', 'status', 'details', 'updated_at']).execute();
}

/** The day a breach was last marked closed, read from its change log (status is a column). */
export async function breachClosedAt(db: Reader, id: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('change_log')
    .select('at')
    .where('table_name', '=', 'breaches')
    .where('row_id', '=', id)
    .where('fields', 'like', '%"status":"closed"%')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.at;
}

/** breachClosedAt for many breaches in one pass over their change-log entries (the latest closing of each). */
export async function breachesClosedAt(db: Reader, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('change_log')
      .select(['row_id', 'at'])
      .where('table_name', '=', 'breaches')
      .where('row_id', 'in', ids.slice(i, i + 500))
      .where('fields', 'like', '%"status":"closed"%')
      .orderBy('seq', 'asc')
      .execute();
    // Ascending: the last one seen for a breach is its latest closing.
    for (const r of rows) out.set(r.row_id, r.at);
  }
  return out;
}

export function listVendorsForRetention(db: Reader) {
  return db.selectFrom('vendors').select(['id', 'name', 'details']).execute();
}

/**
 * The vendors (trash included) whose details record the end of the relationship as text: the only ones
 * a retention rule can make due (a value that is not text, or details that are not JSON, give no trigger).
 */
export function listEndedVendorsForRetention(db: Reader) {
  return db
    .selectFrom('vendors')
    .select(['id', 'name', 'details'])
    .where(sql<boolean>`CASE WHEN json_valid(details) THEN json_type(details, '$.relationshipEndedOn') = 'text' ELSE 0 END`)
    .execute();
}

export function listActivitiesForRetention(db: Reader) {
  return db.selectFrom('activities').select(['id', 'reference', 'name', 'owner', 'details', 'created_at']).where('deleted_at', 'is', null).execute();
}

/** The JSON details of a row a retention purge rewrites (read inside the purge's transaction). */
export async function detailsOf(db: Reader, table: 'requests' | 'breaches' | 'vendors', id: string): Promise<string> {
  const r = await (db as Kysely<DB>).selectFrom(table).select('details').where('id', '=', id).executeTakeFirst();
  return r?.details ?? '{}';
}
