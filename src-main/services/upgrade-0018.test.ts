/**
 * Migration 0018: the activities' and vendors' index rows move into WITHOUT ROWID tables as they
 * are. An upgraded workspace keeps every stored row (nothing to recompute at its first open), reads
 * the same register, and the writes after the upgrade keep the rows current.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../db/migrations';
import { previousVersionCopy } from '../db/test-fixtures/previous-version';
import { ensureActivityIndex, storedActivityChecks } from './activity-index';
import { ensureVendorIndex } from './vendor-index';
import { seedDemoWorkspace } from './demo';
import { RegisterService } from './register';
import { VendorsService } from './vendors';
import { Workspace } from './workspace';

const PASS = 'upgrade 0018 passphrase';
const opened: Workspace[] = [];
afterEach(async () => {
  for (const w of opened.splice(0)) await w.close().catch(() => undefined);
});

const rowsOf = (w: Workspace) => ({
  activities: w.raw.prepare('SELECT * FROM activity_index ORDER BY activity_id').all(),
  vendors: w.raw.prepare('SELECT * FROM vendor_index ORDER BY vendor_id').all(),
});
const sqlOf = (w: Workspace, table: string) => (w.raw.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as { sql: string }).sql;

describe('upgrade 0018: index tables without rowid', () => {
  it('every stored row is kept as it was, nothing is rebuilt, and writes after the upgrade keep the rows current', async () => {
    const before = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-0018-a-')), 'w.vigie'), PASS, { actor: 'test' });
    opened.push(before);
    await seedDemoWorkspace(before);
    // Both indexes filled by the writes of the demo.
    const stored = rowsOf(before);
    expect(stored.activities.length).toBeGreaterThan(5);
    expect(stored.vendors.length).toBeGreaterThan(3);
    const register = await new RegisterService(before).list();

    const path = join(mkdtempSync(join(tmpdir(), 'vigie-0018-b-')), 'w.vigie');
    await previousVersionCopy(before.raw, path, PASS, '0018');
    const w = await Workspace.open(path, PASS, { actor: 'test' });
    opened.push(w);
    expect(w.migrated).toEqual(MIGRATIONS.filter((m) => m.name >= '0018').map((m) => m.name));
    for (const t of ['activity_index', 'vendor_index']) expect(sqlOf(w, t)).toMatch(/\) WITHOUT ROWID$/);
    expect(w.raw.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%_0018'`).all()).toEqual([]);
    expect(rowsOf(w)).toEqual(stored);
    // Current as they are: neither index is rebuilt at the first read.
    expect(await ensureActivityIndex(w.db)).toBe(false);
    expect(await ensureVendorIndex(w.db)).toBe(false);
    expect(await new RegisterService(w).list()).toEqual(register);

    // An activity created and a vendor renamed after the upgrade: their rows are written and current.
    const registerService = new RegisterService(w);
    const created = await registerService.create({ reference: 'T-900', name: 'Après la mise à jour', role: 'controller', status: 'draft', purposes: [{ description: 'Test', legalBasis: 'contract' }] });
    const checks = await storedActivityChecks(w.db, '2026-12-03');
    expect(checks.find((c) => c.id === created.id)).toMatchObject({ reference: 'T-900', name: 'Après la mise à jour' });
    expect(checks.length).toBe(stored.activities.length + 1);
    const vendors = new VendorsService(w);
    const first = (await vendors.list()).items[0];
    const got = await vendors.get(first!.id);
    await vendors.update(first!.id, { ...got.vendor, name: 'Renommé après la mise à jour' });
    expect(JSON.parse((w.raw.prepare('SELECT vendor FROM vendor_index WHERE vendor_id = ?').get(first!.id) as { vendor: string }).vendor)).toMatchObject({ name: 'Renommé après la mise à jour' });
    expect(await w.verifyAudit()).toMatchObject({ ok: true });
  });
});
