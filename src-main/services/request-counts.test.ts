/**
 * The requests summary (dashboard) and the Today list's cases are read from the stored deadlines
 * with SQL aggregates (issue 11). These tests compare them, on a workspace of a few hundred
 * generated cases and for a table of days, with the in-memory computation over every case that
 * they replace (domain `summarize`, `onTargetRate`, `targetMissed`; `collectToday` over the open
 * cases of `requests.list`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../domain/calendar';
import { computeDsarDeadlines } from '../domain/dsar-deadlines';
import { RIGHTS, type Right } from '../domain/requests/case';
import { collectToday, type TodayFacts } from '../domain/today';
import { DEFAULT_ORG_PROFILE } from '../domain/org-profile';
import { insertCase, medianOfHistogram, RequestsService } from './requests';
import { RetentionService } from './retention';
import { Workspace } from './workspace';
import { median } from '../domain/requests/case';
import { seededRandom } from '../domain/seeded-random';

const BASE = '2026-12-01';
let ws: Workspace;

const rng = seededRandom;

/** A case of every shape the counts distinguish: extensions notified in time, late or not yet; identity asked; answered early, late or not. */
function generatedCase(r: () => number, i: number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const receivedOn = addDays(BASE, -Math.floor(r() * 480));
  const rights = [...new Set<Right>([pick(RIGHTS), ...(r() < 0.3 ? [pick(RIGHTS)] : [])])];
  const ext = pick(['none', 'none', 'notified', 'late', 'pending'] as const);
  const extension =
    ext === 'none'
      ? {}
      : { decidedOn: addDays(receivedOn, 3), reasons: 'Complexité', ...(ext === 'notified' ? { notifiedOn: addDays(receivedOn, 10) } : ext === 'late' ? { notifiedOn: addDays(receivedOn, 40) } : {}) };
  const id = pick(['none', 'none', 'asked', 'received'] as const);
  const identity = id === 'none' ? {} : { requestedOn: addDays(receivedOn, 1), ...(id === 'received' ? { receivedOn: addDays(receivedOn, 4) } : {}), method: 'Pièce' };
  // Some answered exactly on an internal target's day (10, 20, 25 days) or the day after.
  const took = r() < 0.25 ? pick([10, 11, 20, 21, 25, 26]) : Math.floor(r() * 110) + 1;
  // Some answered on the one-month due date itself or the day after (the on-time boundary).
  const oneMonth = computeDsarDeadlines({ received: receivedOn, jurisdiction: 'FR' }).oneMonth;
  const day = r() < 0.15 ? addDays(oneMonth, pick([0, 0, 1])) : addDays(receivedOn, took);
  const sent = r() < 0.7 && day <= BASE ? day : null;
  return {
    requester: { name: `Personne ${i}` },
    rights,
    ...(rights.includes('objection') ? { objectionGround: 'marketing' } : {}),
    channel: 'email',
    receivedOn,
    ...(r() < 0.1 ? { jurisdiction: pick(['DE', 'BE', 'FR-57']) } : {}),
    extension,
    identity,
    ...(sent ? { response: { sentOn: sent, how: 'Courriel' }, outcome: { result: 'fulfilled' } } : {}),
  };
}

beforeAll(async () => {
  ws = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-counts-')), 'w.vigie'), 'counts test passphrase', { actor: 'test', profile: { controller_name: 'ACME' } });
  const r = rng(11);
  const ids = await ws.mutate(async (w) => {
    const out: string[] = [];
    for (let i = 0; i < 320; i++) out.push((await insertCase(w, generatedCase(r, i), { ...DEFAULT_ORG_PROFILE, language: 'fr' })).id);
    return out;
  });
  // Cases in the trash count nowhere.
  for (const id of ids.filter((_, i) => i % 23 === 0)) await ws.moveToTrash('requests', id);
  await new RetentionService(ws).setTargets({ defaultDays: 20, perRight: { erasure: 10, access: 25 } });
}, 120_000);
afterAll(async () => {
  await ws.close();
});

const at = (day: string) => () => new Date(`${day}T10:00:00Z`);
const DAYS = [BASE, addDays(BASE, 1), addDays(BASE, 9), addDays(BASE, 35), addDays(BASE, 120), addDays(BASE, 400)];

describe('requests summary: SQL aggregates equal the in-memory computation', () => {
  it.each(DAYS)('today = %s', async (day) => {
    const s = new RequestsService(ws, { now: at(day) });
    const sql = await s.summary();
    const js = await s.summaryInMemory();
    expect(sql).toEqual(js);
    // The generated cases exercise every count (a zero would prove nothing).
    if (day === BASE) {
      for (const k of ['open', 'overdue', 'dueThisWeek', 'awaitingIdentity', 'extensionNoticesDue', 'answeredLast12Months', 'targetMissedOpen'] as const) expect(js[k], k).toBeGreaterThan(0);
      expect(js.onTargetRate).not.toBeNull();
    }
  });

  it('on the days at the edges of the stored dates (due today, in 7 and 8 days, notice limit, target day)', async () => {
    const items = (await new RequestsService(ws, { now: at(BASE) }).list({})).items;
    const edges = new Set<string>();
    // Open cases' edges lie ahead of BASE; closed ones' behind it (the counts are compared as of any day).
    for (const c of items.filter((x, i) => !x.closed || i % 7 === 0)) {
      for (const d of [c.dueDate, addDays(c.dueDate, -7), addDays(c.dueDate, -8), addDays(c.dueDate, 1), c.extensionNoticeBy, addDays(c.extensionNoticeBy, 1), ...(c.target ? [c.target.on, addDays(c.target.on, 1)] : [])]) {
        edges.add(d);
      }
    }
    expect(edges.size).toBeGreaterThan(30);
    const days = [...edges].sort().filter((_, i, all) => i % Math.ceil(all.length / 60) === 0);
    for (const day of days) {
      const s = new RequestsService(ws, { now: at(day) });
      expect(await s.summary(), day).toEqual(await s.summaryInMemory());
      const open = await s.list({ status: 'open' });
      const facts = (requests: TodayFacts['requests']): TodayFacts => ({ today: open.today, timeZone: 'Europe/Paris', requests, breaches: [], vendors: [], activities: [] });
      const key = (xs: ReturnType<typeof collectToday>) => xs.map((x) => JSON.stringify(x)).sort();
      const before = open.items.map((r) => ({ id: r.id, reference: r.reference, requester: r.requester, dueDate: r.dueDate, closed: r.closed, extended: r.extended, extensionNoticeBy: r.extensionNoticeBy, extensionNotifiedOn: r.extensionNotifiedOn }));
      expect(key(collectToday(facts((await s.todayCandidates()).items))), day).toEqual(key(collectToday(facts(before))));
    }
  }, 120_000);

  it('after a jurisdiction change and removing the targets', async () => {
    await ws.updateProfile({ jurisdiction: 'DE' });
    await new RetentionService(ws).setTargets({ defaultDays: null, perRight: {} });
    for (const day of [BASE, addDays(BASE, 20)]) {
      const s = new RequestsService(ws, { now: at(day) });
      expect(await s.summary()).toEqual(await s.summaryInMemory());
    }
    await ws.updateProfile({ jurisdiction: 'FR' });
  });
});

describe('Today: the cases read from the stored deadlines give the same actions', () => {
  it.each(DAYS)('today = %s', async (day) => {
    const s = new RequestsService(ws, { now: at(day) });
    const open = await s.list({ status: 'open' });
    const before: TodayFacts['requests'] = open.items.map((r) => ({ id: r.id, reference: r.reference, requester: r.requester, dueDate: r.dueDate, closed: r.closed, extended: r.extended, extensionNoticeBy: r.extensionNoticeBy, extensionNotifiedOn: r.extensionNotifiedOn }));
    const after = await s.todayCandidates();
    const facts = (requests: TodayFacts['requests']): TodayFacts => ({ today: open.today, timeZone: 'Europe/Paris', requests, breaches: [], vendors: [], activities: [] });
    const key = (xs: ReturnType<typeof collectToday>) => xs.map((x) => JSON.stringify(x)).sort();
    const expected = collectToday(facts(before));
    expect(key(collectToday(facts(after.items)))).toEqual(key(expected));
    // Only the cases the list can show are read, not every open case.
    expect(after.items.length).toBeLessThanOrEqual(open.items.length);
    if (day === BASE) expect(expected.length).toBeGreaterThan(0);
  });
});

describe('median from a histogram', () => {
  it.each([
    [[], null],
    [[3], 3],
    [[1, 2], 1.5],
    [[5, 1, 9], 5],
    [[4, 4, 4, 10], 4],
    [[1, 1, 2, 30, 30, 30], 16],
  ] as const)('%j → %s', (values, want) => {
    const h = new Map<number, number>();
    for (const v of values) h.set(v, (h.get(v) ?? 0) + 1);
    const got = medianOfHistogram([...h].map(([days, n]) => ({ days, n })));
    expect(got).toBe(want);
    expect(got).toBe(median([...values]));
  });
});

describe('request references from the reference index', () => {
  it('continue the year past 9999 (the longest number wins), per year, trash included', async () => {
    const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-ref-')), 'w.vigie'), 'reference test passphrase', { actor: 'test', profile: { controller_name: 'ACME' } });
    try {
      const s = new RequestsService(w, { now: at(BASE) });
      const draft = (receivedOn: string) => ({ requester: { name: 'P' }, rights: ['access'], channel: 'email', receivedOn });
      expect((await s.create(draft('2026-03-01'))).reference).toBe('DSAR-2026-0001');
      const second = await s.create(draft('2026-03-02'));
      expect(second.reference).toBe('DSAR-2026-0002');
      await s.remove(second.id);
      expect((await s.create(draft('2025-03-02'))).reference).toBe('DSAR-2025-0001');
      expect((await s.create(draft('2026-03-03'))).reference).toBe('DSAR-2026-0003');
      // A long-lived series: the counter goes on past four digits; a number already taken is skipped.
      w.raw.prepare(`UPDATE ref_counters SET last = 9998 WHERE kind = 'DSAR' AND year = 2026`).run();
      expect((await s.create(draft('2026-03-04'))).reference).toBe('DSAR-2026-9999');
      const taken = (await s.create(draft('2026-03-04'))).id;
      w.raw.prepare('UPDATE requests SET reference = ? WHERE id = ?').run('DSAR-2026-10001', taken);
      expect((await s.create(draft('2026-03-05'))).reference).toBe('DSAR-2026-10002');
    } finally {
      await w.close();
    }
  });
});

describe('requests.create answers from one computation', () => {
  it('its answer equals the case as listed and as opened, for cases of every shape', async () => {
    const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-create-')), 'w.vigie'), 'create test passphrase', { actor: 'test', profile: { controller_name: 'ACME' } });
    try {
      await new RetentionService(w).setTargets({ defaultDays: 20, perRight: {} });
      const s = new RequestsService(w, { now: at(BASE) });
      const r = rng(5);
      for (let i = 0; i < 12; i++) {
        const { explanation, ...item } = await s.create(generatedCase(r, i));
        const listed = (await s.list({})).items.find((x) => x.id === item.id);
        expect(item).toEqual(listed);
        const opened = await s.get(item.id);
        expect(explanation).toEqual(opened.deadlines.explanation);
      }
    } finally {
      await w.close();
    }
  }, 60_000);
});
