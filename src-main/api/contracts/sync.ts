/**
 * API methods of sync through a shared folder (issue 10, part 2) and of erasure from the UI
 * (`records.purge`, part 1 item 7). Pure: zod only. The shapes are SyncService's (services/sync.ts).
 */
import { z } from 'zod';
import { ERASABLE_TABLES } from '../../domain/erasure';
import { empty, type ContractFragment } from './shared';
import { workspaceCreateInput, workspacePath } from './workspace';

/** A device id as Vigie makes them (ULID/UUID-like): no path separators, no spaces. */
const deviceId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Not a device identifier.' });

/** A file of the folder refused, with the reason in the service's words (the renderer words it per reason code when it knows it). */
const rejectedFile = z.object({ file: z.string(), reason: z.string() });

export const syncLastSchema = z.object({
  at: z.string(),
  exported: z.number(),
  imported: z.number(),
  rejected: z.array(rejectedFile),
  conflicts: z.number(),
});

export const syncStatusSchema = z.object({
  /** The shared folder, or null while sync is not set up on this device. */
  folder: z.string().nullable(),
  deviceId: z.string(),
  deviceName: z.string(),
  /** This computer's verification code (read out by phone before an approval); null until sync is set up. */
  fingerprint: z.string().nullable(),
  memberCode: z.string().nullable(),
  isMember: z.boolean(),
  /** The key generation files are encrypted for (a new one after each removal). */
  epoch: z.number(),
  lastSync: syncLastSchema.nullable(),
  pendingJoins: z.array(z.object({ deviceId: z.string(), name: z.string(), fingerprint: z.string(), requestedAt: z.string() })),
  openConflicts: z.number(),
  /** How far the clock of the most-ahead colleague was from this computer's (ms; 0 when unknown). */
  skewMs: z.number(),
  /** Changes of this device not yet written to the folder. */
  pendingEntries: z.number(),
});

export const syncReportSchema = z.object({
  exported: z.number(),
  imported: z.number(),
  rejected: z.array(rejectedFile),
  conflicts: z.number(),
  pendingJoins: z.array(z.object({ deviceId: z.string(), name: z.string() })),
});

export const syncMemberSchema = z.object({
  deviceId: z.string(),
  name: z.string(),
  memberCode: z.string().nullable(),
  status: z.enum(['active', 'removed', 'pending']),
  /** The short code two people compare by phone before an approval. */
  fingerprint: z.string(),
  joinedEpoch: z.number().nullable(),
  removedEpoch: z.number().nullable(),
  thisDevice: z.boolean(),
});

const conflictSide = z.object({
  value: z.unknown(),
  at: z.string(),
  device: z.string(),
  actor: z.string(),
});

export const syncConflictSchema = z.object({
  id: z.string(),
  kind: z.enum(['value', 'edited-while-deleted']),
  table: z.string(),
  rowId: z.string(),
  /** The record as a person names it (a case's reference, a vendor's name). */
  recordLabel: z.string(),
  /** The field: a column, or `column.key` for one part of a structured record. */
  cell: z.string(),
  mine: conflictSide,
  theirs: conflictSide,
  keptIs: z.enum(['mine', 'theirs']),
  detectedAt: z.string(),
});

const members = z.object({ items: z.array(syncMemberSchema) });

/** Joining a team's workspace from this computer (the welcome screen validates with this very schema). */
export const syncJoinInput = z
  .object({
    /** The new local workspace file (its own passphrase; it stays empty until a member approves). */
    path: workspacePath,
    passphrase: workspaceCreateInput.shape.passphrase,
    /** The folder the team shares (or its vigie-… folder). */
    folder: z.string().trim().min(1, { message: 'Choose the folder your team shares.' }).max(1024),
    /** The name colleagues know this person by (shown in their join request). */
    name: z.string().trim().min(1, { message: 'Give the name your colleagues know you by.' }).max(120),
  })
  .strict();

const erasable = z.object({
  table: z.enum(ERASABLE_TABLES),
  id: z.string().trim().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { message: 'Not a record identifier.' }),
});

export const syncContract = {
  'sync.status': { input: empty, output: syncStatusSchema },
  /** Creates this computer's copy of a team's workspace and leaves a join request in the folder; the copy is then open (waiting for approval). */
  'sync.join': {
    input: syncJoinInput,
    output: z.object({ deviceId: z.string(), fingerprint: z.string(), status: z.literal('pending') }),
  },
  /** Electron: the OS folder dialog; null when cancelled or when the host has no dialog (the web harness: type the path). */
  'sync.pickFolder': { input: empty, output: z.object({ path: z.string().nullable() }) },
  'sync.setFolder': {
    input: z.object({ folder: z.string().trim().min(1).max(1024) }).strict(),
    output: syncStatusSchema,
  },
  'sync.now': { input: empty, output: syncReportSchema },
  'sync.members': { input: empty, output: members },
  'sync.approve': { input: z.object({ deviceId }).strict(), output: members },
  'sync.remove': { input: z.object({ deviceId }).strict(), output: members },
  'sync.conflicts': { input: empty, output: z.object({ items: z.array(syncConflictSchema) }) },
  'sync.resolve': {
    input: z.object({ id: z.string().trim().min(1).max(100), keep: z.enum(['mine', 'theirs']) }).strict(),
    output: z.object({ resolved: z.literal(true) }),
  },
  /** What erasing a record would blank (shown in the confirmation): its personal columns and the child records that go with it. */
  'records.erasurePlan': {
    input: erasable.strict(),
    output: z.object({
      table: z.string(),
      id: z.string(),
      label: z.string(),
      columns: z.array(z.string()),
      with: z.array(z.object({ table: z.string(), count: z.number() })),
    }),
  },
  /** GDPR erasure of one record's personal data (the write path's purge): the history keeps only that it happened, by whom and why. */
  'records.purge': {
    input: erasable.extend({ reason: z.string().trim().min(1).max(500) }).strict(),
    output: z.object({ erased: z.array(z.object({ table: z.string(), id: z.string(), columns: z.array(z.string()) })) }),
  },
} as const satisfies ContractFragment;
