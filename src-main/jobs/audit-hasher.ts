/**
 * Starts the second thread of a full `audit verify` job (audit-hasher.worker.ts) and talks to it.
 * Anything going wrong with that thread (it cannot start, it fails, it ends) makes `check` reject:
 * the check then runs the same function on its own thread (db/audit.ts), so the verdict never
 * depends on the second thread being there.
 */
import type { Worker } from 'node:worker_threads';
import { flatten, HASHER_CLOSED, packEntries, KEPT_BATCHES, type CheckedEntry, type EntryCheck, type EntryHasher, type EntrySpans, type SentRow, type SentTable } from '../db/audit-entry';
import { createAuditHasherWorker } from './spawn-worker';

export function startAuditHasher(): EntryHasher | undefined {
  let worker: Worker;
  try {
    worker = createAuditHasherWorker();
  } catch {
    return undefined;
  }
  let next = 0;
  let broken: Error | undefined;
  const pending = new Map<number, { resolve: (r: never) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    broken ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('message', (m: { id: number; results?: unknown; spans?: EntrySpans; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.results && m.spans) p.resolve(Object.assign(m.results as object, { spans: m.spans }) as never);
    else if (m.results) p.resolve(m.results as never);
    else p.reject(new Error(m.error ?? 'audit hasher failed'));
  });
  worker.on('error', (e) => failAll(e));
  worker.on('exit', () => failAll(new Error('audit hasher ended')));
  const send = <T>(message: () => Record<string, unknown>): Promise<T> => {
    if (broken) return Promise.reject(broken);
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (r: never) => void, reject });
      try {
        worker.postMessage({ ...message(), id });
      } catch (e) {
        pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  };
  const sentTables = new Set<string>();
  /** The seqs of the last KEPT_BATCHES batches of entries sent (the thread keeps their fields). */
  const kept: Array<Set<number>> = [];
  return {
    // Objects go as their keys once and their values in one flat array: the structured clone
    // would otherwise write every key of every entry (most of its cost).
    check: (entries: readonly CheckedEntry[]) => {
      const p = send<Array<[number, EntryCheck]>>(() => {
        const packed = packEntries(entries);
        return packed ? { packed } : { entries: flatten(entries) };
      });
      kept.push(new Set(entries.map((e) => (e as { seq?: number }).seq).filter((q): q is number => typeof q === 'number')));
      if (kept.length > KEPT_BATCHES) kept.shift();
      return p;
    },
    holds: (seq: number) => !broken && kept.some((k) => k.has(seq)),
    same: (table: SentTable, rows: SentRow[]) => {
      // A table's defaults go with its first rows only.
      const first = !sentTables.has(table.table);
      sentTables.add(table.table);
      return send<number[]>(() => ({ table: table.table, ...(first ? { defaults: table.defaults, parsedDefaults: table.parsedDefaults } : {}), stored: flatten(rows.map((r) => r[0]!)), rows: rows.map((r) => [null, r[1], r[2], r[3], r[4], r[5]]) }));
    },
    close() {
      failAll(new Error(HASHER_CLOSED));
      void worker.terminate();
    },
  };
}

