/**
 * The window's one sync at a time: "Sync now" on the page and the automatic sync of the header share
 * it, so a click during an automatic sync shows the same spinner and starts nothing twice (the main
 * process also joins a running sync).
 */
import { useEffect, useSyncExternalStore } from 'react';
import { call, onAppEvent } from '../../api';
import type { MethodOutput } from '../../../src-main/api/contract';
import { AUTO_SYNC_MS } from './sync-model';

type Report = MethodOutput<'sync.now'>;

export interface SyncProgress {
  phase: 'snapshot' | 'import' | 'export';
  done: number;
  total: number;
}

interface RunState {
  running: boolean;
  /** The last sync's failure (cleared by the next success). */
  error: unknown;
  /** How far the running sync is (desktop app only: the main process sends it as events). */
  progress: SyncProgress | null;
}

let state: RunState = { running: false, error: undefined, progress: null };
let current: Promise<Report> | null = null;
const listeners = new Set<() => void>();
function set(next: RunState): void {
  state = next;
  listeners.forEach((l) => l());
}

/** Runs a sync, or joins the one running. Rejects with the API error (the page shows it). */
export function runSync(): Promise<Report> {
  if (current) return current;
  set({ running: true, error: state.error, progress: null });
  const stop = onAppEvent((e) => {
    if (e.type === 'sync-progress' && state.running) set({ ...state, progress: { phase: e.phase, done: e.done, total: e.total } });
  });
  const p = call('sync.now', {}).then(
    (r) => {
      stop();
      set({ running: false, error: undefined, progress: null });
      return r;
    },
    (e: unknown) => {
      stop();
      set({ running: false, error: e, progress: null });
      throw e;
    },
  );
  current = p;
  void p.finally(() => {
    if (current === p) current = null;
  }).catch(() => undefined);
  return p;
}

export function useSyncRun(): RunState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/**
 * Syncs every few minutes while a folder is set. The next round is planned when the previous one
 * ends, so a long sync is never overlapped by the timer.
 */
export function useAutoSync(folderSet: boolean, everyMs = AUTO_SYNC_MS): void {
  useEffect(() => {
    if (!folderSet) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const plan = () => {
      timer = setTimeout(() => {
        void (current ?? runSync())
          .catch(() => undefined)
          .finally(() => {
            if (!stopped) plan();
          });
      }, everyMs);
    };
    plan();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [folderSet, everyMs]);
}
