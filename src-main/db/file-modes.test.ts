import { chmodSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups, restoreBackup } from '../services/backups';
import { Workspace } from '../services/workspace';

const PASS = 'correct horse battery';
const mode = (p: string) => statSync(p).mode & 0o777;

/** Issue 12, item 8: whatever the umask, the workspace and everything beside it is the user's only. */
describe.skipIf(process.platform === 'win32')('file modes (POSIX)', () => {
  let previous: number;
  beforeEach(() => {
    previous = process.umask(0o000);
  });
  afterEach(() => {
    process.umask(previous);
  });

  it('with umask 000: the workspace, its -wal and -shm are 0600; backups 0600 in a 0700 folder; a restored file 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-modes-'));
    const path = join(dir, 'w.vigie');
    const ws = await Workspace.create(path, PASS, { actor: 'a' });
    await ws.updateProfile({ controller_name: 'ACME' });
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(existsSync(`${path}-shm`)).toBe(true);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) expect([f, mode(f)]).toEqual([f, 0o600]);

    const b = ws.backupNow('manual');
    await ws.close();
    const folder = join(dir, 'w.backups');
    expect(mode(folder)).toBe(0o700);
    for (const f of readdirSync(folder)) expect([f, mode(join(folder, f))]).toEqual([f, 0o600]);

    const r = await restoreBackup({ path, passphrase: PASS, id: b.id, reopen: (p) => Workspace.open(p, PASS, { actor: 'a' }) });
    for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) expect([f, mode(f)]).toEqual([f, 0o600]);
    await r.workspace.close();
    expect(listBackups(path)).toHaveLength(2);
    for (const f of readdirSync(folder)) expect([f, mode(join(folder, f))]).toEqual([f, 0o600]);
    // Nothing else (no temporary file) was left beside the workspace.
    expect(readdirSync(dir).sort()).toEqual(['w.backups', 'w.vigie']);
  });

  it('a workspace an earlier build left readable by others (0644) is tightened to 0600 at its next open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-modes-'));
    const path = join(dir, 'old.vigie');
    await (await Workspace.create(path, PASS, { actor: 'a' })).close();
    chmodSync(path, 0o644);
    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    await ws.close();
  });
});
