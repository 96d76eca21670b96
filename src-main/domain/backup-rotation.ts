/**
 * Which backups a workspace keeps (issue 12). Pure: the file work is in services/backups.ts.
 *
 * - `daily` (first open of a day, or a day the app stays open): the newest of each of the last
 *   7 days, 4 ISO weeks and 12 months that have one.
 * - `manual` ("Back up now", `backup create`): the newest twenty; a person asked for each one.
 * - `pre-upgrade`: the newest two of every schema version, so repeated failed upgrade attempts
 *   can never push out the last copy of a version; a copy of unknown version is never removed.
 * - `pre-restore` (the file a restore replaced): the newest five.
 */
export const BACKUP_KINDS = ['daily', 'manual', 'pre-upgrade', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const KEEP = { daily: 7, weekly: 4, monthly: 12, manual: 20, preUpgradePerVersion: 2, preRestore: 5 } as const;

export interface RotationItem {
  id: string;
  kind: BackupKind;
  createdAt: string;
  schemaVersion: number | null;
}

/** The calendar day of an instant in the computer's zone (a DPO's "today"). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** ISO 8601 week of the local day, e.g. "2026-W49". */
export function isoWeek(iso: string): string {
  const d = new Date(iso);
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function backupsToKeep(backups: readonly RotationItem[]): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  const periodic = newestFirst.filter((b) => b.kind === 'daily');
  const bucket = (key: (iso: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of periodic) {
      const k = key(b.createdAt);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(b.id);
    }
  };
  bucket(localDay, KEEP.daily);
  bucket(isoWeek, KEEP.weekly);
  bucket((iso) => localDay(iso).slice(0, 7), KEEP.monthly);
  const perVersion = new Map<number, number>();
  for (const b of newestFirst.filter((x) => x.kind === 'pre-upgrade')) {
    if (b.schemaVersion === null) {
      keep.add(b.id);
      continue;
    }
    const n = perVersion.get(b.schemaVersion) ?? 0;
    if (n < KEEP.preUpgradePerVersion) keep.add(b.id);
    perVersion.set(b.schemaVersion, n + 1);
  }
  for (const b of newestFirst.filter((x) => x.kind === 'manual').slice(0, KEEP.manual)) keep.add(b.id);
  for (const b of newestFirst.filter((x) => x.kind === 'pre-restore').slice(0, KEEP.preRestore)) keep.add(b.id);
  return keep;
}
