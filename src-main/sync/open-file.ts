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

export function parseSnapshot(body: Uint8Array): SnapshotBody | undefined {
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
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

/** A snapshot's sealed file: its canonical JSON, signed, encrypted to `recipients`. */
export function sealSnapshot(body: SnapshotWriteBody, signer: Signer, recipients: readonly string[]): Promise<Uint8Array> {
  return sealSigned('snapshot', new TextEncoder().encode(canonicalJson(body)), signer, recipients);
}
