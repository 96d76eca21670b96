/**
 * The stored parsed vendors (migration 0017, services/vendor-index.ts): every stored vendor equals
 * the parse of its row after creates, edits, the trash, a restore, a purge and a colleague's change;
 * a vendor whose row changed behind the index's back is parsed from its row; an upgraded workspace
 * gets every vendor stored by its first open, and its requests summary counts stay equal.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { previousVersionCopy } from '../db/test-fixtures/previous-version';
import { m0016 } from '../db/migrations/0016_request_counts';
import { MIGRATIONS } from '../db/migrations';
import { currentVendorIndex } from '../db/repositories/vendor-index';
import { listVendorRows } from '../db/repositories/vendors';
import { deliver, founder, joiner, type Replica } from '../db/test-fixtures/replicas';
import { seededRandom } from '../domain/seeded-random';
import { addDays } from '../domain/calendar';
import { RequestsService } from './requests';
import { ensureVendorIndex, parsedLiveVendors, VENDOR_INDEX_KEY } from './vendor-index';
import { setMeta } from '../db/repositories/meta';
import { rowToVendor } from './vendor-row';
import { liveVendors, VendorsService } from './vendors';
import { at, workspacesClosedAfterEach } from './test-fixtures/request-lists';
import { Workspace } from './workspace';

const PASS = 'vendor index test passphrase';
const ws = workspacesClosedAfterEach('vigie-vendor-index-', PASS);

/** Every live vendor's stored parse (when current) next to the parse of its row, and the stored rows of vendors not live. */
async function storedAndParsed(w: Workspace) {
  const rows = await w.db.selectFrom('vendors').selectAll().where('deleted_at', 'is', null).orderBy('id').execute();
  const current = await currentVendorIndex(w.db, VENDOR_INDEX_KEY);
  const stray = w.raw.prepare('SELECT vendor_id FROM vendor_index x WHERE NOT EXISTS (SELECT 1 FROM vendors v WHERE v.id = x.vendor_id AND v.deleted_at IS NULL)').all();
  return {
    stored: rows.map((r) => ({ id: r.id, vendor: current.has(r.id) ? JSON.parse(current.get(r.id)!) : 'not stored' })),
    parsed: rows.map((r) => ({ id: r.id, vendor: rowToVendor(r) })),
    stray,
  };
}

async function expectCurrent(w: Workspace) {
  const s = await storedAndParsed(w);
  expect(s.stored).toStrictEqual(s.parsed);
  expect(s.stray).toEqual([]);
  // …and the register reads each vendor as its row parses.
  const read = await parsedLiveVendors(w.db);
  expect(read.map((x) => x.vendor)).toStrictEqual(read.map((x) => rowToVendor(x.row)));
  // …each with its row, in the register's order (ties of names included).
  expect(read.map((x) => x.row)).toStrictEqual(await listVendorRows(w.db));
}

const vendorDraft = (r: () => number, i: number) => ({
  // Few names: ties in the register's order.
  name: `Prestataire ${i % 4}`,
  country: r() < 0.5 ? 'US' : 'FR',
  role: r() < 0.7 ? 'processor' : 'sub-processor',
  nextReviewOn: r() < 0.5 ? '2027-01-15' : null,
  hosting: r() < 0.5 ? [{ country: 'IN', region: 'Mumbai' }] : [],
  transfers: r() < 0.4 ? [{ country: 'US', tool: 'scc', sccModule: 2, sccSignedOn: '2024-03-01' }] : [],
  certifications: r() < 0.3 ? [{ kind: 'iso27001', expiresOn: '2026-12-20' }] : [],
});

describe('vendor_index (migration 0017)', () => {
  it('equals the parse of every live vendor after random creates, edits, the trash, restores and a purge, in the transaction of each write', async () => {
    const w = await ws();
    const v = new VendorsService(w);
    const r = seededRandom(17);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await v.create(vendorDraft(r, i))).id);
    await expectCurrent(w);
    for (let k = 0; k < 40; k++) {
      const id = ids[Math.floor(r() * ids.length)]!;
      const row = await w.db.selectFrom('vendors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const pick = r();
      if (row.deleted_at) {
        await w.mutate((wr) => wr.write({ op: 'restore', table: 'vendors', id }));
      } else if (pick < 0.5) {
        const cur = rowToVendor(row);
        await v.update(id, { ...cur, name: `Renommé ${k % 3}`, risk: r() < 0.5 ? 'high' : null, services: `Service ${k}` });
      } else if (pick < 0.7) {
        await v.remove(id, 'test');
      } else {
        await v.update(id, { ...rowToVendor(row), contacts: [{ name: `Contact ${k}`, email: `c${k}@example.org`, role: '' }] });
      }
      // Each write leaves the index current: no read had to store anything.
      const s = await storedAndParsed(w);
      expect(s.stored).toStrictEqual(s.parsed);
      expect(s.stray).toEqual([]);
    }
    // A purge of the contacts (retention) is a write of the vendor: its stored parse follows.
    const live = await w.db.selectFrom('vendors').select('id').where('deleted_at', 'is', null).execute();
    const purged = await w.db.selectFrom('vendors').selectAll().where('id', '=', live[0]!.id).executeTakeFirstOrThrow();
    const { name: _n, role: _r, country: _c, risk: _k, nextReviewOn: _d, ...details } = rowToVendor(purged);
    await w.mutate((wr) => wr.write({ op: 'purge', table: 'vendors', id: purged.id, values: { details: { ...details, contacts: [], notes: 'Purgé' } }, reason: 'test' }));
    expect(rowToVendor(await w.db.selectFrom('vendors').selectAll().where('id', '=', purged.id).executeTakeFirstOrThrow()).notes).toBe('Purgé');
    await expectCurrent(w);
  });

  it('a vendor whose row changed behind the index, or stored under another key, is read from its row; reads never write; an open under another key stores them all', async () => {
    const w = await ws();
    const v = new VendorsService(w);
    const { id } = await v.create({ name: 'Hébergeur A', country: 'FR', role: 'processor' });
    await v.create({ name: 'Routeur B', country: 'US', role: 'processor' });
    const first = await liveVendors(w);
    expect(await liveVendors(w)).toBe(first);
    // Not through the write path (a test only): the stored parse no longer matches the row.
    w.raw.prepare(`UPDATE vendors SET details = json_set(details, '$.services', 'Changé en dessous') WHERE id = ?`).run(id);
    expect((await currentVendorIndex(w.db, VENDOR_INDEX_KEY)).has(id)).toBe(false);
    const changes = w.raw.prepare('SELECT total_changes() AS n').get();
    const read = await parsedLiveVendors(w.db);
    expect(read.find((x) => x.row.id === id)!.vendor.services).toBe('Changé en dessous');
    expect(read.map((x) => x.vendor)).toStrictEqual(read.map((x) => rowToVendor(x.row)));
    expect(w.raw.prepare('SELECT total_changes() AS n').get()).toEqual(changes);
    // Another key (another schema version) is never read back…
    w.raw.prepare(`UPDATE vendor_index SET index_key = 'older'`).run();
    expect((await currentVendorIndex(w.db, VENDOR_INDEX_KEY)).size).toBe(0);
    expect((await parsedLiveVendors(w.db)).map((x) => x.vendor)).toStrictEqual(read.map((x) => x.vendor));
    // …and the open that finds the index made under another key stores every vendor again.
    expect(await ensureVendorIndex(w.db)).toBe(false);
    await setMeta(w.db, 'vendor_index_key', 'older');
    expect(await ensureVendorIndex(w.db)).toBe(true);
    await expectCurrent(w);
  });

  it('a colleague’s change of a vendor refreshes its stored parse in the transaction that applies it', async () => {
    const open: Replica[] = [];
    try {
      const a = await founder('A');
      open.push(a);
      const b = await joiner(a, 'B');
      open.push(b);
      const va = new VendorsService(a.ws);
      const { id } = await va.create({ name: 'Hébergeur A', country: 'FR', role: 'processor' });
      await deliver(a, b);
      await expectCurrent(b.ws);
      const row = await a.ws.db.selectFrom('vendors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await va.update(id, { ...rowToVendor(row), name: 'Hébergeur A renommé', country: 'US' });
      await deliver(a, b);
      const s = await storedAndParsed(b.ws);
      expect(s.stored).toStrictEqual(s.parsed);
      expect(s.stored[0]!.vendor.name).toBe('Hébergeur A renommé');
    } finally {
      for (const r of open) await r.ws.close().catch(() => undefined);
    }
  });

  it('pins the vendor schema module: an edit of it must say whether the stored parses change (VENDOR_SCHEMA_VERSION)', () => {
    // When domain/vendors/vendor.ts changes: if rowToVendor can give another value for a stored row,
    // bump VENDOR_SCHEMA_VERSION (services/vendor-index.ts); then update the digest below.
    const text = readFileSync(join(__dirname, '../domain/vendors/vendor.ts'), 'utf8');
    expect({ version: JSON.parse(VENDOR_INDEX_KEY).schema, digest: createHash('sha256').update(text).digest('hex').slice(0, 16) }).toEqual({ version: 1, digest: 'b2740503696c2cee' });
  });
});

async function previousTables(path: string): Promise<string[]> {
  const { openDatabase } = await import('../db/open');
  const { MIGRATIONS } = await import('../db/migrations');
  const o = await openDatabase({ path, passphrase: PASS, mode: 'open', migrations: MIGRATIONS.filter((m) => m.name < '0017') });
  try {
    return (o.raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    await o.db.destroy();
  }
}

describe('upgrade to 0017', () => {
  const opened: Workspace[] = [];
  afterEach(async () => {
    for (const w of opened.splice(0)) await w.close();
  });

  it('stores every live vendor at the first open, keeps the answer counts (read from their new covering index) and the summary, and verifies', async () => {
    const before = await ws();
    const v = new VendorsService(before);
    const r = seededRandom(5);
    for (let i = 0; i < 8; i++) await v.create(vendorDraft(r, i));
    const trashed = (await v.create(vendorDraft(r, 8))).id;
    await v.remove(trashed, 'test');
    const cases = new RequestsService(before, { now: at('2026-12-01') });
    for (let i = 0; i < 14; i++) {
      const c = await cases.create({ requester: { name: `Avant ${i}` }, rights: i % 2 ? ['access'] : ['erasure', 'access'], channel: 'email', receivedOn: addDays('2026-11-25', -i * 23) });
      if (i % 4 !== 0) {
        const got = await cases.get(c.id);
        await cases.update(c.id, { ...got.case, outcome: { result: 'fulfilled' }, response: { sentOn: addDays(got.case.receivedOn, 5 + i) } });
      }
    }
    const summaryBefore = await new RequestsService(before, { now: at('2026-12-01') }).summary();
    const vendorsBefore = (await parsedLiveVendors(before.db)).map((x) => x.vendor);
    const path = join(mkdtempSync(join(tmpdir(), 'vigie-upgrade-0017-')), 'w.vigie');
    // A workspace of the previous version has no vendor index, nor its key in meta.
    before.raw.prepare(`DELETE FROM meta WHERE key = 'vendor_index_key'`).run();
    await previousVersionCopy(before.raw, path, PASS, '0017');
    expect(new Set((await previousTables(path)))).not.toContain('vendor_index');
    const reopened = await Workspace.open(path, PASS, { actor: 'test' });
    opened.push(reopened);
    expect(reopened.migrated).toEqual(MIGRATIONS.filter((m) => m.name >= '0017').map((m) => m.name));
    const live = await reopened.db.selectFrom('vendors').select('id').where('deleted_at', 'is', null).execute();
    expect(live.length).toBe(8);
    expect((await currentVendorIndex(reopened.db, VENDOR_INDEX_KEY)).size).toBe(live.length);
    await expectCurrent(reopened);
    expect((await parsedLiveVendors(reopened.db)).map((x) => x.vendor)).toStrictEqual(vendorsBefore);
    // The answer counts, kept by 0016's triggers, are read from the new covering index.
    const plan = reopened.raw.prepare(`EXPLAIN QUERY PLAN SELECT days, sum(n) FROM request_answer_counts WHERE sent_on > '2025-12-01' GROUP BY days`).all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('COVERING INDEX request_answer_counts_year');
    const recount = m0016.statements.find((s) => s.startsWith('INSERT INTO request_answer_counts'))!;
    const kept = reopened.raw.prepare('SELECT * FROM request_answer_counts ORDER BY sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target').all();
    reopened.raw.exec(`CREATE TEMP TABLE fresh_answers AS SELECT * FROM request_answer_counts WHERE 0`);
    reopened.raw.exec(recount.replace('INSERT INTO request_answer_counts', 'INSERT INTO fresh_answers'));
    expect(kept).toEqual(reopened.raw.prepare('SELECT * FROM fresh_answers ORDER BY sent_on, days, mode, notice_by, by_one_month, by_three_months, target, on_target').all());
    expect(kept.length).toBeGreaterThan(0);
    const s = new RequestsService(reopened, { now: at('2026-12-01') });
    expect(await s.summary()).toEqual(summaryBefore);
    expect(await s.summary()).toEqual(await s.summaryInMemory());
    // The triggers still keep the counts: a case answered after the upgrade is counted.
    const created = await s.create({ requester: { name: 'Après la mise à jour' }, rights: ['access'], channel: 'email', receivedOn: '2026-11-20' });
    const got = await s.get(created.id);
    await s.update(created.id, { ...got.case, outcome: { result: 'fulfilled' }, response: { sentOn: '2026-11-28' } });
    expect(await s.summary()).toEqual(await s.summaryInMemory());
    expect((await s.summary()).answeredLast12Months).toBe(summaryBefore.answeredLast12Months + 1);
    expect((await reopened.verifyAudit()).ok).toBe(true);
  }, 60_000);
});
