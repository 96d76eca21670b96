/** API methods of the requests area ('requests.<verb>'). Pure: zod and domain schemas only. */
import { z } from 'zod';
import { ATTACHMENT_PURPOSES, CHANNELS, DIRECTIONS, dsarCaseSchema, EVENT_KINDS, LETTER_TYPES, OUTCOMES, RIGHTS, STATUS_FILTERS } from '../../domain/requests/case';
import { bilingual, empty, isoDate, type ContractFragment } from './shared';

const status = z.enum(['on-track', 'due-soon', 'overdue', 'extended', 'closed']);
const lang = z.enum(['fr', 'en']);

const explanation = z.object({
  from: isoDate,
  months: z.number(),
  rawDate: isoDate,
  clamped: z.boolean(),
  skipped: z.array(z.object({ date: isoDate, kind: z.enum(['saturday', 'sunday', 'holiday']), name: z.string() })),
  result: isoDate,
  steps: z.object({ fr: z.array(z.string()), en: z.array(z.string()) }),
});

const deadlines = z.object({
  received: isoDate,
  jurisdiction: z.string(),
  oneMonth: isoDate,
  threeMonths: isoDate,
  threeMonthsPrudent: isoDate,
  extensionNoticeBy: isoDate,
  paused: z.object({ days: z.number(), oneMonth: isoDate, threeMonths: isoDate, infoRequestedOn: isoDate, infoReceivedOn: isoDate }).optional(),
  explanation: z.object({ oneMonth: explanation, threeMonths: explanation, threeMonthsPrudent: explanation, paused: z.object({ oneMonth: explanation, threeMonths: explanation }).optional() }),
});

export const caseListItemSchema = z.object({
  id: z.string(),
  reference: z.string(),
  requester: z.string(),
  rights: z.array(z.enum(RIGHTS)),
  channel: z.enum(CHANNELS),
  jurisdiction: z.string(),
  received: isoDate,
  oneMonth: isoDate,
  threeMonths: isoDate,
  threeMonthsPrudent: isoDate,
  extensionNoticeBy: isoDate,
  paused: z.object({ days: z.number(), oneMonth: isoDate, threeMonths: isoDate }).optional(),
  dueDate: isoDate,
  status,
  calendarDaysLeft: z.number(),
  workingDaysLeft: z.number(),
  extended: z.boolean(),
  extensionNotifiedOn: isoDate.nullable(),
  closed: z.boolean(),
  awaitingIdentity: z.boolean(),
  responseSentOn: isoDate.nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  warnings: z.array(z.string()),
  /** Internal response target (workspace setting), shown beside the legal deadline; null when none is set. */
  target: z.object({ days: z.number(), on: isoDate }).nullable(),
  targetMissed: z.boolean(),
});

const file = z.object({ fileName: z.string(), contentBase64: z.string() });
const id = z.string().min(1).max(64);

export const requestsContract = {
  'requests.list': {
    input: z
      .object({
        status: z.enum(STATUS_FILTERS).optional(),
        right: z.enum(RIGHTS).optional(),
        text: z.string().max(200).optional(),
        /** The due date in force within [dueFrom, dueTo] (the calendar asks for one month). */
        dueFrom: isoDate.optional(),
        dueTo: isoDate.optional(),
        sort: z.enum(['deadline', 'received']).optional(),
        /** With a limit, one page from the stored deadlines (SQL); without, every matching case. */
        limit: z.number().int().min(1).max(1000).optional(),
        cursor: z.string().max(2000).optional(),
      })
      .strict(),
    output: z.object({ today: isoDate, items: z.array(caseListItemSchema), total: z.number(), nextCursor: z.string().nullable() }),
  },
  'requests.get': {
    input: z.object({ id, lang: lang.optional() }).strict(),
    output: z.object({
      id: z.string(),
      reference: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
      case: dsarCaseSchema,
      jurisdictionSource: z.enum(['case', 'profile']),
      summary: caseListItemSchema,
      deadlines,
      warnings: z.array(z.object({ code: z.string(), message: bilingual })),
      events: z.array(z.object({ id: z.string(), occurredOn: isoDate, kind: z.string(), direction: z.enum(DIRECTIONS), summary: z.string(), attachmentId: z.string().nullable() })),
      attachments: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string(), letterType: z.string().nullable(), createdAt: z.string(), purpose: z.enum(ATTACHMENT_PURPOSES).nullable(), purged: z.boolean() })),
      /** Litigation holds in force on this case or its files (retention purge postponed). */
      holds: z.array(z.object({ id: z.string(), reason: z.string(), placedOn: isoDate })),
      today: isoDate,
    }),
  },
  'requests.create': { input: z.object({ case: dsarCaseSchema }).strict(), output: caseListItemSchema.extend({ explanation: deadlines.shape.explanation }) },
  'requests.update': { input: z.object({ id, case: dsarCaseSchema }).strict(), output: z.object({ changed: z.array(z.string()) }) },
  'requests.delete': { input: z.object({ id, reason: z.string().max(500).optional() }).strict(), output: z.object({}) },
  'requests.addEvent': {
    input: z
      .object({
        id,
        occurredOn: isoDate,
        kind: z.enum(EVENT_KINDS),
        direction: z.enum(DIRECTIONS),
        summary: z.string().trim().max(4000),
        // Up to the harness request limit; the service refuses over 15 MiB of file with a clear message.
        attachment: z.object({ fileName: z.string().trim().min(1).max(255), contentBase64: z.string().max(32 * 1024 * 1024), mediaType: z.string().max(200).optional(), purpose: z.enum(ATTACHMENT_PURPOSES).optional() }).strict().optional(),
      })
      .strict(),
    output: z.object({ id: z.string(), attachmentId: z.string().nullable() }),
  },
  'requests.attachment': { input: z.object({ id }).strict(), output: file.extend({ mediaType: z.string() }) },
  'requests.letter': {
    // draft: produce the letter even when required content is missing, marked « PROJET » on every page.
    input: z.object({ id, type: z.enum(LETTER_TYPES), lang: lang.optional(), draft: z.boolean().optional() }).strict(),
    output: file.extend({ attachmentId: z.string(), eventId: z.string(), draft: z.boolean(), missing: z.array(z.string()) }),
  },
  'requests.summary': {
    input: empty,
    output: z.object({
      today: isoDate,
      open: z.number(),
      dueThisWeek: z.number(),
      overdue: z.number(),
      awaitingIdentity: z.number(),
      extensionNoticesDue: z.number(),
      countsByRight: z.record(z.enum(RIGHTS), z.number()),
      onTimeRate: z.number().nullable(),
      medianDaysToRespond: z.number().nullable(),
      answeredLast12Months: z.number(),
      /** Answered within the internal target (12 months); null when no target is set. */
      onTargetRate: z.number().nullable(),
      /** Open cases past their internal target (not necessarily overdue). */
      targetMissedOpen: z.number(),
    }),
  },
  'requests.ics': { input: empty, output: file.extend({ events: z.number() }) },
  'requests.exportCsv': { input: empty, output: file.extend({ cases: z.number() }) },
} as const satisfies ContractFragment;
