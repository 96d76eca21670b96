/**
 * SQL of the stored deadlines of rights requests (migration 0007): upserts and the paged list read
 * (filters, sort and keyset cursor in SQL). The values are computed in services/request-index.ts.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import { addDays } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import type { StatusFilter } from '../../domain/requests/case';
import type { DB, RequestIndexTable, RequestsTable } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

export async function upsertRequestIndex(db: Db, rows: RequestIndexTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await db
      .insertInto('request_index')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('request_id').doUpdateSet((eb) => ({
          received_on: eb.ref('excluded.received_on'),
          one_month: eb.ref('excluded.one_month'),
          three_months: eb.ref('excluded.three_months'),
          notice_by: eb.ref('excluded.notice_by'),
          extended: eb.ref('excluded.extended'),
          notified_ok: eb.ref('excluded.notified_ok'),
          notice_pending: eb.ref('excluded.notice_pending'),
          closed: eb.ref('excluded.closed'),
          response_sent_on: eb.ref('excluded.response_sent_on'),
          target_on: eb.ref('excluded.target_on'),
          index_key: eb.ref('excluded.index_key'),
          live: eb.ref('excluded.live'),
          rights_mask: eb.ref('excluded.rights_mask'),
          awaiting_identity: eb.ref('excluded.awaiting_identity'),
          search_text: eb.ref('excluded.search_text'),
        })),
      )
      .execute();
  }
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
 * One page of live cases, filtered and sorted in SQL, with the total matching the filter and the
 * cursor of the next page (keyset paging on (sort key, reference): a case inserted meanwhile never
 * makes another appear twice or vanish).
 */
export async function queryRequestPage(db: Kysely<DB>, q: PageQuery): Promise<{ rows: RequestsTable[]; total: number; nextCursor: string | null }> {
  const params: Record<string, string> = { today: q.today, soon: addDays(q.today, 7) };
  const where = [`r.deleted_at IS NULL`, statusWhere(q.status)];
  if (q.right) {
    where.push(`EXISTS (SELECT 1 FROM json_each(r.rights) WHERE json_each.value = :right)`);
    params.right = q.right;
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
  const base = `FROM requests r JOIN request_index x ON x.request_id = r.id WHERE ${where.join(' AND ')}`;
  const bind = (text: string) => bindNamed(text, params);
  const total = bind(`SELECT count(*) AS n ${base}`);
  const n = Number((await db.executeQuery<{ n: number }>(CompiledQuery.raw(total.out, total.values))).rows[0]?.n ?? 0);
  const sort: SortName = q.sort === 'received' ? 'received' : 'deadline';
  const sortKey = sort === 'received' ? RECEIVED_KEY : SORT_KEY;
  // Newest receipt first means the reference descending too: invert it with the key's direction.
  const refOrder = q.sort === 'received' ? 'DESC' : 'ASC';
  let pageWhere = '';
  if (q.cursor) {
    const [k, ref] = decodeCursor(q.cursor, sort);
    params.ck = k;
    params.cr = ref;
    pageWhere = q.sort === 'received' ? ` AND (${sortKey} > :ck OR (${sortKey} = :ck AND r.reference < :cr))` : ` AND (${sortKey}, r.reference) > (:ck, :cr)`;
  }
  const page = bind(`SELECT r.*, ${sortKey} AS sort_key ${base}${pageWhere} ORDER BY sort_key, r.reference ${refOrder} LIMIT ${Math.max(1, Math.min(1000, Math.floor(q.limit))) + 1}`);
  const rows = (await db.executeQuery<RequestsTable & { sort_key: string }>(CompiledQuery.raw(page.out, page.values))).rows;
  const more = rows.length > q.limit;
  const slice = rows.slice(0, q.limit);
  const last = slice[slice.length - 1];
  return {
    rows: slice.map(({ sort_key: _k, ...r }) => r as RequestsTable),
    total: n,
    nextCursor: more && last ? encodeCursor(sort, last.sort_key, last.reference) : null,
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
 * The requests summary as SQL aggregates over the stored deadlines (one scan of the small index
 * table, no case is parsed). The predicates are the ones of domain/requests/case.ts `summarize`,
 * `onTargetRate` and `targetMissed`; services/requests.test.ts compares both on generated cases.
 */
export async function queryRequestCounts(db: Db, q: { today: string; soon: string; since: string; rights: number }): Promise<RequestCounts> {
  const params = { today: q.today, soon: q.soon, since: q.since };
  const bits = Array.from({ length: q.rights }, (_, i) => `sum((x.rights_mask >> ${i}) & 1) AS r${i}`).join(', ');
  const answered = `x.closed = 1 AND x.response_sent_on > :since AND x.response_sent_on <= :today`;
  const counts = bindNamed(
    `SELECT
      count(*) AS cases,
      sum(x.closed = 0) AS open,
      sum(x.closed = 0 AND ${EFFECTIVE_DUE} < :today) AS overdue,
      sum(x.closed = 0 AND ${EFFECTIVE_DUE} >= :today AND ${EFFECTIVE_DUE} <= :soon) AS due_this_week,
      sum(x.closed = 0 AND x.awaiting_identity = 1) AS awaiting_identity,
      sum(x.closed = 0 AND x.notice_pending = 1 AND :today <= x.notice_by) AS extension_notices_due,
      sum(${answered}) AS answered,
      sum(${answered} AND x.response_sent_on <= ${EFFECTIVE_DUE}) AS on_time,
      sum(x.closed = 1 AND x.target_on IS NOT NULL AND x.response_sent_on > :since) AS target_answered,
      sum(x.closed = 1 AND x.target_on IS NOT NULL AND x.response_sent_on > :since AND x.response_sent_on <= x.target_on) AS on_target,
      sum(x.closed = 0 AND x.target_on IS NOT NULL AND :today > x.target_on) AS target_missed_open,
      ${bits}
    FROM request_index x WHERE x.live = 1`,
    params,
  );
  const row = (await db.executeQuery<Record<string, number | null>>(CompiledQuery.raw(counts.out, counts.values))).rows[0] ?? {};
  const n = (k: string) => Number(row[k] ?? 0);
  const hist = bindNamed(
    `SELECT CAST(round(julianday(x.response_sent_on) - julianday(x.received_on)) AS INTEGER) AS days, count(*) AS n
     FROM request_index x WHERE x.live = 1 AND ${answered} GROUP BY days ORDER BY days`,
    params,
  );
  const daysHistogram = (await db.executeQuery<{ days: number; n: number }>(CompiledQuery.raw(hist.out, hist.values))).rows.map((r) => ({ days: Number(r.days), n: Number(r.n) }));
  return {
    open: n('open'),
    overdue: n('overdue'),
    dueThisWeek: n('due_this_week'),
    awaitingIdentity: n('awaiting_identity'),
    extensionNoticesDue: n('extension_notices_due'),
    answered: n('answered'),
    onTime: n('on_time'),
    targetAnswered: n('target_answered'),
    onTarget: n('on_target'),
    targetMissedOpen: n('target_missed_open'),
    rightBits: Array.from({ length: q.rights }, (_, i) => n(`r${i}`)),
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
  const b = bindNamed(
    `SELECT r.id, r.reference, r.requester_name, ${EFFECTIVE_DUE} AS due, x.extended, x.notice_by,
       json_extract(r.details, '$.extension.notifiedOn') AS extension_notified_on
     FROM request_index x JOIN requests r ON r.id = x.request_id
     WHERE x.live = 1 AND r.deleted_at IS NULL AND x.closed = 0
       AND (${EFFECTIVE_DUE} <= :soon OR (x.notice_pending = 1 AND :today <= x.notice_by))
     ORDER BY r.reference`,
    { today: q.today, soon: q.soon },
  );
  return (await db.executeQuery<TodayRequestRow>(CompiledQuery.raw(b.out, b.values))).rows;
}
