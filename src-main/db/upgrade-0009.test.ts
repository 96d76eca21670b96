import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../services/workspace';
import { canonicalJson, GENESIS_HASH, sha256Hex } from './canonical';
import { MIGRATIONS } from './migrations';
import { openDatabase, type RawDatabase } from './open';
import { deliver, joiner, tablesOf, type Replica } from './test-fixtures/replicas';
import { entryHashInput, fieldDigest, saltDigest } from './write';

/**
 * A workspace written before migration 0009 (one global chain, whole columns, hash format 2) is
 * upgraded in place: its audit trail stays valid, new entries continue on per-device chains, and a
 * colleague can receive the whole of it.
 */
const PASS = 'correct horse battery';
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});

/** What the write path of the previous build did for one entry (format 2, hash version 2). */
function legacyEntry(raw: RawDatabase, device: string, e: { table: string; rowId: string; op: string; fields: Record<string, unknown>; hlc: string; at: string; reason?: string }) {
  const prev = (raw.prepare('SELECT hash FROM change_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
  const salt = randomBytes(16).toString('hex');
  const digests = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, fieldDigest(salt, k, v)]));
  const row = { id: `01LEGACY${String(raw.prepare('SELECT COUNT(*) FROM change_log').pluck().get()).padStart(18, '0')}`, table_name: e.table, row_id: e.rowId, op: e.op, fields: canonicalJson(e.fields), field_digests: canonicalJson(digests), salt, hlc: e.hlc, device_id: device, actor: 'DPO', at: e.at, reason: e.reason ?? null, prev_hash: prev };
  const hash = sha256Hex(entryHashInput(row, 2, saltDigest(salt)));
  raw.prepare('INSERT INTO change_log (id, table_name, row_id, op, fields, field_digests, salt, hlc, device_id, actor, at, reason, prev_hash, hash) VALUES (@id, @table_name, @row_id, @op, @fields, @field_digests, @salt, @hlc, @device_id, @actor, @at, @reason, @prev_hash, @hash)').run({ ...row, hash });
  return row.id;
}

async function olderWorkspace(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-0008-')), 'old.vigie');
  const before0009 = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === '0009_multi_device'));
  const db = await openDatabase({ path, passphrase: PASS, mode: 'create', migrations: before0009 });
  const raw = db.raw;
  const dev = 'OLDDEVICE';
  const at = '2026-11-20T09:00:00.000Z';
  const h = (n: number) => `1763629200000-${n.toString(16).padStart(4, '0')}-${dev}`;
  raw.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', ?), ('format_version', '1'), ('created_at', ?)`).run(dev, at);
  const profile = { controller_name: 'Ancienne SA', jurisdiction: 'FR', time_zone: 'Europe/Paris', language: 'fr' };
  raw.prepare(`INSERT INTO org_profile (id, created_at, updated_at, deleted_at, hlc, controller_name, jurisdiction, time_zone, language) VALUES ('org', ?, ?, NULL, ?, 'Ancienne SA', 'FR', 'Europe/Paris', 'fr')`).run(at, at, h(1));
  const first = legacyEntry(raw, dev, { table: 'org_profile', rowId: 'org', op: 'insert', fields: profile, hlc: h(1), at });
  raw.prepare(`INSERT INTO meta (key, value) VALUES ('workspace_id', ?)`).run(first);
  const details = canonicalJson({ purposes: ['paie'], notes: 'Dossier de Jean Dupont' });
  const act = { reference: 'T-001', name: 'Paie', role: 'controller', status: 'active', owner: 'RH', review_date: null, details };
  raw.prepare(`INSERT INTO activities (id, created_at, updated_at, deleted_at, hlc, reference, name, role, status, owner, review_date, details) VALUES ('A1', ?, ?, NULL, ?, 'T-001', 'Paie', 'controller', 'active', 'RH', NULL, ?)`).run(at, at, h(2), details);
  legacyEntry(raw, dev, { table: 'activities', rowId: 'A1', op: 'insert', fields: act, hlc: h(2), at });
  raw.prepare(`UPDATE activities SET owner = 'DRH', updated_at = ?, hlc = ? WHERE id = 'A1'`).run(at, h(3));
  legacyEntry(raw, dev, { table: 'activities', rowId: 'A1', op: 'update', fields: { owner: 'DRH' }, hlc: h(3), at });
  await db.db.destroy();
  return path;
}

describe('upgrading a workspace written before migration 0009', () => {
  it('keeps its audit trail valid, continues on per-device chains, and can be shared with a colleague', async () => {
    const path = await olderWorkspace();
    const home = mkdtempSync(join(tmpdir(), 'vigie-home-'));
    const ws = await Workspace.open(path, PASS, { actor: 'DPO', home });
    open.push(ws);
    expect(ws.migrated).toContain('0009_multi_device');
    expect(await ws.verifyAudit()).toMatchObject({ ok: true, entries: 3 });
    const log = ws.raw.prepare('SELECT device_id, device_seq, format FROM change_log ORDER BY seq').all();
    expect(log).toEqual([1, 2, 3].map((n) => ({ device_id: 'OLDDEVICE', device_seq: n, format: 2 })));
    // The stamps of the existing cells were recorded, so the merge knows them.
    expect(ws.raw.prepare(`SELECT cell FROM cell_clock WHERE row_id = 'A1' ORDER BY cell`).pluck().all()).toEqual(['*', 'details', 'name', 'owner', 'reference', 'review_date', 'role', 'status']);

    // New writes: this installation's own device, format 3, an edit of one key of the old record.
    await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id: 'A1', values: { details: { purposes: ['paie', 'déclarations sociales'], notes: 'Dossier de Jean Dupont' } } }));
    expect(ws.deviceId).not.toBe('OLDDEVICE');
    expect(await ws.verifyAudit()).toMatchObject({ ok: true, entries: 4 });

    // A colleague receives everything (the old chain and the new one) and verifies it.
    const a: Replica = { name: 'A', ws };
    const b = await joiner(a, 'B');
    open.push(b.ws);
    expect(await b.ws.verifyAudit()).toMatchObject({ ok: true, entries: 4 });
    expect(tablesOf(b, ['org_profile', 'activities'])).toBe(tablesOf(a, ['org_profile', 'activities']));

    // An erasure after the upgrade forgets the value in the old entries too, on both sides.
    await ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id: 'A1', values: { details: { purposes: ['paie', 'déclarations sociales'], notes: '' } }, reason: 'erasure request' }));
    await deliver(a, b);
    for (const r of [a, b]) {
      expect(JSON.stringify(r.ws.raw.prepare('SELECT * FROM change_log').all()), r.name).not.toContain('Dupont');
      expect(await r.ws.verifyAudit(), r.name).toMatchObject({ ok: true });
    }
  });
});
