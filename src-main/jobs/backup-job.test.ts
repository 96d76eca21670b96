/**
 * Backups are made in a worker thread when the app runs them (issue 11: heavy work off the main
 * thread): the day's automatic backup after an unlock no longer holds the unlock (12 s at 100,000
 * requests on a slow machine, the window frozen meanwhile), and "Back up now" no longer freezes the
 * window. The copy is the same checked copy as before: listed with its manifest, verified, its
 * sha256 that of the file, and it restores.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../services/backups';
import type { Session } from '../services/session';
import { apiSession } from './test-fixtures/api-session';
import { Workspace } from '../services/workspace';

const PASS = 'backup job test passphrase';
const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

async function setup() {
  const { dir, session, call } = apiSession('vigie-backup-job-', 'test', sessions);
  await call('workspace.create', { path: 'w.vigie', passphrase: PASS, controllerName: 'Sauvegardes SAS' });
  await call('workspace.close', {});
  return { dir, path: join(dir, 'w.vigie'), session, call, backupsDir: join(dir, 'w.backups') };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('backups made in a worker thread (the backup job)', () => {
  it('the day’s first unlock answers before its backup is made; the copy is then listed, verified and hashed, it opens with the passphrase, and a second unlock that day makes none', async () => {
    const { path, session, call } = await setup();
    await call('workspace.open', { path: 'w.vigie', passphrase: PASS });
    // The worker has not had the time to copy anything yet: the unlock did not wait for it.
    expect(listBackups(path).filter((b) => b.kind === 'daily')).toEqual([]);
    await session.idle();
    const [daily, ...others] = listBackups(path);
    expect(others).toEqual([]);
    expect(daily).toMatchObject({ kind: 'daily', verified: true });
    expect(daily!.sha256).toBe(sha256(daily!.path));
    expect(session.workspace.backupWarning).toBeUndefined();
    // (Vigie refuses to open a backup as a workspace: its bytes are opened under another name.)
    const probe = join(path, '..', 'probe.vigie');
    writeFileSync(probe, readFileSync(daily!.path));
    const opened = await Workspace.open(probe, PASS, { actor: 't' });
    expect((await opened.getProfile()).profile.controller_name).toBe('Sauvegardes SAS');
    await opened.close();

    await call('workspace.close', {});
    await call('workspace.open', { path: 'w.vigie', passphrase: PASS });
    await session.idle();
    expect(listBackups(path)).toHaveLength(1);
  }, 120_000);

  it('closing the workspace while its daily backup is being made cancels it: no copy is left behind, no warning; the next unlock makes it', async () => {
    const { path, session, call, backupsDir } = await setup();
    await call('workspace.open', { path: 'w.vigie', passphrase: PASS });
    await call('workspace.close', {});
    // close() waited for the job's worker to stop (it had not finished: a worker starting and
    // deriving the key takes far longer than this open and close) and to remove its partial copy.
    expect(listBackups(path)).toEqual([]);
    expect(existsSync(backupsDir) ? readdirSync(backupsDir).filter((f) => f.endsWith('.vigie')) : []).toEqual([]);
    await call('workspace.open', { path: 'w.vigie', passphrase: PASS });
    await session.idle();
    expect(listBackups(path).filter((b) => b.kind === 'daily')).toHaveLength(1);
    expect(session.workspace.backupWarning).toBeUndefined();
  }, 120_000);

  it('a backup that cannot be made leaves the workspace open and working, with the reason as its backup warning', async () => {
    const { session, call, backupsDir } = await setup();
    // The backups folder's name is taken by a file: no copy can be written there.
    writeFileSync(backupsDir, 'not a folder');
    await call('workspace.open', { path: 'w.vigie', passphrase: PASS });
    await session.idle();
    expect(session.workspace.backupWarning).toMatch(/backup|folder|dossier|ENOTDIR|EEXIST/i);
    expect(await call('app.ping', {})).toEqual({ pong: true });
  }, 120_000);

  it('Back up now (backups.create) makes a manual copy through the job, listed with its manifest', async () => {
    const { path, session, call } = await setup();
    await call('workspace.open', { path: 'w.vigie', passphrase: PASS });
    await session.idle();
    const made = (await call('backups.create', {})) as unknown as { id: string; kind: string; verified: boolean; sha256: string; path: string };
    expect(made).toMatchObject({ kind: 'manual', verified: true });
    const listed = listBackups(path).find((b) => b.id === made.id)!;
    expect(listed.sha256).toBe(sha256(made.path));
    expect(listBackups(path).map((b) => b.kind).sort()).toEqual(['daily', 'manual']);
  }, 120_000);
});
