/** The dashboard's Today list and the global search of the command palette. Pure: zod and domain constants only. */
import { z } from 'zod';
import { SEARCH_AREAS } from '../../domain/search';
import { TODAY_AREAS, TODAY_KINDS, URGENCIES } from '../../domain/today';
import { empty, isoDate, type ContractFragment } from './shared';

export const todayItemSchema = z.object({
  key: z.string(),
  kind: z.enum(TODAY_KINDS),
  area: z.enum(TODAY_AREAS),
  recordId: z.string(),
  reference: z.string(),
  label: z.string(),
  due: isoDate.nullable(),
  dueAt: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  daysLeft: z.number().nullable(),
  detail: z.string().nullable(),
});

export const todayContract = {
  /** Every action due across the areas, most urgent first (domain/today.ts). */
  'dashboard.today': {
    input: empty,
    output: z.object({ today: isoDate, timeZone: z.string(), items: z.array(todayItemSchema), counts: z.record(z.enum(URGENCIES), z.number()) }),
  },
  /** Activities, requests, vendors and breaches whose name or reference matches, best first. */
  'search.query': {
    input: z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(100).optional() }).strict(),
    output: z.object({
      items: z.array(z.object({ area: z.enum(SEARCH_AREAS), id: z.string(), reference: z.string(), label: z.string(), detail: z.string(), score: z.number() })),
    }),
  },
} as const satisfies ContractFragment;
