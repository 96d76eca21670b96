/** API methods of the vendors area ('vendors.<verb>'). Pure: zod and domain schemas only. */
import { z } from 'zod';
import { RISK_LEVELS, VENDOR_ROLES, contractFileSchema, vendorInputSchema } from '../../domain/vendors/vendor';
import { VENDOR_VIEWS } from '../../domain/vendors/warnings';
import { bilingual, empty, isoDate, type ContractFragment } from './shared';

const id = z.string().min(1).max(40);

export const vendorWarningSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: bilingual,
  article: z.string(),
  transferId: z.string().optional(),
  country: z.string().optional(),
});

const art28Completeness = z.object({
  applicable: z.boolean(),
  total: z.number(),
  present: z.number(),
  partial: z.number(),
  missing: z.number(),
  unchecked: z.number(),
  score: z.number(),
  missingIds: z.array(z.string()),
  partialIds: z.array(z.string()),
  uncheckedIds: z.array(z.string()),
});

const summaryItem = z.object({
  id: z.string(),
  name: z.string(),
  legalEntity: z.string(),
  role: z.enum(VENDOR_ROLES),
  country: z.string(),
  risk: z.enum(RISK_LEVELS).nullable(),
  nextReviewOn: z.string().nullable(),
  updatedAt: z.string(),
  transfers: z.number(),
  thirdCountries: z.array(z.string()),
  errors: z.number(),
  warnings: z.number(),
  warningCodes: z.array(z.string()),
  art28Score: z.number().nullable(),
});

const download = z.object({ fileName: z.string(), contentBase64: z.string() });
const basis = z.enum(['eea', 'adequacy', 'adequacy-dpf', 'safeguard-required']);

export const vendorsContract = {
  'vendors.list': {
    /** All optional: without `limit`, every matching vendor (scripts, pickers); with it, one page and its cursor. */
    input: z
      .object({
        view: z.enum(VENDOR_VIEWS).optional(),
        text: z.string().max(200).optional(),
        /** Only these vendors (a picker's chosen ones, to name them). */
        ids: z.array(z.string().min(1).max(64)).max(1000).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        cursor: z.string().max(2000).optional(),
      })
      .strict(),
    output: z.object({ today: isoDate, items: z.array(summaryItem), total: z.number(), nextCursor: z.string().nullable() }),
  },
  'vendors.get': {
    input: z.object({ id }).strict(),
    output: z.object({ id: z.string(), vendor: vendorInputSchema, warnings: z.array(vendorWarningSchema), art28: art28Completeness, createdAt: z.string(), updatedAt: z.string() }),
  },
  'vendors.check': { input: z.object({ vendor: vendorInputSchema }).strict(), output: z.object({ warnings: z.array(vendorWarningSchema), art28: art28Completeness }) },
  'vendors.create': { input: z.object({ vendor: vendorInputSchema }).strict(), output: z.object({ id: z.string() }) },
  'vendors.update': { input: z.object({ id, vendor: vendorInputSchema }).strict(), output: z.object({ changed: z.array(z.string()) }) },
  'vendors.remove': { input: z.object({ id, reason: z.string().max(500).optional() }).strict(), output: z.object({}) },
  'vendors.uploadContract': {
    input: z.object({ id, fileName: z.string().trim().min(1).max(255), mime: z.string().max(200).optional(), contentBase64: z.string() }).strict(),
    output: contractFileSchema,
  },
  'vendors.downloadContract': { input: z.object({ id }).strict(), output: download.extend({ mime: z.string() }) },
  'vendors.summary': {
    input: empty,
    output: z.object({ vendors: z.number(), withWarnings: z.number(), reviewsOverdue: z.number(), transfersWithoutTool: z.number() }),
  },
  'vendors.transfersByCountry': {
    input: empty,
    output: z.object({
      items: z.array(
        z.object({
          country: z.string(),
          basis,
          adequacy: z.object({ decision: z.string(), date: z.string() }).nullable(),
          vendors: z.array(
            z.object({ id: z.string(), name: z.string(), transferId: z.string().nullable(), tool: z.string().nullable(), sccModule: z.number().nullable(), tiaOutcome: z.string().nullable(), problems: z.number() }),
          ),
        }),
      ),
    }),
  },
  'vendors.adequacy': {
    input: empty,
    output: z.object({
      checkedOn: isoDate,
      reference: z.array(
        z.object({
          code: z.string(),
          name: bilingual,
          decision: z.string(),
          decisionFr: z.string(),
          date: z.string(),
          scope: z.string(),
          scopeNote: bilingual,
          /** False: the team could not check this reference; shown « à vérifier ». */
          verified: z.boolean(),
          verificationNote: z.string().nullable(),
        }),
      ),
      overrides: z.array(
        z.object({ id: z.string(), code: z.string(), adequate: z.boolean(), decision: z.string(), decisionDate: z.string().nullable(), note: z.string(), checkedOn: z.string(), referenceDecision: z.string().nullable() }),
      ),
    }),
  },
  'vendors.setOverride': {
    input: z
      .object({ code: z.string().min(2).max(2), adequate: z.boolean(), decision: z.string().max(400).optional(), decisionDate: isoDate.nullable().optional(), note: z.string().max(2000).optional(), checkedOn: isoDate })
      .strict(),
    output: z.object({ id: z.string() }),
  },
  'vendors.removeOverride': { input: z.object({ code: z.string().min(2).max(2) }).strict(), output: z.object({}) },
  'vendors.transferCheck': {
    input: z.object({ country: z.string().min(1).max(10), dpfCertified: z.boolean().optional() }).strict(),
    output: z.object({ country: z.string(), inEEA: z.boolean(), adequacy: z.object({ decision: z.string(), date: z.string() }).nullable(), requiresSafeguard: z.boolean(), basis, explanation: bilingual }),
  },
  'vendors.tiaDocx': { input: z.object({ id, transferId: z.string().min(1).max(40), lang: z.enum(['fr', 'en']).optional() }).strict(), output: download },
  'vendors.reference': {
    input: empty,
    output: z.object({
      art28: z.array(z.object({ id: z.string(), article: z.string(), mandatory: z.boolean(), label: bilingual, explanation: bilingual })),
      sccModules: z.array(z.object({ module: z.number(), id: z.string(), label: bilingual })),
      art46Tools: z.array(z.object({ id: z.string(), article: z.string(), label: bilingual })),
      derogations: z.array(z.object({ id: z.string(), article: z.string(), label: bilingual })),
      tiaSteps: z.array(z.object({ step: z.number(), id: z.string(), neededWithAdequacy: z.boolean(), title: bilingual, questions: z.object({ fr: z.array(z.string()), en: z.array(z.string()) }) })),
      tiaStepsNote: bilingual,
      tiaOutcomes: z.array(z.object({ id: z.string(), label: bilingual })),
      transferTools: z.array(z.string()),
      certifications: z.array(z.object({ id: z.string(), label: z.string() })),
      adequacyCheckedOn: isoDate,
      countries: z.array(z.object({ code: z.string(), name: bilingual, inEEA: z.boolean() })),
    }),
  },
} as const satisfies ContractFragment;
