/**
 * A thread that opens sync files (decrypts them — the age library's ChaCha20 runs in JavaScript —
 * checks their signature and members, parses them) and seals them (canonical JSON or a snapshot's lines, signature,
 * encryption), so that the main process answers meanwhile (issue 11). It reads no file and no database: the bytes, keys and roster come with each request;
 * the answers are those of the same functions in the main thread (open-file.thread.ts).
 */
import { parentPort } from 'node:worker_threads';
import { openBundle, sealBundle, type Bundle, type RosterMember } from './bundle';
import type { Signer } from './crypto';
import { openSnapshot, sealSnapshot, type SnapshotKeys, type SnapshotWriteBody } from './open-file';
import { readFileSync } from 'node:fs';
import { logReader, packLog, type PackedLog } from './pack-log';

const port = parentPort;
if (!port) throw new Error('sync/open-file.worker.ts runs only as a worker thread.');

export type OpenFileRequest =
  | { id: number; kind: 'bundle'; bytes: Uint8Array; ageIdentity: string; members: RosterMember[]; expected: { fileName: string; workspaceId: string } }
  | { id: number; kind: 'snapshot'; path: string; keys: SnapshotKeys; roster: RosterMember[]; expected: { file: string; device: string; epoch: number; seq: number }; workspaceId: string }
  | { id: number; kind: 'seal-bundle' | 'seal-snapshot'; holder: Bundle | SnapshotWriteBody; packed?: PackedLog; signer: Signer; recipients: string[]; oneDocumentMaxChars?: number };

/** An answer: the result with its entries taken out and packed when they pack (audit-entry.ts packEntries). */
export interface OpenFileAnswer {
  id: number;
  result?: unknown;
  packed?: PackedLog;
  /** A sealed file (moved, not copied). */
  sealed?: Uint8Array;
  error?: string;
}

/** Takes a holder's entries out packed (pack-log.ts: cheap to copy to the other thread) when they are change-log entries as Vigie writes them. */
function packed<T extends { entries: unknown[] }>(holder: T): { holder: T; packed?: PackedLog } {
  const p = holder.entries.length ? packLog(holder.entries) : undefined;
  return p ? { holder: { ...holder, entries: [] }, packed: p } : { holder };
}

/** The typed arrays of an answer, moved rather than copied. */
export function transferOf(a: { packed?: PackedLog; sealed?: Uint8Array }): ArrayBuffer[] {
  if (a.packed) return [a.packed.lens.buffer as ArrayBuffer, a.packed.nums.buffer as ArrayBuffer];
  return a.sealed ? [a.sealed.buffer as ArrayBuffer] : [];
}

async function answer(m: OpenFileRequest): Promise<Omit<OpenFileAnswer, 'id'>> {
  if (m.kind === 'seal-bundle' || m.kind === 'seal-snapshot') {
    const holder = m.packed ? { ...m.holder, entries: logReader(m.packed).next(m.packed.count) } : m.holder;
    const sealed = m.kind === 'seal-bundle' ? await sealBundle(holder as Bundle, m.signer, m.recipients) : await sealSnapshot(holder as SnapshotWriteBody, m.signer, m.recipients, m.oneDocumentMaxChars);
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
  // Read here: a snapshot's bytes (hundreds of megabytes for a large workspace) never go through the main thread.
  const r = await openSnapshot(new Uint8Array(readFileSync(m.path)), m.keys, m.roster, m.expected, m.workspaceId);
  if (!r.ok) return { result: r };
  const p = packed(r.body);
  return { result: { ...r, body: p.holder }, ...(p.packed ? { packed: p.packed } : {}) };
}

port.on('message', (m: OpenFileRequest) => {
  answer(m).then(
    (a) => port.postMessage({ id: m.id, ...a } satisfies OpenFileAnswer, transferOf(a)),
    (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies OpenFileAnswer),
  );
});
