/**
 * Storage limitation practised (issue 16): which of Vigie's own records are due for purge under the
 * retention rules (resources/reference/retention-rules.json, as the DPO adjusted them), purging them
 * through the write path's purge operation (history values forgotten, chain intact, the purge logged
 * with who, when and which rule), litigation holds, the business-system purge calendar of the register,
 * and the internal response targets of rights requests.
 */
import { createEvents, type EventAttributes } from 'ics';
import { addDays, compareDates, isIsoDate, localDateOf } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import {
  addPeriod,
  dueItems,
  effectiveRules,
  minimisedBreachDetails,
  minimisedVendorDetails,
  pseudonym,
  pseudonymisedCaseDetails,
  purgeSchedule,
  RULE_IDS,
  targetsFromRows,
  type CategoryRetention,
  type DueItem,
  type EffectiveRule,
  type Period,
  type PurgeMark,
  type ResponseTargets,
  type RetentionCandidate,
  type RuleId,
  type ScheduledPurge,
} from '../domain/retention/rules';
import {
  breachesClosedAt,
  getHold,
  listActiveHolds,
  listActivitiesForRetention,
  listActivitiesForRetentionDueBy,
  listBreachesForRetention,
  listIdentityDocuments,
  listRegisterPurges,
  listRequestsClosedBy,
  listRequestsForRetention,
  listRequestsForRetentionByIds,
  listResponseTargets,
  listRetentionSettings,
  listEndedVendorsForRetention,
  listVendorsForRetention,
} from '../db/repositories/retention';
import { breachesClosedBefore } from '../db/repositories/breach-index';
import { breachIndexCurrent } from './breach-index';
import type { Workspace, Writer } from './workspace';

export interface DueItemView extends DueItem {
  /** Where the record is shown: the case of an identity document, the record itself otherwise. */
  link: { area: 'requests' | 'breaches' | 'vendors'; id: string };
}

/** A retention period as the register stores it (value and unit), null when it is not one. */
function periodOf(p: { value?: number; unit?: string } | undefined): Period | null {
  return p && typeof p.value === 'number' && (p.unit === 'days' || p.unit === 'months' || p.unit === 'years') ? { value: p.value, unit: p.unit } : null;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The latest trigger day whose retention period ends by `limit` (addPeriod is non-decreasing in its
 * start day, so a record is due by `limit` exactly when its trigger is on or before this day): null when
 * none can be, undefined when the search cannot bound it (then every record is read, as before).
 */
export function latestTriggerDueBy(period: Period, limit: string): string | null | undefined {
  if (!(period.value >= 0) || !isIsoDate(limit)) return undefined;
  const span = period.unit === 'days' ? period.value : period.unit === 'months' ? period.value * 31 : period.value * 366;
  let lo = -(span + 10);
  let hi = 0;
  const ok = (offset: number) => compareDates(addPeriod(addDays(limit, offset), period), limit) <= 0;
  if (!ok(lo)) return undefined;
  if (ok(hi)) return limit;
  // ok(lo) and not ok(hi): the last ok offset lies in [lo, hi).
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return addDays(limit, lo);
}

const TRIGGER_OUTCOMES = new Set(['verified', 'failed', 'not-needed']);

export class RetentionService {
  constructor(
    private readonly ws: Workspace,
    private readonly opts: { now?: () => Date } = {},
  ) {}

  private async today(): Promise<{ today: string; timeZone: string; lang: 'fr' | 'en' }> {
    const { profile } = await this.ws.getProfile();
    const now = this.opts.now?.() ?? new Date();
    return { today: localDateOf(now.toISOString(), profile.time_zone), timeZone: profile.time_zone, lang: profile.language };
  }

  // ── rules ──────────────────────────────────────────────────────────────────────────────────────────────
  async rules(): Promise<EffectiveRule[]> {
    const settings = await listRetentionSettings(this.ws.db);
    return effectiveRules(settings.map((s) => ({ ruleId: s.rule_id as RuleId, period: { value: s.period_value, unit: s.period_unit }, reason: s.reason })));
  }

  /** The DPO changes a rule's period; the reason is required and kept (and in the change log). */
  async setRule(ruleId: RuleId, period: Period, reason: string): Promise<EffectiveRule> {
    if (!RULE_IDS.includes(ruleId)) throw new DomainError('invalid_input', `Unknown retention rule ${ruleId}; use one of ${RULE_IDS.join(', ')}.`);
    if (!reason.trim()) throw new DomainError('invalid_input', 'Say why the retention period changes: the reason is kept with the rule.');
    const existing = (await listRetentionSettings(this.ws.db)).find((s) => s.rule_id === ruleId);
    await this.ws.mutate(async (w) => {
      const values = { rule_id: ruleId, period_value: period.value, period_unit: period.unit, reason: reason.trim() };
      if (existing) await w.write({ op: 'update', table: 'retention_settings', id: existing.id, values, reason: reason.trim() });
      else await w.write({ op: 'insert', table: 'retention_settings', values, reason: reason.trim() });
    });
    return (await this.rules()).find((r) => r.id === ruleId)!;
  }

  /** Back to the reference default (the setting goes to the trash, with the reason). */
  async resetRule(ruleId: RuleId, reason: string): Promise<EffectiveRule> {
    const existing = (await listRetentionSettings(this.ws.db)).find((s) => s.rule_id === ruleId);
    if (existing) await this.ws.mutate((w) => w.write({ op: 'delete', table: 'retention_settings', id: existing.id, reason: reason.trim() || 'back to the reference default' }));
    return (await this.rules()).find((r) => r.id === ruleId)!;
  }

  // ── what is due ────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Every record a retention rule covers, with its trigger day. With `dueBy` (what `due` asks), the
   * rights requests are only those closed early enough to be due by that day under the rule in force
   * (read through the `requests_response` index, migration 0012): at 100,000 cases the others are never
   * read or parsed. Every candidate left out is one `dueItems` would have dropped; tests compare both.
   */
  private async candidates(opts: { dueBy?: string; rules?: readonly EffectiveRule[] } = {}): Promise<RetentionCandidate[]> {
    const db = this.ws.db;
    const { timeZone } = await this.today();
    const out: RetentionCandidate[] = [];
    let requests: Awaited<ReturnType<typeof listRequestsForRetention>>;
    if (opts.dueBy !== undefined && opts.rules) {
      const rule = opts.rules.find((r) => r.id === 'request-closed');
      const bound = rule ? latestTriggerDueBy(rule.period, opts.dueBy) : null;
      requests = rule ? (bound === undefined ? await listRequestsForRetention(db) : bound === null ? [] : await listRequestsClosedBy(db, bound)) : [];
    } else {
      requests = await listRequestsForRetention(db);
    }
    for (const r of requests) {
      const details = parseJson(r.details);
      out.push({ ruleId: 'request-closed', table: 'requests', id: r.id, reference: r.reference, triggerOn: r.response_sent_on, purged: details.purge !== undefined });
    }
    const documents = await listIdentityDocuments(db);
    // The parents of identity documents only (not every case).
    const caseById = new Map((await listRequestsForRetentionByIds(db, [...new Set(documents.map((a) => a.request_id))])).map((r) => [r.id, r]));
    for (const a of documents) {
      const parent = caseById.get(a.request_id);
      const identity = (parent ? parseJson(parent.details).identity : undefined) as { outcome?: string; receivedOn?: string } | undefined;
      const checked = identity?.outcome && TRIGGER_OUTCOMES.has(identity.outcome);
      // The check's day: when the information was received, else the day the document was stored.
      const on = checked ? (identity?.receivedOn && isIsoDate(identity.receivedOn) ? identity.receivedOn : localDateOf(a.created_at, timeZone)) : null;
      out.push({ ruleId: 'identity-document', table: 'request_attachments', id: a.id, reference: `${parent?.reference ?? '?'} — ${a.file_name}`, triggerOn: on, purged: false, parentId: a.request_id });
    }
    const breachRule = opts.dueBy !== undefined && opts.rules ? opts.rules.find((r) => r.id === 'breach-closed') : undefined;
    const breachBound = breachRule && opts.dueBy !== undefined ? latestTriggerDueBy(breachRule.period, opts.dueBy) : undefined;
    // A read never rebuilds the index (a refused purge changes nothing): when it is not current (a new
    // workspace before any breach list was read, an older index key), every breach is read as before.
    if (opts.dueBy !== undefined && opts.rules && (!breachRule || breachBound !== undefined) && (await breachIndexCurrent(this.ws.db))) {
      // Only the breaches closed early enough to be due by `dueBy`, from their stored trigger (breach_index,
      // migration 0013): a breach's trigger day is its closing instant's day in the workspace's zone, never
      // more than 14 hours from the UTC day, so every breach closed before the bound's next day but one is
      // read and the exact day decided here, as below.
      if (breachRule && breachBound !== null && breachBound !== undefined) {
        for (const b of await breachesClosedBefore(db, addDays(breachBound, 2))) {
          out.push({ ruleId: 'breach-closed', table: 'breaches', id: b.id, reference: b.reference, triggerOn: localDateOf(b.closed_at, timeZone), purged: b.purged === 1 });
        }
      }
    } else {
      const breaches = await listBreachesForRetention(db);
      const closedAt = await breachesClosedAt(db, breaches.filter((b) => b.status === 'closed').map((b) => b.id));
      for (const b of breaches) {
        const details = parseJson(b.details);
        const at = b.status === 'closed' ? (closedAt.get(b.id) ?? b.updated_at) : null;
        out.push({ ruleId: 'breach-closed', table: 'breaches', id: b.id, reference: b.reference, triggerOn: at ? localDateOf(at, timeZone) : null, purged: details.purge !== undefined });
      }
    }
    // What `due` asks: only vendors whose relationship has ended can be due (the others have no trigger).
    for (const v of opts.dueBy !== undefined ? await listEndedVendorsForRetention(db) : await listVendorsForRetention(db)) {
      const details = parseJson(v.details);
      const contacts = Array.isArray(details.contacts) ? details.contacts : [];
      const ended = typeof details.relationshipEndedOn === 'string' && isIsoDate(details.relationshipEndedOn) ? details.relationshipEndedOn : null;
      out.push({ ruleId: 'vendor-contacts', table: 'vendors', id: v.id, reference: v.name, triggerOn: ended, purged: contacts.length === 0 });
    }
    return out;
  }

  async due(opts: { includeHeld?: boolean } = {}): Promise<{ today: string; items: DueItemView[] }> {
    const { today } = await this.today();
    const holds = (await listActiveHolds(this.ws.db)).map((h) => ({ table: h.table_name, rowId: h.row_id, reason: h.reason, placedOn: h.placed_on }));
    const rules = await this.rules();
    const items = dueItems(await this.candidates({ dueBy: today, rules }), rules, holds, today, { includeHeld: opts.includeHeld });
    return {
      today,
      items: items.map((i) => ({
        ...i,
        link: i.table === 'request_attachments' ? { area: 'requests' as const, id: i.parentId! } : { area: i.table === 'requests' ? ('requests' as const) : i.table === 'breaches' ? ('breaches' as const) : ('vendors' as const), id: i.id },
      })),
    };
  }

  /**
   * Purges the given due items in one transaction (all or nothing). Each must be due today and not held.
   * A closed case is pseudonymised (the accountability record stays), its correspondence summaries and
   * attachments are blanked; an identity document's file is deleted (its digest stays); a breach or a
   * vendor is minimised. Every step is the write path's purge: earlier log values of those columns are
   * forgotten, the chain still verifies, and the purge entry records who, when and which rule.
   */
  async purge(ids: readonly string[], reason: string): Promise<{ purged: Array<{ table: string; id: string; reference: string; rule: RuleId }> }> {
    if (ids.length === 0) throw new DomainError('invalid_input', 'Choose at least one item to purge.');
    if (!reason.trim()) throw new DomainError('invalid_input', 'A purge must say why (e.g. "retention period ended"); the reason is logged.');
    const { today, lang } = await this.today();
    const { items } = await this.due({ includeHeld: true });
    const chosen = ids.map((id) => {
      const item = items.find((i) => i.id === id);
      if (!item) throw new DomainError('not_due', `Nothing to purge with id ${id}: it is not due under the retention rules (or was already purged).`, { id });
      if (item.hold) throw new DomainError('on_hold', `${item.reference} is on hold (${item.hold.reason}); release the hold before purging it.`, { id });
      return item;
    });
    const mark = (rule: RuleId): PurgeMark => ({ on: today, rule, by: this.ws.actor, reason: reason.trim() });
    await this.ws.mutate(async (w) => {
      for (const item of chosen) await this.purgeOne(w, item, mark(item.rule), lang);
    });
    return { purged: chosen.map((i) => ({ table: i.table, id: i.id, reference: i.reference, rule: i.rule })) };
  }

  private async purgeOne(w: Writer, item: DueItem, mark: PurgeMark, lang: 'fr' | 'en'): Promise<void> {
    const why = `retention rule ${item.rule}: ${mark.reason}`;
    if (item.table === 'requests') {
      const details = await w.read.rowDetails('requests', item.id);
      await w.write({ op: 'purge', table: 'requests', id: item.id, values: { requester_name: pseudonym(mark), details: pseudonymisedCaseDetails(parseJson(details), mark) }, reason: why });
      for (const eventId of await w.read.requestEventIds(item.id)) await w.write({ op: 'purge', table: 'request_events', id: eventId, values: { summary: '' }, reason: why });
      for (const attachmentId of await w.read.heldAttachmentIds(item.id)) await w.write({ op: 'purge', table: 'request_attachments', id: attachmentId, values: { content: '' }, reason: why });
      return;
    }
    if (item.table === 'request_attachments') {
      await w.write({ op: 'purge', table: 'request_attachments', id: item.id, values: { content: '' }, reason: why });
      // The case's timeline says what happened to the document (the fact of the check stays in the case).
      await w.write({
        op: 'insert',
        table: 'request_events',
        values: {
          request_id: item.parentId!,
          occurred_on: mark.on,
          kind: 'note',
          direction: 'internal',
          summary: lang === 'fr' ? 'Pièce d’identité supprimée après la vérification (règle de conservation).' : 'Identity document deleted after the check (retention rule).',
          attachment_id: item.id,
        },
        reason: why,
      });
      return;
    }
    if (item.table === 'breaches') {
      const details = await w.read.rowDetails('breaches', item.id);
      await w.write({ op: 'purge', table: 'breaches', id: item.id, values: { details: minimisedBreachDetails(parseJson(details), mark) }, reason: why });
      // Its evidence files (logs, screenshots: personal data) go with it; their names, sizes and digests stay.
      for (const fileId of await w.read.heldBreachFileIds(item.id)) await w.write({ op: 'purge', table: 'breach_files', id: fileId, values: { content: '' }, reason: why });
      return;
    }
    const details = await w.read.rowDetails('vendors', item.id);
    await w.write({ op: 'purge', table: 'vendors', id: item.id, values: { details: minimisedVendorDetails(parseJson(details), mark) }, reason: why });
  }

  // ── holds ──────────────────────────────────────────────────────────────────────────────────────────────
  /** Postpones the purge of a record (litigation hold); the reason shows in the record and in the list. */
  async hold(id: string, reason: string): Promise<{ holdId: string }> {
    if (!reason.trim()) throw new DomainError('invalid_input', 'A hold must give its reason (e.g. "litigation pending before the labour court").');
    const { today } = await this.today();
    const target = (await this.candidates()).find((c) => c.id === id);
    if (!target) throw new DomainError('not_found', `No record with id ${id} is covered by a retention rule.`);
    const existing = (await listActiveHolds(this.ws.db)).find((h) => h.row_id === id && h.table_name === target.table);
    if (existing) throw new DomainError('conflict', `${target.reference} is already on hold (${existing.reason}).`);
    const r = await this.ws.mutate((w) =>
      w.write({ op: 'insert', table: 'retention_holds', values: { table_name: target.table, row_id: id, reason: reason.trim(), placed_on: today, released_on: null }, reason: reason.trim() }),
    );
    return { holdId: r.id };
  }

  async release(holdId: string, reason: string): Promise<void> {
    const h = await getHold(this.ws.db, holdId);
    if (!h || h.released_on) throw new DomainError('not_found', `No hold in force with id ${holdId}.`);
    const { today } = await this.today();
    await this.ws.mutate((w) => w.write({ op: 'update', table: 'retention_holds', id: holdId, values: { released_on: today }, reason: reason.trim() || 'hold released' }));
  }

  async holdsFor(rowId: string): Promise<Array<{ id: string; reason: string; placedOn: string }>> {
    return (await listActiveHolds(this.ws.db)).filter((h) => h.row_id === rowId).map((h) => ({ id: h.id, reason: h.reason, placedOn: h.placed_on }));
  }

  // ── business-system purge calendar ─────────────────────────────────────────────────────────────────────
  /**
   * The register's data categories with a retention period. With `dueBy` (Today's look-ahead), a
   * category no run of which can be due by that day is left out before the activity's creation day is
   * converted to the workspace's zone (1,000 conversions after an unlock at issue 11's scale): one
   * with no active period (purgeSchedule skips it), and one with no purge recorded whose first run,
   * counted from the day before the creation's UTC day, already falls after `dueBy` — the zone's day
   * is never earlier than that (offsets stay within ±14 hours) and addPeriod never decreases with its
   * start day, so purgeSchedule would drop it too. Categories with a recorded purge are all kept.
   */
  private async categories(only?: { dueBy: string; recorded: ReadonlySet<string> }): Promise<CategoryRetention[]> {
    const { timeZone } = await this.today();
    const out: CategoryRetention[] = [];
    // Whether the first run, counted from a lower bound of the start day, falls after `dueBy`: once per
    // distinct (day, period).
    const beyond = new Map<string, boolean>();
    const cannotBeDue = (createdAt: string, p: Period, dueBy: string): boolean => {
      // Only a stamp in UTC (the write path's): with another offset its own day is not the UTC one.
      const last = createdAt.charCodeAt(createdAt.length - 1);
      if (last !== 90 && last !== 122) return false;
      const utcDay = createdAt.slice(0, 10);
      const k = `${utcDay}\u0000${p.unit}\u0000${p.value}`;
      let v = beyond.get(k);
      if (v === undefined) {
        v = isIsoDate(utcDay) && compareDates(addPeriod(addDays(utcDay, -1), p), dueBy) > 0;
        beyond.set(k, v);
      }
      return v;
    };
    for (const a of only ? await listActivitiesForRetentionDueBy(this.ws.db, only.dueBy) : await listActivitiesForRetention(this.ws.db)) {
      const details = parseJson(a.details);
      if (details.status === 'retired') continue;
      const cats = Array.isArray(details.dataCategories) ? (details.dataCategories as Array<Record<string, unknown>>) : [];
      // The activity's creation day, once per activity (not per category: a time-zone conversion each).
      let since: string | undefined;
      for (const c of cats) {
        const ret = (c.retention ?? null) as { activePeriod?: { value?: number; unit?: string }; intermediatePeriod?: { value?: number; unit?: string }; finalFate?: string } | null;
        const categoryId = String(c.id ?? '');
        const active = periodOf(ret?.activePeriod);
        if (only && (!active || (!only.recorded.has(`${a.id}\u0000${categoryId}`) && cannotBeDue(a.created_at, active, only.dueBy)))) continue;
        since ??= localDateOf(a.created_at, timeZone);
        out.push({
          activityId: a.id,
          activityReference: a.reference,
          activityName: a.name,
          owner: a.owner,
          categoryId,
          categoryLabel: String(c.label ?? ''),
          active,
          archive: periodOf(ret?.intermediatePeriod),
          finalFate: ret?.finalFate ?? null,
          since,
        });
      }
    }
    return out;
  }

  async schedule(opts: { dueOnly?: boolean; activityId?: string; dueBy?: string } = {}): Promise<{ today: string; items: ScheduledPurge[] }> {
    const { today } = await this.today();
    const records = (await listRegisterPurges(this.ws.db)).map((r) => ({ activityId: r.activity_id, categoryId: r.category_id, performedOn: r.performed_on, performedBy: r.performed_by, system: r.system }));
    const only = opts.dueBy !== undefined ? { dueBy: opts.dueBy, recorded: new Set(records.map((r) => `${r.activityId}\u0000${r.categoryId}`)) } : undefined;
    let items = purgeSchedule(await this.categories(only), records, today, opts.dueBy !== undefined ? { dueBy: opts.dueBy } : {});
    if (opts.activityId) items = items.filter((i) => i.activityId === opts.activityId);
    if (opts.dueOnly) items = items.filter((i) => compareDates(i.dueOn, today) <= 0);
    return { today, items };
  }

  /** Evidence of storage limitation (Art. 5(1)(e), 5(2)): "purge performed on … by … in system …". */
  async recordPurge(input: { activityId: string; categoryId: string; performedOn: string; performedBy: string; system: string; note?: string }): Promise<{ id: string }> {
    const { today } = await this.today();
    if (isIsoDate(input.performedOn) && compareDates(input.performedOn, today) > 0) {
      throw new DomainError('invalid_input', `performedOn (${input.performedOn}) is after today (${today}): record a purge once it has been done.`, { issues: [{ path: ['performedOn'], message: 'after today' }] });
    }
    const cats = await this.categories();
    if (!cats.some((c) => c.activityId === input.activityId && c.categoryId === input.categoryId)) {
      throw new DomainError('not_found', `No data category ${input.categoryId} in activity ${input.activityId}.`);
    }
    const r = await this.ws.mutate((w) =>
      w.write({
        op: 'insert',
        table: 'register_purges',
        values: { activity_id: input.activityId, category_id: input.categoryId, performed_on: input.performedOn, performed_by: input.performedBy, system: input.system, note: input.note ?? '' },
      }),
    );
    return { id: r.id };
  }

  /** The business-system purges as an ICS calendar for the activities' owners (no personal data in it). */
  async scheduleIcs(): Promise<{ fileName: string; text: string; events: number }> {
    const { items, today } = await this.schedule();
    const { lang } = await this.today();
    const events: EventAttributes[] = items.map((i) => {
      const [y, m, d] = i.dueOn.split('-').map(Number) as [number, number, number];
      const [ey, em, ed] = addDays(i.dueOn, 1).split('-').map(Number) as [number, number, number];
      const verb = { archive: { fr: 'Archiver', en: 'Archive' }, delete: { fr: 'Purger', en: 'Purge' }, anonymise: { fr: 'Anonymiser', en: 'Anonymise' }, other: { fr: 'Appliquer le sort final', en: 'Apply the final fate' } }[i.action][lang];
      return {
        start: [y, m, d],
        end: [ey, em, ed],
        title: `${verb} — ${i.activityReference} ${i.activityName} — ${i.categoryLabel}`,
        description:
          lang === 'fr'
            ? `Durée de conservation du registre (art. 5, § 1, e) du RGPD). Responsable : ${i.owner || 'non renseigné'}. Enregistrez la purge effectuée dans Vigie (Registre › Purges).`
            : `Register retention rule (GDPR Art. 5(1)(e)). Owner: ${i.owner || 'not set'}. Record the purge performed in Vigie (Register › Purges).`,
        uid: `vigie-purge-${i.activityId}-${i.categoryId}-${i.dueOn}@vigie`,
        alarms: [{ action: 'display', description: verb, trigger: { weeks: 1, before: true } }],
      };
    });
    const { error, value } = createEvents(events);
    if (error || !value) throw new DomainError('export_failed', `The calendar could not be written: ${String(error?.message ?? error)}`);
    return { fileName: `purges-registre-${today}.ics`, text: value, events: events.length };
  }

  // ── internal response targets ──────────────────────────────────────────────────────────────────────────
  async targets(): Promise<ResponseTargets> {
    return targetsFromRows(await listResponseTargets(this.ws.db));
  }

  /** Replaces the targets (null/absent = no target); each change is one logged write. */
  async setTargets(t: ResponseTargets): Promise<ResponseTargets> {
    const rows = await listResponseTargets(this.ws.db);
    const wanted = new Map<string, number>(Object.entries(t.perRight));
    if (t.defaultDays !== null) wanted.set('*', t.defaultDays);
    await this.ws.mutate(async (w) => {
      for (const r of rows) {
        const days = wanted.get(r.right);
        if (days === undefined) await w.write({ op: 'delete', table: 'response_targets', id: r.id, reason: 'target removed' });
        else if (days !== r.days) await w.write({ op: 'update', table: 'response_targets', id: r.id, values: { days } });
      }
      for (const [right, days] of wanted) if (!rows.some((r) => r.right === right)) await w.write({ op: 'insert', table: 'response_targets', values: { right, days } });
    });
    return this.targets();
  }
}
