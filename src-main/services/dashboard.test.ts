import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listActivityRows } from '../db/repositories/activities';
import { activityChecksOn, liveActivities, registerSummary } from './dashboard';
import { storedActivityChecks } from './activity-index';
import { seedDemoWorkspace } from './demo';
import { RegisterService, rowToActivity } from './register';
import { Workspace } from './workspace';

/**
 * The dashboard's register figures and the parsed activities shared with Today (issue 11): equal to
 * what RegisterService.list computes from scratch, and never stale after a write.
 */
const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});

/** What dashboard.summary computed before (RegisterService.list, then the five lowest scores). */
async function fromScratch(w: Workspace) {
  const r = await new RegisterService(w).list();
  const toFix = r.items.filter((a) => a.status !== 'retired' && a.score < 100).sort((a, b) => a.score - b.score).slice(0, 5);
  return { score: r.score, errors: r.counts.errors, warnings: r.counts.warnings, complete: r.counts.complete, toFix: toFix.map(({ id, reference, name, score }) => ({ id, reference, name, score })) };
}

describe('dashboard register figures', () => {
  it('equal RegisterService.list on the demo workspace, and follow every write (random edits)', async () => {
    const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-dashboard-')), 'w.vigie'), 'dashboard test passphrase', { actor: 'test', profile: { controller_name: 'ACME' } });
    opened.push(w);
    await seedDemoWorkspace(w);
    const reg = new RegisterService(w);
    expect(await registerSummary(w)).toEqual(await fromScratch(w));
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 8; step++) {
      const rows = await listActivityRows(w.db);
      const row = rows[rand(rows.length)]!;
      const { activity } = await reg.get(row.id);
      const edits = [
        { ...activity, name: `${activity.name} (${step})` },
        { ...activity, status: activity.status === 'retired' ? 'active' : 'retired' },
        { ...activity, dataSubjects: [] },
        { ...activity, purposes: [] },
      ] as const;
      await reg.update(row.id, edits[rand(edits.length)]);
      // The shared parse is the fresh one after the write.
      expect((await liveActivities(w)).map((x) => x.activity)).toEqual((await listActivityRows(w.db)).map((r) => ({ ...rowToActivity(r), id: r.id })));
      expect(await registerSummary(w), `after edit ${step}`).toEqual(await fromScratch(w));
    }
    // Unchanged workspace: the same parsed list is handed out again.
    expect(await liveActivities(w)).toBe(await liveActivities(w));
    // The stored checks of a day are shared by dashboard.summary and Today until the next write.
    const day = '2026-12-01';
    const shared = await activityChecksOn(w, day);
    expect(shared).toEqual(await storedActivityChecks(w.db, day));
    expect(await activityChecksOn(w, day)).toBe(shared);
    expect(await activityChecksOn(w, '2027-06-01')).toEqual(await storedActivityChecks(w.db, '2027-06-01'));
    const row = (await listActivityRows(w.db))[0]!;
    await reg.update(row.id, { ...(await reg.get(row.id)).activity, name: 'Renommée après lecture' });
    const after = await activityChecksOn(w, day);
    expect(after).not.toBe(shared);
    expect(after).toEqual(await storedActivityChecks(w.db, day));
    expect(after.find((c) => c.id === row.id)!.name).toBe('Renommée après lecture');
  }, 120_000);
});
