/**
 * A vendor (processor, sub-processor, joint controller or independent recipient) as the DPO records
 * it: identity, hosting, sub-processors, certifications, the Art. 28(3) contract checklist and the
 * Chapter V transfers with their transfer impact assessments. Pure: zod and the transfer reference.
 */
import { z } from 'zod';
import { ART28_CHECKLIST, TIA_STEPS, TRANSFER_TOOLS, isIsoDate, normalizeCountryCode, type TiaOutcome } from '../transfers';

export const VENDOR_ROLES = ['processor', 'sub-processor', 'joint-controller', 'independent-recipient'] as const;
export type VendorRole = (typeof VENDOR_ROLES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ART28_STATUSES = ['present', 'partial', 'missing'] as const;
export type Art28Status = (typeof ART28_STATUSES)[number];

export const AUDIT_RIGHTS = ['unknown', 'full', 'limited', 'none'] as const;

export const CERTIFICATION_KINDS = ['iso27001', 'iso27701', 'iso27017', 'iso27018', 'soc2', 'soc1', 'hds', 'secnumcloud', 'csa-star', 'pci-dss', 'other'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

/** Display names of the certifications (the same in French and English: they are proper names). */
export const CERTIFICATION_LABELS: Record<CertificationKind, string> = {
  iso27001: 'ISO/IEC 27001',
  iso27701: 'ISO/IEC 27701',
  iso27017: 'ISO/IEC 27017',
  iso27018: 'ISO/IEC 27018',
  soc2: 'SOC 2',
  soc1: 'SOC 1',
  hds: 'HDS',
  secnumcloud: 'SecNumCloud',
  'csa-star': 'CSA STAR',
  'pci-dss': 'PCI DSS',
  other: 'Other',
};

/** Biggest contract file accepted into the workspace (the whole file is kept in the encrypted database). */
export const CONTRACT_FILE_MAX_BYTES = 10 * 1024 * 1024;

const date = z
  .string()
  .refine(isIsoDate, { message: 'Use a real date as YYYY-MM-DD.' })
  .nullable()
  .default(null);

const text = (max = 2000) => z.string().trim().max(max).default('');

export const countryCode = z.string().transform((v, ctx) => {
  try {
    return normalizeCountryCode(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

/** The outcomes of the reference file (a test checks they match TIA_OUTCOME_IDS). */
export const TIA_OUTCOMES = ['not-required', 'pending', 'no-measures-needed', 'measures-adopted', 'do-not-transfer'] as const satisfies readonly TiaOutcome[];

const ART28_IDS = new Set(ART28_CHECKLIST.map((i) => i.id));
const TIA_STEP_IDS = new Set(TIA_STEPS.map((s) => s.id));

export const tiaSchema = z.object({
  /** Answers per step id of EDPB Recommendations 01/2020 (know-transfers … re-evaluate). */
  answers: z
    .record(z.string(), z.string().max(8000))
    .default({})
    .refine((a) => Object.keys(a).every((k) => TIA_STEP_IDS.has(k)), { message: `Unknown step: expected ${[...TIA_STEP_IDS].join(', ')}.` }),
  outcome: z.enum(TIA_OUTCOMES).default('pending'),
  assessedOn: date,
  reevaluateOn: date,
  assessor: text(200),
});
export type Tia = z.output<typeof tiaSchema>;

export const measuresSchema = z.object({ technical: text(4000), contractual: text(4000), organisational: text(4000) });

export const transferSchema = z.object({
  /** Stable id inside the vendor (the service gives one to a new transfer). */
  id: z.string().trim().max(40).default(''),
  country: countryCode,
  /** Who receives the data there: the vendor itself or one of its sub-processors. */
  recipient: text(200),
  tool: z.enum(TRANSFER_TOOLS).nullable().default(null),
  /** Adequacy decision reference, BCR approval, code of conduct or certification named by the DPO. */
  toolReference: text(400),
  dpfCheckedOn: date,
  sccModule: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable().default(null),
  sccSignedOn: date,
  derogation: z.enum(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'second-subparagraph']).nullable().default(null),
  derogationReason: text(4000),
  measures: measuresSchema.default({ technical: '', contractual: '', organisational: '' }),
  tia: tiaSchema.nullable().default(null),
});
export type VendorTransfer = z.output<typeof transferSchema>;

export const subProcessorSchema = z
  .object({
    /** A vendor already in the register… */
    vendorId: z.string().trim().max(40).default(''),
    /** …or a name and a country. */
    name: text(200),
    country: countryCode.nullable().default(null),
    service: text(400),
  })
  .refine((s) => s.vendorId !== '' || (s.name !== '' && s.country !== null), { message: 'A sub-processor needs either a linked vendor, or a name and a country.' });

export const certificationSchema = z.object({
  kind: z.enum(CERTIFICATION_KINDS),
  label: text(200),
  expiresOn: date,
  reference: text(400),
});

export const contractFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type ContractFile = z.output<typeof contractFileSchema>;

export const art28EntrySchema = z.object({ status: z.enum(ART28_STATUSES), evidence: text(2000) });

export const vendorInputSchema = z.object({
  name: z.string().trim().min(1, { message: 'A name is required.' }).max(200),
  legalEntity: text(200),
  country: countryCode,
  role: z.enum(VENDOR_ROLES),
  services: text(2000),
  activityIds: z.array(z.string().max(40)).max(500).default([]),
  dataCategories: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  hosting: z.array(z.object({ country: countryCode, region: text(200) })).max(100).default([]),
  subProcessors: z.array(subProcessorSchema).max(200).default([]),
  certifications: z.array(certificationSchema).max(100).default([]),
  contract: z
    .object({ dpaSignedOn: date, version: text(100), file: contractFileSchema.nullable().default(null) })
    .default({ dpaSignedOn: null, version: '', file: null }),
  art28: z
    .record(z.string(), art28EntrySchema)
    .default({})
    .refine((r) => Object.keys(r).every((k) => ART28_IDS.has(k)), { message: `Unknown Art. 28 checklist item: expected ${[...ART28_IDS].join(', ')}.` }),
  auditRights: z.object({ status: z.enum(AUDIT_RIGHTS), notes: text(2000) }).default({ status: 'unknown', notes: '' }),
  breachNotificationHours: z.number().int().min(0).max(8760).nullable().default(null),
  reviewCadenceMonths: z.number().int().min(1).max(120).nullable().default(null),
  nextReviewOn: date,
  risk: z.enum(RISK_LEVELS).nullable().default(null),
  notes: text(8000),
  /** The vendor's contact persons (personal data: removed by the retention rule once the relationship has ended). */
  contacts: z
    .array(z.object({ name: z.string().trim().min(1).max(200), role: text(200), email: text(200), phone: text(60) }))
    .max(50)
    .default([]),
  /** The day the relationship ended (contract terminated): starts the vendor-contacts retention rule. */
  relationshipEndedOn: date,
  /** Set when a retention rule removed the contacts. */
  purge: z.object({ on: z.string(), rule: z.string(), by: z.string(), reason: z.string() }).optional(),
  transfers: z.array(transferSchema).max(200).default([]),
});

export type VendorInput = z.input<typeof vendorInputSchema>;
export type Vendor = z.output<typeof vendorInputSchema>;

/** The columns of a `vendors` row as the write path validates them; the rest is `details`. */
export const vendorRowSchema = z.object({
  name: z.string().trim().min(1, { message: 'A name is required.' }).max(200),
  role: z.enum(VENDOR_ROLES),
  country: z.string().regex(/^[A-Z]{2}$/),
  risk: z.enum(RISK_LEVELS).nullable(),
  next_review_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const vendorFileRowSchema = z.object({
  vendor_id: z.string().min(1),
  name: z.string().min(1).max(255),
  mime: z.string().max(200),
  size: z.number().int().nonnegative().max(CONTRACT_FILE_MAX_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The file, base64 (see migration 0005). */
  content: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'expected base64' }),
});

export const adequacyOverrideRowSchema = z.object({
  code: z.string().regex(/^[A-Z]{2}$/),
  status: z.enum(['adequate', 'not-adequate']),
  decision: z.string().trim().max(400),
  decision_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  note: z.string().trim().max(2000),
  checked_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const adequacyOverrideInputSchema = z
  .object({
    code: countryCode,
    adequate: z.boolean(),
    decision: text(400),
    decisionDate: date,
    note: text(2000),
    checkedOn: z.string().refine(isIsoDate, { message: 'Use a real date as YYYY-MM-DD.' }),
  })
  .refine((o) => !o.adequate || (o.decision !== '' && o.decisionDate !== null), { message: 'An adequacy override needs the decision reference and its date.', path: ['decision'] });
export type AdequacyOverrideInput = z.input<typeof adequacyOverrideInputSchema>;

/** Parses a vendor or throws a zod error (the service turns it into a DomainError). */
export function parseVendor(input: unknown): Vendor {
  return vendorInputSchema.parse(input);
}
