/** The stored columns of the breaches area (validated by the one write path). Pure: zod only. */
import { REFERENCE_PATTERNS } from '../references';
import { z } from 'zod';
import { AUTHORITY_DECISIONS, BREACH_STATUSES } from './breach';

const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, { message: 'Use a UTC instant (…Z).' });

export const breachRowSchema = z.object({
  reference: z.string().regex(REFERENCE_PATTERNS.BR, { message: 'A reference reads BR-YYYY-NNN.' }),
  title: z.string().trim().min(1).max(200),
  status: z.enum(BREACH_STATUSES),
  aware_at: instant,
  time_zone: z.string().min(1).max(64),
  discovered_at: instant.nullable(),
  severity_level: z.enum(['low', 'medium', 'high', 'very-high']).nullable(),
  authority_decision: z.enum(AUTHORITY_DECISIONS),
  first_notified_at: instant.nullable(),
  /** JSON: the rest of the breach record (nature, cause, data, decisions, notifications…). */
  details: z.record(z.string(), z.unknown()),
});

/** Most a breach evidence file may weigh (the same limit as a rights request's attachments). */
export const BREACH_FILE_MAX_BYTES = 15 * 1024 * 1024;

/** An evidence file of a breach (migration 0008). */
export const breachFileRowSchema = z.object({
  breach_id: z.string().min(1),
  file_name: z.string().trim().min(1).max(255),
  media_type: z.string().max(200),
  size: z.number().int().min(1).max(BREACH_FILE_MAX_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  note: z.string().trim().max(1000),
  /** The file, base64: see migration 0003 for why not a BLOB. */
  content: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'expected base64' }),
});
