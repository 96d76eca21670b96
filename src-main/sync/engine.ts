/**
 * The sync engine (issue 10, Part 2): moves change-log entries between a workspace and the shared
 * folder. It builds on crypto.ts (keys), bundle.ts (sealed, signed files), folder.ts (layout, safe
 * writes, inbox) and Part 1's db/remote.ts (entriesOf/allEntries/applyRemote).
 *
 * One pass of `syncWorkspace`:
 *  1. keys: this device's age identity and Ed25519 key, generated once and kept in `device_keys`
 *     (inside the encrypted workspace);
 *  2. a workspace that never synced and was not created by `join` makes this device its founding
 *     member (a `sync_members` row through the write path, member code '');
 *  3. snapshots of other devices this device can decrypt and has not applied yet are applied first
 *     (a joiner starts from one; a member gets from them the entries of bundles written before it
 *     was a recipient, or of bundles their writer compacted away);
 *  4. import: readInbox with the ledger in `sync_files`, then each accepted bundle in (device, seq)
 *     order through `ws.applyRemote` (all or nothing: one transaction each, or for a large bundle
 *     checked whole first, then applied in parts so the window answers meanwhile). 'gap' = an earlier file
 *     of that device has not arrived: left for a later pass, never marked rejected. Any other
 *     failure rejects the file with its reason and applies nothing of it. A bundle that changes the
 *     member list (approval, removal) ends the pass: the inbox is read again with the new roster,
 *     so a removed member's later files are judged by the removal;
 *  5. export: this device's entries not yet exported, whole transactions, at most 10,000 entries a
 *     bundle, with the contents of the files they carry as blobs, sealed to every member of the
 *     current epoch and signed;
 *  6. when the set of recipients changed since this device's last snapshot (an approval, a
 *     removal, the first sync), a snapshot of the whole log sealed to the current members; after
 *     it, this device's bundles the snapshot covers are deleted (compaction: only its own files,
 *     only once its own snapshot covers them).
 *
 * Trust for a joiner: before its first snapshot a joiner knows no roster. It accepts a snapshot
 * only if the snapshot's own member list names this device as an active member, the signer is a
 * member of the snapshot's epoch in that list, and the signature verifies with the list's key.
 * To craft such a file one needs the joiner's public keys, which travel only inside its join
 * request, encrypted to the members: so only a member (or someone holding a member's key) can. The
 * fingerprint compared by phone at approval is what ties the joiner to the team.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { allEntries, entriesOf, RemoteRejection, versionVector } from '../db/remote';
import type { LogEntryRow } from '../db/log-format';
import { getMeta, setMeta } from '../db/repositories/meta';
import { TABLES, type TableSpec } from '../db/tables';
import type { Workspace } from '../services/workspace';
import {
  BUNDLE_FORMAT,
  deviceIdSchema,
  isMemberOfEpoch,
  recipientsForEpoch,
  type Bundle,
  type openBundle,
  sealBundle,
  sha256Hex,
  type RosterMember,
} from './bundle';
import { generateDeviceKeys, isAgeRecipient, isSigningPublicKey, recipientOfIdentity, type DeviceKeys, type Signer } from './crypto';
import { openSnapshot, sealSnapshot, type SnapshotOutcome, type SnapshotWriteBody } from './open-file';
import { ensureLayout, FileExistsError, layout, listSnapshotFiles, readBlob, readInbox, readKeyCards, writeBlob, writeBundleFile, writeKeyCard, writeNewFileAsync, type FolderFile } from './folder';
import { DomainError } from '../domain/errors';

/** Largest number of entries in one bundle (a transaction larger than this travels whole). */
export const MAX_BUNDLE_ENTRIES = 10_000;
/** Member-list changes that make a pass re-read the inbox: bounded, so a hostile folder cannot loop us. */
const MAX_PASSES = 8;

export const META = {
  folder: 'sync_folder',
  bundleSeq: 'sync_bundle_seq',
  exportedSeq: 'sync_exported_seq',
  snapshotSeq: 'sync_snapshot_seq',
  snapshotRecipients: 'sync_snapshot_recipients',
  snapshotCovers: 'sync_snapshot_covers',
  last: 'sync_last',
  joinName: 'sync_join_name',
  joinedAt: 'joined_at',
} as const;

export interface SyncRejection {
  file: string;
  reason: string;
  message: string;
}

export interface EngineReport {
  exported: number;
  imported: number;
  rejected: SyncRejection[];
  conflicts: number;
  skewMs: number;
  /** Bundles left for a later pass because an earlier file of their device is missing. */
  waiting: string[];
  snapshotWritten: string | null;
  snapshotsApplied: string[];
  compacted: number;
}

export interface EngineOptions {
  /** Clock for file ages and report times (tests inject it). */
  now?: () => Date;
  /** How long a file that does not decrypt counts as "still arriving" (readInbox's settle time). */
  settleMs?: number;
  /** Largest bundle (entries); tests lower it to exercise splitting. */
  maxBundleEntries?: number;
  /** How long this device's bundles stay in the folder after its snapshot covers them (default 30 days). */
  compactAfterMs?: number;
  /** Progress of a long sync, for the Sync page's bar: files read and applied so far out of those found. */
  onProgress?: (p: SyncProgress) => void;
  /**
   * How files are opened (decrypted, checked, parsed): in this thread by default; the app opens
   * large ones on another thread (open-file.thread.ts), with the same answers.
   */
  files?: SyncFiles;
  /** Starts one for a pass (closed when it ends), when `files` is not given. */
  startFileOpener?: () => SyncFiles & { close(): void };
}

type Tail<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;

/**
 * Opens and seals sync files; each function answers as the one it stands for here (bundle.ts
 * openBundle and sealBundle, open-file.ts openSnapshot and sealSnapshot).
 */
export interface SyncFiles {
  openBundle?: typeof openBundle;
  /** openSnapshot of the file at `path` (read where it is opened). */
  openSnapshotFile?: (path: string, ...args: Tail<Parameters<typeof openSnapshot>>) => Promise<SnapshotOutcome>;
  sealBundle?: (bundle: Bundle<LogEntryRow>, signer: Signer, recipients: readonly string[]) => Promise<Uint8Array>;
  sealSnapshot?: typeof sealSnapshot;
  /**
   * Reads this workspace's whole log and seals it as a snapshot elsewhere (the app: a job on its own
   * connection, jobs/definitions.ts `snapshot`): the sealed file and the version vector it covers.
   */
  sealWorkspaceSnapshot?: (input: { epoch: number; seq: number; roster: SnapshotWriteBody['roster']; recipients: string[]; schemaVersion: number }) => Promise<{ sealed: Uint8Array; vector: Record<string, number>; sha256: string }>;
}

export interface SyncProgress {
  phase: 'snapshot' | 'import' | 'export';
  done: number;
  total: number;
}

/**
 * A bundle stays this long after a snapshot of its writer covers it: colleagues who sync weekly
 * read it as a bundle (cheap) rather than a whole snapshot, and a removed colleague still finds the
 * bundle that told their Vigie of the removal.
 */
export const COMPACT_AFTER_MS = 30 * 24 * 3600 * 1000;

// ---------------------------------------------------------------------------------------------
// Keys and roster

const keysSchema = z.object({
  deviceId: deviceIdSchema,
  ageIdentity: z.string().startsWith('AGE-SECRET-KEY-1'),
  ageRecipient: z.string().refine(isAgeRecipient),
  signingPrivateKey: z.string().min(1),
  signingPublicKey: z.string().refine(isSigningPublicKey),
});

/** This device's keys, generated once per device and kept in `device_keys` (local, never synced). */
export async function deviceKeys(ws: Workspace, now: Date = new Date()): Promise<DeviceKeys> {
  const stored = await storedDeviceKeys(ws.raw, ws.deviceId);
  if (stored) return stored;
  const keys = await generateDeviceKeys(ws.deviceId);
  ws.raw.prepare('INSERT INTO device_keys (device_id, keys, created_at) VALUES (?, ?, ?)').run(ws.deviceId, JSON.stringify(keys), now.toISOString());
  return keys;
}

/** This device's sync keys as stored, or undefined before its first sync (reads only: a job's connection may use it). */
export async function storedDeviceKeys(raw: Workspace['raw'], deviceId: string): Promise<DeviceKeys | undefined> {
  const row = raw.prepare('SELECT keys FROM device_keys WHERE device_id = ?').get(deviceId) as { keys: string } | undefined;
  if (!row) return undefined;
  const keys = keysSchema.parse(JSON.parse(row.keys));
  if ((await recipientOfIdentity(keys.ageIdentity)) !== keys.ageRecipient) throw new Error('The stored sync keys of this device do not match each other.');
  return keys;
}

export interface MemberRecord extends RosterMember {
  memberCode: string;
  status: 'active' | 'removed';
  approvedBy: string;
}

/** The member list as stored (synced data): every device ever approved, removed ones included. */
export function memberRecords(ws: Workspace): MemberRecord[] {
  const rows = ws.raw
    .prepare('SELECT id, name, age_recipient, signing_public_key, member_code, status, joined_epoch, removed_epoch, approved_by FROM sync_members WHERE deleted_at IS NULL ORDER BY joined_epoch, created_at, id')
    .all() as Array<{ id: string; name: string; age_recipient: string; signing_public_key: string; member_code: string; status: 'active' | 'removed'; joined_epoch: number; removed_epoch: number | null; approved_by: string }>;
  return rows.map((r) => ({
    deviceId: r.id,
    name: r.name,
    ageRecipient: r.age_recipient,
    signingPublicKey: r.signing_public_key,
    joinedEpoch: r.joined_epoch,
    removedEpoch: r.status === 'removed' ? (r.removed_epoch ?? r.joined_epoch + 1) : null,
    memberCode: r.member_code,
    status: r.status,
    approvedBy: r.approved_by,
  }));
}

/** The current key epoch: 1, then one more at each removal. */
export function currentEpoch(roster: readonly RosterMember[]): number {
  let e = 1;
  for (const m of roster) e = Math.max(e, m.joinedEpoch, m.removedEpoch ?? 0);
  return e;
}

export function isActiveMember(ws: Workspace, roster: readonly RosterMember[] = memberRecords(ws)): boolean {
  const me = roster.find((m) => m.deviceId === ws.deviceId);
  return !!me && isMemberOfEpoch(me, currentEpoch(roster));
}

// ---------------------------------------------------------------------------------------------
// Ledger (sync_files, local)

type FileStatus = 'applied' | 'exported' | 'rejected' | 'not_for_us' | 'duplicate' | 'snapshot_applied' | 'snapshot_written';

function ledgerRow(ws: Workspace, name: string): { sha256: string; status: FileStatus; reason: string | null } | undefined {
  return ws.raw.prepare('SELECT sha256, status, reason FROM sync_files WHERE name = ?').get(name) as { sha256: string; status: FileStatus; reason: string | null } | undefined;
}

function record(ws: Workspace, name: string, sha256: string, status: FileStatus, reason: string | null, at: Date): void {
  ws.raw.prepare('INSERT OR REPLACE INTO sync_files (name, sha256, status, reason, at) VALUES (?, ?, ?, ?, ?)').run(name, sha256, status, reason, at.toISOString());
}

/**
 * The SHA-256 of a snapshot file, read as a stream (a large workspace's snapshot is hundreds of
 * megabytes: hashed in one call it held the main process for seconds at every sync pass) and kept
 * while the file's size, change time and inode stay the same (files in the folder are never
 * rewritten in place: a new one gets a new name).
 */
const snapshotShas = new Map<string, { key: string; sha: string }>();
async function snapshotSha(path: string): Promise<string | undefined> {
  try {
    const st = await stat(path);
    const key = `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
    const kept = snapshotShas.get(path);
    if (kept?.key === key) return kept.sha;
    const h = createHash('sha256');
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
    const sha = h.digest('hex');
    snapshotShas.set(path, { key, sha });
    return sha;
  } catch {
    return undefined;
  }
}

const fileSha = (path: string): string | undefined => {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
};

// ---------------------------------------------------------------------------------------------
// Founding member

/** True when this workspace was made by `join` and waits for a member's approval. */
export async function isJoiner(ws: Workspace): Promise<boolean> {
  return (await getMeta(ws.db, META.joinedAt)) !== undefined;
}

async function ensureFounder(ws: Workspace, root: string, keys: DeviceKeys, name: string): Promise<boolean> {
  if (memberRecords(ws).length > 0 || (await isJoiner(ws))) return false;
  // Another copy of this workspace already syncs here: founding a second member list would make two
  // islands that cannot read each other's files.
  if (readKeyCards(root, ws.workspaceId).some((c) => c.deviceId !== ws.deviceId)) {
    throw new DomainError(
      'sync_already_shared',
      'This folder already holds this workspace, synced from another device: this copy cannot start a second member list. Join from a new workspace instead (`join`), or choose another folder.',
    );
  }
  await ws.mutate((w) =>
    w.write({
      op: 'insert',
      table: 'sync_members',
      id: ws.deviceId,
      values: { name, age_recipient: keys.ageRecipient, signing_public_key: keys.signingPublicKey, member_code: '', status: 'active', joined_epoch: 1, removed_epoch: null, approved_by: '' },
    }),
  );
  return true;
}

// ---------------------------------------------------------------------------------------------
// Blobs

const fileColumns = (spec: TableSpec | undefined) => spec?.digestColumns ?? [];

function digestsIn(entries: readonly LogEntryRow[]): Array<{ table: string; rowId: string; sha256: string }> {
  const out: Array<{ table: string; rowId: string; sha256: string }> = [];
  for (const e of entries) {
    const cols = fileColumns((TABLES as Record<string, TableSpec>)[e.table_name]);
    if (cols.length === 0) continue;
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(e.fields) as Record<string, unknown>;
    } catch {
      continue;
    }
    for (const c of cols) {
      const d = fields[c] as { sha256?: unknown } | null | undefined;
      if (d && typeof d === 'object' && typeof d.sha256 === 'string' && /^[0-9a-f]{64}$/.test(d.sha256)) out.push({ table: e.table_name, rowId: e.row_id, sha256: d.sha256 });
    }
  }
  return out;
}

/**
 * Writes the contents a set of entries refers to as blobs. The content is read from the row: if it
 * changed since (a later edit or purge), the old content no longer exists here and is not sent
 * (the receiver keeps that entry pending until a newer one wins, or forever for a purged file).
 */
async function writeBlobsFor(ws: Workspace, root: string, entries: readonly LogEntryRow[], recipients: readonly string[]): Promise<number> {
  let n = 0;
  const seen = new Set<string>();
  for (const d of digestsIn(entries)) {
    if (seen.has(d.sha256)) continue;
    seen.add(d.sha256);
    if (existsSync(layout.blob(root, ws.workspaceId, d.sha256))) continue;
    const spec = (TABLES as Record<string, TableSpec>)[d.table]!;
    for (const col of fileColumns(spec)) {
      const row = ws.raw.prepare(`SELECT "${col}" AS c FROM "${d.table}" WHERE id = ?`).get(d.rowId) as { c: string | null } | undefined;
      if (typeof row?.c !== 'string') continue;
      const bytes = new TextEncoder().encode(row.c);
      if (sha256Hex(bytes) !== d.sha256) continue;
      await writeBlob(root, ws.workspaceId, bytes, recipients);
      n++;
      break;
    }
  }
  return n;
}

/** Reads (and checks) the blobs a set of entries needs; what is missing stays undefined (pending). */
async function loadBlobs(ws: Workspace, root: string, entries: readonly LogEntryRow[], identity: string): Promise<(sha: string) => string | undefined> {
  const map = new Map<string, string>();
  // Entries kept pending for a file that had not arrived are retried with every bundle: offer theirs too.
  const waiting = ws.raw
    .prepare("SELECT c.table_name, c.row_id, c.fields FROM sync_pending p JOIN change_log c ON c.id = p.entry_id WHERE p.reason LIKE 'blob_missing:%'")
    .all() as LogEntryRow[];
  for (const d of digestsIn([...entries, ...waiting])) {
    if (map.has(d.sha256)) continue;
    const r = await readBlob(root, ws.workspaceId, d.sha256, identity);
    if (r.ok) map.set(d.sha256, new TextDecoder().decode(r.bytes));
  }
  return (sha) => map.get(sha);
}

// ---------------------------------------------------------------------------------------------
// Export

/** The next run of entries for one bundle: whole transactions, at most `max` unless one transaction is larger. */
export function nextBatch(ws: Workspace, afterSeq: number, max: number): LogEntryRow[] {
  const batch = entriesOf(ws.raw, ws.deviceId, afterSeq, max);
  if (batch.length < max) return batch;
  const last = batch[batch.length - 1]!;
  const next = entriesOf(ws.raw, ws.deviceId, last.device_seq, 1)[0];
  if (!next || next.tx_id !== last.tx_id) return batch;
  // The last transaction continues past the limit: end the bundle before it, or carry it whole.
  let start = batch.length - 1;
  while (start > 0 && batch[start - 1]!.tx_id === last.tx_id) start--;
  if (start > 0) return batch.slice(0, start);
  const rest = entriesOf(ws.raw, ws.deviceId, last.device_seq).filter((e, i, all) => all.slice(0, i + 1).every((x) => x.tx_id === last.tx_id));
  return [...batch, ...rest];
}

async function exportBundles(ws: Workspace, root: string, keys: DeviceKeys, roster: readonly RosterMember[], opts: EngineOptions, now: Date): Promise<number> {
  const epoch = currentEpoch(roster);
  const recipients = recipientsForEpoch(roster, epoch);
  let exportedSeq = Number((await getMeta(ws.db, META.exportedSeq)) ?? 0);
  let bundleSeq = Number((await getMeta(ws.db, META.bundleSeq)) ?? 0);
  const vector = versionVector(ws.raw);
  let exported = 0;
  for (;;) {
    const batch = nextBatch(ws, exportedSeq, opts.maxBundleEntries ?? MAX_BUNDLE_ENTRIES);
    if (batch.length === 0) break;
    await writeBlobsFor(ws, root, batch, recipients);
    let sealed: Uint8Array;
    let name: string;
    for (;;) {
      bundleSeq++;
      sealed = await (opts.files?.sealBundle ?? sealBundle)(
        { format: BUNDLE_FORMAT, schemaVersion: Math.max(1, ws.schemaVersion), workspaceId: ws.workspaceId, device: ws.deviceId, epoch, seq: bundleSeq, vector, entries: batch },
        keys,
        recipients,
      );
      try {
        writeBundleFile(root, ws.workspaceId, { device: ws.deviceId, epoch, seq: bundleSeq }, sealed);
        name = `${ws.deviceId}/${epoch}-${bundleSeq}.age`;
        break;
      } catch (e) {
        // A number already taken (this workspace restored from a backup older than its last
        // export): never rewrite a file, take the next number.
        if (!(e instanceof FileExistsError)) throw e;
      }
    }
    const lastSeq = batch[batch.length - 1]!.device_seq;
    record(ws, name, sha256Hex(sealed), 'exported', String(lastSeq), now);
    exportedSeq = lastSeq;
    exported += batch.length;
    opts.onProgress?.({ phase: 'export', done: exported, total: exported + Math.max(0, (versionVector(ws.raw)[ws.deviceId] ?? 0) - exportedSeq) });
    await setMeta(ws.db, META.bundleSeq, String(bundleSeq));
    await setMeta(ws.db, META.exportedSeq, String(exportedSeq));
  }
  return exported;
}

// ---------------------------------------------------------------------------------------------
// Snapshots

/** The file contents the rows hold now, by SHA-256 of their stored text (what the log's digests name). */
function currentContents(raw: Workspace['raw']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of Object.values(TABLES) as TableSpec[]) {
    for (const col of fileColumns(spec)) {
      for (const { c } of raw.prepare(`SELECT "${col}" AS c FROM "${spec.name}" WHERE "${col}" IS NOT NULL AND "${col}" <> ''`).all() as Array<{ c: string }>) out[sha256Hex(new TextEncoder().encode(c))] = c;
    }
  }
  return out;
}

const recipientsKey = (recipients: readonly string[]) => [...new Set(recipients)].sort().join(',');

/** The members as a snapshot lists them. */
export function snapshotRoster(roster: readonly RosterMember[]): SnapshotWriteBody['roster'] {
  return roster.map((m) => ({ deviceId: m.deviceId, name: m.name, ageRecipient: m.ageRecipient, signingPublicKey: m.signingPublicKey, joinedEpoch: m.joinedEpoch, removedEpoch: m.removedEpoch ?? null }));
}

/**
 * The body of a snapshot of the whole log as `raw` holds it now. Reads only: the app reads it on a
 * job's own connection (jobs/definitions.ts `snapshot`), whose snapshot of the file keeps the
 * entries, the vector and the file contents of one moment.
 */
export function snapshotBody(raw: Workspace['raw'], ws: { deviceId: string; workspaceId: string; schemaVersion: number }, epoch: number, seq: number, roster: SnapshotWriteBody['roster']): SnapshotWriteBody {
  return {
    format: BUNDLE_FORMAT,
    schemaVersion: Math.max(1, ws.schemaVersion),
    workspaceId: ws.workspaceId,
    device: ws.deviceId,
    epoch,
    seq,
    vector: versionVector(raw),
    roster,
    entries: allEntries(raw),
    // File contents travel inside the snapshot: blobs in the folder were encrypted to the members
    // of their day, which a newcomer was not.
    blobs: currentContents(raw),
  };
}

/**
 * Reads a snapshot's body and starts sealing it. Once this returns nothing references the body, so
 * its entries (~1.5 GB of objects at 100,000 requests) can be collected while the file is encrypted
 * (sealSnapshot builds the signed plaintext before its first await).
 */
export function readAndSeal(read: () => SnapshotWriteBody, seal: (body: SnapshotWriteBody) => Promise<Uint8Array>): { vector: Record<string, number>; sealed: Promise<Uint8Array> } {
  const body = read();
  return { vector: body.vector, sealed: seal(body) };
}

/** Writes a snapshot of the whole log, sealed to the current members, then compacts this device's covered bundles. */
export async function writeSnapshot(ws: Workspace, root: string, keys: DeviceKeys, roster: readonly RosterMember[], now: Date, compactAfterMs = COMPACT_AFTER_MS, files?: SyncFiles): Promise<{ file: string; compacted: number }> {
  const epoch = currentEpoch(roster);
  const recipients = recipientsForEpoch(roster, epoch);
  const members = snapshotRoster(roster);
  let seq = Number((await getMeta(ws.db, META.snapshotSeq)) ?? 0) + 1;
  // Read and sealed on a job's thread when the app can (the log of a large workspace takes seconds), else here.
  const seal = async (at: number): Promise<{ sealed: Uint8Array; vector: Record<string, number>; sha256: string }> => {
    if (files?.sealWorkspaceSnapshot) return files.sealWorkspaceSnapshot({ epoch, seq: at, roster: members, recipients: [...recipients], schemaVersion: Math.max(1, ws.schemaVersion) });
    const started = readAndSeal(() => snapshotBody(ws.raw, ws, epoch, at, members), (body) => (files?.sealSnapshot ?? sealSnapshot)(body, keys, recipients));
    const sealed = await started.sealed;
    return { sealed, vector: started.vector, sha256: sha256Hex(sealed) };
  };
  let sealed: { sealed: Uint8Array; vector: Record<string, number>; sha256: string };
  for (;;) {
    sealed = await seal(seq);
    try {
      await writeNewFileAsync(layout.snapshot(root, ws.workspaceId, ws.deviceId, epoch, seq), sealed.sealed);
      break;
    } catch (e) {
      // The number is taken (this workspace restored from an older backup): never rewrite, take the next.
      if (!(e instanceof FileExistsError)) throw e;
      seq++;
    }
  }
  const file = `snapshots/${ws.deviceId}/${epoch}-${seq}.age`;
  record(ws, file, sealed.sha256, 'snapshot_written', null, now);
  await setMeta(ws.db, META.snapshotSeq, String(seq));
  await setMeta(ws.db, META.snapshotRecipients, recipientsKey(recipients));
  await setMeta(ws.db, META.snapshotCovers, String(sealed.vector[ws.deviceId] ?? 0));
  return { file, compacted: compact(ws, root, now, compactAfterMs) };
}

/**
 * Deletes this device's bundles whose entries the snapshot just written covers (`coveredSeq`), and
 * its older snapshots. Only this device's own files, only after its own snapshot covers them.
 */
export function compact(ws: Workspace, root: string, now: Date, compactAfterMs = COMPACT_AFTER_MS): number {
  const covers = ws.raw.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META.snapshotCovers) as string | undefined;
  if (covers === undefined) return 0;
  const coveredSeq = Number(covers);
  const cutoff = new Date(now.getTime() - compactAfterMs).toISOString();
  let n = 0;
  const own = ws.raw.prepare("SELECT name, reason, at FROM sync_files WHERE status = 'exported' AND name LIKE ?").all(`${ws.deviceId}/%`) as Array<{ name: string; reason: string; at: string }>;
  for (const f of own) {
    if (Number(f.reason) > coveredSeq || f.at > cutoff) continue;
    const path = join(root, `vigie-${ws.workspaceId}`, f.name);
    rmSync(path, { force: true });
    ws.raw.prepare("UPDATE sync_files SET status = 'compacted' WHERE name = ?").run(f.name);
    n++;
  }
  const latest = Number(ws.raw.prepare("SELECT COUNT(*) FROM sync_files WHERE status = 'snapshot_written'").pluck().get());
  if (latest > 1) {
    const old = ws.raw.prepare("SELECT name FROM sync_files WHERE status = 'snapshot_written' ORDER BY at, name").all() as Array<{ name: string }>;
    const current = `snapshots/${ws.deviceId}/`;
    const keep = (ws.raw.prepare("SELECT value FROM meta WHERE key = ?").pluck().get(META.snapshotSeq) as string | undefined) ?? '';
    for (const s of old) {
      if (!s.name.startsWith(current) || s.name.endsWith(`-${keep}.age`)) continue;
      rmSync(join(root, `vigie-${ws.workspaceId}`, s.name), { force: true });
      ws.raw.prepare("UPDATE sync_files SET status = 'compacted' WHERE name = ?").run(s.name);
    }
  }
  return n;
}

/** The snapshots of other devices this device has not applied yet, newest first per device. */
async function applySnapshots(ws: Workspace, root: string, keys: DeviceKeys, now: Date, report: EngineReport, opts: EngineOptions = {}): Promise<boolean> {
  let changedRoster = false;
  const byDevice = new Map<string, FolderFile[]>();
  for (const c of listSnapshotFiles(root, ws.workspaceId).candidates) {
    if (c.name.device === ws.deviceId) continue;
    byDevice.set(c.name.device, [...(byDevice.get(c.name.device) ?? []), c]);
  }
  for (const files of byDevice.values()) {
    files.sort((a, b) => b.name.epoch - a.name.epoch || b.name.seq - a.name.seq);
    for (const f of files) {
      const sha = await snapshotSha(f.absolutePath);
      if (!sha) continue;
      const seen = ledgerRow(ws, f.file);
      if (seen && seen.sha256 === sha && seen.status === 'snapshot_applied') break; // newest applied: older ones add nothing
      if (seen && seen.sha256 === sha && seen.status !== 'rejected') continue;
      const expected = { file: f.file, device: f.name.device, epoch: f.name.epoch, seq: f.name.seq };
      const opened = opts.files?.openSnapshotFile
        ? await opts.files.openSnapshotFile(f.absolutePath, keys, memberRecords(ws), expected, ws.workspaceId)
        : await openSnapshot(new Uint8Array(await readFile(f.absolutePath)), keys, memberRecords(ws), expected, ws.workspaceId);
      if (!opened.ok) {
        if (opened.next === 'skip' || opened.next === 'later') continue;
        if (opened.next === 'not_for_us') {
          record(ws, f.file, sha, 'not_for_us', opened.reason, now);
          continue;
        }
        if (opened.next === 'damaged' && now.getTime() - f.mtimeMs < DEFAULT_SETTLE) continue;
        report.rejected.push({ file: f.file, reason: opened.reason, message: opened.message });
        record(ws, f.file, sha, 'rejected', opened.reason, now);
        continue;
      }
      const body = opened.body;
      const reject = (reason: string, message: string) => {
        report.rejected.push({ file: f.file, reason, message });
        record(ws, f.file, sha, 'rejected', reason, now);
      };
      const entries = body.entries as LogEntryRow[];
      const before = memberRecords(ws).length;
      opts.onProgress?.({ phase: 'snapshot', done: 0, total: entries.length });
      try {
        const fromFolder = await loadBlobs(ws, root, entries, keys.ageIdentity);
        const inside = new Map(Object.entries(body.blobs).filter(([sha, text]) => sha256Hex(new TextEncoder().encode(text)) === sha));
        const blob = (sha: string) => inside.get(sha) ?? fromFolder(sha);
        const r = await ws.applyRemote(entries, { sender: { device: body.device, vector: body.vector }, blob, onProgress: (p) => {
            if (p.step === 'apply') opts.onProgress?.({ phase: 'snapshot', done: p.done, total: p.total });
          },
        });
        report.imported += r.applied;
        report.conflicts += r.conflicts;
        report.skewMs = Math.max(report.skewMs, r.skewMs);
        if (r.touched.some((t) => t.table === 'sync_members') || memberRecords(ws).length !== before) changedRoster = true;
      } catch (e) {
        if (!(e instanceof RemoteRejection)) throw e;
        if (e.reason === 'gap') continue;
        reject(e.reason, e.message);
        continue;
      }
      record(ws, f.file, sha, 'snapshot_applied', null, now);
      report.snapshotsApplied.push(f.file);
      opts.onProgress?.({ phase: 'snapshot', done: entries.length, total: entries.length });
      break;
    }
  }
  return changedRoster;
}

const DEFAULT_SETTLE = 10_000;

// ---------------------------------------------------------------------------------------------
// Import

async function importInbox(ws: Workspace, root: string, keys: DeviceKeys, opts: EngineOptions, now: Date, report: EngineReport): Promise<void> {
  const rejectedNow = new Map<string, SyncRejection>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const roster = memberRecords(ws);
    const inbox = await readInbox<LogEntryRow>({
      root,
      workspaceId: ws.workspaceId,
      ageIdentity: keys.ageIdentity,
      members: roster,
      ledger: { digestOf: (device, epoch, seq) => ledgerOf(ws, `${device}/${epoch}-${seq}.age`) },
      skip: (f) => {
        if (f.name.device === ws.deviceId) return true;
        const row = ledgerRow(ws, f.file);
        if (!row) return false;
        if (row.status === 'applied' && f.file === f.name.canonical) return true;
        // Files read before and unchanged since: not for this device, or a duplicate copy.
        if (row.status === 'not_for_us' || row.status === 'duplicate') return fileSha(f.absolutePath) === row.sha256;
        return false;
      },
      now: now.getTime(),
      ...(opts.settleMs !== undefined ? { settleMs: opts.settleMs } : {}),
      ...(opts.files?.openBundle ? { open: opts.files.openBundle } : {}),
    });
    for (const r of inbox.rejected) {
      const sha = fileSha(join(root, `vigie-${ws.workspaceId}`, r.file)) ?? '';
      if (r.reason === 'not_a_recipient') {
        record(ws, r.file, sha, 'not_for_us', r.reason, now);
        continue;
      }
      rejectedNow.set(r.file, { file: r.file, reason: r.reason, message: r.message });
      record(ws, r.file, sha, 'rejected', r.reason, now);
    }
    for (const d of inbox.duplicates) {
      if (d.file !== d.of) record(ws, d.file, fileSha(join(root, `vigie-${ws.workspaceId}`, d.file)) ?? '', 'duplicate', d.of, now);
    }
    let rosterChanged = false;
    const blocked = new Set<string>();
    let done = 0;
    for (const { file, opened } of inbox.accepted) {
      opts.onProgress?.({ phase: 'import', done: done++, total: inbox.accepted.length });
      const { bundle, name, digest } = opened;
      if (blocked.has(name.device)) {
        report.waiting.push(file);
        continue;
      }
      try {
        const blob = await loadBlobs(ws, root, bundle.entries, keys.ageIdentity);
        const r = await ws.applyRemote(bundle.entries, { sender: { device: bundle.device, vector: bundle.vector }, blob });
        report.imported += r.applied;
        report.conflicts += r.conflicts;
        report.skewMs = Math.max(report.skewMs, r.skewMs);
        record(ws, name.canonical, digest, 'applied', null, now);
        rejectedNow.delete(file);
        if (r.touched.some((t) => t.table === 'sync_members')) {
          rosterChanged = true;
          break;
        }
      } catch (e) {
        if (!(e instanceof RemoteRejection)) throw e;
        if (e.reason === 'gap') {
          blocked.add(name.device);
          report.waiting.push(file);
          continue;
        }
        rejectedNow.set(file, { file, reason: e.reason, message: e.message });
        record(ws, file, fileSha(join(root, `vigie-${ws.workspaceId}`, file)) ?? '', 'rejected', e.reason, now);
      }
    }
    opts.onProgress?.({ phase: 'import', done, total: inbox.accepted.length });
    if (!rosterChanged) break;
    report.waiting = [];
  }
  report.rejected.push(...rejectedNow.values());
  // Entries waiting for a file's content that has reached the folder since.
  if (ws.raw.prepare("SELECT 1 FROM sync_pending WHERE reason LIKE 'blob_missing:%' LIMIT 1").get()) {
    const r = await ws.applyRemote([], { blob: await loadBlobs(ws, root, [], keys.ageIdentity) });
    report.imported += r.applied;
    report.conflicts += r.conflicts;
  }
}

function ledgerOf(ws: Workspace, canonical: string): string | undefined {
  const row = ledgerRow(ws, canonical);
  return row?.status === 'applied' ? row.sha256 : undefined;
}

// ---------------------------------------------------------------------------------------------
// One pass

/** Sets the folder up (layout, key card), imports, exports, and writes a snapshot when the members changed. */
export async function syncWorkspace(ws: Workspace, root: string, options: EngineOptions & { memberName: string }): Promise<EngineReport> {
  // Files opened on another thread when the caller can start one (the app), for this pass only.
  const files = options.files ? undefined : options.startFileOpener?.();
  try {
    return await syncPass(ws, root, files ? { ...options, files } : options);
  } finally {
    files?.close();
  }
}

async function syncPass(ws: Workspace, root: string, opts: EngineOptions & { memberName: string }): Promise<EngineReport> {
  const now = (opts.now ?? (() => new Date()))();
  const keys = await deviceKeys(ws, now);
  const report: EngineReport = { exported: 0, imported: 0, rejected: [], conflicts: 0, skewMs: 0, waiting: [], snapshotWritten: null, snapshotsApplied: [], compacted: 0 };
  const founded = await ensureFounder(ws, root, keys, opts.memberName);
  const joiner = await isJoiner(ws);
  if (!joiner || memberRecords(ws).length > 0) ensureLayout(root, ws.workspaceId, ws.deviceId);

  await applySnapshots(ws, root, keys, now, report, opts);
  let roster = memberRecords(ws);
  if (roster.length === 0) return report; // a joiner whose request is not approved yet
  await importInbox(ws, root, keys, opts, now, report);
  // Snapshots a member wrote at this pass's roster change (e.g. just after approving us) may be new.
  if (await applySnapshots(ws, root, keys, now, report, opts)) await importInbox(ws, root, keys, opts, now, report);

  roster = memberRecords(ws);
  if (!isActiveMember(ws, roster)) return report; // removed: reads what it still can, writes nothing
  ensureLayout(root, ws.workspaceId, ws.deviceId);
  writeKeyCard(root, ws.workspaceId, keys);
  report.exported = await exportBundles(ws, root, keys, roster, opts, now);
  const recipients = recipientsForEpoch(roster, currentEpoch(roster));
  if (founded || (await getMeta(ws.db, META.snapshotRecipients)) !== recipientsKey(recipients)) {
    if (!founded && (versionVector(ws.raw)[ws.deviceId] ?? 0) === 0) {
      // A device that has written nothing yet (a colleague just joined, from a member's snapshot):
      // its snapshot would only repeat that one (a whole-log copy: 519 MB and a minute at 100,000
      // requests) and cover none of its own bundles, which is what a device's snapshot is for
      // (compact). It writes one at the next change of members after its first own change.
      await setMeta(ws.db, META.snapshotRecipients, recipientsKey(recipients));
      return report;
    }
    const s = await writeSnapshot(ws, root, keys, roster, now, opts.compactAfterMs, opts.files);
    report.snapshotWritten = s.file;
    report.compacted = s.compacted;
  } else {
    report.compacted = compact(ws, root, now, opts.compactAfterMs);
  }
  return report;
}

/**
 * Exports this device's pending entries sealed for the member list given (not the current one).
 * A removal is exported this way, for the epoch it ends: the removed colleague's Vigie learns it was
 * removed and stops writing; everything written after is sealed for the new epoch without them.
 */
export async function exportFor(ws: Workspace, root: string, roster: readonly RosterMember[], opts: EngineOptions = {}): Promise<number> {
  const now = (opts.now ?? (() => new Date()))();
  const keys = await deviceKeys(ws, now);
  ensureLayout(root, ws.workspaceId, ws.deviceId);
  return exportBundles(ws, root, keys, roster, opts, now);
}

/** The device folders present under a sync root (for `join`: which workspace the folder holds). */
export function workspacesIn(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && /^vigie-[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/.test(d.name))
      .map((d) => d.name.slice('vigie-'.length))
      .sort();
  } catch {
    return [];
  }
}
