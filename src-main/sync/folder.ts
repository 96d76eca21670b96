/**
 * The shared folder (issue 10, Part 2): layout, safe writes, listing, reading and join requests.
 *
 * Folder format v1 (2026-12-01):
 *
 *     vigie-<workspaceId>/
 *       <deviceId>/<epoch>-<seq>.age      bundles, written only by that device (bundle.ts)
 *       blobs/<sha256>.age                attachments, content-addressed (the log holds the digest)
 *       snapshots/<deviceId>/<epoch>-<seq>.age   compaction snapshots, written only by that device
 *       joins/<deviceId>.age              join requests, signed by the joiner, encrypted to the key cards
 *       keys/<deviceId>.json              key card: a member's PUBLIC keys, self-signed (no name, no data),
 *                                         so a joiner knows whom to encrypt its request to
 *
 * Rules (ARCHITECTURE.md, sync section): one writer per file, files never rewritten, no lock files;
 * write a temporary name then link/rename; every file read is untrusted and maybe partial. A reader
 * ignores temporary files, treats cloud-drive conflict copies as candidates like any other file
 * (import is idempotent), and reports every refused file with a reason.
 *
 * Known leak, accepted for v1: a blob is named by the SHA-256 of its plaintext (issue 10), so whoever
 * can list the folder and already holds a copy of a document can confirm it is attached somewhere in
 * the workspace. Naming blobs by an HMAC under a workspace key shared among members would close
 * this; it needs that key distributed in a bundle, hence folder format 2.
 */
import { open } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import {
  canonicalJson,
  CONFLICT_SUFFIX,
  DEVICE_ID_PATTERN,
  deviceIdSchema,
  openBundle,
  openSigned,
  parseBundleName,
  RESERVED_FOLDER_NAMES,
  sealSigned,
  sha256Hex,
  verifySigned,
  WORKSPACE_ID_PATTERN,
  type BundleName,
  type OpenedBundle,
  type RejectReason,
  type RosterMember,
} from './bundle';
import { decryptWith, encryptTo, isAgeRecipient, isSigningPublicKey, keyFingerprint, signBytes, verifyBytes, type DeviceKeys } from './crypto';

export const FOLDER_FORMAT = 1;
/** Refuse to load a single file larger than this (a bundle of 10,000 entries is a few MB). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** A file changed less than this long ago that fails to decrypt is "not ready yet", not rejected. */
export const DEFAULT_SETTLE_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Layout

export function workspaceFolder(root: string, workspaceId: string): string {
  if (!WORKSPACE_ID_PATTERN.test(workspaceId)) throw new Error(`Not a valid workspace id: ${JSON.stringify(workspaceId)}`);
  return join(root, `vigie-${workspaceId}`);
}

function checkDevice(deviceId: string): string {
  if (!deviceIdSchema.safeParse(deviceId).success) throw new Error(`Not a valid device id: ${JSON.stringify(deviceId)}`);
  return deviceId;
}

export const layout = {
  deviceFolder: (root: string, ws: string, device: string) => join(workspaceFolder(root, ws), checkDevice(device)),
  bundle: (root: string, ws: string, device: string, epoch: number, seq: number) => join(layout.deviceFolder(root, ws, device), `${epoch}-${seq}.age`),
  blob: (root: string, ws: string, sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256 digest: ${JSON.stringify(sha256)}`);
    return join(workspaceFolder(root, ws), 'blobs', `${sha256}.age`);
  },
  snapshot: (root: string, ws: string, device: string, epoch: number, seq: number) => join(workspaceFolder(root, ws), 'snapshots', checkDevice(device), `${epoch}-${seq}.age`),
  join: (root: string, ws: string, device: string) => join(workspaceFolder(root, ws), 'joins', `${checkDevice(device)}.age`),
  keyCard: (root: string, ws: string, device: string) => join(workspaceFolder(root, ws), 'keys', `${checkDevice(device)}.json`),
};

/** Creates the folders a device writes into (idempotent; never touches existing files). */
export function ensureLayout(root: string, workspaceId: string, deviceId: string): string {
  const ws = workspaceFolder(root, workspaceId);
  for (const d of [layout.deviceFolder(root, workspaceId, deviceId), join(ws, 'blobs'), join(ws, 'snapshots', deviceId), join(ws, 'joins'), join(ws, 'keys')]) {
    mkdirSync(d, { recursive: true });
  }
  return ws;
}

// ---------------------------------------------------------------------------------------------
// Writing: temporary name, then link (fails if the name exists) or rename; never over a file

export class FileExistsError extends Error {
  constructor(readonly path: string) {
    super(`Refusing to rewrite ${path}: files in the sync folder are written once.`);
    this.name = 'FileExistsError';
  }
}

const TEMP_SUFFIX = '.tmp';
/** Our temporary names: hidden, unique, ending in .tmp, so every reader (ours included) skips them. */
function tempName(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/**
 * Writes a new file: the bytes go to a temporary file (0600, fsynced), which is then hard-linked
 * to the final name (atomic, and fails if the name exists: nothing is ever overwritten) and removed.
 * File systems without hard links (FAT on a USB stick, some SMB and FUSE mounts) fall back to
 * check-then-rename: the race it leaves is with ourselves only, since each device writes its own names.
 * Throws FileExistsError if the name is taken.
 */
export function writeNewFile(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) throw new FileExistsError(path);
  const tmp = tempName(path);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    publish(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  fsyncDirectory(dirname(path));
}

/**
 * writeNewFile with the bytes written and flushed without holding the event loop (a snapshot of a
 * large workspace is hundreds of megabytes): the same temporary file, link and directory flush.
 */
export async function writeNewFileAsync(path: string, bytes: Uint8Array): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) throw new FileExistsError(path);
  const tmp = tempName(path);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    try {
      let off = 0;
      while (off < bytes.length) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
      await fh.sync();
    } finally {
      await fh.close();
    }
    publish(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  fsyncDirectory(dirname(path));
}

/** Gives the written temporary file its final name: a hard link (fails if the name exists), else check-then-rename. */
function publish(tmp: string, path: string): void {
  try {
    linkSync(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FileExistsError(path);
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EACCES'].includes(code ?? '')) throw err;
    if (existsSync(path)) throw new FileExistsError(path);
    renameSync(tmp, path);
  }
}

function fsyncDirectory(dir: string): void {
  // Makes the new name durable on POSIX; Windows cannot open a directory for fsync (and does not need it).
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some network file systems refuse fsync on a directory: the file itself is already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeBundleFile(root: string, workspaceId: string, name: { device: string; epoch: number; seq: number }, sealed: Uint8Array): string {
  const path = layout.bundle(root, workspaceId, name.device, name.epoch, name.seq);
  writeNewFile(path, sealed);
  return path;
}

// ---------------------------------------------------------------------------------------------
// Listing

/**
 * Names that sync tools, editors and we ourselves use for files still being written, plus OS litter:
 * never candidates, never reported. (A half-written file under its final name is caught by age.)
 */
export function isTemporaryOrSystemName(name: string): boolean {
  return (
    name.startsWith('.') || // ours (.x.tmp), Syncthing (.syncthing.x.tmp), Nextcloud (.~x), .DS_Store
    name.startsWith('~') || // ~syncthing~x.tmp, Office lock files
    /\.(tmp|temp|part|partial|crdownload|download|filepart|sb-[0-9a-z-]+)$/i.test(name) ||
    /^(desktop\.ini|thumbs\.db|icon\r)$/i.test(name)
  );
}

export interface FolderFile {
  /** Path relative to the workspace folder, `/`-separated, e.g. `01JALICE/1-5 (1).age`. */
  file: string;
  absolutePath: string;
  name: BundleName;
  size: number;
  mtimeMs: number;
}

export interface Listing {
  /** Files to read, canonical names first, then conflict copies; by device then (epoch, seq). */
  candidates: FolderFile[];
  /** Files in a device folder whose name is not a bundle name (reported, never read). */
  unrecognized: string[];
}

/** The sync folder itself is missing: an unmounted share or a disconnected drive, not "no files". */
export class FolderUnavailableError extends Error {
  constructor(readonly root: string) {
    super(`The sync folder ${root} cannot be found. Is the network share or the drive connected?`);
    this.name = 'FolderUnavailableError';
  }
}

function checkRoot(root: string): void {
  // Never infer state from a failed read (Joplin's lesson): a vanished folder is an error, not an empty inbox.
  if (!safeStat(root)?.isDirectory()) throw new FolderUnavailableError(root);
}

/**
 * Lists the bundle files of every device folder (including this device's: the caller may skip them).
 * Throws FolderUnavailableError when `root` is gone; a missing `vigie-<id>` inside it is simply empty.
 */
export function listBundleFiles(root: string, workspaceId: string): Listing {
  checkRoot(root);
  return listSignedFiles(workspaceFolder(root, workspaceId), '');
}

/** Lists `snapshots/<deviceId>/<epoch>-<seq>.age` the same way (open them with openSigned, kind 'snapshot'). */
export function listSnapshotFiles(root: string, workspaceId: string): Listing {
  checkRoot(root);
  return listSignedFiles(join(workspaceFolder(root, workspaceId), 'snapshots'), 'snapshots/');
}

function listSignedFiles(ws: string, prefix: string): Listing {
  const candidates: FolderFile[] = [];
  const unrecognized: string[] = [];
  for (const dev of safeReaddir(ws)) {
    if (!dev.isDirectory() || RESERVED_FOLDER_NAMES.has(dev.name.toLowerCase()) || isTemporaryOrSystemName(dev.name)) continue;
    if (!DEVICE_ID_PATTERN.test(dev.name)) {
      unrecognized.push(prefix + dev.name + '/');
      continue;
    }
    for (const f of safeReaddir(join(ws, dev.name))) {
      if (isTemporaryOrSystemName(f.name)) continue;
      const file = `${prefix}${dev.name}/${f.name}`;
      const name = f.isFile() ? parseBundleName(`${dev.name}/${f.name}`) : null;
      if (!name) {
        unrecognized.push(file + (f.isDirectory() ? '/' : ''));
        continue;
      }
      const st = safeStat(join(ws, dev.name, f.name));
      if (!st) continue; // vanished between readdir and stat: a sync tool is moving it
      candidates.push({ file, absolutePath: join(ws, dev.name, f.name), name, size: st.size, mtimeMs: st.mtimeMs });
    }
  }
  candidates.sort(
    (a, b) =>
      Number(a.name.conflictCopy) - Number(b.name.conflictCopy) ||
      cmp(a.name.device, b.name.device) ||
      a.name.epoch - b.name.epoch ||
      a.name.seq - b.name.seq ||
      cmp(a.file, b.file),
  );
  return { candidates, unrecognized: unrecognized.sort() };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function safeStat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the inbox

/** Where Part 1 records the bundles it applied: (device, epoch, seq) → digest, in the apply transaction. */
export interface BundleLedger {
  digestOf(device: string, epoch: number, seq: number): string | undefined;
}

export type InboxReason = RejectReason | 'too_large' | 'conflicting_duplicate' | 'unreadable';

export interface InboxOptions<E> {
  root: string;
  workspaceId: string;
  ageIdentity: string;
  members: readonly RosterMember[];
  ledger: BundleLedger;
  entrySchema?: z.ZodType<E>;
  /** Files to skip without reading, e.g. this device's own bundles, or files already seen unchanged. */
  skip?: (f: FolderFile) => boolean;
  now?: number;
  settleMs?: number;
  maxBytes?: number;
  /** How a file is opened: openBundle, here (default) or on another thread with the same answers (open-file.thread.ts). */
  open?: typeof openBundle;
}

export interface Inbox<E> {
  /** Bundles to apply, each complete and verified, one per (device, epoch, seq), in (device, seq) order. */
  accepted: Array<{ file: string; opened: OpenedBundle<E> }>;
  /** Files whose bundle is already applied or already accepted in this pass with the same content. */
  duplicates: Array<{ file: string; of: string }>;
  rejected: Array<{ file: string; reason: InboxReason; message: string }>;
  /** Files still being written or synced: read again on the next pass. */
  notReady: string[];
  skipped: string[];
}

/**
 * Lists, reads, opens and de-duplicates every candidate bundle. Reads nothing into the database:
 * the caller applies `accepted` (each bundle in one transaction with its ledger record).
 */
export async function readInbox<E = unknown>(opts: InboxOptions<E>): Promise<Inbox<E>> {
  const now = opts.now ?? Date.now();
  const settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS;
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  const { candidates, unrecognized } = listBundleFiles(opts.root, opts.workspaceId);
  const out: Inbox<E> = { accepted: [], duplicates: [], rejected: [], notReady: [], skipped: [] };
  for (const file of unrecognized) {
    out.rejected.push({ file, reason: 'bad_name', message: `${file} is not named <epoch>-<seq>.age; it is not read.` });
  }
  const acceptedNow = new Map<string, { digest: string; file: string }>();
  for (const c of candidates) {
    if (opts.skip?.(c)) {
      out.skipped.push(c.file);
      continue;
    }
    if (c.size > maxBytes) {
      out.rejected.push({ file: c.file, reason: 'too_large', message: `${c.file} is ${c.size} bytes, more than the ${maxBytes} a bundle may have.` });
      continue;
    }
    const settling = now - c.mtimeMs < settleMs;
    const read = readStable(c.absolutePath);
    if (read === 'changing') {
      out.notReady.push(c.file);
      continue;
    }
    if (read === 'gone') continue;
    if (read instanceof Error) {
      out.rejected.push({ file: c.file, reason: 'unreadable', message: `${c.file} could not be read (${read.message}).` });
      continue;
    }
    const opened = await (opts.open ?? openBundle)(read, opts.ageIdentity, opts.members, { fileName: c.file, workspaceId: opts.workspaceId }, opts.entrySchema);
    if (!opened.ok) {
      // A file still arriving under its final name looks cut short: give it time before calling it damaged.
      if (opened.reason === 'damaged' && settling) out.notReady.push(c.file);
      else out.rejected.push({ file: c.file, reason: opened.reason, message: opened.message });
      continue;
    }
    const { device, epoch, seq, canonical } = opened.name;
    const known = opts.ledger.digestOf(device, epoch, seq) ?? acceptedNow.get(canonical)?.digest;
    if (known === undefined) {
      acceptedNow.set(canonical, { digest: opened.digest, file: c.file });
      out.accepted.push({ file: c.file, opened });
    } else if (known === opened.digest) {
      out.duplicates.push({ file: c.file, of: canonical });
    } else {
      out.rejected.push({
        file: c.file,
        reason: 'conflicting_duplicate',
        message: `${c.file} holds a different bundle ${canonical} from the one already ${acceptedNow.has(canonical) ? 'read' : 'applied'}; device ${device} wrote two bundles under one number, so neither copy is trusted beyond the first.`,
      });
    }
  }
  out.accepted.sort((a, b) => cmp(a.opened.name.device, b.opened.name.device) || a.opened.name.seq - b.opened.name.seq);
  return out;
}

/** Reads a file and checks that its size and mtime did not move meanwhile (a sync tool still writing). */
function readStable(path: string): Uint8Array | 'changing' | 'gone' | Error {
  try {
    const before = statSync(path);
    const bytes = readFileSync(path);
    const after = statSync(path);
    if (before.size !== after.size || before.mtimeMs !== after.mtimeMs || bytes.length !== after.size) return 'changing';
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return err instanceof Error ? err : new Error(String(err));
  }
}

// ---------------------------------------------------------------------------------------------
// Blobs (attachments): content-addressed, encrypted to the members, integrity from the digest

/** Encrypts and stores an attachment; returns its SHA-256. An existing blob is kept (same content). */
export async function writeBlob(root: string, workspaceId: string, plaintext: Uint8Array, recipients: readonly string[]): Promise<string> {
  const digest = sha256Hex(plaintext);
  const path = layout.blob(root, workspaceId, digest);
  if (existsSync(path)) return digest;
  try {
    writeNewFile(path, await encryptTo(recipients, plaintext));
  } catch (err) {
    if (!(err instanceof FileExistsError)) throw err; // a colleague wrote the same attachment meanwhile
  }
  return digest;
}

export async function readBlob(
  root: string,
  workspaceId: string,
  sha256: string,
  ageIdentity: string,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'missing' | 'not_a_recipient' | 'damaged'; message: string }> {
  const path = layout.blob(root, workspaceId, sha256);
  if (!existsSync(path)) return { ok: false, reason: 'missing', message: `Attachment ${sha256.slice(0, 12)}… is not in the folder yet.` };
  const d = await decryptWith(ageIdentity, readFileSync(path));
  if (!d.ok) return { ok: false, reason: d.reason, message: `Attachment ${sha256.slice(0, 12)}… cannot be decrypted (${d.detail}).` };
  if (sha256Hex(d.plaintext) !== sha256) return { ok: false, reason: 'damaged', message: `Attachment ${sha256.slice(0, 12)}… does not match its digest.` };
  return { ok: true, bytes: d.plaintext };
}

// ---------------------------------------------------------------------------------------------
// Key cards: public keys only, so a joiner can encrypt its request to the members

const keyCardSchema = z.strictObject({
  format: z.literal(FOLDER_FORMAT),
  deviceId: deviceIdSchema,
  ageRecipient: z.string().refine(isAgeRecipient, 'not an age X25519 recipient'),
  signingPublicKey: z.string().refine(isSigningPublicKey, 'not an Ed25519 public key'),
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
});
export type KeyCard = z.infer<typeof keyCardSchema>;

const keyCardMessage = (c: Omit<KeyCard, 'signature'>) => new TextEncoder().encode(`vigie-key-card/1\n${canonicalJson({ ...c })}`);

/** Publishes this device's public keys (once: a device's keys never change). */
export function writeKeyCard(root: string, workspaceId: string, keys: DeviceKeys): void {
  const path = layout.keyCard(root, workspaceId, keys.deviceId);
  if (existsSync(path)) return;
  const body = { format: FOLDER_FORMAT, deviceId: keys.deviceId, ageRecipient: keys.ageRecipient, signingPublicKey: keys.signingPublicKey } as const;
  const signature = Buffer.from(signBytes(keys.signingPrivateKey, keyCardMessage(body))).toString('base64url');
  writeNewFile(path, new TextEncoder().encode(JSON.stringify({ ...body, signature }, null, 2) + '\n'));
}

/**
 * Self-signed key cards found in the folder. A card proves only that someone holds those keys, not
 * that they are a member: it serves to encrypt a join request (a stranger's card means a stranger
 * could read that request's name and public keys, never workspace data). Membership comes from the
 * roster and the phone-compared fingerprint. A removed member's card stays in the folder (only its
 * own device may delete it), so a later joiner's name and public keys may reach that ex-member:
 * never workspace data, which goes to the roster's current recipients only.
 */
export function readKeyCards(root: string, workspaceId: string): KeyCard[] {
  const dir = join(workspaceFolder(root, workspaceId), 'keys');
  const cards: KeyCard[] = [];
  for (const f of safeReaddir(dir)) {
    if (!f.isFile() || isTemporaryOrSystemName(f.name)) continue;
    try {
      const card = keyCardSchema.parse(JSON.parse(readFileSync(join(dir, f.name), 'utf8')));
      const { signature, ...body } = card;
      if (f.name !== `${card.deviceId}.json`) continue;
      if (!verifyBytes(card.signingPublicKey, keyCardMessage(body), new Uint8Array(Buffer.from(signature, 'base64url')))) continue;
      cards.push(card);
    } catch {
      // Partial, conflict-copied or foreign file: not a usable card.
    }
  }
  return cards.sort((a, b) => cmp(a.deviceId, b.deviceId));
}

// ---------------------------------------------------------------------------------------------
// Join requests

export const joinRequestSchema = z.strictObject({
  format: z.literal(FOLDER_FORMAT),
  workspaceId: z.string().regex(WORKSPACE_ID_PATTERN),
  deviceId: deviceIdSchema,
  name: z.string().trim().min(1).max(120),
  ageRecipient: z.string().refine(isAgeRecipient, 'not an age X25519 recipient'),
  signingPublicKey: z.string().refine(isSigningPublicKey, 'not an Ed25519 public key'),
  fingerprint: z.string().regex(/^([0-9A-HJKMNP-TV-Z]{4} ){5}[0-9A-HJKMNP-TV-Z]{4}$/),
  requestedAt: z.iso.datetime(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/**
 * Writes `joins/<deviceId>.age`: the request signed by the joiner's new key and encrypted to the
 * members' key cards (and to the joiner itself, so it can show what it asked). The name a colleague
 * typed is personal data: it is never written in clear.
 */
export async function writeJoinRequest(
  root: string,
  workspaceId: string,
  keys: DeviceKeys,
  name: string,
  memberRecipients: readonly string[],
  now: Date = new Date(),
): Promise<JoinRequest> {
  if (memberRecipients.length === 0) throw new Error('No member has published keys in this folder yet: ask a member to sync once, then join again.');
  const request = joinRequestSchema.parse({
    format: FOLDER_FORMAT,
    workspaceId,
    deviceId: keys.deviceId,
    name,
    ageRecipient: keys.ageRecipient,
    signingPublicKey: keys.signingPublicKey,
    fingerprint: keyFingerprint(keys),
    requestedAt: now.toISOString(),
  });
  const sealed = await sealSigned('join', new TextEncoder().encode(canonicalJson(request)), keys, [...memberRecipients, keys.ageRecipient]);
  writeNewFile(layout.join(root, workspaceId, keys.deviceId), sealed);
  return request;
}

const JOIN_FILE = /^[0-9A-Za-z][^/\\]{0,250}\.age$/;
/** `<deviceId>.age`, or a cloud-drive conflict copy of it. */
const isJoinFileOf = (fileName: string, deviceId: string) =>
  fileName === `${deviceId}.age` || new RegExp(`^${deviceId}${CONFLICT_SUFFIX}\\.age$`).test(fileName);

export interface JoinInbox {
  requests: Array<{ file: string; request: JoinRequest }>;
  rejected: Array<{ file: string; reason: RejectReason; message: string }>;
}

/**
 * Reads the join requests this device can decrypt. A valid request is self-consistent (signed by
 * the key it carries, fingerprint recomputed, names match); whether to approve it is a person's
 * decision after comparing the fingerprint by phone. Requests of devices already in the roster are
 * left to the caller to filter.
 */
export async function readJoinRequests(root: string, workspaceId: string, ageIdentity: string): Promise<JoinInbox> {
  const dir = join(workspaceFolder(root, workspaceId), 'joins');
  const out: JoinInbox = { requests: [], rejected: [] };
  const seen = new Map<string, string>(); // device → digest of the request read first
  // Canonical names before conflict copies, so a copy is only ever a duplicate.
  const entries = safeReaddir(dir).sort((a, b) => a.name.length - b.name.length || cmp(a.name, b.name));
  for (const f of entries) {
    if (!f.isFile() || isTemporaryOrSystemName(f.name)) continue;
    const file = `joins/${f.name}`;
    const rej = (reason: RejectReason, message: string) => out.rejected.push({ file, reason, message });
    if (!JOIN_FILE.test(f.name)) {
      rej('bad_name', `${file} is not named <deviceId>.age.`);
      continue;
    }
    const bytes = readStable(join(dir, f.name));
    if (!(bytes instanceof Uint8Array)) continue; // changing or gone: next pass
    const opened = await openSigned(bytes, ageIdentity);
    if (!opened.ok) {
      // A request encrypted to other members only is not ours to read: not an error to show.
      if (opened.reason !== 'not_a_recipient') rej(opened.reason, opened.message);
      continue;
    }
    if (opened.kind !== 'join') {
      rej('malformed', `${file} is a ${opened.kind}, not a join request.`);
      continue;
    }
    let request: JoinRequest;
    try {
      const parsed = joinRequestSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(opened.body)));
      if (!parsed.success) {
        rej('invalid_payload', `${file} is not a valid join request.`);
        continue;
      }
      request = parsed.data;
    } catch {
      rej('malformed', `${file} is not valid JSON.`);
      continue;
    }
    if (request.workspaceId !== workspaceId) {
      rej('wrong_workspace', `${file} asks to join workspace ${request.workspaceId}.`);
      continue;
    }
    if (!isJoinFileOf(f.name, request.deviceId) || opened.signer !== request.deviceId) {
      rej('name_mismatch', `${file} holds a request of device ${request.deviceId} signed as ${opened.signer}.`);
      continue;
    }
    if (!verifySigned(opened, request.signingPublicKey)) {
      rej('bad_signature', `${file} is not signed by the key it presents.`);
      continue;
    }
    if (request.fingerprint !== keyFingerprint(request)) {
      rej('invalid_payload', `${file} carries a fingerprint that does not match its keys.`);
      continue;
    }
    const digest = sha256Hex(opened.body);
    const first = seen.get(request.deviceId);
    if (first === digest) continue; // a conflict copy of a request already read
    if (first !== undefined) {
      rej('name_mismatch', `${file} is a second, different join request of device ${request.deviceId}; only the first is shown.`);
      continue;
    }
    seen.set(request.deviceId, digest);
    out.requests.push({ file, request });
  }
  out.requests.sort((a, b) => cmp(a.request.deviceId, b.request.deviceId));
  return out;
}
