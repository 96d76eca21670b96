/**
 * The figures of the DPO's annual report and of the dashboard charts: one pure aggregation over plain
 * facts (the service reads the workspace and hands them in), so a report never says something the
 * screen does not. Everything is computed for a period (inclusive calendar dates) and, for the flow
 * figures (requests, breaches), for the previous period of the same length to show a trend. State
 * figures (register completeness, vendors) describe the workspace as it is at generation time: the
 * workspace does not keep past states in a form that can be re-scored, so they carry no trend rather
 * than a made-up one.
 */
import { addDays, compareDates, diffDays, type IsoDate } from '../calendar';
import type { Right } from '../requests/case';
import { median } from '../requests/case';

export type Bilingual = { fr: string; en: string };

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

// ── facts (built by the service from the stored records) ─────────────────────────────────────────────
export interface ActivityFact {
  id: string;
  reference: string;
  name: string;
  role: 'controller' | 'joint-controller' | 'processor';
  status: 'draft' | 'active' | 'retired';
  department: string | null;
  owner: string | null;
  legalBases: string[];
  score: number;
  issues: Array<{ code: string; severity: 'error' | 'warning'; article: string; message: Bilingual }>;
  dpia: { result: 'required' | 'likely' | 'to-examine' | 'not-indicated'; done: boolean; doneOn: IsoDate | null };
}

export interface RequestFact {
  reference: string;
  rights: Right[];
  receivedOn: IsoDate;
  dueDate: IsoDate;
  responseSentOn: IsoDate | null;
  status: 'on-track' | 'due-soon' | 'overdue' | 'extended' | 'closed';
  extended: boolean;
  outcome: 'fulfilled' | 'partly' | 'refused' | 'no-data' | 'transferred' | null;
  outcomeReasons: string;
}

export interface BreachFact {
  reference: string;
  title: string;
  /** Calendar day of awareness in the breach's zone. */
  awareOn: IsoDate;
  awareAt: string;
  status: 'open' | 'contained' | 'closed';
  severity: 'low' | 'medium' | 'high' | 'very-high' | null;
  /** CNIL cause id (internal-malicious…, unknown) or null when not determined. */
  cause: string | null;
  authorityDecision: 'pending' | 'notify' | 'not-notify';
  authorityReason: string;
  firstNotifiedAt: string | null;
  /** Notification deadline in hours (workspace setting, 72 by default). */
  hours: number;
  processor: boolean;
  overdue: boolean;
  lessonsLearned: string;
  followUps: Array<{ action: string; owner: string; due: IsoDate | null; done: boolean }>;
}

export interface VendorFact {
  id: string;
  name: string;
  role: string;
  country: string;
  art28: { applicable: boolean; missing: number; partial: number; unchecked: number; missingIds: string[] };
  nextReviewOn: IsoDate | null;
  transfers: Array<{ country: string; tool: string | null; dpfCheckedOn: IsoDate | null; tiaOutcome: string | null; tiaReevaluateOn: IsoDate | null }>;
  warnings: Array<{ code: string; severity: 'error' | 'warning' | 'info'; article: string; message: Bilingual }>;
}

export interface FigureFacts {
  activities: ActivityFact[];
  requests: RequestFact[];
  breaches: BreachFact[];
  vendors: VendorFact[];
  /** Who carries an action nobody else owns (the DPO's name, or "DPO"). */
  defaultOwner: string;
  /** Storage limitation (retention rules of Vigie's own records, the register's purge calendar, response targets). */
  storage?: StorageFigures;
}

export interface StorageFigures {
  /** Vigie's own records past their retention rule, not held. */
  vigieDue: number;
  /** Records whose purge a litigation hold postpones. */
  vigieHeld: number;
  /** Business-system purges not recorded by their due day. */
  businessOverdue: Array<{ activityReference: string; activityName: string; categoryLabel: string; dueOn: IsoDate; owner: string | null }>;
  /** Answered within the internal target over the last twelve months (null: no target set). */
  onTargetRate: number | null;
  targetDays: number | null;
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────
const within = (d: IsoDate | null | undefined, p: Period): d is IsoDate => Boolean(d) && compareDates(d!, p.from) >= 0 && compareDates(d!, p.to) <= 0;

function countBy<T>(items: readonly T[], key: (t: T) => string | readonly string[] | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const k = key(it);
    const keys = k === null || k === undefined ? ['unknown'] : typeof k === 'string' ? [k] : k.length ? k : ['unknown'];
    for (const x of keys) out[x] = (out[x] ?? 0) + 1;
  }
  return out;
}

/** The period of the same length that ends the day before `p.from`. */
export function previousPeriod(p: Period): Period {
  const days = diffDays(p.from, p.to);
  const to = addDays(p.from, -1);
  return { from: addDays(to, -days), to };
}

/** Default period: the twelve months ending `today` (from the same day one year earlier + 1 day). */
export function defaultPeriod(today: IsoDate): Period {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const lastYear = `${y - 1}-${String(m).padStart(2, '0')}-${String(m === 2 && d === 29 ? 28 : d).padStart(2, '0')}`;
  return { from: addDays(lastYear, 1), to: today };
}

/** `YYYY-MM` of every month the period touches, in order. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const endY = Number(p.to.slice(0, 4));
  const endM = Number(p.to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

// ── register ────────────────────────────────────────────────────────────────────────────────────────
export interface RegisterFigures {
  activities: number;
  byRole: Record<string, number>;
  byLegalBasis: Record<string, number>;
  byDepartment: Record<string, number>;
  score: number;
  complete: number;
  /** Activities below 100, lowest score first, with their blocking issues. */
  toFix: Array<{ reference: string; name: string; score: number; owner: string | null; issues: ActivityFact['issues'] }>;
  dpia: { required: number; likely: number; toExamine: number; notIndicated: number; done: number; due: Array<{ reference: string; name: string; result: 'required' | 'likely'; owner: string | null }> };
}

export function registerFigures(activities: readonly ActivityFact[]): RegisterFigures {
  const live = activities.filter((a) => a.status !== 'retired');
  const toFix = live
    .filter((a) => a.score < 100)
    .sort((a, b) => a.score - b.score || a.reference.localeCompare(b.reference))
    .map((a) => ({ reference: a.reference, name: a.name, score: a.score, owner: a.owner ?? a.department, issues: a.issues }));
  const due = live
    .filter((a) => a.role !== 'processor' && (a.dpia.result === 'required' || a.dpia.result === 'likely') && !a.dpia.done)
    .map((a) => ({ reference: a.reference, name: a.name, result: a.dpia.result as 'required' | 'likely', owner: a.owner ?? a.department }))
    .sort((a, b) => (a.result === b.result ? a.reference.localeCompare(b.reference) : a.result === 'required' ? -1 : 1));
  return {
    activities: live.length,
    byRole: countBy(live, (a) => a.role),
    byLegalBasis: countBy(
      live.filter((a) => a.role !== 'processor'),
      (a) => [...new Set(a.legalBases)],
    ),
    byDepartment: countBy(live, (a) => a.department?.trim() || null),
    score: live.length ? Math.round(live.reduce((s, a) => s + a.score, 0) / live.length) : 0,
    complete: live.filter((a) => a.issues.length === 0).length,
    toFix,
    dpia: {
      required: live.filter((a) => a.role !== 'processor' && a.dpia.result === 'required').length,
      likely: live.filter((a) => a.role !== 'processor' && a.dpia.result === 'likely').length,
      toExamine: live.filter((a) => a.role !== 'processor' && a.dpia.result === 'to-examine').length,
      notIndicated: live.filter((a) => a.role !== 'processor' && a.dpia.result === 'not-indicated').length,
      done: live.filter((a) => a.dpia.done).length,
      due,
    },
  };
}

// ── rights requests ─────────────────────────────────────────────────────────────────────────────────
export interface RequestMonth {
  month: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  /** null when nothing was answered that month. */
  onTimeRate: number | null;
  medianDays: number | null;
}

export interface RequestFigures {
  received: number;
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
  medianDays: number | null;
  perMonth: RequestMonth[];
  perRight: Record<string, number>;
  /** Open cases past their deadline at generation time (whenever received). */
  overdueNow: Array<{ reference: string; receivedOn: IsoDate; dueDate: IsoDate }>;
  /** Cases answered in the period after their deadline. */
  answeredLate: number;
  extended: number;
  refusals: Array<{ reference: string; outcome: 'refused' | 'partly'; reasons: string }>;
  outcomes: Record<string, number>;
}

export function requestFigures(requests: readonly RequestFact[], p: Period): RequestFigures {
  const received = requests.filter((r) => within(r.receivedOn, p));
  const answered = requests.filter((r) => within(r.responseSentOn, p));
  const onTime = (r: RequestFact) => compareDates(r.responseSentOn!, r.dueDate) <= 0;
  const perMonth = monthsOf(p).map((month) => {
    const ans = answered.filter((r) => r.responseSentOn!.startsWith(month));
    const ok = ans.filter(onTime).length;
    return {
      month,
      received: received.filter((r) => r.receivedOn.startsWith(month)).length,
      answered: ans.length,
      answeredOnTime: ok,
      onTimeRate: ans.length ? ok / ans.length : null,
      medianDays: median(ans.map((r) => diffDays(r.receivedOn, r.responseSentOn!))),
    };
  });
  const ok = answered.filter(onTime).length;
  return {
    received: received.length,
    answered: answered.length,
    answeredOnTime: ok,
    onTimeRate: answered.length ? ok / answered.length : null,
    medianDays: median(answered.map((r) => diffDays(r.receivedOn, r.responseSentOn!))),
    perMonth,
    perRight: countBy(received, (r) => r.rights),
    overdueNow: requests
      .filter((r) => r.status === 'overdue')
      .map((r) => ({ reference: r.reference, receivedOn: r.receivedOn, dueDate: r.dueDate }))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    answeredLate: answered.length - ok,
    extended: received.filter((r) => r.extended).length,
    refusals: answered
      .filter((r): r is RequestFact & { outcome: 'refused' | 'partly' } => r.outcome === 'refused' || r.outcome === 'partly')
      .map((r) => ({ reference: r.reference, outcome: r.outcome, reasons: r.outcomeReasons }))
      .sort((a, b) => a.reference.localeCompare(b.reference)),
    outcomes: countBy(answered, (r) => r.outcome),
  };
}

// ── breaches ────────────────────────────────────────────────────────────────────────────────────────
export interface BreachFigures {
  count: number;
  bySeverity: Record<string, number>;
  byCause: Record<string, number>;
  notified: number;
  notNotified: Array<{ reference: string; reason: string }>;
  pendingDecision: number;
  /** Hours from awareness to the first notification, one per notified breach. */
  hoursToNotify: Array<{ reference: string; hours: number; limit: number; late: boolean }>;
  notifiedWithinLimit: number;
  medianHoursToNotify: number | null;
  overdueNow: number;
  lessons: Array<{ reference: string; text: string }>;
  openFollowUps: Array<{ reference: string; action: string; owner: string; due: IsoDate | null }>;
}

export function breachFigures(breaches: readonly BreachFact[], p: Period): BreachFigures {
  const inP = breaches.filter((b) => within(b.awareOn, p));
  const hoursToNotify = inP
    .filter((b) => b.firstNotifiedAt)
    .map((b) => {
      const hours = Math.round(((Date.parse(b.firstNotifiedAt!) - Date.parse(b.awareAt)) / 3_600_000) * 10) / 10;
      return { reference: b.reference, hours, limit: b.hours, late: hours > b.hours };
    });
  return {
    count: inP.length,
    bySeverity: countBy(inP, (b) => b.severity),
    byCause: countBy(inP, (b) => b.cause),
    notified: inP.filter((b) => b.firstNotifiedAt).length,
    notNotified: inP.filter((b) => b.authorityDecision === 'not-notify').map((b) => ({ reference: b.reference, reason: b.authorityReason })),
    pendingDecision: inP.filter((b) => b.authorityDecision === 'pending' && !b.firstNotifiedAt).length,
    hoursToNotify,
    notifiedWithinLimit: hoursToNotify.filter((h) => !h.late).length,
    medianHoursToNotify: median(hoursToNotify.map((h) => h.hours)),
    overdueNow: breaches.filter((b) => b.overdue).length,
    lessons: inP.filter((b) => b.lessonsLearned.trim()).map((b) => ({ reference: b.reference, text: b.lessonsLearned.trim() })),
    // Open follow-ups of every breach, whenever it happened: an action does not close with the period.
    openFollowUps: breaches.flatMap((b) => b.followUps.filter((f) => !f.done).map((f) => ({ reference: b.reference, action: f.action, owner: f.owner, due: f.due }))),
  };
}

// ── vendors and transfers ───────────────────────────────────────────────────────────────────────────
export interface VendorFigures {
  vendors: number;
  transfers: number;
  transfersByTool: Record<string, number>;
  transfersByCountry: Record<string, number>;
  dpf: { checked: number; stale: number; missing: number };
  missingArt28: Array<{ vendor: string; missing: number; unchecked: number; clauses: string[] }>;
  reviewsOverdue: Array<{ vendor: string; due: IsoDate }>;
  tiasDue: Array<{ vendor: string; country: string; reason: 'pending' | 'reevaluation' | 'missing' }>;
}

export function vendorFigures(vendors: readonly VendorFact[], today: IsoDate): VendorFigures {
  const transfers = vendors.flatMap((v) => v.transfers.map((t) => ({ ...t, vendor: v.name, warnings: v.warnings })));
  const codes = (v: VendorFact) => new Set(v.warnings.map((w) => w.code));
  let checked = 0, stale = 0, missing = 0;
  for (const v of vendors) {
    const c = codes(v);
    for (const t of v.transfers.filter((x) => x.tool === 'adequacy' && x.country === 'US')) {
      if (!t.dpfCheckedOn) missing += 1;
      else if (c.has('dpf_check_stale')) stale += 1;
      else checked += 1;
    }
  }
  const tiasDue: VendorFigures['tiasDue'] = [];
  for (const v of vendors) {
    for (const t of v.transfers) {
      if (t.tiaOutcome === 'pending') tiasDue.push({ vendor: v.name, country: t.country, reason: 'pending' });
      else if (t.tiaReevaluateOn && compareDates(t.tiaReevaluateOn, today) < 0) tiasDue.push({ vendor: v.name, country: t.country, reason: 'reevaluation' });
    }
    if (v.warnings.some((w) => w.code === 'tia_required') && !tiasDue.some((x) => x.vendor === v.name)) tiasDue.push({ vendor: v.name, country: v.transfers[0]?.country ?? v.country, reason: 'missing' });
  }
  return {
    vendors: vendors.length,
    transfers: transfers.length,
    transfersByTool: countBy(transfers, (t) => t.tool),
    transfersByCountry: countBy(transfers, (t) => t.country),
    dpf: { checked, stale, missing },
    missingArt28: vendors
      .filter((v) => v.art28.applicable && (v.art28.missing > 0 || v.art28.unchecked > 0))
      .map((v) => ({ vendor: v.name, missing: v.art28.missing, unchecked: v.art28.unchecked, clauses: v.art28.missingIds }))
      .sort((a, b) => b.missing - a.missing || a.vendor.localeCompare(b.vendor)),
    reviewsOverdue: vendors
      .filter((v) => v.nextReviewOn && compareDates(v.nextReviewOn, today) < 0)
      .map((v) => ({ vendor: v.name, due: v.nextReviewOn! }))
      .sort((a, b) => a.due.localeCompare(b.due)),
    tiasDue,
  };
}

// ── action plan ─────────────────────────────────────────────────────────────────────────────────────
export type ActionArea = 'register' | 'dpia' | 'requests' | 'breaches' | 'vendors';

/** Beyond this many overdue requests the plan carries one action for the backlog. */
export const OVERDUE_LISTED = 10;

export interface ActionItem {
  /** 1 = now (legal deadline passed or a legal requirement is missing), 2 = this quarter, 3 = this year. */
  priority: 1 | 2 | 3;
  area: ActionArea;
  subject: string;
  action: Bilingual;
  article: string;
  owner: string;
  due: IsoDate | null;
}

/**
 * Every open warning of the workspace as one action: overdue requests and breach notifications,
 * DPIAs required and not done, register errors, missing Art. 28 clauses, transfers without a tool,
 * overdue reviews, open breach follow-ups. Priority 1 first, then by area and subject.
 */
export function actionPlan(f: FigureFacts, today: IsoDate): ActionItem[] {
  const out: ActionItem[] = [];
  const owner = (o: string | null | undefined) => (o && o.trim() ? o.trim() : f.defaultOwner);
  const overdue = f.requests.filter((x) => x.status === 'overdue').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  // A handful of late cases are listed one by one; beyond that one action names the backlog (the
  // rights-request register lists every case).
  if (overdue.length > OVERDUE_LISTED) {
    out.push({
      priority: 1,
      area: 'requests',
      subject: `${overdue.length} DSAR`,
      action: { fr: `Répondre aux ${overdue.length} demandes en retard, la plus ancienne échue le ${overdue[0]!.dueDate}`, en: `Answer the ${overdue.length} overdue requests, the oldest due on ${overdue[0]!.dueDate}` },
      article: 'Art. 12(3)',
      owner: f.defaultOwner,
      due: overdue[0]!.dueDate,
    });
  } else {
    for (const r of overdue) {
      out.push({ priority: 1, area: 'requests', subject: r.reference, action: { fr: `Répondre à la demande (échéance dépassée le ${r.dueDate})`, en: `Answer the request (deadline passed on ${r.dueDate})` }, article: 'Art. 12(3)', owner: f.defaultOwner, due: r.dueDate });
    }
  }
  for (const p of f.storage?.businessOverdue ?? []) {
    out.push({
      priority: 2,
      area: 'register',
      subject: p.activityReference,
      action: { fr: `Purger ou archiver « ${p.categoryLabel} » dans les systèmes métier et enregistrer la purge effectuée`, en: `Purge or archive “${p.categoryLabel}” in the business systems and record the purge performed` },
      article: 'Art. 5(1)(e)',
      owner: p.owner?.trim() || f.defaultOwner,
      due: p.dueOn,
    });
  }
  if (f.storage && f.storage.vigieDue > 0) {
    out.push({
      priority: 2,
      area: 'register',
      subject: 'Vigie',
      action: { fr: `Purger les ${f.storage.vigieDue} élément(s) que Vigie conserve au-delà de leur durée de conservation (page Conservation)`, en: `Purge the ${f.storage.vigieDue} item(s) Vigie keeps beyond their retention period (Retention page)` },
      article: 'Art. 5(1)(e)',
      owner: f.defaultOwner,
      due: null,
    });
  }
  for (const b of f.breaches.filter((x) => x.overdue)) {
    out.push({ priority: 1, area: 'breaches', subject: b.reference, action: { fr: 'Notifier la violation à la CNIL ou documenter la décision de ne pas notifier', en: 'Notify the breach to the supervisory authority or record the decision not to notify' }, article: 'Art. 33(1)', owner: f.defaultOwner, due: null });
  }
  for (const b of f.breaches) {
    for (const fu of b.followUps.filter((x) => !x.done)) {
      const late = fu.due !== null && compareDates(fu.due, today) < 0;
      out.push({ priority: late ? 1 : 2, area: 'breaches', subject: b.reference, action: { fr: fu.action, en: fu.action }, article: 'Art. 33(5)', owner: owner(fu.owner), due: fu.due });
    }
  }
  for (const a of f.activities.filter((x) => x.status !== 'retired')) {
    if (a.role !== 'processor' && a.dpia.result === 'required' && !a.dpia.done) {
      out.push({ priority: 1, area: 'dpia', subject: `${a.reference} ${a.name}`, action: { fr: 'Réaliser l’analyse d’impact (AIPD) avant de poursuivre le traitement', en: 'Carry out the DPIA before continuing the processing' }, article: 'Art. 35', owner: owner(a.owner ?? a.department), due: null });
    } else if (a.role !== 'processor' && a.dpia.result === 'likely' && !a.dpia.done && !a.issues.some((i) => i.code === 'dpia_not_done_justified')) {
      out.push({ priority: 2, area: 'dpia', subject: `${a.reference} ${a.name}`, action: { fr: 'Décider si une AIPD est nécessaire et documenter la décision', en: 'Decide whether a DPIA is needed and record the decision' }, article: 'Art. 35(1)', owner: owner(a.owner ?? a.department), due: null });
    }
    const errors = a.issues.filter((i) => i.severity === 'error' && !i.code.startsWith('dpia_'));
    const warnings = a.issues.filter((i) => i.severity === 'warning' && !i.code.startsWith('dpia_'));
    if (errors.length) {
      out.push({
        priority: 2,
        area: 'register',
        subject: `${a.reference} ${a.name}`,
        action: { fr: `Compléter la fiche : ${errors.map((e) => e.message.fr).join(' ; ')}`, en: `Complete the record: ${errors.map((e) => e.message.en).join('; ')}` },
        article: [...new Set(errors.map((e) => e.article))].join(', '),
        owner: owner(a.owner ?? a.department),
        due: null,
      });
    } else if (warnings.length) {
      out.push({
        priority: 3,
        area: 'register',
        subject: `${a.reference} ${a.name}`,
        action: { fr: `Vérifier la fiche : ${warnings.map((e) => e.message.fr).join(' ; ')}`, en: `Check the record: ${warnings.map((e) => e.message.en).join('; ')}` },
        article: [...new Set(warnings.map((e) => e.article))].join(', '),
        owner: owner(a.owner ?? a.department),
        due: null,
      });
    }
  }
  for (const v of f.vendors) {
    const errors = v.warnings.filter((w) => w.severity === 'error');
    const warns = v.warnings.filter((w) => w.severity === 'warning');
    for (const w of errors) out.push({ priority: 1, area: 'vendors', subject: v.name, action: w.message, article: w.article, owner: f.defaultOwner, due: null });
    for (const w of warns) out.push({ priority: w.code === 'review_overdue' || w.code.startsWith('art28') ? 2 : 3, area: 'vendors', subject: v.name, action: w.message, article: w.article, owner: f.defaultOwner, due: w.code === 'review_overdue' ? v.nextReviewOn : null });
  }
  const areaOrder: ActionArea[] = ['requests', 'breaches', 'dpia', 'vendors', 'register'];
  return out.sort((a, b) => a.priority - b.priority || areaOrder.indexOf(a.area) - areaOrder.indexOf(b.area) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.subject.localeCompare(b.subject));
}

// ── key figures and decisions ───────────────────────────────────────────────────────────────────────
export interface KeyFigure {
  id: 'requests_received' | 'on_time_rate' | 'median_days' | 'breaches' | 'breaches_notified_in_time' | 'register_score' | 'dpia_due' | 'vendors_missing_art28';
  label: Bilingual;
  value: number | null;
  /** Same figure over the previous period; undefined for a state figure (no trend). */
  previous?: number | null;
  unit: 'count' | 'percent' | 'days' | 'score';
  /** Whether a higher value is better (for the arrow's meaning). */
  higherIsBetter: boolean | null;
}

export interface Decision {
  id: string;
  weight: number;
  text: Bilingual;
}

export interface Figures {
  period: Period;
  previousPeriod: Period;
  today: IsoDate;
  register: RegisterFigures;
  requests: RequestFigures;
  requestsPrevious: RequestFigures;
  breaches: BreachFigures;
  breachesPrevious: BreachFigures;
  vendors: VendorFigures;
  actionPlan: ActionItem[];
  storage: StorageFigures | null;
  keyFigures: KeyFigure[];
  decisions: Decision[];
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/**
 * The three things management must decide or fund, drawn from what weighs most: each candidate has
 * a weight (how many items, how serious) and only those with something to decide are proposed.
 */
export function decisionsFrom(fig: Omit<Figures, 'decisions' | 'keyFigures'>): Decision[] {
  const c: Decision[] = [];
  const r = fig.requests;
  const late = r.answeredLate + r.overdueNow.length;
  if (late > 0 || (r.onTimeRate !== null && r.onTimeRate < 0.9)) {
    c.push({
      id: 'requests_capacity',
      weight: 10 + late * 3,
      text: {
        fr: `Renforcer le traitement des demandes de droits : ${late} demande(s) traitée(s) hors délai ou en retard. Désigner un relais par direction et fixer un délai interne de réponse de 20 jours.`,
        en: `Strengthen the handling of rights requests: ${late} request(s) answered late or overdue. Name a contact in each department and set an internal 20-day answer target.`,
      },
    });
  }
  const dpia = fig.register.dpia.due.filter((d) => d.result === 'required').length;
  if (dpia > 0) {
    c.push({
      id: 'dpia_budget',
      weight: 12 + dpia * 4,
      text: {
        fr: `Financer ${dpia} analyse(s) d’impact (AIPD) obligatoire(s) non réalisée(s) : temps des équipes métier et, si besoin, un accompagnement externe.`,
        en: `Fund ${dpia} mandatory DPIA(s) not yet carried out: business teams' time and, if needed, outside support.`,
      },
    });
  }
  const art28 = fig.vendors.missingArt28.filter((v) => v.missing > 0).length;
  const noTool = fig.vendors.transfersByTool.unknown ?? 0;
  if (art28 + noTool > 0) {
    c.push({
      id: 'vendor_contracts',
      weight: 8 + art28 * 3 + noTool * 4,
      text: {
        fr: `Mandater les achats et le juridique pour mettre en conformité ${art28} contrat(s) de sous-traitance (clauses de l’article 28 manquantes)${noTool ? ` et encadrer ${noTool} transfert(s) hors UE sans garantie` : ''}.`,
        en: `Ask purchasing and legal to bring ${art28} processor contract(s) into line (Art. 28 clauses missing)${noTool ? ` and cover ${noTool} transfer(s) outside the EU that have no safeguard` : ''}.`,
      },
    });
  }
  const b = fig.breaches;
  const lateBreaches = b.hoursToNotify.filter((h) => h.late).length + b.overdueNow;
  if (lateBreaches > 0 || b.openFollowUps.length > 0) {
    c.push({
      id: 'breach_response',
      weight: 6 + lateBreaches * 5 + b.openFollowUps.length,
      text: {
        fr: `Doter la gestion des violations des moyens de tenir les 72 heures : astreinte, procédure testée une fois par an, et clôture des ${b.openFollowUps.length} action(s) de suivi ouvertes.`,
        en: `Give breach handling the means to meet the 72 hours: an on-call rota, a procedure tested once a year, and closing the ${b.openFollowUps.length} open follow-up action(s).`,
      },
    });
  }
  const reg = fig.register;
  if (reg.activities > 0 && reg.score < 90) {
    c.push({
      id: 'register_owners',
      weight: 5 + reg.toFix.length,
      text: {
        fr: `Demander à chaque direction de compléter ses fiches du registre (score actuel ${reg.score} / 100, ${reg.toFix.length} fiche(s) à compléter) avant une date fixée par la direction.`,
        en: `Ask each department to complete its register records (current score ${reg.score} / 100, ${reg.toFix.length} record(s) to complete) by a date set by management.`,
      },
    });
  }
  if (fig.vendors.reviewsOverdue.length > 0) {
    c.push({
      id: 'vendor_reviews',
      weight: 3 + fig.vendors.reviewsOverdue.length,
      text: {
        fr: `Planifier la revue de ${fig.vendors.reviewsOverdue.length} prestataire(s) dont la revue périodique est dépassée.`,
        en: `Schedule the review of ${fig.vendors.reviewsOverdue.length} vendor(s) whose periodic review is overdue.`,
      },
    });
  }
  return c.sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id)).slice(0, 3);
}

export function keyFiguresOf(fig: Omit<Figures, 'decisions' | 'keyFigures'>): KeyFigure[] {
  const r = fig.requests, rp = fig.requestsPrevious, b = fig.breaches, bp = fig.breachesPrevious;
  const inTime = (x: BreachFigures) => (x.hoursToNotify.length ? x.notifiedWithinLimit / x.hoursToNotify.length : null);
  return [
    { id: 'requests_received', label: { fr: 'Demandes de droits reçues', en: 'Rights requests received' }, value: r.received, previous: rp.received, unit: 'count', higherIsBetter: null },
    { id: 'on_time_rate', label: { fr: 'Demandes traitées dans le délai', en: 'Requests answered on time' }, value: pct(r.onTimeRate), previous: pct(rp.onTimeRate), unit: 'percent', higherIsBetter: true },
    { id: 'median_days', label: { fr: 'Délai médian de réponse', en: 'Median days to answer' }, value: r.medianDays, previous: rp.medianDays, unit: 'days', higherIsBetter: false },
    { id: 'breaches', label: { fr: 'Violations de données', en: 'Personal data breaches' }, value: b.count, previous: bp.count, unit: 'count', higherIsBetter: false },
    { id: 'breaches_notified_in_time', label: { fr: 'Notifications dans le délai légal', en: 'Notifications within the legal limit' }, value: pct(inTime(b)), previous: pct(inTime(bp)), unit: 'percent', higherIsBetter: true },
    { id: 'register_score', label: { fr: 'Complétude du registre', en: 'Register completeness' }, value: fig.register.score, unit: 'score', higherIsBetter: true },
    { id: 'dpia_due', label: { fr: 'AIPD obligatoires non réalisées', en: 'Mandatory DPIAs not done' }, value: fig.register.dpia.due.filter((d) => d.result === 'required').length, unit: 'count', higherIsBetter: false },
    { id: 'vendors_missing_art28', label: { fr: 'Contrats sans clauses art. 28', en: 'Contracts lacking Art. 28 clauses' }, value: fig.vendors.missingArt28.filter((v) => v.missing > 0).length, unit: 'count', higherIsBetter: false },
  ];
}

/** All the figures of the report and the dashboard for `period` (default: the last twelve months). */
export function computeFigures(facts: FigureFacts, opts: { today: IsoDate; period?: Period }): Figures {
  const period = opts.period ?? defaultPeriod(opts.today);
  const prev = previousPeriod(period);
  const base = {
    period,
    previousPeriod: prev,
    today: opts.today,
    register: registerFigures(facts.activities),
    requests: requestFigures(facts.requests, period),
    requestsPrevious: requestFigures(facts.requests, prev),
    breaches: breachFigures(facts.breaches, period),
    breachesPrevious: breachFigures(facts.breaches, prev),
    vendors: vendorFigures(facts.vendors, opts.today),
    actionPlan: actionPlan(facts, opts.today),
    storage: facts.storage ?? null,
  };
  return { ...base, keyFigures: keyFiguresOf(base), decisions: decisionsFrom(base) };
}
