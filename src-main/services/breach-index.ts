/**
 * The stored clocks of breaches (migration 0010): the breach list pages, the dashboard counts and
 * the Today list read them in SQL instead of loading and computing every breach (issue 11: 2,000
 * breaches). The index is derived: Workspace.mutate refreshes the breaches a transaction wrote, and
 * those linked to an activity it wrote (a processor activity's contract hours set their clock);
 * every read first checks the index key (clock engine version, the profile's notification hours)
 * and rebuilds every row when it changed or rows are missing.
 */
import type { Kysely, Transaction } from 'kysely';
import { computeBreach, type Breach } from '../domain/breaches/breach';
import { DEFAULT_ORG_PROFILE } from '../domain/org-profile';
import type { BreachesTable, BreachIndexTable, DB } from '../db/schema';
import { activityRefsByIds } from '../db/repositories/breaches';
import { allBreachRowsWithTrash, breachIdsLinkedTo, breachIndexCounts, breachRowsByIds, clearBreachIndex, upsertBreachIndex } from '../db/repositories/breach-index';
import { getMeta, setMeta } from '../db/repositories/meta';
import { breachesClosedAt } from '../db/repositories/retention';
import { readOrgProfile } from '../db/repositories/org-profile';
import { activityRefs, rowToBreach, type ActivityRef } from './breaches';
import { rowKeyOf } from './index-key';

type Db = Kysely<DB> | Transaction<DB>;

/** Bump when the breach clock's rules change (domain/breach-clock.ts, computeBreach): every stored clock is recomputed at the next read. */
export const BREACH_CLOCK_VERSION = 1;
/** 2: closed_at and purged (migration 0013), the retention list's trigger. */
const INDEX_FORMAT = 2;
const META_KEY = 'breach_index_key';
/** A moment after every deadline: a running clock that can be overdue then is (see `deadline_known`). */
const FAR_FUTURE = new Date(8.64e15);

async function indexContext(db: Db): Promise<{ hours: number; key: string }> {
  const profile = (await readOrgProfile(db)) ?? DEFAULT_ORG_PROFILE;
  const hours = profile.breach_notification_hours;
  return { hours, key: JSON.stringify({ format: INDEX_FORMAT, engine: BREACH_CLOCK_VERSION, hours }) };
}

/** Whether the breach is a processor's (Art. 33(2)) and the contract notice hours of its clients. */
export function processorContext(b: Breach, acts: readonly ActivityRef[]): { processor: boolean; clients: NonNullable<ActivityRef['clientNotice']> } {
  const processor = b.actingAsProcessor || b.activityIds.some((id) => acts.find((a) => a.id === id)?.role === 'processor');
  const clients = processor ? b.activityIds.flatMap((aid) => acts.find((a) => a.id === aid && a.role === 'processor')?.clientNotice ?? []) : [];
  return { processor, clients };
}

function indexRow(row: BreachesTable, acts: readonly ActivityRef[], hours: number, key: string, closedAt: string | undefined, purged: boolean): BreachIndexTable {
  const b = rowToBreach(row);
  const ctx = processorContext(b, acts);
  // Everything stored is independent of the moment; `now` only sets remainingMs and overdue.
  const c = computeBreach(b, { hours, now: new Date(0), ...ctx });
  const first = [...b.notifications].sort((x, y) => x.sentAt.localeCompare(y.sentAt))[0];
  return {
    breach_id: row.id,
    reference: row.reference,
    live: row.deleted_at ? 0 : 1,
    status: b.status,
    aware_at: row.aware_at,
    severity_level: b.severity?.level ?? null,
    processor: c.processor ? 1 : 0,
    notify_by: c.notifyBy,
    notify_by_ms: Date.parse(c.notifyBy),
    // A running clock can be overdue: the authority's, or a processor's with a contractual period.
    deadline_known: c.clock === 'authority' || computeBreach(b, { hours, now: FAR_FUTURE, ...ctx }).overdue ? 1 : 0,
    clock_running: c.clockRunning ? 1 : 0,
    notified: c.firstNotifiedAt ? 1 : 0,
    notified_late: c.notifiedLate ? 1 : 0,
    delay_reasons_missing: c.notifiedLate && !first?.delayReasons.trim() ? 1 : 0,
    pending_follow_ups: b.followUps.filter((f) => !f.done).length,
    activity_ids: JSON.stringify(b.activityIds),
    // The retention rule's trigger (services/retention.ts): the latest closing in the log, else the last update.
    closed_at: row.status === 'closed' ? (closedAt ?? row.updated_at) : null,
    purged: purged ? 1 : 0,
    index_key: rowKeyOf(key),
  };
}

async function rowsFor(db: Db, rows: BreachesTable[], hours: number, key: string): Promise<BreachIndexTable[]> {
  const linked = new Set<string>();
  const parsed = rows.map((r) => {
    const details = JSON.parse(r.details) as { activityIds?: unknown; purge?: unknown } | null;
    const ids = details?.activityIds;
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') linked.add(id);
    return { r, purged: details !== null && typeof details === 'object' && !Array.isArray(details) && details.purge !== undefined };
  });
  const acts = activityRefs(await activityRefsByIds(db, [...linked]));
  const closedAt = await breachesClosedAt(db, rows.filter((r) => r.status === 'closed').map((r) => r.id));
  return parsed.map(({ r, purged }) => indexRow(r, acts, hours, key, closedAt.get(r.id), purged));
}

/** Recomputes the stored clocks of the given breaches and of those linked to the given activities (inside the writer's transaction). */
export async function refreshBreachIndex(trx: Db, breachIds: readonly string[], activityIds: readonly string[] = []): Promise<void> {
  if (breachIds.length === 0 && activityIds.length === 0) return;
  const ids = new Set(breachIds);
  for (const id of await breachIdsLinkedTo(trx, activityIds)) ids.add(id);
  if (ids.size === 0) return;
  const { hours, key } = await indexContext(trx);
  await upsertBreachIndex(trx, await rowsFor(trx, await breachRowsByIds(trx, [...ids]), hours, key));
}

/** Whether every breach has its stored row under the current key (read only: nothing is rebuilt). */
export async function breachIndexCurrent(db: Kysely<DB>): Promise<boolean> {
  const { key } = await indexContext(db);
  if ((await getMeta(db, META_KEY)) !== key) return false;
  const c = await breachIndexCounts(db);
  return c.breaches === c.indexed;
}

/**
 * Makes the index current: rebuilds every row when the key changed (clock rules, notification
 * hours) or rows are missing (a workspace from before migration 0010). Returns whether it rebuilt.
 */
export async function ensureBreachIndex(db: Kysely<DB>): Promise<boolean> {
  const { key } = await indexContext(db);
  const stored = await getMeta(db, META_KEY);
  const c = await breachIndexCounts(db);
  if (stored === key && c.breaches === c.indexed) return false;
  await db.transaction().execute(async (trx) => {
    const ctx = await indexContext(trx);
    await clearBreachIndex(trx);
    await upsertBreachIndex(trx, await rowsFor(trx, await allBreachRowsWithTrash(trx), ctx.hours, ctx.key));
    await setMeta(trx, META_KEY, ctx.key);
  });
  return true;
}
