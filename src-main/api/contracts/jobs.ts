/**
 * API methods of the job runner ('jobs.<verb>'): heavy work (exports, an import's reading, audit
 * verify, backups) runs in a worker thread (src-main/jobs/); the window asks which jobs run and at which
 * step (the web harness has no event channel, so its progress bar polls jobs.list) and may cancel
 * one. At most one job of each name runs at a time. Pure: zod only.
 */
import { z } from 'zod';
import { empty, type ContractFragment } from './shared';

export const JOB_NAMES = ['export', 'file', 'importPlan', 'auditVerify', 'backup', 'snapshot'] as const;
export type JobNameWire = (typeof JOB_NAMES)[number];

const jobStatus = z.object({
  id: z.string(),
  name: z.enum(JOB_NAMES),
  step: z.string().optional(),
  index: z.number(),
  total: z.number().optional(),
  startedAt: z.string(),
});

export const jobsContract = {
  'jobs.list': { input: empty, output: z.object({ items: z.array(jobStatus) }) },
  'jobs.cancel': { input: z.object({ name: z.enum(JOB_NAMES) }).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const satisfies ContractFragment;
