import { describe, expect, it } from 'vitest';
import { contract } from '../../src-main/api/contract';
import { areaOf, invalidationFor, isRead, keyInAreas, pagedQueryKey, queryKey } from './query-keys';

describe('isRead', () => {
  it.each([
    ['requests.list', true], ['requests.get', true], ['requests.summary', true], ['reports.figures', true],
    ['dashboard.today', true], ['vendors.reference', true], ['app.info', true], ['workspace.status', true],
    ['workspace.recent', true], ['retention.rules', true], ['retention.due', true], ['search.query', true],
    ['tools.deadlines', true], ['reference.countries', true], ['history.list', true], ['trash.list', true],
    ['requests.letter', false], ['breaches.letter', true], ['breaches.register', true], ['register.importPreview', true], ['exports.save', true],
    ['requests.create', false], ['requests.update', false], ['requests.delete', false], ['requests.addEvent', false],
    ['breaches.addFile', false], ['breaches.removeFile', false], ['vendors.setOverride', false], ['vendors.uploadContract', false],
    ['retention.hold', false], ['retention.purge', false], ['retention.setRule', false], ['retention.release', false],
    ['register.importCommit', false], ['trash.restore', false], ['profile.update', false], ['backups.create', false],
    ['backups.restore', false], ['workspace.open', false], ['workspace.forget', false], ['audit.seal', true],
    ['sync.status', true], ['sync.members', true], ['sync.conflicts', true], ['sync.pickFolder', true], ['records.erasurePlan', true],
    ['sync.setFolder', false], ['sync.now', false], ['sync.approve', false], ['sync.remove', false], ['sync.resolve', false], ['records.purge', false],
  ])('%s → read: %s', (method, read) => {
    expect(isRead(method)).toBe(read);
  });

  it('classifies every method of the contract, and every read has a read-like or listed name', () => {
    const methods = Object.keys(contract);
    expect(methods.length).toBeGreaterThan(50);
    const mutations = methods.filter((m) => !isRead(m)).sort();
    // Every change verb the API uses: a new verb must be classified here on purpose.
    const verbs = new Set(mutations.map((m) => m.slice(m.indexOf('.') + 1)));
    expect([...verbs].sort()).toEqual(
      ['addEvent', 'addFile', 'approve', 'close', 'create', 'delete', 'forget', 'hold', 'importCommit', 'join', 'letter', 'now', 'open', 'purge', 'recordPurge', 'release', 'remove',
        'removeFile', 'removeOverride', 'resetRule', 'resolve', 'restore', 'setFolder', 'setOverride', 'setRule', 'setTargets', 'update', 'uploadContract'].sort(),
    );
  });
});

describe('invalidationFor', () => {
  it.each([
    ['requests.list', { kind: 'none' }],
    ['workspace.open', { kind: 'all' }],
    ['workspace.close', { kind: 'all' }],
    ['workspace.create', { kind: 'all' }],
    ['backups.restore', { kind: 'stale-all' }],
    ['trash.restore', { kind: 'stale-all' }],
    ['sync.resolve', { kind: 'stale-all' }],
    ['sync.join', { kind: 'all' }],
    ['records.purge', { kind: 'stale-all' }],
  ] as const)('%s → %o', (method, expected) => {
    expect(invalidationFor(method)).toEqual(expected);
  });

  it.each([
    ['requests.create', ['requests', 'dashboard', 'retention', 'search', 'reports']],
    ['requests.addEvent', ['requests', 'dashboard', 'history']],
    // A letter is kept in the case's correspondence: the case page's timeline and attachments change.
    ['requests.letter', ['requests', 'dashboard', 'history']],
    ['breaches.update', ['breaches', 'dashboard', 'retention', 'search', 'reports']],
    ['vendors.update', ['vendors', 'register', 'dashboard', 'search', 'reports']],
    ['register.create', ['register', 'vendors', 'dashboard', 'search', 'reports']],
    ['retention.purge', ['retention', 'requests', 'register', 'dashboard']],
    ['profile.update', ['profile', 'requests', 'breaches']],
  ])('%s invalidates at least %o', (method, areas) => {
    const inv = invalidationFor(method);
    expect(inv.kind).toBe('areas');
    if (inv.kind === 'areas') expect(inv.areas).toEqual(expect.arrayContaining(areas));
  });

  it('a sync that imported changes makes every read stale; one that only sent ours refreshes the Sync page and the dashboard', () => {
    const report = { exported: 3, imported: 0, rejected: [], conflicts: 0, pendingJoins: [] };
    expect(invalidationFor('sync.now', report)).toEqual({ kind: 'areas', areas: ['dashboard', 'sync'] });
    expect(invalidationFor('sync.now', { ...report, imported: 2 })).toEqual({ kind: 'stale-all' });
    expect(invalidationFor('sync.now', { ...report, conflicts: 1 })).toEqual({ kind: 'stale-all' });
    expect(invalidationFor('sync.now')).toEqual({ kind: 'stale-all' });
    // Members and the folder show in the Sync page and in the history (a member row is a logged change).
    for (const m of ['sync.approve', 'sync.remove', 'sync.setFolder']) {
      const inv = invalidationFor(m);
      if (inv.kind !== 'areas') throw new Error(`expected areas for ${m}`);
      expect(inv.areas).toEqual(expect.arrayContaining(['sync', 'history']));
      expect(inv.areas).not.toContain('requests');
    }
  });

  it('a change in requests leaves the cached reads of unrelated areas alone', () => {
    const inv = invalidationFor('requests.update');
    if (inv.kind !== 'areas') throw new Error('expected areas');
    expect(inv.areas).not.toContain('vendors');
    expect(inv.areas).not.toContain('breaches');
    expect(inv.areas).not.toContain('app');
  });
});

describe('query keys', () => {
  it('keys a read by method and input, and matches keys by area', () => {
    expect(queryKey('requests.get', { id: 'a' })).toEqual(['requests.get', { id: 'a' }]);
    expect(queryKey('app.info', undefined)).toEqual(['app.info', {}]);
    expect(areaOf('requests.get')).toBe('requests');
    expect(keyInAreas(['requests.get', { id: 'a' }], ['requests'])).toBe(true);
    expect(keyInAreas(['vendors.list', {}], ['requests', 'dashboard'])).toBe(false);
  });

  it('keys a paged read apart from a plain one, without its cursor, in the same area', () => {
    const input = { status: 'open', limit: 100, cursor: 'abc' };
    expect(pagedQueryKey('requests.list', input)).toEqual(['requests.list', { status: 'open', limit: 100 }, 'pages']);
    expect(pagedQueryKey('requests.list', input)).not.toEqual(queryKey('requests.list', { status: 'open', limit: 100 }));
    expect(input.cursor).toBe('abc');
    // Every change to requests (and to what requests show) makes the loaded pages stale.
    for (const m of ['requests.create', 'requests.update', 'requests.delete', 'retention.setTargets', 'profile.update']) {
      const inv = invalidationFor(m);
      expect(inv.kind === 'areas' && keyInAreas(pagedQueryKey('requests.list', input), inv.areas), m).toBe(true);
    }
  });
});
