import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from './workspace';
import { SyncService } from './sync';
import { tablesOf, PASS } from '../db/test-fixtures/replicas';
import { sealBundle } from '../sync/bundle';
import { generateDeviceKeys } from '../sync/crypto';
import { deviceKeys } from '../sync/engine';
import { versionVector } from '../db/remote';

const SECRET_NAME = 'Zéphyrine Quaglieri-Secret';
const SECRET_NOTE = 'Dossier médical confidentiel 7F3Q';
const TABLES = ['org_profile', 'activities', 'requests', 'request_events', 'vendors', 'breaches', 'sync_members'];

interface Device {
  ws: Workspace;
  sync: SyncService;
  path: string;
}
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close().catch(() => undefined);
});

const opts = { settleMs: 0 };
const activity = (over: Record<string, unknown> = {}) => ({ reference: 'T-001', name: 'Recrutement', role: 'controller', status: 'draft', owner: 'RH', review_date: null, details: { purposes: ['hiring'], notes: '' }, ...over });

async function founding(folder: string, name = 'Alice'): Promise<Device> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sync-a-'));
  const path = join(dir, 'alice.vigie');
  const ws = await Workspace.create(path, PASS, { actor: name });
  open.push(ws);
  const sync = new SyncService(ws, opts);
  await sync.setFolder(folder);
  return { ws, sync, path };
}

async function joining(folder: string, approver: Device, name: string): Promise<Device> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sync-b-'));
  const path = join(dir, `${name}.vigie`);
  const j = await SyncService.join({ path, passphrase: PASS, folder, name });
  expect(j.status).toBe('pending');
  const pending = await approver.sync.syncNow();
  expect(pending.pendingJoins).toEqual([{ deviceId: j.deviceId, name }]);
  const status = await approver.sync.status();
  expect(status.pendingJoins).toEqual([{ deviceId: j.deviceId, name, fingerprint: j.fingerprint, requestedAt: expect.any(String) }]);
  expect(status.lastSync).toMatchObject({ exported: pending.exported, imported: pending.imported, rejected: pending.rejected, conflicts: pending.conflicts });
  expect(status).toMatchObject({ isMember: true, folder: expect.any(String), deviceId: approver.ws.deviceId, pendingEntries: 0 });
  const members = await approver.sync.approve(j.deviceId);
  expect(members.find((m) => m.deviceId === j.deviceId)).toMatchObject({ status: 'active', name, fingerprint: j.fingerprint });
  const ws = await Workspace.open(path, PASS, { actor: name });
  open.push(ws);
  const sync = new SyncService(ws, opts);
  return { ws, sync, path };
}

function dump(d: Device): string {
  return tablesOf({ name: '', ws: d.ws }, [...TABLES, 'change_log', 'cell_clock', 'sync_conflicts']);
}

function folderBytes(folder: string): Buffer {
  const out: Buffer[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(dir, f.name));
      else out.push(Buffer.from(relative(folder, join(dir, f.name))), readFileSync(join(dir, f.name)));
    }
  };
  walk(folder);
  return Buffer.concat(out);
}

async function auditOk(d: Device) {
  const r = await d.ws.verifyAudit();
  expect(r.ok, JSON.stringify(r.firstBroken)).toBe(true);
}

describe('SyncService: two devices, one folder', () => {
  it('join, approve, full copy, an edit each way, a concurrent edit as a conflict resolved, nothing readable in the folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vigie-folder-'));
    const a = await founding(folder);
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ owner: SECRET_NAME, details: { purposes: ['hiring'], notes: SECRET_NOTE } }) }));
    const first = await a.sync.syncNow();
    expect(first.exported).toBeGreaterThan(0);
    expect((await a.sync.status()).isMember).toBe(true);

    const b = await joining(folder, a, 'Camille');
    expect((await b.sync.status()).isMember).toBe(false);
    const progress: Array<{ phase: string; done: number; total: number }> = [];
    const got = await new SyncService(b.ws, { ...opts, onProgress: (p) => progress.push(p) }).syncNow();
    expect(progress.filter((p) => p.phase === 'snapshot').at(-1)).toMatchObject({ done: expect.any(Number) });
    expect(progress.every((p) => p.done <= p.total)).toBe(true);
    expect(got.imported).toBeGreaterThan(0);
    expect(got.rejected).toEqual([]);
    const sb = await b.sync.status();
    expect(sb).toMatchObject({ isMember: true, memberCode: 'C', epoch: 1 });
    expect(tablesOf({ name: '', ws: b.ws }, TABLES)).toBe(tablesOf({ name: '', ws: a.ws }, TABLES));

    // An edit each way.
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name: 'Recrutement (B)' } }));
    await b.sync.syncNow();
    await a.sync.syncNow();
    expect(a.ws.raw.prepare('SELECT name FROM activities WHERE id = ?').pluck().get(id)).toBe('Recrutement (B)');
    await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { status: 'active' } }));
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(b.ws.raw.prepare('SELECT status FROM activities WHERE id = ?').pluck().get(id)).toBe('active');

    // A concurrent edit of one field.
    await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Owner A' } }));
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Owner B' } }));
    await a.sync.syncNow();
    const rb = await b.sync.syncNow();
    await a.sync.syncNow();
    expect(rb.conflicts).toBe(1);
    const cb = await b.sync.conflicts();
    expect(cb).toHaveLength(1);
    expect(cb[0]).toMatchObject({ kind: 'value', table: 'activities', rowId: id, cell: 'owner', mine: { value: 'Owner B', device: b.ws.deviceId }, theirs: { value: 'Owner A', device: a.ws.deviceId } });
    const winner = b.ws.raw.prepare('SELECT owner FROM activities WHERE id = ?').pluck().get(id);
    expect(a.ws.raw.prepare('SELECT owner FROM activities WHERE id = ?').pluck().get(id)).toBe(winner);
    expect((await a.sync.conflicts()).length).toBe(1);
    // B keeps B's value: written through the write path, then it reaches A.
    await b.sync.resolve(cb[0]!.id, 'mine');
    expect(await b.sync.conflicts()).toEqual([]);
    expect(b.ws.raw.prepare('SELECT owner FROM activities WHERE id = ?').pluck().get(id)).toBe('Owner B');
    await b.sync.syncNow();
    await a.sync.syncNow();
    expect(a.ws.raw.prepare('SELECT owner FROM activities WHERE id = ?').pluck().get(id)).toBe('Owner B');
    expect(tablesOf({ name: '', ws: b.ws }, TABLES)).toBe(tablesOf({ name: '', ws: a.ws }, TABLES));
    await auditOk(a);
    await auditOk(b);

    const bytes = folderBytes(folder);
    for (const needle of [SECRET_NAME, SECRET_NOTE, 'Camille', 'Recrutement', 'Owner B', 'Alice']) expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);
  });
});

/** The newest bundle file of a device (by seq). */
function newestBundle(folder: string, ws: Workspace, device: string): string {
  const dir = join(folder, `vigie-${ws.workspaceId}`, device);
  const files = readdirSync(dir).filter((f) => /^\d+-\d+\.age$/.test(f));
  files.sort((x, y) => Number(x.split('-')[1]!.slice(0, -4)) - Number(y.split('-')[1]!.slice(0, -4)));
  return join(dir, files[files.length - 1]!);
}

describe('SyncService: every refused file changes nothing', () => {
  async function setup() {
    const folder = mkdtempSync(join(tmpdir(), 'vigie-folder-'));
    const a = await founding(folder);
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity() }));
    await a.sync.syncNow();
    const b = await joining(folder, a, 'Bruno');
    await b.sync.syncNow();
    return { folder, a, b, id };
  }

  /** A writes and exports one edit; the file is taken out of the folder and returned (path, bytes). */
  async function nextFileOfA(folder: string, a: Device, id: string, name: string) {
    await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name } }));
    await a.sync.syncNow();
    const path = newestBundle(folder, a.ws, a.ws.deviceId);
    const bytes = readFileSync(path);
    const aside = join(mkdtempSync(join(tmpdir(), 'vigie-aside-')), 'f.age');
    renameSync(path, aside);
    return { path, bytes, aside };
  }

  async function expectRefused(b: Device, reason: string, file?: string) {
    const before = dump(b);
    const r = await b.sync.syncNow();
    expect(r.rejected.map((x) => x.reason)).toContain(reason);
    if (file) expect(r.rejected.find((x) => x.reason === reason)!.file).toBe(file);
    expect(r.imported).toBe(0);
    expect(dump(b)).toBe(before);
    return r;
  }

  it('tampered byte, truncated file, name/content mismatch, replayed old file: refused or ignored, database unchanged; the real file still applies', async () => {
    const { folder, a, b, id } = await setup();
    const f = await nextFileOfA(folder, a, id, 'Edited by A');
    const rel = relative(join(folder, `vigie-${a.ws.workspaceId}`), f.path).split('\\').join('/');

    const tampered = Buffer.from(f.bytes);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    writeFileSync(f.path, tampered);
    await expectRefused(b, 'damaged', rel);

    writeFileSync(f.path, f.bytes.subarray(0, f.bytes.length - 20));
    await expectRefused(b, 'damaged', rel);

    // The same bytes under another number of the same device: the content says otherwise.
    renameSync(f.path, join(folder, `vigie-${a.ws.workspaceId}`, a.ws.deviceId, '1-77.age'));
    writeFileSync(join(folder, `vigie-${a.ws.workspaceId}`, a.ws.deviceId, '1-77.age'), f.bytes);
    await expectRefused(b, 'name_mismatch', `${a.ws.deviceId}/1-77.age`);
    // The same bytes in another device's folder: signed by A, stored as B's.
    const own = join(folder, `vigie-${a.ws.workspaceId}`, 'ZZFORGED01');
    mkdirSync(own, { recursive: true });
    copyFileSync(f.aside, join(own, '1-1.age'));
    const r = await b.sync.syncNow();
    expect(r.rejected.find((x) => x.file === 'ZZFORGED01/1-1.age')?.reason).toBe('name_mismatch');

    // The real file arrives: it applies.
    copyFileSync(f.aside, f.path);
    const ok = await b.sync.syncNow();
    expect(ok.imported).toBe(1);
    expect(b.ws.raw.prepare('SELECT name FROM activities WHERE id = ?').pluck().get(id)).toBe('Edited by A');

    // Replayed: the same file again as a cloud-drive copy, and again under its own name: a no-op.
    copyFileSync(f.aside, f.path.replace(/\.age$/, ' (1).age'));
    const before = dump(b);
    const again = await b.sync.syncNow();
    expect(again.imported).toBe(0);
    expect(again.rejected.filter((x) => x.file.includes('(1)'))).toEqual([]);
    expect(dump(b)).toBe(before);
    await auditOk(b);
  });

  it('a missing earlier file is a gap: later bundles wait (not refused) and apply once it arrives', async () => {
    const { folder, a, b, id } = await setup();
    const names: string[] = [];
    for (const n of ['one', 'two', 'three']) {
      await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name: n } }));
      await a.sync.syncNow();
      names.push(newestBundle(folder, a.ws, a.ws.deviceId));
    }
    const aside = join(mkdtempSync(join(tmpdir(), 'vigie-aside-')), 'two.age');
    renameSync(names[1]!, aside);
    const first = await b.sync.syncNow();
    expect(first).toMatchObject({ imported: 1, rejected: [] });
    expect(b.ws.raw.prepare('SELECT name FROM activities WHERE id = ?').pluck().get(id)).toBe('one');
    renameSync(aside, names[1]!);
    const rest = await b.sync.syncNow();
    expect(rest).toMatchObject({ imported: 2, rejected: [] });
    expect(b.ws.raw.prepare('SELECT name FROM activities WHERE id = ?').pluck().get(id)).toBe('three');
    await auditOk(b);
  });

  it('wrong workspace and non-member: refused, database unchanged', async () => {
    const { folder, a, b } = await setup();
    const keysA = await deviceKeys(a.ws);
    const keysB = await deviceKeys(b.ws);
    const base = { format: 1 as const, schemaVersion: 9, epoch: 1, vector: {}, entries: [] };
    // Signed by a member, but for another workspace.
    const other = await sealBundle({ ...base, workspaceId: 'OTHERWORKSPACE', device: a.ws.deviceId, seq: 90 }, keysA, [keysB.ageRecipient]);
    writeFileSync(join(folder, `vigie-${a.ws.workspaceId}`, a.ws.deviceId, '1-90.age'), other);
    await expectRefused(b, 'wrong_workspace', `${a.ws.deviceId}/1-90.age`);
    // A stranger who knows B's public recipient.
    const stranger = await generateDeviceKeys('STRANGER01');
    const forged = await sealBundle({ ...base, workspaceId: a.ws.workspaceId, device: 'STRANGER01', seq: 1 }, stranger, [keysB.ageRecipient]);
    mkdirSync(join(folder, `vigie-${a.ws.workspaceId}`, 'STRANGER01'), { recursive: true });
    writeFileSync(join(folder, `vigie-${a.ws.workspaceId}`, 'STRANGER01', '1-1.age'), forged);
    await expectRefused(b, 'not_a_member', 'STRANGER01/1-1.age');
  });

  it('a removed member: a new epoch; new files are not encrypted to them, and their files of that epoch are refused', async () => {
    const { folder, a, b, id } = await setup();
    const members = await a.sync.remove(b.ws.deviceId);
    expect(members.find((m) => m.deviceId === b.ws.deviceId)).toMatchObject({ status: 'removed', removedEpoch: 2 });
    expect((await a.sync.status()).epoch).toBe(2);
    await expect(a.sync.remove(a.ws.deviceId)).rejects.toMatchObject({ code: 'sync_remove_self' });
    await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { name: 'After removal' } }));
    await a.sync.syncNow();
    // B receives the removal (epoch-1 file) but not what was written for epoch 2.
    expect((await b.sync.syncNow()).imported).toBe(1);
    const sb = await b.sync.status();
    expect(sb.isMember).toBe(false);
    expect(b.ws.raw.prepare('SELECT name FROM activities WHERE id = ?').pluck().get(id)).toBe('Recrutement');
    await expect(b.sync.approve(a.ws.deviceId)).rejects.toMatchObject({ code: 'sync_not_member' });
    // B, still holding its keys, writes a file for epoch 2: A refuses it.
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'B after removal' } }));
    const keysB = await deviceKeys(b.ws);
    const keysA = await deviceKeys(a.ws);
    const { entriesOf } = await import('../db/remote');
    const entries = entriesOf(b.ws.raw, b.ws.deviceId, 0);
    const sealed = await sealBundle({ format: 1, schemaVersion: b.ws.schemaVersion, workspaceId: a.ws.workspaceId, device: b.ws.deviceId, epoch: 2, seq: 50, vector: versionVector(b.ws.raw), entries }, keysB, [keysA.ageRecipient]);
    writeFileSync(join(folder, `vigie-${a.ws.workspaceId}`, b.ws.deviceId, '2-50.age'), sealed);
    const before = dump(a);
    const r = await a.sync.syncNow();
    expect(r.rejected).toContainEqual({ file: `${b.ws.deviceId}/2-50.age`, reason: 'not_a_member' });
    expect(dump(a)).toBe(before);
  });
});

describe('SyncService: three devices', () => {
  it('a colleague approved by another colleague; an attachment travels as an encrypted blob; a late member starts from a snapshot after compaction', async () => {
    const { BreachesService } = await import('./breaches');
    const folder = mkdtempSync(join(tmpdir(), 'vigie-folder-'));
    const a = await founding(folder);
    await a.sync.syncNow();
    const b = await joining(folder, a, 'Bruno');
    await b.sync.syncNow();
    const c = await joining(folder, b, 'Chloé');
    expect((await c.sync.syncNow()).rejected).toEqual([]);
    expect((await c.sync.status()).memberCode).toBe('CH'.slice(0, 1));
    await a.sync.syncNow();
    expect((await a.sync.members()).map((m) => [m.name, m.status, m.memberCode])).toEqual([
      ['Alice', 'active', ''],
      ['Bruno', 'active', 'B'],
      ['Chloé', 'active', 'C'],
    ]);

    // An evidence file written on C reaches A and B byte for byte, through a blob.
    const evidence = Buffer.from(`journal de connexion: ${SECRET_NAME}\n`.repeat(50));
    const breaches = new BreachesService(c.ws);
    const { id } = await breaches.create({ title: 'Hameçonnage', awareAt: '2026-10-23T10:00', nature: ['confidentiality'] });
    await breaches.addFile(id, { fileName: 'journal.txt', contentBase64: evidence.toString('base64') });
    await c.sync.syncNow();
    await a.sync.syncNow();
    await b.sync.syncNow();
    for (const d of [a, b]) {
      const row = d.ws.raw.prepare('SELECT content FROM breach_files WHERE breach_id = ?').get(id) as { content: string } | undefined;
      expect(row && Buffer.from(row.content, 'base64').equals(evidence)).toBe(true);
    }
    expect(readdirSync(join(folder, `vigie-${a.ws.workspaceId}`, 'blobs')).length).toBeGreaterThan(0);
    for (const d of [b, c]) expect(tablesOf({ name: '', ws: d.ws }, [...TABLES, 'breach_files'])).toBe(tablesOf({ name: '', ws: a.ws }, [...TABLES, 'breach_files']));

    // A compacts: its bundles covered by its snapshot go; only its own files.
    const aDir = join(folder, `vigie-${a.ws.workspaceId}`, a.ws.deviceId);
    const others = [b, c].map((d) => readdirSync(join(folder, `vigie-${a.ws.workspaceId}`, d.ws.deviceId)).sort());
    const compacting = new SyncService(a.ws, { settleMs: 0, compactAfterMs: 0 });
    await compacting.syncNow();
    expect(readdirSync(aDir).filter((f) => f.endsWith('.age'))).toEqual([]);
    expect([b, c].map((d) => readdirSync(join(folder, `vigie-${a.ws.workspaceId}`, d.ws.deviceId)).sort())).toEqual(others);
    // A fourth colleague, approved after the compaction, still gets the whole workspace.
    const d = await joining(folder, c, 'Dominique');
    const got = await d.sync.syncNow();
    expect(got.rejected).toEqual([]);
    expect(tablesOf({ name: '', ws: d.ws }, [...TABLES, 'breach_files'])).toBe(tablesOf({ name: '', ws: c.ws }, [...TABLES, 'breach_files']));
    for (const x of [a, b, c, d]) await auditOk(x);
    const bytes = folderBytes(folder);
    for (const needle of [SECRET_NAME, 'Hameçonnage', 'journal', 'Chloé', 'Dominique']) expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);
  });

  it('a colleague joins from a snapshot written in lines (a workspace too large for one document), its files included', async () => {
    const { BreachesService } = await import('./breaches');
    const { sealSnapshot } = await import('../sync/open-file');
    const folder = mkdtempSync(join(tmpdir(), 'vigie-folder-'));
    const founder = await founding(folder);
    // Every snapshot this device writes is over the limit of one document.
    let inLines = 0;
    const a: Device = {
      ...founder,
      sync: new SyncService(founder.ws, {
        ...opts,
        files: {
          sealSnapshot: (body, signer, recipients) => {
            inLines++;
            return sealSnapshot(body, signer, recipients, 0);
          },
        },
      }),
    };
    await a.ws.mutate(async (w) => {
      await w.write({ op: 'insert', table: 'activities', values: activity({ name: `Recrutement — ${SECRET_NAME}` }) });
    });
    const evidence = Buffer.from(`procès-verbal: ${SECRET_NOTE}\n`.repeat(20));
    const breaches = new BreachesService(a.ws);
    const { id } = await breaches.create({ title: 'Perte de clé USB', awareAt: '2026-10-23T10:00', nature: ['confidentiality'] });
    await breaches.addFile(id, { fileName: 'pv.txt', contentBase64: evidence.toString('base64') });
    await a.sync.syncNow();
    const b = await joining(folder, a, 'Bruno');
    expect(inLines).toBeGreaterThan(0);
    expect((await b.sync.syncNow()).rejected).toEqual([]);
    expect(tablesOf({ name: '', ws: b.ws }, [...TABLES, 'breach_files'])).toBe(tablesOf({ name: '', ws: a.ws }, [...TABLES, 'breach_files']));
    const row = b.ws.raw.prepare('SELECT content FROM breach_files WHERE breach_id = ?').get(id) as { content: string } | undefined;
    expect(row && Buffer.from(row.content, 'base64').equals(evidence)).toBe(true);
    await auditOk(b);
    const bytes = folderBytes(folder);
    for (const needle of [SECRET_NAME, SECRET_NOTE, 'Perte de clé']) expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);
  });

  it('a colleague who just joined writes no snapshot of its own until it has written something and the members change', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vigie-folder-'));
    const a = await founding(folder);
    await a.sync.syncNow();
    const snapshots = (d: Device) => {
      try {
        return readdirSync(join(folder, `vigie-${a.ws.workspaceId}`, 'snapshots', d.ws.deviceId));
      } catch {
        return [];
      }
    };
    const b = await joining(folder, a, 'Bruno');
    expect((await b.sync.syncNow()).rejected).toEqual([]);
    await b.sync.syncNow();
    // B holds the whole workspace (from A's snapshot) and has written nothing: no copy of it.
    expect(tablesOf({ name: '', ws: b.ws }, TABLES)).toBe(tablesOf({ name: '', ws: a.ws }, TABLES));
    expect(snapshots(a).length).toBe(1);
    expect(snapshots(b)).toEqual([]);
    // B writes, then approves C: B's snapshot now covers its own bundles, and C starts from a snapshot.
    await b.ws.mutate(async (w) => {
      await w.write({ op: 'insert', table: 'activities', values: activity({ reference: 'T-777', name: 'Écrit par Bruno' }) });
    });
    await b.sync.syncNow();
    expect(snapshots(b)).toEqual([]);
    const c = await joining(folder, b, 'Chloé');
    await b.sync.syncNow();
    expect(snapshots(b).length).toBe(1);
    expect((await c.sync.syncNow()).rejected).toEqual([]);
    await a.sync.syncNow();
    await c.sync.syncNow();
    expect(tablesOf({ name: '', ws: c.ws }, TABLES)).toBe(tablesOf({ name: '', ws: b.ws }, TABLES));
    expect(c.ws.raw.prepare(`SELECT name FROM activities WHERE reference = 'T-777'`).get()).toEqual({ name: 'Écrit par Bruno' });
    expect(snapshots(c)).toEqual([]);
    for (const x of [a, b, c]) await auditOk(x);
  });

  it('a file whose content has not reached the folder yet waits, then applies when it arrives', async () => {
    const { BreachesService } = await import('./breaches');
    const folder = mkdtempSync(join(tmpdir(), 'vigie-folder-'));
    const a = await founding(folder);
    await a.sync.syncNow();
    const b = await joining(folder, a, 'Bruno');
    await b.sync.syncNow();
    const breaches = new BreachesService(a.ws);
    const { id } = await breaches.create({ title: 'Perte de clé USB', awareAt: '2026-10-23T10:00', nature: ['confidentiality'] });
    const evidence = Buffer.from('procès-verbal de perte\n');
    await breaches.addFile(id, { fileName: 'pv.txt', contentBase64: evidence.toString('base64') });
    await a.sync.syncNow();
    const blobs = join(folder, `vigie-${a.ws.workspaceId}`, 'blobs');
    const [blob] = readdirSync(blobs);
    const aside = join(mkdtempSync(join(tmpdir(), 'vigie-aside-')), 'blob.age');
    renameSync(join(blobs, blob!), aside);
    await b.sync.syncNow();
    expect((await b.sync.status()).pendingEntries).toBe(1);
    expect(b.ws.raw.prepare('SELECT COUNT(*) FROM breach_files').pluck().get()).toBe(0);
    renameSync(aside, join(blobs, blob!));
    await b.sync.syncNow();
    expect((await b.sync.status()).pendingEntries).toBe(0);
    const row = b.ws.raw.prepare('SELECT content FROM breach_files WHERE breach_id = ?').get(id) as { content: string };
    expect(Buffer.from(row.content, 'base64').equals(evidence)).toBe(true);
    await auditOk(b);
  });

  it('validates its inputs: folder, device ids, conflict ids, join input', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vigie-folder-'));
    const a = await founding(folder);
    await expect(a.sync.setFolder(join(folder, 'missing'))).rejects.toMatchObject({ code: 'sync_folder_invalid' });
    await expect(a.sync.setFolder(a.path)).rejects.toMatchObject({ code: 'sync_folder_invalid' });
    const backups = join(a.path.replace(/\.vigie$/, '.backups'));
    mkdirSync(backups, { recursive: true });
    await expect(a.sync.setFolder(backups)).rejects.toMatchObject({ code: 'sync_folder_invalid' });
    await a.sync.syncNow();
    await expect(a.sync.approve('../etc')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(a.sync.approve('01UNKNOWNDEVICE')).rejects.toMatchObject({ code: 'sync_join_unknown' });
    await expect(a.sync.remove('01UNKNOWNDEVICE')).rejects.toMatchObject({ code: 'sync_member_unknown' });
    await expect(a.sync.resolve('nope', 'mine')).rejects.toMatchObject({ code: 'sync_conflict_unknown' });
    await expect(a.sync.resolve('x', 'both' as 'mine')).rejects.toMatchObject({ code: 'invalid_input' });
    const empty = mkdtempSync(join(tmpdir(), 'vigie-empty-'));
    await expect(SyncService.join({ path: join(empty, 'x.vigie'), passphrase: PASS, folder: empty, name: 'X' })).rejects.toMatchObject({ code: 'sync_workspace_unknown' });
    await expect(SyncService.join({ path: join(empty, 'x.vigie'), passphrase: PASS, folder, name: '  ' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(readdirSync(empty)).toEqual([]);
    // Two syncs at once (the timer and the button): one runs, both get its report.
    await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ reference: 'T-009' }) }));
    const [r1, r2] = await Promise.all([a.sync.syncNow(), new SyncService(a.ws, opts).syncNow()]);
    expect(r1).toBe(r2);
    expect(r1.exported).toBe(1);
    // A copy of a workspace made before its first sync (another device id) cannot found a second
    // member list in a folder where the original already syncs.
    const xDir = mkdtempSync(join(tmpdir(), 'vigie-x-'));
    const home = mkdtempSync(join(tmpdir(), 'vigie-home-'));
    const x0 = await Workspace.create(join(xDir, 'x.vigie'), PASS, { actor: 'X', home });
    await x0.close();
    copyFileSync(join(xDir, 'x.vigie'), join(xDir, 'copy.vigie'));
    const x = await Workspace.open(join(xDir, 'x.vigie'), PASS, { actor: 'X', home });
    const copy = await Workspace.open(join(xDir, 'copy.vigie'), PASS, { actor: 'Copy', home });
    open.push(x, copy);
    expect(copy.deviceId).not.toBe(x.deviceId);
    const shared = mkdtempSync(join(tmpdir(), 'vigie-folder-'));
    await new SyncService(x, opts).setFolder(shared);
    await new SyncService(x, opts).syncNow();
    const copySync = new SyncService(copy, opts);
    await copySync.setFolder(shared);
    await expect(copySync.syncNow()).rejects.toMatchObject({ code: 'sync_already_shared' });
    expect(await copySync.members()).toEqual([]);
    const fresh = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-nofolder-')), 'n.vigie'), PASS, { actor: 'N' });
    open.push(fresh);
    await expect(new SyncService(fresh).syncNow()).rejects.toMatchObject({ code: 'sync_folder_unset' });
  });
});

describe('SyncService: conflict resolution', () => {
  it('a key cell (details.notes) settled by writing the lost value; edited-while-deleted settled by a restore; both settle the other side too', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vigie-folder-'));
    const a = await founding(folder);
    const x = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ details: { purposes: ['hiring'], notes: '' } }) }));
    const y = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity({ reference: 'T-002' }) }));
    await a.sync.syncNow();
    const b = await joining(folder, a, 'Bruno');
    await b.sync.syncNow();

    await a.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id: x.id, values: { details: { purposes: ['hiring'], notes: 'note A' } } }));
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id: x.id, values: { details: { purposes: ['hiring'], notes: 'note B' } } }));
    await a.ws.mutate((w) => w.write({ op: 'delete', table: 'activities', id: y.id }));
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id: y.id, values: { owner: 'Bruno' } }));
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();

    const ca = await a.sync.conflicts();
    const value = ca.find((c) => c.kind === 'value')!;
    expect(value).toMatchObject({ cell: 'details.notes', mine: { value: { v: 'note A' }, device: a.ws.deviceId }, theirs: { value: { v: 'note B' } }, keptIs: 'theirs' });
    const deleted = ca.find((c) => c.kind === 'edited-while-deleted')!;
    expect(deleted).toMatchObject({ table: 'activities', rowId: y.id });
    expect((await b.sync.conflicts()).map((c) => c.kind).sort()).toEqual(['edited-while-deleted', 'value']);

    await a.sync.resolve(value.id, 'mine');
    await a.sync.resolve(deleted.id, 'theirs');
    await expect(a.sync.resolve(value.id, 'mine')).rejects.toMatchObject({ code: 'sync_conflict_unknown' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    for (const d of [a, b]) {
      const row = d.ws.raw.prepare('SELECT details, owner, deleted_at FROM activities WHERE id = ?').get(x.id) as { details: string };
      expect(JSON.parse(row.details)).toEqual({ purposes: ['hiring'], notes: 'note A' });
      expect(d.ws.raw.prepare('SELECT owner, deleted_at FROM activities WHERE id = ?').get(y.id)).toEqual({ owner: 'Bruno', deleted_at: null });
    }
    // B's copy of the value conflict was settled by A's newer write.
    expect((await b.sync.conflicts()).filter((c) => c.kind === 'value')).toEqual([]);
    expect(tablesOf({ name: '', ws: b.ws }, TABLES)).toBe(tablesOf({ name: '', ws: a.ws }, TABLES));
    await auditOk(a);
    await auditOk(b);
  });
});
