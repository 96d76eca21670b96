/**
 * Rights requests (DSAR case files): create and edit cases, their dated correspondence and attachments,
 * letters, dashboard figures and the calendar export. Deadlines and status come from the domain engine
 * (domain/dsar-deadlines via domain/requests/case); every write goes through the one write path.
 */
import { derivedId } from '../db/write';
import { toCsv } from '../export/csv';
import { createHash } from 'node:crypto';
import { createEvents, type EventAttributes } from 'ics';
import { addDays, compareDates, isIsoDate, localDateOf } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { refuseUnsafeText } from '../domain/text';
import { normalize } from '../domain/search';
import { autoEventSummary, type AutoEvent } from '../domain/requests/event-summary';
import {
  base64DecodedSize,
  checkAttachmentSize,
  computeCase,
  storedDsarCaseSchema,
  LETTER_TYPES,
  matchesStatus,
  median,
  extensionNoticeDue,
  parseDsarCase,
  RIGHT_ARTICLES,
  RIGHTS,
  summarize,
  tasksForRights,
  storedTask,
  sameTasks,
  type CaseComputed,
  type DsarCase,
  type AttachmentPurpose,
  type LetterType,
  type RequestsSummary,
  type Right,
  type StatusFilter,
} from '../domain/requests/case';
import type { OrgProfile } from '../domain/org-profile';
import { getAttachmentRow, getRequestRow, listAttachmentMeta, listEventRows, listRequestRows, liveRequestIdByReference } from '../db/repositories/requests';
import type { RequestsTable } from '../db/schema';
import { accessActivity, buildRequestLetter, LETTER_TITLES, letterFileName, type AccessActivity } from '../export/docx/requests-letters';
import { getActivityRow } from '../db/repositories/activities';
import { formatDateLong } from '../export/text';
import { rowToActivity } from './register';
import { NO_TARGETS, onTargetRate, targetMissed, targetOf, type ResponseTargets } from '../domain/retention/rules';
import { ensureRequestIndex, queryRequestPage } from './request-index';
import { queryRequestCounts, queryTodayRequests } from '../db/repositories/request-index';
import { RetentionService } from './retention';
import type { Workspace, Writer } from './workspace';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface CaseListItem {
  id: string;
  reference: string;
  requester: string;
  rights: Right[];
  channel: DsarCase['channel'];
  jurisdiction: string;
  received: string;
  oneMonth: string;
  threeMonths: string;
  threeMonthsPrudent: string;
  extensionNoticeBy: string;
  paused?: { days: number; oneMonth: string; threeMonths: string };
  dueDate: string;
  status: CaseComputed['status'];
  calendarDaysLeft: number;
  workingDaysLeft: number;
  extended: boolean;
  /** When the person was told of the extension (Art. 12(3)); the dashboard and the list filter need it. */
  extensionNotifiedOn: string | null;
  closed: boolean;
  awaitingIdentity: boolean;
  responseSentOn: string | null;
  outcome: NonNullable<DsarCase['outcome']['result']> | null;
  warnings: string[];
  target: { days: number; on: string } | null;
  targetMissed: boolean;
}

export interface CaseEvent {
  id: string;
  occurredOn: string;
  kind: string;
  direction: 'in' | 'out' | 'internal';
  summary: string;
  attachmentId: string | null;
}

export interface CaseAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  letterType: string | null;
  createdAt: string;
  purpose: AttachmentPurpose | null;
  /** The file was deleted under a retention rule (its digest stays). */
  purged: boolean;
}

export function rowToCase(row: RequestsTable): DsarCase {
  const details = JSON.parse(row.details) as Record<string, unknown>;
  const requester = (details.requester ?? {}) as Record<string, unknown>;
  // Read with the stored-row schema: a value accepted before a rule was tightened still reads.
  return storedDsarCaseSchema.parse({
    ...details,
    requester: { ...requester, name: row.requester_name },
    rights: JSON.parse(row.rights) as unknown,
    channel: row.channel,
    receivedOn: row.received_on,
    jurisdiction: row.jurisdiction,
  });
}

/**
 * The stored columns of a case. Its checklist is written in the form every version reads (storedTask:
 * a standard task with the catalogue's words in the workspace's language); `storedTasks`, when given,
 * is written as it is (an update that leaves the checklist as it was keeps the stored cell: no change
 * is logged for it).
 */
function toRow(c: DsarCase, reference: string, lang: 'fr' | 'en', storedTasks?: unknown) {
  const { requester, rights, channel, receivedOn, jurisdiction, tasks, ...rest } = c;
  return {
    reference,
    requester_name: requester.name,
    rights,
    channel,
    received_on: receivedOn,
    jurisdiction: jurisdiction ?? null,
    extended_on: c.extension.decidedOn ?? null,
    response_sent_on: c.response.sentOn ?? null,
    // The column's CHECK predates 'transferred'; the case details stay the source of the outcome.
    outcome: c.outcome.result === 'transferred' ? null : (c.outcome.result ?? null),
    details: { requester, ...rest, tasks: storedTasks ?? tasks.map((t) => storedTask(t, lang)) },
  };
}

/** Words of the CSV log (French for a French workspace: no code reaches a person). */
const CSV_LABELS = {
  fr: {
    header: ['Référence', 'Reçue le', 'Canal', 'Droits', 'Demandeur', 'Calendrier', 'Échéance à un mois', 'Prolongée', 'Échéance prolongée', 'Échéance retenue', 'Statut', 'Réponse envoyée le', 'Suite donnée', 'Dans les délais', 'Alertes'],
    yes: 'oui',
    no: 'non',
  },
  en: {
    header: ['reference', 'received', 'channel', 'rights', 'requester', 'jurisdiction', 'one_month_deadline', 'extended', 'three_month_deadline', 'due_date', 'status', 'response_sent_on', 'outcome', 'on_time', 'warnings'],
    yes: 'yes',
    no: 'no',
  },
} as const;
const CHANNEL_NAMES: Record<DsarCase['channel'], { fr: string; en: string }> = {
  email: { fr: 'Courriel', en: 'email' },
  letter: { fr: 'Courrier postal', en: 'letter' },
  web: { fr: 'Formulaire en ligne', en: 'web' },
  phone: { fr: 'Téléphone', en: 'phone' },
  'in-person': { fr: 'Sur place', en: 'in-person' },
};
const RIGHT_NAMES: Record<Right, { fr: string; en: string }> = {
  access: { fr: 'accès', en: 'access' },
  rectification: { fr: 'rectification', en: 'rectification' },
  erasure: { fr: 'effacement', en: 'erasure' },
  restriction: { fr: 'limitation', en: 'restriction' },
  objection: { fr: 'opposition', en: 'objection' },
  portability: { fr: 'portabilité', en: 'portability' },
  'consent-withdrawal': { fr: 'retrait du consentement', en: 'consent-withdrawal' },
  'post-mortem': { fr: 'directives post mortem', en: 'post-mortem' },
  'automated-decision': { fr: 'décision automatisée', en: 'automated-decision' },
};
const STATUS_NAMES: Record<CaseComputed['status'], { fr: string; en: string }> = {
  'on-track': { fr: 'Dans les délais', en: 'on-track' },
  'due-soon': { fr: 'Échéance proche', en: 'due-soon' },
  overdue: { fr: 'En retard', en: 'overdue' },
  extended: { fr: 'Prolongée', en: 'extended' },
  closed: { fr: 'Clôturée', en: 'closed' },
};
const OUTCOME_NAMES: Record<NonNullable<DsarCase['outcome']['result']>, { fr: string; en: string }> = {
  fulfilled: { fr: 'Demande satisfaite', en: 'fulfilled' },
  partly: { fr: 'Satisfaite en partie', en: 'partly' },
  refused: { fr: 'Refus motivé', en: 'refused' },
  'no-data': { fr: 'Aucune donnée détenue', en: 'no-data' },
  transferred: { fr: 'Transmise au responsable du traitement', en: 'transferred' },
};
const WARNING_NAMES = {
  'extension-notice-late': { fr: 'prolongation notifiée hors délai', en: 'extension-notice-late' },
  'extension-notice-missing': { fr: 'prolongation non notifiée', en: 'extension-notice-missing' },
  'extension-without-reasons': { fr: 'prolongation sans motifs', en: 'extension-without-reasons' },
  'response-late': { fr: 'réponse tardive', en: 'response-late' },
  'awaiting-identity': { fr: 'en attente d’informations', en: 'awaiting-identity' },
  'profile-jurisdiction': { fr: 'calendrier du profil', en: 'profile-jurisdiction' },
} as const;

const LETTER_EVENT_KIND: Record<LetterType, string> = {
  acknowledgement: 'acknowledgement',
  'identity-request': 'identity-request',
  'extension-notice': 'extension-notice',
  'response-cover': 'response',
  refusal: 'refusal',
  unfounded: 'refusal',
  unidentifiable: 'refusal',
  'recipients-notice': 'letter-out',
  'marketing-stopped': 'response',
};

/** The media type of a file from its extension (octet-stream when unknown). Also used for breach evidence files. */
export function mediaTypeOf(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const map: Record<string, string> = {
    pdf: 'application/pdf',
    docx: DOCX_MIME,
    doc: 'application/msword',
    txt: 'text/plain',
    eml: 'message/rfc822',
    msg: 'application/vnd.ms-outlook',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    csv: 'text/csv',
    zip: 'application/zip',
    json: 'application/json',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  return map[ext] ?? 'application/octet-stream';
}

/**
 * The id of a timeline entry derived from a case's dates: the same on every device (its case, its
 * kind, its date and which date it records), so two colleagues recording the same date do not each
 * add a copy, and recording it again adds nothing.
 */
function derivedEventId(requestId: string, e: { occurredOn: string; kind: string; direction: string }): string {
  return derivedId('request-event', requestId, e.kind, e.direction, e.occurredOn);
}

/** The median of values given as a histogram (same result as `median` over the expanded list). */
export function medianOfHistogram(h: ReadonlyArray<{ days: number; n: number }>): number | null {
  const total = h.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const sorted = [...h].sort((a, b) => a.days - b.days);
  const at = (k: number): number => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.n;
      if (k < seen) return b.days;
    }
    return sorted[sorted.length - 1]!.days;
  };
  const mid = Math.floor(total / 2);
  return total % 2 ? at(mid) : median([at(mid - 1), at(mid)]);
}

/** Timeline entries written when a date of the case is recorded for the first time or changed. */
function dateEvents(before: DsarCase | undefined, after: DsarCase, lang: 'fr' | 'en'): Array<{ occurredOn: string; kind: string; direction: 'in' | 'out' | 'internal'; summary: string }> {
  const out: Array<{ occurredOn: string; kind: string; direction: 'in' | 'out' | 'internal'; summary: string }> = [];
  // (Each derived event gets a deterministic id from its case, kind and date: see derivedEventId.)
  const changed = (get: (c: DsarCase) => string | null | undefined) => {
    const v = get(after);
    return v && v !== (before ? get(before) : undefined) ? v : undefined;
  };
  let d: string | undefined;
  // The sentences come from one domain module: the screen recognises them and says them in the UI's language.
  const say = (e: AutoEvent) => autoEventSummary(e, lang);
  if (!before) out.push({ occurredOn: after.receivedOn, kind: 'received', direction: 'in', summary: say({ key: 'received', channel: after.channel }) });
  if ((d = changed((c) => c.identity.requestedOn))) out.push({ occurredOn: d, kind: 'identity-request', direction: 'out', summary: say({ key: 'identity-requested', detail: after.identity.method || undefined }) });
  if ((d = changed((c) => c.identity.receivedOn))) out.push({ occurredOn: d, kind: 'identity-received', direction: 'in', summary: say({ key: 'identity-received' }) });
  if ((d = changed((c) => c.extension.decidedOn))) out.push({ occurredOn: d, kind: 'note', direction: 'internal', summary: say({ key: 'extension-decided' }) });
  if ((d = changed((c) => c.extension.notifiedOn))) out.push({ occurredOn: d, kind: 'extension-notice', direction: 'out', summary: say({ key: 'extension-notified' }) });
  if ((d = changed((c) => c.response.sentOn))) out.push({ occurredOn: d, kind: 'response', direction: 'out', summary: say({ key: 'response-sent', detail: after.response.how || undefined }) });
  return out;
}

/** Validates and inserts one case, its checklist and its first timeline entries, inside the caller's transaction. */
export async function insertCase(w: Writer, draft: unknown, profile: OrgProfile, reason?: string): Promise<{ id: string; reference: string }> {
  return insertParsedCase(w, parseDsarCase(draft), profile, reason);
}

/** insertCase for a case its caller has just validated with parseDsarCase (not parsed twice). */
async function insertParsedCase(w: Writer, c: DsarCase, profile: OrgProfile, reason?: string): Promise<{ id: string; reference: string }> {
  if (c.tasks.length === 0) c.tasks = tasksForRights(c.rights, []);
  // This device's next number (a counter, not a scan; distinct on every colleague's device).
  const reference = w.reference('DSAR', Number(c.receivedOn.slice(0, 4)));
  const r = await w.write({ op: 'insert', table: 'requests', values: toRow(c, reference, profile.language), reason });
  // Its stored deadlines are computed from the case as validated, not from the row parsed back.
  w.caseInserted(r.id, c);
  for (const e of dateEvents(undefined, c, profile.language)) {
    await w.write({ op: 'insert', table: 'request_events', id: derivedEventId(r.id, e), ifExists: 'keep', values: { request_id: r.id, occurred_on: e.occurredOn, kind: e.kind, direction: e.direction, summary: e.summary, attachment_id: null } });
  }
  return { id: r.id, reference };
}

/** A request cannot have been received after today (catches 2062 for 2026). */
function checkNotFuture(c: DsarCase, today: string): void {
  if (compareDates(c.receivedOn, today) > 0) {
    throw new DomainError('invalid_request', `receivedOn (${c.receivedOn}) is after today (${today}): record the day the request actually reached you.`, {
      issues: [{ path: ['receivedOn'], message: 'after today', code: 'date_in_future', params: { date: c.receivedOn } }],
    });
  }
}

/** Filters of `requests.list` (API, CLI, pages). */
export interface ListQuery {
  status?: StatusFilter;
  right?: Right;
  text?: string;
  dueFrom?: string;
  dueTo?: string;
  limit?: number;
  cursor?: string;
  sort?: 'deadline' | 'received';
}

export class RequestsService {
  constructor(
    private readonly ws: Workspace,
    private readonly opts: { now?: () => Date } = {},
  ) {}

  private async context(): Promise<{ profile: OrgProfile; today: string; targets: ResponseTargets }> {
    const { profile } = await this.ws.getProfile();
    const now = this.opts.now?.() ?? new Date();
    const targets = await new RetentionService(this.ws, this.opts).targets();
    return { profile, today: localDateOf(now.toISOString(), profile.time_zone), targets };
  }

  private compute(c: DsarCase, profile: OrgProfile, today: string, lang?: 'fr' | 'en'): CaseComputed {
    return computeCase(c, { defaultJurisdiction: profile.jurisdiction, today, lang: lang ?? profile.language });
  }

  private listItem(id: string, reference: string, c: DsarCase, k: CaseComputed, targets: ResponseTargets = NO_TARGETS, today = ''): CaseListItem {
    const d = k.deadlines;
    const target = targetOf(c.rights, c.receivedOn, targets);
    return {
      id,
      reference,
      requester: c.requester.name,
      rights: c.rights,
      channel: c.channel,
      jurisdiction: k.jurisdiction,
      received: d.received,
      oneMonth: d.oneMonth,
      threeMonths: d.threeMonths,
      threeMonthsPrudent: d.threeMonthsPrudent,
      extensionNoticeBy: d.extensionNoticeBy,
      ...(d.paused ? { paused: { days: d.paused.days, oneMonth: d.paused.oneMonth, threeMonths: d.paused.threeMonths } } : {}),
      dueDate: k.dueDate,
      status: k.status,
      calendarDaysLeft: k.calendarDaysLeft,
      workingDaysLeft: k.workingDaysLeft,
      extended: k.extended,
      extensionNotifiedOn: c.extension.notifiedOn ?? null,
      closed: k.closed,
      awaitingIdentity: k.awaitingIdentity,
      responseSentOn: c.response.sentOn ?? null,
      outcome: c.outcome.result ?? null,
      warnings: k.warnings.map((w) => w.code),
      target,
      targetMissed: today ? targetMissed(target, c.response.sentOn ?? null, today) : false,
    };
  }

  /** Validates and inserts one case inside an existing transaction (used by create and the demo). */
  insertWith(w: Writer, draft: unknown, profile: OrgProfile, reason?: string): Promise<{ id: string; reference: string }> {
    return insertCase(w, draft, profile, reason);
  }

  async create(draft: unknown): Promise<CaseListItem & { explanation: CaseComputed['deadlines']['explanation'] }> {
    // Check first: a bad date or an unknown jurisdiction is refused before anything is written.
    refuseUnsafeText(draft, 'request');
    const parsed = parseDsarCase(draft);
    const now = this.opts.now?.() ?? new Date();
    return this.ws.mutate(async (w) => {
      // The profile and targets this transaction reads once: the case's deadlines here, and its
      // stored deadlines when the transaction ends (Workspace.mutate), are computed with the same.
      const { profile, targets } = await w.read.requestIndexContext();
      const today = localDateOf(now.toISOString(), profile.time_zone);
      checkNotFuture(parsed, today);
      // Computed once: the deadlines depend only on what was just validated and stored.
      const k = this.compute(parsed, profile, today);
      // The case as validated is the case as stored (the write path stores these values): no re-read.
      const { id, reference } = await insertParsedCase(w, parsed, profile);
      return { ...this.listItem(id, reference, parsed, k, targets, today), explanation: k.deadlines.explanation };
    });
  }

  async update(id: string, draft: unknown): Promise<{ changed: string[] }> {
    const { profile, today } = await this.context();
    const row = await this.liveRow(id);
    const before = rowToCase(row);
    refuseUnsafeText(draft, 'request');
    const c = parseDsarCase(draft);
    if (c.rights.join() !== before.rights.join() || c.tasks.length === 0) c.tasks = tasksForRights(c.rights, c.tasks);
    // The same checklist as stored (whatever form it came back in): the stored cell is kept as it is.
    const storedTasks = sameTasks(c.tasks, before.tasks) ? (JSON.parse(row.details) as { tasks?: unknown }).tasks : undefined;
    checkNotFuture(c, today);
    this.compute(c, profile, today);
    const r = await this.ws.mutate(async (w) => {
      const res = await w.write({ op: 'update', table: 'requests', id, values: toRow(c, row.reference, profile.language, storedTasks) });
      for (const e of dateEvents(before, c, profile.language)) {
        await w.write({ op: 'insert', table: 'request_events', id: derivedEventId(id, e), ifExists: 'keep', values: { request_id: id, occurred_on: e.occurredOn, kind: e.kind, direction: e.direction, summary: e.summary, attachment_id: null } });
      }
      return res;
    });
    return { changed: r.changed };
  }

  /** The id of the live case with this reference (CLI: `--case DSAR-2026-0015`). */
  async idOf(reference: string): Promise<string> {
    const id = await liveRequestIdByReference(this.ws.db, reference.trim().toUpperCase());
    if (!id) throw new DomainError('not_found', `No rights request with reference ${reference} (references read DSAR-YYYY-NNNN; see dsar list).`);
    return id;
  }

  private async liveRow(id: string): Promise<RequestsTable> {
    const row = await getRequestRow(this.ws.db, id);
    if (!row || row.deleted_at) throw new DomainError('not_found', `No rights request with id ${id}${row?.deleted_at ? ' (it is in the trash)' : ''}.`);
    return row;
  }

  /**
   * The rights-request log as CSV (one line per case with its dates, deadlines and outcome), in the workspace's
   * language: French headers and values in French (codes never reach a person), English otherwise. Dates stay
   * YYYY-MM-DD so spreadsheets read them as dates.
   */
  async exportCsv(lang?: 'fr' | 'en'): Promise<{ fileName: string; contentBase64: string; cases: number }> {
    const { profile } = await this.context();
    const language = lang ?? profile.language;
    const { today, items } = await this.list({});
    const sorted = [...items].sort((a, b) => a.received.localeCompare(b.received) || a.reference.localeCompare(b.reference));
    const L = CSV_LABELS[language];
    const yes = (v: boolean) => (v ? L.yes : L.no);
    const text = toCsv(
      L.header,
      sorted.map((c) => [
        c.reference,
        c.received,
        CHANNEL_NAMES[c.channel][language],
        c.rights.map((r) => RIGHT_NAMES[r][language]).join(language === 'fr' ? ' | ' : '|'),
        c.requester,
        c.jurisdiction,
        c.oneMonth,
        yes(c.extended),
        c.threeMonths,
        c.dueDate,
        STATUS_NAMES[c.status][language],
        c.responseSentOn ?? '',
        c.outcome ? OUTCOME_NAMES[c.outcome][language] : '',
        c.responseSentOn ? yes(c.responseSentOn <= c.dueDate) : '',
        c.warnings.map((w) => WARNING_NAMES[w as keyof typeof WARNING_NAMES]?.[language] ?? w).join(language === 'fr' ? ' | ' : '|'),
      ]),
    );
    return { fileName: `${language === 'fr' ? 'demandes-de-droits' : 'rights-requests'}-${today}.csv`, contentBase64: Buffer.from(text, 'utf8').toString('base64'), cases: sorted.length };
  }

  /**
   * Cases for a list. With `limit`, one page read from the stored deadlines (filtered, sorted and
   * counted in SQL) with `total` and `nextCursor`; without it, every matching case (scripts, exports).
   * Both apply the same filters (a test compares them on every one): status or saved view, right,
   * text (accents and case ignored, as in the palette), and the due date in force within [dueFrom, dueTo].
   */
  async list(q: ListQuery = {}): Promise<{ today: string; items: CaseListItem[]; total: number; nextCursor: string | null }> {
    for (const field of ['dueFrom', 'dueTo'] as const) {
      const v = q[field];
      if (v !== undefined && !isIsoDate(v)) {
        throw new DomainError('invalid_input', `${field}: "${v}" is not a date (expected YYYY-MM-DD, e.g. 2026-03-01).`, {
          issues: [{ path: [field], message: 'not a date', code: 'invalid_date', params: { value: v } }],
        });
      }
    }
    if (q.dueFrom && q.dueTo && compareDates(q.dueFrom, q.dueTo) > 0) {
      throw new DomainError('invalid_input', `dueFrom (${q.dueFrom}) is after dueTo (${q.dueTo}): give the first day of the range first.`, {
        issues: [{ path: ['dueFrom'], message: 'after dueTo', code: 'range_reversed', params: { from: q.dueFrom, to: q.dueTo } }],
      });
    }
    const text = q.text ? normalize(q.text) : '';
    if (q.limit !== undefined) {
      const { profile, today, targets } = await this.context();
      await ensureRequestIndex(this.ws.db);
      const page = await queryRequestPage(this.ws.db, { status: q.status, right: q.right, text: text || undefined, dueFrom: q.dueFrom, dueTo: q.dueTo, limit: q.limit, cursor: q.cursor, sort: q.sort, today });
      const items = page.rows.map((row) => {
        const c = rowToCase(row);
        return this.listItem(row.id, row.reference, c, this.compute(c, profile, today), targets, today);
      });
      return { today, items, total: page.total, nextCursor: page.nextCursor };
    }
    const all = await this.listAll({ ...q, text });
    return { ...all, total: all.items.length, nextCursor: null };
  }

  private async listAll(q: Omit<ListQuery, 'limit' | 'cursor'>): Promise<{ today: string; items: CaseListItem[] }> {
    const { profile, today, targets } = await this.context();
    const rows = await listRequestRows(this.ws.db);
    const items: CaseListItem[] = [];
    for (const row of rows) {
      const c = rowToCase(row);
      const k = this.compute(c, profile, today);
      const item = this.listItem(row.id, row.reference, c, k, targets, today);
      if (q.status && !matchesStatus(k.status, q.status, { targetMissed: item.targetMissed, awaitingIdentity: k.awaitingIdentity, extensionNoticeDue: extensionNoticeDue(k, c.extension.notifiedOn, today) })) continue;
      if (q.right && !c.rights.includes(q.right)) continue;
      if (q.text && !normalize(`${row.reference} ${row.requester_name}`).includes(q.text)) continue;
      if (q.dueFrom && compareDates(k.dueDate, q.dueFrom) < 0) continue;
      if (q.dueTo && compareDates(k.dueDate, q.dueTo) > 0) continue;
      items.push(item);
    }
    if (q.sort === 'received') {
      items.sort((a, b) => b.received.localeCompare(a.received) || b.reference.localeCompare(a.reference));
      return { today, items };
    }
    // Open cases first, the nearest deadline first; closed cases after, most recent answer first.
    items.sort((a, b) => Number(a.closed) - Number(b.closed) || (a.closed ? (b.responseSentOn ?? '').localeCompare(a.responseSentOn ?? '') : a.dueDate.localeCompare(b.dueDate)) || a.reference.localeCompare(b.reference));
    return { today, items };
  }

  async get(id: string, lang?: 'fr' | 'en') {
    const { profile, today } = await this.context();
    const row = await this.liveRow(id);
    const c = rowToCase(row);
    const k = this.compute(c, profile, today, lang);
    const events: CaseEvent[] = (await listEventRows(this.ws.db, id)).map((e) => ({ id: e.id, occurredOn: e.occurred_on, kind: e.kind, direction: e.direction, summary: e.summary, attachmentId: e.attachment_id }));
    const attachments: CaseAttachment[] = (await listAttachmentMeta(this.ws.db, id)).map((a) => ({ id: a.id, fileName: a.file_name, mediaType: a.media_type, size: a.size, sha256: a.sha256, letterType: a.letter_type, createdAt: a.created_at, purpose: a.purpose, purged: Boolean(a.purged) }));
    const holds = await new RetentionService(this.ws, this.opts).holdsFor(id);
    for (const a of attachments) holds.push(...(await new RetentionService(this.ws, this.opts).holdsFor(a.id)));
    return {
      id,
      reference: row.reference,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      case: c,
      jurisdictionSource: (c.jurisdiction ? 'case' : 'profile') as 'case' | 'profile',
      summary: this.listItem(id, row.reference, c, k, (await this.context()).targets, today),
      deadlines: k.deadlines,
      warnings: k.warnings,
      events,
      attachments,
      holds,
      today,
    };
  }

  private async insertAttachment(w: Writer, requestId: string, file: { fileName: string; bytes: Buffer; mediaType?: string; letterType?: LetterType; purpose?: AttachmentPurpose }): Promise<string> {
    checkAttachmentSize(file.bytes.length, file.fileName);
    const r = await w.write({
      op: 'insert',
      table: 'request_attachments',
      values: {
        request_id: requestId,
        file_name: file.fileName,
        media_type: file.mediaType || mediaTypeOf(file.fileName),
        size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        letter_type: file.letterType ?? null,
        content: file.bytes.toString('base64'),
        purpose: file.purpose ?? (file.letterType ? 'correspondence' : null),
      },
    });
    return r.id;
  }

  /** Records a dated piece of correspondence, optionally with a file kept inside the workspace. */
  async addEvent(
    requestId: string,
    e: { occurredOn: string; kind: string; direction: 'in' | 'out' | 'internal'; summary: string; attachment?: { fileName: string; contentBase64: string; mediaType?: string; purpose?: AttachmentPurpose } },
  ): Promise<{ id: string; attachmentId: string | null }> {
    await this.liveRow(requestId);
    let bytes: Buffer | undefined;
    if (e.attachment) {
      // Size first, from the base64 length: a too-large file is refused before it is decoded or written.
      checkAttachmentSize(base64DecodedSize(e.attachment.contentBase64), e.attachment.fileName);
      bytes = Buffer.from(e.attachment.contentBase64, 'base64');
    }
    return this.ws.mutate(async (w) => {
      const attachmentId = e.attachment && bytes ? await this.insertAttachment(w, requestId, { fileName: e.attachment.fileName, bytes, mediaType: e.attachment.mediaType, purpose: e.attachment.purpose }) : null;
      const r = await w.write({ op: 'insert', table: 'request_events', values: { request_id: requestId, occurred_on: e.occurredOn, kind: e.kind, direction: e.direction, summary: e.summary, attachment_id: attachmentId } });
      return { id: r.id, attachmentId };
    });
  }

  async getAttachment(id: string): Promise<{ fileName: string; mediaType: string; contentBase64: string }> {
    const a = await getAttachmentRow(this.ws.db, id);
    if (!a || a.deleted_at) throw new DomainError('not_found', `No attachment with id ${id}.`);
    if (a.content === '') throw new DomainError('purged', `${a.file_name} was deleted under a retention rule; only its SHA-256 digest (${a.sha256}) is kept.`);
    return { fileName: a.file_name, mediaType: a.media_type, contentBase64: a.content };
  }

  /**
   * Writes a letter from the case, the profile and the register activities the case concerns, keeps it in the
   * case's correspondence and returns it. A letter that would contradict the case is refused; one that lacks
   * required content is refused with the list of what is missing, unless `draft` is asked (then every page
   * says « PROJET »).
   */
  async generateLetter(
    requestId: string,
    type: LetterType,
    lang?: 'fr' | 'en',
    opts: { draft?: boolean } = {},
  ): Promise<{ fileName: string; contentBase64: string; attachmentId: string; eventId: string; draft: boolean; missing: string[] }> {
    if (!LETTER_TYPES.includes(type)) throw new DomainError('invalid_request', `Unknown letter type ${type}; use one of ${LETTER_TYPES.join(', ')}.`);
    const { profile, today } = await this.context();
    const row = await this.liveRow(requestId);
    const c = rowToCase(row);
    const language = lang ?? profile.language;
    const k = this.compute(c, profile, today, language);
    if (c.purge) throw new DomainError('purged', `${row.reference} was pseudonymised on ${c.purge.on} under a retention rule: no letter can be written from it any more.`);
    const activities: AccessActivity[] = [];
    for (const activityId of c.scope.activityIds) {
      const a = await getActivityRow(this.ws.db, activityId);
      if (a && !a.deleted_at) activities.push(accessActivity(rowToActivity(a), language));
    }
    const r = await buildRequestLetter({ type, lang: language, profile, reference: row.reference, dsar: c, deadlines: k.deadlines, dueDate: k.dueDate, jurisdiction: k.jurisdiction, today, activities, draft: opts.draft });
    const fileName = letterFileName(type, language, row.reference, today, r.draft);
    const title = LETTER_TITLES[type][language];
    const ids = await this.ws.mutate(async (w) => {
      const attachmentId = await this.insertAttachment(w, requestId, { fileName, bytes: r.buffer, mediaType: DOCX_MIME, letterType: type });
      const summary = r.draft ? (language === 'fr' ? `Projet de courrier (incomplet) : ${title}` : `Draft letter (incomplete): ${title}`) : language === 'fr' ? `Courrier préparé : ${title}` : `Letter prepared: ${title}`;
      const ev = await w.write({ op: 'insert', table: 'request_events', values: { request_id: requestId, occurred_on: today, kind: r.draft ? 'note' : LETTER_EVENT_KIND[type], direction: r.draft ? 'internal' : 'out', summary, attachment_id: attachmentId } });
      return { attachmentId, eventId: ev.id };
    });
    return { fileName, contentBase64: r.buffer.toString('base64'), ...ids, draft: r.draft, missing: r.missing };
  }

  /**
   * Dashboard figures, as SQL aggregates over the stored deadlines (no case is parsed or computed):
   * the same answers as `summarize`, `onTargetRate` and `targetMissed` over every case
   * (summaryInMemory below, kept as the reference the tests compare with).
   */
  async summary(): Promise<RequestsSummary & { onTargetRate: number | null; targetMissedOpen: number }> {
    const { profile } = await this.ws.getProfile();
    const today = localDateOf((this.opts.now?.() ?? new Date()).toISOString(), profile.time_zone);
    await ensureRequestIndex(this.ws.db);
    const k = await queryRequestCounts(this.ws.db, { today, soon: addDays(today, 7), since: addDays(today, -365), rights: RIGHTS.length });
    const countsByRight = Object.fromEntries(RIGHTS.map((r, i) => [r, k.rightBits[i] ?? 0])) as Record<Right, number>;
    return {
      today,
      open: k.open,
      dueThisWeek: k.dueThisWeek,
      overdue: k.overdue,
      awaitingIdentity: k.awaitingIdentity,
      extensionNoticesDue: k.extensionNoticesDue,
      countsByRight,
      onTimeRate: k.answered ? k.onTime / k.answered : null,
      medianDaysToRespond: medianOfHistogram(k.daysHistogram),
      answeredLast12Months: k.answered,
      onTargetRate: k.targetAnswered ? k.onTarget / k.targetAnswered : null,
      targetMissedOpen: k.targetMissedOpen,
    };
  }

  /** The summary computed in memory from every case (the reference for the SQL one; tests only). */
  async summaryInMemory() {
    const { profile, today, targets } = await this.context();
    const rows = await listRequestRows(this.ws.db);
    const cases = rows.map((row) => {
      const c = rowToCase(row);
      const k = this.compute(c, profile, today);
      return { rights: c.rights, receivedOn: c.receivedOn, responseSentOn: c.response.sentOn ?? null, extensionNotifiedOn: c.extension.notifiedOn ?? null, computed: k, target: targetOf(c.rights, c.receivedOn, targets) };
    });
    // The internal target's rate over the same 12 months as the on-time rate (null when no target is set).
    const yearAgo = addDays(today, -365);
    const recent = cases.filter((c) => c.responseSentOn && compareDates(c.responseSentOn, yearAgo) > 0);
    return { ...summarize(cases, today), onTargetRate: onTargetRate(recent), targetMissedOpen: cases.filter((c) => !c.responseSentOn && targetMissed(c.target, null, today)).length };
  }

  /** The open cases the Today list may show (due within a week or overdue, extension notice due), from the stored deadlines. */
  async todayCandidates(): Promise<{ today: string; items: Array<{ id: string; reference: string; requester: string; dueDate: string; closed: false; extended: boolean; extensionNoticeBy: string; extensionNotifiedOn: string | null }> }> {
    const { profile } = await this.ws.getProfile();
    const today = localDateOf((this.opts.now?.() ?? new Date()).toISOString(), profile.time_zone);
    await ensureRequestIndex(this.ws.db);
    const rows = await queryTodayRequests(this.ws.db, { today, soon: addDays(today, 7) });
    return {
      today,
      items: rows.map((r) => ({ id: r.id, reference: r.reference, requester: r.requester_name, dueDate: r.due, closed: false, extended: r.extended === 1, extensionNoticeBy: r.notice_by, extensionNotifiedOn: r.extension_notified_on || null })),
    };
  }

  /** All open deadlines as an iCalendar file (reference and rights only: no personal data leaves the workspace). */
  async ics(): Promise<{ fileName: string; content: string; events: number }> {
    const { profile, today } = await this.context();
    const { items } = await this.list({ status: 'open' });
    const fr = profile.language === 'fr';
    const toArr = (d: string): [number, number, number] => [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
    const events: EventAttributes[] = items.map((i) => ({
      uid: `${i.id}-due@vigie`,
      // All-day event: DTEND is the next day (RFC 5545 §3.6.1); the ics library's `duration: { days: 1 }`
      // writes "P1DT", which is not a valid duration.
      start: toArr(i.dueDate),
      end: toArr(addDays(i.dueDate, 1)),
      title: fr ? `${i.reference} — échéance de réponse (${i.extended ? 'prolongée' : 'un mois'})` : `${i.reference} — response due (${i.extended ? 'extended' : 'one month'})`,
      // The due date is the one the status and the dashboard use (and the one an extension notice promises);
      // no other extended date is shown, so the calendar can never disagree with the letter.
      description: fr
        ? `Droits : ${i.rights.map((r) => RIGHT_ARTICLES[r].replace('Art.', 'art.')).join(', ')}. Reçue le ${formatDateLong(i.received, 'fr')}. Échéance : ${formatDateLong(i.dueDate, 'fr')}${i.extended ? ' (prolongée)' : ''}.${!i.extended ? ` Notification d’une éventuelle prolongation au plus tard le ${formatDateLong(i.extensionNoticeBy, 'fr')}.` : ''}`
        : `Rights: ${i.rights.map((r) => RIGHT_ARTICLES[r]).join(', ')}. Received ${formatDateLong(i.received, 'en')}. Due: ${formatDateLong(i.dueDate, 'en')}${i.extended ? ' (extended)' : ''}.${!i.extended ? ` Any extension must be notified by ${formatDateLong(i.extensionNoticeBy, 'en')}.` : ''}`,
      categories: ['DSAR'],
      status: 'CONFIRMED',
      busyStatus: 'FREE',
      // 72 hours before (written "-PT72H"; `{ days: 3 }` gives the invalid "-P3DT").
      alarms: [{ action: 'display', description: i.reference, trigger: { hours: 72, before: true } }],
    }));
    if (events.length === 0) {
      const r = createEvents([], { productId: 'vigie/dsar', calName: 'Vigie DSAR' });
      if (r.error || !r.value) throw new DomainError('internal', `Could not write the calendar: ${String(r.error)}`);
      return { fileName: `vigie-dsar-${today}.ics`, content: r.value, events: 0 };
    }
    const r = createEvents(events, { productId: 'vigie/dsar', calName: fr ? 'Vigie — demandes de droits' : 'Vigie — rights requests' });
    if (r.error || !r.value) throw new DomainError('internal', `Could not write the calendar: ${String(r.error)}`);
    return { fileName: `vigie-dsar-${today}.ics`, content: r.value, events: events.length };
  }

  async remove(id: string, reason?: string): Promise<void> {
    await this.ws.moveToTrash('requests', id, reason);
  }
}

/**
 * A realistic year of rights requests for the demo workspace, relative to `today`: most answered on time,
 * one partly refused (invoices kept under the Code de commerce), refusals with their grounds (heir status not
 * shown, no automated decision, manifestly excessive repetition, person not identifiable), one extended with a
 * timely notice, one overdue, one from a lawyer awaiting the mandate, one due within the week — so every letter
 * type can be produced from the demo. Access requests are linked to the register activities they concern
 * (the Art. 15(1) information of the response). Call it inside the demo's transaction; everything goes
 * through the write path.
 */
export async function seedDemoRequests(w: Writer, profile: OrgProfile, today: string): Promise<number> {
  const day = (n: number) => addDays(today, -n);
  const activityIds = await w.read.activityIdsByReference();
  const scope = (...refs: string[]) => ({ activityIds: refs.map((r) => activityIds.get(r)).filter((x): x is string => Boolean(x)), systems: [] });
  const people = ['Camille Laurent', 'Hugo Bernard', 'Léa Dubois', 'Lucas Moreau', 'Chloé Lefèvre', 'Nathan Girard', 'Manon Roux', 'Théo Fournier', 'Inès Mercier', 'Louis Blanc', 'Sarah Garnier', 'Jules Faure', 'Emma Chevalier', 'Raphaël Robin', 'Zoé Clément', 'Arthur Morel'];
  const rights: Right[][] = [['access'], ['erasure'], ['objection'], ['access', 'portability'], ['rectification'], ['consent-withdrawal'], ['access'], ['erasure', 'objection'], ['restriction'], ['access'], ['post-mortem'], ['automated-decision'], ['access'], ['erasure'], ['portability'], ['objection']];
  const channels = ['email', 'web', 'letter', 'email', 'phone', 'web', 'email', 'in-person'] as const;
  const crm = 'Éditeur de l’outil CRM';
  const mailing = 'Éditeur de l’outil d’e-mailing';
  // What was decided for each answered case (index = position in the year).
  const outcomes: Record<number, Record<string, unknown>> = {
    1: { outcome: { result: 'fulfilled' }, recipients: [crm, mailing] },
    2: { objectionGround: 'marketing', outcome: { result: 'fulfilled' } },
    3: { outcome: { result: 'no-data' } },
    4: { outcome: { result: 'fulfilled' }, recipients: [crm] },
    6: {
      outcome: {
        result: 'refused',
        reasons: 'Il s’agit de la sixième demande d’accès identique reçue en deux mois ; une copie complète des données vous a été adressée il y a trois semaines et aucune donnée vous concernant n’a été modifiée depuis. La demande revêt de ce fait un caractère manifestement excessif, en raison de son caractère répétitif.',
      },
    },
    7: {
      objectionGround: 'marketing',
      outcome: {
        result: 'partly',
        reasons: 'Les factures émises à votre nom et les pièces comptables qui s’y rapportent doivent être conservées dix ans (article L123-22 du Code de commerce) : elles ne peuvent pas être effacées avant ce terme et sont conservées en archivage intermédiaire, avec un accès restreint au service comptable. Vos autres données ont été effacées et vous ne recevez plus de prospection.',
      },
      recipients: [crm, mailing],
    },
    8: { outcome: { result: 'fulfilled' }, recipients: [crm] },
    9: {
      identity: { requestedOn: null, outcome: 'failed', method: 'l’adresse électronique utilisée pour vous connecter au service, ou votre numéro de client' },
      outcome: {
        result: 'refused',
        reasons: 'Aucun compte, contact ou ticket ne correspond au nom et à l’adresse électronique indiqués dans la demande. Les seules données qui pourraient vous concerner sont des données de navigation pseudonymes, que nous ne pouvons pas rattacher à une personne sans information complémentaire.',
      },
    },
    10: {
      outcome: {
        result: 'refused',
        reasons: 'La demande émane d’un proche du défunt qui n’a pas justifié de sa qualité d’héritier et n’a pas produit de directives relatives au sort des données (article 85 de la loi Informatique et Libertés). Le compte a été désactivé à titre conservatoire ; nous donnerons suite dès réception d’un acte de notoriété ou des directives.',
      },
    },
    11: {
      outcome: {
        result: 'refused',
        reasons: 'Aucune décision produisant des effets juridiques ou vous affectant de manière significative n’est prise sur le seul fondement d’un traitement automatisé (article 22, paragraphe 1, du RGPD) : les réponses de l’assistant conversationnel sont des suggestions, et toute décision sur votre contrat est prise par un conseiller.',
      },
    },
  };
  const cases: unknown[] = [];
  // Answered cases spread over the year, all but one on time.
  for (let i = 0; i < 12; i++) {
    const received = day(350 - i * 27);
    const took = i === 5 ? 38 : 6 + ((i * 7) % 20);
    const r = rights[i]!;
    const extra = outcomes[i] ?? { outcome: { result: 'fulfilled' } };
    const identity = (extra.identity as Record<string, unknown> | undefined) ?? (i % 4 === 0 ? { requestedOn: addDays(received, 1), receivedOn: addDays(received, 3), method: 'Numéro client et adresse de facturation', outcome: 'verified' } : {});
    cases.push({
      requester: { name: people[i]!, email: `${people[i]!.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.')}@example.org` },
      rights: r,
      objectionGround: r.includes('objection') ? 'marketing' : null,
      channel: channels[i % channels.length],
      receivedOn: received,
      ...(r.includes('access') ? { scope: scope('ST-T01', 'ST-T04', 'ST-T08') } : {}),
      ...extra,
      identity: identity.requestedOn === null ? { requestedOn: addDays(received, 1), method: identity.method, outcome: identity.outcome } : identity,
      response: { sentOn: addDays(received, took), how: 'Courriel chiffré' },
    });
  }
  // Extended with a timely notice, still open.
  cases.push({ requester: { name: people[12]!, email: 'emma.chevalier@example.org' }, rights: rights[12], channel: 'letter', receivedOn: day(55), scope: scope('ST-T01', 'ST-T02'), extension: { decidedOn: day(45), reasons: 'Vos données sont réparties dans cinq systèmes, dont des archives papier qui doivent être numérisées, et plusieurs documents mentionnent d’autres personnes dont les données doivent être occultées avant communication.', notifiedOn: day(44) } });
  // Overdue.
  cases.push({ requester: { name: people[13]! }, rights: rights[13], channel: 'email', receivedOn: day(40) });
  // From a lawyer; the mandate has not arrived yet.
  cases.push({ requester: { name: people[14]!, representative: { name: 'Me Claire Vidal', capacity: 'Avocate au barreau de Paris' } }, rights: rights[14], channel: 'letter', receivedOn: day(10), identity: { requestedOn: day(8), method: 'le mandat signé par Mme Clément et son numéro de contrat' } });
  // Complex request received twelve days ago: extension decided with its grounds, notice still to send.
  cases.push({
    requester: { name: 'Victor Lambert', email: 'victor.lambert@example.org', address: '12 rue des Lilas, 69003 Lyon' },
    rights: ['access'],
    channel: 'email',
    receivedOn: day(12),
    scope: scope('ST-T01', 'ST-T08', 'ST-T09'),
    extension: { decidedOn: day(2), reasons: 'Votre demande porte sur sept années d’échanges avec notre support et nos équipes commerciales, conservés dans trois outils distincts et dans nos journaux de connexion ; leur extraction et l’occultation des données d’autres personnes demandent plus d’un mois.' },
  });
  // Due within the week.
  cases.push({ requester: { name: people[15]!, email: 'arthur.morel@example.org' }, rights: rights[15], objectionGround: 'legitimate-interest', channel: 'web', receivedOn: day(26) });
  for (const c of cases) await insertCase(w, c, profile, 'demo workspace');
  return cases.length;
}
