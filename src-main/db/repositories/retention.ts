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

/**
 * A category of an activity whose first purge run provably falls after :dueBy (its JSON object, `c`,
 * of `json_each`): no active period at all, or a whole number of days, months or years counted from the
 * day before its activity's UTC creation day, with at least 28 days a month and 336 a year — never
 * later than services/retention.ts counts it (addPeriod from a day no earlier; every span of n months
 * is at least 28n days and of n years at least 336n: checked for every day from 1999 to 2033). Any
 * other shape is not proved (NULL counts as not proved).
 */
const categoryNotDue = (dueBy: string) => sql`coalesce(c.type = 'object' AND (
    json_type(c.value, '$.retention.activePeriod') IS NULL
    OR (json_type(c.value, '$.retention.activePeriod.value') = 'integer'
      AND json_extract(c.value, '$.retention.activePeriod.value') BETWEEN 0 AND 100000
      AND json_extract(c.value, '$.retention.activePeriod.unit') IN ('days', 'months', 'years')
      AND date(substr(a.created_at, 1, 10), '-1 day', '+' || (json_extract(c.value, '$.retention.activePeriod.value') *
        CASE json_extract(c.value, '$.retention.activePeriod.unit') WHEN 'days' THEN 1 WHEN 'months' THEN 28 ELSE 336 END) || ' days') > ${dueBy})), 0)`;

/**
 * listActivitiesForRetention without the activities that provably have no purge run due by `dueBy`
 * (Today's look-ahead of the purge schedule; the 1,000 activities of issue 11's scale are otherwise all
 * parsed after an unlock): retired ones, and those with a UTC creation stamp, no purge recorded and
 * every data category provably not due (categoryNotDue). Anything SQLite cannot judge (invalid
 * JSON, another shape) is kept and decided by the service as before.
 */
export async function listActivitiesForRetentionDueBy(db: Reader, dueBy: string) {
  const r = await sql<{ id: string; reference: string; name: string; owner: string; details: string; created_at: string }>`SELECT a.id, a.reference, a.name, a.owner, a.details, a.created_at FROM activities a
    WHERE a.deleted_at IS NULL AND NOT coalesce(json_valid(a.details) AND (json_extract(a.details, '$.status') IS 'retired' OR (
      json_type(a.details, '$.dataCategories') = 'array'
      AND substr(a.created_at, -1) IN ('Z', 'z')
      AND date(substr(a.created_at, 1, 10)) IS substr(a.created_at, 1, 10)
      AND NOT EXISTS (SELECT 1 FROM register_purges p WHERE p.activity_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM json_each(a.details, '$.dataCategories') c WHERE NOT ${categoryNotDue(dueBy)}))), 0)`.execute(db as Kysely<DB>);
  return r.rows;
}

/** The JSON details of a row a retention purge rewrites (read inside the purge's transaction). */
export async function detailsOf(db: Reader, table: 'requests' | 'breaches' | 'vendors', id: string): Promise<string> {
  const r = await (db as Kysely<DB>).selectFrom(table).select('details').where('id', '=', id).executeTakeFirst();
  return r?.details ?? '{}';
}
