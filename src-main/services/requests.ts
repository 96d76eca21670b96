/**
 * Rights requests (DSAR case files): create and edit cases, their dated correspondence and attachments,
 * letters, dashboard figures and the calendar export. Deadlines and status come from the domain engine
 * (domain/dsar-deadlines via domain/requests/case); every write goes through the one write path.
 */
import { toCsv } from '../export/csv';
import { createHash } from 'node:crypto';
import { createEvents, type EventAttributes } from 'ics';
import { addDays, compareDates, localDateOf } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import {
  base64DecodedSize,
  checkAttachmentSize,
  computeCase,
  dsarCaseSchema,
  LETTER_TYPES,
  matchesStatus,
  nextDsarReference,
  parseDsarCase,
  summarize,
  tasksForRights,
  type CaseComputed,
  type DsarCase,
  type LetterType,
  type Right,
  type StatusFilter,
} from '../domain/requests/case';
import type { OrgProfile } from '../domain/org-profile';
import { getAttachmentRow, getRequestRow, listAttachmentMeta, listEventRows, listRequestRows, usedRequestReferences } from '../db/repositories/requests';
import type { RequestsTable } from '../db/schema';
import { buildRequestLetter, LETTER_TITLES, letterFileName } from '../export/docx/requests-letters';
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
}

function rowToCase(row: RequestsTable): DsarCase {
  const details = JSON.parse(row.details) as Record<string, unknown>;
  const requester = (details.requester ?? {}) as Record<string, unknown>;
  return dsarCaseSchema.parse({
    ...details,
    requester: { ...requester, name: row.requester_name },
    rights: JSON.parse(row.rights) as unknown,
    channel: row.channel,
    receivedOn: row.received_on,
    jurisdiction: row.jurisdiction,
  });
}

function toRow(c: DsarCase, reference: string) {
  const { requester, rights, channel, receivedOn, jurisdiction, ...rest } = c;
  return {
    reference,
    requester_name: requester.name,
    rights,
    channel,
    received_on: receivedOn,
    jurisdiction: jurisdiction ?? null,
    extended_on: c.extension.decidedOn ?? null,
    response_sent_on: c.response.sentOn ?? null,
    outcome: c.outcome.result ?? null,
    details: { requester, ...rest },
  };
}

const CHANNEL_LABEL: Record<DsarCase['channel'], { fr: string; en: string }> = {
  email: { fr: 'par courriel', en: 'by e-mail' },
  letter: { fr: 'par courrier', en: 'by post' },
  web: { fr: 'par formulaire en ligne', en: 'through the web form' },
  phone: { fr: 'par téléphone', en: 'by phone' },
  'in-person': { fr: 'en personne', en: 'in person' },
};

const LETTER_EVENT_KIND: Record<LetterType, string> = {
  acknowledgement: 'acknowledgement',
  'identity-request': 'identity-request',
  'extension-notice': 'extension-notice',
  'response-cover': 'response',
  refusal: 'refusal',
};

function mediaTypeOf(fileName: string): string {
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

/** Timeline entries written when a date of the case is recorded for the first time or changed. */
function dateEvents(before: DsarCase | undefined, after: DsarCase, lang: 'fr' | 'en'): Array<{ occurredOn: string; kind: string; direction: 'in' | 'out' | 'internal'; summary: string }> {
  const L = (fr: string, en: string) => (lang === 'fr' ? fr : en);
  const out: Array<{ occurredOn: string; kind: string; direction: 'in' | 'out' | 'internal'; summary: string }> = [];
  const changed = (get: (c: DsarCase) => string | null | undefined) => {
    const v = get(after);
    return v && v !== (before ? get(before) : undefined) ? v : undefined;
  };
  let d: string | undefined;
  if (!before) out.push({ occurredOn: after.receivedOn, kind: 'received', direction: 'in', summary: L(`Demande reçue ${CHANNEL_LABEL[after.channel].fr}`, `Request received ${CHANNEL_LABEL[after.channel].en}`) });
  if ((d = changed((c) => c.identity.requestedOn))) out.push({ occurredOn: d, kind: 'identity-request', direction: 'out', summary: L('Informations d’identité / précisions demandées', 'Identity information / clarification requested') + (after.identity.method ? ` — ${after.identity.method}` : '') });
  if ((d = changed((c) => c.identity.receivedOn))) out.push({ occurredOn: d, kind: 'identity-received', direction: 'in', summary: L('Informations demandées reçues', 'Requested information received') });
  if ((d = changed((c) => c.extension.decidedOn))) out.push({ occurredOn: d, kind: 'note', direction: 'internal', summary: L('Prolongation de deux mois décidée', 'Two-month extension decided') });
  if ((d = changed((c) => c.extension.notifiedOn))) out.push({ occurredOn: d, kind: 'extension-notice', direction: 'out', summary: L('Prolongation notifiée à la personne', 'Extension notified to the person') });
  if ((d = changed((c) => c.response.sentOn))) out.push({ occurredOn: d, kind: 'response', direction: 'out', summary: L('Réponse envoyée', 'Response sent') + (after.response.how ? ` — ${after.response.how}` : '') });
  return out;
}

/** Validates and inserts one case, its checklist and its first timeline entries, inside the caller's transaction. */
export async function insertCase(w: Writer, draft: unknown, profile: OrgProfile, reason?: string): Promise<{ id: string; reference: string }> {
  const c = parseDsarCase(draft);
  if (c.tasks.length === 0) c.tasks = tasksForRights(c.rights, [], profile.language);
  // Read through the transaction: the connection is held by it.
  const used = await usedRequestReferences(w.trx);
  const reference = nextDsarReference(used, Number(c.receivedOn.slice(0, 4)));
  const r = await w.write({ op: 'insert', table: 'requests', values: toRow(c, reference), reason });
  for (const e of dateEvents(undefined, c, profile.language)) {
    await w.write({ op: 'insert', table: 'request_events', values: { request_id: r.id, occurred_on: e.occurredOn, kind: e.kind, direction: e.direction, summary: e.summary, attachment_id: null } });
  }
  return { id: r.id, reference };
}

/** A request cannot have been received after today (catches 2062 for 2026). */
function checkNotFuture(c: DsarCase, today: string): void {
  if (compareDates(c.receivedOn, today) > 0) {
    throw new DomainError('invalid_request', `receivedOn (${c.receivedOn}) is after today (${today}): record the day the request actually reached you.`, {
      issues: [{ path: ['receivedOn'], message: 'after today' }],
    });
  }
}

export class RequestsService {
  constructor(
    private readonly ws: Workspace,
    private readonly opts: { now?: () => Date } = {},
  ) {}

  private async context(): Promise<{ profile: OrgProfile; today: string }> {
    const { profile } = await this.ws.getProfile();
    const now = this.opts.now?.() ?? new Date();
    return { profile, today: localDateOf(now.toISOString(), profile.time_zone) };
  }

  private compute(c: DsarCase, profile: OrgProfile, today: string, lang?: 'fr' | 'en'): CaseComputed {
    return computeCase(c, { defaultJurisdiction: profile.jurisdiction, today, lang: lang ?? profile.language });
  }

  private listItem(id: string, reference: string, c: DsarCase, k: CaseComputed): CaseListItem {
    const d = k.deadlines;
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
    };
  }

  /** Validates and inserts one case inside an existing transaction (used by create and the demo). */
  insertWith(w: Writer, draft: unknown, profile: OrgProfile, reason?: string): Promise<{ id: string; reference: string }> {
    return insertCase(w, draft, profile, reason);
  }

  async create(draft: unknown): Promise<CaseListItem & { explanation: CaseComputed['deadlines']['explanation'] }> {
    const { profile, today } = await this.context();
    // Check first: a bad date or an unknown jurisdiction is refused before anything is written.
    const parsed = parseDsarCase(draft);
    checkNotFuture(parsed, today);
    this.compute(parsed, profile, today);
    const { id } = await this.ws.mutate((w) => this.insertWith(w, draft, profile));
    const row = (await getRequestRow(this.ws.db, id))!;
    const c = rowToCase(row);
    const k = this.compute(c, profile, today);
    return { ...this.listItem(id, row.reference, c, k), explanation: k.deadlines.explanation };
  }

  async update(id: string, draft: unknown): Promise<{ changed: string[] }> {
    const { profile, today } = await this.context();
    const row = await this.liveRow(id);
    const before = rowToCase(row);
    const c = parseDsarCase(draft);
    if (c.rights.join() !== before.rights.join() || c.tasks.length === 0) c.tasks = tasksForRights(c.rights, c.tasks, profile.language);
    checkNotFuture(c, today);
    this.compute(c, profile, today);
    const r = await this.ws.mutate(async (w) => {
      const res = await w.write({ op: 'update', table: 'requests', id, values: toRow(c, row.reference) });
      for (const e of dateEvents(before, c, profile.language)) {
        await w.write({ op: 'insert', table: 'request_events', values: { request_id: id, occurred_on: e.occurredOn, kind: e.kind, direction: e.direction, summary: e.summary, attachment_id: null } });
      }
      return res;
    });
    return { changed: r.changed };
  }

  private async liveRow(id: string): Promise<RequestsTable> {
    const row = await getRequestRow(this.ws.db, id);
    if (!row || row.deleted_at) throw new DomainError('not_found', `No rights request with id ${id}${row?.deleted_at ? ' (it is in the trash)' : ''}.`);
    return row;
  }

  /** The rights-request log as CSV (one line per case with its dates, deadlines and outcome). */
  async exportCsv(): Promise<{ fileName: string; contentBase64: string; cases: number }> {
    const { today, items } = await this.list({});
    const sorted = [...items].sort((a, b) => a.received.localeCompare(b.received) || a.reference.localeCompare(b.reference));
    const header = ['reference', 'received', 'channel', 'rights', 'requester', 'jurisdiction', 'one_month_deadline', 'extended', 'three_month_deadline', 'due_date', 'status', 'response_sent_on', 'outcome', 'on_time', 'warnings'];
    const text = toCsv(
      header,
      sorted.map((c) => [c.reference, c.received, c.channel, c.rights.join('|'), c.requester, c.jurisdiction, c.oneMonth, c.extended ? 'yes' : 'no', c.threeMonths, c.dueDate, c.status, c.responseSentOn ?? '', c.outcome ?? '', c.responseSentOn ? (c.responseSentOn <= c.dueDate ? 'yes' : 'no') : '', c.warnings.join('|')]),
    );
    return { fileName: `demandes-de-droits-${today}.csv`, contentBase64: Buffer.from(text, 'utf8').toString('base64'), cases: sorted.length };
  }

  async list(q: { status?: StatusFilter; right?: Right } = {}): Promise<{ today: string; items: CaseListItem[] }> {
    const { profile, today } = await this.context();
    const rows = await listRequestRows(this.ws.db);
    const items: CaseListItem[] = [];
    for (const row of rows) {
      const c = rowToCase(row);
      const k = this.compute(c, profile, today);
      if (q.status && !matchesStatus(k.status, q.status)) continue;
      if (q.right && !c.rights.includes(q.right)) continue;
      items.push(this.listItem(row.id, row.reference, c, k));
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
    const attachments: CaseAttachment[] = (await listAttachmentMeta(this.ws.db, id)).map((a) => ({ id: a.id, fileName: a.file_name, mediaType: a.media_type, size: a.size, sha256: a.sha256, letterType: a.letter_type, createdAt: a.created_at }));
    return {
      id,
      reference: row.reference,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      case: c,
      jurisdictionSource: (c.jurisdiction ? 'case' : 'profile') as 'case' | 'profile',
      summary: this.listItem(id, row.reference, c, k),
      deadlines: k.deadlines,
      warnings: k.warnings,
      events,
      attachments,
      today,
    };
  }

  private async insertAttachment(w: Writer, requestId: string, file: { fileName: string; bytes: Buffer; mediaType?: string; letterType?: LetterType }): Promise<string> {
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
      },
    });
    return r.id;
  }

  /** Records a dated piece of correspondence, optionally with a file kept inside the workspace. */
  async addEvent(
    requestId: string,
    e: { occurredOn: string; kind: string; direction: 'in' | 'out' | 'internal'; summary: string; attachment?: { fileName: string; contentBase64: string; mediaType?: string } },
  ): Promise<{ id: string; attachmentId: string | null }> {
    await this.liveRow(requestId);
    let bytes: Buffer | undefined;
    if (e.attachment) {
      // Size first, from the base64 length: a too-large file is refused before it is decoded or written.
      checkAttachmentSize(base64DecodedSize(e.attachment.contentBase64), e.attachment.fileName);
      bytes = Buffer.from(e.attachment.contentBase64, 'base64');
    }
    return this.ws.mutate(async (w) => {
      const attachmentId = e.attachment && bytes ? await this.insertAttachment(w, requestId, { fileName: e.attachment.fileName, bytes, mediaType: e.attachment.mediaType }) : null;
      const r = await w.write({ op: 'insert', table: 'request_events', values: { request_id: requestId, occurred_on: e.occurredOn, kind: e.kind, direction: e.direction, summary: e.summary, attachment_id: attachmentId } });
      return { id: r.id, attachmentId };
    });
  }

  async getAttachment(id: string): Promise<{ fileName: string; mediaType: string; contentBase64: string }> {
    const a = await getAttachmentRow(this.ws.db, id);
    if (!a || a.deleted_at) throw new DomainError('not_found', `No attachment with id ${id}.`);
    return { fileName: a.file_name, mediaType: a.media_type, contentBase64: a.content };
  }

  /** Writes a letter from the case and the profile, keeps it in the case's correspondence, returns it. */
  async generateLetter(requestId: string, type: LetterType, lang?: 'fr' | 'en'): Promise<{ fileName: string; contentBase64: string; attachmentId: string; eventId: string }> {
    if (!LETTER_TYPES.includes(type)) throw new DomainError('invalid_request', `Unknown letter type ${type}; use one of ${LETTER_TYPES.join(', ')}.`);
    const { profile, today } = await this.context();
    const row = await this.liveRow(requestId);
    const c = rowToCase(row);
    const language = lang ?? profile.language;
    const k = this.compute(c, profile, today, language);
    if (type === 'response-cover' && !c.outcome.result) {
      throw new DomainError('invalid_request', 'A response letter needs the outcome of the request (fulfilled, partly, refused or no data held): record it in the Outcome section first.');
    }
    if (type === 'refusal' && c.outcome.result !== 'refused' && c.outcome.result !== 'partly') {
      throw new DomainError('invalid_request', 'A refusal letter needs the outcome “refused” (or “partly”) and its reasons: record them in the Outcome section first.');
    }
    const buffer = await buildRequestLetter({ type, lang: language, profile, reference: row.reference, dsar: c, deadlines: k.deadlines, jurisdiction: k.jurisdiction, today });
    const fileName = letterFileName(type, language, row.reference, today);
    const title = LETTER_TITLES[type][language];
    const ids = await this.ws.mutate(async (w) => {
      const attachmentId = await this.insertAttachment(w, requestId, { fileName, bytes: buffer, mediaType: DOCX_MIME, letterType: type });
      const summary = language === 'fr' ? `Courrier préparé : ${title}` : `Letter prepared: ${title}`;
      const ev = await w.write({ op: 'insert', table: 'request_events', values: { request_id: requestId, occurred_on: today, kind: LETTER_EVENT_KIND[type], direction: 'out', summary, attachment_id: attachmentId } });
      return { attachmentId, eventId: ev.id };
    });
    return { fileName, contentBase64: buffer.toString('base64'), ...ids };
  }

  async summary() {
    const { profile, today } = await this.context();
    const rows = await listRequestRows(this.ws.db);
    const cases = rows.map((row) => {
      const c = rowToCase(row);
      const k = this.compute(c, profile, today);
      return { rights: c.rights, receivedOn: c.receivedOn, responseSentOn: c.response.sentOn ?? null, extensionNotifiedOn: c.extension.notifiedOn ?? null, computed: k };
    });
    return summarize(cases, today);
  }

  /** All open deadlines as an iCalendar file (reference and rights only: no personal data leaves the workspace). */
  async ics(): Promise<{ fileName: string; content: string; events: number }> {
    const { profile, today } = await this.context();
    const { items } = await this.list({ status: 'open' });
    const fr = profile.language === 'fr';
    const toArr = (d: string): [number, number, number] => [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
    const events: EventAttributes[] = items.map((i) => ({
      uid: `${i.id}-due@vigie`,
      start: toArr(i.dueDate),
      duration: { days: 1 },
      title: fr ? `${i.reference} — échéance de réponse (${i.extended ? 'prolongée' : 'un mois'})` : `${i.reference} — response due (${i.extended ? 'extended' : 'one month'})`,
      description: fr
        ? `Droits : ${i.rights.join(', ')}. Reçue le ${i.received}. Échéance un mois : ${i.oneMonth} ; prolongée : ${i.threeMonthsPrudent}. Notification de prolongation avant le ${i.extensionNoticeBy}.`
        : `Rights: ${i.rights.join(', ')}. Received ${i.received}. One-month deadline: ${i.oneMonth}; extended: ${i.threeMonthsPrudent}. Extension notice by ${i.extensionNoticeBy}.`,
      categories: ['DSAR'],
      status: 'CONFIRMED',
      busyStatus: 'FREE',
      alarms: [{ action: 'display', description: i.reference, trigger: { days: 3, before: true } }],
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
 * one extended with a timely notice, one overdue, one awaiting identity, one due within the week. Call it
 * inside the demo's transaction (`seedDemoRequests(w, profile, today)`); everything goes through the write path.
 */
export async function seedDemoRequests(w: Writer, profile: OrgProfile, today: string): Promise<number> {
  const day = (n: number) => addDays(today, -n);
  const people = ['Camille Laurent', 'Hugo Bernard', 'Léa Dubois', 'Lucas Moreau', 'Chloé Lefèvre', 'Nathan Girard', 'Manon Roux', 'Théo Fournier', 'Inès Mercier', 'Louis Blanc', 'Sarah Garnier', 'Jules Faure', 'Emma Chevalier', 'Raphaël Robin', 'Zoé Clément', 'Arthur Morel'];
  const rights: Right[][] = [['access'], ['erasure'], ['objection'], ['access', 'portability'], ['rectification'], ['consent-withdrawal'], ['access'], ['erasure', 'objection'], ['restriction'], ['access'], ['post-mortem'], ['automated-decision'], ['access'], ['erasure'], ['portability'], ['objection']];
  const channels = ['email', 'web', 'letter', 'email', 'phone', 'web', 'email', 'in-person'] as const;
  const cases: unknown[] = [];
  // Answered cases spread over the year, all but one on time.
  for (let i = 0; i < 12; i++) {
    const received = day(350 - i * 27);
    const took = i === 5 ? 38 : 6 + ((i * 7) % 20);
    const r = rights[i]!;
    cases.push({
      requester: { name: people[i]!, email: `${people[i]!.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.')}@example.org` },
      rights: r,
      objectionGround: r.includes('objection') ? 'marketing' : null,
      channel: channels[i % channels.length],
      receivedOn: received,
      identity: i % 4 === 0 ? { requestedOn: addDays(received, 1), receivedOn: addDays(received, 3), method: 'Numéro client et adresse de facturation', outcome: 'verified' } : {},
      outcome: i === 3 ? { result: 'no-data' } : i === 8 ? { result: 'partly', reasons: 'Données de tiers (art. 15(4)) : les échanges internes mentionnant d’autres salariés ne sont pas communiqués.' } : { result: 'fulfilled' },
      response: { sentOn: addDays(received, took), how: 'Courriel chiffré' },
    });
  }
  // Extended with a timely notice, still open.
  cases.push({ requester: { name: people[12]!, email: 'emma.chevalier@example.org' }, rights: rights[12], channel: 'letter', receivedOn: day(55), extension: { decidedOn: day(45), reasons: 'Données réparties dans cinq systèmes, dont des archives papier à numériser.', notifiedOn: day(44) } });
  // Overdue.
  cases.push({ requester: { name: people[13]! }, rights: rights[13], channel: 'email', receivedOn: day(40) });
  // Awaiting identity.
  cases.push({ requester: { name: people[14]!, representative: { name: 'Me Claire Vidal', capacity: 'Avocate', mandateReceivedOn: day(9) } }, rights: rights[14], channel: 'letter', receivedOn: day(10), identity: { requestedOn: day(8), method: 'Copie du mandat signé et justificatif de la qualité de client' } });
  // Due within the week.
  cases.push({ requester: { name: people[15]!, email: 'arthur.morel@example.org' }, rights: rights[15], objectionGround: 'legitimate-interest', channel: 'web', receivedOn: day(26) });
  for (const c of cases) await insertCase(w, c, profile, 'demo workspace');
  return cases.length;
}
