/**
 * A rights request (DSAR) case file: vocabularies, validation, reference numbering, status, warnings and
 * statistics. Pure TypeScript (no Node, no db): the deadlines come from ../dsar-deadlines (GDPR Art. 12(3),
 * Regulation 1182/71), never recomputed here.
 */
import { z } from 'zod';
import { addDays, compareDates, diffDays, isIsoDate, isKnownJurisdiction, type IsoDate } from '../calendar';
import { computeDsarDeadlines, dsarStatus, type DsarDeadlines, type DsarStatus } from '../dsar-deadlines';
import { DomainError } from '../errors';
import { formatDateLong } from '../typography';
import { optionalEmailSchema } from '../text';
import { RIGHT_TASKS, standardTask } from './tasks';

// ── vocabularies ──────────────────────────────────────────────────────────────────────────────────────────
/** Rights of Arts 15-22 GDPR, consent withdrawal (7(3)) and French post-mortem directives (loi 78-17 art. 85). */
export const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'consent-withdrawal', 'post-mortem', 'automated-decision'] as const;
export type Right = (typeof RIGHTS)[number];
export const RIGHT_ARTICLES: Record<Right, string> = {
  access: 'Art. 15',
  rectification: 'Art. 16',
  erasure: 'Art. 17',
  restriction: 'Art. 18',
  objection: 'Art. 21',
  portability: 'Art. 20',
  'consent-withdrawal': 'Art. 7(3)',
  'post-mortem': 'Loi 78-17 art. 85',
  'automated-decision': 'Art. 22',
};
export const OBJECTION_GROUNDS = ['marketing', 'legitimate-interest'] as const;
export const CHANNELS = ['email', 'letter', 'web', 'phone', 'in-person'] as const;
export type Channel = (typeof CHANNELS)[number];
export const IDENTITY_OUTCOMES = ['pending', 'verified', 'not-needed', 'failed'] as const;
/** `transferred`: the organisation is not the controller and passed the request on (kept in the case details only). */
export const OUTCOMES = ['fulfilled', 'partly', 'refused', 'no-data', 'transferred'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const EVENT_KINDS = ['received', 'acknowledgement', 'identity-request', 'identity-received', 'clarification', 'extension-notice', 'response', 'refusal', 'letter-in', 'letter-out', 'call', 'note'] as const;
export const DIRECTIONS = ['in', 'out', 'internal'] as const;
export const LETTER_TYPES = [
  'acknowledgement',
  'identity-request',
  'extension-notice',
  'response-cover',
  'refusal',
  /** Art. 12(5): manifestly unfounded or excessive request — refusal or reasonable fee. */
  'unfounded',
  /** Art. 11(2): the controller cannot identify the person. */
  'unidentifiable',
  /** Art. 19: notice to the recipients of a rectification, erasure or restriction. */
  'recipients-notice',
  /** Art. 21(3): processing for direct marketing has stopped. */
  'marketing-stopped',
] as const;
export type LetterType = (typeof LETTER_TYPES)[number];
/** Why an attachment is kept: an identity document is deleted once the identity check is recorded (retention rule). */
export const ATTACHMENT_PURPOSES = ['identity-document', 'evidence', 'correspondence'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** Largest attachment kept inside the workspace (decoded bytes). */
export const MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;

/** The checklist catalogue and how a task is stored and shown live in ./tasks (the renderer imports that module). */
export { RIGHT_TASKS, compactTask, ownLabel, sameTasks, standardTask, storedTask, taskLabel, tasksForRights, type StoredTask } from './tasks';

// ── case schema ───────────────────────────────────────────────────────────────────────────────────────────
const text = (max: number) => z.string().trim().max(max, { message: `At most ${max} characters.` });
const date = z.string().refine(isIsoDate, { message: 'Use a real date written YYYY-MM-DD, e.g. 2026-03-05.' });
const optDate = date.nullable().optional();

export const representativeSchema = z.object({
  name: text(200).min(1, { message: 'Give the representative’s name.' }),
  capacity: text(200).optional(),
  mandateReceivedOn: optDate,
  mandateNotes: text(2000).optional(),
});

export const requesterSchema = z.object({
  name: text(200).min(1, { message: 'Give the requester’s name.' }),
  email: optionalEmailSchema.optional(),
  phone: text(60).optional(),
  address: text(500).optional(),
  customerRef: text(100).optional(),
  representative: representativeSchema.nullable().optional(),
});

/**
 * One task of the checklist. A standard task (an id of its right's catalogue) may come without
 * `label`: its words are the catalogue's, in the reader's language. Any other task must say what it
 * is. `done` defaults to false (the stored form leaves it out until the task is ticked).
 */
export const taskSchema = z
  .object({ right: z.enum(RIGHTS), id: text(60), label: text(300).optional(), done: z.boolean().default(false), doneOn: optDate })
  .superRefine((t, ctx) => {
    if (t.label === undefined && !standardTask(t.right, t.id)) {
      const known = RIGHT_TASKS[t.right].map((x) => x.id).join(', ');
      ctx.addIssue({
        code: 'custom',
        path: ['label'],
        message: `Task "${t.id}" is not a standard task of the right "${t.right}" (standard: ${known}): give it a label.`,
      });
    }
  });

export const dsarCaseSchema = z.object({
  requester: requesterSchema,
  rights: z.array(z.enum(RIGHTS)).min(1, { message: 'Choose at least one right.' }).max(RIGHTS.length),
  objectionGround: z.enum(OBJECTION_GROUNDS).nullable().optional(),
  channel: z.enum(CHANNELS),
  receivedOn: date,
  /** Local time of receipt `HH:MM` in `receivedZone` (informative; the day is what counts). */
  receivedTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Use a time written HH:MM.' }).nullable().optional(),
  receivedZone: text(64).nullable().optional(),
  /** Calendar of this case; null/absent = the organisation profile's. */
  jurisdiction: z.string().refine(isKnownJurisdiction, { message: 'Not a known jurisdiction code (e.g. FR, DE, FR-57).' }).nullable().optional(),
  identity: z
    .object({
      requestedOn: optDate,
      method: text(300).optional(),
      receivedOn: optDate,
      outcome: z.enum(IDENTITY_OUTCOMES).nullable().optional(),
    })
    .default({}),
  scope: z.object({ activityIds: z.array(text(40)).max(500).default([]), systems: z.array(text(200)).max(200).default([]) }).default({ activityIds: [], systems: [] }),
  tasks: z.array(taskSchema).max(200).default([]),
  extension: z.object({ decidedOn: optDate, reasons: text(4000).optional(), notifiedOn: optDate }).default({}),
  outcome: z
    .object({
      result: z.enum(OUTCOMES).nullable().optional(),
      reasons: text(4000).optional(),
      /** Art. 12(5)(a): reasonable fee (euros) asked for a manifestly unfounded or excessive request. */
      fee: z.number().positive().max(100000).nullable().optional(),
      /** Outcome `transferred`: to whom the request was passed on (the controller). */
      transferredTo: text(300).optional(),
    })
    .default({}),
  /** Art. 19: recipients to whom the rectification, erasure or restriction was communicated. */
  recipients: z.array(text(300).min(1)).max(100).default([]),
  response: z.object({ sentOn: optDate, how: text(200).optional() }).default({}),
  notes: text(20000).default(''),
  /** Set when a retention rule pseudonymised the closed case: what remains is the accountability record. */
  purge: z.object({ on: date, rule: z.string().max(40), by: z.string().max(200), reason: z.string().max(2000) }).optional(),
});
export type DsarCase = z.output<typeof dsarCaseSchema>;
/**
 * How a stored row is read back: as the input schema, except for rules tightened after rows were
 * stored (the shared e-mail check, 2026-12-01), so an older case still opens; saving it again
 * applies the input schema and names the field to fix.
 */
export const storedDsarCaseSchema = dsarCaseSchema.extend({ requester: requesterSchema.extend({ email: text(254).optional() }) });
export type DsarCaseInput = z.input<typeof dsarCaseSchema>;

function fail(field: string, message: string): never {
  throw new DomainError('invalid_request', message, { issues: [{ path: field.split('.'), message }] });
}

/** Parses a case and checks the rules between fields; the message names the field and what to do. */
export function parseDsarCase(input: unknown): DsarCase {
  const parsed = dsarCaseSchema.safeParse(input);
  if (!parsed.success) {
    // zod's fields are kept (code, minimum, params…): the router turns them into field-issue codes.
    const issues = parsed.error.issues.map((i) => ({ ...i, path: i.path.map(String), message: i.message }));
    throw new DomainError('invalid_request', `The request is invalid:\n${issues.map((i) => `- ${i.path.join('.') || 'request'}: ${i.message}`).join('\n')}`, { issues });
  }
  const c = parsed.data;
  c.rights = [...new Set(c.rights)];
  const after = (field: string, d: string | null | undefined, ref: string, refLabel: string) => {
    if (d && compareDates(d, ref) < 0) fail(field, `${field} (${d}) is before ${refLabel} (${ref}).`);
  };
  after('identity.requestedOn', c.identity.requestedOn, c.receivedOn, 'the day the request was received');
  if (c.identity.receivedOn && !c.identity.requestedOn) fail('identity.receivedOn', 'identity.receivedOn is set but identity.requestedOn is not: record the day the information was requested.');
  if (c.identity.receivedOn && c.identity.requestedOn) after('identity.receivedOn', c.identity.receivedOn, c.identity.requestedOn, 'the day it was requested');
  after('extension.decidedOn', c.extension.decidedOn, c.receivedOn, 'the day the request was received');
  if (c.extension.notifiedOn && !c.extension.decidedOn) fail('extension.notifiedOn', 'extension.notifiedOn is set but extension.decidedOn is not: record when the extension was decided.');
  if (c.extension.notifiedOn && c.extension.decidedOn) after('extension.notifiedOn', c.extension.notifiedOn, c.extension.decidedOn, 'the day the extension was decided');
  after('response.sentOn', c.response.sentOn, c.receivedOn, 'the day the request was received');
  if ((c.outcome.result === 'refused' || c.outcome.result === 'partly') && !c.outcome.reasons?.trim()) {
    fail('outcome.reasons', 'A refusal (even partial) must give its reasons (GDPR Art. 12(4)): fill in outcome.reasons.');
  }
  if (c.outcome.result === 'transferred' && !c.outcome.transferredTo?.trim()) {
    fail('outcome.transferredTo', 'A transferred request must say to whom it was passed on: fill in outcome.transferredTo.');
  }
  if (c.response.sentOn && !c.outcome.result) fail('outcome.result', 'The response is marked as sent: record its outcome (fulfilled, partly, refused or no data held).');
  if (c.rights.includes('objection') === false) c.objectionGround = null;
  return c;
}

// ── reference numbering ──────────────────────────────────────────────────────────────────────────────────
const REF_RE = /^DSAR-(\d{4})-(\d{4,})$/;

/** `DSAR-<year>-<n>`: the next number of that year among every reference ever used (trash included). */
export function nextDsarReference(used: readonly string[], year: number): string {
  let max = 0;
  for (const r of used) {
    const m = REF_RE.exec(r);
    if (m && Number(m[1]) === year) max = Math.max(max, Number(m[2]));
  }
  return `DSAR-${year}-${String(max + 1).padStart(4, '0')}`;
}

// ── deadlines, status, warnings ──────────────────────────────────────────────────────────────────────────
export type CaseStatus = DsarStatus;

export interface CaseWarning {
  code: 'extension-notice-late' | 'extension-notice-missing' | 'extension-without-reasons' | 'response-late' | 'awaiting-identity' | 'profile-jurisdiction';
  message: { fr: string; en: string };
}

export interface CaseComputed {
  jurisdiction: string;
  deadlines: DsarDeadlines;
  status: CaseStatus;
  dueDate: IsoDate;
  calendarDaysLeft: number;
  workingDaysLeft: number;
  extended: boolean;
  closed: boolean;
  awaitingIdentity: boolean;
  warnings: CaseWarning[];
}

/** Deadlines (from the engine), status on `today`, and what the DPO should look at. */
export function computeCase(c: Pick<DsarCase, 'receivedOn' | 'jurisdiction' | 'identity' | 'extension' | 'response'>, opts: { defaultJurisdiction: string; today: IsoDate; lang?: 'fr' | 'en' }): CaseComputed {
  const jurisdiction = c.jurisdiction || opts.defaultJurisdiction;
  const deadlines = computeDsarDeadlines({
    received: c.receivedOn,
    jurisdiction,
    lang: opts.lang ?? 'en',
    ...(c.identity.requestedOn ? { infoRequestedOn: c.identity.requestedOn } : {}),
    ...(c.identity.requestedOn && c.identity.receivedOn ? { infoReceivedOn: c.identity.receivedOn } : {}),
  });
  const extended = Boolean(c.extension.decidedOn);
  const closed = Boolean(c.response.sentOn);
  // An extension the person was not told about in time may not hold (Art. 12(3)): the status and due date then
  // follow the one-month deadline, so Vigie never shows a date later than the law allows.
  const by = deadlines.extensionNoticeBy;
  const noticeLate = Boolean(c.extension.notifiedOn && compareDates(c.extension.notifiedOn, by) > 0);
  const noticeMissing = extended && !c.extension.notifiedOn && compareDates(opts.today, by) > 0;
  const extensionEffective = extended && !noticeLate && !noticeMissing;
  const st = dsarStatus({ oneMonth: deadlines.oneMonth, threeMonths: deadlines.threeMonths, extended: extensionEffective, closed, today: opts.today, jurisdiction });
  // Dates in the messages are written for a person (« 7 avril 2026 »), never as ISO strings.
  const D = (d: string | null | undefined, lang: 'fr' | 'en') => (d ? formatDateLong(d, lang) : '');
  const warnings: CaseWarning[] = [];
  if (noticeLate) {
    warnings.push({
      code: 'extension-notice-late',
      message: {
        fr: `La prolongation a été notifiée le ${D(c.extension.notifiedOn, 'fr')}, après la date limite du ${D(by, 'fr')} (art. 12, § 3, du RGPD : dans le mois suivant la réception). La prolongation risque de ne pas être opposable : Vigie retient l’échéance d’un mois (${D(deadlines.oneMonth, 'fr')}).`,
        en: `The extension was notified on ${D(c.extension.notifiedOn, 'en')}, after the ${D(by, 'en')} limit (Art. 12(3): within one month of receipt). The extension may not hold: Vigie keeps the one-month deadline (${D(deadlines.oneMonth, 'en')}).`,
      },
    });
  } else if (noticeMissing && !closed) {
    warnings.push({
      code: 'extension-notice-missing',
      message: {
        fr: `Prolongation décidée mais non notifiée à la personne, alors que la date limite de notification (${D(by, 'fr')}) est passée : Vigie retient l’échéance d’un mois (${D(deadlines.oneMonth, 'fr')}).`,
        en: `Extension decided but not notified to the person, and the notice limit (${D(by, 'en')}) has passed: Vigie keeps the one-month deadline (${D(deadlines.oneMonth, 'en')}).`,
      },
    });
  }
  if (extended && !c.extension.reasons?.trim()) {
    warnings.push({ code: 'extension-without-reasons', message: { fr: 'La prolongation doit être motivée (complexité, nombre de demandes).', en: 'An extension must give its reasons (complexity, number of requests).' } });
  }
  if (closed && c.response.sentOn && compareDates(c.response.sentOn, st.dueDate) > 0) {
    warnings.push({ code: 'response-late', message: { fr: `Réponse envoyée le ${D(c.response.sentOn, 'fr')}, après l’échéance du ${D(st.dueDate, 'fr')}.`, en: `Response sent on ${D(c.response.sentOn, 'en')}, after the ${D(st.dueDate, 'en')} deadline.` } });
  }
  const awaitingIdentity = Boolean(c.identity.requestedOn && !c.identity.receivedOn && !closed);
  if (awaitingIdentity) {
    warnings.push({
      code: 'awaiting-identity',
      message: {
        fr: `Informations demandées le ${D(c.identity.requestedOn, 'fr')} : en attente. L’échéance principale ne change pas (CEPD, lignes directrices 01/2022, § 159).`,
        en: `Information requested on ${D(c.identity.requestedOn, 'en')}: awaiting it. The primary deadline does not move (EDPB 01/2022 §159).`,
      },
    });
  }
  return { jurisdiction: deadlines.jurisdiction, deadlines, status: st.status, dueDate: st.dueDate, calendarDaysLeft: st.calendarDaysLeft, workingDaysLeft: st.workingDaysLeft, extended, closed, awaitingIdentity, warnings };
}

/**
 * `dsar list --status` and the list's saved views: open = every case not closed; the engine's statuses;
 * 'target-missed' is the internal response target (a workspace setting), distinct from the legal 'overdue';
 * 'awaiting-identity' and 'extension-notice' are the dashboard counters of the same names (the « due this
 * week » counter is 'due-soon': open, not overdue, due within 7 days). The SQL of the paged list
 * (db/repositories/request-index.ts) implements the same rules; a test compares the two on every filter.
 */
export const STATUS_FILTERS = ['open', 'overdue', 'due-soon', 'closed', 'extended', 'on-track', 'target-missed', 'awaiting-identity', 'extension-notice'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export interface FilterFacts {
  targetMissed?: boolean;
  awaitingIdentity?: boolean;
  extensionNoticeDue?: boolean;
}
export function matchesStatus(status: CaseStatus, filter: StatusFilter, facts: FilterFacts = {}): boolean {
  if (filter === 'target-missed') return Boolean(facts.targetMissed);
  if (filter === 'awaiting-identity') return Boolean(facts.awaitingIdentity);
  if (filter === 'extension-notice') return Boolean(facts.extensionNoticeDue);
  return filter === 'open' ? status !== 'closed' : status === filter;
}

/** Extension decided, the person not told yet, the notice limit (Art. 12(3)) not passed, case open. */
export function extensionNoticeDue(k: Pick<CaseComputed, 'extended' | 'closed' | 'deadlines'>, notifiedOn: IsoDate | null | undefined, today: IsoDate): boolean {
  return k.extended && !k.closed && !notifiedOn && compareDates(today, k.deadlines.extensionNoticeBy) <= 0;
}

// ── statistics ───────────────────────────────────────────────────────────────────────────────────────────
export interface CaseForStats {
  rights: readonly Right[];
  receivedOn: IsoDate;
  responseSentOn: IsoDate | null;
  computed: Pick<CaseComputed, 'status' | 'dueDate' | 'closed' | 'awaitingIdentity' | 'extended' | 'deadlines'>;
  extensionNotifiedOn: IsoDate | null;
}

export interface RequestsSummary {
  today: IsoDate;
  open: number;
  dueThisWeek: number;
  overdue: number;
  awaitingIdentity: number;
  extensionNoticesDue: number;
  countsByRight: Record<Right, number>;
  /** Share (0-1) of the cases answered in the last 12 months that were answered by their deadline; null when none. */
  onTimeRate: number | null;
  /** Median calendar days from receipt to response over the last 12 months; null when none. */
  medianDaysToRespond: number | null;
  answeredLast12Months: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Dashboard figures. "Due this week" = open, not overdue, due within the next 7 days; "extension notices
 * due" = open cases whose notice limit has not passed and that were extended without a notice yet.
 */
export function summarize(cases: readonly CaseForStats[], today: IsoDate): RequestsSummary {
  const countsByRight = Object.fromEntries(RIGHTS.map((r) => [r, 0])) as Record<Right, number>;
  const since = addDays(today, -365);
  let open = 0, dueThisWeek = 0, overdue = 0, awaitingIdentity = 0, extensionNoticesDue = 0, onTime = 0;
  const days: number[] = [];
  for (const c of cases) {
    for (const r of c.rights) countsByRight[r] += 1;
    const k = c.computed;
    if (!k.closed) {
      open += 1;
      if (k.status === 'overdue') overdue += 1;
      else if (diffDays(today, k.dueDate) <= 7) dueThisWeek += 1;
      if (k.awaitingIdentity) awaitingIdentity += 1;
      if (extensionNoticeDue(k, c.extensionNotifiedOn, today)) extensionNoticesDue += 1;
    } else if (c.responseSentOn && compareDates(c.responseSentOn, since) > 0 && compareDates(c.responseSentOn, today) <= 0) {
      days.push(diffDays(c.receivedOn, c.responseSentOn));
      if (compareDates(c.responseSentOn, k.dueDate) <= 0) onTime += 1;
    }
  }
  return {
    today,
    open,
    dueThisWeek,
    overdue,
    awaitingIdentity,
    extensionNoticesDue,
    countsByRight,
    onTimeRate: days.length ? onTime / days.length : null,
    medianDaysToRespond: median(days),
    answeredLast12Months: days.length,
  };
}

/** Decoded size of a base64 string, without decoding it (for the size limit check before any work). */
export function base64DecodedSize(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function checkAttachmentSize(bytes: number, fileName: string): void {
  if (bytes > MAX_ATTACHMENT_BYTES) {
    const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new DomainError(
      'attachment_too_large',
      `“${fileName}” is ${mib(bytes)} MiB; attachments are limited to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB. Keep large files in your document system and record their location in a note.`,
      { fileName, bytes, limit: MAX_ATTACHMENT_BYTES },
    );
  }
  if (bytes === 0) throw new DomainError('invalid_request', `“${fileName}” is empty: nothing to attach.`, { fileName });
}
