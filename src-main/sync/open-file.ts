/**
 * Opening a snapshot file (decrypt, signature, member checks, parse) and sealing one: pure
 * functions of the bytes or body, this device's keys and the roster, so that they can run on
 * another thread (open-file.thread.ts) as well as here, with the same answers. The engine
 * (engine.ts writeSnapshot, applySnapshots) acts on the outcome.
 */
import { z } from 'zod';
import { BUNDLE_FORMAT, canonicalJson, deviceIdSchema, fromMember, isMemberOfEpoch, openSigned, sealSigned, WORKSPACE_ID_PATTERN, type Bundle, type RosterMember } from './bundle';
import { isAgeRecipient, isSigningPublicKey, type Signer } from './crypto';

const rosterMemberSchema = z.object({
  deviceId: deviceIdSchema,
  name: z.string(),
  ageRecipient: z.string().refine(isAgeRecipient),
  signingPublicKey: z.string().refine(isSigningPublicKey),
  joinedEpoch: z.number().int().min(1),
  removedEpoch: z.number().int().min(2).nullable().optional(),
});
export const snapshotSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  schemaVersion: z.number().int().min(1),
  workspaceId: z.string().regex(WORKSPACE_ID_PATTERN),
  device: deviceIdSchema,
  epoch: z.number().int().min(1),
  seq: z.number().int().min(1),
  vector: z.record(z.string(), z.number().int().min(0)),
  roster: z.array(rosterMemberSchema),
  entries: z.array(z.unknown()),
  blobs: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string()).default({}),
});
export type SnapshotBody = z.infer<typeof snapshotSchema>;

/**
 * How a snapshot's body is laid out. Up to ONE_DOCUMENT_MAX_CHARS it is one canonical JSON document,
 * as every version of Vigie writes and reads it. A larger one (a workspace of ~100,000 requests or
 * more, or ~390 MB of attached files, whose contents travel in the snapshot in base64) cannot be
 * written that way: its text would pass the longest string the JavaScript engine holds (2^29 − 24
 * characters), so the member could not write it and no colleague could join. It is written in lines
 * instead, each a canonical JSON document ending with a newline (a byte canonical JSON never writes,
 * inside or outside strings, so a reader tells the two layouts apart by it):
 *
 *   {"blobCount":B,"device":…,"entryCount":N,"epoch":…,"format":…,"layout":"lines",…}   the header:
 *                                      the snapshot's fields but its entries and file contents
 *   N lines, one change-log entry each, in the log's order
 *   B lines, one file each: ["<sha256 of its text>","<its text>"], in the order of their sha256
 *
 * No line is longer than its largest value (one attached file: 20 MB of base64 at most). A version
 * of Vigie from before this layout refuses such a snapshot as "not a valid snapshot" — it could
 * neither write nor hold one — and still reads every snapshot that fits in one document, since
 * lines are written only where one document cannot be.
 */
export const SNAPSHOT_LINES = 'lines';
/** Longest snapshot written as one document, in characters: V8's longest string (2^29 − 24) less a margin. */
export const ONE_DOCUMENT_MAX_CHARS = 2 ** 29 - 2 ** 24;

const headerSchema = snapshotSchema.omit({ entries: true, blobs: true }).extend({
  layout: z.literal(SNAPSHOT_LINES),
  entryCount: z.number().int().min(0),
  blobCount: z.number().int().min(0),
  // Other fields a newer version adds are left aside, as in one document; entries and files have their own lines.
  entries: z.never().optional(),
  blobs: z.never().optional(),
});
const blobLineSchema = z.tuple([z.string().regex(/^[0-9a-f]{64}$/), z.string()]);

export function parseSnapshot(body: Uint8Array): SnapshotBody | undefined {
  try {
    if (body.indexOf(0x0a) >= 0) return parseSnapshotLines(body);
    const parsed = snapshotSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A snapshot in lines (see SNAPSHOT_LINES): every line read on its own, no text longer than one line. */
function parseSnapshotLines(body: Uint8Array): SnapshotBody | undefined {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  /** The next line's JSON value; throws when there is none (every line ends with a newline). */
  const next = (): unknown => {
    const end = body.indexOf(0x0a, at);
    if (end < 0) throw new Error('snapshot: a line is missing');
    const text = dec.decode(body.subarray(at, end));
    at = end + 1;
    return JSON.parse(text) as unknown;
  };
  const head = headerSchema.safeParse(next());
  if (!head.success) return undefined;
  const { layout: _layout, entryCount, blobCount, entries: _entries, blobs: _blobs, ...fields } = head.data;
  const entries: unknown[] = [];
  for (let i = 0; i < entryCount; i++) entries.push(next());
  const blobs: Record<string, string> = {};
  let previous = '';
  for (let i = 0; i < blobCount; i++) {
    const b = blobLineSchema.safeParse(next());
    // In the order of their sha256, each once.
    if (!b.success || b.data[0] <= previous) return undefined;
    previous = b.data[0];
    blobs[b.data[0]] = b.data[1];
  }
  // Nothing after the last line the header announced.
  if (at !== body.length) return undefined;
  const parsed = snapshotSchema.safeParse({ ...fields, entries, blobs });
  return parsed.success ? parsed.data : undefined;
}

/** This device as the snapshot checks need it. */
export interface SnapshotKeys {
  deviceId: string;
  ageIdentity: string;
  ageRecipient: string;
  signingPublicKey: string;
}

/**
 * What to do with a snapshot file: apply its body; `skip` it silently (a joiner's look at a file
 * that does not name it); `not_for_us` (not encrypted to this device); `later` (signed by a member
 * this device does not know yet); `damaged` (the caller gives a file still arriving time); `reject`.
 */
export type SnapshotOutcome =
  | { ok: true; body: SnapshotBody }
  | { ok: false; next: 'skip' }
  | { ok: false; next: 'later' }
  | { ok: false; next: 'not_for_us' | 'damaged' | 'reject'; reason: string; message: string };

export async function openSnapshot(bytes: Uint8Array, keys: SnapshotKeys, roster: readonly RosterMember[], expected: { file: string; device: string; epoch: number; seq: number }, workspaceId: string): Promise<SnapshotOutcome> {
  const { file, ...name } = expected;
  const opened = await openSigned(bytes, keys.ageIdentity);
  let members: readonly RosterMember[] = roster;
  let body: SnapshotBody | undefined;
  if (roster.length === 0) {
    // A joiner: judge the snapshot by the member list it carries (engine.ts, "Trust for a joiner").
    if (!opened.ok) return { ok: false, next: 'skip' };
    body = parseSnapshot(opened.body);
    if (!body || body.workspaceId !== workspaceId) return { ok: false, next: 'skip' };
    const me = body.roster.find((m) => m.deviceId === keys.deviceId);
    if (!me || me.ageRecipient !== keys.ageRecipient || me.signingPublicKey !== keys.signingPublicKey || !isMemberOfEpoch(me, body.epoch)) return { ok: false, next: 'skip' };
    members = body.roster;
  }
  const auth = opened.ok ? fromMember(opened, members, { kind: 'snapshot', ...name }) : opened;
  if (!auth.ok) {
    // Not for us (written before we were a recipient) or by a member we do not know yet: later.
    if (auth.reason === 'not_a_recipient') return { ok: false, next: 'not_for_us', reason: auth.reason, message: auth.message };
    if (auth.reason === 'not_a_member') return { ok: false, next: 'later' };
    return { ok: false, next: auth.reason === 'damaged' ? 'damaged' : 'reject', reason: auth.reason, message: auth.message };
  }
  // (A joiner parsed it already: the signature just verified covers those very bytes.)
  body ??= parseSnapshot(auth.opened.body);
  const reject = (reason: string, message: string): SnapshotOutcome => ({ ok: false, next: 'reject', reason, message });
  if (!body) return reject('invalid_payload', 'The snapshot body is not a valid snapshot.');
  if (body.workspaceId !== workspaceId) return reject('wrong_workspace', `This snapshot belongs to workspace ${body.workspaceId}, not ${workspaceId}.`);
  if (body.device !== name.device || body.epoch !== name.epoch || body.seq !== name.seq) {
    return reject('name_mismatch', `The file is named ${file} but holds snapshot ${body.device}/${body.epoch}-${body.seq}.`);
  }
  return { ok: true, body };
}

/**
 * The body of a snapshot as written (engine.ts writeSnapshot): a bundle's envelope and entries (the
 * whole log), the members, and the file contents. What `snapshotSchema` reads back.
 */
export interface SnapshotWriteBody extends Bundle {
  roster: Array<{ deviceId: string; name: string; ageRecipient: string; signingPublicKey: string; joinedEpoch: number; removedEpoch: number | null }>;
  blobs: Record<string, string>;
}

/** A snapshot's sealed file: its body (snapshotParts), signed, encrypted to `recipients`. */
export function sealSnapshot(body: SnapshotWriteBody, signer: Signer, recipients: readonly string[], oneDocumentMaxChars = ONE_DOCUMENT_MAX_CHARS): Promise<Uint8Array> {
  return sealSigned('snapshot', snapshotParts(body, oneDocumentMaxChars), signer, recipients);
}

/** The bytes of a snapshot's body (snapshotParts joined). */
export function snapshotBytes(body: SnapshotWriteBody, oneDocumentMaxChars = ONE_DOCUMENT_MAX_CHARS): Uint8Array {
  const parts = snapshotParts(body, oneDocumentMaxChars);
  const out = Buffer.concat(parts);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * A snapshot's body as byte pieces, in order: its canonical JSON when that is at most
 * `oneDocumentMaxChars` characters long (joined, byte for byte `canonicalJson(body)`, which every
 * version reads), else its lines (SNAPSHOT_LINES). Each entry and file is written to text and
 * encoded once, whichever the layout, and the whole is never one string: the sealing copies the
 * pieces into its buffer directly (bundle.ts sealSigned). A snapshot of a large workspace (~520 MB at
 * 100,000 requests) was one string of that length, encoded, then copied twice more to be signed.
 */
export function snapshotParts(body: SnapshotWriteBody, oneDocumentMaxChars = ONE_DOCUMENT_MAX_CHARS): Uint8Array[] {
  const shas = Object.keys(body.blobs).sort();
  const files = shas.map((sha) => JSON.stringify(body.blobs[sha]));
  const rest: Record<string, unknown> = { ...body };
  delete rest.entries;
  delete rest.blobs;
  let chars = canonicalJson(rest).length + 40;
  for (let i = 0; i < shas.length; i++) chars += files[i]!.length + shas[i]!.length + 4;
  // The entries as one document writes them, ENTRY_BATCH at a time: canonicalJson of a slice of the
  // list is its elements' texts joined by commas, between brackets (an element left undefined: null).
  const batches: string[] = [];
  for (let i = 0; i < body.entries.length && chars <= oneDocumentMaxChars; i += ENTRY_BATCH) {
    const t = canonicalJson(body.entries.slice(i, i + ENTRY_BATCH));
    batches.push(t.slice(1, -1));
    chars += t.length;
  }
  const parts: Uint8Array[] = [];
  const text = (t: string) => Buffer.from(t, 'utf8');
  if (chars <= oneDocumentMaxChars) {
    // canonicalJson(body): the object's keys in order, `entries` and `blobs` from the texts made above.
    let first = true;
    parts.push(text('{'));
    for (const key of Object.keys(body).sort()) {
      const value = (body as unknown as Record<string, unknown>)[key];
      if (value === undefined) continue;
      parts.push(text(`${first ? '' : ','}${JSON.stringify(key)}:`));
      first = false;
      if (key === 'entries') {
        parts.push(text('['));
        for (let b = 0; b < batches.length; b++) {
          if (b) parts.push(text(','));
          parts.push(text(batches[b]!));
          batches[b] = '';
        }
        parts.push(text(']'));
      } else if (key === 'blobs') {
        parts.push(text('{'));
        for (let i = 0; i < files.length; i++) {
          parts.push(text(`${i ? ',' : ''}${JSON.stringify(shas[i])}:`), text(files[i]!));
          files[i] = '';
        }
        parts.push(text('}'));
      } else parts.push(text(canonicalJson(value)));
    }
    parts.push(text('}'));
    return parts;
  }
  // In lines (a snapshot over the limit; the batches above, if any, are dropped): each entry's text
  // on its line, ENTRY_BATCH lines encoded at once.
  batches.length = 0;
  parts.push(text(`${canonicalJson({ ...rest, layout: SNAPSHOT_LINES, entryCount: body.entries.length, blobCount: shas.length })}\n`));
  for (let i = 0; i < body.entries.length; i += ENTRY_BATCH) {
    const lines = body.entries.slice(i, i + ENTRY_BATCH).map((e) => (e === undefined ? 'null' : canonicalJson(e)));
    parts.push(text(`${lines.join('\n')}\n`));
  }
  for (let i = 0; i < files.length; i++) {
    parts.push(text(`[${JSON.stringify(shas[i])},`), text(files[i]!), text(']\n'));
    files[i] = '';
  }
  return parts;
}

/** Entries written to text and encoded at once. */
const ENTRY_BATCH = 1000;
