/**
 * The stored completeness of the register's activities (migration 0013, issue 11): the dashboard's
 * register figures and the Today list read one small row per activity instead of parsing and
 * checking every activity against the vendor register after each unlock (1,000 activities and
 * 1,000 vendors: most of the dashboard's first call).
 *
 * What is stored is the completeness against the vendor register with the review-date rule left out
 * (domain/register/completeness.ts completenessWithoutReview): that rule is the only one that depends
 * on the day, and it is applied when read (scoreWithReview). The index is derived, like
 * request_index and breach_index: never logged nor synced, recomputed in the transaction of every
 * write (Workspace.mutate, applyRemote) of the activity or of a vendor its check read, and for every
 * activity when the key (index format, completeness rules' version) changes or rows are missing.
 */
import type { Kysely, Transaction } from 'kysely';
import { completenessWithoutReview, scoreWithReview } from '../domain/register/completeness';
import { vendorsForActivity, type RegisterVendor } from '../domain/register/vendor-links';
import type { ActivitiesTable, ActivityIndexTable, DB, VendorsTable } from '../db/schema';
import {
  activityIdsListedBy,
  activityIdsReading,
  activityIndexCounts,
  activityIndexRows,
  clearActivityIndex,
  deleteActivityIndex,
  liveActivityRows,
  liveVendorRows,
  liveVendorRowsFor,
  upsertActivityIndex,
} from '../db/repositories/activity-index';
import { rowsByIds } from '../db/repositories/rows-by-ids';
import { getMeta, setMeta } from '../db/repositories/meta';
import type { WriteResult } from '../db/write';
import { registerVendorOf, rowToActivity } from './register';
import { rowToVendor } from './vendors';

type Db = Kysely<DB> | Transaction<DB>;

/** Bump when a completeness rule changes (domain/register/completeness.ts): every stored row is recomputed at the next read. */
export const REGISTER_CHECK_VERSION = 1;
const INDEX_FORMAT = 1;
const META_KEY = 'activity_index_key';
/** Also written by migration 0013 for a register without live activities (keep the two equal: a test checks it). */
export const ACTIVITY_INDEX_KEY = JSON.stringify({ format: INDEX_FORMAT, rules: REGISTER_CHECK_VERSION });
const KEY = ACTIVITY_INDEX_KEY;
/** Above this many activities refreshed at once, every live vendor is read (one pass) rather than those listing them. */
const ALL_VENDORS_FROM = 200;
/** Activities refreshed per chunk (read, checked, stored): memory stays flat over a bulk write. */
const REFRESH_CHUNK = 500;

function indexRow(row: ActivitiesTable, subset: ReturnType<typeof vendorsForActivity>, details?: unknown): ActivityIndexTable {
  const activity = rowToActivity(row, details);
  const read = subset(row.id, activity);
  const parts = completenessWithoutReview(activity, { activityId: row.id, vendors: read });
  const vendorIds = new Set<string>(read.map((v) => v.id));
  // A processor naming a vendor record that does not exist (yet) depends on it too.
  for (const p of activity.processors) if (p.vendorId) vendorIds.add(p.vendorId);
  return {
    activity_id: row.id,
    reference: row.reference,
    name: row.name,
    status: row.status,
    review_date: row.review_date,
    review_check: parts.reviewDate,
    check_weight: parts.weight,
    check_earned: parts.earned,
    errors: parts.errors,
    warnings: parts.warnings,
    dpia_required: parts.dpiaRequired ? 1 : 0,
    vendor_ids: JSON.stringify([...vendorIds].sort()),
    index_key: KEY,
  };
}

function registerVendors(rows: readonly VendorsTable[]): RegisterVendor[] {
  return rows.map((r) => registerVendorOf(r.id, rowToVendor(r)));
}

type VendorSubset = ReturnType<typeof vendorsForActivity>;

/** Each activity's vendors picked from every live vendor (read once). */
async function allVendorsSubset(db: Db): Promise<VendorSubset> {
  return vendorsForActivity(registerVendors(await liveVendorRows(db)));
}

/** The index rows of `rows`, checked against `ofAllVendors` when given, else against the vendors that list them or they name. */
async function rowsFor(db: Db, rows: readonly ActivitiesTable[], strict: boolean, ofAllVendors?: VendorSubset): Promise<ActivityIndexTable[]> {
  if (rows.length === 0) return [];
  // Each row's details parsed once, for the vendors it names and for its check (undefined: does not parse).
  const details: unknown[] = rows.map((r) => {
    try {
      return JSON.parse(r.details) as unknown;
    } catch {
      return undefined;
    }
  });
  let subset = ofAllVendors;
  if (!subset) {
    const linked = new Set<string>();
    for (const d of details) {
      const processors = (d as { processors?: unknown } | null | undefined)?.processors;
      if (Array.isArray(processors)) for (const p of processors) if (p && typeof (p as { vendorId?: unknown }).vendorId === 'string') linked.add((p as { vendorId: string }).vendorId);
    }
    subset = vendorsForActivity(registerVendors(await liveVendorRowsFor(db, rows.map((r) => r.id), [...linked])));
  }
  if (strict) return rows.map((r, i) => indexRow(r, subset, details[i]));
  // Inside a write: an activity this version cannot read (a colleague's newer version wrote it, a
  // damaged value) never blocks the write. It gets no row, so the next read finds the index short and
  // rebuilds it strictly, failing as reading the register fails (RegisterService.list).
  const out: ActivityIndexTable[] = [];
  for (let i = 0; i < rows.length; i++) {
    try {
      out.push(indexRow(rows[i]!, subset, details[i]));
    } catch {
      /* no row: see above */
    }
  }
  return out;
}

/**
 * The activities row an insert of this transaction wrote (db/write.ts WriteResult.inserted), when
 * it names every column the index reads with a text value: the table is STRICT and all TEXT, so the
 * row as bound is the row as stored. Undefined otherwise (a column left to its SQL default, say):
 * that row is read back.
 */
export function insertedActivityRow(id: string, w: NonNullable<WriteResult['inserted']>): ActivitiesTable | undefined {
  const s = w.stored;
  const text = (v: unknown): v is string => typeof v === 'string';
  // (review_date has no SQL default: not bound, it is NULL.)
  const review = s.review_date === undefined ? null : s.review_date;
  if (!text(s.reference) || !text(s.name) || !text(s.role) || !text(s.status) || !text(s.owner) || !text(s.details) || !(review === null || text(review))) return undefined;
  return { id, created_at: w.at, updated_at: w.at, deleted_at: null, hlc: w.hlc, reference: s.reference, name: s.name, role: s.role as ActivitiesTable['role'], status: s.status as ActivitiesTable['status'], owner: s.owner, review_date: review, details: s.details };
}

/**
 * Recomputes the stored completeness of the given activities and of those a write of the given
 * vendors can change (inside the writer's transaction): the activities whose check read the vendor
 * (it listed them, or they name it) and those it lists now.
 */
export async function refreshActivityIndex(trx: Db, activityIds: readonly string[], vendorIds: readonly string[] = [], inserted?: ReadonlyMap<string, ActivitiesTable>): Promise<void> {
  if (activityIds.length === 0 && vendorIds.length === 0) return;
  const ids = new Set(activityIds);
  for (const id of await activityIdsReading(trx, vendorIds)) ids.add(id);
  for (const id of await activityIdsListedBy(trx, vendorIds)) ids.add(id);
  if (ids.size === 0) return;
  const list = [...ids];
  const ofAllVendors = list.length > ALL_VENDORS_FROM ? await allVendorsSubset(trx) : undefined;
  // A chunk at a time, read, checked and stored before the next: a bulk write of 20,000 activities
  // held every row and its index row alive at once, for the collector to copy (measured: 246 → 198 ms
  // of young and 31 → 16 ms of full collections over two such writes). The vendors, which these
  // writes do not change, are read once.
  for (let i = 0; i < list.length; i += REFRESH_CHUNK) {
    const chunk = list.slice(i, i + REFRESH_CHUNK);
    // Rows this transaction inserted and did not write again are taken as written (insertedActivityRow), the others read.
    const toRead = inserted ? chunk.filter((id) => !inserted.has(id)) : chunk;
    const read = toRead.length ? await rowsByIds(trx, 'activities', toRead) : [];
    const live = (toRead.length === chunk.length ? read : [...chunk.flatMap((id) => inserted?.get(id) ?? []), ...read]).filter((r) => !r.deleted_at);
    const rows = await rowsFor(trx, live, false, ofAllVendors);
    // Trashed, gone or unreadable: no row.
    const gone = new Set(chunk);
    for (const r of rows) gone.delete(r.activity_id);
    if (gone.size) await deleteActivityIndex(trx, [...gone]);
    await upsertActivityIndex(trx, rows);
  }
}

/**
 * Makes the index current: rebuilds every row when the key changed or the rows do not match the live
 * activities (a workspace from before migration 0013). Returns whether it rebuilt.
 */
export async function ensureActivityIndex(db: Kysely<DB>): Promise<boolean> {
  if ((await getMeta(db, META_KEY)) === KEY) {
    const c = await activityIndexCounts(db);
    if (c.activities === c.indexed) return false;
  }
  await db.transaction().execute(async (trx) => {
    await clearActivityIndex(trx);
    await upsertActivityIndex(trx, await rowsFor(trx, await liveActivityRows(trx), true, await allVendorsSubset(trx)));
    await setMeta(trx, META_KEY, KEY);
  });
  return true;
}

export interface StoredActivityCheck {
  id: string;
  reference: string;
  name: string;
  status: ActivitiesTable['status'];
  reviewDate: string | null;
  score: number;
  errors: number;
  warnings: number;
  dpiaRequired: boolean;
}

/** Every live activity's completeness on `today`, from the index (made current first). */
export async function storedActivityChecks(db: Kysely<DB>, today: string): Promise<StoredActivityCheck[]> {
  await ensureActivityIndex(db);
  return (await activityIndexRows(db)).map((x) => {
    const { score, reviewOverdue } = scoreWithReview({ weight: x.check_weight, earned: x.check_earned, reviewDate: x.review_check }, today);
    return {
      id: x.activity_id,
      reference: x.reference,
      name: x.name,
      status: x.status as ActivitiesTable['status'],
      reviewDate: x.review_date,
      score,
      errors: x.errors,
      warnings: x.warnings + (reviewOverdue ? 1 : 0),
      dpiaRequired: x.dpia_required === 1,
    };
  });
}
