import { z } from 'zod';
import { BACKUP_KINDS } from '../../domain/backup-rotation';
import { empty, type ContractFragment } from './shared';

export const backupInfoSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  path: z.string(),
  kind: z.enum(BACKUP_KINDS),
  createdAt: z.string(),
  size: z.number(),
  schemaVersion: z.number().nullable(),
  verified: z.boolean(),
});

const auditSummary = z.object({ ok: z.boolean(), entries: z.number(), firstBroken: z.object({ reason: z.string() }).passthrough().optional() });

/** Backups of the open workspace (issue 12): list, "Back up now", restore. */
export const backupsContract = {
  'backups.list': {
    input: empty,
    output: z.object({
      folder: z.string(),
      schemaVersion: z.number(),
      items: z.array(backupInfoSchema),
      /** Why the day's automatic backup could not be made, if it could not. */
      warning: z.string().optional(),
    }),
  },
  'backups.create': { input: empty, output: backupInfoSchema },
  'backups.restore': {
    input: z
      .object({ id: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, { message: 'Not a backup identifier.' }) })
      .strict(),
    output: z.object({
      restored: backupInfoSchema,
      safetyCopy: backupInfoSchema.nullable(),
      quickCheck: z.string(),
      audit: auditSummary,
      verified: z.boolean(),
    }),
  },
} as const satisfies ContractFragment;
