import { z } from 'zod';

/**
 * The columns of an `activities` row as the write path validates them. The structured Art. 30
 * content lives in `details`; the register service validates it with the activity schema before
 * it reaches the write path.
 */
export const activityRowSchema = z.object({
  reference: z.string().trim().min(1, { message: 'A reference is required (e.g. T-001).' }).max(40),
  name: z.string().trim().min(1, { message: 'A name is required.' }).max(200),
  role: z.enum(['controller', 'joint-controller', 'processor']),
  status: z.enum(['draft', 'active', 'retired']),
  owner: z.string().trim().max(200),
  review_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date as YYYY-MM-DD.' })
    .nullable(),
  details: z.record(z.string(), z.unknown()),
});

export type ActivityRow = z.infer<typeof activityRowSchema>;
