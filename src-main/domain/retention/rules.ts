/**
 * Storage limitation practised by Vigie itself (GDPR Art. 5(1)(e), 5(2)): the retention rules of the
 * personal data Vigie holds (closed rights-request cases, identity documents, closed breaches, vendor
 * contact persons), which records are due for purge, the business-system purge calendar derived from
 * the register's retention rules, and the internal response targets of rights requests.
 * Pure: zod and calendar arithmetic only; the services build the candidates from the rows.
 */
import { z } from 'zod';
import rulesJson from '../../../resources/reference/retention-rules.json' with { type: 'json' };
import { addDays, addMonthsClamped, compareDates, isIsoDate, type IsoDate } from '../calendar';

const bilingual = z.object({ fr: z.string().min(1), en: z.string().min(1) });
export const PERIOD_UNITS = ['days', 'months', 'years'] as const;
export const periodSchema = z.object({ value: z.number().int().min(0).max(100 * 12), unit: z.enum(PERIOD_UNITS) }).strict();
export type Period = z.infer<typeof periodSchema>;

export const RULE_IDS = ['request-closed', 'identity-document', 'breach-closed', 'vendor-contacts'] as const;
export type RuleId = (typeof RULE_IDS)[number];
export const RETENTION_ACTIONS = ['pseudonymise', 'delete-file', 'minimise'] as const;

const ruleSchema = z
  .object({
    id: z.enum(RULE_IDS),
    table: z.enum(['requests', 'request_attachments', 'breaches', 'vendors']),
    what: bilingual,
    trigger: z.enum(['closed', 'identity-checked', 'relationship-ended']),
    triggerLabel: bilingual,
    period: periodSchema,
    action: z.enum(RETENTION_ACTIONS),
    keeps: bilingual,
    sources: z.array(z.string().min(1)).min(1),
    alternatives: z.array(z.object({ period: periodSchema, sources: z.array(z.string()).min(1), note: bilingual }).strict()),
  })
  .strict();
export type RetentionRule = z.infer<typeof ruleSchema>;

const fileSchema = z
  .object({
    formatVersion: z.literal(1),
    version: z.string().refine(isIsoDate),
    checkedOn: z.string().refine(isIsoDate),
    comment: z.string(),
    sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string().optional(), verified: z.boolean().optional() }).strict()),
    rules: z.array(ruleSchema),
  })
  .strict()
  .superRefine((f, ctx) => {
    const ids = new Set(f.sources.map((s) => s.id));
    for (const r of f.rules) for (const s of [...r.sources, ...r.alternatives.flatMap((a) => a.sources)]) if (!ids.has(s)) ctx.addIssue({ code: 'custom', message: `Rule ${r.id} cites unknown source ${s}` });
    for (const id of RULE_IDS) if (!f.rules.some((r) => r.id === id)) ctx.addIssue({ code: 'custom', message: `Rule ${id} is missing` });
  });

/** The reference file, validated at load: a broken file fails loudly at start, not at purge time. */
export const RETENTION_REFERENCE = fileSchema.parse(rulesJson);
export const RETENTION_RULES: readonly RetentionRule[] = RETENTION_REFERENCE.rules;

export function ruleById(id: RuleId): RetentionRule {
  return RETENTION_RULES.find((r) => r.id === id)!;
}

/** The DPO's choice for a rule in this workspace (a different period, with the reason recorded). */
export interface RuleSetting {
  ruleId: RuleId;
  period: Period;
  reason: string;
}

export interface EffectiveRule extends RetentionRule {
  /** The reference default when the DPO changed it. */
  defaultPeriod: Period;
  overridden: boolean;
  overrideReason?: string;
}

export function effectiveRules(settings: readonly RuleSetting[]): EffectiveRule[] {
  return RETENTION_RULES.map((r) => {
    const s = settings.find((x) => x.ruleId === r.id);
    return s ? { ...r, period: s.period, defaultPeriod: r.period, overridden: true, overrideReason: s.reason } : { ...r, defaultPeriod: r.period, overridden: false };
  });
}

/** `from` plus a period: months and years with month-end clamping (31 Jan + 1 month = 28/29 Feb). */
export function addPeriod(from: IsoDate, p: Period): IsoDate {
  if (p.unit === 'days') return addDays(from, p.value);
  return addMonthsClamped(from, p.unit === 'years' ? p.value * 12 : p.value);
}

export function formatPeriod(p: Period, lang: 'fr' | 'en'): string {
  if (p.value === 0) return lang === 'fr' ? 'dès l’événement' : 'as soon as it happens';
  const words = {
    fr: { days: ['jour', 'jours'], months: ['mois', 'mois'], years: ['an', 'ans'] },
    en: { days: ['day', 'days'], months: ['month', 'months'], years: ['year', 'years'] },
  }[lang][p.unit];
  return `${p.value} ${p.value === 1 ? words[0] : words[1]}`;
}

/** A record Vigie holds that a rule may make due: the services build these from the rows. */
export interface RetentionCandidate {
  ruleId: RuleId;
  table: RetentionRule['table'];
  id: string;
  /** What a person recognises: DSAR-2026-0015, BR-2026-002, the file or vendor name. */
  reference: string;
  /** The day the rule's trigger happened (case closed, identity checked…), null while it has not. */
  triggerOn: IsoDate | null;
  /** Already purged: never proposed again. */
  purged: boolean;
  /** Parent record (the case of an identity document), for links. */
  parentId?: string;
}

export interface RetentionHold {
  table: string;
  rowId: string;
  reason: string;
  placedOn: IsoDate;
}

export interface DueItem {
  table: RetentionRule['table'];
  id: string;
  reference: string;
  rule: RuleId;
  dueOn: IsoDate;
  keeps: { fr: string; en: string };
  parentId?: string;
  /** Present when a litigation hold postpones the purge: the item is listed as held, never proposed. */
  hold?: { reason: string; placedOn: IsoDate };
}

/**
 * The items whose retention has ended on `today` (dueOn ≤ today), most overdue first. Held items are
 * returned with their hold when `includeHeld` (to show them), and never otherwise.
 */
export function dueItems(
  candidates: readonly RetentionCandidate[],
  rules: readonly EffectiveRule[],
  holds: readonly RetentionHold[],
  today: IsoDate,
  opts: { includeHeld?: boolean; horizonDays?: number } = {},
): DueItem[] {
  const limit = opts.horizonDays ? addDays(today, opts.horizonDays) : today;
  const out: DueItem[] = [];
  for (const c of candidates) {
    if (c.purged || !c.triggerOn) continue;
    const rule = rules.find((r) => r.id === c.ruleId);
    if (!rule) continue;
    const dueOn = addPeriod(c.triggerOn, rule.period);
    if (compareDates(dueOn, limit) > 0) continue;
    const hold = holds.find((h) => h.table === c.table && h.rowId === c.id);
    if (hold && !opts.includeHeld) continue;
    out.push({
      table: c.table,
      id: c.id,
      reference: c.reference,
      rule: c.ruleId,
      dueOn,
      keeps: rule.keeps,
      ...(c.parentId ? { parentId: c.parentId } : {}),
      ...(hold ? { hold: { reason: hold.reason, placedOn: hold.placedOn } } : {}),
    });
  }
  return out.sort((a, b) => compareDates(a.dueOn, b.dueOn) || a.reference.localeCompare(b.reference));
}

// ── what a purge keeps and what it blanks ────────────────────────────────────────────────────────────────
/** The record of a purge kept in the row itself, so the record shows what was kept and why. */
export interface PurgeMark {
  on: IsoDate;
  rule: RuleId;
  by: string;
  reason: string;
}

/**
 * A closed case pseudonymised: the accountability record stays (reference, rights, channel, dates,
 * outcome and grounds, extension decision and notice dates, jurisdiction, identity check outcome and
 * date), everything that identifies or describes the person goes.
 */
export function pseudonymisedCaseDetails(details: Record<string, unknown>, mark: PurgeMark): Record<string, unknown> {
  const identity = (details.identity ?? {}) as Record<string, unknown>;
  const extension = (details.extension ?? {}) as Record<string, unknown>;
  const outcome = (details.outcome ?? {}) as Record<string, unknown>;
  const response = (details.response ?? {}) as Record<string, unknown>;
  const scope = (details.scope ?? {}) as Record<string, unknown>;
  return {
    requester: { name: pseudonym(mark) },
    rights: details.rights,
    ...(details.objectionGround !== undefined ? { objectionGround: details.objectionGround } : {}),
    channel: details.channel,
    receivedOn: details.receivedOn,
    ...(details.jurisdiction !== undefined ? { jurisdiction: details.jurisdiction } : {}),
    identity: { ...(identity.requestedOn ? { requestedOn: identity.requestedOn } : {}), ...(identity.receivedOn ? { receivedOn: identity.receivedOn } : {}), ...(identity.outcome ? { outcome: identity.outcome } : {}) },
    scope: { activityIds: Array.isArray(scope.activityIds) ? scope.activityIds : [], systems: [] },
    tasks: [],
    extension,
    outcome,
    response: { ...(response.sentOn ? { sentOn: response.sentOn } : {}) },
    notes: '',
    purge: mark,
  };
}

/** What stands for the requester's name once pseudonymised (the case page says when, by whom and under which rule). */
export function pseudonym(_mark: PurgeMark): string {
  return '—';
}

/** The personal data of a closed breach minimised: names and free text about people go. */
export function minimisedBreachDetails(details: Record<string, unknown>, mark: PurgeMark): Record<string, unknown> {
  const decisions = (details.decisions ?? {}) as Record<string, Record<string, unknown>>;
  const role = (x: Record<string, unknown> | undefined) => (x ? { ...x, decidedBy: x.decidedBy ? '—' : '' } : x);
  return {
    ...details,
    reportedBy: '',
    discoveryCircumstances: '',
    otherData: '',
    decisions: { ...decisions, authority: role(decisions.authority), people: role(decisions.people) },
    purge: mark,
  };
}

/** A vendor's contact persons removed when the relationship has ended. */
export function minimisedVendorDetails(details: Record<string, unknown>, mark: PurgeMark): Record<string, unknown> {
  return { ...details, contacts: [], purge: mark };
}

// ── the business-system purge calendar (register) ────────────────────────────────────────────────────────
export interface CategoryRetention {
  activityId: string;
  activityReference: string;
  activityName: string;
  owner: string;
  categoryId: string;
  categoryLabel: string;
  /** Active-phase duration in the register (value + unit), null when not set. */
  active: Period | null;
  /** Intermediate archive duration, when the register has one. */
  archive: Period | null;
  finalFate: string | null;
  /** The day the activity entered the register (earliest possible start of the data). */
  since: IsoDate;
}

export interface PurgeRecord {
  activityId: string;
  categoryId: string;
  performedOn: IsoDate;
  performedBy: string;
  system: string;
}

export interface ScheduledPurge {
  activityId: string;
  activityReference: string;
  activityName: string;
  owner: string;
  categoryId: string;
  categoryLabel: string;
  /** What the business system must do when this is due: archive at the end of the active phase, or the final fate. */
  action: 'archive' | 'delete' | 'anonymise' | 'other';
  dueOn: IsoDate;
  overdue: boolean;
  lastPerformed: PurgeRecord | null;
}

/** How often a business system must run the purge of a category once its first data can have expired. */
export const PURGE_CADENCE: Period = { value: 12, unit: 'months' };

function fateAction(fate: string | null, hasArchive: boolean): ScheduledPurge['action'] {
  if (hasArchive) return 'archive';
  if (!fate) return 'delete';
  if (/anonym/i.test(fate)) return 'anonymise';
  if (/delet|destruct|suppr|efface/i.test(fate)) return 'delete';
  return 'other';
}

/**
 * When each business system must purge (or archive): the first run is due one active period after the
 * activity entered the register (no data can have expired before), then every PURGE_CADENCE after the
 * last purge recorded as performed. A run not recorded by its due day is overdue (a completeness
 * warning on the activity, a line in Today and in the management report).
 */
export function purgeSchedule(categories: readonly CategoryRetention[], records: readonly PurgeRecord[], today: IsoDate, opts: { dueBy?: IsoDate } = {}): ScheduledPurge[] {
  const out: ScheduledPurge[] = [];
  for (const c of categories) {
    if (!c.active) continue;
    const mine = records.filter((r) => r.activityId === c.activityId && r.categoryId === c.categoryId).sort((a, b) => compareDates(b.performedOn, a.performedOn));
    const last = mine[0] ?? null;
    const dueOn = last ? addPeriod(last.performedOn, PURGE_CADENCE) : addPeriod(c.since, c.active);
    // Only the runs due by `dueBy` (the same list, filtered before it is sorted: Today's look-ahead).
    if (opts.dueBy !== undefined && compareDates(dueOn, opts.dueBy) > 0) continue;
    out.push({
      activityId: c.activityId,
      activityReference: c.activityReference,
      activityName: c.activityName,
      owner: c.owner,
      categoryId: c.categoryId,
      categoryLabel: c.categoryLabel,
      action: fateAction(c.finalFate, c.archive !== null),
      dueOn,
      overdue: compareDates(dueOn, today) < 0,
      lastPerformed: last,
    });
  }
  return out.sort((a, b) => compareDates(a.dueOn, b.dueOn) || a.activityReference.localeCompare(b.activityReference));
}

// ── internal response targets ─────────────────────────────────────────────────────────────────────────────
/** "Answer within N days": the default for every right, and per right where the DPO wants it. */
export interface ResponseTargets {
  defaultDays: number | null;
  perRight: Record<string, number>;
}

export const NO_TARGETS: ResponseTargets = { defaultDays: null, perRight: {} };

/** The stored target rows (one per right, '*' for every right) as targets. */
export function targetsFromRows(rows: ReadonlyArray<{ right: string; days: number }>): ResponseTargets {
  const out: ResponseTargets = { defaultDays: null, perRight: {} };
  for (const r of rows) {
    if (r.right === '*') out.defaultDays = r.days;
    else out.perRight[r.right] = r.days;
  }
  return out;
}

/**
 * The internal target of a case: the shortest target among its rights (calendar days from receipt).
 * It never replaces the legal deadline, which alone decides "overdue".
 */
export function targetOf(rights: readonly string[], receivedOn: IsoDate, targets: ResponseTargets): { days: number; on: IsoDate } | null {
  const days = rights.map((r) => targets.perRight[r] ?? targets.defaultDays).filter((d): d is number => typeof d === 'number');
  if (days.length === 0) return null;
  const d = Math.min(...days);
  return { days: d, on: addDays(receivedOn, d) };
}

/** Target missed: answered after the target day, or still open past it. */
export function targetMissed(target: { on: IsoDate } | null, responseSentOn: IsoDate | null, today: IsoDate): boolean {
  if (!target) return false;
  return compareDates(responseSentOn ?? today, target.on) > 0;
}

/** On-target rate of the cases answered in a period (null when none has a target). */
export function onTargetRate(cases: ReadonlyArray<{ target: { on: IsoDate } | null; responseSentOn: IsoDate | null }>): number | null {
  const answered = cases.filter((c) => c.target && c.responseSentOn);
  if (answered.length === 0) return null;
  return answered.filter((c) => compareDates(c.responseSentOn!, c.target!.on) <= 0).length / answered.length;
}
