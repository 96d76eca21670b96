/**
 * SQL of the stored clocks of breaches (migration 0010): upserts, the paged list, the dashboard's
 * counts and the breaches the Today list can show. The values are computed in
 * services/breach-index.ts; whether a running clock is overdue depends on the moment, so it is
 * decided here from `notify_by_ms` and the caller's `now`.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import { DomainError } from '../../domain/errors';
import type { BreachesTable, BreachIndexTable, DB } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

export async function upsertBreachIndex(db: Db, rows: BreachIndexTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('breach_index')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.column('breach_id').doUpdateSet((eb) => ({
          reference: eb.ref('excluded.reference'),
          live: eb.ref('excluded.live'),
          status: eb.ref('excluded.status'),
          aware_at: eb.ref('excluded.aware_at'),
          severity_level: eb.ref('excluded.severity_level'),
          processor: eb.ref('excluded.processor'),
          notify_by: eb.ref('excluded.notify_by'),
          notify_by_ms: eb.ref('excluded.notify_by_ms'),
          deadline_known: eb.ref('excluded.deadline_known'),
          clock_running: eb.ref('excluded.clock_running'),
          notified: eb.ref('excluded.notified'),
          notified_late: eb.ref('excluded.notified_late'),
          delay_reasons_missing: eb.ref('excluded.delay_reasons_missing'),
          pending_follow_ups: eb.ref('excluded.pending_follow_ups'),
          activity_ids: eb.ref('excluded.activity_ids'),
          closed_at: eb.ref('excluded.closed_at'),
          purged: eb.ref('excluded.purged'),
          index_key: eb.ref('excluded.index_key'),
        })),
      )
      .execute();
  }
}

export function breachRowsByIds(db: Db, ids: readonly string[]): Promise<BreachesTable[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('breaches').selectAll().where('id', 'in', [...ids]).execute();
}

export function allBreachRowsWithTrash(db: Db): Promise<BreachesTable[]> {
  return db.selectFrom('breaches').selectAll().execute();
}

export async function clearBreachIndex(db: Db): Promise<void> {
  await db.deleteFrom('breach_index').execute();
}

/** The breaches (indexed) that link to one of these activities: a processor activity's contract sets their clock. */
export async function breachIdsLinkedTo(db: Db, activityIds: readonly string[]): Promise<string[]> {
  if (activityIds.length === 0) return [];
  // Every (breach, linked activity) pair, matched here: one pass over the index whatever the number
  // of activities written (a bulk write of 20,000 bound as many parameters, and more than 32,766 fail).
  const wanted = new Set(activityIds);
  const r = await sql<{ breach_id: string; activity_id: unknown }>`SELECT x.breach_id, j.value AS activity_id FROM breach_index x, json_each(x.activity_ids) j`.execute(db);
  const out = new Set<string>();
  for (const x of r.rows) if (typeof x.activity_id === 'string' && wanted.has(x.activity_id)) out.add(x.breach_id);
  return [...out];
}

/** Breaches and index rows (a workspace from before 0010 has breaches and no index rows). */
export async function breachIndexCounts(db: Db): Promise<{ breaches: number; indexed: number }> {
  const r = await sql<{ breaches: number; indexed: number }>`SELECT (SELECT count(*) FROM breaches) AS breaches, (SELECT count(*) FROM breach_index) AS indexed`.execute(db);
  return r.rows[0]!;
}

/**
 * Order of the breach list (services/breaches.ts `list`): running clocks first, nearest deadline
 * first (a processor's clock without a contractual period counts as due now), then the others;
 * inside each, the most recent awareness first, then the reference (descending).
 */
const SORT_KEY = `CASE WHEN x.clock_running = 1 THEN '0' || printf('%016d', CASE WHEN x.deadline_known = 1 THEN x.notify_by_ms ELSE ? END) ELSE '1' END`;

function encodeCursor(key: string, awareAt: string, reference: string): string {
  return Buffer.from(JSON.stringify([key, awareAt, reference]), 'utf8').toString('base64url');
}
function decodeCursor(cursor: string): [string, string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'string')) return [v[0], v[1], v[2]];
  } catch {
    // fall through
  }
  throw new DomainError('invalid_input', 'This list cursor is not one Vigie gave: start again without a cursor.');
}

/**
 * One page of live breaches in the list's order, with the total and the next page's cursor (keyset
 * paging on (sort key, awareness, reference): a breach recorded meanwhile never makes another
 * appear twice or vanish).
 */
export async function queryBreachPage(db: Kysely<DB>, q: { nowMs: number; limit: number; cursor?: string }): Promise<{ rows: BreachesTable[]; total: number; nextCursor: string | null }> {
  const total = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM breach_index x JOIN breaches b ON b.id = x.breach_id WHERE x.live = 1 AND b.deleted_at IS NULL`.execute(db)).rows[0]?.n ?? 0);
  const limit = Math.max(1, Math.min(1000, Math.floor(q.limit)));
  const values: unknown[] = [q.nowMs];
  let after = '';
  if (q.cursor) {
    const [k, a, r] = decodeCursor(q.cursor);
    after = ` AND (sort_key > ? OR (sort_key = ? AND (b.aware_at < ? OR (b.aware_at = ? AND b.reference < ?))))`;
    values.push(k, k, a, a, r);
  }
  // sort_key is an output column: SQLite lets WHERE refer to it only through a subquery.
  const text = `SELECT * FROM (SELECT b.*, ${SORT_KEY} AS sort_key FROM breach_index x JOIN breaches b ON b.id = x.breach_id WHERE x.live = 1 AND b.deleted_at IS NULL) b WHERE 1${after} ORDER BY sort_key, b.aware_at DESC, b.reference DESC LIMIT ${limit + 1}`;
  const rows = (await db.executeQuery<BreachesTable & { sort_key: string }>(CompiledQuery.raw(text, values))).rows;
  const slice = rows.slice(0, limit);
  const last = slice[slice.length - 1];
  return {
    rows: slice.map(({ sort_key: _k, ...r }) => r as BreachesTable),
    total,
    nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.aware_at, last.reference) : null,
  };
}

/** The dashboard's breach figures, as aggregates over the stored clocks. */
export async function queryBreachCounts(db: Db, nowMs: number): Promise<{ byStatus: Record<string, number>; overdue: number; running: Array<{ id: string; reference: string; notifyBy: string }> }> {
  const byStatus: Record<string, number> = {};
  for (const r of (await sql<{ status: string; n: number }>`SELECT x.status, count(*) AS n FROM breach_index x WHERE x.live = 1 GROUP BY x.status`.execute(db)).rows) byStatus[r.status] = Number(r.n);
  const overdue = Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM breach_index x WHERE x.live = 1 AND x.clock_running = 1 AND x.deadline_known = 1 AND x.notify_by_ms < ${nowMs}`.execute(db)).rows[0]?.n ?? 0,
  );
  const running = (
    await sql<{ id: string; reference: string; notify_by: string }>`SELECT x.breach_id AS id, x.reference, x.notify_by FROM breach_index x WHERE x.live = 1 AND x.clock_running = 1 ORDER BY x.notify_by_ms, x.aware_at DESC, x.reference DESC`.execute(db)
  ).rows.map((r) => ({ id: r.id, reference: r.reference, notifyBy: r.notify_by }));
  return { byStatus, overdue, running };
}

/** The live breaches the Today list can show: a running clock, delay reasons to record, follow-ups not done. */
export async function todayBreachRows(db: Db): Promise<BreachesTable[]> {
  return (
    await sql<BreachesTable>`SELECT b.* FROM breach_index x JOIN breaches b ON b.id = x.breach_id WHERE x.live = 1 AND b.deleted_at IS NULL AND (x.clock_running = 1 OR x.delay_reasons_missing = 1 OR x.pending_follow_ups > 0) ORDER BY b.aware_at DESC, b.reference DESC`.execute(db)
  ).rows;
}

/** What the Today list shows of a breach, from its stored clock (migration 0011) and its row, no breach parsed. */
export interface TodayBreachFacts {
  id: string;
  reference: string;
  title: string;
  status: string;
  notify_by: string;
  notify_by_ms: number;
  clock_running: number;
  deadline_known: number;
  notified_late: number;
  delay_reasons_missing: number;
  /** The JSON of `followUps` in the breach's details (null when absent). */
  follow_ups: string | null;
}

/** The breaches todayBreachRows selects, as TodayBreachFacts, in the same order. */
export async function todayBreachFacts(db: Db): Promise<TodayBreachFacts[]> {
  return (
    await sql<TodayBreachFacts>`SELECT x.breach_id AS id, x.reference, b.title, x.status, x.notify_by, x.notify_by_ms, x.clock_running, x.deadline_known, x.notified_late, x.delay_reasons_missing,
      CASE WHEN json_valid(b.details) THEN json_extract(b.details, '$.followUps') END AS follow_ups
      FROM breach_index x JOIN breaches b ON b.id = x.breach_id WHERE x.live = 1 AND b.deleted_at IS NULL AND (x.clock_running = 1 OR x.delay_reasons_missing = 1 OR x.pending_follow_ups > 0) ORDER BY b.aware_at DESC, b.reference DESC`.execute(db)
  ).rows;
}

/**
 * The breaches (trash included) closed before `before` (an ISO date or instant, compared as text with
 * the stored instants), with their retention trigger and whether they were minimised (migration 0013).
 */
export async function breachesClosedBefore(db: Db, before: string): Promise<Array<{ id: string; reference: string; closed_at: string; purged: number }>> {
  const r = await sql<{ id: string; reference: string; closed_at: string; purged: number }>`SELECT x.breach_id AS id, x.reference, x.closed_at, x.purged FROM breach_index x INDEXED BY breach_index_closed WHERE x.closed_at IS NOT NULL AND x.closed_at < ${before}`.execute(db);
  return r.rows;
}
