/**
 * Opens and seals large sync files on another thread (open-file.worker.ts) so that the window
 * answers while a colleague's bundle or a new member's snapshot is decrypted and parsed, or this
 * device's bundle or snapshot is written and encrypted (issue 11: ~0.4 s for a 10,000-entry bundle
 * here, seconds for the snapshot of a large workspace; the age library's ChaCha20 runs in
 * JavaScript). Small files stay here: starting the thread would cost more. Every answer is what the
 * same function gives in this thread (bundle.ts openBundle and sealBundle, open-file.ts
 * openSnapshot and sealSnapshot); should the thread fail to start or fail, the work is done here.
 * Change-log entries cross between the threads packed (db/audit-entry.ts packEntries: one text and
 * the lengths of its parts instead of ~20 values an entry). One instance serves one sync pass
 * (engine.ts syncWorkspace closes it).
 */
import type { Worker } from 'node:worker_threads';
import { openBundle, sealBundle, type OpenedBundle, type Rejection } from './bundle';
import { openSnapshot, sealSnapshot, type SnapshotBody, type SnapshotOutcome } from './open-file';
import type { SyncFiles } from './engine';
import type { OpenFileAnswer, OpenFileRequest } from './open-file.worker';
import { readFile, stat } from 'node:fs/promises';
import { packLog, unpackLog } from './pack-log';
import { createSyncFileWorker } from '../jobs/sync-file-worker';

/** Files smaller than this are opened here. */
export const THREAD_MIN_BYTES = 512 * 1024;
/** Bundles and snapshots of fewer entries than this are sealed here. */
export const THREAD_MIN_ENTRIES = 500;

const fileSize = async (path: string) => (await stat(path).catch(() => undefined))?.size ?? 0;

type Request = OpenFileRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface SyncFileThread extends Required<Omit<SyncFiles, 'sealWorkspaceSnapshot'>> {
  /** Answers the thread gave, and of them those whose entries crossed packed (tests, the bench). */
  stats(): { thread: number; packed: number };
  close(): void;
}

export function startSyncFileOpener(opts: { minBytes?: number; minEntries?: number; create?: () => Worker } = {}): SyncFileThread {
  const minBytes = opts.minBytes ?? THREAD_MIN_BYTES;
  const minEntries = opts.minEntries ?? THREAD_MIN_ENTRIES;
  let worker: Worker | undefined;
  let broken = false;
  let next = 0;
  const counts = { thread: 0, packed: 0 };
  const pending = new Map<number, { resolve: (a: OpenFileAnswer) => void; reject: (e: Error) => void }>();
  const fail = (e: Error) => {
    broken = true;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      worker = (opts.create ?? createSyncFileWorker)();
    } catch {
      broken = true;
      return undefined;
    }
    worker.on('message', (a: OpenFileAnswer) => {
      const p = pending.get(a.id);
      if (!p) return;
      pending.delete(a.id);
      if (a.error !== undefined) return p.reject(new Error(a.error));
      counts.thread++;
      if (a.packed) counts.packed++;
      p.resolve(a);
    });
    worker.on('error', (e) => fail(e));
    worker.on('exit', () => fail(new Error('sync file thread ended')));
    return worker;
  };
  /** The thread's answer, or undefined when it cannot give one (the caller does the work here). */
  const ask = async (req: Request, transfer: ArrayBuffer[] = []): Promise<OpenFileAnswer | undefined> => {
    const w = start();
    if (!w) return undefined;
    const id = next++;
    try {
      return await new Promise<OpenFileAnswer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ ...req, id }, transfer);
      });
    } catch {
      pending.delete(id);
      return undefined;
    }
  };
  const withEntries = async <T extends { entries: unknown[] }>(holder: T, a: OpenFileAnswer): Promise<T> => (a.packed ? { ...holder, entries: await unpackLog(a.packed) } : holder);
  /** A body to seal, its entries packed when they pack. */
  const sealRequest = <T extends { entries: readonly unknown[] }>(kind: 'seal-bundle' | 'seal-snapshot', holder: T, signer: { deviceId: string; signingPrivateKey: string }, recipients: readonly string[], oneDocumentMaxChars?: number) => {
    const packed = packLog(holder.entries);
    const req = {
      kind,
      holder: (packed ? { ...holder, entries: [] } : holder) as never,
      ...(packed ? { packed } : {}),
      signer: { deviceId: signer.deviceId, signingPrivateKey: signer.signingPrivateKey },
      recipients: [...recipients],
      ...(oneDocumentMaxChars !== undefined ? { oneDocumentMaxChars } : {}),
    };
    return ask(req, packed ? [packed.lens.buffer as ArrayBuffer, packed.nums.buffer as ArrayBuffer] : []);
  };

  return {
    // The bytes are copied to the thread, not moved: they stay the caller's (its digests, its fallback).
    openBundle: (async (bytes, ageIdentity, members, expected, entrySchema) => {
      // A schema other than the default cannot go to the thread: opened here.
      const a = entrySchema === undefined && bytes.byteLength >= minBytes ? await ask({ kind: 'bundle', bytes, ageIdentity, members: [...members], expected }) : undefined;
      if (!a) return openBundle(bytes, ageIdentity, members, expected, entrySchema);
      const r = a.result as OpenedBundle<unknown> | Rejection;
      return r.ok ? { ...r, bundle: await withEntries(r.bundle, a) } : r;
    }) as typeof openBundle,
    openSnapshotFile: async (path, keys, roster, expected, workspaceId) => {
      const size = await fileSize(path);
      const a =
        size >= minBytes
          ? await ask({ kind: 'snapshot', path, keys: { deviceId: keys.deviceId, ageIdentity: keys.ageIdentity, ageRecipient: keys.ageRecipient, signingPublicKey: keys.signingPublicKey }, roster: [...roster], expected, workspaceId })
          : undefined;
      if (!a) return openSnapshot(new Uint8Array(await readFile(path)), keys, roster, expected, workspaceId);
      const r = a.result as SnapshotOutcome;
      return r.ok ? { ok: true, body: await withEntries(r.body as SnapshotBody, a) } : r;
    },
    sealBundle: async (bundle, signer, recipients) => {
      const a = bundle.entries.length >= minEntries ? await sealRequest('seal-bundle', bundle, signer, recipients) : undefined;
      return a?.sealed ?? sealBundle(bundle, signer, recipients);
    },
    sealSnapshot: async (body, signer, recipients, oneDocumentMaxChars) => {
      const a = body.entries.length >= minEntries ? await sealRequest('seal-snapshot', body, signer, recipients, oneDocumentMaxChars) : undefined;
      return a?.sealed ?? sealSnapshot(body, signer, recipients, oneDocumentMaxChars);
    },
    stats: () => ({ ...counts }),
    close() {
      fail(new Error('sync file thread closed'));
      void worker?.terminate();
    },
  };
}
