import { describe, expect, it } from 'vitest';
import { backupsToKeep, isoWeek, KEEP, type RotationItem } from './backup-rotation';

/** One backup at local noon of each day (noon: the local day is the same in any zone the suite runs in). */
function daily(from: Date, days: number, kind: RotationItem['kind'] = 'daily'): RotationItem[] {
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() - i, 12);
    return { id: `${kind}-${i}`, kind, createdAt: d.toISOString(), schemaVersion: 5 };
  });
}

describe('backup rotation', () => {
  it.each([
    [1, 1],
    [7, 7],
  ])('%i daily backups keep %i', (days, kept) => {
    expect(backupsToKeep(daily(new Date(2026, 11, 1), days)).size).toBe(kept);
  });

  it('400 days of daily backups keep 7 days, 4 weeks and 12 months (overlaps counted once)', () => {
    const items = daily(new Date(2026, 11, 1), 400);
    const keep = backupsToKeep(items);
    const kept = items.filter((b) => keep.has(b.id));
    // The 7 newest days are all kept.
    expect(items.slice(0, 7).every((b) => keep.has(b.id))).toBe(true);
    // 12 distinct months, and nothing older than the 12th month back.
    const months = new Set(kept.map((b) => b.createdAt.slice(0, 7)));
    expect(months.size).toBeLessThanOrEqual(13);
    expect(kept.length).toBeLessThanOrEqual(KEEP.daily + KEEP.weekly + KEEP.monthly);
    expect(kept.length).toBeGreaterThanOrEqual(KEEP.monthly + KEEP.daily - 1);
    const oldest = kept.map((b) => b.createdAt).sort()[0]!;
    expect(oldest >= new Date(2025, 11, 1).toISOString()).toBe(true);
  });

  it('several daily backups on one day: only the newest of that day is kept; manual ones are kept (the newest twenty)', () => {
    const items: RotationItem[] = [
      { id: 'a', kind: 'daily', createdAt: '2026-12-01T08:00:00.000Z', schemaVersion: 5 },
      { id: 'b', kind: 'daily', createdAt: '2026-12-01T09:00:00.000Z', schemaVersion: 5 },
      { id: 'c', kind: 'manual', createdAt: '2026-12-01T10:00:00.000Z', schemaVersion: 5 },
      { id: 'd', kind: 'manual', createdAt: '2026-12-01T11:00:00.000Z', schemaVersion: 5 },
      ...Array.from({ length: 20 }, (_, i) => ({ id: `m${i}`, kind: 'manual' as const, createdAt: `2026-12-02T10:${String(i).padStart(2, '0')}:00.000Z`, schemaVersion: 5 })),
    ];
    const keep = backupsToKeep(items);
    expect(keep.has('b') && !keep.has('a')).toBe(true);
    expect(keep.has('c') || keep.has('d')).toBe(false);
    expect([...keep].filter((id) => id.startsWith('m'))).toHaveLength(20);
  });

  it('keeps the newest two pre-upgrade copies of every schema version, however many failed attempts made more', () => {
    const items: RotationItem[] = [
      { id: 'v1', kind: 'pre-upgrade', createdAt: '2026-01-01T10:00:00.000Z', schemaVersion: 1 },
      ...Array.from({ length: 10 }, (_, i) => ({ id: `v3-${i}`, kind: 'pre-upgrade' as const, createdAt: `2026-12-01T10:0${i}:00.000Z`, schemaVersion: 3 })),
      { id: 'old-build', kind: 'pre-upgrade', createdAt: '2025-06-01T10:00:00.000Z', schemaVersion: null },
    ];
    expect([...backupsToKeep(items)].sort()).toEqual(['old-build', 'v1', 'v3-8', 'v3-9']);
  });

  it('keeps the five newest pre-restore copies', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ id: `r${i}`, kind: 'pre-restore' as const, createdAt: `2026-12-0${i + 1}T10:00:00.000Z`, schemaVersion: 5 }));
    expect([...backupsToKeep(items)].sort()).toEqual(['r3', 'r4', 'r5', 'r6', 'r7']);
  });

  it.each([
    ['2026-12-01T12:00:00', '2026-W49'],
    ['2027-01-01T12:00:00', '2026-W53'],
    ['2026-01-01T12:00:00', '2026-W01'],
    ['2024-12-30T12:00:00', '2025-W01'],
  ])('ISO week of %s is %s', (local, week) => {
    expect(isoWeek(new Date(local).toISOString())).toBe(week);
  });
});
