/**
 * "Today": one list, across every area, of what needs the DPO's action, most urgent first. Pure: the
 * service (services/today.ts) gathers plain facts from each area; this module decides what is an
 * action, how urgent it is and in which order it is shown.
 *
 * Order (table-driven tests in today.test.ts):
 * 1. urgency bucket: overdue, due today, due soon, upcoming, then undated to-dos;
 * 2. inside a bucket, the legal weight of the kind (a 72-hour breach clock before a rights request,
 *    a rights request before a vendor review…), so an overdue breach notification always leads;
 * 3. then the deadline itself (the oldest overdue first, the nearest due next), then the reference.
 */
import { diffDays, localDateOf } from './calendar';

export const TODAY_KINDS = [
  'breach-notification-overdue',
  'breach-clock',
  'breach-delay-reasons',
  'request-overdue',
  'request-due',
  'extension-notice',
  'breach-follow-up',
  'tia-reevaluation',
  'tia-missing',
  'dpia-required',
  'vendor-review',
  'activity-review',
  'business-purge',
  'retention-purge',
] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

export const TODAY_AREAS = ['requests', 'breaches', 'vendors', 'register', 'retention'] as const;
export type TodayArea = (typeof TODAY_AREAS)[number];

export const URGENCIES = ['overdue', 'today', 'soon', 'upcoming', 'undated'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Legal weight of each kind inside one urgency bucket: lower comes first. */
export const KIND_RANK: Readonly<Record<TodayKind, number>> = {
  'breach-notification-overdue': 0,
  'breach-clock': 0,
  'breach-delay-reasons': 1,
  'request-overdue': 2,
  'request-due': 2,
  'extension-notice': 3,
  'breach-follow-up': 4,
  'tia-reevaluation': 5,
  'tia-missing': 5,
  'dpia-required': 6,
  'vendor-review': 7,
  'activity-review': 7,
  'business-purge': 8,
  'retention-purge': 8,
};

/** How far ahead each dated kind enters the list (calendar days); overdue items always do. */
export const LOOKAHEAD_DAYS = {
  request: 7,
  followUp: 14,
  review: 30,
} as const;

/** Days ahead that still count as "soon" (beyond: "upcoming"). */
export const SOON_DAYS = 7;

export interface TodayItem {
  /** Stable and unique in the list (React key, tests). */
  key: string;
  kind: TodayKind;
  area: TodayArea;
  /** The record the item links to. */
  recordId: string;
  reference: string;
  /** Requester, breach title, vendor or activity name. */
  label: string;
  /** The deadline's calendar day in the workspace's zone, null for undated to-dos. */
  due: string | null;
  /** The exact instant for deadlines counted in hours (72-hour clock). */
  dueAt: string | null;
  urgency: Urgency;
  /** Calendar days from today to `due` (negative: late), null when undated. */
  daysLeft: number | null;
  /** Extra words shown with the item: the follow-up action, the transfer's country. */
  detail: string | null;
}

export interface TodayFacts {
  /** The workspace's calendar day. */
  today: string;
  timeZone: string;
  requests: ReadonlyArray<{
    id: string;
    reference: string;
    requester: string;
    dueDate: string;
    closed: boolean;
    extended: boolean;
    extensionNoticeBy: string;
    extensionNotifiedOn: string | null;
  }>;
  breaches: ReadonlyArray<{
    id: string;
    reference: string;
    title: string;
    status: 'open' | 'contained' | 'closed';
    notifyBy: string;
    clockRunning: boolean;
    overdue: boolean;
    notifiedLate: boolean;
    /** Art. 33(1): the reasons for the delay are recorded with the first notification. */
    delayReasonsGiven: boolean;
    followUps: ReadonlyArray<{ action: string; owner: string; due: string | null; done: boolean }>;
  }>;
  vendors: ReadonlyArray<{
    id: string;
    name: string;
    nextReviewOn: string | null;
    transfers: ReadonlyArray<{ id: string; country: string; tiaRequired: boolean; reevaluateOn: string | null }>;
  }>;
  activities: ReadonlyArray<{
    id: string;
    reference: string;
    name: string;
    status: 'draft' | 'active' | 'retired';
    reviewDate: string | null;
    dpiaRequired: boolean;
  }>;
  /** Storage limitation: Vigie's own records past their retention rule (never the held ones). */
  retention?: ReadonlyArray<{ id: string; reference: string; rule: string; dueOn: string }>;
  /** The register's business-system purges (retention calendar). */
  businessPurges?: ReadonlyArray<{ activityId: string; activityReference: string; activityName: string; categoryId: string; categoryLabel: string; dueOn: string }>;
}

export function urgencyOf(daysLeft: number | null): Urgency {
  if (daysLeft === null) return 'undated';
  if (daysLeft < 0) return 'overdue';
  if (daysLeft === 0) return 'today';
  return daysLeft <= SOON_DAYS ? 'soon' : 'upcoming';
}

type Draft = Omit<TodayItem, 'urgency' | 'daysLeft' | 'dueAt' | 'detail'> & { dueAt?: string | null; detail?: string | null; urgency?: Urgency };

/** Every action the facts call for, unordered. */
export function collectToday(f: TodayFacts): TodayItem[] {
  const out: TodayItem[] = [];
  // Days from today, once per distinct date (~2,000 items at 100,000 requests share a few hundred dates).
  const fromToday = new Map<string, number>();
  const days = (d: string): number => {
    let n = fromToday.get(d);
    if (n === undefined) {
      n = diffDays(f.today, d);
      fromToday.set(d, n);
    }
    return n;
  };
  const push = (d: Draft) => {
    const daysLeft = d.due === null ? null : days(d.due);
    out.push({ dueAt: null, detail: null, ...d, daysLeft, urgency: d.urgency ?? urgencyOf(daysLeft) });
  };
  const within = (due: string | null, days_: number) => due !== null && days(due) <= days_;

  for (const r of f.requests) {
    if (r.closed) continue;
    if (within(r.dueDate, LOOKAHEAD_DAYS.request)) {
      const late = days(r.dueDate) < 0;
      push({ key: `request:${r.id}`, kind: late ? 'request-overdue' : 'request-due', area: 'requests', recordId: r.id, reference: r.reference, label: r.requester, due: r.dueDate });
    }
    // The extension holds only if the person is told within the first month (Art. 12(3)); once that
    // limit has passed the notice no longer helps and the case is due at one month (the item above).
    if (r.extended && !r.extensionNotifiedOn && days(r.extensionNoticeBy) >= 0) {
      push({ key: `extension:${r.id}`, kind: 'extension-notice', area: 'requests', recordId: r.id, reference: r.reference, label: r.requester, due: r.extensionNoticeBy });
    }
  }

  for (const b of f.breaches) {
    if (b.clockRunning) {
      const clockDay = localDateOf(b.notifyBy, f.timeZone);
      push({
        key: `clock:${b.id}`,
        kind: b.overdue ? 'breach-notification-overdue' : 'breach-clock',
        area: 'breaches',
        recordId: b.id,
        reference: b.reference,
        label: b.title,
        due: clockDay,
        dueAt: b.notifyBy,
        // The clock is counted in hours: its own flag decides, not the calendar day.
        urgency: b.overdue ? 'overdue' : clockDay === f.today ? 'today' : 'soon',
      });
    }
    if (b.notifiedLate && !b.delayReasonsGiven) {
      push({ key: `delay:${b.id}`, kind: 'breach-delay-reasons', area: 'breaches', recordId: b.id, reference: b.reference, label: b.title, due: null });
    }
    b.followUps.forEach((a, i) => {
      if (a.done) return;
      if (a.due === null ? b.status === 'closed' : !within(a.due, LOOKAHEAD_DAYS.followUp)) return;
      push({ key: `follow-up:${b.id}:${i}`, kind: 'breach-follow-up', area: 'breaches', recordId: b.id, reference: b.reference, label: b.title, due: a.due, detail: a.owner ? `${a.action} (${a.owner})` : a.action });
    });
  }

  for (const v of f.vendors) {
    if (within(v.nextReviewOn, LOOKAHEAD_DAYS.review)) {
      push({ key: `vendor-review:${v.id}`, kind: 'vendor-review', area: 'vendors', recordId: v.id, reference: v.name, label: v.name, due: v.nextReviewOn });
    }
    for (const t of v.transfers) {
      if (t.tiaRequired) push({ key: `tia:${v.id}:${t.id}`, kind: 'tia-missing', area: 'vendors', recordId: v.id, reference: v.name, label: v.name, due: null, detail: t.country });
      else if (within(t.reevaluateOn, LOOKAHEAD_DAYS.review)) {
        push({ key: `tia:${v.id}:${t.id}`, kind: 'tia-reevaluation', area: 'vendors', recordId: v.id, reference: v.name, label: v.name, due: t.reevaluateOn, detail: t.country });
      }
    }
  }

  for (const a of f.activities) {
    if (a.status === 'retired') continue;
    if (within(a.reviewDate, LOOKAHEAD_DAYS.review)) {
      push({ key: `activity-review:${a.id}`, kind: 'activity-review', area: 'register', recordId: a.id, reference: a.reference, label: a.name, due: a.reviewDate });
    }
    if (a.dpiaRequired) push({ key: `dpia:${a.id}`, kind: 'dpia-required', area: 'register', recordId: a.id, reference: a.reference, label: a.name, due: null });
  }

  for (const p of f.businessPurges ?? []) {
    if (!within(p.dueOn, LOOKAHEAD_DAYS.review)) continue;
    push({ key: `business-purge:${p.activityId}:${p.categoryId}`, kind: 'business-purge', area: 'register', recordId: p.activityId, reference: p.activityReference, label: p.activityName, due: p.dueOn, detail: p.categoryLabel });
  }
  // Every due item of the "To purge" list links to that list (where the purge is confirmed).
  for (const r of f.retention ?? []) {
    push({ key: `retention:${r.id}`, kind: 'retention-purge', area: 'retention', recordId: '', reference: r.reference, label: r.rule, due: r.dueOn });
  }
  return out;
}

/**
 * `localeCompare` without locale or options, as one collator made once: ECMA-402 defines the former as
 * `new Intl.Collator().compare`, so the order is the same, without a collator looked up per comparison
 * (Today sorts ~2,000 items at 100,000 requests).
 */
const collator = new Intl.Collator();

/** Most urgent first (see the module comment). */
export function compareToday(a: TodayItem, b: TodayItem): number {
  return (
    URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency) ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    collator.compare(a.dueAt ?? a.due ?? '', b.dueAt ?? b.due ?? '') ||
    collator.compare(a.reference, b.reference) ||
    collator.compare(a.key, b.key)
  );
}

export interface TodayList {
  items: TodayItem[];
  counts: Record<Urgency, number>;
}

/**
 * Each distinct string's rank under the collator (equal under it: equal rank), so a sort can compare
 * numbers instead of calling the collator for every pair: the order is the collator's own.
 */
function collatorRanks(values: Iterable<string>): Map<string, number> {
  const distinct = [...new Set(values)].sort(collator.compare);
  const rank = new Map<string, number>();
  let r = 0;
  distinct.forEach((v, i) => {
    if (i > 0 && collator.compare(distinct[i - 1]!, v) !== 0) r += 1;
    rank.set(v, r);
  });
  return rank;
}

/**
 * The items sorted by compareToday. Same order: urgency and kind compared as numbers, the deadline by
 * its collator rank (the collator sorts only the few hundred distinct deadlines), and only inside a run
 * of items equal on those three (a few cases due the same day) are the reference and then the key
 * compared with the collator, as compareToday does.
 */
export function sortToday(items: readonly TodayItem[]): TodayItem[] {
  const dueOf = (i: TodayItem) => i.dueAt ?? i.due ?? '';
  const due = collatorRanks(items.map(dueOf));
  const keyed = items.map((item) => ({ item, u: URGENCIES.indexOf(item.urgency), k: KIND_RANK[item.kind], d: due.get(dueOf(item))! }));
  keyed.sort((a, b) => a.u - b.u || a.k - b.k || a.d - b.d);
  const out: TodayItem[] = [];
  for (let i = 0; i < keyed.length; ) {
    let j = i + 1;
    while (j < keyed.length && keyed[j]!.u === keyed[i]!.u && keyed[j]!.k === keyed[i]!.k && keyed[j]!.d === keyed[i]!.d) j++;
    const run = keyed.slice(i, j).map((x) => x.item);
    if (run.length > 1) run.sort((a, b) => collator.compare(a.reference, b.reference) || collator.compare(a.key, b.key));
    out.push(...run);
    i = j;
  }
  return out;
}

export function buildToday(f: TodayFacts): TodayList {
  const items = sortToday(collectToday(f));
  const counts = Object.fromEntries(URGENCIES.map((u) => [u, 0])) as Record<Urgency, number>;
  for (const i of items) counts[i.urgency] += 1;
  return { items, counts };
}

/** What the window asks for: one urgency (a count badge) or all, a page size, the cursor of the previous page. */
export interface TodayPageQuery {
  urgency?: Urgency;
  limit: number;
  cursor?: string;
}

/** The place of an item in Today's order, as a cursor carries it (the fields compareToday reads). */
export type TodayPosition = readonly [urgency: Urgency, kind: TodayKind, due: string, reference: string, key: string];

export function positionOf(i: TodayItem): TodayPosition {
  return [i.urgency, i.kind, i.dueAt ?? i.due ?? '', i.reference, i.key];
}

/** compareToday between an item and a position (the same comparisons, in the same order). */
export function compareToPosition(a: TodayItem, p: TodayPosition): number {
  return (
    URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(p[0]) ||
    KIND_RANK[a.kind] - KIND_RANK[p[1]] ||
    collator.compare(a.dueAt ?? a.due ?? '', p[2]) ||
    collator.compare(a.reference, p[3]) ||
    collator.compare(a.key, p[4])
  );
}

/**
 * One page of the sorted list: the items of `urgency` (all when absent) after the cursor's position,
 * at most `limit`. A position, not an offset: an action done or added meanwhile never makes another
 * appear twice or vanish between pages. `total` counts every item of the filter (the counts stay the
 * whole list's).
 */
export function pageToday(list: TodayList, q: { urgency?: Urgency; limit: number; after?: TodayPosition }): { items: TodayItem[]; total: number; last: TodayPosition | null; more: boolean } {
  const matching = q.urgency === undefined ? list.items : list.items.filter((i) => i.urgency === q.urgency);
  // The list is sorted: the first item after the position, by bisection.
  let lo = 0;
  if (q.after) {
    let hi = matching.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareToPosition(matching[mid]!, q.after) <= 0) lo = mid + 1;
      else hi = mid;
    }
  }
  const items = matching.slice(lo, lo + q.limit);
  const more = lo + q.limit < matching.length;
  return { items, total: matching.length, last: more && items.length > 0 ? positionOf(items[items.length - 1]!) : null, more };
}
