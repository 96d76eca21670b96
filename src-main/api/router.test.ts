import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import { PrefsStore } from '../services/prefs';
import { Session } from '../services/session';
import type { SecretStore } from '../services/platform';
import { createHandlers } from './handlers';
import { createRouter } from './router';
import { METHODS, contract } from './contract';

function setup(secrets?: SecretStore) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-router-'));
  const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'Router test', secrets, resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
  const logged: string[] = [];
  const dispatch = createRouter(createHandlers(session), { log: (m) => logged.push(m) });
  return { dir, session, dispatch, logged };
}
const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

describe('router', () => {
  it('every contract method has a handler', () => {
    const handlers = createHandlers(setup().session);
    expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
    expect(METHODS.length).toBe(Object.keys(contract).length);
  });

  it('answers an unknown method with unknown_method, never throwing', async () => {
    const { dispatch } = setup();
    expect(await dispatch('workspace.drop', {})).toEqual({ ok: false, error: { code: 'unknown_method', message: 'Unknown method "workspace.drop".' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([
    ['workspace.create', { path: 'x.txt', passphrase: 'long enough' }, /path: A workspace file name must end with .vigie/],
    ['workspace.create', { path: 'x.vigie', passphrase: 'short' }, /passphrase: The passphrase must have at least 8 characters/],
    ['workspace.create', { path: 'x.vigie', passphrase: 'long enough', extra: 1 }, /Unrecognized key/],
    ['tools.deadlines', { received: '05/03/2026' }, /received: Use a date as YYYY-MM-DD/],
    ['profile.update', { values: { siren: 42 } }, /siren/],
    ['tools.breachClock', { aware: '2026-06-10T14:15', hours: 0 }, /hours/],
  ])('refuses bad input for %s with invalid_input and the field named', async (method, input, message) => {
    const { dispatch } = setup();
    const r = await dispatch(method, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(message);
    }
  });

  it('maps domain errors to their code and message', async () => {
    const { dispatch } = setup();
    expect(await dispatch('profile.get', {})).toEqual({ ok: false, error: { code: 'no_workspace', message: 'No workspace is open. Create or open one first.' } });
    expect(await dispatch('tools.deadlines', { received: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('2026-02-30') } });
    expect(await dispatch('tools.transferCheck', { country: 'ZZ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a wrong passphrase through the API gives the exact message, and the open workspace is unchanged', async () => {
    const { dispatch, session } = setup();
    sessions.push(session);
    expect(await dispatch('workspace.create', { path: 'a.vigie', passphrase: 'first passphrase' })).toMatchObject({ ok: true, value: { open: true, name: 'a' } });
    await dispatch('workspace.close', {});
    expect(await dispatch('workspace.open', { path: 'a.vigie', passphrase: 'not the one' })).toEqual({
      ok: false,
      error: { code: 'wrong_passphrase', message: 'Wrong passphrase for this workspace, or the start of the file is damaged: try a backup.', details: { backups: [] } },
    });
    expect(await dispatch('workspace.status', {})).toEqual({ ok: true, value: { open: false } });
  });

  it('turns an unexpected exception into internal without leaking it', async () => {
    const { session, logged } = setup();
    const handlers = createHandlers(session);
    const dispatch = createRouter({ ...handlers, 'app.info': async () => { throw new Error('secret stack detail'); } }, { log: (m) => logged.push(m) });
    const r = await dispatch('app.info', {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Vigie hit an internal error; nothing was lost. Details are in the log.' } });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(logged).toEqual(['Handler app.info failed']);
  });

  it('refuses to remember a passphrase without a real keychain, opening nothing', async () => {
    const { dispatch, session } = setup({ available: () => false, encrypt: () => { throw new DomainError('x', 'never'); }, decrypt: () => '' });
    sessions.push(session);
    await dispatch('workspace.create', { path: 'k.vigie', passphrase: 'keychain passphrase' });
    await dispatch('workspace.close', {});
    const r = await dispatch('workspace.open', { path: 'k.vigie', passphrase: 'keychain passphrase', remember: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
    expect(await dispatch('workspace.status', {})).toEqual({ ok: true, value: { open: false } });
  });

  it('remembers a passphrase wrapped by the keychain and reopens without typing it', async () => {
    const wrap = (s: string) => Buffer.from(s).toString('base64').split('').reverse().join('');
    const secrets: SecretStore = { available: () => true, encrypt: wrap, decrypt: (w) => Buffer.from(w.split('').reverse().join(''), 'base64').toString() };
    const { dispatch, session, dir } = setup(secrets);
    sessions.push(session);
    await dispatch('workspace.create', { path: 'r.vigie', passphrase: 'remembered passphrase' });
    await dispatch('workspace.close', {});
    expect(await dispatch('workspace.open', { path: 'r.vigie', passphrase: 'remembered passphrase', remember: true })).toMatchObject({ ok: true });
    await dispatch('workspace.close', {});
    expect(await dispatch('workspace.open', { path: 'r.vigie' })).toMatchObject({ ok: true, value: { open: true } });
    const recent = await dispatch('workspace.recent', {});
    expect(recent).toMatchObject({ ok: true, value: { items: [{ name: 'r', remembered: true, exists: true }] } });
    expect(JSON.stringify(new PrefsStore(dir).read())).not.toContain('remembered passphrase');
  });
});

describe('router: errors a person can act on, never raw', () => {
  function routerThrowing(error: unknown) {
    const handlers = createHandlers(setup().session);
    const logged: string[] = [];
    const dispatch = createRouter({ ...handlers, 'app.info': async () => { throw error; } }, { log: (m) => logged.push(m) });
    return { dispatch, logged };
  }
  const sqlite = (code: string, message: string) => Object.assign(new Error(message), { name: 'SqliteError', code });

  it.each([
    [sqlite('SQLITE_BUSY', 'database is locked'), 'workspace_busy', /open in another window or program/],
    [sqlite('SQLITE_BUSY_SNAPSHOT', 'database is locked'), 'workspace_busy', /open in another window or program/],
    [sqlite('SQLITE_READONLY', 'attempt to write a readonly database'), 'workspace_read_only', /read-only/],
    [sqlite('SQLITE_CORRUPT', 'database disk image is malformed'), 'workspace_corrupt', /backup/],
    [sqlite('SQLITE_FULL', 'database or disk is full'), 'disk_full', /disk is full/],
    [sqlite('SQLITE_IOERR_WRITE', 'disk I/O error'), 'workspace_io_error', /could not read or write/],
    [Object.assign(new Error("EACCES: permission denied, open '/home/x/y'"), { code: 'EACCES' }), 'file_not_accessible', /permissions/],
  ])('%s becomes %s with a sentence, no SQLite message', async (error, code, message) => {
    const { dispatch, logged } = routerThrowing(error);
    const r = await dispatch('app.info', {});
    expect(r).toEqual({ ok: false, error: { code, message: expect.stringMatching(message) } });
    if (!r.ok) expect(r.error.message).not.toContain((error as Error).message);
    expect(logged).toHaveLength(1);
  });

  it('a bug is "internal": no stack trace, no source path, no error text', async () => {
    const { dispatch } = routerThrowing(new TypeError(`Cannot read properties of undefined (reading 'x') at ${import.meta.url}`));
    const r = await dispatch('app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('internal');
      expect(JSON.stringify(r.error)).not.toMatch(/Cannot read|src-main|\.ts|at /);
    }
  });
});

describe('router: control characters never cross the bridge', () => {
  it.each([
    ['profile.update', { values: { controller_name: 'ACME\u001b[2J' } }, ['values', 'controller_name'], 'U+001B ESC'],
    ['profile.update', { values: { dpo_name: 'Eve \u202eexe' } }, ['values', 'dpo_name'], 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['workspace.create', { path: 'x.vigie', passphrase: 'long enough\u0000' }, ['passphrase'], 'U+0000 NUL'],
  ])('%s with %j is invalid_input naming the field and the character, never the text; nothing changes', async (method, input, path, char) => {
    const { dispatch, session, dir } = setup();
    sessions.push(session);
    if (method !== 'workspace.create') expect(await dispatch('workspace.create', { path: 'w.vigie', passphrase: 'long enough passphrase' })).toMatchObject({ ok: true });
    const before = method === 'workspace.create' ? undefined : await dispatch('history.list', {});
    const r = await dispatch(method, input);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { issues: [{ path, code: 'control_characters', params: { char } }] } } });
    if (!r.ok) expect(r.error.message).not.toMatch(/ACME|Eve|long enough/);
    if (before) expect(await dispatch('history.list', {})).toEqual(before);
    else expect(readdirSync(dir).filter((f) => f.endsWith('.vigie'))).toEqual([]);
  });
});
