import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { addDays } from '../domain/calendar';
import { STATUS_FILTERS } from '../domain/requests/case';
import { dueItems } from '../domain/retention/rules';
import { listActiveHolds } from '../db/repositories/retention';
import { m0012 } from '../db/migrations/0012_request_index_sort';
import { seedDemoWorkspace } from './demo';
import { RequestsService } from './requests';
import { RetentionService, latestTriggerDueBy } from './retention';
import type { Workspace } from './workspace';
import { allPages, at, workspacesClosedAfterEach } from './test-fixtures/request-lists';
import { addPeriod } from '../domain/retention/rules';

/**
 * Issue 11, the requests page at 100,000 cases: the deadline order key stored in request_index
 * (migration 0012) and the pages read from its indexes must give exactly what the in-memory list gives
 * (same cases, same order, same totals) for every filter and both orders, walking cursors across the
 * cases whose key is stored and the ones whose key is computed (extension notice pending); the
 * migration's fill must equal what the service writes; Today's and the retention's narrowed reads must
 * equal the full computation.
 */
const ws = workspacesClosedAfterEach('vigie-index-sort-', 'index sort passphrase');

/** The stored columns of 0012 against the SQL definition of the order key (the one the query used before). */
async function storedVersusSql(w: Workspace) {
  const r = await sql<{ request_id: string; reference: string; sort_key: string | null; ref: string; key: string; pending: number }>`
    SELECT x.request_id, x.reference, x.sort_key, r.reference AS ref,
      CASE WHEN x.closed = 1 THEN '1' || printf('%08d', 99999999 - CAST(replace(x.response_sent_on, '-', '') AS INTEGER))
           WHEN x.extended = 1 AND x.notified_ok = 1 THEN '0' || x.three_months ELSE '0' || x.one_month END AS key,
      (x.closed = 0 AND x.extended = 1 AND x.notice_pending = 1) AS pending
    FROM request_index x JOIN requests r ON r.id = x.request_id`.execute(w.db);
  return r.rows;
}

async function assertListsMatch(w: Workspace, today: string, limit: number) {
  const s = new RequestsService(w, { now: at(today) });
  for (const status of [undefined, ...STATUS_FILTERS]) {
    const full = await s.list(status ? { status } : {});
    const paged = await allPages(s, status ? { status } : {}, limit);
    expect(paged.ids, `filter ${status ?? 'all'} on ${today}`).toEqual(full.items.map((i) => i.id));
    expect(paged.total).toBe(full.items.length);
    const byReceived = await s.list({ ...(status ? { status } : {}), sort: 'received' });
    expect((await allPages(s, { ...(status ? { status } : {}), sort: 'received' }, limit)).ids, `filter ${status ?? 'all'}, newest first`).toEqual(byReceived.items.map((i) => i.id));
  }
  for (const right of ['access', 'erasure', 'objection'] as const) {
    const full = await s.list({ right });
    const page = await s.list({ right, limit: 1000 });
    expect(page.items.map((i) => i.id)).toEqual(full.items.map((i) => i.id));
    expect(page.total).toBe(full.items.length);
  }
}

describe('the requests page from the stored order key (migration 0012)', () => {
  it('stored keys, pages of every filter and both orders equal the in-memory list on random cases (property)', async () => {
    const w = await ws();
    const base = new RequestsService(w, { now: at('2026-12-01') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            received: fc.integer({ min: 0, max: 150 }),
            extension: fc.constantFrom('none', 'notified', 'late', 'pending', 'pending'),
            answered: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
            right: fc.constantFrom('access', 'erasure', 'objection'),
            identity: fc.boolean(),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: -30, max: 120 }),
        fc.constantFrom(1, 2, 3),
        async (cases, todayOffset, limit) => {
          for (const c of cases) {
            const receivedOn = addDays('2026-12-01', -c.received);
            const created = await base.create({ requester: { name: 'P' }, rights: [c.right], channel: 'email', receivedOn, ...(c.right === 'objection' ? { objectionGround: 'marketing' } : {}) });
            const got = await base.get(created.id);
            const ext =
              c.extension === 'none'
                ? {}
                : { decidedOn: addDays(receivedOn, 5), reasons: 'Complexité', ...(c.extension === 'notified' ? { notifiedOn: addDays(receivedOn, 6) } : c.extension === 'late' ? { notifiedOn: addDays(receivedOn, 45) } : {}) };
            const sent = c.answered !== null && c.received - c.answered >= 0 ? addDays(receivedOn, c.answered) : null;
            await base.update(created.id, { ...got.case, extension: ext, ...(c.identity ? { identity: { requestedOn: addDays(receivedOn, 1) } } : {}), ...(sent ? { outcome: { result: 'fulfilled' }, response: { sentOn: sent } } : {}) });
          }
          for (const row of await storedVersusSql(w)) {
            expect(row.reference).toBe(row.ref);
            expect(row.sort_key).toBe(row.pending ? null : row.key);
          }
          await assertListsMatch(w, addDays('2026-12-01', -todayOffset), limit);
        },
      ),
      // One run that surely holds a case with a pending notice (no stored key) beside keyed ones: the
      // random runs did not always (CI, 2026-12-03: none among them, and the check below failed).
      {
        numRuns: 10,
        examples: [
          [
            [
              { received: 20, extension: 'pending', answered: null, right: 'access', identity: false },
              { received: 40, extension: 'none', answered: null, right: 'erasure', identity: true },
              { received: 60, extension: 'notified', answered: 30, right: 'objection', identity: false },
            ],
            0,
            1,
          ],
        ],
      },
    );
    // Some cases have no stored key (pending notice): the walk above crossed both parts of the page.
    expect((await storedVersusSql(w)).some((r) => r.sort_key === null)).toBe(true);
  }, 300_000);

  it('on the demo workspace, and the migration fills the same columns the service writes', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    await assertListsMatch(w, '2026-12-01', 3);
    const written = await sql<{ request_id: string; reference: string; sort_key: string | null }>`SELECT request_id, reference, sort_key FROM request_index ORDER BY request_id`.execute(w.db);
    // A workspace upgraded to 0012: the columns start empty and the migration's UPDATE fills them.
    await sql`UPDATE request_index SET reference = '', sort_key = 'x'`.execute(w.db);
    await sql.raw(m0012.statements[2]!).execute(w.db);
    const filled = await sql<{ request_id: string; reference: string; sort_key: string | null }>`SELECT request_id, reference, sort_key FROM request_index ORDER BY request_id`.execute(w.db);
    expect(filled.rows).toEqual(written.rows);
    expect(written.rows.length).toBeGreaterThan(5);
  }, 120_000);

  it('Today’s cases and the retention’s due items equal the full computation (demo workspace, several days)', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const rulesSeen = new Set<string>();
    for (const day of ['2026-12-01', '2027-03-15', '2031-06-30', '2033-01-01']) {
      const s = new RequestsService(w, { now: at(day) });
      const today = await s.todayCandidates();
      const soon = addDays(day, 7);
      const all = await s.list({});
      const expected = all.items
        .filter((i) => !i.closed && (i.dueDate <= soon || (i.extended && !i.extensionNotifiedOn && day <= i.extensionNoticeBy)))
        .map((i) => i.id)
        .sort();
      expect(today.items.map((i) => i.id).sort(), day).toEqual(expected);
      const r = new RetentionService(w, { now: at(day) });
      const full = dueItems(await (r as unknown as { candidates(): Promise<Parameters<typeof dueItems>[0]> }).candidates(), await r.rules(), (await listActiveHolds(w.db)).map((h) => ({ table: h.table_name, rowId: h.row_id, reason: h.reason, placedOn: h.placed_on })), day);
      expect((await r.due()).items.map(({ link: _l, ...i }) => i), day).toEqual(full);
      for (const i of full) rulesSeen.add(i.rule);
    }
    expect(rulesSeen.has('request-closed')).toBe(true);
  }, 120_000);

  it('latestTriggerDueBy is the last start day whose period ends by the limit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom('days', 'months', 'years') as fc.Arbitrary<'days' | 'months' | 'years'>, (offset, value, unit) => {
        const limit = addDays('2024-01-31', offset);
        const period = { value: unit === 'days' ? value * 30 : value, unit };
        const d = latestTriggerDueBy(period, limit);
        expect(typeof d).toBe('string');
        expect(addPeriod(d as string, period) <= limit).toBe(true);
        expect(addPeriod(addDays(d as string, 1), period) > limit).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
