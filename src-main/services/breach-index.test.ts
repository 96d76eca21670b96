/**
 * The stored clocks of breaches (migration 0010, issue 11): the dashboard counts, the paged list
 * and the Today list read them in SQL. These tests compare them, on a workspace of generated
 * breaches of every kind and for a table of moments, with the in-memory computation over every
 * breach they replace; and check the index follows writes of breaches, of the activities they link
 * to, of the notification hours, and the trash.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectToday, type TodayFacts } from '../domain/today';
import { setMeta } from '../db/repositories/meta';
import { breachIdsLinkedTo } from '../db/repositories/breach-index';
import { BreachesService } from './breaches';
import { ensureBreachIndex } from './breach-index';
import { RegisterService } from './register';
import { Workspace } from './workspace';
import { seededRandom } from '../domain/seeded-random';

const NOW = Date.parse('2026-11-20T12:00:00Z');
let ws: Workspace;
let acts: { processor24: string; processorNoHours: string; controller: string };

const rng = seededRandom;
/** `YYYY-MM-DDTHH:mm` in UTC, `h` hours before NOW (entered in the breach's zone, UTC here). */
const before = (h: number) => new Date(NOW - h * 3_600_000).toISOString().slice(0, 16);

function generated(r: () => number, i: number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const ago = pick([1, 10, 60, 71, 72, 73, 80, 200, 2000]) + Math.floor(r() * 50);
  const awareAt = before(ago);
  const link = pick(['none', 'none', 'p24', 'pNone', 'controller', 'acting'] as const);
  const activityIds = link === 'p24' ? [acts.processor24] : link === 'pNone' ? [acts.processorNoHours] : link === 'controller' ? [acts.controller] : [];
  const processor = link === 'p24' || link === 'pNone' || link === 'acting';
  const decision = processor ? 'pending' : pick(['pending', 'notify', 'not-notify'] as const);
  const notified = !processor && decision === 'notify' && r() < 0.6;
  const late = r() < 0.5;
  const sentAt = before(Math.max(0, ago - (late ? 90 : 20)));
  return {
    title: `Violation ${i}`,
    awareAt,
    timeZone: 'UTC',
    nature: ['confidentiality'],
    status: pick(['open', 'open', 'contained', 'closed'] as const),
    activityIds,
    ...(link === 'acting' ? { actingAsProcessor: true } : {}),
    ...(processor && r() < 0.4 ? { controllersInformed: [{ name: 'Clinique du Lac', informedAt: before(Math.max(0, ago - (late ? 40 : 5))), means: 'courriel' }] } : {}),
    decisions: {
      authority: { decision, ...(decision !== 'pending' ? { decidedBy: 'DPO', decidedAt: awareAt } : {}), ...(decision === 'not-notify' ? { reason: 'Risque faible.' } : {}) },
    },
    ...(notified ? { notifications: [{ phase: 'initial', sentAt, ...(late && sentAt > before(ago - 72) ? { delayReasons: 'Analyse longue.' } : {}) }] } : {}),
    ...(r() < 0.3 ? { followUps: [{ action: 'Changer les mots de passe', owner: 'DSI', due: pick([null, '2026-11-25', '2027-03-01']), done: r() < 0.3 }] } : {}),
    ...(r() < 0.5 ? { severity: { dpc: 1, ei: 'significant', confidentiality: 'limited', justification: 'Test.' } } : {}),
  };
}

beforeAll(async () => {
  ws = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-breach-index-')), 'w.vigie'), 'breach index test passphrase', { actor: 'test', profile: { controller_name: 'ACME', time_zone: 'UTC' } });
  const reg = new RegisterService(ws);
  acts = {
    processor24: (await reg.create({ name: 'Hébergement', role: 'processor', clientControllers: [{ name: 'Clinique du Lac', breachNotificationHours: 24 }] })).id,
    processorNoHours: (await reg.create({ name: 'Infogérance', role: 'processor', clientControllers: [{ name: 'Clinique du Lac' }] })).id,
    controller: (await reg.create({ name: 'Paie', role: 'controller' })).id,
  };
  const s = new BreachesService(ws, { now: () => new Date(NOW) });
  const r = rng(7);
  for (let i = 0; i < 140; i++) {
    const raw = generated(r, i);
    try {
      await s.create(raw);
    } catch (e) {
      // A late notice without reasons is refused by design: record it with them.
      if ((e as { code?: string }).code !== 'delay_reasons_required') throw e;
      const n = (raw.notifications as Array<Record<string, unknown>>)[0]!;
      await s.create({ ...raw, notifications: [{ ...n, delayReasons: 'Analyse longue.' }] });
    }
  }
}, 120_000);
afterAll(async () => {
  await ws.close();
});

async function ids(s: BreachesService, limit: number): Promise<{ ids: string[]; total: number }> {
  const out: string[] = [];
  let cursor: string | undefined;
  let total = -1;
  for (let guard = 0; guard < 1000; guard++) {
    const p = await s.list({ limit, ...(cursor ? { cursor } : {}) });
    total = p.total;
    out.push(...p.items.map((i) => i.id));
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return { ids: out, total };
}

function todayFacts(entries: Awaited<ReturnType<BreachesService['loadAll']>>): TodayFacts {
  return {
    today: '2026-11-20',
    timeZone: 'UTC',
    requests: [],
    vendors: [],
    activities: [],
    breaches: entries.map(({ id, breach: b, computed: c }) => ({
      id,
      reference: b.reference,
      title: b.title,
      status: b.status,
      notifyBy: c.notifyBy,
      clockRunning: c.clockRunning,
      overdue: c.overdue,
      notifiedLate: c.notifiedLate,
      delayReasonsGiven: Boolean([...b.notifications].sort((x, y) => x.sentAt.localeCompare(y.sentAt))[0]?.delayReasons.trim()),
      followUps: b.followUps.map((f) => ({ action: f.action, owner: f.owner, due: f.due, done: f.done })),
    })),
  };
}

/** Every answer read from the index equals the in-memory one at `now`. */
async function compareAt(now: number, label: string): Promise<void> {
  const s = new BreachesService(ws, { now: () => new Date(now) });
  expect(await s.summary(), label).toEqual(await s.summaryInMemory());
  const full = await s.list();
  const paged = await ids(s, 9);
  expect(paged.ids, label).toEqual(full.items.map((i) => i.id));
  expect(paged.total).toBe(full.items.length);
  const page = await s.list({ limit: 1000 });
  expect(page.items, label).toEqual(full.items);
  const key = (xs: ReturnType<typeof collectToday>) => xs.map((x) => JSON.stringify(x)).sort();
  expect(key(collectToday(todayFacts(await s.todayEntries()))), label).toEqual(key(collectToday(todayFacts(await s.loadAll()))));
  // Today's facts read from the stored clocks, no breach parsed (services/today.ts).
  expect(key(collectToday({ ...todayFacts([]), breaches: await s.todayFacts() })), label).toEqual(key(collectToday(todayFacts(await s.loadAll()))));
}

describe('breach index: SQL answers equal the in-memory computation', () => {
  it('the generated breaches cover every case the counts distinguish', async () => {
    const s = new BreachesService(ws, { now: () => new Date(NOW) });
    const m = await s.summaryInMemory();
    expect(m.overdueNotifications).toBeGreaterThan(0);
    expect(m.clocksRunning.length).toBeGreaterThan(m.overdueNotifications);
    expect(Object.values(m.byStatus).every((n) => n > 0)).toBe(true);
    const all = await s.loadAll();
    expect(all.some((x) => x.computed.clock === 'controller' && x.computed.clockRunning && x.computed.hours === 0)).toBe(true);
    expect(all.some((x) => x.computed.clock === 'controller' && x.computed.overdue)).toBe(true);
    expect(all.some((x) => x.computed.notifiedLate)).toBe(true);
  });

  it.each([
    ['now', NOW],
    ['an hour later', NOW + 3_600_000],
    ['two days later', NOW + 48 * 3_600_000],
    ['a month later', NOW + 30 * 86_400_000],
    ['a day earlier', NOW - 86_400_000],
  ])('at %s', async (label, now) => {
    await compareAt(now, label);
  }, 60_000);

  it('at the exact deadline of running clocks, and a millisecond either side', async () => {
    const s = new BreachesService(ws, { now: () => new Date(NOW) });
    const running = (await s.loadAll()).filter((x) => x.computed.clockRunning).slice(0, 3);
    for (const x of running) for (const d of [-1, 0, 1]) await compareAt(Date.parse(x.computed.notifyBy) + d, `${x.breach.reference} ${d}`);
  }, 120_000);

  it('follows a change of the notification hours (index key), of a linked activity, and the trash', async () => {
    await ws.updateProfile({ breach_notification_hours: 48 });
    await compareAt(NOW, '48 hours');
    expect(await ensureBreachIndex(ws.db)).toBe(false);
    // A processor activity's contract hours change: its breaches' clocks are refreshed in the same transaction.
    const reg = new RegisterService(ws);
    const a = await reg.get(acts.processorNoHours);
    await reg.update(acts.processorNoHours, { ...a.activity, clientControllers: [{ name: 'Clinique du Lac', breachNotificationHours: 12 }] });
    await compareAt(NOW, 'contract hours');
    await reg.update(acts.controller, { ...(await reg.get(acts.controller)).activity, role: 'processor' });
    await compareAt(NOW, 'role');
    await reg.remove(acts.processor24);
    await compareAt(NOW, 'activity in the trash');
    expect(await ensureBreachIndex(ws.db)).toBe(false);
    const s = new BreachesService(ws, { now: () => new Date(NOW) });
    const first = (await s.list()).items.slice(0, 5);
    for (const b of first) await s.remove(b.id);
    await compareAt(NOW, 'breaches in the trash');
    // A stale key (an older clock engine) rebuilds every row at the next read.
    await setMeta(ws.db, 'breach_index_key', 'an older engine');
    expect(await ensureBreachIndex(ws.db)).toBe(true);
    await compareAt(NOW, 'rebuilt');
  }, 120_000);

  it('finds the breaches linked to written activities among any number of them (a bulk write of 40,000: past SQLite’s 32,766 parameters)', async () => {
    const rows = await ws.db.selectFrom('breach_index').select(['breach_id', 'activity_ids']).execute();
    const linkedTo = (ids: readonly string[]) => rows.filter((x) => (JSON.parse(x.activity_ids) as unknown[]).some((a) => ids.includes(a as string))).map((x) => x.breach_id).sort();
    const many = [...Array.from({ length: 40_000 }, (_, i) => `01JNOTANACTIVITY${String(i).padStart(10, '0')}`), acts.controller];
    const found = await ws.db.transaction().execute((trx) => breachIdsLinkedTo(trx, many));
    expect(found.sort()).toEqual(linkedTo([acts.controller]));
    expect(found.length).toBeGreaterThan(0);
    expect(await ws.db.transaction().execute((trx) => breachIdsLinkedTo(trx, [acts.processorNoHours, acts.controller]))).toHaveLength(linkedTo([acts.processorNoHours, acts.controller]).length);
    expect(await breachIdsLinkedTo(ws.db, ['01JNOTANACTIVITY0000000000'])).toEqual([]);
  });

  it('paging returns every breach exactly once while breaches are recorded between pages', async () => {
    const s = new BreachesService(ws, { now: () => new Date(NOW) });
    const known = new Set((await s.list()).items.map((i) => i.id));
    const seen: string[] = [];
    let cursor: string | undefined;
    let n = 0;
    do {
      const p = await s.list({ limit: 11, ...(cursor ? { cursor } : {}) });
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor ?? undefined;
      await s.create({ title: `Nouvelle ${n}`, awareAt: before(n * 13), timeZone: 'UTC', nature: ['availability'] });
      n++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of known) expect(seen).toContain(id);
  }, 60_000);

  it('refuses a forged cursor with a clear message', async () => {
    await expect(new BreachesService(ws).list({ limit: 5, cursor: 'forged' })).rejects.toThrow(/cursor is not one Vigie gave/);
  });
});

describe('breach references without reading every reference', () => {
  it('numbers per year of awareness, past the trash and three digits; a taken reference is refused', async () => {
    const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-breach-ref-')), 'w.vigie'), 'breach ref passphrase', { actor: 'test', profile: { controller_name: 'ACME' } });
    try {
      const s = new BreachesService(w, { now: () => new Date(NOW) });
      const b = { title: 'T', nature: ['confidentiality'] };
      expect((await s.create({ ...b, awareAt: '2026-01-02T10:00' })).reference).toBe('BR-2026-001');
      const second = await s.create({ ...b, awareAt: '2026-01-03T10:00' });
      expect(second.reference).toBe('BR-2026-002');
      await s.remove(second.id);
      expect((await s.create({ ...b, awareAt: '2025-06-01T10:00' })).reference).toBe('BR-2025-001');
      expect((await s.create({ ...b, awareAt: '2026-02-01T10:00', reference: 'BR-2026-999' })).reference).toBe('BR-2026-999');
      expect((await s.create({ ...b, awareAt: '2026-02-02T10:00' })).reference).toBe('BR-2026-1000');
      expect((await s.create({ ...b, awareAt: '2026-02-03T10:00' })).reference).toBe('BR-2026-1001');
      await expect(s.create({ ...b, awareAt: '2026-02-03T10:00', reference: 'BR-2026-002' })).rejects.toMatchObject({ code: 'duplicate_reference' });
    } finally {
      await w.close();
    }
  });

  it('createMany: one transaction, numbered in order; one refused breach refuses the batch and writes nothing', async () => {
    const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-breach-many-')), 'w.vigie'), 'breach many passphrase', { actor: 'test', profile: { controller_name: 'ACME' } });
    try {
      const s = new BreachesService(w, { now: () => new Date(NOW) });
      const b = (i: number) => ({ title: `T${i}`, nature: ['confidentiality'], awareAt: `2026-03-0${i}T10:00` });
      expect((await s.createMany([b(1), b(2), b(3)])).map((r) => r.reference)).toEqual(['BR-2026-001', 'BR-2026-002', 'BR-2026-003']);
      const entries = (await w.changeLogStats()).entries;
      await expect(s.createMany([b(4), { ...b(5), awareAt: '2062-03-05T10:00' }])).rejects.toMatchObject({ code: 'invalid_breach' });
      expect((await w.changeLogStats()).entries).toBe(entries);
      expect((await s.list()).items).toHaveLength(3);
      expect((await s.summary()).byStatus.open).toBe(3);
    } finally {
      await w.close();
    }
  });
});
