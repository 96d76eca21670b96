/**
 * Pure rules of the Sync page and the header indicator: what state to show, how to word a refused
 * file's reason and a clock difference. No React, no I/O: unit-tested on its own.
 */
import type { MethodOutput } from '../../../src-main/api/contract';

export type SyncStatus = MethodOutput<'sync.status'>;

/** How often the window syncs by itself while a folder is set (and Vigie is open). */
export const AUTO_SYNC_MS = 5 * 60_000;

/** A colleague's clock further than this from ours is worth saying (merging never depends on it). */
export const SKEW_SHOWN_MS = 60_000;

export type IndicatorState = 'off' | 'syncing' | 'failed' | 'conflicts' | 'refused' | 'waiting' | 'synced';

/** What the header shows, most pressing first: a running sync, a failed one, conflicts to review, refused files, not yet approved, synced. */
export function indicatorState(status: SyncStatus | undefined, running: boolean, failed: boolean): IndicatorState {
  if (!status || status.folder === null) return 'off';
  if (running) return 'syncing';
  if (failed) return 'failed';
  if (status.openConflicts > 0) return 'conflicts';
  if ((status.lastSync?.rejected.length ?? 0) > 0) return 'refused';
  if (!status.isMember) return 'waiting';
  return 'synced';
}

/** The reasons a file of the folder is refused (sync/bundle.ts, sync/folder.ts, db/remote.ts), each worded in the i18n file. */
export const REJECT_REASONS = [
  'bad_name',
  'not_a_recipient',
  'damaged',
  'malformed',
  'unsupported_format',
  'not_a_member',
  'bad_signature',
  'wrong_workspace',
  'name_mismatch',
  'invalid_payload',
  'too_large',
  'conflicting_duplicate',
  'unreadable',
  'gap',
  'fork',
  'chain_break',
  'bad_hash',
  'bad_entry',
] as const;

/** The i18n key of a refused file's reason: a known reason's sentence, else a general one (never the code itself). */
export function reasonKey(reason: string): string {
  return (REJECT_REASONS as readonly string[]).includes(reason) ? `sync.reason.${reason}` : 'sync.reason.other';
}

/** A clock difference in words' parts: null when under a minute, else the unit and count to say it with. */
export function skewParts(skewMs: number): { unit: 'minutes' | 'hours' | 'days'; count: number } | null {
  const abs = Math.abs(skewMs);
  if (!Number.isFinite(abs) || abs < SKEW_SHOWN_MS) return null;
  if (abs < 2 * 3_600_000) return { unit: 'minutes', count: Math.round(abs / 60_000) };
  if (abs < 2 * 86_400_000) return { unit: 'hours', count: Math.round(abs / 3_600_000) };
  return { unit: 'days', count: Math.round(abs / 86_400_000) };
}

/** The file name a person recognises in a refused file's path (the last part). */
export function fileLabel(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length > 2 ? parts.slice(-2).join('/') : parts.join('/');
}
