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
    /**
     * Without `path`: restores into the open workspace. With `path` and `passphrase`: restores into a
     * workspace that does not open (damaged, empty), from the welcome screen; it is then opened.
     */
    input: z
      .object({
        id: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, { message: 'Not a backup identifier.' }),
        path: z
          .string()
          .trim()
          .min(1)
          .max(1024)
          .refine((p) => p.endsWith('.vigie'), { message: 'A workspace file name must end with .vigie.' })
          .optional(),
        passphrase: z.string().min(1).max(1024).optional(),
      })
      .strict()
      .refine((v) => (v.path === undefined) === (v.passphrase === undefined), { message: 'Give both the workspace path and its passphrase, or neither.', path: ['passphrase'] }),
    output: z.object({
      restored: backupInfoSchema,
      safetyCopy: backupInfoSchema.nullable(),
      quickCheck: z.string(),
      audit: auditSummary,
      verified: z.boolean(),
    }),
  },
} as const satisfies ContractFragment;
