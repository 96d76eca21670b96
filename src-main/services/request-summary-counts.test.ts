/**
 * migration 0016: the requests summary's year of answers and rights counts are kept by triggers on
 * request_index. Whatever writes the index (a create, an edit that answers, extends or changes the
 * rights of a case, the trash and back, a purge, a rebuild after a rule change, an upgrade from the
 * previous version), the kept counts equal a count of the index rows made from scratch, and the
 * summary equals the in-memory computation over every case.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { m0016 } from '../db/migrations/0016_request_counts';
import { previousVersionCopy } from '../db/test-fixtures/previous-version';
import { addDays } from '../domain/calendar';
import { RIGHTS, type Right } from '../domain/requests/case';
import { seededRandom } from '../domain/seeded-random';
import { RequestsService } from './requests';
import { RetentionService } from './retention';
import { at, workspacesClosedAfterEach } from './test-fixtures/request-lists';
import { Workspace } from './workspace';

const PASS = 'summary counts test passphrase';
const ws = workspacesClosedAfterEach('vigie-summary-counts-', PASS);
const BASE = '2026-12-01';

/** The kept counts next to the same counts made from scratch by migration 0016's own fill statements. */
function keptAndRecounted(w: Workspace) {
  const raw = w.raw;
  const fills = m0016.statements.filter((s) => s.startsWith('INSERT INTO request_'));
  expect(fills).toHaveLength(2);
  const dump = (rights: string, answers: string) => ({
    rights: raw.prepare(`SELECT rights_mask, n FROM ${rights} WHERE n > 0 ORDER BY rights_mask`).all(),
    answers: raw.prepare(`SELECT * FROM ${answers} WHERE n > 0 ORDER BY sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target`).all(),
  });
  const kept = dump('request_rights_counts', 'request_answer_counts');
  raw.exec(`CREATE TEMP TABLE fresh_rights AS SELECT * FROM request_rights_counts WHERE 0; CREATE TEMP TABLE fresh_answers AS SELECT * FROM request_answer_counts WHERE 0`);
  for (const f of fills) raw.exec(f.replace('INSERT INTO request_rights_counts', 'INSERT INTO fresh_rights').replace('INSERT INTO request_answer_counts', 'INSERT INTO fresh_answers'));
  const fresh = dump('fresh_rights', 'fresh_answers');
  raw.exec(`DROP TABLE temp.fresh_rights; DROP TABLE temp.fresh_answers`);
  return { kept, fresh };
}

async function sameSummary(w: Workspace, days: string[]) {
  for (const day of days) {
    const s = new RequestsService(w, { now: at(day) });
    expect(await s.summary(), day).toEqual(await s.summaryInMemory());
  }
}

/** Cases received over 16 months, some answered (on time or late), extended (notified in time, late or not yet), with targets. */
async function randomCases(w: Workspace, seed: number, n: number): Promise<string[]> {
  const r = seededRandom(seed);
  const s = new RequestsService(w, { now: at(BASE) });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const receivedOn = addDays(BASE, -Math.floor(r() * 480));
    const rights = [...new Set<Right>([pick(RIGHTS), ...(r() < 0.3 ? [pick(RIGHTS)] : [])])];
    const ext = pick(['none', 'none', 'notified', 'late', 'pending'] as const);
    const extension = ext === 'none' ? {} : { decidedOn: addDays(receivedOn, 3), reasons: 'Complexité', ...(ext === 'notified' ? { notifiedOn: addDays(receivedOn, 10) } : ext === 'late' ? { notifiedOn: addDays(receivedOn, 40) } : {}) };
    const sent = addDays(receivedOn, 1 + Math.floor(r() * 110));
    const c = await s.create({
      requester: { name: `Personne ${i}` },
      rights,
      ...(rights.includes('objection') ? { objectionGround: 'marketing' } : {}),
      channel: 'email',
      receivedOn,
      extension,
      ...(r() < 0.6 && sent <= BASE ? { response: { sentOn: sent, how: 'Courriel' }, outcome: { result: 'fulfilled' } } : {}),
    });
    ids.push(c.id);
  }
  return ids;
}

const DAYS = [BASE, addDays(BASE, 3), addDays(BASE, 40), addDays(BASE, 200)];

describe('requests summary counts (migration 0016)', () => {
  it('stay equal to a recount and the summary to the in-memory one through edits, the trash, a restore, a purge and rebuilds', async () => {
    const w = await ws();
    await new RetentionService(w).setTargets({ defaultDays: 20, perRight: { erasure: 10 } });
    const ids = await randomCases(w, 5, 90);
    let c = keptAndRecounted(w);
    expect(c.kept).toEqual(c.fresh);
    expect(c.kept.answers.length).toBeGreaterThan(10);
    expect(c.kept.answers.some((a) => (a as { mode: number }).mode === 2)).toBe(true);
    await sameSummary(w, DAYS);

    const r = seededRandom(8);
    const s = new RequestsService(w, { now: at(BASE) });
    for (const [k, id] of ids.entries()) {
      if (k % 3 !== 0) continue;
      const got = (await s.get(id)).case;
      const pick = r();
      if (pick < 0.25) await s.update(id, { ...got, response: { sentOn: addDays(got.receivedOn, 5), how: 'Courrier' }, outcome: { result: 'fulfilled' } });
      else if (pick < 0.45) await s.update(id, { ...got, rights: ['erasure', 'access'] });
      else if (pick < 0.6) await s.update(id, { ...got, extension: { decidedOn: addDays(got.receivedOn, 2), reasons: 'Complexité' } });
      else if (pick < 0.75) await s.update(id, { ...got, receivedOn: addDays(got.receivedOn, -3) });
      else await s.remove(id, 'test');
    }
    c = keptAndRecounted(w);
    expect(c.kept).toEqual(c.fresh);
    await sameSummary(w, DAYS);

    // Back from the trash.
    const trashed = await w.db.selectFrom('requests').select('id').where('deleted_at', 'is not', null).execute();
    expect(trashed.length).toBeGreaterThan(0);
    await w.restore('requests', trashed[0]!.id);
    // A purge of a case closed long ago (its index row is rewritten).
    const old = await s.create({ requester: { name: 'Ancien' }, rights: ['access'], channel: 'email', receivedOn: '2019-01-02' });
    await s.update(old.id, { ...(await s.get(old.id)).case, outcome: { result: 'fulfilled' }, response: { sentOn: '2019-01-10' } });
    await new RetentionService(w, { now: at(BASE) }).purge([old.id], 'durée de conservation échue');
    c = keptAndRecounted(w);
    expect(c.kept).toEqual(c.fresh);

    // A rule change rebuilds every index row (deleted then written again): the counts follow.
    await w.updateProfile({ jurisdiction: 'DE' });
    await new RetentionService(w).setTargets({ defaultDays: null, perRight: {} });
    await sameSummary(w, DAYS);
    c = keptAndRecounted(w);
    expect(c.kept).toEqual(c.fresh);
    expect((await w.verifyAudit()).ok).toBe(true);
  }, 120_000);

  it('a workspace written before migration 0016 gets counts of its cases, and its audit trail still verifies', async () => {
    const made = join(mkdtempSync(join(tmpdir(), 'vigie-0016-')), 'w.vigie');
    const before = await Workspace.create(made, PASS, { actor: 'test', profile: { controller_name: 'ACME' } });
    await new RetentionService(before).setTargets({ defaultDays: 25, perRight: {} });
    await randomCases(before, 3, 40);
    const path = join(mkdtempSync(join(tmpdir(), 'vigie-0016-')), 'old.vigie');
    await previousVersionCopy(before.raw, path, PASS, '0016');
    await before.close();
    const reopened = await Workspace.open(path, PASS, { actor: 'test' });
    try {
      expect(reopened.migrated).toContain('0016_request_counts');
      const c = keptAndRecounted(reopened);
      expect(c.kept).toEqual(c.fresh);
      expect(c.kept.answers.length).toBeGreaterThan(5);
      await sameSummary(reopened, DAYS);
      expect((await reopened.verifyAudit()).ok).toBe(true);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
