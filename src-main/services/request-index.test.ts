import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../domain/calendar';
import { RIGHTS, STATUS_FILTERS } from '../domain/requests/case';
import { setMeta } from '../db/repositories/meta';
import { seedDemoWorkspace } from './demo';
import { ensureRequestIndex } from './request-index';
import { rowKeyOf } from './index-key';
import { insertCase, RequestsService } from './requests';
import { ORG_PROFILE_ID } from '../db/repositories/org-profile';
import { RetentionService } from './retention';
import { allPages, at, workspacesClosedAfterEach } from './test-fixtures/request-lists';

const ws = workspacesClosedAfterEach('vigie-index-', 'index test passphrase');

describe('stored deadlines and paged lists', () => {
  it('pages of every filter equal the in-memory list, in the same order, on the demo workspace', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const s = new RequestsService(w);
    for (const status of [undefined, ...STATUS_FILTERS]) {
      const full = await s.list(status ? { status } : {});
      const paged = await allPages(s, status ? { status } : {}, 4);
      expect(paged.ids, `filter ${status ?? 'all'}`).toEqual(full.items.map((i) => i.id));
      expect(paged.total).toBe(full.items.length);
    }
    const byReceived = await s.list({ sort: 'received' });
    expect((await allPages(s, { sort: 'received' }, 5)).ids).toEqual(byReceived.items.map((i) => i.id));
  }, 60_000);

  it('stored due dates equal the engine after a jurisdiction change, a holiday-data change and a target change (property)', async () => {
    const w = await ws();
    const base = new RequestsService(w, { now: at('2026-12-01') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            received: fc.integer({ min: 0, max: 200 }),
            extension: fc.constantFrom('none', 'notified', 'late', 'pending'),
            answered: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
            right: fc.constantFrom('access', 'erasure', 'objection'),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom('FR', 'FR-57', 'DE', 'BE'),
        async (cases, todayOffset, jurisdiction) => {
          for (const c of cases) {
            const receivedOn = addDays('2026-12-01', -c.received);
            const created = await base.create({ requester: { name: 'P' }, rights: [c.right], channel: 'email', receivedOn, ...(c.right === 'objection' ? { objectionGround: 'marketing' } : {}) });
            const got = await base.get(created.id);
            const ext =
              c.extension === 'none'
                ? {}
                : { decidedOn: addDays(receivedOn, 5), reasons: 'Complexité', ...(c.extension === 'notified' ? { notifiedOn: addDays(receivedOn, 6) } : c.extension === 'late' ? { notifiedOn: addDays(receivedOn, 45) } : {}) };
            const sent = c.answered !== null && c.received - c.answered >= 0 ? addDays(receivedOn, c.answered) : null;
            await base.update(created.id, { ...got.case, extension: ext, ...(sent ? { outcome: { result: 'fulfilled' }, response: { sentOn: sent } } : {}) });
          }
          await w.updateProfile({ jurisdiction });
          const s = new RequestsService(w, { now: at(addDays('2026-12-01', -todayOffset)) });
          for (const status of [undefined, ...STATUS_FILTERS]) {
            const full = await s.list(status ? { status } : {});
            const page = await s.list({ ...(status ? { status } : {}), limit: 1000 });
            expect(page.items.map((i) => [i.id, i.dueDate, i.status])).toEqual(full.items.map((i) => [i.id, i.dueDate, i.status]));
          }
        },
      ),
      { numRuns: 12 },
    );
    // A holiday-data or engine change shows as a different key: the next read rebuilds every row.
    await setMeta(w.db, 'request_index_key', 'an older engine');
    expect(await ensureRequestIndex(w.db)).toBe(true);
    expect(await ensureRequestIndex(w.db)).toBe(false);
    // A target change too (the target is stored with the deadlines).
    await new RetentionService(w).setTargets({ defaultDays: 3, perRight: {} });
    const s = new RequestsService(w, { now: at('2026-12-01') });
    const full = await s.list({ status: 'target-missed' });
    expect((await s.list({ status: 'target-missed', limit: 1000 })).items.map((i) => i.id)).toEqual(full.items.map((i) => i.id));
  }, 120_000);

  it('a transaction reads the profile and targets once for its cases, and again after it writes either: its stored rows equal a full rebuild', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-12-01') });
    const ids: string[] = [];
    const stored = async () => w.db.selectFrom('request_index').selectAll().where('request_id', 'in', ids).orderBy('request_id').execute();
    const draft = (name: string, receivedOn: string) => ({ requester: { name }, rights: ['access'], channel: 'email', receivedOn });
    await s.create(draft('Avant', '2026-11-20'));
    const seen: string[] = [];
    await w.mutate(async (tx) => {
      const first = await tx.read.requestIndexContext();
      expect(await tx.read.requestIndexContext()).toBe(first);
      seen.push(first.profile.jurisdiction);
      ids.push((await insertCase(tx, draft('Même transaction, avant', '2026-11-02'), first.profile)).id);
      // The profile and the targets change inside the transaction: what it read before no longer holds.
      await tx.write({ op: 'update', table: 'org_profile', id: ORG_PROFILE_ID, values: { jurisdiction: first.profile.jurisdiction === 'DE' ? 'BE' : 'DE' } });
      const second = await tx.read.requestIndexContext();
      expect(second).not.toBe(first);
      seen.push(second.profile.jurisdiction);
      await tx.write({ op: 'insert', table: 'response_targets', values: { right: '*', days: 4 } });
      const third = await tx.read.requestIndexContext();
      expect(third.targets).not.toEqual(second.targets);
      ids.push((await insertCase(tx, draft('Même transaction, après', '2026-11-02'), third.profile)).id);
    });
    expect(seen[0]).not.toBe(seen[1]);
    // Every row the transaction wrote was computed under the context it ended with: a rebuild changes none of them.
    const after = await stored();
    await setMeta(w.db, 'request_index_key', 'forced rebuild');
    expect(await ensureRequestIndex(w.db)).toBe(true);
    expect(await stored()).toEqual(after);
    expect(after.map((r) => r.target_on)).toEqual(['2026-11-06', '2026-11-06']);
  });

  it('a created case’s stored deadlines, computed from the case as validated, equal those computed from its row read back (property)', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-12-01') });
    const ids: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          received: fc.integer({ min: 0, max: 400 }),
          rights: fc.uniqueArray(fc.constantFrom(...RIGHTS), { minLength: 1, maxLength: 3 }),
          jurisdiction: fc.option(fc.constantFrom('FR', 'FR-57', 'DE', 'BE', 'IE'), { nil: undefined }),
          identity: fc.option(fc.record({ asked: fc.integer({ min: 0, max: 20 }), got: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }) }), { nil: null }),
          extension: fc.constantFrom('none', 'notified', 'late', 'pending'),
          answered: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
          name: fc.constantFrom('Jeanne Martin', '  Espaces  autour ', 'Ødegård-Łukasz', 'A'),
        }),
        async (x) => {
          const receivedOn = addDays('2026-12-01', -x.received);
          const upTo = (d: number) => (x.received - d >= 0 ? addDays(receivedOn, d) : undefined);
          const asked = x.identity ? upTo(x.identity.asked) : undefined;
          const got = x.identity && asked && x.identity.got !== null ? upTo(x.identity.asked + x.identity.got) : undefined;
          const decided = x.extension !== 'none' ? upTo(5) : undefined;
          const notified = decided && x.extension === 'notified' ? upTo(6) : decided && x.extension === 'late' ? upTo(45) : undefined;
          const sent = x.answered !== null ? upTo(x.answered) : undefined;
          const created = await s.create({
            requester: { name: x.name },
            rights: x.rights,
            ...(x.rights.includes('objection') ? { objectionGround: 'marketing' } : {}),
            channel: 'letter',
            receivedOn,
            ...(x.jurisdiction ? { jurisdiction: x.jurisdiction } : {}),
            ...(asked ? { identity: { requestedOn: asked, ...(got ? { receivedOn: got } : {}), method: 'Pièce' } } : {}),
            ...(decided ? { extension: { decidedOn: decided, reasons: 'Complexité', ...(notified ? { notifiedOn: notified } : {}) } } : {}),
            ...(sent ? { response: { sentOn: sent, how: 'Courriel' }, outcome: { result: 'fulfilled' } } : {}),
          });
          ids.push(created.id);
        },
      ),
      { numRuns: 40 },
    );
    const rows = async () => w.db.selectFrom('request_index').selectAll().orderBy('request_id').execute();
    const written = await rows();
    expect(written.map((r) => r.request_id).sort()).toEqual([...ids].sort());
    // Every row recomputed from the stored case (rowToCase) is the row the create stored.
    await setMeta(w.db, 'request_index_key', 'recompute from rows');
    expect(await ensureRequestIndex(w.db)).toBe(true);
    expect(await rows()).toEqual(written);
  }, 120_000);

  it('each row records a short digest of the key it was computed under; the full key is kept once, in meta', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    await ensureRequestIndex(w.db);
    const keyOf = () => w.raw.prepare("SELECT value FROM meta WHERE key = 'request_index_key'").pluck().get() as string;
    const rowKeys = () => w.raw.prepare('SELECT DISTINCT index_key FROM request_index').pluck().all();
    expect(keyOf().length).toBeGreaterThan(100);
    expect(rowKeys()).toEqual([rowKeyOf(keyOf())]);
    expect(rowKeyOf(keyOf())).toMatch(/^[0-9a-f]{16}$/);
    // Another key (the targets are part of it): every row is rewritten under the new digest.
    await new RetentionService(w).setTargets({ defaultDays: 5, perRight: {} });
    await ensureRequestIndex(w.db);
    expect(rowKeys()).toEqual([rowKeyOf(keyOf())]);
  }, 60_000);

  it('paging returns every case exactly once while cases are inserted between pages', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-12-01') });
    for (let i = 0; i < 23; i++) await s.create({ requester: { name: `P${i}` }, rights: ['access'], channel: 'email', receivedOn: addDays('2026-11-30', -(i * 3) % 60) });
    const before = new Set((await s.list({})).items.map((i) => i.id));
    const seen: string[] = [];
    let cursor: string | undefined;
    let n = 0;
    do {
      const p = await s.list({ limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor ?? undefined;
      // A colleague adds a case between two pages (some sort before the cursor, some after).
      await s.create({ requester: { name: `New${n}` }, rights: ['access'], channel: 'email', receivedOn: addDays('2026-11-30', -((n * 17) % 50)) });
      n++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
  }, 60_000);

  it('refuses a forged cursor with a clear message', async () => {
    const w = await ws();
    const s = new RequestsService(w);
    await expect(s.list({ limit: 10, cursor: 'not-a-cursor' })).rejects.toThrow(/cursor is not one Vigie gave/);
  });
});
