import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../services/workspace';
import { listBackups } from '../services/backups';
import { migrationHash } from './migrate';
import { MIGRATIONS } from './migrations';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey } from './cipher';
import { openDatabase, type RawDatabase } from './open';
import type { VigieMigration } from './migrations/types';

const PASS = 'correct horse battery';
const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close().catch(() => undefined);
});

function tmp(): string {
  return join(mkdtempSync(join(tmpdir(), 'vigie-migrate-')), 'w.vigie');
}

/** The whole schema and the bookkeeping rows: what "exactly at its old version" means. */
function snapshot(raw: RawDatabase) {
  return {
    schema: raw.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all(),
    applied: raw.prepare(`SELECT name FROM kysely_migration ORDER BY name`).all(),
    hashes: raw.prepare(`SELECT name, hash FROM vigie_migration_hashes ORDER BY name`).all(),
    meta: raw.prepare(`SELECT key, value FROM meta ORDER BY key`).all(),
  };
}

async function makeOld(path: string, keep: number): Promise<ReturnType<typeof snapshot>> {
  const o = await openDatabase({ path, passphrase: PASS, mode: 'create', migrations: MIGRATIONS.slice(0, keep) });
  o.raw.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'OLD-DEVICE')`).run();
  const snap = snapshot(o.raw);
  await o.db.destroy();
  return snap;
}

/** Reads the file with a bare connection (no upgrade, no pragmas): what is really on disk. */
function snapshotOf(path: string): ReturnType<typeof snapshot> {
  const raw = new Database(path, { fileMustExist: true });
  try {
    applyKey(raw, PASS);
    return snapshot(raw);
  } finally {
    raw.close();
  }
}

/** This build's list, with the last migration's last statement failing. */
const failingLast: VigieMigration[] = [
  ...MIGRATIONS.slice(0, -1),
  { ...MIGRATIONS[MIGRATIONS.length - 1]!, statements: [...MIGRATIONS[MIGRATIONS.length - 1]!.statements, 'INSERT INTO no_such_table (x) VALUES (1)'] },
];

describe('atomic upgrades', () => {
  it('a migration failing on its last statement leaves the workspace exactly at its old version; the next open upgrades it', async () => {
    const path = tmp();
    const before = await makeOld(path, 2);
    const err = await Workspace.open(path, PASS, { actor: 'a', migrations: failingLast }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'migration_failed', details: { migration: MIGRATIONS[MIGRATIONS.length - 1]!.name, rolledBack: true } });
    expect((err as Error).message).toMatch(/Nothing was changed: the workspace is still at its previous version/);
    expect((err as Error).message).toMatch(/A verified backup was made before the upgrade/);
    expect((err as Error).message).not.toMatch(/src-main|at \w+ \(/);
    // Not a single table, index or bookkeeping row of the failed upgrade is left behind.
    expect(snapshotOf(path)).toEqual(before);

    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    opened.push(ws);
    expect(ws.migrated).toEqual(MIGRATIONS.slice(2).map((m) => m.name));
    expect(ws.deviceId).toBe('OLD-DEVICE');
    const applied = ws.raw.prepare('SELECT name, hash FROM vigie_migration_hashes ORDER BY name').all();
    expect(applied).toEqual(MIGRATIONS.map((m) => ({ name: m.name, hash: migrationHash(m) })));
    expect(ws.raw.prepare(`SELECT name FROM kysely_migration ORDER BY name`).all()).toEqual(MIGRATIONS.map((m) => ({ name: m.name })));
    expect(await ws.verifyAudit()).toMatchObject({ ok: true });
  });

  it('repeated failed upgrades never delete the last pre-upgrade backup of a schema version', async () => {
    const path = tmp();
    await makeOld(path, 1);
    // An upgrade from version 1 to 2 succeeds (its pre-upgrade backup is of version 1)…
    const ws2 = await Workspace.open(path, PASS, { actor: 'a', migrations: MIGRATIONS.slice(0, 2) });
    await ws2.close();
    // …then six attempts to reach this build's version fail.
    for (let i = 0; i < 6; i++) {
      await expect(Workspace.open(path, PASS, { actor: 'a', migrations: failingLast, now: () => new Date(Date.UTC(2026, 11, 1, 10, i)) })).rejects.toMatchObject({ code: 'migration_failed' });
    }
    const pre = listBackups(path).filter((b) => b.kind === 'pre-upgrade');
    expect(pre.filter((b) => b.schemaVersion === 1)).toHaveLength(1);
    expect(pre.filter((b) => b.schemaVersion === 2).length).toBeGreaterThanOrEqual(1);
    // The newest copy of version 2 is the one made just before the last attempt.
    expect(pre.find((b) => b.schemaVersion === 2)!.createdAt).toBe(new Date(Date.UTC(2026, 11, 1, 10, 5)).toISOString());
  });

  it('a migration list that skips one this workspace never ran is refused, nothing changed', async () => {
    const path = tmp();
    const before = await makeOld(path, 1);
    const o = await openDatabase({ path, passphrase: PASS, mode: 'open', migrations: [MIGRATIONS[0]!, MIGRATIONS[2]!] });
    await o.db.destroy();
    await expect(openDatabase({ path, passphrase: PASS, mode: 'open', migrations: MIGRATIONS })).rejects.toMatchObject({ code: 'migration_mismatch' });
    expect(snapshotOf(path).applied).toEqual([...before.applied, { name: MIGRATIONS[2]!.name }]);
  });

  it('a SIGKILL during a slow migration leaves a workspace that opens and upgrades on the next try', async () => {
    const path = tmp();
    const before = await makeOld(path, 3);
    const fixture = fileURLToPath(new URL('./test-fixtures/slow-upgrade.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, path, PASS, '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    // Wait until the slow statement is writing pages into the write-ahead log, then kill.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        let walSize: number;
        try {
          walSize = statSync(`${path}-wal`).size;
        } catch {
          walSize = 0;
        }
        if (out.includes('upgrading') && walSize > 2_000_000) {
          clearInterval(timer);
          resolve();
        }
        if (out.includes('finished') || child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`the child ended before it could be killed: ${out} ${err}`));
        }
      }, 20);
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(readdirSync(join(path, '..')).some((f) => f.endsWith('-wal'))).toBe(true);
    // The interrupted upgrade left nothing: the next open sees version 3 and upgrades it.
    expect(snapshotOf(path)).toEqual(before);
    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    opened.push(ws);
    expect(ws.migrated).toEqual(MIGRATIONS.slice(3).map((m) => m.name));
    expect(ws.quickCheck()).toBe('ok');
    expect(ws.raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'slow_%'`).get()).toEqual({ n: 0 });
  }, 60_000);
});
