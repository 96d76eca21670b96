/**
 * One source of the figures for the annual report, the CNIL pack and the dashboard: reads every
 * record of the workspace once, turns it into plain facts and hands them to the pure aggregation in
 * domain/reports/figures.ts. The report and the screen call the same function with the same period.
 */
import { localDateOf } from '../domain/calendar';
import { cnilCause } from '../domain/breaches/breach';
import { checkRegister } from '../domain/register/completeness';
import { screenDpia } from '../domain/register/dpia';
import { computeFigures, defaultPeriod, type StorageFigures, type ActivityFact, type BreachFact, type FigureFacts, type Figures, type Period, type RequestFact, type VendorFact } from '../domain/reports/figures';
import { DomainError } from '../domain/errors';
import type { OrgProfile } from '../domain/org-profile';
import { art28Completeness } from '../domain/vendors/warnings';
import { listActivityRows } from '../db/repositories/activities';
import { listRequestRows } from '../db/repositories/requests';
import { BreachesService } from './breaches';
import { rowToActivity } from './register';
import { RequestsService } from './requests';
import { RetentionService } from './retention';
import { VendorsService } from './vendors';
import type { Workspace } from './workspace';

export interface RequestRegisterLine {
  reference: string;
  requester: string;
  rights: string[];
  channel: string;
  receivedOn: string;
  dueDate: string;
  oneMonth: string;
  extended: boolean;
  extensionDecidedOn: string | null;
  extensionReasons: string;
  responseSentOn: string | null;
  outcome: string | null;
  outcomeReasons: string;
  status: string;
  onTime: boolean | null;
}

export interface WorkspaceFacts extends FigureFacts {
  profile: OrgProfile;
  today: string;
  requestLines: RequestRegisterLine[];
  activityRecords: Array<{ id: string; activity: ReturnType<typeof rowToActivity>; updatedAt: string; score: number; issues: ActivityFact['issues'] }>;
  vendorEntries: Awaited<ReturnType<VendorsService['all']>>['entries'];
  breachEntries: Awaited<ReturnType<BreachesService['loadAll']>>;
}

/** Reads the whole workspace into plain facts (one pass per area). */
export async function loadFacts(ws: Workspace, now: Date = new Date()): Promise<WorkspaceFacts> {
  const { profile } = await ws.getProfile();
  const today = localDateOf(now.toISOString(), profile.time_zone);

  const rows = await listActivityRows(ws.db);
  const parsed = rows.map((r) => ({ id: r.id, activity: rowToActivity(r), updatedAt: r.updated_at }));
  const check = checkRegister(parsed.map((p) => ({ ...p.activity, id: p.id })), { today });
  const activityRecords = parsed.map((p, i) => ({ ...p, score: check.byActivity[i]!.score, issues: check.byActivity[i]!.issues }));
  const activities: ActivityFact[] = activityRecords.map(({ id, activity: a, score, issues }) => {
    let dpiaResult: ActivityFact['dpia']['result'] = 'not-indicated';
    try {
      dpiaResult = screenDpia(a.dpia).result;
    } catch {
      // Unknown screening ids cannot be stored (the schema refuses them); keep the report going regardless.
    }
    return {
      id,
      reference: a.reference,
      name: a.name,
      role: a.role,
      status: a.status,
      department: a.department ?? null,
      owner: a.owner ?? null,
      legalBases: a.purposes.map((p) => p.legalBasis).filter((b): b is NonNullable<typeof b> => Boolean(b)),
      score,
      issues,
      dpia: { result: dpiaResult, done: Boolean(a.dpia.done), doneOn: a.dpia.doneOn ?? null },
    };
  });

  const { items } = await new RequestsService(ws).list({});
  const details = new Map<string, { outcome?: { reasons?: string }; extension?: { reasons?: string; decidedOn?: string | null } }>();
  for (const r of await listRequestRows(ws.db)) {
    try {
      details.set(r.reference, JSON.parse(r.details) as never);
    } catch {
      details.set(r.reference, {});
    }
  }
  const requestLines: RequestRegisterLine[] = items
    .map((c) => {
      const d = details.get(c.reference) ?? {};
      return {
        reference: c.reference,
        requester: c.requester,
        rights: c.rights,
        channel: c.channel,
        receivedOn: c.received,
        dueDate: c.dueDate,
        oneMonth: c.oneMonth,
        extended: c.extended,
        extensionDecidedOn: d.extension?.decidedOn ?? null,
        extensionReasons: d.extension?.reasons ?? '',
        responseSentOn: c.responseSentOn,
        outcome: c.outcome,
        outcomeReasons: d.outcome?.reasons ?? '',
        status: c.status,
        onTime: c.responseSentOn ? c.responseSentOn <= c.dueDate : null,
      };
    })
    .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.reference.localeCompare(b.reference));
  const requests: RequestFact[] = items.map((c) => ({
    reference: c.reference,
    rights: c.rights,
    receivedOn: c.received,
    dueDate: c.dueDate,
    responseSentOn: c.responseSentOn,
    status: c.status,
    extended: c.extended,
    outcome: c.outcome,
    outcomeReasons: details.get(c.reference)?.outcome?.reasons ?? '',
  }));

  const breachEntries = (await new BreachesService(ws, { now: () => now }).loadAll()).sort((a, b) => a.breach.awareAt.localeCompare(b.breach.awareAt));
  const breaches: BreachFact[] = breachEntries.map(({ breach: b, computed: c }) => ({
    reference: b.reference,
    title: b.title,
    awareOn: localDateOf(b.awareAt, b.timeZone),
    awareAt: b.awareAt,
    status: b.status,
    severity: b.severity?.level ?? null,
    cause: cnilCause(b),
    authorityDecision: b.decisions.authority.decision,
    authorityReason: b.decisions.authority.reason,
    firstNotifiedAt: c.firstNotifiedAt,
    hours: c.hours,
    processor: c.processor,
    overdue: c.overdue,
    lessonsLearned: b.lessonsLearned,
    followUps: b.followUps,
  }));

  const vendorEntries = (await new VendorsService(ws).all()).entries;
  const vendors: VendorFact[] = vendorEntries.map(({ row, vendor: v, warnings }) => {
    const a28 = art28Completeness(v);
    return {
      id: row.id,
      name: v.name,
      role: v.role,
      country: v.country,
      art28: { applicable: a28.applicable, missing: a28.missing, partial: a28.partial, unchecked: a28.unchecked, missingIds: a28.missingIds },
      nextReviewOn: v.nextReviewOn,
      transfers: v.transfers.map((t) => ({ country: t.country, tool: t.tool, dpfCheckedOn: t.dpfCheckedOn, tiaOutcome: t.tia?.outcome ?? null, tiaReevaluateOn: t.tia?.reevaluateOn ?? null })),
      warnings: warnings.filter((w) => w.severity !== 'info').map((w) => ({ code: w.code, severity: w.severity, article: w.article, message: w.message })),
    };
  });

  const defaultOwner = profile.dpo_name.trim() ? `${profile.dpo_name.trim()} (DPO)` : 'DPO';
  // Storage limitation: Vigie's own records past their rule, the register's purge calendar, the internal target.
  const retention = new RetentionService(ws, { now: () => now });
  const [due, schedule, targets, summary] = await Promise.all([retention.due({ includeHeld: true }), retention.schedule(), retention.targets(), new RequestsService(ws, { now: () => now }).summary()]);
  const storage: StorageFigures = {
    vigieDue: due.items.filter((i) => !i.hold).length,
    vigieHeld: due.items.filter((i) => i.hold).length,
    businessOverdue: schedule.items.filter((i) => i.overdue).map((i) => ({ activityReference: i.activityReference, activityName: i.activityName, categoryLabel: i.categoryLabel, dueOn: i.dueOn, owner: i.owner || null })),
    onTargetRate: summary.onTargetRate,
    targetDays: targets.defaultDays,
  };
  return { profile, today, activities, requests, breaches, vendors, defaultOwner, storage, requestLines, activityRecords, vendorEntries, breachEntries };
}

/** Checks a period given by a person: both ends or neither, real dates, from ≤ to. */
export function resolvePeriod(today: string, from?: string | null, to?: string | null): Period {
  if (!from && !to) return defaultPeriod(today);
  const re = /^\d{4}-\d{2}-\d{2}$/;
  const f = from ?? undefined;
  const t = to ?? today;
  if (!f) throw new DomainError('invalid_input', 'Give the start of the period (--from YYYY-MM-DD) as well as its end.');
  for (const [name, v] of [['from', f], ['to', t]] as const) {
    if (!re.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
      throw new DomainError('invalid_input', `The period's ${name} date must be a real date written YYYY-MM-DD (got "${v}").`);
    }
  }
  if (f > t) throw new DomainError('invalid_input', `The period starts (${f}) after it ends (${t}).`);
  return { from: f, to: t };
}

/** The figures of the report and the dashboard for a period (default: the last twelve months). */
export async function workspaceFigures(ws: Workspace, opts: { from?: string | null; to?: string | null; now?: Date } = {}): Promise<Figures & { organisation: string }> {
  const facts = await loadFacts(ws, opts.now);
  const period = resolvePeriod(facts.today, opts.from, opts.to);
  return { ...computeFigures(facts, { today: facts.today, period }), organisation: facts.profile.controller_name };
}

export { computeFigures };
