/**
 * A processing activity of the Art. 30 register, as structured data (zod v4 schemas).
 *
 * Split of duties between this schema and completeness.ts:
 * - the schema rejects what is *malformed*: unknown vocabulary ids, a bad country code or date, a
 *   negative duration, a list item that lacks the one thing that identifies it;
 * - it accepts what is merely *incomplete* (no name yet, a purpose without a legal basis, no
 *   retention period…): a draft must be storable, and checkActivity() reports the gaps with
 *   their article.
 *
 * The parsed value (ActivityInput) is what the database stores as JSON: every list is present
 * (possibly empty), optional texts are trimmed, and durations are `{ value, unit }`.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import { ART35_3_CASE_IDS, CNIL_DPIA_LIST_IDS, WP248_CRITERION_IDS } from './dpia';
import {
  ACTIVITY_ROLE_IDS,
  ACTIVITY_STATUS_IDS,
  ART49_DEROGATION_IDS,
  ART9_CONDITION_IDS,
  DATA_CATEGORY_FAMILY_IDS,
  DURATION_UNITS,
  FINAL_FATE_IDS,
  LEGAL_BASIS_IDS,
  RECIPIENT_TYPE_IDS,
  SECURITY_MEASURE_IDS,
  SOURCE_KIND_IDS,
  SPECIAL_CATEGORY_IDS,
  TRANSFER_TOOL_IDS,
} from './vocabulary';

// ---------------------------------------------------------------------------------------------
// Building blocks with explicit, field-named messages

function describe(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (typeof input === 'string') return `"${input}"`;
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : `${typeof input} ${String(input)}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A trimmed string; `what` names the field in messages ("Activity name", "Recipient name"…). */
const text = (what: string) =>
  z.string({
    error: (iss) => (iss.input === undefined ? `${what} is required` : `${what} must be text, got ${describe(iss.input)}`),
  }).trim();

const requiredText = (what: string) => text(what).min(1, { error: `${what} must not be empty` });

const vocab = <const T extends readonly [string, ...string[]]>(ids: T, what: string) =>
  z.enum(ids, {
    error: (iss) =>
      iss.input === undefined
        ? `${capitalise(what)} is required (one of: ${ids.join(', ')})`
        : `Unknown ${what} ${describe(iss.input)}; expected one of: ${ids.join(', ')}`,
  });

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: (iss) => `${what} must be a list, got ${describe(iss.input)}` }).default([]);

const isoDate = (what: string) =>
  z.iso.date({ error: (iss) => `${what} must be a calendar date written YYYY-MM-DD, got ${describe(iss.input)}` });

const object = <S extends z.core.$ZodLooseShape>(shape: S, what: string) =>
  z.object(shape, { error: (iss) => `${what} must be an object, got ${describe(iss.input)}` });

// ---------------------------------------------------------------------------------------------
// Retention (CNIL model: active base → intermediate archiving → final fate)

export const durationSchema = object(
  {
    kind: z.literal('duration').optional(),
    value: z
      .number({
        error: (iss) =>
          iss.input === undefined ? 'Duration value is required' : `Duration value must be a number, got ${describe(iss.input)}`,
      })
      .int({ error: 'Duration value must be a whole number (use a smaller unit: 18 months rather than 1.5 years)' })
      .positive({ error: 'Duration value must be greater than zero' }),
    unit: vocab(DURATION_UNITS, 'duration unit'),
  },
  'Duration',
);

export const eventPeriodSchema = object(
  {
    kind: z.literal('event'),
    description: requiredText('Event description (e.g. "until the end of the contract")'),
  },
  'Event period',
);

/**
 * A period: a duration `{ value, unit }` (an explicit `kind: 'duration'` is accepted and dropped)
 * or an event `{ kind: 'event', description }` such as "until the account is closed".
 */
export const periodSchema = z
  .discriminatedUnion('kind', [durationSchema, eventPeriodSchema], {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? `A period is either a duration { value, unit } or an event { kind: "event", description }; got kind ${describe(
            (iss.input as { kind?: unknown } | undefined)?.kind,
          )}`
        : iss.input === undefined
          ? 'A period is required'
          : `A period must be an object, got ${describe(iss.input)}`,
  })
  .transform((p) => (p.kind === 'event' ? p : { value: p.value, unit: p.unit }));

export type Duration = { value: number; unit: (typeof DURATION_UNITS)[number] };
export type EventPeriod = z.output<typeof eventPeriodSchema>;
export type Period = z.output<typeof periodSchema>;

export const retentionSchema = object(
  {
    /** How long the data stay in the active base… */
    activePeriod: periodSchema,
    /** …counted from which event ("end of the contract", "last contact"). Empty when activePeriod is an event. */
    activeTrigger: text('Retention start event (activeTrigger)').default(''),
    intermediatePeriod: periodSchema.optional(),
    /** Legal ground for intermediate archiving (e.g. "Code de commerce, art. L123-22"). */
    intermediateLegalRef: text('Intermediate archiving legal reference').optional(),
    finalFate: vocab(FINAL_FATE_IDS, 'final fate of the data'),
    /** Source of the durations (legal text, CNIL référentiel, internal policy). */
    legalReference: text('Retention legal reference').optional(),
    note: text('Retention note').optional(),
  },
  'Retention',
);
export type Retention = z.output<typeof retentionSchema>;

// ---------------------------------------------------------------------------------------------
// Parts of an activity

export const clientControllerSchema = object(
  {
    name: requiredText('Client controller name'),
    contact: text('Client controller contact details').default(''),
    representative: text('Client controller representative').optional(),
    dpo: text('Client controller DPO').optional(),
    /**
     * Hours within which the contract with this client requires a breach to be reported to it
     * (Art. 28(3)(f) and 33(2): "without undue delay"; DPAs often fix 24 to 72 hours).
     */
    breachNotificationHours: z
      .number({ error: (iss) => `Client breach notice hours must be a number, got ${describe(iss.input)}` })
      .int({ error: 'Client breach notice hours must be a whole number of hours' })
      .min(1, { error: 'Client breach notice hours must be at least 1' })
      .max(720, { error: 'Client breach notice hours must be at most 720 (30 days)' })
      .nullish(),
  },
  'Client controller',
);
export type ClientController = z.output<typeof clientControllerSchema>;

export const purposeSchema = object(
  {
    description: text('Purpose description').default(''),
    legalBasis: vocab(LEGAL_BASIS_IDS, 'legal basis').nullish(),
    /** The interest pursued, when the legal basis is legitimate interests (Art. 6(1)(f)). */
    legitimateInterest: text('Legitimate interest').optional(),
    art9Condition: vocab(ART9_CONDITION_IDS, 'Art. 9(2) condition').nullish(),
  },
  'Purpose',
);
export type Purpose = z.output<typeof purposeSchema>;

export const dataCategorySchema = object(
  {
    /** Stable id of the category within the activity (unique). */
    id: requiredText('Data category id'),
    label: requiredText('Data category label'),
    family: vocab(DATA_CATEGORY_FAMILY_IDS, 'data category family').nullish(),
    special: vocab(SPECIAL_CATEGORY_IDS, 'special category kind').nullish(),
    /** null = retention not determined yet. */
    retention: retentionSchema.nullable().default(null),
  },
  'Data category',
);
export type DataCategory = z.output<typeof dataCategorySchema>;

export const sourceSchema = object(
  {
    kind: vocab(SOURCE_KIND_IDS, 'data source kind'),
    detail: text('Data source detail').default(''),
  },
  'Data source',
);
export type Source = z.output<typeof sourceSchema>;

export const recipientSchema = object(
  {
    type: vocab(RECIPIENT_TYPE_IDS, 'recipient type'),
    name: requiredText('Recipient name'),
    detail: text('Recipient detail').optional(),
  },
  'Recipient',
);
export type Recipient = z.output<typeof recipientSchema>;

/**
 * A processor of the activity: a link to its record in the vendor register (`vendorId`; the name
 * shown is the vendor's current name, so the two cannot drift), with an optional `detail` ("région
 * eu-west-3"). Records made before processors were links carry only a free-text `name`: they still
 * parse and are shown, and completeness asks for them to be linked. `name` beside a `vendorId` is
 * the name at the time of linking, shown only if the vendor has gone from the register.
 */
export const processorRefSchema = object(
  {
    vendorId: text('Processor vendorId').optional(),
    name: text('Processor name').default(''),
    detail: text('Processor detail').optional(),
  },
  'Processor',
).superRefine((p, ctx) => {
  if (!p.vendorId && !p.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'A processor needs a vendor from the vendor register (vendorId) or, for an old record, a name' });
});
export type ProcessorRef = z.output<typeof processorRefSchema>;

export const transferSchema = object(
  {
    recipient: requiredText('Transfer recipient'),
    /** ISO 3166-1 alpha-2, upper-cased on parse. */
    country: text('Transfer country')
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, {
        error: (iss) =>
          `Transfer country must be a two-letter ISO 3166-1 alpha-2 code such as "US" or "IN", got ${describe(iss.input)}`,
      }),
    /** null/absent = no safeguard recorded yet. */
    tool: vocab(TRANSFER_TOOL_IDS, 'transfer tool').nullish(),
    /** Which Art. 49 derogation, when tool is 'derogation'. */
    derogation: vocab(ART49_DEROGATION_IDS, 'Art. 49 derogation').nullish(),
    detail: text('Transfer detail').optional(),
    /** URL or document reference of the safeguards (SCCs, TIA…). */
    documentationLink: text('Transfer documentation link').optional(),
  },
  'Transfer',
);
export type Transfer = z.output<typeof transferSchema>;

export const securityMeasuresSchema = object(
  {
    catalogue: list(vocab(SECURITY_MEASURE_IDS, 'security measure'), 'Security measure catalogue'),
    other: text('Other security measures').optional(),
  },
  'Security measures',
);
export type SecurityMeasures = z.output<typeof securityMeasuresSchema>;

export const dpiaRecordSchema = object(
  {
    criteria: list(vocab(WP248_CRITERION_IDS, 'WP248 criterion'), 'DPIA criteria'),
    cnilListItems: list(vocab(CNIL_DPIA_LIST_IDS, 'CNIL DPIA list item'), 'CNIL DPIA list items'),
    art35_3: list(vocab(ART35_3_CASE_IDS, 'Art. 35(3) case'), 'Art. 35(3) cases'),
    done: z.boolean({ error: (iss) => `DPIA "done" must be true or false, got ${describe(iss.input)}` }).optional(),
    doneOn: isoDate('DPIA date (doneOn)').optional(),
    /** Justification of the decision (e.g. why no DPIA despite one criterion). */
    note: text('DPIA note').optional(),
  },
  'DPIA',
);
export type DpiaRecord = z.output<typeof dpiaRecordSchema>;

// ---------------------------------------------------------------------------------------------
// The activity

export const activityInputSchema = object(
  {
    name: text('Activity name').default(''),
    reference: text('Activity reference').default(''),
    role: vocab(ACTIVITY_ROLE_IDS, 'role').default('controller'),
    /** Required (by checkActivity) when role is 'joint-controller' — Art. 26. */
    jointControllerName: text('Joint controller name').optional(),
    /** Processor register (Art. 30(2)(a)): the controllers on whose behalf the processing is done. */
    clientControllers: list(clientControllerSchema, 'Client controllers'),
    /** Person or function responsible for the activity. */
    owner: text('Owner').optional(),
    department: text('Department').optional(),
    purposes: list(purposeSchema, 'Purposes'),
    /** Data-subject category ids (see DATA_SUBJECT_IDS) or free-text categories. */
    dataSubjects: list(requiredText('Data subject category'), 'Data subject categories'),
    dataCategories: list(dataCategorySchema, 'Data categories'),
    sources: list(sourceSchema, 'Data sources'),
    recipients: list(recipientSchema, 'Recipients'),
    processors: list(processorRefSchema, 'Processors'),
    transfers: list(transferSchema, 'Transfers'),
    securityMeasures: securityMeasuresSchema.prefault({}),
    dpia: dpiaRecordSchema.prefault({}),
    status: vocab(ACTIVITY_STATUS_IDS, 'status').default('draft'),
    reviewDate: isoDate('Review date').optional(),
    notes: text('Notes').optional(),
  },
  'Activity',
).superRefine((activity, ctx) => {
  const seen = new Map<string, number>();
  activity.dataCategories.forEach((category, index) => {
    const first = seen.get(category.id);
    if (first === undefined) {
      seen.set(category.id, index);
    } else {
      ctx.addIssue({
        code: 'custom',
        path: ['dataCategories', index, 'id'],
        message: `Data category id "${category.id}" is used twice (categories ${first + 1} and ${index + 1}); ids must be unique within an activity`,
      });
    }
  });
});

/** The parsed activity: defaults applied, every list present. This is the stored JSON shape. */
export type ActivityInput = z.output<typeof activityInputSchema>;
/** What the UI or an import may send before parsing (lists and defaults may be omitted). */
export type ActivityInputDraft = z.input<typeof activityInputSchema>;

export type ActivityValidationIssue = { path: string; message: string };

/** Flattens zod issues into `{ path: 'purposes.0.legalBasis', message }` pairs. */
export function activityIssues(error: z.ZodError): ActivityValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * Parses an activity, throwing DomainError('invalid_activity') with a readable message and the
 * issue list in `details.issues`.
 */
export function parseActivityInput(input: unknown): ActivityInput {
  const parsed = activityInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = activityIssues(parsed.error);
  const lines = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  // zod's fields are kept (code, minimum, params…): the router turns them into field-issue codes.
  const detailed = parsed.error.issues.map((i, n) => ({ ...i, path: issues[n]!.path, message: i.message }));
  throw new DomainError('invalid_activity', `The processing activity is invalid:\n- ${lines.join('\n- ')}`, { issues: detailed });
}
