/* eslint-disable @typescript-eslint/no-explicit-any -- JSON read back from the CLI */
import { MIGRATIONS } from '../db/migrations';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

/** The schema version a new workspace gets: the number of the last migration (numbers may skip on a branch). */
const SCHEMA_VERSION = Number.parseInt(MIGRATIONS[MIGRATIONS.length - 1]!.name.slice(0, 4), 10);

const PASS = 'cli backup passphrase';
function io(env: Record<string, string | undefined> = { VIGIE_PASSPHRASE: PASS }) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env } };
}
const tmp = () => join(mkdtempSync(join(tmpdir(), 'vigie-cli-backup-')), 'w.vigie');
async function json(argv: string[], env?: Record<string, string | undefined>): Promise<{ code: number; value: Record<string, any>; err: string[] }> {
  const a = io(env);
  const code = await runCli([...argv, '--json'], a.io);
  return { code, value: a.out[0] ? JSON.parse(a.out[0]) : undefined, err: a.err };
}

describe('CLI backup', () => {
  it('backup create, list (without the passphrase) and restore, end to end', async () => {
    const path = tmp();
    expect((await json(['init', '--workspace', path, '--controller', 'Avant'])).code).toBe(0);
    const created = await json(['backup', 'create', '--workspace', path]);
    expect(created.code).toBe(0);
    expect(created.value.backup).toMatchObject({ kind: 'manual', schemaVersion: SCHEMA_VERSION, verified: true });
    const id = created.value.backup.id as string;
    expect((await json(['profile', 'set', '--workspace', path, 'controller_name=Après'])).code).toBe(0);

    const list = await json(['backup', 'list', '--workspace', path], {});
    expect(list.code).toBe(0);
    expect(list.value.folder).toBe(join(path, '..', 'w.backups'));
    expect(list.value.backups.map((b: { kind: string }) => b.kind).sort()).toEqual(['daily', 'manual']);

    const restored = await json(['backup', 'restore', '--workspace', path, '--id', id]);
    expect(restored.code).toBe(0);
    expect(restored.value).toMatchObject({ restored: { id }, quickCheck: 'ok', audit: { ok: true }, verified: true, safetyCopy: { kind: 'pre-restore', verified: true } });
    expect((await json(['profile', 'get', '--workspace', path])).value.profile.controller_name).toBe('Avant');
    expect((await json(['audit', 'verify', '--workspace', path])).value).toMatchObject({ ok: true });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('restore with an unknown id, or without --id, changes nothing and says why', async () => {
    const path = tmp();
    await json(['init', '--workspace', path]);
    const before = statSync(path).mtimeMs;
    const unknown = await json(['backup', 'restore', '--workspace', path, '--id', 'w-19990101T000000Z-manual']);
    expect(unknown.code).not.toBe(0);
    expect(JSON.parse(unknown.err[0]!)).toMatchObject({ error: { code: 'backup_not_found' } });
    const missing = await json(['backup', 'restore', '--workspace', path]);
    expect(JSON.parse(missing.err[0]!)).toMatchObject({ error: { code: 'invalid_input', message: 'Missing --id.' } });
    expect(statSync(path).mtimeMs).toBe(before);
  });
});
