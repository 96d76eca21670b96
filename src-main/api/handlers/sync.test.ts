import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PrefsStore } from '../../services/prefs';
import type { Platform } from '../../services/platform';
import { Session } from '../../services/session';
import { confinedFolder } from '../../web-harness';
import { createHandlers } from '.';
import { createRouter } from '../router';
import type { SyncApi, SyncDeps } from './sync';
import { SyncService } from '../../services/sync';
import { Workspace } from '../../services/workspace';

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

/** A SyncService double that records what the handlers asked of it. */
function fakeSync() {
  const calls: Array<[string, ...unknown[]]> = [];
  let release: (() => void) | undefined;
  let progress: ((p: { phase: 'snapshot' | 'import' | 'export'; done: number; total: number }) => void) | undefined;
  const status = { folder: null as string | null, deviceId: 'DEV1', deviceName: 'Portable de Camille', memberCode: null, isMember: false, epoch: 1, lastSync: null, pendingJoins: [], openConflicts: 0, skewMs: 0, pendingEntries: 4 };
  const member = { deviceId: 'DEV1', name: 'Portable de Camille', memberCode: null, status: 'active' as const, fingerprint: 'K7QP-2M9X', joinedEpoch: 1, removedEpoch: null, thisDevice: true };
  const api: SyncApi = {
    status: () => status,
    setFolder: (dir) => {
      calls.push(['setFolder', dir]);
      status.folder = dir;
      return status;
    },
    syncNow: async () => {
      calls.push(['syncNow']);
      progress?.({ phase: 'import', done: 1, total: 3 });
      // Holds until the test releases it, so a second call can arrive meanwhile.
      await new Promise<void>((r) => (release = r));
      return { exported: 4, imported: 0, rejected: [{ file: 'vigie-x/DEV9/1-1.age', reason: 'not_member' }], conflicts: 0, pendingJoins: [] };
    },
    members: () => [member],
    approve: (id) => (calls.push(['approve', id]), [member]),
    remove: (id) => (calls.push(['remove', id]), [member]),
    conflicts: () => [],
    resolve: (id, keep) => (calls.push(['resolve', id, keep]), { resolved: true }),
  };
  const deps: SyncDeps = {
    sync: (_ws, onProgress) => {
      progress = onProgress;
      return api;
    },
    join: async () => {
      throw new Error('not used');
    },
    fingerprint: async () => 'K7QP 2M9X AAAA BBBB CCCC DDDD',
    plan: (_ws, table, id) => ({ table, id, label: 'DSAR-2026-0001', columns: ['requester_name', 'details'], with: [{ table: 'request_events', count: 2 }] }),
    purge: async (_ws, { table, id, reason, today }) => {
      calls.push(['purge', table, id, reason]);
      expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      return { erased: [{ table, id, columns: ['requester_name', 'details'] }] };
    },
  };
  return { deps, calls, release: () => release?.() };
}

async function setup(platform: Partial<Platform> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sync-api-'));
  const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'API test', resolveWorkspacePath: (p) => join(dir, p), ...platform }, new PrefsStore(dir));
  sessions.push(session);
  const fake = fakeSync();
  const dispatch = createRouter(createHandlers(session, { sync: fake.deps }), { log: () => undefined });
  expect(await dispatch('workspace.create', { path: 'w.vigie', passphrase: 'long enough passphrase' })).toMatchObject({ ok: true });
  return { dir, dispatch, ...fake };
}

describe('sync API', () => {
  it('answers the status and members in the contract’s shapes', async () => {
    const { dispatch } = await setup();
    expect(await dispatch('sync.status', {})).toMatchObject({ ok: true, value: { folder: null, fingerprint: null, deviceName: 'Portable de Camille', pendingEntries: 4 } });
    expect(await dispatch('sync.members', {})).toMatchObject({ ok: true, value: { items: [{ deviceId: 'DEV1', fingerprint: 'K7QP-2M9X', thisDevice: true }] } });
    expect(await dispatch('sync.conflicts', {})).toEqual({ ok: true, value: { items: [] } });
  });

  it('the harness takes a folder name inside its data folder, nothing else; the desktop takes full paths only', async () => {
    const harness = await setup({ resolveSyncFolder: (p) => confinedFolder(harnessDir, p) });
    const harnessDir = harness.dir;
    expect(await harness.dispatch('sync.setFolder', { folder: 'partage' })).toMatchObject({ ok: true, value: { folder: join(harness.dir, 'partage') } });
    expect(await harness.dispatch('sync.setFolder', { folder: '/etc' })).toMatchObject({ ok: false, error: { code: 'invalid_path' } });
    expect(await harness.dispatch('sync.setFolder', { folder: '../x' })).toMatchObject({ ok: false, error: { code: 'invalid_path' } });
    expect(harness.calls).toEqual([['setFolder', join(harness.dir, 'partage')]]);

    const desktop = await setup();
    expect(await desktop.dispatch('sync.setFolder', { folder: 'partage' })).toMatchObject({ ok: false, error: { code: 'invalid_path' } });
    expect(await desktop.dispatch('sync.setFolder', { folder: '/mnt/share/./vigie/' })).toMatchObject({ ok: true, value: { folder: '/mnt/share/vigie/' } });
    expect(await desktop.dispatch('sync.setFolder', { folder: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(desktop.calls).toEqual([['setFolder', '/mnt/share/vigie/']]);
  });

  it('picks the folder with the host’s dialog, and answers null where there is none', async () => {
    const none = await setup();
    expect(await none.dispatch('sync.pickFolder', {})).toEqual({ ok: true, value: { path: null } });
    const desktop = await setup({ dialogs: { pickWorkspace: async () => null, pickFolder: async () => '/mnt/partage' } });
    expect(await desktop.dispatch('sync.pickFolder', {})).toEqual({ ok: true, value: { path: '/mnt/partage' } });
  });

  it('a second "Sync now" while one runs joins it instead of starting another', async () => {
    const { dispatch, calls, release } = await setup();
    const a = dispatch('sync.now', {});
    const b = dispatch('sync.now', {});
    await new Promise((r) => setImmediate(r));
    release();
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toEqual(rb);
    expect(ra).toMatchObject({ ok: true, value: { exported: 4, rejected: [{ reason: 'not_member' }] } });
    expect(calls.filter(([m]) => m === 'syncNow')).toHaveLength(1);
    // Once it is over, the next click starts a new one.
    const c = dispatch('sync.now', {});
    await new Promise((r) => setImmediate(r));
    release();
    expect(await c).toMatchObject({ ok: true });
    expect(calls.filter(([m]) => m === 'syncNow')).toHaveLength(2);
  });

  it('tells the window how far a sync is (Electron’s event channel); a host without events gets none', async () => {
    const events: unknown[] = [];
    const desktop = await setup({ notify: (e) => events.push(e) });
    const run = desktop.dispatch('sync.now', {});
    await new Promise((r) => setImmediate(r));
    desktop.release();
    expect(await run).toMatchObject({ ok: true });
    expect(events).toEqual([{ type: 'sync-progress', phase: 'import', done: 1, total: 3 }]);
    const web = await setup();
    const r2 = web.dispatch('sync.now', {});
    await new Promise((r) => setImmediate(r));
    web.release();
    expect(await r2).toMatchObject({ ok: true });
  });

  it('refuses bad input before the service is asked anything', async () => {
    const { dispatch, calls } = await setup();
    expect(await dispatch('sync.approve', { deviceId: '../DEV2' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('sync.remove', { deviceId: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('sync.resolve', { id: 'C1', keep: 'both' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('records.purge', { table: 'requests', id: 'R1', reason: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('records.purge', { table: 'change_log', id: 'R1', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([]);
    expect(await dispatch('sync.approve', { deviceId: 'DEV2' })).toMatchObject({ ok: true, value: { items: [{ deviceId: 'DEV1' }] } });
    expect(await dispatch('sync.resolve', { id: 'C1', keep: 'theirs' })).toEqual({ ok: true, value: { resolved: true } });
    expect(await dispatch('records.purge', { table: 'requests', id: 'R1', reason: ' Demande d’effacement (art. 17) ' })).toEqual({
      ok: true,
      value: { erased: [{ table: 'requests', id: 'R1', columns: ['requester_name', 'details'] }] },
    });
    expect(await dispatch('records.purge', { table: 'requests', id: '../R1', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([['approve', 'DEV2'], ['resolve', 'C1', 'theirs'], ['purge', 'requests', 'R1', 'Demande d’effacement (art. 17)']]);
  });

  it('with no workspace open, says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-sync-api-'));
    const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'API test', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
    const dispatch = createRouter(createHandlers(session, { sync: fakeSync().deps }), { log: () => undefined });
    expect(await dispatch('sync.status', {})).toMatchObject({ ok: false, error: { code: 'no_workspace' } });
  });
});

describe('sync API over the real service', () => {
  it('a folder, the first sync (this device becomes the founding member), a join approved, a concurrent edit shown and resolved: every answer in the contract’s shapes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-sync-real-'));
    const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'Alice', resolveWorkspacePath: (p) => join(dir, p), resolveSyncFolder: (p) => confinedFolder(dir, p) }, new PrefsStore(dir));
    sessions.push(session);
    const logged: unknown[] = [];
    const dispatch = createRouter(createHandlers(session), { log: (m, e) => logged.push([m, e]) });
    expect(await dispatch('workspace.create', { path: 'a.vigie', passphrase: 'long enough passphrase' })).toMatchObject({ ok: true });
    expect(await dispatch('sync.status', {})).toMatchObject({ ok: true, value: { folder: null, isMember: false, lastSync: null } });
    // A folder that does not exist is refused with the service's code; nothing is set.
    expect(await dispatch('sync.setFolder', { folder: 'absent' })).toMatchObject({ ok: false, error: { code: 'sync_folder_invalid' } });
    expect(await dispatch('sync.status', {})).toMatchObject({ ok: true, value: { folder: null } });
    mkdirSync(join(dir, 'partage'));
    expect(await dispatch('sync.setFolder', { folder: 'partage' })).toMatchObject({ ok: true, value: { folder: join(dir, 'partage') } });
    const first = await dispatch('sync.now', {});
    expect(first).toMatchObject({ ok: true, value: { rejected: [], conflicts: 0 } });
    expect(await dispatch('sync.members', {})).toMatchObject({ ok: true, value: { items: [{ status: 'active', thisDevice: true, fingerprint: expect.stringMatching(/^[0-9A-Z]{4}( [0-9A-Z]{4}){5}$/) }] } });
    expect(await dispatch('sync.status', {})).toMatchObject({ ok: true, value: { isMember: true, lastSync: { rejected: [] } } });

    // A colleague asks to join; Alice's sync sees the request, she approves it, the colleague receives the workspace.
    // Camille joins from her own computer's welcome screen (another installation: its own folder).
    const bDir = mkdtempSync(join(tmpdir(), 'vigie-sync-real-b-'));
    const bPath = join(bDir, 'camille.vigie');
    const camille = new Session({ kind: 'electron', version: 'test', defaultDirectory: bDir, actor: 'camille', home: bDir, resolveWorkspacePath: (p) => p }, new PrefsStore(bDir));
    const bDispatch = createRouter(createHandlers(camille), { log: (m, e) => logged.push([m, e]) });
    const empty = mkdtempSync(join(tmpdir(), 'vigie-sync-empty-'));
    expect(await bDispatch('sync.join', { path: bPath, passphrase: 'short', folder: join(dir, 'partage'), name: 'Camille' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await bDispatch('sync.join', { path: bPath, passphrase: 'long enough passphrase', folder: empty, name: 'Camille' })).toMatchObject({ ok: false, error: { code: 'sync_workspace_unknown' } });
    expect(await bDispatch('sync.join', { path: bPath, passphrase: 'long enough passphrase', folder: 'partage', name: 'Camille' })).toMatchObject({ ok: false, error: { code: 'invalid_path' } });
    expect(existsSync(bPath)).toBe(false);
    const bJoin = await bDispatch('sync.join', { path: bPath, passphrase: 'long enough passphrase', folder: join(dir, 'partage'), name: 'Camille' });
    expect(bJoin).toMatchObject({ ok: true, value: { status: 'pending', fingerprint: expect.stringMatching(/^[0-9A-Z]{4}( [0-9A-Z]{4}){5}$/) } });
    const joined = (bJoin as { value: { deviceId: string; fingerprint: string } }).value;
    expect(await bDispatch('sync.status', {})).toMatchObject({ ok: true, value: { folder: join(dir, 'partage'), isMember: false, deviceId: joined.deviceId, fingerprint: joined.fingerprint } });
    await camille.close();
    expect(await dispatch('sync.now', {})).toMatchObject({ ok: true, value: { pendingJoins: [{ deviceId: joined.deviceId, name: 'Camille' }] } });
    expect(await dispatch('sync.status', {})).toMatchObject({ ok: true, value: { pendingJoins: [{ deviceId: joined.deviceId, fingerprint: joined.fingerprint }] } });
    expect(await dispatch('sync.approve', { deviceId: joined.deviceId })).toMatchObject({ ok: true, value: { items: expect.arrayContaining([expect.objectContaining({ deviceId: joined.deviceId, status: 'active' })]) } });
    expect(await dispatch('sync.now', {})).toMatchObject({ ok: true });
    const b = await Workspace.open(bPath, 'long enough passphrase', { actor: 'Camille' });
    try {
      const bSync = new SyncService(b, { settleMs: 0 });
      expect((await bSync.syncNow()).imported).toBeGreaterThan(0);
      // Both change the organisation's city without seeing the other's change.
      await session.workspace.updateProfile({ city: 'Lyon' });
      await b.mutate((w) => w.write({ op: 'update', table: 'org_profile', id: 'org', values: { city: 'Nantes' } }));
      await bSync.syncNow();
      const r = await dispatch('sync.now', {});
      expect(r).toMatchObject({ ok: true, value: { conflicts: 1 } });
      const list = await dispatch('sync.conflicts', {});
      expect(list).toMatchObject({ ok: true, value: { items: [{ kind: 'value', table: 'org_profile', cell: 'city', mine: { value: 'Lyon', actor: 'Alice' }, theirs: { value: 'Nantes', actor: 'Camille' } }] } });
      const id = (list as { value: { items: Array<{ id: string }> } }).value.items[0]!.id;
      expect(await dispatch('sync.resolve', { id, keep: 'theirs' })).toEqual({ ok: true, value: { resolved: true } });
      expect((await session.workspace.getProfile()).profile.city).toBe('Nantes');
      expect(await dispatch('sync.conflicts', {})).toEqual({ ok: true, value: { items: [] } });
      expect(await dispatch('sync.resolve', { id, keep: 'theirs' })).toMatchObject({ ok: false, error: { code: 'sync_conflict_unknown' } });
      expect(await dispatch('sync.remove', { deviceId: joined.deviceId })).toMatchObject({ ok: true, value: { items: expect.arrayContaining([expect.objectContaining({ deviceId: joined.deviceId, status: 'removed' })]) } });
    } finally {
      await b.close();
    }
    expect(logged).toEqual([]);
  }, 60_000);
});

describe('erasure from the UI over the real service', () => {
  it('shows what would be erased, erases a breach’s personal data with its reason, and refuses a missing reason without changing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-erase-'));
    const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'API test', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
    sessions.push(session);
    const dispatch = createRouter(createHandlers(session), { log: () => undefined });
    expect(await dispatch('workspace.create', { path: 'w.vigie', passphrase: 'long enough passphrase' })).toMatchObject({ ok: true });
    const created = await dispatch('breaches.create', { breach: { title: 'Clé USB perdue', awareAt: '2026-11-30T10:00', reportedBy: 'Zéphyrine Quaglieri' } });
    expect(created).toMatchObject({ ok: true });
    const id = (created as { value: { id: string } }).value.id;
    const plan = await dispatch('records.erasurePlan', { table: 'breaches', id });
    expect(plan).toMatchObject({ ok: true, value: { table: 'breaches', id, columns: ['details'], label: expect.stringContaining('BR-') } });
    expect(JSON.stringify(await dispatch('history.list', { table: 'breaches', rowId: id }))).toContain('Zéphyrine');
    const before = (await session.workspace.changeLogStats()).entries;
    expect(await dispatch('records.purge', { table: 'breaches', id, reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('records.purge', { table: 'breaches', id: 'NOPE', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await session.workspace.changeLogStats()).entries).toBe(before);
    expect(await dispatch('records.purge', { table: 'breaches', id, reason: 'Demande d’effacement' })).toMatchObject({ ok: true, value: { erased: [{ table: 'breaches', id, columns: ['details'] }] } });
    const history = await dispatch('history.list', { table: 'breaches', rowId: id });
    expect(history).toMatchObject({ ok: true, value: { entries: expect.arrayContaining([expect.objectContaining({ op: 'purge', reason: 'erasure: Demande d’effacement' })]) } });
    expect(JSON.stringify(history)).not.toContain('Zéphyrine');
    expect((await session.workspace.verifyAudit()).ok).toBe(true);
  });
});

