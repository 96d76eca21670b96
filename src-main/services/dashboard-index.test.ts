/**
 * What the dashboard reads after unlocking, stored by migration 0013 (issue 11): each stored value
 * equals the full computation it replaces, on generated data, after edits, the trash and purges, and
 * on a workspace written before the migration.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../domain/calendar';
import { previousVersionCopy } from '../db/test-fixtures/previous-version';
import { setMeta } from '../db/repositories/meta';
import { checkRegister } from '../domain/register/completeness';
import { buildToday } from '../domain/today';
import { listActivityRows } from '../db/repositories/activities';
import { ACTIVITY_INDEX_KEY, ensureActivityIndex, insertedActivityRow, storedActivityChecks } from './activity-index';
import { BreachesService } from './breaches';
import { liveActivities, registerSummary, registerSummaryInMemory } from './dashboard';
import { seedDemoWorkspace } from './demo';
import { RegisterService } from './register';
import { TodayService } from './today';
import { VendorsService } from './vendors';
import { ensureBreachIndex } from './breach-index';
import { RequestsService } from './requests';
import { RetentionService } from './retention';
import { at, workspacesClosedAfterEach } from './test-fixtures/request-lists';
import { Workspace } from './workspace';
import { seededRandom } from '../domain/seeded-random';

const ws = workspacesClosedAfterEach('vigie-dashboard-index-', 'dashboard index test passphrase');
const storedChecks = async (w: Workspace, day: string) => (await storedActivityChecks(w.db, day)).sort((a, b) => a.id.localeCompare(b.id));

const rng = seededRandom;

/** Each index row's requester and notice day next to the case's own values. */
async function storedAndCases(w: Workspace) {
  const stored = await w.db.selectFrom('request_index').select(['request_id', 'requester_name', 'extension_notified_on']).orderBy('request_id').execute();
  const s = new RequestsService(w);
  const cases = [];
  for (const x of stored) {
    const row = await w.db.selectFrom('requests').selectAll().where('id', '=', x.request_id).executeTakeFirstOrThrow();
    const c = (await s.get(x.request_id).catch(() => null))?.case;
    cases.push({ request_id: row.id, requester_name: row.requester_name, extension_notified_on: c ? (c.extension.notifiedOn ?? null) : x.extension_notified_on });
  }
  return { stored, cases };
}

describe('request_index: requester and extension notice (Today reads no case)', () => {
  it('equal each case after random creates, edits, renames, the trash and a purge', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-12-01') });
    const r = rng(11);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const receivedOn = addDays('2026-12-01', -Math.floor(r() * 120));
      ids.push((await s.create({ requester: { name: `Personne ${i}` }, rights: ['access'], channel: 'email', receivedOn })).id);
    }
    for (let k = 0; k < 60; k++) {
      const id = ids[Math.floor(r() * ids.length)]!;
      const got = await s.get(id).catch(() => null);
      if (!got) continue;
      const c = got.case;
      const pick = r();
      if (pick < 0.3) await s.update(id, { ...c, requester: { ...c.requester, name: `Renommée ${k}` } });
      else if (pick < 0.6) await s.update(id, { ...c, extension: { decidedOn: addDays(c.receivedOn, 3), reasons: 'Complexité', ...(r() < 0.5 ? { notifiedOn: addDays(c.receivedOn, 4) } : {}) } });
      else if (pick < 0.75) await s.update(id, { ...c, extension: {} });
      else if (pick < 0.85) await s.remove(id, 'test');
    }
    const { stored, cases } = await storedAndCases(w);
    expect(stored).toEqual(cases);
    expect(stored.some((x) => x.extension_notified_on !== null)).toBe(true);

    // A purge pseudonymises the requester: the index forgets the name in the same transaction.
    const closedOn = '2019-01-10';
    const old = await s.create({ requester: { name: 'Nom à effacer' }, rights: ['access'], channel: 'email', receivedOn: '2019-01-02' });
    const got = await s.get(old.id);
    await s.update(old.id, { ...got.case, outcome: { result: 'fulfilled' }, response: { sentOn: closedOn } });
    const ret = new RetentionService(w, { now: at('2026-12-01') });
    const due = (await ret.due()).items.filter((i) => i.id === old.id);
    expect(due).toHaveLength(1);
    await ret.purge([old.id], 'durée de conservation échue');
    const after = await w.db.selectFrom('request_index').select('requester_name').where('request_id', '=', old.id).executeTakeFirstOrThrow();
    expect(after.requester_name).not.toContain('effacer');
    const again = await storedAndCases(w);
    expect(again.stored).toEqual(again.cases);
  }, 60_000);

  it('a workspace written before migration 0013 gets the values its cases hold', async () => {
    const made = join(mkdtempSync(join(tmpdir(), 'vigie-0013-')), 'w.vigie');
    const pass = 'dashboard index test passphrase';
    // Cases written by the previous version (migrations up to 0012), then opened by this one.
    const before = await Workspace.create(made, pass, { actor: 'test', profile: { controller_name: 'ACME' } });
    const s = new RequestsService(before, { now: at('2026-12-01') });
    for (let i = 0; i < 12; i++) {
      const c = await s.create({ requester: { name: `Avant ${i}` }, rights: ['access'], channel: 'email', receivedOn: addDays('2026-12-01', -i * 9) });
      if (i % 3 === 0) {
        const got = await s.get(c.id);
        await s.update(c.id, { ...got.case, extension: { decidedOn: addDays(got.case.receivedOn, 2), reasons: 'Complexité', ...(i % 2 ? { notifiedOn: addDays(got.case.receivedOn, 3) } : {}) } });
      }
    }
    // The same workspace as the previous version (migrations up to 0012) stored it, then opened by this one.
    const path = join(mkdtempSync(join(tmpdir(), 'vigie-0013-')), 'old.vigie');
    await previousVersionCopy(before.raw, path, pass, '0013');
    await before.close();
    const reopened = await Workspace.open(path, pass, { actor: 'test' });
    try {
      expect(reopened.migrated).toContain('0013_dashboard_index');
      const { stored, cases } = await storedAndCases(reopened);
      expect(stored).toHaveLength(12);
      expect(stored).toEqual(cases);
      expect(stored.filter((x) => x.extension_notified_on !== null)).toHaveLength(2);
      // Every case counted indexed once, by the migration: unlocks no longer count them.
      const meta = async (key: string) => (await reopened.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
      expect(await meta('request_index_complete')).toBe(await meta('request_index_key'));
      expect((await reopened.verifyAudit()).ok).toBe(true);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});

describe('retention: breaches due read from breach_index', () => {
  it('give the list every breach read and parsed gives, around each due day, in zones far east and west, after reopenings, trash and purge', async () => {
    const w = await ws();
    const b = new BreachesService(w);
    const r = rng(5);
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push((await b.create({ title: `Violation ${i}`, awareAt: '2026-11-02T10:00', timeZone: 'UTC', nature: ['availability'] })).id);
    const setStatus = async (id: string, status: string) => {
      const got = await b.get(id);
      const { reference: _ref, ...breach } = got.breach;
      await b.update(id, { ...breach, status });
    };
    for (const id of ids) {
      const p = r();
      if (p < 0.6) await setStatus(id, 'closed');
      if (p < 0.2) {
        await setStatus(id, 'open');
        await setStatus(id, 'closed');
      }
      if (p > 0.9) await b.remove(id, 'test');
    }
    await ensureBreachIndex(w.db);
    const compare = async (day: string) => {
      const s = new RetentionService(w, { now: at(day) });
      const viaIndex = await s.due();
      // The same list with the index not current (its key changed): every breach read and parsed.
      await setMeta(w.db, 'breach_index_key', 'stale');
      const full = await s.due();
      await ensureBreachIndex(w.db);
      expect(viaIndex, day).toEqual(full);
      return full;
    };
    const far = await compare('2045-01-01');
    const days = [...new Set(far.items.filter((i) => i.table === 'breaches').map((i) => i.dueOn))];
    expect(days.length).toBeGreaterThan(0);
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Paris']) {
      await w.updateProfile({ time_zone: zone });
      for (const d of days) for (const k of [-2, -1, 0, 1]) await compare(addDays(d, k));
    }
    // Purged breaches are no longer due; the stored flag follows the purge in its transaction.
    await w.updateProfile({ time_zone: 'Europe/Paris' });
    const due = (await new RetentionService(w, { now: at('2045-01-01') }).due()).items.filter((i) => i.table === 'breaches' && !i.hold);
    await new RetentionService(w, { now: at('2045-01-01') }).purge([due[0]!.id], 'durée échue');
    const left = await compare('2045-01-01');
    expect(left.items.some((i) => i.id === due[0]!.id)).toBe(false);
  }, 120_000);
});

describe('activity_index: the register figures and Today read the stored completeness', () => {
  /** Each live activity's completeness on `day`, parsed and checked against the vendor register. */
  async function computed(w: Workspace, day: string) {
    const live = await liveActivities(w);
    const reg = checkRegister(live.map((x) => x.activity), { today: day, vendors: await new RegisterService(w).registerVendors() });
    return live
      .map((x, i) => {
        const r = reg.byActivity[i]!;
        return {
          id: x.row.id,
          reference: x.row.reference,
          name: x.row.name,
          status: x.row.status,
          reviewDate: x.row.review_date,
          score: r.score,
          errors: r.issues.filter((k) => k.severity === 'error').length,
          warnings: r.issues.filter((k) => k.severity === 'warning').length,
          dpiaRequired: r.issues.some((k) => k.code === 'dpia_not_done'),
        };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }
  const stored = async (w: Workspace, day: string) => (await storedActivityChecks(w.db, day)).sort((a, b) => a.id.localeCompare(b.id));

  it('equal the full check on the demo workspace and after random edits of activities, vendors, links and the trash, on the days around each review date', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const reg = new RegisterService(w);
    const vendors = new VendorsService(w);
    const r = rng(23);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const today = await vendors.today();
    const check = async (label: string) => {
      expect(await registerSummary(w), label).toEqual(await registerSummaryInMemory(w));
      const list = await reg.list();
      expect((await registerSummary(w)).score, label).toBe(list.score);
      const rows = await listActivityRows(w.db);
      const days = new Set([today]);
      for (const a of rows) if (a.review_date) for (const k of [-1, 0, 1]) days.add(addDays(a.review_date, k));
      for (const day of [...days].sort()) expect(await stored(w, day), `${label} on ${day}`).toEqual(await computed(w, day));
      for (const day of [today, addDays(today, 40)]) {
        const now = at(day);
        expect(await new TodayService(w, { now }).list(), `${label}: Today on ${day}`).toEqual(await new TodayService(w, { now, activities: 'computed' }).list());
      }
    };
    await check('demo');
    let trashedActivity: string | null = null;
    let trashedVendor: string | null = null;
    for (let step = 0; step < 24; step++) {
      const acts = await listActivityRows(w.db);
      const vendorIds = (await vendors.all()).entries.map((e) => e.row.id);
      const kind = pick(['activity', 'activity', 'vendor', 'vendor', 'trash'] as const);
      if (kind === 'activity') {
        const row = pick(acts);
        const { activity } = await reg.get(row.id);
        const edit = pick([
          { reviewDate: addDays(today, pick([-30, -1, 0, 1, 30])) },
          { reviewDate: undefined },
          { processors: [{ vendorId: pick(vendorIds), name: '' }] },
          { processors: [{ vendorId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', name: 'Disparu' }] },
          { processors: [{ name: 'Prestataire en texte libre' }] },
          { processors: [] },
          { status: activity.status === 'retired' ? 'active' : 'retired' },
          { purposes: [] },
          { name: `${activity.name} (${step})` },
        ] as const);
        await reg.update(row.id, { ...activity, ...edit });
      } else if (kind === 'vendor') {
        const id = pick(vendorIds);
        const { vendor } = await vendors.get(id);
        const act = pick(acts).id;
        const edit = pick([
          { activityIds: [...new Set([...vendor.activityIds, act])] },
          { activityIds: vendor.activityIds.slice(1) },
          { name: `${vendor.name} ${step}` },
          { transfers: [] },
          { role: pick(['processor', 'sub-processor', 'independent-recipient'] as const) },
        ] as const);
        await vendors.update(id, { ...vendor, ...edit });
      } else if (trashedActivity || trashedVendor) {
        if (trashedActivity) await w.restore('activities', trashedActivity);
        if (trashedVendor) await w.restore('vendors', trashedVendor);
        trashedActivity = trashedVendor = null;
      } else {
        trashedActivity = pick(acts).id;
        trashedVendor = pick(vendorIds);
        await reg.remove(trashedActivity, 'test');
        await vendors.remove(trashedVendor, 'test');
      }
      await check(`step ${step} (${kind})`);
    }
  }, 240_000);

  it('a new workspace has its key from migration 0013 (no rebuild at the first read); a building write keeps it without one', async () => {
    const w = await ws();
    const meta = async () => (await w.db.selectFrom('meta').select('value').where('key', '=', 'activity_index_key').executeTakeFirst())?.value;
    expect(await meta()).toBe(ACTIVITY_INDEX_KEY);
    await new RegisterService(w).create({ name: 'Paie', role: 'controller' });
    expect(await ensureActivityIndex(w.db)).toBe(false);
    expect(await stored(w, '2026-12-01')).toEqual(await computed(w, '2026-12-01'));
  });

  it('a bulk write of 1,100 activities (several chunks of the refresh and batches of the index upsert) stores what the full check gives, and a second write replaces rows in place', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const vendorIds = (await new VendorsService(w).list()).items.map((v) => v.id);
    const reg = new RegisterService(w);
    const r = rng(23);
    const ids: string[] = [];
    await w.mutate(async (tx) => {
      const used = await reg.usedReferences(tx);
      for (let i = 0; i < 1100; i++) {
        const processor = r() < 0.2;
        const draft = {
          name: `Traitement ${i} « essai »`,
          role: processor ? 'processor' : 'controller',
          ...(processor ? { clientControllers: [{ name: `Client ${i}`, breachNotificationHours: 24 }] } : {}),
          owner: r() < 0.5 ? `Service ${i % 7}` : '',
          purposes: r() < 0.8 ? [{ description: `Finalité ${i}`, legalBasis: r() < 0.5 ? 'contract' : 'legitimate-interests', legitimateInterest: 'Prospection' }] : [],
          dataSubjects: ['customers'],
          processors: vendorIds.length && r() < 0.5 ? [{ vendorId: vendorIds[i % vendorIds.length]!, name: '' }] : [],
          status: r() < 0.8 ? 'active' : 'draft',
          ...(r() < 0.7 ? { reviewDate: addDays('2026-12-01', Math.floor(r() * 60) - 30) } : {}),
        };
        ids.push(await reg.insertWith(tx, draft, 'bulk test', used));
      }
    });
    for (const day of ['2026-11-15', '2026-12-01', '2026-12-31']) expect(await stored(w, day), day).toEqual(await computed(w, day));
    // Rewritten in one transaction: every row is replaced (ON CONFLICT), none added or lost.
    await w.mutate(async (tx) => {
      for (const id of ids.slice(0, 260)) await tx.write({ op: 'update', table: 'activities', id, values: { status: 'retired' } });
    });
    expect(await w.db.selectFrom('activity_index').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: (await liveActivities(w)).length });
    expect(await ensureActivityIndex(w.db)).toBe(false);
    expect(await stored(w, '2026-12-01')).toEqual(await computed(w, '2026-12-01'));
  }, 120_000);

  it('rows inserted and written again in the same transaction (an edit, the trash, a restore) are stored as they end, not as inserted', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const vendorId = (await new VendorsService(w).list()).items[0]!.id;
    const row = (i: number) => ({
      reference: `K-${i}`,
      name: `Traitement ${i}`,
      role: 'controller',
      status: 'active',
      owner: '',
      review_date: '2026-12-01',
      details: { purposes: [{ description: `Finalité ${i}`, legalBasis: 'contract' }], dataSubjects: ['customers'] },
    });
    const ids: string[] = [];
    await w.mutate(async (tx) => {
      for (let i = 0; i < 8; i++) ids.push((await tx.write({ op: 'insert', table: 'activities', values: row(i) })).id);
      // Written again after their insert: the index must read what the transaction left.
      await tx.write({ op: 'update', table: 'activities', id: ids[0]!, values: { details: { purposes: [], processors: [{ vendorId, name: '' }] }, review_date: null } });
      await tx.write({ op: 'update', table: 'activities', id: ids[1]!, values: { status: 'retired', name: 'Renommé' } });
      await tx.write({ op: 'delete', table: 'activities', id: ids[2]! });
      await tx.write({ op: 'delete', table: 'activities', id: ids[3]! });
      await tx.write({ op: 'restore', table: 'activities', id: ids[3]! });
      // Kept as it exists: nothing written, the inserted row stands.
      await tx.write({ op: 'insert', table: 'activities', id: ids[4]!, values: { ...row(99), name: 'Autre' }, ifExists: 'keep' });
    });
    const indexed = new Set((await w.db.selectFrom('activity_index').select('activity_id').execute()).map((x) => x.activity_id));
    expect(indexed.has(ids[2]!)).toBe(false);
    expect(indexed.has(ids[3]!)).toBe(true);
    expect(await ensureActivityIndex(w.db)).toBe(false);
    for (const day of ['2026-11-30', '2026-12-01', '2026-12-02']) expect(await stored(w, day), day).toEqual(await computed(w, day));
    const first = (await stored(w, '2026-12-02')).find((x) => x.id === ids[0]);
    expect(first?.reviewDate).toBe(null);
    expect((await stored(w, '2026-12-02')).find((x) => x.id === ids[1])).toMatchObject({ name: 'Renommé', status: 'retired' });
  }, 60_000);

  it('rows an insert of the transaction wrote are indexed as written (not read back): every column equals a rebuild from the stored rows (owners empty or not, review dates or none, processors named)', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const vendorIds = (await new VendorsService(w).list()).items.map((v) => v.id);
    const r = rng(31);
    await w.mutate(async (tx) => {
      for (let i = 0; i < 40; i++) {
        const values: Record<string, unknown> = {
          reference: `Z-${i}`,
          name: `Traitement ${i}`,
          role: r() < 0.3 ? 'processor' : 'controller',
          status: r() < 0.8 ? 'active' : 'draft',
          details: { purposes: r() < 0.7 ? [{ description: `Finalité ${i}`, legalBasis: 'contract' }] : [], dataSubjects: ['customers'], ...(r() < 0.5 ? { processors: [{ vendorId: vendorIds[i % vendorIds.length]!, name: '' }] } : {}) },
        };
        values.owner = r() < 0.5 ? `Service ${i % 3}` : '';
        values.review_date = r() < 0.5 ? addDays('2026-12-01', Math.floor(r() * 40) - 20) : null;
        await tx.write({ op: 'insert', table: 'activities', values });
      }
    });
    const snapshot = () => w.db.selectFrom('activity_index').selectAll().orderBy('activity_id').execute();
    const written = await snapshot();
    await setMeta(w.db, 'activity_index_key', 'stale');
    expect(await ensureActivityIndex(w.db)).toBe(true);
    expect(written).toEqual(await snapshot());
    expect(written.filter((x) => x.reference.startsWith('Z-'))).toHaveLength(40);
  }, 60_000);

  it('a row as written is used only when it names every column the index reads with a text value (else it is read back)', () => {
    const stored = { reference: 'T-1', name: 'N', role: 'controller', status: 'active', owner: '', review_date: null, details: '{}' };
    expect(insertedActivityRow('a', { at: '2026-12-01T00:00:00.000Z', hlc: 'h', stored })).toEqual({ id: 'a', created_at: '2026-12-01T00:00:00.000Z', updated_at: '2026-12-01T00:00:00.000Z', deleted_at: null, hlc: 'h', ...stored });
    // review_date has no SQL default: not bound is NULL.
    const { review_date: _r, ...noReview } = stored;
    expect(insertedActivityRow('a', { at: 'x', hlc: 'h', stored: noReview })?.review_date).toBe(null);
    // owner and details have SQL defaults; a value that is not text would not be what the row holds.
    const { owner: _o, ...noOwner } = stored;
    expect(insertedActivityRow('a', { at: 'x', hlc: 'h', stored: noOwner })).toBeUndefined();
    expect(insertedActivityRow('a', { at: 'x', hlc: 'h', stored: { ...stored, details: null } })).toBeUndefined();
    expect(insertedActivityRow('a', { at: 'x', hlc: 'h', stored: { ...stored, name: 3 } })).toBeUndefined();
  });

  it('a stale key (rules changed) or a missing row rebuilds every row at the next read', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const day = await new VendorsService(w).today();
    const expected = await computed(w, day);
    await setMeta(w.db, 'activity_index_key', 'stale');
    expect(await stored(w, day)).toEqual(expected);
    await w.db.deleteFrom('activity_index').where('activity_id', '=', expected[0]!.id).execute();
    expect(await stored(w, day)).toEqual(expected);
  }, 60_000);
});

describe('Today: business purges asked only up to its look-ahead', () => {
  it('give the list the whole purge schedule gives, on the days around each purge', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const all = await new RetentionService(w).schedule();
    expect(all.items.length).toBeGreaterThan(0);
    const days = new Set<string>();
    for (const p of all.items) for (const k of [-31, -30, -29, 0, 1]) days.add(addDays(p.dueOn, k));
    for (const day of [...days].sort()) {
      const now = at(day);
      const t = new TodayService(w, { now });
      const f = await t.facts();
      const full = (await new RetentionService(w, { now }).schedule()).items;
      const expected = buildToday({ ...f, businessPurges: full.map((p) => ({ activityId: p.activityId, activityReference: p.activityReference, activityName: p.activityName, categoryId: p.categoryId, categoryLabel: p.categoryLabel, dueOn: p.dueOn })) });
      const got = await t.list();
      expect({ items: got.items, counts: got.counts }, day).toEqual(expected);
    }
  }, 120_000);
});

describe('the stored dashboard values stay outside the audit trail and never hide tampering', () => {
  it('audit verify passes with them, ignores their rewriting (derived, rebuilt from verified rows), and still finds a tampered activity, case or breach', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    await registerSummary(w);
    await new TodayService(w).list();
    expect((await w.verifyAudit()).ok).toBe(true);
    // Rewriting the derived rows is no change of the record: verify is unaffected, and a rebuild (key changed) restores them.
    const before = await storedChecks(w, '2026-12-01');
    w.raw.exec(`UPDATE activity_index SET errors = 0, warnings = 0, check_earned = check_weight; UPDATE request_index SET requester_name = 'x'; UPDATE breach_index SET closed_at = NULL`);
    expect((await w.verifyAudit()).ok).toBe(true);
    await setMeta(w.db, 'activity_index_key', 'stale');
    expect(await storedChecks(w, '2026-12-01')).toEqual(before);
    // The records themselves are still covered: a changed activity, case or breach fails verify.
    for (const table of ['activities', 'requests', 'breaches'] as const) {
      const row = w.raw.prepare(`SELECT id FROM ${table} LIMIT 1`).get() as { id: string };
      const col = table === 'requests' ? 'requester_name' : table === 'breaches' ? 'title' : 'name';
      const old = (w.raw.prepare(`SELECT ${col} AS v FROM ${table} WHERE id = ?`).get(row.id) as { v: string }).v;
      w.raw.prepare(`UPDATE ${table} SET ${col} = ? WHERE id = ?`).run(`${old} (altéré)`, row.id);
      expect((await w.verifyAudit()).ok, table).toBe(false);
      w.raw.prepare(`UPDATE ${table} SET ${col} = ? WHERE id = ?`).run(old, row.id);
    }
    expect((await w.verifyAudit()).ok).toBe(true);
  }, 60_000);
});
