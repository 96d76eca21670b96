/** The dashboard's Today list and the global search of the command palette. Pure: zod and domain constants only. */
import { z } from 'zod';
import { SEARCH_AREAS } from '../../domain/search';
import { TODAY_AREAS, TODAY_KINDS, URGENCIES } from '../../domain/today';
import { isoDate, type ContractFragment } from './shared';

/** Items of a Today page when the window does not say (and the most it may ask for). */
export const TODAY_PAGE = 50;
export const TODAY_MAX_PAGE = 500;

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
  /**
   * The actions due across the areas, most urgent first (domain/today.ts), one page at a time: `counts`
   * per urgency are the whole list's, `total` counts the items of the filter (`urgency`), `nextCursor`
   * gives the next page (null: none left). Without `limit`, the first TODAY_PAGE items.
   */
  'dashboard.today': {
    input: z
      .object({
        urgency: z.enum(URGENCIES).optional(),
        limit: z.number().int().min(1).max(TODAY_MAX_PAGE).default(TODAY_PAGE),
        cursor: z.string().min(1).max(1000).optional(),
      })
      .strict(),
    output: z.object({
      today: isoDate,
      timeZone: z.string(),
      items: z.array(todayItemSchema).max(TODAY_MAX_PAGE),
      counts: z.record(z.enum(URGENCIES), z.number().int().min(0)),
      total: z.number().int().min(0),
      nextCursor: z.string().nullable(),
    }),
  },
  /** Activities, requests, vendors and breaches whose name or reference matches, best first. */
  'search.query': {
    input: z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(100).optional() }).strict(),
    output: z.object({
      items: z.array(z.object({ area: z.enum(SEARCH_AREAS), id: z.string(), reference: z.string(), label: z.string(), detail: z.string(), score: z.number() })),
    }),
  },
} as const satisfies ContractFragment;
