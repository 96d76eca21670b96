/**
 * SQL of the stored deadlines of rights requests (migration 0007): upserts and the paged list read
 * (filters, sort and keyset cursor in SQL). The values are computed in services/request-index.ts.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import { addDays } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import { RIGHTS, type StatusFilter } from '../../domain/requests/case';
import type { DB, RequestIndexTable, RequestsTable } from '../schema';
import { upsertRows } from './upsert-rows';

type Db = Kysely<DB> | Transaction<DB>;

export async function upsertRequestIndex(db: Db, rows: RequestIndexTable[]): Promise<void> {
  // Every column of the rows replaced on conflict, compiled once (upsert-rows.ts).
  await upsertRows(db, 'request_index', 'request_id', rows);
}

export async function requestsByIds(db: Db, ids: readonly string[]): Promise<RequestsTable[]> {
  return db.selectFrom('requests').selectAll().where('id', 'in', [...ids]).execute();
}

export async function allRequestRows(db: Db): Promise<RequestsTable[]> {
  return db.selectFrom('requests').selectAll().execute();
}

export async function clearRequestIndex(db: Db): Promise<void> {
  await db.deleteFrom('request_index').execute();
}

/** Moves with every row this connection writes (total_changes) and every commit of another (data_version). */
export async function changeMark(db: Kysely<DB>): Promise<string> {
  const r = await sql<{ t: number; v: number }>`SELECT total_changes() AS t, (SELECT data_version FROM pragma_data_version) AS v`.execute(db);
  return `${r.rows[0]!.t}:${r.rows[0]!.v}`;
}

/** Cases and index rows (a workspace from before 0007 has cases and no index rows). */
export async function requestIndexCounts(db: Db): Promise<{ cases: number; indexed: number }> {
  const r = await sql<{ cases: number; indexed: number }>`SELECT (SELECT count(*) FROM requests) AS cases, (SELECT count(*) FROM request_index) AS indexed`.execute(db);
  return r.rows[0]!;
}


export interface PageQuery {
  status?: StatusFilter;
  right?: string;
  /** Text in the reference or the requester's name, already normalized (lower case, no accents: domain/search.ts). */
  text?: string;
  /** Due date in force on `today` within [dueFrom, dueTo] (the calendar's month), both inclusive. */
  dueFrom?: string;
  dueTo?: string;
  limit: number;
  cursor?: string;
  /** 'deadline' (default): open first by due date, closed by latest answer; 'received': newest receipt first. */
  sort?: 'deadline' | 'received';
  today: string;
}

/** The due date in force on `today` (an extension counts only if notified in time, or still notifiable). */
const EFFECTIVE_DUE = `CASE WHEN x.extended = 1 AND (x.notified_ok = 1 OR (x.notice_pending = 1 AND :today <= x.notice_by)) THEN x.three_months ELSE x.one_month END`;
const EFFECTIVE_EXTENDED = `(x.extended = 1 AND (x.notified_ok = 1 OR (x.notice_pending = 1 AND :today <= x.notice_by)))`;
/** Open cases first, nearest due date first; closed after, most recent answer first; then reference. */
const RECEIVED_KEY = `printf('%08d', 99999999 - CAST(replace(x.received_on, '-', '') AS INTEGER))`;
const SORT_KEY = `CASE WHEN x.closed = 1 THEN '1' || printf('%08d', 99999999 - CAST(replace(x.response_sent_on, '-', '') AS INTEGER)) ELSE '0' || ${EFFECTIVE_DUE} END`;

function statusWhere(status: StatusFilter | undefined): string {
  switch (status) {
    case undefined:
      return '1';
    case 'open':
      return 'x.closed = 0';
    case 'closed':
      return 'x.closed = 1';
    case 'overdue':
      return `x.closed = 0 AND ${EFFECTIVE_DUE} < :today`;
    case 'due-soon':
      return `x.closed = 0 AND ${EFFECTIVE_DUE} >= :today AND ${EFFECTIVE_DUE} <= :soon`;
    case 'extended':
      return `x.closed = 0 AND ${EFFECTIVE_DUE} > :soon AND ${EFFECTIVE_EXTENDED}`;
    case 'on-track':
      return `x.closed = 0 AND ${EFFECTIVE_DUE} > :soon AND NOT ${EFFECTIVE_EXTENDED}`;
    case 'target-missed':
      return `x.target_on IS NOT NULL AND CASE WHEN x.closed = 1 THEN x.response_sent_on > x.target_on ELSE :today > x.target_on END`;
    case 'awaiting-identity':
      return 'x.awaiting_identity = 1 AND x.closed = 0';
    case 'extension-notice':
      // domain/requests/case.ts extensionNoticeDue: decided, not notified, the notice limit not passed.
      return 'x.closed = 0 AND x.extended = 1 AND x.notice_pending = 1 AND :today <= x.notice_by';
  }
}

/** Named parameters (`:today`) to positional ones, in order of appearance. */
function bindNamed(text: string, params: Record<string, string>): { out: string; values: unknown[] } {
  const values: unknown[] = [];
  const out = text.replace(/:([a-z]+)/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`request index query: no value for :${name}`);
    values.push(params[name]);
    return '?';
  });
  return { out, values };
}

type SortName = 'deadline' | 'received';
const CURSOR_ERROR = 'This list cursor is not one Vigie gave for this sort order: start again from the first page (without a cursor).';

/** The cursor names its sort order, so one from another order is refused instead of skipping cases. */
function encodeCursor(sort: SortName, sortKey: string, reference: string): string {
  return Buffer.from(JSON.stringify([sort, sortKey, reference]), 'utf8').toString('base64url');
}
function decodeCursor(cursor: string, sort: SortName): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 3 && v[0] === sort && typeof v[1] === 'string' && typeof v[2] === 'string') return [v[1], v[2]];
  } catch {
    // fall through
  }
  throw new DomainError('invalid_input', CURSOR_ERROR, { field: 'cursor' });
}

/**
 * The part of a status filter the deadline index can range over (migration 0012 `sort_key`): for a
 * case whose key is stored, an open case's key is '0' + its due date in force and a closed one's starts
 * with '1', so each status below is a key range. Always implied by statusWhere (which is still applied):
 * it only lets SQLite read the index from the right place instead of every case.
 */
function storedKeyRange(status: StatusFilter | undefined): string {
  switch (status) {
    case 'open':
    case 'awaiting-identity':
      return `x.sort_key < '1'`;
    case 'closed':
      return `x.sort_key >= '1'`;
    case 'overdue':
      return `x.sort_key < '0' || :today`;
    case 'due-soon':
      return `x.sort_key >= '0' || :today AND x.sort_key <= '0' || :soon`;
    case 'extended':
    case 'on-track':
      return `x.sort_key > '0' || :soon AND x.sort_key < '1'`;
    case 'extension-notice':
      // Only a case whose notice is pending can need one, and those have no stored key.
      return '0';
    default:
      return '1';
  }
}

/** 'yyyy-mm-dd' back from RECEIVED_KEY (a cursor of the "newest receipt" order). */
function receivedOnOfKey(key: string): string {
  const n = String(99999999 - Number(key)).padStart(8, '0');
  return `${n.slice(0, 4)}-${n.slice(4, 6)}-${n.slice(6, 8)}`;
}

/**
 * One page of live cases, filtered and sorted in SQL, with the total matching the filter and the
 * cursor of the next page (keyset paging on (sort key, reference): a case inserted meanwhile never
 * makes another appear twice or vanish).
 *
 * Everything is read from request_index's own indexes (migration 0012), never from the cases: the
 * deadline order walks `request_index_page` (stored key) merged with the few cases whose key depends
 * on the day (`request_index_pending`); the newest-receipt order walks `request_index_received`; the
 * total counts the covering index. Only the page's rows are then read from `requests`.
 */
export async function queryRequestPage(db: Kysely<DB>, q: PageQuery): Promise<{ rows: RequestsTable[]; total: number; nextCursor: string | null }> {
  const params: Record<string, string> = { today: q.today, soon: addDays(q.today, 7) };
  const where = [statusWhere(q.status)];
  if (q.right) {
    const bit = (RIGHTS as readonly string[]).indexOf(q.right);
    where.push(bit < 0 ? '0' : `((x.rights_mask >> ${bit}) & 1) = 1`);
  }
  if (q.text) {
    // instr, not LIKE: no wildcard in the person's text to escape.
    where.push(`instr(x.search_text, :text) > 0`);
    params.text = q.text;
  }
  if (q.dueFrom) {
    where.push(`${EFFECTIVE_DUE} >= :duefrom`);
    params.duefrom = q.dueFrom;
  }
  if (q.dueTo) {
    where.push(`${EFFECTIVE_DUE} <= :dueto`);
    params.dueto = q.dueTo;
  }
  const filter = where.join(' AND ');
  const range = storedKeyRange(q.status);
  const stored = `FROM request_index x INDEXED BY request_index_page WHERE x.live = 1 AND x.sort_key IS NOT NULL AND ${range} AND ${filter}`;
  const pending = `FROM request_index x INDEXED BY request_index_pending WHERE x.live = 1 AND x.sort_key IS NULL AND ${filter}`;
  const bind = (text: string) => bindNamed(text, params);
  const total = bind(`SELECT (SELECT count(*) ${stored}) + (SELECT count(*) ${pending}) AS n`);
  const n = Number((await db.executeQuery<{ n: number }>(CompiledQuery.raw(total.out, total.values))).rows[0]?.n ?? 0);
  const sort: SortName = q.sort === 'received' ? 'received' : 'deadline';
  const limit = Math.max(1, Math.min(1000, Math.floor(q.limit)));
  let pageText: string;
  if (sort === 'received') {
    let after = '';
    if (q.cursor) {
      const [k, ref] = decodeCursor(q.cursor, sort);
      params.cd = receivedOnOfKey(k);
      params.cr = ref;
      // key ascending = receipt descending; then reference descending (the order of the key's inversion).
      after = ` AND (x.received_on, x.reference) < (:cd, :cr)`;
    }
    pageText = `SELECT x.request_id, x.reference, ${RECEIVED_KEY} AS k FROM request_index x INDEXED BY request_index_received WHERE x.live = 1 AND ${filter}${after} ORDER BY x.received_on DESC, x.reference DESC LIMIT ${limit + 1}`;
  } else {
    let afterStored = '';
    let afterPending = '';
    if (q.cursor) {
      const [k, ref] = decodeCursor(q.cursor, sort);
      params.ck = k;
      params.cr = ref;
      afterStored = ` AND (x.sort_key, x.reference) > (:ck, :cr)`;
      afterPending = ` AND (${SORT_KEY}, x.reference) > (:ck, :cr)`;
    }
    pageText = `SELECT request_id, reference, k FROM (SELECT x.request_id, x.reference, x.sort_key AS k ${stored}${afterStored} ORDER BY x.sort_key, x.reference LIMIT ${limit + 1})
      UNION ALL SELECT request_id, reference, k FROM (SELECT x.request_id, x.reference, ${SORT_KEY} AS k ${pending}${afterPending} ORDER BY k, x.reference LIMIT ${limit + 1})
      ORDER BY k, reference LIMIT ${limit + 1}`;
  }
  const page = bind(pageText);
  const keys = (await db.executeQuery<{ request_id: string; reference: string; k: string }>(CompiledQuery.raw(page.out, page.values))).rows;
  const more = keys.length > limit;
  const slice = keys.slice(0, limit);
  const byId = new Map((slice.length ? await db.selectFrom('requests').selectAll().where('id', 'in', slice.map((r) => r.request_id)).execute() : []).map((r) => [r.id, r]));
  const last = slice[slice.length - 1];
  return {
    rows: slice.map((x) => byId.get(x.request_id)).filter((r): r is RequestsTable => r !== undefined),
    total: n,
    nextCursor: more && last ? encodeCursor(sort, last.k, last.reference) : null,
  };
}

/** The counts behind the requests summary (dashboard), over live cases, as of `today`. */
export interface RequestCounts {
  open: number;
  overdue: number;
  dueThisWeek: number;
  awaitingIdentity: number;
  extensionNoticesDue: number;
  /** Answered in (since, today]: how many, and how many by their due date. */
  answered: number;
  onTime: number;
  /** Answered after `since` with an internal target: how many, and how many by the target. */
  targetAnswered: number;
  onTarget: number;
  targetMissedOpen: number;
  /** Cases asking for RIGHTS[i], by bit. */
  rightBits: number[];
  /** Days from receipt to answer of the cases answered in (since, today], as a histogram. */
  daysHistogram: Array<{ days: number; n: number }>;
}

/**
 * The requests summary as SQL aggregates over the stored deadlines (the open cases' index entries and
 * migration 0016's counts; no case is parsed). The predicates are the ones of domain/requests/case.ts `summarize`,
 * `onTargetRate` and `targetMissed`; services/requests.test.ts compares both on generated cases.
 */
export async function queryRequestCounts(db: Db, q: { today: string; soon: string; since: string; rights: number }): Promise<RequestCounts> {
  // The open cases from the index (stored keys below '1', and the pending-notice ones); the year of
  // answers and the rights from migration 0016's counts.
  const params = { today: q.today, soon: q.soon, since: q.since };
  const cols = `x.closed, x.extended, x.notified_ok, x.notice_pending, x.notice_by, x.one_month, x.three_months, x.awaiting_identity, x.target_on, x.response_sent_on, x.received_on`;
  const open = `SELECT ${cols} FROM request_index x INDEXED BY request_index_page WHERE x.live = 1 AND x.sort_key < '1'
    UNION ALL SELECT ${cols} FROM request_index x INDEXED BY request_index_pending WHERE x.live = 1 AND x.sort_key IS NULL`;
  const counts = bindNamed(
    `SELECT
      sum(x.closed = 0) AS open,
      sum(x.closed = 0 AND ${EFFECTIVE_DUE} < :today) AS overdue,
      sum(x.closed = 0 AND ${EFFECTIVE_DUE} >= :today AND ${EFFECTIVE_DUE} <= :soon) AS due_this_week,
      sum(x.closed = 0 AND x.awaiting_identity = 1) AS awaiting_identity,
      sum(x.closed = 0 AND x.notice_pending = 1 AND :today <= x.notice_by) AS extension_notices_due,
      sum(x.closed = 0 AND x.target_on IS NOT NULL AND :today > x.target_on) AS target_missed_open
    FROM (${open}) x`,
    params,
  );
  const row = (await db.executeQuery<Record<string, number | null>>(CompiledQuery.raw(counts.out, counts.values))).rows[0] ?? {};
  // The year of answers and the rights from the counts kept by migration 0016's triggers (a few
  // thousand small rows instead of ~28,000 wide index entries and 100,000 masks at 100,000 cases).
  // The due date in force of an answered case: mode 1 the extension's, mode 2 the extension's while
  // :today <= notice_by (EFFECTIVE_DUE, notice pending), otherwise one month.
  const inTime = `CASE a.mode WHEN 1 THEN a.by_three_months WHEN 2 THEN (CASE WHEN :today <= a.notice_by THEN a.by_three_months ELSE a.by_one_month END) ELSE a.by_one_month END`;
  const inYear = `a.sent_on > :since AND a.sent_on <= :today`;
  // One pass over the year's rows (sent_on > :since, a range of the key), grouped by the days taken:
  // the histogram is the groups' year counts, the totals their sums (two scans before).
  const byDays = bindNamed(
    `SELECT a.days AS days,
      sum(CASE WHEN ${inYear} THEN a.n END) AS answered,
      sum(CASE WHEN ${inYear} AND ${inTime} = 1 THEN a.n END) AS on_time,
      sum(CASE WHEN a.target = 1 THEN a.n END) AS target_answered,
      sum(CASE WHEN a.target = 1 AND a.on_target = 1 THEN a.n END) AS on_target
    FROM request_answer_counts a WHERE a.sent_on > :since GROUP BY a.days ORDER BY a.days`,
    params,
  );
  const groups = (await db.executeQuery<{ days: number; answered: number | null; on_time: number | null; target_answered: number | null; on_target: number | null }>(CompiledQuery.raw(byDays.out, byDays.values))).rows;
  let answered = 0;
  let onTime = 0;
  let targetAnswered = 0;
  let onTarget = 0;
  const daysHistogram: Array<{ days: number; n: number }> = [];
  for (const g of groups) {
    const inYearCount = Number(g.answered ?? 0);
    answered += inYearCount;
    onTime += Number(g.on_time ?? 0);
    targetAnswered += Number(g.target_answered ?? 0);
    onTarget += Number(g.on_target ?? 0);
    if (inYearCount > 0) daysHistogram.push({ days: Number(g.days), n: inYearCount });
  }
  const n = (k: string) => Number(row[k] ?? 0);
  const masks = (await db.executeQuery<{ m: number; n: number }>(CompiledQuery.raw(`SELECT rights_mask AS m, n FROM request_rights_counts WHERE n > 0`, []))).rows;
  const rightBits = Array.from({ length: q.rights }, (_, i) => masks.reduce((sum, r) => sum + (((Number(r.m) >> i) & 1) === 1 ? Number(r.n) : 0), 0));
  return {
    open: n('open'),
    overdue: n('overdue'),
    dueThisWeek: n('due_this_week'),
    awaitingIdentity: n('awaiting_identity'),
    extensionNoticesDue: n('extension_notices_due'),
    answered,
    onTime,
    targetAnswered,
    onTarget,
    targetMissedOpen: n('target_missed_open'),
    rightBits,
    daysHistogram,
  };
}

/** An open case the Today list may show: due within `soon` (or overdue), or an extension still to notify. */
export interface TodayRequestRow {
  id: string;
  reference: string;
  requester_name: string;
  due: string;
  extended: number;
  notice_by: string;
  extension_notified_on: string | null;
}

/**
 * The open cases the Today list can show (domain/today.ts: due within `soon` days or overdue, or an
 * extension whose notice is still due), read from the stored deadlines: the thousands of cases
 * on track are never loaded.
 */
export async function queryTodayRequests(db: Db, q: { today: string; soon: string }): Promise<TodayRequestRow[]> {
  // Two index ranges, neither reading a case (migration 0013): the open cases whose stored key says due
  // by `soon` (an open case with a stored key has no pending notice), from the covering index of open
  // cases; and the few whose notice is pending (key computed).
  const select = `SELECT x.request_id AS id, x.reference AS reference, x.requester_name AS requester_name, ${EFFECTIVE_DUE} AS due, x.extended, x.notice_by, x.extension_notified_on`;
  const wanted = `x.closed = 0 AND (${EFFECTIVE_DUE} <= :soon OR (x.notice_pending = 1 AND :today <= x.notice_by))`;
  const b = bindNamed(
    `${select} FROM request_index x INDEXED BY request_index_today
     WHERE x.live = 1 AND x.sort_key IS NOT NULL AND x.sort_key <= '0' || :soon AND ${wanted}
     UNION ALL
     ${select} FROM request_index x INDEXED BY request_index_pending
     WHERE x.live = 1 AND x.sort_key IS NULL AND ${wanted}
     ORDER BY reference`,
    { today: q.today, soon: q.soon },
  );
  return (await db.executeQuery<TodayRequestRow>(CompiledQuery.raw(b.out, b.values))).rows;
}
