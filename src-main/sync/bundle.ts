/**
 * The bundle: one file of change-log entries a device drops into the shared folder
 * (issue 10, Part 2). Design note, 2026-12-01.
 *
 * FORMAT v1. An age file (crypto.ts) whose plaintext is a signed envelope:
 *
 *     vigie-signed/1\n          framing version (a future framing is refused as unsupported)
 *     bundle\n                  kind: bundle | snapshot | join — a signature for one kind is never
 *                               accepted as another (domain separation)
 *     <signer device id>\n
 *     <Ed25519 signature, base64url>\n
 *     <body: canonical JSON, UTF-8>
 *
 * The signature covers `vigie-signed/1\n<kind>\n<signer>\n<body>`. The body of a bundle is
 * `{ format: 1, schemaVersion, workspaceId, device, epoch, seq, vector, entries }`. `format` is
 * this envelope's version; `schemaVersion` is the database schema of the sender (skew between
 * colleagues is normal and is Part 1's business, not a rejection here).
 *
 * WHY THE SIGNATURE IS INSIDE THE ENCRYPTION. age encrypts to members but says nothing about who
 * wrote: any member (or anyone holding a member's public recipient, which is public) can produce a
 * valid age file. So every bundle is signed. Signing the plaintext and encrypting the signature with
 * it (sign-then-encrypt) means (1) someone who can read the folder but is not a member gets no
 * signature: nothing to test guesses of the content against and no proof, verifiable with a
 * member's public key, that this member wrote this file (the folder name shows only a random
 * device id), (2) the signature is over the
 * exact bytes we then parse, not over a re-serialisation, and (3) a reader checks the signer against
 * the member list of the epoch before parsing any JSON. The known weakness of sign-then-encrypt
 * (a recipient re-encrypting a signed body to others) is closed by signing the sender device and
 * binding it to the file name: a re-sealed copy still claims the original device/epoch/seq, so it
 * is at most a duplicate of a file that device really wrote, which import treats as a no-op.
 *
 * NAMES. `vigie-<workspaceId>/<deviceId>/<epoch>-<seq>.age`. `seq` counts one device's bundles,
 * starts at 1, and never resets (not even at a new epoch), so (device, seq) alone orders a device's
 * bundles; `epoch` is the key epoch the file was encrypted for. The name is untrusted: the reader
 * requires device/epoch/seq inside to equal the name, so moving or renaming a file gains nothing.
 *
 * REJECTIONS (openBundle): each returns `{ ok: false, reason, message }` and nothing else, never a
 * half-parsed bundle: bad_name, not_a_recipient, damaged (tampered or truncated: age's MACs),
 * malformed, unsupported_format, not_a_member (unknown signer, or not a member of that epoch,
 * e.g. removed), bad_signature, wrong_workspace, name_mismatch, invalid_payload.
 *
 * HOW PART 1 PLUGS THIS IN.
 * - Keys: each device's DeviceKeys (crypto.ts) are stored inside the encrypted workspace; the
 *   member list (RosterMember below) is synced data. Removing a member = a roster change that sets
 *   `removedEpoch` to the new epoch; from then on the sender encrypts to
 *   `recipientsForEpoch(roster, newEpoch)` and names files `<newEpoch>-<seq>`. What the removed
 *   member already received stays readable to them: say so in the UI.
 * - Export: collect the local entries the folder does not have yet, stamp the local version vector
 *   (highest device_seq held per device, entries of every device included), `sealBundle`, then
 *   `writeNewFile` (folder.ts). Bundle `seq` comes from the workspace, never from listing the folder.
 * - Import: `readInbox` (folder.ts) lists, opens and de-duplicates the candidate files; for each
 *   accepted bundle, in (device, seq) order, run `applyRemote` for its entries in ONE transaction,
 *   and record (device, epoch, seq) → digest in the same transaction (the BundleLedger), so a file
 *   either applied completely or not at all. A duplicate with the same digest is a no-op; a different
 *   digest under a name already applied is an equivocation and is rejected.
 * - Roster changes arrive in bundles too. readInbox checks every file against the roster it is
 *   given; when an accepted bundle changes the roster (a removal, an approval), apply it, then call
 *   readInbox again with the new roster before applying the rest (the ledger makes the second pass
 *   skip what was applied), so a removed member's late files are judged by the removal.
 * - Conflicts: the bundle's `vector` tells what its sender had seen; a local value that loses by
 *   (HLC, device) but whose stamp the sender's vector does not cover is a real conflict for the
 *   review list.
 * - Snapshots: seal with `sealSigned('snapshot', …)` (body = rows + the vector it covers) under
 *   `snapshots/<device>/<epoch>-<seq>.age`, open with `openFromMember` (the same member, epoch and
 *   signature checks as a bundle), list with `listSnapshotFiles`; a device deletes its own
 *   bundles only once a snapshot whose vector covers them exists. Join requests use kind 'join'
 *   (folder.ts: key cards, writeJoinRequest, readJoinRequests); approving one is a roster change.
 * - Size: bodies are not compressed in v1 (compressing before encrypting leaks content through
 *   length when an attacker controls part of it); adding compression means format 2.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { decryptWith, encryptTo, signBytes, verifyBytes, type PublicDeviceKeys, type Signer } from './crypto';

export const BUNDLE_FORMAT = 1;
export const SIGNED_FRAMING = 'vigie-signed/1';
export type SignedKind = 'bundle' | 'snapshot' | 'join';
const KINDS: readonly SignedKind[] = ['bundle', 'snapshot', 'join'];

/** Folder names a device id may never take (they are top-level folders of the layout). */
export const RESERVED_FOLDER_NAMES = new Set(['blobs', 'snapshots', 'joins', 'keys']);
/** ULIDs today; older workspaces may hold other ids. Anything that is a safe single path segment. */
export const DEVICE_ID_PATTERN = /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/;
export const WORKSPACE_ID_PATTERN = /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/;

export const deviceIdSchema = z
  .string()
  .regex(DEVICE_ID_PATTERN, 'device id must be 1–64 letters, digits, _ or -')
  .refine((s) => !RESERVED_FOLDER_NAMES.has(s.toLowerCase()), 'device id is a reserved folder name');
const positiveInt = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** The envelope, entries opaque. `entrySchema` is supplied by the change-log code (Part 1). */
export function bundleSchema<E extends z.ZodType>(entrySchema: E) {
  return z.strictObject({
    format: z.literal(BUNDLE_FORMAT),
    schemaVersion: positiveInt,
    workspaceId: z.string().regex(WORKSPACE_ID_PATTERN),
    device: deviceIdSchema,
    epoch: positiveInt,
    seq: positiveInt,
    vector: z.record(deviceIdSchema, z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
    entries: z.array(entrySchema),
  });
}
export interface Bundle<E = unknown> {
  format: typeof BUNDLE_FORMAT;
  /** Database schema version of the sender (Part 1 handles skew; not a rejection here). */
  schemaVersion: number;
  workspaceId: string;
  /** Sender device; equals the folder the file sits in and the signer. */
  device: string;
  /** Key epoch the file is encrypted for. */
  epoch: number;
  /** The sender's bundle counter: 1, 2, 3… never reset. */
  seq: number;
  /** The sender's version vector: highest change-log device_seq it holds from each device. */
  vector: Record<string, number>;
  entries: E[];
}

const envelopeOnly = bundleSchema(z.unknown());

// ---------------------------------------------------------------------------------------------
// Members

/** A member of the workspace as the roster (synced data, Part 1) knows it. */
export interface RosterMember extends PublicDeviceKeys {
  name: string;
  /** First epoch this device belongs to. */
  joinedEpoch: number;
  /** The epoch that removed it: a member of epochs joinedEpoch ≤ e < removedEpoch. */
  removedEpoch?: number | null;
  /**
   * Set at removal: the highest bundle seq of this device the remover had received. A removed
   * colleague keeps their keys and could still write files labelled with an old epoch; bundles
   * numbered above this are refused. (A bundle they wrote before removal that nobody had received
   * yet is refused too: the remover's view is the one every device applies, so all agree.)
   */
  lastAcceptedSeq?: number | null;
}

export function isMemberOfEpoch(m: RosterMember, epoch: number): boolean {
  return m.joinedEpoch <= epoch && (m.removedEpoch == null || epoch < m.removedEpoch);
}

/** The age recipients a file of this epoch is encrypted to: its members, nobody else. */
export function recipientsForEpoch(roster: readonly RosterMember[], epoch: number): string[] {
  return roster.filter((m) => isMemberOfEpoch(m, epoch)).map((m) => m.ageRecipient);
}

// ---------------------------------------------------------------------------------------------
// Names

export interface BundleName {
  device: string;
  epoch: number;
  seq: number;
  /** The canonical name `<device>/<epoch>-<seq>.age` (a conflict copy maps to its original). */
  canonical: string;
  /** True when the file is a cloud-drive conflict copy of the canonical name. */
  conflictCopy: boolean;
}

const NUM = '(0|[1-9][0-9]{0,14})';
/**
 * Conflict-copy suffixes of the file-sync tools DPO teams use, between `<epoch>-<seq>` and `.age`:
 * Dropbox/Nextcloud/ownCloud ` (conflicted copy …)` / ` (Marie's conflicted copy …)`, Google Drive
 * and browsers ` (1)`, Seafile ` (SFConflict …)`, Syncthing `.sync-conflict-…`, others
 * `-conflict-…`, OneDrive `-<MACHINE>`. Being liberal here is safe: the content must still decrypt,
 * verify and match the canonical name.
 */
export const CONFLICT_SUFFIX = String.raw`(?: \([^/\\()]{1,120}\)|[.-]sync-conflict-[0-9A-Za-z-]{1,80}|-conflict-[0-9A-Za-z_ -]{1,80}|-[A-Za-z][0-9A-Za-z_-]{0,62})`;
const BUNDLE_FILE = new RegExp(`^${NUM}-${NUM}(${CONFLICT_SUFFIX})?\\.age$`);

/**
 * Parses `<device>/<epoch>-<seq>.age` (optionally prefixed by `vigie-<workspace>/`, `\` accepted as
 * separator). Returns null when the name does not follow the pattern.
 */
export function parseBundleName(path: string, workspaceId?: string): BundleName | null {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  if (parts.length === 3) {
    if (workspaceId === undefined ? !/^vigie-/.test(parts[0]!) : parts[0] !== `vigie-${workspaceId}`) return null;
    parts.shift();
  }
  if (parts.length !== 2) return null;
  const [device, file] = parts as [string, string];
  if (!deviceIdSchema.safeParse(device).success) return null;
  const m = BUNDLE_FILE.exec(file);
  if (!m) return null;
  const epoch = Number(m[1]);
  const seq = Number(m[2]);
  if (epoch < 1 || seq < 1) return null;
  return { device, epoch, seq, canonical: bundleFileName(device, epoch, seq), conflictCopy: m[3] !== undefined };
}

export function bundleFileName(device: string, epoch: number, seq: number): string {
  return `${device}/${epoch}-${seq}.age`;
}

// ---------------------------------------------------------------------------------------------
// Canonical JSON

/** JSON with sorted keys at every level; refuses what JSON cannot carry faithfully. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, '$'));
}

function sortKeys(v: unknown, at: string): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`${at}: ${v} cannot be written as JSON`);
    return Object.is(v, -0) ? 0 : v;
  }
  if (Array.isArray(v)) return v.map((x, i) => sortKeys(x === undefined ? null : x, `${at}[${i}]`));
  const proto: unknown = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x, `${at}.${k}`);
    }
    return out;
  }
  throw new Error(`${at}: a ${typeof v === 'object' ? (v as object).constructor?.name ?? 'object' : typeof v} cannot be written as JSON`);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Signed envelope (shared by bundles, snapshots and join requests)

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

function signedMessage(kind: SignedKind, signer: string, body: Uint8Array): Uint8Array {
  const head = enc.encode(`${SIGNED_FRAMING}\n${kind}\n${signer}\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

/**
 * Signs `body` as `kind` by `signer`, then encrypts the whole to `recipients`. The body may be given
 * in pieces (a snapshot's, sync/open-file.ts snapshotParts): they are copied once, into the plaintext.
 */
export function sealSigned(kind: SignedKind, body: Uint8Array | readonly Uint8Array[], signer: Signer, recipients: readonly string[]): Promise<Uint8Array> {
  // Not async: nothing here holds the body (or its pieces) while the plaintext is encrypted.
  let plain: Uint8Array;
  try {
    plain = signedPlaintext(kind, body, signer);
  } catch (e) {
    return Promise.reject(e);
  }
  return encryptTo(recipients, plain);
}

/**
 * The plaintext of a signed file, `head sig\n body`, whose signed message is `head body`. Both are
 * laid out in one buffer, with a single copy of the body (a snapshot's is hundreds of megabytes):
 * the signed message is written after room for the signature's line and signed, then its head is
 * moved to the front and the signature's line written after it.
 */
function signedPlaintext(kind: SignedKind, body: Uint8Array | readonly Uint8Array[], signer: Signer): Uint8Array {
  if (!DEVICE_ID_PATTERN.test(signer.deviceId)) throw new Error(`Not a valid device id: ${JSON.stringify(signer.deviceId)}`);
  const pieces = body instanceof Uint8Array ? [body] : body;
  let length = 0;
  for (const p of pieces) length += p.length;
  const head = enc.encode(`${SIGNED_FRAMING}\n${kind}\n${signer.deviceId}\n`);
  const plain = new Uint8Array(head.length + SIGNATURE_LINE + length);
  plain.set(head, SIGNATURE_LINE);
  let at = SIGNATURE_LINE + head.length;
  for (const p of pieces) {
    plain.set(p, at);
    at += p.length;
  }
  const sig = signBytes(signer.signingPrivateKey, plain.subarray(SIGNATURE_LINE));
  plain.copyWithin(0, SIGNATURE_LINE, SIGNATURE_LINE + head.length);
  plain.set(enc.encode(`${Buffer.from(sig).toString('base64url')}\n`), head.length);
  return plain;
}

/** An Ed25519 signature in base64url (86 characters) and its newline. */
const SIGNATURE_LINE = 87;

export type RejectReason =
  | 'bad_name'
  | 'not_a_recipient'
  | 'damaged'
  | 'malformed'
  | 'unsupported_format'
  | 'not_a_member'
  | 'bad_signature'
  | 'wrong_workspace'
  | 'name_mismatch'
  | 'invalid_payload';
export interface Rejection {
  ok: false;
  reason: RejectReason;
  /** One English sentence for logs and the CLI; the UI translates `reason`. */
  message: string;
}
const reject = (reason: RejectReason, message: string): Rejection => ({ ok: false, reason, message });

export interface OpenedSigned {
  ok: true;
  kind: SignedKind;
  signer: string;
  /** The signed body bytes, not yet verified: call `verifySigned` with the signer's key. */
  body: Uint8Array;
  signature: Uint8Array;
  /** The signed message (head and body), when openSigned could lay it out in the plaintext's own buffer. */
  signed?: Uint8Array;
}

/** Decrypts and splits a signed envelope. Does NOT verify the signature (the caller picks the key). */
export async function openSigned(bytes: Uint8Array, ageIdentity: string): Promise<OpenedSigned | Rejection> {
  const d = await decryptWith(ageIdentity, bytes);
  if (!d.ok) {
    return d.reason === 'not_a_recipient'
      ? reject('not_a_recipient', 'This file is not encrypted to this device (written for other members, or after this device was removed).')
      : reject('damaged', `This file is damaged, cut short or was changed after it was written (${d.detail}).`);
  }
  const p = d.plaintext;
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < p.length && lines.length < 4; i++) {
    if (p[i] === 0x0a) {
      if (i - start > 200) break;
      lines.push(Buffer.from(p.subarray(start, i)).toString('latin1'));
      start = i + 1;
    }
  }
  const [framing, kind, signer, sig] = lines;
  if (framing === undefined || !/^vigie-signed\/\d+$/.test(framing)) return reject('malformed', 'This file decrypts but is not a Vigie sync file.');
  if (framing !== SIGNED_FRAMING) return reject('unsupported_format', `This file uses ${framing}; this version of Vigie reads ${SIGNED_FRAMING}. Update Vigie.`);
  if (lines.length < 4) return reject('malformed', 'This file has an incomplete header.');
  if (!KINDS.includes(kind as SignedKind)) return reject('malformed', `Unknown kind of sync file: ${JSON.stringify(kind)}.`);
  if (!DEVICE_ID_PATTERN.test(signer!)) return reject('malformed', 'This file names an invalid signing device.');
  if (!/^[A-Za-z0-9_-]{86}$/.test(sig!)) return reject('malformed', 'This file carries a malformed signature.');
  const signature = new Uint8Array(Buffer.from(sig!, 'base64url'));
  // The signed message is the plaintext without the signature's line: its head moved onto that line,
  // in place (the plaintext is this function's own), rather than head and body copied anew.
  const headLength = start - SIGNATURE_LINE;
  p.copyWithin(SIGNATURE_LINE, 0, headLength);
  return { ok: true, kind: kind as SignedKind, signer: signer!, body: p.subarray(start), signature, signed: p.subarray(SIGNATURE_LINE) };
}

export function verifySigned(opened: OpenedSigned, signingPublicKey: string): boolean {
  return verifyBytes(signingPublicKey, opened.signed ?? signedMessage(opened.kind, opened.signer, opened.body), opened.signature);
}

// ---------------------------------------------------------------------------------------------
// Bundles

/**
 * Decrypts a signed file and checks that it is of `kind`, signed by `device` (the folder it sits
 * in), that this device is a member of `epoch` (and, once removed, that `seq` is not beyond what
 * the remover had), and that the signature verifies with the roster's key. The body is returned
 * unparsed. Bundles use it through openBundle; Part 1 uses it as is for snapshots.
 */
export async function openFromMember(
  bytes: Uint8Array,
  ageIdentity: string,
  members: readonly RosterMember[],
  expected: { kind: SignedKind; device: string; epoch: number; seq: number },
): Promise<{ ok: true; opened: OpenedSigned; signer: RosterMember } | Rejection> {
  const opened = await openSigned(bytes, ageIdentity);
  if (!opened.ok) return opened;
  return fromMember(opened, members, expected);
}

/** openFromMember's checks of a file already decrypted (openSigned): kind, signer, membership, signature. */
export function fromMember(
  opened: OpenedSigned,
  members: readonly RosterMember[],
  expected: { kind: SignedKind; device: string; epoch: number; seq: number },
): { ok: true; opened: OpenedSigned; signer: RosterMember } | Rejection {
  if (opened.kind !== expected.kind) return reject('malformed', `This file is a ${opened.kind}, not a ${expected.kind}.`);
  if (opened.signer !== expected.device) {
    return reject('name_mismatch', `Signed by device ${opened.signer} but stored in the folder of device ${expected.device}.`);
  }
  const signer = members.find((m) => m.deviceId === opened.signer);
  if (!signer) return reject('not_a_member', `Device ${opened.signer} is not a member of this workspace.`);
  if (!isMemberOfEpoch(signer, expected.epoch)) {
    return reject(
      'not_a_member',
      signer.removedEpoch != null && expected.epoch >= signer.removedEpoch
        ? `${signer.name} (device ${signer.deviceId}) was removed at key epoch ${signer.removedEpoch}; this file claims epoch ${expected.epoch}.`
        : `${signer.name} (device ${signer.deviceId}) was not yet a member at key epoch ${expected.epoch}.`,
    );
  }
  if (signer.removedEpoch != null && signer.lastAcceptedSeq != null && expected.seq > signer.lastAcceptedSeq) {
    return reject(
      'not_a_member',
      `${signer.name} (device ${signer.deviceId}) was removed at key epoch ${signer.removedEpoch} after bundle ${signer.lastAcceptedSeq}; file ${expected.seq} came later.`,
    );
  }
  if (!verifySigned(opened, signer.signingPublicKey)) return reject('bad_signature', `The signature does not match ${signer.name}'s signing key.`);
  return { ok: true, opened, signer };
}


/**
 * Validates, signs and encrypts a bundle. Throws (a programming error, not untrusted input) when the
 * bundle is invalid, the signer is not its device, or there is nobody to encrypt to.
 */
export async function sealBundle<E>(bundle: Bundle<E>, signer: Signer, recipients: readonly string[], entrySchema: z.ZodType = z.unknown()): Promise<Uint8Array> {
  const parsed = bundleSchema(entrySchema).parse(bundle);
  if (signer.deviceId !== parsed.device) throw new Error(`Device ${signer.deviceId} cannot seal a bundle of device ${parsed.device}.`);
  return sealSigned('bundle', enc.encode(canonicalJson(bundle)), signer, recipients);
}

export interface OpenedBundle<E> {
  ok: true;
  bundle: Bundle<E>;
  /** SHA-256 of the signed body: equal digests = the same bundle (idempotent import). */
  digest: string;
  name: BundleName;
  signer: RosterMember;
}

/**
 * Opens a bundle file read from the folder. Untrusted input: every failure is a Rejection, never a
 * throw and never a partial bundle. `members` is the whole roster (past members included: they are
 * refused by epoch, with a reason that says so).
 */
export async function openBundle<E = unknown>(
  bytes: Uint8Array,
  ageIdentity: string,
  members: readonly RosterMember[],
  expected: { fileName: string; workspaceId: string },
  entrySchema: z.ZodType<E> = z.unknown() as z.ZodType<E>,
): Promise<OpenedBundle<E> | Rejection> {
  const name = parseBundleName(expected.fileName, expected.workspaceId);
  if (!name) return reject('bad_name', `The name ${JSON.stringify(expected.fileName)} is not <device>/<epoch>-<seq>.age.`);

  const auth = await openFromMember(bytes, ageIdentity, members, { kind: 'bundle', device: name.device, epoch: name.epoch, seq: name.seq });
  if (!auth.ok) return auth;
  const { opened, signer } = auth;

  let raw: unknown;
  try {
    raw = JSON.parse(dec.decode(opened.body));
  } catch {
    return reject('malformed', 'The bundle body is not valid UTF-8 JSON.');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return reject('malformed', 'The bundle body is not a JSON object.');
  const format = (raw as { format?: unknown }).format;
  if (format !== BUNDLE_FORMAT) {
    return typeof format === 'number' && Number.isInteger(format) && format > BUNDLE_FORMAT
      ? reject('unsupported_format', `Bundle format ${format} is newer than this version of Vigie reads (${BUNDLE_FORMAT}). Update Vigie.`)
      : reject('invalid_payload', `Bundle format ${JSON.stringify(format)} is not a known format.`);
  }
  const env = envelopeOnly.safeParse(raw);
  if (!env.success) return reject('invalid_payload', `The bundle envelope is invalid: ${summarize(env.error)}.`);
  const b = env.data;
  if (b.workspaceId !== expected.workspaceId) return reject('wrong_workspace', `This bundle belongs to workspace ${b.workspaceId}, not ${expected.workspaceId}.`);
  if (b.device !== name.device || b.epoch !== name.epoch || b.seq !== name.seq) {
    return reject('name_mismatch', `The file is named ${name.canonical} but holds ${bundleFileName(b.device, b.epoch, b.seq)}.`);
  }
  const entries = z.array(entrySchema).safeParse(b.entries);
  if (!entries.success) return reject('invalid_payload', `The bundle's entries are invalid: ${summarize(entries.error)}.`);
  const bundle: Bundle<E> = { ...b, entries: entries.data };
  return { ok: true, bundle, digest: sha256Hex(opened.body), name, signer };
}

function summarize(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
