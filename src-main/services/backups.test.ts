import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/open';
import { MIGRATIONS } from '../db/migrations';
import { PrefsStore } from './prefs';
import { Session } from './session';
import { createHandlers } from '../api/handlers';
import { createRouter } from '../api/router';
import { listBackups, restoreBackup } from './backups';
import { Workspace } from './workspace';

/** The schema version a new workspace gets: the number of the last migration (numbers may skip on a branch). */
const SCHEMA_VERSION = Number.parseInt(MIGRATIONS[MIGRATIONS.length - 1]!.name.slice(0, 4), 10);

const PASS = 'correct horse battery';
const MARKER = 'Zoé-Marqueur-Confidentiel';
const opened: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close().catch(() => undefined);
});
const tmp = () => join(mkdtempSync(join(tmpdir(), 'vigie-backups-')), 'w.vigie');
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const mode = (p: string) => statSync(p).mode & 0o777;
const posix = process.platform !== 'win32';

async function workspaceWith(path: string, controller: string): Promise<Workspace> {
  const ws = await Workspace.create(path, PASS, { actor: 'DPO', profile: { controller_name: controller } });
  opened.push(ws);
  return ws;
}

async function controllerOf(ws: Workspace): Promise<string> {
  return (await ws.getProfile()).profile.controller_name;
}

describe('backups', () => {
  it('a backup is an encrypted, checked 0600 copy in a 0700 <name>.backups folder, with a manifest readable without the passphrase', async () => {
    const path = tmp();
    const ws = await workspaceWith(path, MARKER);
    const b = ws.backupNow('manual');
    expect(b).toMatchObject({ kind: 'manual', schemaVersion: SCHEMA_VERSION, verified: true });
    expect(b.path).toBe(join(path, '..', 'w.backups', b.fileName));
    const bytes = readFileSync(b.path);
    expect(bytes.includes(Buffer.from(MARKER))).toBe(false);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const manifest = JSON.parse(readFileSync(join(path, '..', 'w.backups', `${b.id}.json`), 'utf8'));
    expect(manifest).toEqual({ format: 1, id: b.id, file: b.fileName, kind: 'manual', createdAt: b.createdAt, size: bytes.length, schemaVersion: SCHEMA_VERSION, verified: true, sha256: sha(b.path) });
    expect(JSON.stringify(manifest)).not.toContain(MARKER);
    if (posix) {
      expect(mode(join(path, '..', 'w.backups'))).toBe(0o700);
      expect(mode(b.path)).toBe(0o600);
      expect(mode(join(path, '..', 'w.backups', `${b.id}.json`))).toBe(0o600);
    }
    expect(listBackups(path).map((x) => x.id)).toEqual([b.id]);
  });

  it('copies without a manifest (an earlier build, a crash before the check) are listed as unverified, never hidden', async () => {
    const path = tmp();
    const ws = await workspaceWith(path, 'X');
    const b = ws.backupNow('daily');
    await ws.close();
    const dir = join(path, '..', 'w.backups');
    writeFileSync(join(dir, 'w-20251101T080000Z.vigie'), readFileSync(b.path));
    writeFileSync(join(dir, 'w-20261130T080000Z-manual.vigie'), readFileSync(b.path));
    writeFileSync(join(dir, 'w-20261129T080000Z-daily.json'), '{"format":1,"id":"cut short');
    const list = listBackups(path);
    expect(list.find((x) => x.id === 'w-20251101T080000Z')).toMatchObject({ kind: 'pre-upgrade', verified: false, schemaVersion: null });
    expect(list.find((x) => x.id === 'w-20261130T080000Z-manual')).toMatchObject({ kind: 'manual', verified: false });
    expect(list.find((x) => x.id === b.id)).toMatchObject({ kind: 'daily', verified: true });
    expect(list).toHaveLength(3);
  });

  it('the daily backup is made on the first open of a day, at most once that day', async () => {
    const path = tmp();
    await (await Workspace.create(path, PASS, { actor: 'a' })).close();
    const day1 = () => new Date(2026, 11, 1, 9);
    const day1Later = () => new Date(2026, 11, 1, 17);
    const day2 = () => new Date(2026, 11, 2, 9);
    for (const now of [day1, day1Later, day2]) {
      const ws = await Workspace.open(path, PASS, { actor: 'a', dailyBackup: true, now });
      await ws.close();
    }
    expect(listBackups(path).map((b) => [b.kind, b.createdAt])).toEqual([
      ['daily', day2().toISOString()],
      ['daily', day1().toISOString()],
    ]);
  });

  it('while the app keeps a workspace open past midnight, the next day\'s backup is made within the hour', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-backups-timer-'));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    try {
      vi.setSystemTime(new Date(2026, 11, 1, 9));
      const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'A', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
      opened.push(session);
      await session.create({ path: 'w.vigie', passphrase: PASS });
      await session.close();
      await session.open({ path: 'w.vigie', passphrase: PASS });
      expect(listBackups(join(dir, 'w.vigie')).map((b) => b.kind)).toEqual(['daily']);
      vi.advanceTimersByTime(60 * 60 * 1000);
      expect(listBackups(join(dir, 'w.vigie'))).toHaveLength(1);
      vi.setSystemTime(new Date(2026, 11, 2, 0, 30));
      vi.advanceTimersByTime(60 * 60 * 1000);
      const days = listBackups(join(dir, 'w.vigie')).map((b) => new Date(b.createdAt).getDate());
      expect(days).toEqual([2, 1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('restore, end to end: the current file is backed up first, replaced, reopened and verified', async () => {
    const path = tmp();
    const ws = await workspaceWith(path, 'Avant');
    const backup = ws.backupNow('manual');
    await ws.updateProfile({ controller_name: 'Après' });
    await ws.close();

    const r = await restoreBackup({ path, passphrase: PASS, id: backup.id, reopen: (p) => Workspace.open(p, PASS, { actor: 'a' }) });
    opened.push(r.workspace);
    expect(r).toMatchObject({ restored: { id: backup.id }, quickCheck: 'ok', audit: { ok: true, entries: 1 }, verified: true, safetyCopy: { kind: 'pre-restore', verified: true, schemaVersion: SCHEMA_VERSION } });
    expect(await controllerOf(r.workspace)).toBe('Avant');
    if (posix) expect(mode(path)).toBe(0o600);
    // The file it replaced is kept, and holds the newer data.
    const safety = await openDatabase({ path: r.safetyCopy!.path, passphrase: PASS, mode: 'open' });
    expect(safety.readOnly).toBe(true);
    expect(safety.raw.prepare('SELECT controller_name FROM org_profile').get()).toEqual({ controller_name: 'Après' });
    await safety.db.destroy();
    expect(listBackups(path).map((b) => b.kind).sort()).toEqual(['manual', 'pre-restore']);
  });

  it('restores over a file whose first page is damaged; the damaged file is kept byte for byte', async () => {
    const path = tmp();
    const ws = await workspaceWith(path, 'Intact');
    const backup = ws.backupNow('manual');
    await ws.close();
    const bytes = readFileSync(path);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(path, bytes);
    const damaged = sha(path);
    const err = await Workspace.open(path, PASS, { actor: 'a' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'wrong_passphrase', message: 'Wrong passphrase for this workspace, or the start of the file is damaged: try a backup.', details: { backups: [{ id: backup.id, kind: 'manual', schemaVersion: SCHEMA_VERSION }] } });

    const r = await restoreBackup({ path, passphrase: PASS, id: backup.id, reopen: (p) => Workspace.open(p, PASS, { actor: 'a' }) });
    opened.push(r.workspace);
    expect(r.verified).toBe(true);
    expect(await controllerOf(r.workspace)).toBe('Intact');
    expect(r.safetyCopy).toMatchObject({ kind: 'pre-restore', verified: false, schemaVersion: null });
    expect(sha(r.safetyCopy!.path)).toBe(damaged);
  });

  it('a backup that does not open with the passphrase is refused and nothing changes', async () => {
    const path = tmp();
    const ws = await workspaceWith(path, 'X');
    const backup = ws.backupNow('manual');
    await ws.close();
    const before = sha(path);
    const files = readdirSync(join(path, '..', 'w.backups')).sort();
    await expect(restoreBackup({ path, passphrase: 'another passphrase', id: backup.id, reopen: (p) => Workspace.open(p, PASS, { actor: 'a' }) })).rejects.toMatchObject({ code: 'backup_unreadable' });
    await expect(restoreBackup({ path, passphrase: PASS, id: '../w', reopen: (p) => Workspace.open(p, PASS, { actor: 'a' }) })).rejects.toMatchObject({ code: 'backup_not_found' });
    expect(sha(path)).toBe(before);
    expect(readdirSync(join(path, '..', 'w.backups')).sort()).toEqual(files);
  });

  it('refuses to restore while another program has the workspace open, replacing nothing', async () => {
    const path = tmp();
    const ws = await workspaceWith(path, 'X');
    const backup = ws.backupNow('manual');
    await ws.updateProfile({ controller_name: 'Still open elsewhere' });
    const before = sha(path);
    await expect(restoreBackup({ path, passphrase: PASS, id: backup.id, reopen: (p) => Workspace.open(p, PASS, { actor: 'a' }) })).rejects.toMatchObject({
      code: 'workspace_locked',
      message: expect.stringMatching(/open in another window or program.*Nothing was replaced/),
    });
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(await controllerOf(ws)).toBe('Still open elsewhere');
  });

  it('a backup is never opened as a workspace nor upgraded in place', async () => {
    const path = tmp();
    const older = await openDatabase({ path, passphrase: PASS, mode: 'create', migrations: MIGRATIONS.slice(0, 2) });
    await older.db.destroy();
    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    opened.push(ws);
    const pre = listBackups(path).find((b) => b.kind === 'pre-upgrade')!;
    expect(pre.schemaVersion).toBe(2);
    const before = sha(pre.path);
    await expect(Workspace.open(pre.path, PASS, { actor: 'a' })).rejects.toMatchObject({ code: 'is_backup', message: expect.stringMatching(/restore it instead/) });
    await expect(openDatabase({ path: pre.path, passphrase: PASS, mode: 'open' })).rejects.toMatchObject({ code: 'backup_not_upgraded' });
    expect(sha(pre.path)).toBe(before);
    expect(existsSync(`${pre.path}-wal`)).toBe(false);
  });

  it('through the API: Back up now, list, restore (the session reopens the restored file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-backups-api-'));
    const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'API', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
    opened.push(session);
    const dispatch = createRouter(createHandlers(session));
    expect(await dispatch('workspace.create', { path: 'w.vigie', passphrase: PASS, controllerName: 'Avant' })).toMatchObject({ ok: true });
    const created = await dispatch('backups.create', {});
    expect(created).toMatchObject({ ok: true, value: { kind: 'manual', schemaVersion: SCHEMA_VERSION, verified: true } });
    const id = (created as { value: { id: string } }).value.id;
    await dispatch('profile.update', { values: { controller_name: 'Après' } });
    expect(await dispatch('backups.list', {})).toMatchObject({ ok: true, value: { folder: join(dir, 'w.backups'), schemaVersion: SCHEMA_VERSION, items: [{ id }] } });
    expect(await dispatch('backups.restore', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('backups.restore', { id })).toMatchObject({ ok: true, value: { restored: { id }, verified: true, safetyCopy: { kind: 'pre-restore' } } });
    expect(await dispatch('workspace.status', {})).toMatchObject({ ok: true, value: { open: true, name: 'w' } });
    expect(await dispatch('profile.get', {})).toMatchObject({ ok: true, value: { profile: { controller_name: 'Avant' } } });

    // From the welcome screen, into a workspace that no longer opens: the passphrase must open the backup.
    await dispatch('workspace.close', {});
    const path = join(dir, 'w.vigie');
    writeFileSync(path, '');
    expect(await dispatch('workspace.open', { path: 'w.vigie', passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'workspace_empty', details: { backups: expect.arrayContaining([expect.objectContaining({ id })]) } } });
    expect(await dispatch('backups.restore', { id, path: 'w.vigie' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('backups.restore', { id, path: 'w.vigie', passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'backup_unreadable' } });
    expect(statSync(path).size).toBe(0);
    expect(await dispatch('backups.restore', { id, path: 'w.vigie', passphrase: PASS })).toMatchObject({ ok: true, value: { verified: true, safetyCopy: { verified: false, size: 0 } } });
    expect(await dispatch('workspace.status', {})).toMatchObject({ ok: true, value: { open: true, name: 'w' } });
  });
});
