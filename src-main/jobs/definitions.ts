/**
 * The jobs that run off the main thread (worker_threads): what each takes (zod, validated before
 * the worker starts) and what it does with the worker's read-only view of the workspace. Heavy work
 * only reads: exports compute their file, imports read and plan the file (the main process then
 * writes the plan through the one write path, in one transaction), audit verify reads the log.
 */
import { z } from 'zod';
import { exportJobInput, type ExportJobInput } from '../api/contracts/exports';
import { verifyAudit } from '../db/audit';
import { startAuditHasher } from './audit-hasher';
import type { ColumnMapping } from '../domain/register/import-mapping';
import type { ExportJob } from '../services/save-export';
import type { Workspace } from '../services/workspace';

// The services a job needs are imported when it runs, not when the worker starts: a worker started for the
// Word register does not load the annual report's charts, the import readers or the requests service
// (about 1.2 s of module loading from source at every cold start, before the first export could begin).

export interface JobContext {
  /** Reports a step (shown in the window's progress bar); throws when the job was cancelled. */
  progress(step: string): void;
  /** Throws when the job was cancelled (called between steps and between long parts of a step). */
  checkpoint(): void;
  /** The main process's clock when the job was started. */
  now: Date;
  /** The workspace's passphrase, for a job that opens its own connection (the backup's copy). */
  passphrase: string;
}

/** The file methods that run as a job (api/contracts/exports.ts FILE_METHODS minus the calendars, which are small). */
export const FILE_JOB_METHODS = ['register.exportDocx', 'breaches.register', 'audit.exportCsv', 'requests.exportCsv'] as const;
const lang = z.enum(['fr', 'en']).optional();
const fileJobInput = z.discriminatedUnion('method', [
  z.object({ method: z.literal('register.exportDocx'), lang }).strict(),
  z.object({ method: z.literal('breaches.register'), format: z.enum(['docx', 'csv']), lang }).strict(),
  z.object({ method: z.literal('audit.exportCsv') }).strict(),
  z.object({ method: z.literal('requests.exportCsv'), lang }).strict(),
]);

const importPlanInput = z
  .object({
    fileName: z.string().min(1).max(255),
    bytes: z.instanceof(Uint8Array),
    mapping: z.array(z.string().nullable()).max(200).optional(),
    lang,
  })
  .strict();

function toExportJob(input: ExportJobInput): ExportJob {
  if (input.kind === 'annualReport') {
    const { logoBase64, ...rest } = input;
    return { ...rest, ...(logoBase64 ? { logo: new Uint8Array(Buffer.from(logoBase64, 'base64')) } : {}) };
  }
  return input;
}

/** A job: its input schema and its body (run in the worker; `ws` reads through the worker's connection). */
interface JobDefinition<I extends z.ZodType, O> {
  input: I;
  run(ws: Workspace, input: z.output<I>, ctx: JobContext): Promise<O>;
}
const job = <I extends z.ZodType, O>(d: JobDefinition<I, O>) => d;

export const JOBS = {
  /** An export of the Reports page (annual report, registers, CNIL pack): the file's bytes. */
  export: job({
    input: exportJobInput,
    run: async (ws, input, ctx) => (await import('../services/save-export')).makeExport(ws, toExportJob(input), { progress: ctx.progress, checkpoint: ctx.checkpoint, now: ctx.now }),
  }),
  /** A file another page downloads or saves (register in Word, breach register, change log, requests CSV). */
  file: job({
    input: fileJobInput,
    run: async (ws, input): Promise<{ fileName: string; contentBase64: string; breaches?: number; cases?: number; entries?: number }> => {
      switch (input.method) {
        case 'register.exportDocx':
          return new (await import('../services/register')).RegisterService(ws).exportDocx(input.lang);
        case 'breaches.register':
          return new (await import('../services/breaches')).BreachesService(ws).register(input.format, input.lang);
        case 'audit.exportCsv':
          return ws.exportAuditCsv();
        case 'requests.exportCsv':
          return new (await import('../services/requests')).RequestsService(ws).exportCsv(input.lang);
      }
    },
  }),
  /** Reads an import file and plans it (every row validated); writes nothing. */
  importPlan: job({
    input: importPlanInput,
    run: async (_ws, input) => (await import('../services/register-import')).previewImport({ fileName: input.fileName, bytes: input.bytes, mapping: input.mapping as ColumnMapping | undefined, lang: input.lang }),
  }),
  /**
   * A checked backup copy of the workspace (services/backups.ts), made here so the window keeps
   * answering while a large workspace is copied, checked and hashed (seconds at 100,000 requests):
   * the day's automatic one after an unlock, or one asked for in Settings. Null: a daily one was
   * made today already.
   */
  backup: job({
    input: z.object({ kind: z.enum(['daily', 'manual']) }).strict(),
    run: async (ws, input, ctx) => (await import('../services/backups')).createBackupOf({ path: ws.path, passphrase: ctx.passphrase, kind: input.kind, now: ctx.now, checkpoint: ctx.checkpoint }),
  }),
  /**
   * A sync snapshot of the whole log (sync/engine.ts writeSnapshot, when a colleague is approved or
   * removed): read on the worker's connection — one moment's entries, version vector and file
   * contents — and sealed there with this device's stored keys. The main process writes the file.
   */
  snapshot: job({
    input: z
      .object({
        epoch: z.number().int().min(1),
        seq: z.number().int().min(1),
        roster: z.array(z.object({ deviceId: z.string(), name: z.string(), ageRecipient: z.string(), signingPublicKey: z.string(), joinedEpoch: z.number().int().min(1), removedEpoch: z.number().int().nullable() }).strict()).min(1),
        recipients: z.array(z.string()).min(1),
        schemaVersion: z.number().int().min(1),
      })
      .strict(),
    run: async (ws, input, ctx) => {
      const { readAndSeal, snapshotBody, storedDeviceKeys } = await import('../sync/engine');
      const { sealSnapshot } = await import('../sync/open-file');
      const keys = await storedDeviceKeys(ws.raw, ws.deviceId);
      if (!keys) throw new Error('This device has no sync keys yet: the snapshot is written after its first sync.');
      ctx.progress('reading the change log');
      // The body is not held while the file is encrypted (readAndSeal).
      const started = readAndSeal(
        () => snapshotBody(ws.raw, { deviceId: ws.deviceId, workspaceId: ws.workspaceId, schemaVersion: input.schemaVersion }, input.epoch, input.seq, input.roster),
        (body) => {
          ctx.checkpoint();
          ctx.progress('sealing the snapshot');
          return sealSnapshot(body, keys, input.recipients);
        },
      );
      const sealed = await started.sealed;
      ctx.checkpoint();
      // Hashed here too: hundreds of megabytes for a large workspace.
      return { sealed, vector: started.vector, sha256: (await import('node:crypto')).createHash('sha256').update(sealed).digest('hex') };
    },
  }),
  /** `audit verify` on the worker's connection (db/audit.ts verifyAudit). */
  auditVerify: job({
    input: z.object({ from: z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict().optional() }).strict(),
    run: (ws, input, ctx) => verifyAudit(ws.db, { ...(input.from ? { from: input.from } : {}), progress: ctx.progress, checkpoint: ctx.checkpoint, hasher: startAuditHasher }),
  }),
} as const;

export type JobName = keyof typeof JOBS;
export type JobInput<N extends JobName> = z.input<(typeof JOBS)[N]['input']>;
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof JOBS)[N]['run']>>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
