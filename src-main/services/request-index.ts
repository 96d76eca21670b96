/**
 * The stored deadlines of rights requests (migration 0007) and the paged, filtered, sorted list
 * read from them in SQL (performance issue: 100,000 cases; one page of 50 must not compute every
 * case). The index is derived: Workspace.mutate refreshes the cases a transaction wrote, and any
 * read first checks the index key (engine version, holiday data, profile jurisdiction, response
 * targets) and rebuilds every row when it changed. The explanation ("why this date?") is computed
 * only for the case that is opened.
 */
import { createRequire } from 'node:module';
import type { Kysely, Transaction } from 'kysely';
import { compareDates } from '../domain/calendar';
import { RIGHTS, type DsarCase } from '../domain/requests/case';
import { normalize } from '../domain/search';
import { dsarDueDates } from '../domain/dsar-deadlines';
import type { OrgProfile } from '../domain/org-profile';
import { targetOf, targetsFromRows, type ResponseTargets } from '../domain/retention/rules';
import type { DB, RequestIndexTable, RequestsTable } from '../db/schema';
import { allRequestRows, changeMark, clearRequestIndex, requestIndexCounts, requestsByIds, upsertRequestIndex } from '../db/repositories/request-index';
export { queryRequestPage, type PageQuery } from '../db/repositories/request-index';
import { getMeta, setMeta } from '../db/repositories/meta';
import { listResponseTargets } from '../db/repositories/retention';
import { readOrgProfile } from '../db/repositories/org-profile';
import { DEFAULT_ORG_PROFILE } from '../domain/org-profile';
import { rowToCase } from './requests';
import { rowKeyOf } from './index-key';

/**
 * The holiday data's version, part of the index key. Read with require: the Electron build keeps
 * date-holidays external and drops the import's `with { type: 'json' }`, and Node refuses a JSON
 * module imported without it (ERR_IMPORT_ATTRIBUTE_MISSING) — the main process and the job worker
 * would not start.
 */
const HOLIDAYS_VERSION = (createRequire(import.meta.url)('date-holidays/package.json') as { version: string }).version;

type Db = Kysely<DB> | Transaction<DB>;

/** Bump when the deadline engine's rules change: every stored deadline is recomputed at the next read. */
export const DEADLINE_ENGINE_VERSION = 1;
/**
 * Bump when the index gains or changes a derived column (2: awaiting_identity and search_text, migration
 * 0010; live and rights_mask, migration 0011): part of the key, so rows written before are rebuilt at the next read.
 */
export const REQUEST_INDEX_FORMAT = 3;
const META_KEY = 'request_index_key';
/** The key under which every case was last found indexed (a rebuild, or migration 0013's count). */
const COMPLETE_META_KEY = 'request_index_complete';

/** What every stored deadline depends on besides its case: the profile (jurisdiction), the response targets, and the index key they make. */
export interface RequestIndexContext {
  profile: OrgProfile;
  targets: ResponseTargets;
  key: string;
}

/** The context as `db` (a transaction) sees it now. */
export function requestIndexContext(db: Db): Promise<RequestIndexContext> {
  return indexContext(db);
}

async function indexContext(db: Db): Promise<RequestIndexContext> {
  const profile = (await readOrgProfile(db)) ?? DEFAULT_ORG_PROFILE;
  const targets = targetsFromRows(await listResponseTargets(db));
  const key = JSON.stringify({ format: REQUEST_INDEX_FORMAT, rights: RIGHTS, engine: DEADLINE_ENGINE_VERSION, holidays: HOLIDAYS_VERSION, jurisdiction: profile.jurisdiction, targets });
  return { profile, targets, key };
}

/** Bit i set when the case asks for RIGHTS[i] (RIGHTS is part of the index key). */
export function rightsMask(rights: readonly string[]): number {
  let m = 0;
  for (const r of rights) {
    const i = (RIGHTS as readonly string[]).indexOf(r);
    if (i >= 0) m |= 1 << i;
  }
  return m;
}

function indexRow(row: RequestsTable, profile: OrgProfile, targets: ResponseTargets, key: string, known?: DsarCase): RequestIndexTable {
  const c = known ?? rowToCase(row);
  // The dates only: the explanation is computed when the case is opened.
  const d = dsarDueDates({
    received: c.receivedOn,
    jurisdiction: c.jurisdiction || profile.jurisdiction,
    lang: 'en',
    ...(c.identity.requestedOn ? { infoRequestedOn: c.identity.requestedOn } : {}),
    ...(c.identity.requestedOn && c.identity.receivedOn ? { infoReceivedOn: c.identity.receivedOn } : {}),
  });
  const extended = Boolean(c.extension.decidedOn);
  const notified = c.extension.notifiedOn ?? null;
  return {
    request_id: row.id,
    received_on: c.receivedOn,
    one_month: d.oneMonth,
    three_months: d.threeMonths,
    notice_by: d.extensionNoticeBy,
    extended: extended ? 1 : 0,
    notified_ok: extended && notified && compareDates(notified, d.extensionNoticeBy) <= 0 ? 1 : 0,
    notice_pending: extended && !notified ? 1 : 0,
    closed: c.response.sentOn ? 1 : 0,
    response_sent_on: c.response.sentOn ?? null,
    target_on: targetOf(c.rights, c.receivedOn, targets)?.on ?? null,
    index_key: rowKeyOf(key),
    live: row.deleted_at ? 0 : 1,
    rights_mask: rightsMask(c.rights),
    awaiting_identity: c.identity.requestedOn && !c.identity.receivedOn && !c.response.sentOn ? 1 : 0,
    search_text: normalize(`${row.reference} ${row.requester_name}`),
    reference: row.reference,
    requester_name: row.requester_name,
    extension_notified_on: notified,
    sort_key: storedSortKey({ closed: c.response.sentOn ?? null, extended, notifiedOk: extended && notified !== null && compareDates(notified, d.extensionNoticeBy) <= 0, pending: extended && !notified, oneMonth: d.oneMonth, threeMonths: d.threeMonths }),
  };
}

/**
 * The deadline order key of a case when it does not depend on the day (repositories/request-index.ts
 * SORT_KEY, migration 0012): closed, '1' + the answer date inverted (latest first); open, '0' + the
 * due date in force; null for an open case whose extension notice is still pending.
 */
export function storedSortKey(x: { closed: string | null; extended: boolean; notifiedOk: boolean; pending: boolean; oneMonth: string; threeMonths: string }): string | null {
  if (x.closed) return `1${String(99999999 - Number(x.closed.replaceAll('-', ''))).padStart(8, '0')}`;
  if (x.extended && !x.notifiedOk && x.pending) return null;
  return `0${x.extended && x.notifiedOk ? x.threeMonths : x.oneMonth}`;
}

/**
 * Recomputes the stored deadlines of the given cases (inside the writer's transaction). `context`:
 * the one the transaction read already (Workspace.mutate reads it once per transaction and drops it
 * when the transaction writes the profile or the targets). `known`: cases as their writer validated
 * them, each the very case its row was written from (Writer.caseInserted), used instead of parsing
 * the row back.
 */
export async function refreshRequestIndex(trx: Db, ids: readonly string[], context?: RequestIndexContext, known?: ReadonlyMap<string, DsarCase>): Promise<void> {
  if (ids.length === 0) return;
  const { profile, targets, key } = context ?? (await indexContext(trx));
  const rows = await requestsByIds(trx, ids);
  await upsertRequestIndex(trx, rows.map((r) => indexRow(r, profile, targets, key, known?.get(r.id))));
}

/**
 * Makes the index current: rebuilds every row when the key changed (rules, holidays, jurisdiction,
 * targets) or rows are missing (a workspace from before migration 0007). Returns whether it rebuilt.
 */
export async function ensureRequestIndex(db: Kysely<DB>): Promise<boolean> {
  // Nothing written since the last check found the index current (by this connection: total_changes;
  // by another process: data_version): it still is, and counting 100,000 cases again is skipped.
  const mark = await changeMark(db);
  if (CHECKED.get(db) === mark) return false;
  const { key } = await indexContext(db);
  const stored = await getMeta(db, META_KEY);
  // Rows are counted once per connection and key: from then on every write keeps the index in its
  // own transaction (Workspace.mutate, applyRemote), so a write does not make the next read count
  // 100,000 cases again; a change of key (rules, holidays, jurisdiction, targets) still rebuilds.
  // Complete under this key: proved by this connection's count, or recorded by the rebuild (or by
  // migration 0013's count) that wrote every row — from then on every write keeps one row per case in
  // its own transaction (no write path deletes a case), so each unlock does not count 100,000 cases again.
  if (stored === key && (COMPLETE.get(db) === key || (await getMeta(db, COMPLETE_META_KEY)) === key)) {
    CHECKED.set(db, mark);
    COMPLETE.set(db, key);
    return false;
  }
  const c = await requestIndexCounts(db);
  if (stored === key && c.cases === c.indexed) {
    CHECKED.set(db, mark);
    COMPLETE.set(db, key);
    return false;
  }
  await db.transaction().execute(async (trx) => {
    const ctx = await indexContext(trx);
    await clearRequestIndex(trx);
    const all = await allRequestRows(trx);
    await upsertRequestIndex(trx, all.map((r) => indexRow(r, ctx.profile, ctx.targets, ctx.key)));
    await setMeta(trx, META_KEY, ctx.key);
    await setMeta(trx, COMPLETE_META_KEY, ctx.key);
  });
  CHECKED.set(db, await changeMark(db));
  COMPLETE.set(db, (await indexContext(db)).key);
  return true;
}

/**
 * The connections whose index was found current, with the change mark of that moment. Any write
 * moves the mark (total_changes counts every row this connection inserts, updates or deletes,
 * data_version moves when another connection commits), so a stale entry is never trusted.
 */
const CHECKED = new WeakMap<object, string>();
/** The connections whose index rows were counted complete, with the key they were counted under. */
const COMPLETE = new WeakMap<object, string>();


