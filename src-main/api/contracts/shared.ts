/** Building blocks shared by the contract fragments. Pure: zod only. */
import { z } from 'zod';

export const empty = z.object({}).strict();
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date as YYYY-MM-DD.' });
export const bilingual = z.object({ fr: z.string(), en: z.string() });

/** A contract fragment: `'<area>.<verb>' → { input, output }`. */
export type ContractFragment = Record<string, { input: z.ZodType; output: z.ZodType }>;
