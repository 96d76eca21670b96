/**
 * The dashboard's "Today" list: gathers plain facts from every area (through each area's service and
 * repositories) and lets the pure domain (domain/today.ts) decide what needs action and in which order.
 */
import { addDays, localDateOf } from '../domain/calendar';
import { checkRegister } from '../domain/register/completeness';
import { DomainError } from '../domain/errors';
import { buildToday, LOOKAHEAD_DAYS, pageToday, TODAY_KINDS, URGENCIES, type TodayFacts, type TodayItem, type TodayList, type TodayPageQuery, type TodayPosition, type Urgency } from '../domain/today';
import { BreachesService } from './breaches';
import { activityChecksOn, liveActivities } from './dashboard';
import { RequestsService } from './requests';
import { RetentionService } from './retention';
import { VendorsService } from './vendors';
import type { Workspace } from './workspace';

/** The register's part of Today's facts, from the stored completeness (activity-index.ts): no activity parsed. */
async function activityFacts(ws: Workspace, today: string): Promise<TodayFacts['activities']> {
  return (await activityChecksOn(ws, today)).map((c) => ({ id: c.id, reference: c.reference, name: c.name, status: c.status, reviewDate: c.reviewDate, dpiaRequired: c.dpiaRequired }));
}

/** The same facts from every activity parsed and checked (the reference of activityFacts; tests). */
async function activityFactsInMemory(ws: Workspace, today: string): Promise<TodayFacts['activities']> {
  const live = await liveActivities(ws);
  const register = checkRegister(live.map((x) => x.activity), { today });
  return live.map(({ row: r }, i) => ({
    id: r.id,
    reference: r.reference,
    name: r.name,
    status: r.status,
    reviewDate: r.review_date,
    dpiaRequired: register.byActivity[i]!.issues.some((x) => x.code === 'dpia_not_done'),
  }));
}

export class TodayService {
  constructor(
    private readonly ws: Workspace,
    /** `activities: 'computed'` (tests): every activity parsed and checked, the reference of the stored completeness. */
    private readonly opts: { now?: () => Date; activities?: 'stored' | 'computed' } = {},
  ) {}

  async facts(): Promise<TodayFacts> {
    const now = this.opts.now ?? (() => new Date());
    const { profile } = await this.ws.getProfile();
    const today = localDateOf(now().toISOString(), profile.time_zone);
    const retention = new RetentionService(this.ws, { now });
    const [requests, breaches, vendors, activities, due, purges] = await Promise.all([
      new RequestsService(this.ws, { now }).todayCandidates(),
      new BreachesService(this.ws, { now }).todayFacts(),
      new VendorsService(this.ws).all(),
      this.opts.activities === 'computed' ? activityFactsInMemory(this.ws, today) : activityFacts(this.ws, today),
      retention.due(),
      // Only the purges Today can show (due within its look-ahead): the register's 1,000 others are not sorted.
      retention.schedule({ dueBy: addDays(today, LOOKAHEAD_DAYS.review) }),
    ]);
    return {
      today,
      timeZone: profile.time_zone,
      requests: requests.items,
      breaches,
      vendors: vendors.entries.map(({ row, vendor, warnings }) => ({
        id: row.id,
        name: vendor.name,
        nextReviewOn: vendor.nextReviewOn,
        transfers: vendor.transfers.map((t) => ({
          id: t.id,
          country: t.country,
          tiaRequired: warnings.some((w) => w.code === 'tia_required' && w.transferId === t.id),
          reevaluateOn: t.tia?.reevaluateOn ?? null,
        })),
      })),
      activities,
      retention: due.items.map((d) => ({ id: d.id, reference: d.reference, rule: d.rule, dueOn: d.dueOn })),
      businessPurges: purges.items.map((p) => ({ activityId: p.activityId, activityReference: p.activityReference, activityName: p.activityName, categoryId: p.categoryId, categoryLabel: p.categoryLabel, dueOn: p.dueOn })),
    };
  }

  /** The whole list, sorted (tests; the window reads it page by page). */
  async list(): Promise<TodayList & { today: string; timeZone: string }> {
    const f = await this.facts();
    return { today: f.today, timeZone: f.timeZone, ...buildToday(f) };
  }

  /**
   * One page of the list (dashboard.today): the counts per urgency are the whole list's, `total` the
   * filter's; `nextCursor` asks for the items after the page's last one, null when none is left.
   * Every action stays reachable: the pages together are the whole list, in its order.
   */
  async page(q: TodayPageQuery): Promise<{ today: string; timeZone: string; items: TodayItem[]; counts: Record<Urgency, number>; total: number; nextCursor: string | null }> {
    const after = q.cursor === undefined ? undefined : decodeTodayCursor(q.cursor);
    const f = await this.facts();
    const list = buildToday(f);
    const p = pageToday(list, { ...(q.urgency ? { urgency: q.urgency } : {}), limit: q.limit, ...(after ? { after } : {}) });
    return { today: f.today, timeZone: f.timeZone, items: p.items, counts: list.counts, total: p.total, nextCursor: p.last ? encodeTodayCursor(p.last) : null };
  }
}

const CURSOR_ERROR = 'This Today cursor is not one Vigie gave: ask for the first page again (without a cursor).';

export function encodeTodayCursor(p: TodayPosition): string {
  return Buffer.from(JSON.stringify(['today', ...p]), 'utf8').toString('base64url');
}

export function decodeTodayCursor(cursor: string): TodayPosition {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 6 &&
      v[0] === 'today' &&
      (URGENCIES as readonly unknown[]).includes(v[1]) &&
      (TODAY_KINDS as readonly unknown[]).includes(v[2]) &&
      v.slice(3).every((x) => typeof x === 'string')
    ) {
      return v.slice(1) as unknown as TodayPosition;
    }
  } catch {
    // fall through
  }
  throw new DomainError('invalid_input', CURSOR_ERROR, { field: 'cursor' });
}
