/** The stored columns of a sync member (one device of a colleague). Pure: zod only. */
import { z } from 'zod';

export const MEMBER_STATUSES = ['active', 'removed'] as const;

export const memberRowSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** age X25519 recipient (`age1…`): new files are encrypted to it while the member is active. */
  age_recipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, { message: 'Not an age recipient (age1…).' }),
  /** Ed25519 public key (base64url, 43 characters) that verifies the member's files. */
  signing_public_key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'Not an Ed25519 public key.' }),
  /** Short code in the references this device allocates ('' for the founding device). */
  member_code: z.string().regex(/^[A-Z]{0,3}$/),
  status: z.enum(MEMBER_STATUSES),
  /** The key epoch from which the member's files are accepted and encrypted to them. */
  joined_epoch: z.number().int().min(1),
  /** The epoch their removal started (their files of that epoch and later are refused). */
  removed_epoch: z.number().int().min(2).nullable(),
  /** The device that approved the join ('' for the founding device). */
  approved_by: z.string().max(64),
});
export type MemberRow = z.infer<typeof memberRowSchema>;
