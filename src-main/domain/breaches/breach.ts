/**
 * A personal data breach record (GDPR Art. 33(5)) and its pure rules: the notification clock from
 * "aware at", the late-notification reasons (Art. 33(1)), the decisions (Arts 33-34) and the status
 * figures. Pure: zod and the existing domain (breach-clock, severity, time-zone); no db, no node.
 *
 * Instants are stored as UTC ISO strings ("…Z") together with the zone they were entered in
 * (`timeZone`); the service converts local wall times with `parseInstant` before validation.
 */
import { REFERENCE_PATTERNS } from '../references';
import { z } from 'zod';
import formJson from '../../../resources/reference/cnil-breach-form.json' with { type: 'json' };
import { breachClock, lateNotification, refuseNonexistentLocalTime } from '../breach-clock';
import { DomainError } from '../errors';
import { computeSeverity, type SeverityLevel } from '../severity';
import { isValidTimeZone, parseInstant } from '../time-zone';

export interface VocabularyItem {
  id: string;
  fr: string;
  en: string;
}
export interface FormField {
  id: string;
  label: { fr: string; en: string };
  source: string;
  required: boolean;
}
export interface FormSection {
  id: string;
  number: number;
  title: { fr: string; en: string };
  fields: FormField[];
}
export interface CnilBreachForm {
  formatVersion: number;
  checkedOn: string;
  comment: string;
  sources: Array<{ id: string; title: string; trust: string }>;
  sections: FormSection[];
  vocabularies: Record<'nature' | 'origin' | 'cause' | 'dataCategories' | 'sensitiveData' | 'personCategories' | 'harms' | 'gravity' | 'peopleInformed', VocabularyItem[]>;
}

/** The CNIL form's sections, fields and vocabularies (resources/reference/cnil-breach-form.json). */
export const CNIL_FORM = formJson as CnilBreachForm;
const ids = (k: keyof CnilBreachForm['vocabularies']) => CNIL_FORM.vocabularies[k].map((v) => v.id) as [string, ...string[]];

export const NATURES = ['confidentiality', 'integrity', 'availability'] as const;
export const BREACH_STATUSES = ['open', 'contained', 'closed'] as const;
export const INTENTS = ['accidental', 'malicious', 'unknown'] as const;
export const SOURCES = ['internal', 'external', 'unknown'] as const;
export const AUTHORITY_DECISIONS = ['pending', 'notify', 'not-notify'] as const;
export const PEOPLE_DECISIONS = ['pending', 'communicate', 'not-communicate'] as const;
/** Art. 34(3): (a) data unintelligible, (b) subsequent measures, (c) disproportionate effort (public communication instead). */
export const EXEMPTIONS = ['34-3-a', '34-3-b', '34-3-c'] as const;
export const PHASES = ['initial', 'complementary'] as const;

export type BreachStatus = (typeof BREACH_STATUSES)[number];
export type Nature = (typeof NATURES)[number];

/**
 * A date-time: stored as a UTC instant (…Z); on input also a local wall time or an offset, which the
 * service converts with `normalizeBreachInstants` before validation.
 */
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i, {
  message: 'Use a date and time such as 2026-06-10T14:15 (local time) or 2026-06-10T12:15:00Z.',
});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date written YYYY-MM-DD.' });
const text = (max: number) => z.string().trim().max(max, { message: `At most ${max} characters.` });

export const severityAssessmentSchema = z.object({
  dpc: z.number().int().min(1).max(4),
  dpcAdjustment: z.number().int().min(-3).max(3).default(0),
  ei: z.enum(['negligible', 'limited', 'significant', 'maximum']),
  confidentiality: z.enum(['none', 'limited', 'unknown']).default('none'),
  integrity: z.enum(['none', 'recoverable', 'not-recoverable']).default('none'),
  availability: z.enum(['none', 'temporary', 'permanent']).default('none'),
  malicious: z.boolean().default(false),
  /** Why these factors: the DPO's reasoning, kept with the score. */
  justification: text(4000).min(1, { message: 'Explain the factors chosen (the justification is kept with the score).' }),
  assessedBy: text(200).default(''),
  assessedAt: instant.optional(),
  /** Computed by the service from the factors (never trusted from input). */
  score: z.number().optional(),
  level: z.enum(['low', 'medium', 'high', 'very-high']).optional(),
});
export type SeverityAssessment = z.infer<typeof severityAssessmentSchema>;

const decidedBy = text(200).default('');
export const decisionsSchema = z
  .object({
    authority: z
      .object({
        decision: z.enum(AUTHORITY_DECISIONS).default('pending'),
        /** Required for 'not-notify': why the breach is unlikely to result in a risk (Art. 33(1)). */
        reason: text(4000).default(''),
        decidedBy,
        decidedAt: instant.optional(),
      })
      .default({ decision: 'pending', reason: '', decidedBy: '' }),
    people: z
      .object({
        decision: z.enum(PEOPLE_DECISIONS).default('pending'),
        highRisk: z.boolean().default(false),
        exemption: z.enum(EXEMPTIONS).nullable().default(null),
        reason: text(4000).default(''),
        decidedBy,
        decidedAt: instant.optional(),
        communicatedAt: instant.optional(),
        means: text(500).default(''),
      })
      .default({ decision: 'pending', highRisk: false, exemption: null, reason: '', decidedBy: '', means: '' }),
  })
  .default({ authority: { decision: 'pending', reason: '', decidedBy: '' }, people: { decision: 'pending', highRisk: false, exemption: null, reason: '', decidedBy: '', means: '' } });

export const notificationSchema = z.object({
  phase: z.enum(PHASES),
  sentAt: instant,
  /** The authority's reference number (CNIL notification number). */
  authorityReference: text(100).default(''),
  /** Art. 33(1): required when the initial notification is sent after the deadline. */
  delayReasons: text(4000).default(''),
  notes: text(2000).default(''),
});

export const breachSchema = z.object({
  reference: z.string().regex(REFERENCE_PATTERNS.BR, { message: 'A reference reads BR-YYYY-NNN.' }).optional(),
  title: text(200).min(1, { message: 'Give the breach a short title.' }),
  /** Zone the instants were entered in (IANA); the clock is shown in it. */
  timeZone: z.string().refine(isValidTimeZone, { message: 'Not a known time zone (use an IANA name such as Europe/Paris).' }),
  discoveredAt: instant.nullable().default(null),
  /** The moment of reasonable certainty that personal data were compromised: the clock starts here. */
  awareAt: instant,
  occurred: z
    .object({ from: instant.nullable().default(null), to: instant.nullable().default(null), unknown: z.boolean().default(false), ongoing: z.boolean().default(false) })
    .default({ from: null, to: null, unknown: true, ongoing: false }),
  reportedBy: text(200).default(''),
  discoveryCircumstances: text(4000).default(''),
  description: text(8000).default(''),
  nature: z.array(z.enum(NATURES)).default([]),
  cause: z
    .object({ intent: z.enum(INTENTS).default('unknown'), source: z.enum(SOURCES).default('unknown'), origin: z.enum(ids('origin')).nullable().default(null), detail: text(2000).default('') })
    .default({ intent: 'unknown', source: 'unknown', origin: null, detail: '' }),
  affectedSystems: z.array(text(200)).default([]),
  /** Register activity ids (a processor activity makes this a processor's breach, Art. 33(2)). */
  activityIds: z.array(z.string().min(1).max(64)).default([]),
  /** Explicit "we act as processor" when no processor activity is linked. */
  actingAsProcessor: z.boolean().default(false),
  /**
   * Vendors involved; for a processor's breach, when that processor told us. `vendorId` links the vendor
   * record of the register (issue 15); `name` is kept as written at the time (and is all older records have).
   */
  vendors: z
    .array(z.object({ name: text(200).min(1), role: text(200).default(''), informedUsAt: instant.nullable().default(null), vendorId: z.string().min(1).max(64).nullable().default(null) }))
    .default([]),
  dataCategories: z.array(z.enum(ids('dataCategories'))).default([]),
  /** Special categories (Art. 9) and the like: flagged separately, as on the CNIL form. */
  sensitiveData: z.array(z.enum(ids('sensitiveData'))).default([]),
  /** Explicit "no special categories" (so the draft does not mark it as missing). */
  noSensitiveData: z.boolean().default(false),
  otherData: text(1000).default(''),
  personCategories: z.array(z.enum(ids('personCategories'))).default([]),
  peopleCount: z.number().int().min(0).nullable().default(null),
  recordsCount: z.number().int().min(0).nullable().default(null),
  priorMeasures: text(4000).default(''),
  consequences: text(4000).default(''),
  harms: z.array(z.enum(ids('harms'))).default([]),
  measuresTaken: text(4000).default(''),
  measuresPlanned: text(4000).default(''),
  /** Advice to the persons (what they can do), used in the Art. 34 letter. */
  adviceToPeople: text(4000).default(''),
  otherMemberStates: z.enum(['yes', 'no', 'unknown']).default('unknown'),
  otherAuthorities: text(1000).default(''),
  status: z.enum(BREACH_STATUSES).default('open'),
  lessonsLearned: text(4000).default(''),
  followUps: z.array(z.object({ action: text(500).min(1), owner: text(200).default(''), due: isoDate.nullable().default(null), done: z.boolean().default(false) })).default([]),
  severity: severityAssessmentSchema.nullable().default(null),
  decisions: decisionsSchema,
  notifications: z.array(notificationSchema).default([]),
  /** Processor's breach: each client controller told, when and how (Art. 33(2)). */
  controllersInformed: z.array(z.object({ name: text(200).min(1), informedAt: instant, means: text(300).default(''), contact: text(300).default('') })).default([]),
});

export type Breach = z.infer<typeof breachSchema>;
export type BreachInput = z.input<typeof breachSchema>;

/** Paths of the instant fields inside a breach record (arrays marked with `*`). */
const INSTANT_PATHS = [
  'discoveredAt',
  'awareAt',
  'occurred.from',
  'occurred.to',
  'vendors.*.informedUsAt',
  'severity.assessedAt',
  'decisions.authority.decidedAt',
  'decisions.people.decidedAt',
  'decisions.people.communicatedAt',
  'notifications.*.sentAt',
  'controllersInformed.*.informedAt',
];

/**
 * Converts every date-time of a raw breach input to a UTC instant (`…Z`): local wall times are read
 * in `tz` (a time inside a DST gap is refused with `nonexistent_local_time`; overlap → earlier
 * instant), offsets are honoured. Empty strings
 * become null (optional) or are left for the schema to reject (required). Throws `invalid_input`
 * naming the field when a value cannot be read.
 */
export function normalizeBreachInstants(raw: unknown, tz: string): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const copy = structuredClone(raw) as Record<string, unknown>;
  const visit = (node: unknown, parts: string[], path: string[]) => {
    if (typeof node !== 'object' || node === null) return;
    const [head, ...rest] = parts;
    if (head === undefined) return;
    if (head === '*') {
      if (Array.isArray(node)) node.forEach((child, i) => visit(child, rest, [...path, String(i)]));
      return;
    }
    const obj = node as Record<string, unknown>;
    if (rest.length > 0) return visit(obj[head], rest, [...path, head]);
    const v = obj[head];
    if (typeof v !== 'string') return;
    if (v.trim() === '') {
      obj[head] = head === 'awareAt' || head === 'sentAt' || head === 'informedAt' ? v : null;
      return;
    }
    // Refused, not moved: a time inside a DST jump did not exist (the DPO chooses what was meant).
    refuseNonexistentLocalTime(v, tz, [...path, head].join('.'));
    try {
      obj[head] = parseInstant(v, tz).toISOString().replace('.000Z', 'Z');
    } catch (e) {
      const why = e instanceof DomainError ? e.message : String(e);
      throw new DomainError('invalid_breach', `${[...path, head].join('.')}: ${why}`, { field: [...path, head].join('.') });
    }
  };
  for (const p of INSTANT_PATHS) visit(copy, p.split('.'), []);
  return copy;
}

/** Zod issues → a DomainError a person can act on. */
export function parseBreach(value: unknown): Breach {
  const r = breachSchema.safeParse(value);
  if (r.success) return r.data;
  const parts = r.error.issues.map((i) => `${i.path.join('.') || 'breach'}: ${i.message}`);
  throw new DomainError('invalid_breach', `The breach record is invalid: ${parts.join('; ')}`, { issues: r.error.issues.map((i) => ({ ...i, path: i.path.map(String), message: i.message })) });
}

/** Next reference BR-YYYY-NNN for the awareness year, from every reference ever used. */
export function nextBreachReference(used: readonly string[], year: number): string {
  let max = 0;
  for (const r of used) {
    const m = /^BR-(\d{4})-(\d+)$/.exec(r);
    if (m && Number(m[1]) === year) max = Math.max(max, Number(m[2]));
  }
  return `BR-${year}-${String(max + 1).padStart(3, '0')}`;
}

/** Severity recomputed from its factors (the stored score and level are never taken from input). */
export function scoreSeverity(s: SeverityAssessment): SeverityAssessment {
  const r = computeSeverity({ dpc: { base: s.dpc, adjustment: s.dpcAdjustment }, ei: s.ei, confidentiality: s.confidentiality, integrity: s.integrity, availability: s.availability, malicious: s.malicious });
  return { ...s, score: r.score, level: r.level };
}

const fmtHours = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/**
 * Rules that need more than one field; throws the first problem with a message a person can act on.
 * `processor`: the breach concerns an activity carried out as processor (Art. 33(2)).
 */
export function checkBreach(b: Breach, opts: { hours: number; processor: boolean }): void {
  const fail = (code: string, message: string, details?: Record<string, unknown>) => {
    throw new DomainError(code, message, details);
  };
  const aware = Date.parse(b.awareAt);
  if (b.discoveredAt && Date.parse(b.discoveredAt) > aware) {
    fail('invalid_breach', 'The awareness moment is earlier than the discovery: awareness (reasonable certainty) comes at or after discovery — check both dates.', { field: 'awareAt' });
  }
  if (b.occurred.from && b.occurred.to && Date.parse(b.occurred.to) < Date.parse(b.occurred.from)) {
    fail('invalid_breach', 'The breach ends before it starts: check "occurred from" and "occurred to".', { field: 'occurred.to' });
  }
  const a = b.decisions.authority;
  if (a.decision !== 'pending' && (!a.decidedBy.trim() || !a.decidedAt)) {
    fail('decision_incomplete', 'The decision on notifying the authority needs who decided and when.', { field: 'decisions.authority.decidedBy' });
  }
  if (a.decision === 'not-notify' && !a.reason.trim()) {
    fail('decision_reason_required', 'Not notifying the authority requires the reason why the breach is unlikely to result in a risk to the persons (Art. 33(1)); it is kept in the breach register (Art. 33(5)).', {
      field: 'decisions.authority.reason',
    });
  }
  const p = b.decisions.people;
  if (p.decision !== 'pending' && (!p.decidedBy.trim() || !p.decidedAt)) {
    fail('decision_incomplete', 'The decision on informing the persons needs who decided and when.', { field: 'decisions.people.decidedBy' });
  }
  if (p.decision === 'not-communicate' && p.highRisk && !p.exemption) {
    fail('exemption_required', 'The risk is high: not informing the persons is only possible under an Art. 34(3) exemption (a: data unintelligible, b: subsequent measures, c: disproportionate effort with a public communication instead). Choose one or decide to inform them.', {
      field: 'decisions.people.exemption',
    });
  }
  if (p.decision === 'not-communicate' && !p.highRisk && !p.reason.trim() && !p.exemption) {
    fail('people_reason_required', 'Give the reason for not informing the persons (e.g. the risk is not high).', { field: 'decisions.people.reason' });
  }
  if (b.notifications.length > 0 && opts.processor) {
    // A processor tells its controllers; it may still have been asked to help the controller notify — allowed, no rule.
  }
  const sorted = [...b.notifications].sort((x, y) => x.sentAt.localeCompare(y.sentAt));
  sorted.forEach((n, i) => {
    if (Date.parse(n.sentAt) < aware) {
      fail('invalid_breach', `The ${n.phase} notification (${n.sentAt}) is dated before awareness (${b.awareAt}): check both dates.`, { field: `notifications.${i}.sentAt` });
    }
  });
  const first = sorted[0];
  if (first && first.phase !== 'initial') {
    fail('invalid_breach', 'The first notification must be the initial one; later ones are complementary (Art. 33(4)).', { field: 'notifications.0.phase' });
  }
  if (first && !opts.processor) {
    const late = lateNotification({ aware: b.awareAt, notifiedAt: first.sentAt, hours: opts.hours });
    if (late.late && !first.delayReasons.trim()) {
      const by = breachClock({ aware: b.awareAt, tz: b.timeZone, hours: opts.hours }).notifyBy;
      fail(
        'delay_reasons_required',
        `The initial notification was sent ${fmtHours(late.hoursAfterAwareness)} h after awareness, later than the ${opts.hours} h deadline (${by}): give the reasons for the delay (Art. 33(1), « motifs du retard »).`,
        { field: 'notifications.0.delayReasons', hoursAfterAwareness: late.hoursAfterAwareness, notifyBy: by },
      );
    }
  }
}

/**
 * The processor's side of Art. 33(2): no 72-hour clock towards the authority; the processor informs
 * each controller "without undue delay", within the hours its contract with that controller fixes
 * (Art. 28(3)(f)). The controller's own 72 hours start when it is informed (EDPB Guidelines 9/2022,
 * §§ 40-41: the controller is aware once its processor has told it).
 */
export interface ControllerNotice {
  /** Client controller named on the processor activity (or on the breach's informed list). */
  name: string;
  /** Hours the contract with this controller allows; null when not recorded ("without undue delay"). */
  contractHours: number | null;
  /** awareAt + contractHours, in the breach's zone; null without contract hours. */
  informBy: string | null;
  informedAt: string | null;
  /** Informed after informBy. */
  late: boolean;
  /** The controller's Art. 33(1) deadline: informedAt + the authority hours; null until informed. */
  controllerNotifyBy: string | null;
}

export interface BreachComputed {
  /**
   * 'authority': the controller's clock (Art. 33(1)): notify the supervisory authority by notifyBy.
   * 'controller': a processor's breach (Art. 33(2)): inform the controllers; notifyBy is the
   * earliest contractual deadline, or awareness itself when no contract fixes one ("without undue
   * delay": due now, never shown as overdue by a made-up number of hours).
   */
  clock: 'authority' | 'controller';
  controllerNotices: ControllerNotice[];
  notifyBy: string;
  strictNotifyBy: string;
  hours: number;
  remainingMs: number;
  /** The clock is running: open, not decided against, not yet notified, not a processor's case. */
  clockRunning: boolean;
  /** No notification and the deadline has passed while notification is pending or decided. */
  overdue: boolean;
  /** The initial notification was sent after the deadline. */
  notifiedLate: boolean;
  firstNotifiedAt: string | null;
  processor: boolean;
  warnings: string[];
}

/**
 * The processor's notices (Art. 33(2)): one per client controller, with the contract's hours when
 * recorded; informed controllers found by name in `controllersInformed`.
 */
export function controllerNotices(b: Breach, clients: ReadonlyArray<{ name: string; breachNotificationHours?: number | null }>, authorityHours: number): ControllerNotice[] {
  const byName = new Map<string, { name: string; contractHours: number | null }>();
  const key = (n: string) => n.trim().toLowerCase();
  for (const c of clients) {
    const k = key(c.name);
    const prev = byName.get(k);
    const h = c.breachNotificationHours ?? null;
    // Several activities for the same client: the strictest contract wins.
    byName.set(k, { name: prev?.name ?? c.name, contractHours: prev?.contractHours != null && h != null ? Math.min(prev.contractHours, h) : (h ?? prev?.contractHours ?? null) });
  }
  for (const i of b.controllersInformed) if (!byName.has(key(i.name))) byName.set(key(i.name), { name: i.name, contractHours: null });
  return [...byName.values()].map(({ name, contractHours }) => {
    const informedAt = b.controllersInformed.filter((i) => key(i.name) === key(name)).map((i) => i.informedAt).sort()[0] ?? null;
    const informBy = contractHours ? breachClock({ aware: b.awareAt, tz: b.timeZone, hours: contractHours }).notifyBy : null;
    return {
      name,
      contractHours,
      informBy,
      informedAt,
      late: Boolean(informBy && informedAt && Date.parse(informedAt) > Date.parse(informBy)),
      controllerNotifyBy: informedAt ? breachClock({ aware: informedAt, tz: b.timeZone, hours: authorityHours }).notifyBy : null,
    };
  });
}

/** The clock and the derived flags of one breach at `now`. */
export function computeBreach(
  b: Breach,
  opts: { hours: number; now: Date; processor: boolean; clients?: ReadonlyArray<{ name: string; breachNotificationHours?: number | null }> },
): BreachComputed {
  if (opts.processor) return computeProcessorBreach(b, { ...opts, clients: opts.clients ?? [] });
  const clock = breachClock({ aware: b.awareAt, tz: b.timeZone, hours: opts.hours, now: opts.now });
  const sorted = [...b.notifications].sort((x, y) => x.sentAt.localeCompare(y.sentAt));
  const first = sorted[0];
  const decision = b.decisions.authority.decision;
  const processor = opts.processor;
  const notified = processor ? b.controllersInformed.length > 0 : Boolean(first);
  const clockRunning = b.status !== 'closed' && decision !== 'not-notify' && !notified;
  const overdue = clockRunning && (clock.remainingMs ?? 0) < 0;
  const notifiedLate = first ? lateNotification({ aware: b.awareAt, notifiedAt: first.sentAt, hours: opts.hours }).late : false;
  const warnings: string[] = [];
  if (decision === 'notify' && !first && !processor) warnings.push('notification-not-sent');
  if (processor && b.controllersInformed.length === 0) warnings.push('controllers-not-informed');
  if (!b.severity) warnings.push('severity-not-assessed');
  if (decision === 'pending' && !processor && !first) warnings.push('authority-decision-pending');
  if (b.severity && (b.severity.level === 'high' || b.severity.level === 'very-high') && b.decisions.people.decision === 'pending') warnings.push('people-decision-pending-high-severity');
  return {
    clock: 'authority',
    controllerNotices: [],
    notifyBy: clock.notifyBy,
    strictNotifyBy: clock.strictNotifyBy,
    hours: clock.hours,
    remainingMs: clock.remainingMs ?? 0,
    clockRunning,
    overdue,
    notifiedLate,
    firstNotifiedAt: first?.sentAt ?? null,
    processor,
    warnings,
  };
}

function computeProcessorBreach(b: Breach, opts: { hours: number; now: Date; clients: ReadonlyArray<{ name: string; breachNotificationHours?: number | null }> }): BreachComputed {
  const notices = controllerNotices(b, opts.clients, opts.hours);
  const pending = notices.filter((n) => !n.informedAt);
  // The deadline shown is the earliest contractual one among the controllers still to inform.
  const next = (pending.length > 0 ? pending : notices).filter((n) => n.informBy !== null).sort((x, y) => Date.parse(x.informBy!) - Date.parse(y.informBy!))[0];
  const aware = breachClock({ aware: b.awareAt, tz: b.timeZone, hours: 1 }).aware;
  const notifyBy = next?.informBy ?? aware;
  const hasContract = next !== undefined;
  const everyoneInformed = notices.length > 0 ? pending.length === 0 : b.controllersInformed.length > 0;
  const clockRunning = b.status !== 'closed' && !everyoneInformed;
  const remainingMs = hasContract ? Date.parse(notifyBy) - opts.now.getTime() : 0;
  const firstInformed = [...b.controllersInformed].map((i) => i.informedAt).sort()[0] ?? null;
  const sorted = [...b.notifications].sort((x, y) => x.sentAt.localeCompare(y.sentAt));
  const warnings: string[] = [];
  if (b.controllersInformed.length === 0) warnings.push('controllers-not-informed');
  if (notices.length > 0 && !hasContract) warnings.push('controller-notice-hours-unknown');
  if (!b.severity) warnings.push('severity-not-assessed');
  return {
    clock: 'controller',
    controllerNotices: notices,
    notifyBy,
    strictNotifyBy: notifyBy,
    hours: next?.contractHours ?? 0,
    remainingMs,
    clockRunning,
    overdue: clockRunning && hasContract && remainingMs < 0,
    notifiedLate: notices.some((n) => n.late),
    firstNotifiedAt: firstInformed ?? sorted[0]?.sentAt ?? null,
    processor: true,
    warnings,
  };
}

export interface BreachSummaryItem {
  id: string;
  reference: string;
  status: BreachStatus;
  computed: Pick<BreachComputed, 'notifyBy' | 'clockRunning' | 'overdue'>;
}

/** Dashboard figures: open breaches, running clocks (nearest deadline first), overdue notifications, counts by status. */
export function summarizeBreaches(items: readonly BreachSummaryItem[]): {
  open: number;
  clocksRunning: Array<{ id: string; reference: string; notifyBy: string }>;
  overdueNotifications: number;
  byStatus: Record<BreachStatus, number>;
} {
  const byStatus: Record<BreachStatus, number> = { open: 0, contained: 0, closed: 0 };
  for (const i of items) byStatus[i.status] += 1;
  const clocksRunning = items
    .filter((i) => i.computed.clockRunning)
    .map((i) => ({ id: i.id, reference: i.reference, notifyBy: i.computed.notifyBy }))
    .sort((a, b) => Date.parse(a.notifyBy) - Date.parse(b.notifyBy));
  return { open: byStatus.open + byStatus.contained, clocksRunning, overdueNotifications: items.filter((i) => i.computed.overdue).length, byStatus };
}

export function vocabLabel(kind: keyof CnilBreachForm['vocabularies'], id: string, lang: 'fr' | 'en'): string {
  return CNIL_FORM.vocabularies[kind].find((v) => v.id === id)?.[lang] ?? id;
}

/** CNIL "Cause de l'incident" from intent + source. */
export function cnilCause(b: Breach): string | null {
  const { intent, source } = b.cause;
  if (intent === 'unknown' || source === 'unknown') return intent === 'unknown' && source === 'unknown' ? 'unknown' : null;
  return `${source}-${intent}`;
}

export type { SeverityLevel };
