import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EN, FR, type Tree } from '../../i18n/resources';
import { fileLabel, indicatorState, reasonKey, REJECT_REASONS, skewParts, type SyncStatus } from './sync-model';

const base: SyncStatus = {
  folder: '/share',
  deviceId: 'D1',
  deviceName: 'Portable',
  fingerprint: null,
  memberCode: null,
  isMember: true,
  epoch: 1,
  lastSync: { at: '2026-12-01T10:00:00Z', exported: 1, imported: 0, rejected: [], conflicts: 0 },
  pendingJoins: [],
  openConflicts: 0,
  skewMs: 0,
  pendingEntries: 0,
};
const get = (tree: Tree, key: string) => key.split('.').reduce<string | Tree | undefined>((n, k) => (n && typeof n === 'object' ? n[k] : undefined), tree);

describe('the header indicator', () => {
  it.each([
    ['no status yet', undefined, false, false, 'off'],
    ['no folder', { ...base, folder: null }, false, false, 'off'],
    ['a sync running', { ...base, openConflicts: 2 }, true, false, 'syncing'],
    ['the last sync failed', { ...base, openConflicts: 2 }, false, true, 'failed'],
    ['conflicts to review', { ...base, openConflicts: 2 }, false, false, 'conflicts'],
    ['refused files', { ...base, lastSync: { ...base.lastSync!, rejected: [{ file: 'x', reason: 'damaged' }] } }, false, false, 'refused'],
    ['not approved yet', { ...base, isMember: false }, false, false, 'waiting'],
    ['all well', base, false, false, 'synced'],
  ] as Array<[string, SyncStatus | undefined, boolean, boolean, string]>)('%s → %s', (_n, status, running, failed, state) => {
    expect(indicatorState(status, running, failed)).toBe(state);
  });
});

describe('words, never codes', () => {
  it('every refused-file reason has a sentence in both languages; an unknown reason gets the general one', () => {
    for (const r of [...REJECT_REASONS, 'other']) {
      const key = reasonKey(r);
      expect(typeof get(FR, key), key).toBe('string');
      expect(typeof get(EN, key), key).toBe('string');
      expect(get(FR, key)).not.toMatch(/_/);
    }
    expect(reasonKey('something_new')).toBe('sync.reason.other');
  });

  it('every reason the sync code can give is worded (bundle, folder and remote rejections)', () => {
    const root = join(import.meta.dirname, '../../..');
    const src = ['src-main/sync/bundle.ts', 'src-main/sync/folder.ts', 'src-main/db/remote.ts'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    // The union types that list them: `type RejectReason = | 'bad_name' | …;` and the like.
    const unions = [...src.matchAll(/type (?:RejectReason|InboxReason|RemoteRejectReason) =([^;]+);/g)].map((m) => m[1]!);
    expect(unions).toHaveLength(3);
    const declared = unions.flatMap((u) => [...u.matchAll(/'([a-z_]+)'/g)].map((x) => x[1]!));
    expect(declared.length).toBeGreaterThan(5);
    expect(declared.filter((r) => !(REJECT_REASONS as readonly string[]).includes(r))).toEqual([]);
  });

  it('a clock difference is said from one minute on, in minutes, hours or days', () => {
    expect(skewParts(0)).toBeNull();
    expect(skewParts(59_000)).toBeNull();
    expect(skewParts(-90_000)).toEqual({ unit: 'minutes', count: 2 });
    expect(skewParts(45 * 60_000)).toEqual({ unit: 'minutes', count: 45 });
    expect(skewParts(3 * 3_600_000)).toEqual({ unit: 'hours', count: 3 });
    expect(skewParts(-86_400_000)).toEqual({ unit: 'hours', count: 24 });
    expect(skewParts(3 * 86_400_000)).toEqual({ unit: 'days', count: 3 });
    expect(skewParts(Number.NaN)).toBeNull();
  });

  it('the Sync page speaks no engineering vocabulary', () => {
    const words = (t: string | Tree | undefined): string[] => (typeof t === 'string' ? [t] : Object.values(t ?? {}).flatMap(words));
    for (const text of [...words(get(FR, 'sync')), ...words(get(EN, 'sync'))]) expect(text).not.toMatch(/\b(HLC|epoch|époque|horloge logique|hash|vector|vecteur|age1|X25519|Ed25519|bundle)\b/i);
  });

  it('a refused file is named by its last two parts', () => {
    expect(fileLabel('vigie-W1/DEV2/1-3.age')).toBe('DEV2/1-3.age');
    expect(fileLabel('joins\\x.age')).toBe('joins/x.age');
    expect(fileLabel('a.age')).toBe('a.age');
  });
});
