/** The stored columns of the breaches area (validated by the one write path). Pure: zod only. */
import { z } from 'zod';
import { AUTHORITY_DECISIONS, BREACH_STATUSES } from './breach';

const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, { message: 'Use a UTC instant (…Z).' });

export const breachRowSchema = z.object({
  reference: z.string().regex(/^BR-\d{4}-\d{3,}$/, { message: 'A reference reads BR-YYYY-NNN.' }),
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
