/** API methods of the reports area ('reports.<verb>'): figures, annual report, registers, CNIL pack. Pure: zod only. */
import { z } from 'zod';
import { bilingual, isoDate, type ContractFragment } from './shared';

const counts = z.record(z.string(), z.number());
const period = z.object({ from: isoDate, to: isoDate });
const issue = z.object({ code: z.string(), severity: z.enum(['error', 'warning']), article: z.string(), message: bilingual });

const requestFigures = z.object({
  received: z.number(),
  answered: z.number(),
  answeredOnTime: z.number(),
  onTimeRate: z.number().nullable(),
  medianDays: z.number().nullable(),
  perMonth: z.array(z.object({ month: z.string(), received: z.number(), answered: z.number(), answeredOnTime: z.number(), onTimeRate: z.number().nullable(), medianDays: z.number().nullable() })),
  perRight: counts,
  overdueNow: z.array(z.object({ reference: z.string(), receivedOn: isoDate, dueDate: isoDate })),
  answeredLate: z.number(),
  extended: z.number(),
  refusals: z.array(z.object({ reference: z.string(), outcome: z.enum(['refused', 'partly']), reasons: z.string() })),
  outcomes: counts,
});

const breachFigures = z.object({
  count: z.number(),
  bySeverity: counts,
  byCause: counts,
  notified: z.number(),
  notNotified: z.array(z.object({ reference: z.string(), reason: z.string() })),
  pendingDecision: z.number(),
  hoursToNotify: z.array(z.object({ reference: z.string(), hours: z.number(), limit: z.number(), late: z.boolean() })),
  notifiedWithinLimit: z.number(),
  medianHoursToNotify: z.number().nullable(),
  overdueNow: z.number(),
  lessons: z.array(z.object({ reference: z.string(), text: z.string() })),
  openFollowUps: z.array(z.object({ reference: z.string(), action: z.string(), owner: z.string(), due: isoDate.nullable() })),
});

export const figuresSchema = z.object({
  organisation: z.string(),
  period,
  previousPeriod: period,
  today: isoDate,
  register: z.object({
    activities: z.number(),
    byRole: counts,
    byLegalBasis: counts,
    byDepartment: counts,
    score: z.number(),
    complete: z.number(),
    toFix: z.array(z.object({ reference: z.string(), name: z.string(), score: z.number(), owner: z.string().nullable(), issues: z.array(issue) })),
    dpia: z.object({
      required: z.number(),
      likely: z.number(),
      notIndicated: z.number(),
      done: z.number(),
      due: z.array(z.object({ reference: z.string(), name: z.string(), result: z.enum(['required', 'likely']), owner: z.string().nullable() })),
    }),
  }),
  requests: requestFigures,
  requestsPrevious: requestFigures,
  breaches: breachFigures,
  breachesPrevious: breachFigures,
  vendors: z.object({
    vendors: z.number(),
    transfers: z.number(),
    transfersByTool: counts,
    transfersByCountry: counts,
    dpf: z.object({ checked: z.number(), stale: z.number(), missing: z.number() }),
    missingArt28: z.array(z.object({ vendor: z.string(), missing: z.number(), unchecked: z.number(), clauses: z.array(z.string()) })),
    reviewsOverdue: z.array(z.object({ vendor: z.string(), due: isoDate })),
    tiasDue: z.array(z.object({ vendor: z.string(), country: z.string(), reason: z.enum(['pending', 'reevaluation', 'missing']) })),
  }),
  actionPlan: z.array(
    z.object({ priority: z.union([z.literal(1), z.literal(2), z.literal(3)]), area: z.enum(['register', 'dpia', 'requests', 'breaches', 'vendors']), subject: z.string(), action: bilingual, article: z.string(), owner: z.string(), due: isoDate.nullable() }),
  ),
  keyFigures: z.array(
    z.object({
      id: z.string(),
      label: bilingual,
      value: z.number().nullable(),
      previous: z.number().nullable().optional(),
      unit: z.enum(['count', 'percent', 'days', 'score']),
      higherIsBetter: z.boolean().nullable(),
    }),
  ),
  decisions: z.array(z.object({ id: z.string(), weight: z.number(), text: bilingual })),
});

const periodInput = { from: isoDate.optional(), to: isoDate.optional() };
export const langInput = z.enum(['fr', 'en']).optional();
export const fileOutput = z.object({ fileName: z.string(), contentBase64: z.string(), bytes: z.number() });

export const PACK_PARTS = ['register', 'dpia', 'breaches', 'requests', 'vendors', 'tia', 'security', 'organisation', 'changelog'] as const;
export type PackPart = (typeof PACK_PARTS)[number];

export const reportsContract = {
  'reports.figures': { input: z.object(periodInput).strict(), output: figuresSchema },
  'reports.annualReport': {
    input: z.object({ ...periodInput, lang: langInput, logoBase64: z.string().max(4_000_000).optional() }).strict(),
    output: fileOutput,
  },
  'reports.register': { input: z.object({ format: z.enum(['docx', 'xlsx', 'ods', 'csv']), lang: langInput }).strict(), output: fileOutput },
  'reports.requests': { input: z.object({ format: z.enum(['docx', 'xlsx', 'csv']), lang: langInput }).strict(), output: fileOutput },
  'reports.vendors': { input: z.object({ format: z.enum(['docx', 'xlsx', 'csv']), lang: langInput }).strict(), output: fileOutput },
  'reports.cnilPack': {
    input: z.object({ ...periodInput, parts: z.array(z.enum(PACK_PARTS)).min(1).optional() }).strict(),
    output: fileOutput.extend({ files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number() })) }),
  },
} as const satisfies ContractFragment;
