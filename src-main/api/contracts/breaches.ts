/** API methods of the breaches area ('breaches.<verb>'). Pure: zod and domain schemas only. */
import { z } from 'zod';
import { breachSchema } from '../../domain/breaches/breach';
import { bilingual, empty, type ContractFragment } from './shared';

const id = z.string().min(1).max(64);
const lang = z.enum(['fr', 'en']);
const file = z.object({ fileName: z.string(), contentBase64: z.string() });
const level = z.enum(['low', 'medium', 'high', 'very-high']);
const status = z.enum(['open', 'contained', 'closed']);
const authorityDecision = z.enum(['pending', 'notify', 'not-notify']);
const peopleDecision = z.enum(['pending', 'communicate', 'not-communicate']);

export const breachListItemSchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  status,
  awareAt: z.string(),
  timeZone: z.string(),
  notifyBy: z.string(),
  /** 'controller': a processor's breach (Art. 33(2)); notifyBy is then the contract's deadline to inform the controller, if known. */
  clock: z.enum(['authority', 'controller']),
  /** False for a processor's breach whose contract fixes no period: "without undue delay", no date. */
  deadlineKnown: z.boolean(),
  remainingMs: z.number(),
  clockRunning: z.boolean(),
  overdue: z.boolean(),
  processor: z.boolean(),
  severity: z.object({ score: z.number(), level }).nullable(),
  decisions: z.object({ authority: authorityDecision, people: peopleDecision }),
  firstNotifiedAt: z.string().nullable(),
  notifications: z.number(),
});

const computed = z.object({
  clock: z.enum(['authority', 'controller']),
  controllerNotices: z.array(
    z.object({ name: z.string(), contractHours: z.number().nullable(), informBy: z.string().nullable(), informedAt: z.string().nullable(), late: z.boolean(), controllerNotifyBy: z.string().nullable() }),
  ),
  notifyBy: z.string(),
  strictNotifyBy: z.string(),
  hours: z.number(),
  remainingMs: z.number(),
  clockRunning: z.boolean(),
  overdue: z.boolean(),
  notifiedLate: z.boolean(),
  firstNotifiedAt: z.string().nullable(),
  processor: z.boolean(),
  warnings: z.array(z.string()),
});

/** Input: the zone defaults to the breach's (update) or the workspace's (create). */
const breachInput = breachSchema.partial({ timeZone: true });

const draftField = z.object({ id: z.string(), label: z.string(), value: z.string().nullable(), required: z.boolean(), missing: z.boolean() });
const breachFileMeta = z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string(), note: z.string(), createdAt: z.string(), purged: z.boolean() });
const vocab = z.array(z.object({ id: z.string(), fr: z.string(), en: z.string() }));

export const breachesContract = {
  'breaches.list': {
    /** With a limit, one page in the list's order from the stored clocks (SQL); without, every live breach. */
    input: z.object({ limit: z.number().int().min(1).max(1000).optional(), cursor: z.string().max(2000).optional() }).strict(),
    output: z.object({ now: z.string(), hours: z.number(), timeZone: z.string(), items: z.array(breachListItemSchema), total: z.number(), nextCursor: z.string().nullable() }),
  },
  'breaches.get': {
    input: z.object({ id }).strict(),
    output: z.object({
      id: z.string(),
      breach: breachSchema.extend({ reference: z.string() }),
      computed,
      summary: breachListItemSchema,
      activities: z.array(z.object({ id: z.string(), reference: z.string(), name: z.string(), role: z.string(), clientControllers: z.array(z.string()) })),
      clientControllers: z.array(z.string()),
      /** Evidence files kept with the breach (content via breaches.file). */
      files: z.array(breachFileMeta),
      createdAt: z.string(),
      updatedAt: z.string(),
      now: z.string(),
    }),
  },
  'breaches.create': { input: z.object({ breach: breachInput }).strict(), output: z.object({ id: z.string(), reference: z.string() }) },
  'breaches.update': { input: z.object({ id, breach: breachInput }).strict(), output: z.object({ changed: z.array(z.string()) }) },
  'breaches.delete': { input: z.object({ id, reason: z.string().max(500).optional() }).strict(), output: z.object({}) },
  /** Keeps an evidence file with the breach, inside the workspace (15 MiB at most, checked before decoding). */
  'breaches.addFile': {
    input: z
      .object({
        id,
        fileName: z.string().trim().min(1).max(255),
        // 15 MiB of file is 20 MiB of base64; the service gives the clear size error, this bound only stops absurd payloads.
        contentBase64: z.string().max(32 * 1024 * 1024),
        mediaType: z.string().max(200).optional(),
        note: z.string().max(1000).optional(),
      })
      .strict(),
    output: breachFileMeta,
  },
  /** One evidence file with its content (download). */
  'breaches.file': { input: z.object({ id }).strict(), output: file.extend({ mediaType: z.string(), sha256: z.string() }) },
  /** Moves an evidence file to the trash. */
  'breaches.removeFile': { input: z.object({ id, reason: z.string().max(500).optional() }).strict(), output: z.object({}) },
  /** CNIL draft (controller) or notice to the controller (processor): the copyable text, the missing fields and the DOCX. */
  'breaches.draft': {
    input: z.object({ id, lang: lang.optional() }).strict(),
    output: file.extend({
      kind: z.enum(['cnil', 'controller-notice']),
      title: z.string(),
      formatVersion: z.number(),
      text: z.string(),
      sections: z.array(z.object({ id: z.string(), number: z.number(), title: z.string(), fields: z.array(draftField) })),
      missing: z.array(z.object({ section: z.string(), sectionNumber: z.number(), field: z.string(), label: z.string() })),
    }),
  },
  'breaches.letter': { input: z.object({ id, lang }).strict(), output: file.extend({ missing: z.array(z.string()) }) },
  /** Art. 34(3)(c): public communication instead of individual letters. */
  'breaches.publicNotice': { input: z.object({ id, lang }).strict(), output: file.extend({ missing: z.array(z.string()) }) },
  'breaches.register': { input: z.object({ format: z.enum(['docx', 'csv']), lang: lang.optional() }).strict(), output: file.extend({ breaches: z.number() }) },
  'breaches.summary': {
    input: empty,
    output: z.object({
      open: z.number(),
      clocksRunning: z.array(z.object({ id: z.string(), reference: z.string(), notifyBy: z.string() })),
      overdueNotifications: z.number(),
      byStatus: z.object({ open: z.number(), contained: z.number(), closed: z.number() }),
    }),
  },
  'breaches.reference': {
    input: empty,
    output: z.object({
      formatVersion: z.number(),
      checkedOn: z.string(),
      sections: z.array(z.object({ id: z.string(), number: z.number(), title: bilingual, fields: z.array(z.object({ id: z.string(), label: bilingual, source: z.string(), required: z.boolean() })) })),
      vocabularies: z.record(z.string(), vocab),
    }),
  },
} as const satisfies ContractFragment;
