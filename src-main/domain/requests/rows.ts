/** The stored columns of the requests area (validated by the one write path). Pure: zod only. */
import { z } from 'zod';
import { isIsoDate } from '../calendar';
import { REFERENCE_PATTERNS } from '../references';
import { ATTACHMENT_PURPOSES, CHANNELS, DIRECTIONS, EVENT_KINDS, LETTER_TYPES, OUTCOMES } from './case';

const date = z.string().refine(isIsoDate, { message: 'Use a date written YYYY-MM-DD.' });

export const requestRowSchema = z.object({
  reference: z.string().regex(REFERENCE_PATTERNS.DSAR, { message: 'A reference reads DSAR-YYYY-NNNN.' }),
  requester_name: z.string().trim().min(1).max(200),
  /** JSON array of rights (list filter). */
  rights: z.array(z.string()).min(1),
  channel: z.enum(CHANNELS),
  received_on: date,
  jurisdiction: z.string().max(10).nullable(),
  extended_on: date.nullable(),
  response_sent_on: date.nullable(),
  /** The column's CHECK lists the first four outcomes; 'transferred' lives in the details only. */
  outcome: z.enum(OUTCOMES.filter((o) => o !== 'transferred') as ['fulfilled', 'partly', 'refused', 'no-data']).nullable(),
  /** JSON: the rest of the case file (contacts, identity, scope, tasks, extension, notes…). */
  details: z.record(z.string(), z.unknown()),
});

export const requestEventRowSchema = z.object({
  request_id: z.string().min(1),
  occurred_on: date,
  kind: z.enum(EVENT_KINDS),
  direction: z.enum(DIRECTIONS),
  summary: z.string().trim().max(4000),
  attachment_id: z.string().nullable(),
});

export const attachmentRowSchema = z.object({
  request_id: z.string().min(1),
  file_name: z.string().trim().min(1).max(255),
  media_type: z.string().max(200),
  size: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  letter_type: z.enum(LETTER_TYPES).nullable(),
  /** The file, base64: see migration 0003 for why not a BLOB; '' once purged by a retention rule (its sha256 stays). */
  content: z.string(),
  /** Why the file is held (migration 0006): an identity document is deleted as soon as the check is recorded. */
  purpose: z.enum(ATTACHMENT_PURPOSES).nullable().optional(),
});
