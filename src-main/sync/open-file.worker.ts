/**
 * A thread that opens sync files (decrypts them — the age library's ChaCha20 runs in JavaScript —
 * checks their signature and members, parses them) and seals them (canonical JSON, signature,
 * encryption), so that the main process answers meanwhile (issue 11). It reads no file and no database: the bytes, keys and roster come with each request;
 * the answers are those of the same functions in the main thread (open-file.thread.ts).
 */
import { parentPort } from 'node:worker_threads';
import { openBundle, sealBundle, type Bundle, type RosterMember } from './bundle';
import type { Signer } from './crypto';
import { openSnapshot, sealSnapshot, type SnapshotKeys, type SnapshotWriteBody } from './open-file';
import { packEntries, unpackEntries, type CheckedEntry, type PackedEntries } from '../db/audit-entry';

const port = parentPort;
if (!port) throw new Error('sync/open-file.worker.ts runs only as a worker thread.');

export type OpenFileRequest =
  | { id: number; kind: 'bundle'; bytes: Uint8Array; ageIdentity: string; members: RosterMember[]; expected: { fileName: string; workspaceId: string } }
  | { id: number; kind: 'snapshot'; bytes: Uint8Array; keys: SnapshotKeys; roster: RosterMember[]; expected: { file: string; device: string; epoch: number; seq: number }; workspaceId: string }
  | { id: number; kind: 'seal-bundle' | 'seal-snapshot'; holder: Bundle | SnapshotWriteBody; packed?: PackedEntries; signer: Signer; recipients: string[] };

/** An answer: the result with its entries taken out and packed when they pack (audit-entry.ts packEntries). */
export interface OpenFileAnswer {
  id: number;
  result?: unknown;
  packed?: PackedEntries;
  /** A sealed file (moved, not copied). */
  sealed?: Uint8Array;
  error?: string;
}

/** Takes a holder's entries out as one packed text (cheap to copy to the other thread) when every entry is a change-log entry as Vigie writes them. */
function packed<T extends { entries: unknown[] }>(holder: T): { holder: T; packed?: PackedEntries } {
  const p = holder.entries.length ? packEntries(holder.entries as CheckedEntry[]) : undefined;
  return p ? { holder: { ...holder, entries: [] }, packed: p } : { holder };
}

async function answer(m: OpenFileRequest): Promise<Omit<OpenFileAnswer, 'id'>> {
  if (m.kind === 'seal-bundle' || m.kind === 'seal-snapshot') {
    const holder = m.packed ? { ...m.holder, entries: unpackEntries(m.packed) } : m.holder;
    const sealed = m.kind === 'seal-bundle' ? await sealBundle(holder as Bundle, m.signer, m.recipients) : await sealSnapshot(holder as SnapshotWriteBody, m.signer, m.recipients);
    // Its own buffer, moved whole (a view into a larger one is copied first).
    return { sealed: sealed.byteOffset === 0 && sealed.byteLength === sealed.buffer.byteLength ? sealed : sealed.slice() };
  }
  if (m.kind === 'bundle') {
    const r = await openBundle(m.bytes, m.ageIdentity, m.members, m.expected);
    if (!r.ok) return { result: r };
    const p = packed(r.bundle);
    return { result: { ...r, bundle: p.holder }, ...(p.packed ? { packed: p.packed } : {}) };
  }
  if (m.kind !== 'snapshot') throw new Error(`sync file thread: unknown request ${String((m as { kind?: unknown }).kind)}`);
  const r = await openSnapshot(m.bytes, m.keys, m.roster, m.expected, m.workspaceId);
  if (!r.ok) return { result: r };
  const p = packed(r.body);
  return { result: { ...r, body: p.holder }, ...(p.packed ? { packed: p.packed } : {}) };
}

port.on('message', (m: OpenFileRequest) => {
  answer(m).then(
    (a) => port.postMessage({ id: m.id, ...a } satisfies OpenFileAnswer, a.packed ? [a.packed.lens.buffer as ArrayBuffer] : a.sealed ? [a.sealed.buffer as ArrayBuffer] : []),
    (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies OpenFileAnswer),
  );
});
