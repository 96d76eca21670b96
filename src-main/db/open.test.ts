import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import { Workspace } from '../services/workspace';
import { applyKey } from './cipher';
import { MIGRATIONS } from './migrations';
import { LOCKED_MESSAGE, openDatabase, WRONG_PASSPHRASE_OR_DAMAGED } from './open';

/** The schema version a new workspace gets: the number of the last migration (numbers may skip on a branch). */
const SCHEMA_VERSION = Number.parseInt(MIGRATIONS[MIGRATIONS.length - 1]!.name.slice(0, 4), 10);

const PASS = 'correct horse battery';
const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close().catch(() => undefined);
});
const tmpDir = () => mkdtempSync(join(tmpdir(), 'vigie-open-'));
const posix = process.platform !== 'win32';

/** No error a person sees may carry a raw SQLite message, a stack or a source path. */
function expectClean(e: unknown): void {
  const m = (e as Error).message;
  expect(m).not.toMatch(/SQLITE_|sqlite3|file is not a database|at \w+ \(|src-main|node_modules/);
}

async function created(dir = tmpDir()): Promise<string> {
  const path = join(dir, 'w.vigie');
  await (await Workspace.create(path, PASS, { actor: 'a' })).close();
  return path;
}

describe('opening: damage is not "wrong passphrase"', () => {
  it('a flipped byte in the first page says both, and lists the backups', async () => {
    const path = await created();
    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    const b = ws.backupNow('manual');
    await ws.close();
    const bytes = readFileSync(path);
    bytes[2000] = bytes[2000]! ^ 0x01;
    writeFileSync(path, bytes);
    const e = await Workspace.open(path, PASS, { actor: 'a' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'wrong_passphrase', message: WRONG_PASSPHRASE_OR_DAMAGED, details: { backups: [{ id: b.id, kind: 'manual', schemaVersion: SCHEMA_VERSION, size: b.size }] } });
    expect(WRONG_PASSPHRASE_OR_DAMAGED).toMatch(/^Wrong passphrase for this workspace, or the start of the file is damaged: try a backup/);
    expectClean(e);
  });

  it('a 0-byte file is "empty or truncated", not "not a Vigie workspace"', async () => {
    const path = join(tmpDir(), 'empty.vigie');
    writeFileSync(path, '');
    const e = await Workspace.open(path, PASS, { actor: 'a' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'workspace_empty', message: expect.stringMatching(/empty \(0 bytes\).*truncated/) });
    expect(statSync(path).size).toBe(0);
  });

  it('a failed create leaves no file behind (failing migration, missing folder, a folder in the way, CLI init)', async () => {
    const dir = tmpDir();
    const path = join(dir, 'w.vigie');
    const failing = [...MIGRATIONS, { name: '9999_broken', statements: ['CREATE TABLE broken (x INTEGER)', 'INSERT INTO nowhere VALUES (1)'] }];
    const e = await openDatabase({ path, passphrase: PASS, mode: 'create', migrations: failing }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'create_failed', message: expect.stringMatching(/9999_broken failed\). No file was left behind/) });
    expect(readdirSync(dir)).toEqual([]);

    await expect(Workspace.create(join(dir, 'missing', 'w.vigie'), PASS, { actor: 'a' })).rejects.toMatchObject({ code: 'invalid_path' });
    mkdirSync(join(dir, 'folder.vigie'));
    await expect(Workspace.create(join(dir, 'folder.vigie'), PASS, { actor: 'a' })).rejects.toMatchObject({ code: 'workspace_is_folder' });
    expect(readdirSync(dir)).toEqual(['folder.vigie']);

    const err: string[] = [];
    const code = await runCli(['init', '--workspace', join(dir, 'cli.vigie'), '--json'], { out: () => undefined, err: (t) => err.push(t), env: { VIGIE_PASSPHRASE: 'short' } });
    expect(code).not.toBe(0);
    expect(existsSync(join(dir, 'cli.vigie'))).toBe(false);
  });
});

describe('opening: clear sentences for the file system and other programs', () => {
  it('a path that is a folder', async () => {
    const dir = tmpDir();
    mkdirSync(join(dir, 'x.vigie'));
    const e = await Workspace.open(join(dir, 'x.vigie'), PASS, { actor: 'a' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'workspace_is_folder', message: 'x.vigie is a folder, not a workspace file. Choose the .vigie file itself.' });
  });

  it('a workspace another program keeps locked: "open in another window or program"', async () => {
    const path = await created();
    const other = new Database(path);
    applyKey(other, PASS);
    other.exec('BEGIN IMMEDIATE');
    other.prepare(`INSERT INTO meta (key, value) VALUES ('busy', '1')`).run();
    try {
      const e = await Workspace.open(path, PASS, { actor: 'a', busyTimeoutMs: 100 }).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'workspace_locked', message: LOCKED_MESSAGE });
      expect(LOCKED_MESSAGE).toContain('open in another window or program');
      expectClean(e);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    opened.push(ws);
  });

  // Root ignores file permissions: run the open in a child process as an unprivileged user then.
  const asUser = posix && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  function openInChild(path: string): { ok: boolean; code?: string; message?: string } {
    const fixture = fileURLToPath(new URL('./test-fixtures/open-once.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', fixture, path, PASS, 'open'], { encoding: 'utf8', ...asUser, cwd: process.cwd() });
    if (r.status !== 0 || !r.stdout) throw new Error(`child failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  }
  function giveAway(...paths: string[]): void {
    if (asUser) for (const p of paths) chownSync(p, asUser.uid, asUser.gid);
  }

  it.skipIf(!posix)('a read-only file, a read-only folder and an unreadable file each get their own sentence', { timeout: 60_000 }, async () => {
    const dir = tmpDir();
    const path = await created(dir);
    giveAway(dir, path);
    chmodSync(path, 0o400);
    expect(openInChild(path)).toMatchObject({ ok: false, code: 'workspace_read_only', message: expect.stringMatching(/read-only/) });
    chmodSync(path, 0o600);
    chmodSync(dir, 0o500);
    expect(openInChild(path)).toMatchObject({ ok: false, code: 'folder_read_only', message: expect.stringMatching(/folder .* is read-only/) });
    chmodSync(dir, 0o700);
    chmodSync(path, 0o000);
    const unreadable = openInChild(path);
    expect(unreadable).toMatchObject({ ok: false, code: 'workspace_unreadable' });
    expectClean(unreadable);
    chmodSync(path, 0o600);
    expect(openInChild(path)).toEqual({ ok: true });
  });
});
