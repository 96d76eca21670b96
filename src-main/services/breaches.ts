/**
 * Personal data breaches (Art. 33(5) register): records, the notification clock from "aware at" in the
 * workspace setting's hours, the ENISA severity with its factors, the Art. 33/34 decisions, phased
 * notifications, the processor case (Art. 33(2)) and the documents (CNIL draft, controller notice,
 * letter to the persons, register as DOCX and CSV). Every write goes through the one write path.
 */
import { createHash } from 'node:crypto';
import { csvCell } from '../export/csv';
import {
  CNIL_FORM,
  checkBreach,
  computeBreach,
  normalizeBreachInstants,
  parseBreach,
  scoreSeverity,
  summarizeBreaches,
  type Breach,
  type BreachComputed,
} from '../domain/breaches/breach';
import { breachSchema } from '../domain/breaches/breach';

/** A breach's follow-up actions, read with the breach schema's own rules (defaults, limits). */
const FOLLOW_UPS = breachSchema.shape.followUps;
import { buildCnilDraft, buildControllerNotice, type BreachDraft } from '../domain/breaches/cnil-draft';
import { DomainError } from '../domain/errors';
import { refuseUnsafeText } from '../domain/text';
import { formatInZone } from '../domain/time-zone';
import type { OrgProfile } from '../domain/org-profile';
import { cnilGravity } from '../domain/severity';
import { activityRefsByIds, breachReferenceTaken, getBreachFile, getBreachRow, listActivityRefs, listBreachFileMeta, listBreachRows } from '../db/repositories/breaches';
import { queryBreachCounts, queryBreachPage, todayBreachFacts, todayBreachRows } from '../db/repositories/breach-index';
import type { TodayFacts } from '../domain/today';
import { ensureBreachIndex, processorContext } from './breach-index';
import { BREACH_FILE_MAX_BYTES } from '../domain/breaches/rows';
import { base64DecodedSize } from '../domain/requests/case';
import { getVendorRow } from '../db/repositories/vendors';
import { mediaTypeOf } from './requests';
import type { BreachesTable } from '../db/schema';
import { buildBreachRegisterDocx, buildDraftDocx, buildPeopleLetterDocx, buildPublicNoticeDocx } from '../export/docx/breaches-documents';
import type { Workspace, Writer } from './workspace';

export interface BreachListItem {
  id: string;
  reference: string;
  title: string;
  status: Breach['status'];
  awareAt: string;
  timeZone: string;
  notifyBy: string;
  clock: BreachComputed['clock'];
  deadlineKnown: boolean;
  remainingMs: number;
  clockRunning: boolean;
  overdue: boolean;
  processor: boolean;
  severity: { score: number; level: 'low' | 'medium' | 'high' | 'very-high' } | null;
  decisions: { authority: Breach['decisions']['authority']['decision']; people: Breach['decisions']['people']['decision'] };
  firstNotifiedAt: string | null;
  notifications: number;
}

export interface ActivityRef {
  id: string;
  reference: string;
  name: string;
  role: string;
  clientControllers: string[];
  /** The contract's breach notice hours per client controller (processor activities; Art. 28(3)(f)). */
  clientNotice?: Array<{ name: string; breachNotificationHours: number | null }>;
}

export function rowToBreach(row: BreachesTable): Breach & { reference: string } {
  const details = JSON.parse(row.details) as Record<string, unknown>;
  const b = parseBreach({ ...details, reference: row.reference, title: row.title, status: row.status, awareAt: row.aware_at, timeZone: row.time_zone, discoveredAt: row.discovered_at });
  return { ...b, reference: row.reference };
}

function toRow(b: Breach, reference: string) {
  const { reference: _r, title, status, awareAt, timeZone, discoveredAt, ...details } = b;
  const first = [...b.notifications].sort((x, y) => x.sentAt.localeCompare(y.sentAt))[0];
  return {
    reference,
    title,
    status,
    aware_at: awareAt,
    time_zone: timeZone,
    discovered_at: discoveredAt,
    severity_level: b.severity?.level ?? null,
    authority_decision: b.decisions.authority.decision,
    first_notified_at: first?.sentAt ?? null,
    details,
  };
}

export function activityRefs(rows: Array<{ id: string; reference: string; name: string; role: string; details: string }>): ActivityRef[] {
  return rows.map((r) => {
    let notice: Array<{ name: string; breachNotificationHours: number | null }>;
    try {
      const d = JSON.parse(r.details) as { clientControllers?: Array<{ name?: string; breachNotificationHours?: number | null }> };
      notice = (d.clientControllers ?? []).filter((c) => c.name).map((c) => ({ name: c.name!, breachNotificationHours: typeof c.breachNotificationHours === 'number' ? c.breachNotificationHours : null }));
    } catch {
      notice = [];
    }
    return { id: r.id, reference: r.reference, name: r.name, role: r.role, clientControllers: notice.map((c) => c.name), clientNotice: notice };
  });
}


/** An evidence file of a breach, without its content. */
export interface BreachFileMeta {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  note: string;
  createdAt: string;
  /** Its content was blanked when the breach was purged under a retention rule (name, size and digest stay). */
  purged: boolean;
}

/** Refuses an evidence file over the limit (or empty) from its size, before it is decoded or written. */
export function checkBreachFileSize(bytes: number, fileName: string): void {
  if (bytes > BREACH_FILE_MAX_BYTES) {
    const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new DomainError(
      'attachment_too_large',
      `“${fileName}” is ${mib(bytes)} MiB; evidence files are limited to ${BREACH_FILE_MAX_BYTES / 1024 / 1024} MiB. Keep large files (full logs, disk images) in your document system and record where in the breach's notes.`,
      { fileName, bytes, limit: BREACH_FILE_MAX_BYTES },
    );
  }
  if (bytes <= 0) throw new DomainError('invalid_evidence_file', `“${fileName}” is empty: nothing to keep.`, { fileName });
}

export class BreachesService {
  private readonly now: () => Date;
  constructor(
    private readonly ws: Workspace,
    opts: { now?: () => Date } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  private async settings(): Promise<{ profile: OrgProfile; hours: number; tz: string }> {
    const { profile } = await this.ws.getProfile();
    return { profile, hours: profile.breach_notification_hours, tz: profile.time_zone };
  }

  private async activities(): Promise<ActivityRef[]> {
    return activityRefs(await listActivityRefs(this.ws.db));
  }

  /** Only the activities these breaches link to (creating one breach must not read the whole register). */
  private async linkedActivities(bs: ReadonlyArray<Pick<Breach, 'activityIds'>>): Promise<ActivityRef[]> {
    return activityRefs(await activityRefsByIds(this.ws.db, bs.flatMap((b) => b.activityIds)));
  }

  private isProcessor(b: Breach, acts: ActivityRef[]): boolean {
    return processorContext(b, acts).processor;
  }

  /** The clock of one breach: the authority's 72 h, or for a processor's breach the controllers' notices. */
  private compute(b: Breach, acts: ActivityRef[], hours: number, now: Date): BreachComputed {
    return computeBreach(b, { hours, now, ...processorContext(b, acts) });
  }

  /**
   * A vendor linked by id must be a record of the vendor register (one in the trash is accepted: the breach
   * keeps naming the company it involved). Unknown ids are refused before anything is written.
   */
  private async checkVendorLinks(b: Breach): Promise<void> {
    for (const [i, v] of b.vendors.entries()) {
      if (!v.vendorId) continue;
      if (await getVendorRow(this.ws.db, v.vendorId)) continue;
      throw new DomainError('invalid_breach', `The vendor “${v.name}” links to a vendor record that does not exist (${v.vendorId}): pick it again from the vendor register.`, {
        field: 'vendors',
        issues: [{ path: ['vendors', String(i), 'vendorId'], message: 'Unknown vendor.', code: 'invalid_value' }],
      });
    }
  }

  /** Normalises instants in the breach's (or the workspace's) zone, validates, recomputes the severity. */
  private prepare(raw: unknown, tz: string): Breach {
    const zone = typeof raw === 'object' && raw !== null && typeof (raw as { timeZone?: unknown }).timeZone === 'string' && (raw as { timeZone: string }).timeZone ? (raw as { timeZone: string }).timeZone : tz;
    const withZone = typeof raw === 'object' && raw !== null ? { ...(raw as Record<string, unknown>), timeZone: zone } : raw;
    const b = parseBreach(normalizeBreachInstants(withZone, zone));
    return b.severity ? { ...b, severity: scoreSeverity({ ...b.severity, assessedAt: b.severity.assessedAt ?? this.now().toISOString().replace(/\.\d{3}Z$/, 'Z') }) } : b;
  }

  /**
   * The 72-hour clock starts when the controller became aware: a moment after now is a typing error
   * (2062 for 2026, a wrong time zone) that would hide an overdue notification. A few minutes of
   * clock difference between computers are tolerated. On update, only a changed moment is checked.
   */
  private checkNotFuture(b: Breach, before?: { awareAt: string | null; discoveredAt: string | null }): void {
    const limit = this.now().getTime() + 5 * 60_000;
    for (const [field, value] of [['awareAt', b.awareAt], ['discoveredAt', b.discoveredAt]] as const) {
      if (!value || value === before?.[field] || Date.parse(value) <= limit) continue;
      const shown = formatInZone(new Date(value), b.timeZone);
      const what = field === 'awareAt' ? 'The moment you became aware of the breach' : 'The discovery moment';
      throw new DomainError('invalid_breach', `${what} (${shown}) is in the future: record when it actually happened.`, {
        field,
        issues: [{ path: [field], message: 'In the future.', code: 'date_in_future', params: { date: value } }],
      });
    }
  }

  private item(id: string, b: Breach & { reference: string }, c: BreachComputed): BreachListItem {
    return {
      id,
      reference: b.reference,
      title: b.title,
      status: b.status,
      awareAt: b.awareAt,
      timeZone: b.timeZone,
      notifyBy: c.notifyBy,
      clock: c.clock,
      deadlineKnown: c.clock === 'authority' || c.hours > 0,
      remainingMs: c.remainingMs,
      clockRunning: c.clockRunning,
      overdue: c.overdue,
      processor: c.processor,
      severity: b.severity?.level && b.severity.score !== undefined ? { score: b.severity.score, level: b.severity.level } : null,
      decisions: { authority: b.decisions.authority.decision, people: b.decisions.people.decision },
      firstNotifiedAt: c.firstNotifiedAt,
      notifications: b.notifications.length,
    };
  }

  /** Every live breach with its computed clock (also read by the Today list, services/today.ts). */
  async loadAll(): Promise<Array<{ id: string; row: BreachesTable; breach: Breach & { reference: string }; computed: BreachComputed }>> {
    const { hours } = await this.settings();
    const acts = await this.activities();
    const now = this.now();
    return (await listBreachRows(this.ws.db)).map((row) => {
      const breach = rowToBreach(row);
      return { id: row.id, row, breach, computed: this.compute(breach, acts, hours, now) };
    });
  }

  /**
   * The breach list. With `limit`, one page read in the list's order from the stored clocks (SQL),
   * with `total` and `nextCursor`; without it, every live breach, as before.
   */
  async list(q: { limit?: number; cursor?: string } = {}): Promise<{ now: string; hours: number; timeZone: string; items: BreachListItem[]; total: number; nextCursor: string | null }> {
    const { hours, tz } = await this.settings();
    if (q.limit !== undefined) {
      const now = this.now();
      await ensureBreachIndex(this.ws.db);
      const page = await queryBreachPage(this.ws.db, { nowMs: now.getTime(), limit: q.limit, cursor: q.cursor });
      const parsed = page.rows.map((row) => ({ row, breach: rowToBreach(row) }));
      const acts = await this.linkedActivities(parsed.map((p) => p.breach));
      const items = parsed.map(({ row, breach }) => this.item(row.id, breach, this.compute(breach, acts, hours, now)));
      return { now: now.toISOString(), hours, timeZone: tz, items, total: page.total, nextCursor: page.nextCursor };
    }
    const all = await this.loadAll();
    // Running clocks first (nearest deadline first), then the rest by awareness, newest first.
    const items = all.map((x) => this.item(x.id, x.breach, x.computed));
    items.sort((a, b) => Number(b.clockRunning) - Number(a.clockRunning) || (a.clockRunning ? a.remainingMs - b.remainingMs : b.awareAt.localeCompare(a.awareAt)));
    return { now: this.now().toISOString(), hours, timeZone: tz, items, total: items.length, nextCursor: null };
  }

  /**
   * The breaches the Today list can show (a running clock, delay reasons to record, follow-ups not
   * done), chosen from the stored clocks, with their computed clock: the others are never loaded.
   */
  async todayEntries(): Promise<Array<{ id: string; row: BreachesTable; breach: Breach & { reference: string }; computed: BreachComputed }>> {
    const { hours } = await this.settings();
    await ensureBreachIndex(this.ws.db);
    const rows = await todayBreachRows(this.ws.db);
    const parsed = rows.map((row) => ({ row, breach: rowToBreach(row) }));
    const acts = await this.linkedActivities(parsed.map((p) => p.breach));
    const now = this.now();
    return parsed.map(({ row, breach }) => ({ id: row.id, row, breach, computed: this.compute(breach, acts, hours, now) }));
  }

  /**
   * Today's facts of the breaches it may show, from the stored clocks (breach_index) without parsing any
   * breach: a running clock is overdue when its deadline is known and passed (as the summary counts it);
   * the follow-ups are read with the breach schema's own rules. The reference: todayEntries (tests).
   */
  async todayFacts(): Promise<TodayFacts['breaches']> {
    await ensureBreachIndex(this.ws.db);
    const rows = await todayBreachFacts(this.ws.db);
    const now = this.now().getTime();
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      status: r.status as Breach['status'],
      notifyBy: r.notify_by,
      clockRunning: r.clock_running === 1,
      overdue: r.clock_running === 1 && r.deadline_known === 1 && r.notify_by_ms < now,
      notifiedLate: r.notified_late === 1,
      delayReasonsGiven: r.delay_reasons_missing !== 1,
      followUps: FOLLOW_UPS.parse(r.follow_ups === null ? undefined : JSON.parse(r.follow_ups)).map((f) => ({ action: f.action, owner: f.owner, due: f.due, done: f.done })),
    }));
  }

  async get(id: string): Promise<{ id: string; breach: Breach & { reference: string }; computed: BreachComputed; summary: BreachListItem; activities: ActivityRef[]; clientControllers: string[]; files: BreachFileMeta[]; createdAt: string; updatedAt: string; now: string }> {
    const row = await getBreachRow(this.ws.db, id);
    if (!row || row.deleted_at) throw new DomainError('not_found', `No breach with id ${id}${row?.deleted_at ? ' (it is in the trash)' : ''}.`);
    const { hours } = await this.settings();
    const acts = await this.activities();
    const breach = rowToBreach(row);
    const computed = this.compute(breach, acts, hours, this.now());
    const clientControllers = [...new Set(breach.activityIds.flatMap((aid) => acts.find((a) => a.id === aid && a.role === 'processor')?.clientControllers ?? []))];
    const files = await this.files(id);
    return { id, breach, computed, summary: this.item(id, breach, computed), activities: acts, clientControllers, files, createdAt: row.created_at, updatedAt: row.updated_at, now: this.now().toISOString() };
  }

  /** A breach's evidence files (not their content), oldest first. */
  async files(breachId: string): Promise<BreachFileMeta[]> {
    return (await listBreachFileMeta(this.ws.db, breachId)).map((f) => ({ id: f.id, fileName: f.file_name, mediaType: f.media_type, size: f.size, sha256: f.sha256, note: f.note, createdAt: f.created_at, purged: Boolean(f.purged) }));
  }

  /**
   * Keeps an evidence file (log extract, screenshot, the processor's notice, the CNIL receipt…) with the
   * breach, inside the encrypted workspace. The size is checked from the base64 length, before the file is
   * decoded or anything written: a refused file leaves the workspace as it was.
   */
  async addFile(breachId: string, file: { fileName: string; contentBase64: string; mediaType?: string; note?: string }): Promise<BreachFileMeta> {
    const row = await getBreachRow(this.ws.db, breachId);
    if (!row || row.deleted_at) throw new DomainError('not_found', `No breach with id ${breachId}${row?.deleted_at ? ' (it is in the trash)' : ''}.`);
    const fileName = file.fileName.trim();
    refuseUnsafeText({ fileName, note: file.note ?? '' }, 'evidence file');
    if (/[\\/]/.test(fileName)) throw new DomainError('invalid_evidence_file', `“${fileName}” is a path: give the file's name only.`, { fileName });
    checkBreachFileSize(base64DecodedSize(file.contentBase64), fileName);
    const clean = file.contentBase64.replace(/\s/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new DomainError('invalid_evidence_file', `The content of “${fileName}” is not valid base64: the file was not read correctly, try again.`, { fileName });
    const bytes = Buffer.from(clean, 'base64');
    checkBreachFileSize(bytes.length, fileName);
    const values = {
      breach_id: breachId,
      file_name: fileName,
      media_type: file.mediaType?.trim() || mediaTypeOf(fileName),
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      note: (file.note ?? '').trim(),
      content: bytes.toString('base64'),
    };
    const r = await this.ws.mutate((w) => w.write({ op: 'insert', table: 'breach_files', values }));
    const stored = await getBreachFile(this.ws.db, r.id);
    return { id: r.id, fileName: values.file_name, mediaType: values.media_type, size: values.size, sha256: values.sha256, note: values.note, createdAt: stored?.created_at ?? '', purged: false };
  }

  /** One evidence file with its content (download). */
  async file(id: string): Promise<{ fileName: string; mediaType: string; contentBase64: string; sha256: string }> {
    const f = await getBreachFile(this.ws.db, id);
    if (!f || f.deleted_at) throw new DomainError('not_found', `No evidence file with id ${id}${f?.deleted_at ? ' (it is in the trash)' : ''}.`);
    if (f.content === '') throw new DomainError('purged', `${f.file_name} was deleted with the breach's details under a retention rule; only its SHA-256 digest (${f.sha256}) is kept.`);
    return { fileName: f.file_name, mediaType: f.media_type, contentBase64: f.content, sha256: f.sha256 };
  }

  /** Moves an evidence file to the trash (restorable from there, like every record). */
  async removeFile(id: string, reason?: string): Promise<void> {
    const f = await getBreachFile(this.ws.db, id);
    if (!f || f.deleted_at) throw new DomainError('not_found', `No evidence file with id ${id}${f?.deleted_at ? ' (already in the trash)' : ''}.`);
    await this.ws.moveToTrash('breach_files', id, reason);
  }

  /** Everything create checks before writing: a refused breach is refused before anything is written. */
  private async validated(raw: unknown): Promise<Breach> {
    refuseUnsafeText(raw, 'breach');
    const { hours, tz } = await this.settings();
    const b = this.prepare(raw, tz);
    this.checkNotFuture(b);
    await this.checkVendorLinks(b);
    const acts = await this.linkedActivities([b]);
    checkBreach(b, { hours, processor: this.isProcessor(b, acts) });
    return b;
  }

  /** Inserts a validated breach in the caller's transaction; `years` caches each year's references for a batch. */
  private async insert(w: Writer, b: Breach): Promise<{ id: string; reference: string }> {
    // The year's references only (a range of the reference index), never every reference ever used.
    if (b.reference && (await w.read.breachReferenceTaken(b.reference))) throw new DomainError('duplicate_reference', `The reference ${b.reference} is already used by another breach (possibly in the trash).`);
    // This device's next number (a counter, not a scan; distinct on every colleague's device).
    const year = Number(b.awareAt.slice(0, 4));
    if (b.reference) w.claimReference('BR', year, b.reference);
    const reference = b.reference ?? w.reference('BR', year);
    const r = await w.write({ op: 'insert', table: 'breaches', values: toRow(b, reference) });
    return { id: r.id, reference };
  }

  async create(raw: unknown): Promise<{ id: string; reference: string }> {
    const b = await this.validated(raw);
    return this.ws.mutate((w) => this.insert(w, b));
  }

  /**
   * Records many breaches in one transaction (bulk paths: the synthetic workspace, imports), each
   * validated as `create` does; the first refused one refuses the batch and nothing is written.
   */
  async createMany(raws: readonly unknown[]): Promise<Array<{ id: string; reference: string }>> {
    const all: Breach[] = [];
    for (const raw of raws) all.push(await this.validated(raw));
    return this.ws.mutate(async (w) => {
      const out: Array<{ id: string; reference: string }> = [];
      for (const b of all) out.push(await this.insert(w, b));
      return out;
    });
  }

  async update(id: string, raw: unknown): Promise<{ changed: string[] }> {
    refuseUnsafeText(raw, 'breach');
    const current = await getBreachRow(this.ws.db, id);
    if (!current || current.deleted_at) throw new DomainError('not_found', `No breach with id ${id}.`);
    const { hours, tz } = await this.settings();
    const b = this.prepare({ ...(raw as Record<string, unknown>), timeZone: (raw as { timeZone?: string }).timeZone || current.time_zone }, tz);
    this.checkNotFuture(b, { awareAt: current.aware_at, discoveredAt: current.discovered_at });
    await this.checkVendorLinks(b);
    const reference = b.reference ?? current.reference;
    if (reference !== current.reference && (await breachReferenceTaken(this.ws.db, reference, id))) {
      throw new DomainError('duplicate_reference', `The reference ${reference} is already used by another breach.`);
    }
    const acts = await this.linkedActivities([b]);
    checkBreach(b, { hours, processor: this.isProcessor(b, acts) });
    const r = await this.ws.mutate((w) => w.write({ op: 'update', table: 'breaches', id, values: toRow(b, reference) }));
    return { changed: r.changed };
  }

  async remove(id: string, reason?: string): Promise<void> {
    await this.ws.moveToTrash('breaches', id, reason);
  }

  /** The CNIL draft, or for a processor's breach the notice to the controller: text, missing fields and DOCX. */
  async draft(id: string, lang: 'fr' | 'en' = 'fr'): Promise<BreachDraft & { fileName: string; contentBase64: string }> {
    const { breach, computed } = await this.get(id);
    const { profile } = await this.settings();
    const d = computed.processor ? buildControllerNotice(breach, profile, computed, lang) : buildCnilDraft(breach, profile, computed, lang);
    const buffer = await buildDraftDocx(d, profile, lang);
    const kind = d.kind === 'cnil' ? (lang === 'fr' ? 'projet-notification-cnil' : 'cnil-notification-draft') : lang === 'fr' ? 'notification-responsable-traitement' : 'controller-notice';
    return { ...d, fileName: `${breach.reference}-${kind}.docx`, contentBase64: buffer.toString('base64') };
  }

  /** Letter to the persons concerned (Art. 34(2)), French or English. */
  async letter(id: string, lang: 'fr' | 'en'): Promise<{ fileName: string; contentBase64: string; missing: string[] }> {
    const { breach } = await this.get(id);
    const { profile } = await this.settings();
    const r = await buildPeopleLetterDocx(breach, profile, lang, { now: this.now() });
    return { fileName: `${breach.reference}-${lang === 'fr' ? 'information-personnes' : 'letter-to-persons'}${r.missing.length ? (lang === 'fr' ? '-projet' : '-draft') : ''}.docx`, contentBase64: r.buffer.toString('base64'), missing: r.missing };
  }

  /** Art. 34(3)(c): public communication replacing individual letters (disproportionate effort), French or English. */
  async publicNotice(id: string, lang: 'fr' | 'en'): Promise<{ fileName: string; contentBase64: string; missing: string[] }> {
    const { breach } = await this.get(id);
    const { profile } = await this.settings();
    const r = await buildPublicNoticeDocx(breach, profile, lang, { now: this.now() });
    return { fileName: `${breach.reference}-${lang === 'fr' ? 'communication-publique' : 'public-communication'}${r.missing.length ? (lang === 'fr' ? '-projet' : '-draft') : ''}.docx`, contentBase64: r.buffer.toString('base64'), missing: r.missing };
  }

  /** The breach register (Art. 33(5)): every breach, notified or not, as DOCX or CSV. */
  async register(format: 'docx' | 'csv', lang?: 'fr' | 'en'): Promise<{ fileName: string; contentBase64: string; breaches: number }> {
    const { profile } = await this.settings();
    const language = lang ?? profile.language;
    const all = (await this.loadAll()).sort((a, b) => a.breach.awareAt.localeCompare(b.breach.awareAt));
    const today = this.now().toISOString().slice(0, 10);
    const base = language === 'fr' ? 'registre-des-violations' : 'breach-register';
    if (format === 'docx') {
      const buffer = await buildBreachRegisterDocx(all.map((x) => ({ breach: x.breach, computed: x.computed })), profile, language, today);
      return { fileName: `${base}-${today}.docx`, contentBase64: buffer.toString('base64'), breaches: all.length };
    }
    const header = ['reference', 'title', 'status', 'aware_at', 'time_zone', 'discovered_at', 'nature', 'cause', 'data_categories', 'special_categories', 'people_categories', 'people_count', 'records_count', 'consequences', 'measures_taken', 'measures_planned', 'severity_score', 'severity_level', 'cnil_gravity', 'authority_decision', 'authority_reason', 'notify_by', 'notifications', 'people_decision', 'people_exemption', 'processor', 'controllers_informed', 'lessons_learned'];
    const lines = [header.join(';')];
    for (const { breach: b, computed: c } of all) {
      lines.push(
        [
          b.reference,
          b.title,
          b.status,
          b.awareAt,
          b.timeZone,
          b.discoveredAt,
          b.nature.join('|'),
          [b.cause.source, b.cause.intent, b.cause.origin].filter(Boolean).join('|'),
          b.dataCategories.join('|'),
          b.sensitiveData.join('|'),
          b.personCategories.join('|'),
          b.peopleCount,
          b.recordsCount,
          b.consequences,
          b.measuresTaken,
          b.measuresPlanned,
          b.severity?.score,
          b.severity?.level,
          b.severity?.level ? cnilGravity(b.severity.level).fr : '',
          b.decisions.authority.decision,
          b.decisions.authority.reason,
          c.notifyBy,
          b.notifications.map((n) => `${n.phase} ${n.sentAt}${n.authorityReference ? ` ${n.authorityReference}` : ''}`).join('|'),
          b.decisions.people.decision,
          b.decisions.people.exemption,
          c.processor ? 'yes' : 'no',
          b.controllersInformed.map((x) => `${x.name} ${x.informedAt} ${x.means}`).join('|'),
          b.lessonsLearned,
        ]
          .map(csvCell)
          .join(';'),
      );
    }
    const text = `\ufeff${lines.join('\r\n')}\r\n`;
    return { fileName: `${base}-${today}.csv`, contentBase64: Buffer.from(text, 'utf8').toString('base64'), breaches: all.length };
  }

  /**
   * Dashboard figures, as SQL aggregates over the stored clocks (no breach is parsed): the same
   * answers as `summarizeBreaches` over every breach (summaryInMemory, the tests' reference).
   */
  async summary(): Promise<ReturnType<typeof summarizeBreaches>> {
    await ensureBreachIndex(this.ws.db);
    const k = await queryBreachCounts(this.ws.db, this.now().getTime());
    const byStatus = { open: k.byStatus.open ?? 0, contained: k.byStatus.contained ?? 0, closed: k.byStatus.closed ?? 0 };
    return { open: byStatus.open + byStatus.contained, clocksRunning: k.running, overdueNotifications: k.overdue, byStatus };
  }

  /** The summary computed in memory from every breach (the reference for the SQL one; tests only). */
  async summaryInMemory(): Promise<ReturnType<typeof summarizeBreaches>> {
    const all = await this.loadAll();
    return summarizeBreaches(all.map((x) => ({ id: x.id, reference: x.breach.reference, status: x.breach.status, computed: x.computed })));
  }

  /** The CNIL form data (sections, vocabularies) for the UI, with its version. */
  static reference() {
    return { formatVersion: CNIL_FORM.formatVersion, checkedOn: CNIL_FORM.checkedOn, sections: CNIL_FORM.sections, vocabularies: CNIL_FORM.vocabularies };
  }
}

/**
 * Demo breaches drawn from realistic cases (EDPB Guidelines 01/2021 types): a misdirected e-mail not
 * notified, with the reasoning; a phishing compromise notified in two phases; a processor's incident
 * reported to us late. Called by the demo seeding (services/demo.ts) after the register.
 */
export async function seedDemoBreaches(ws: Workspace): Promise<string[]> {
  const s = new BreachesService(ws);
  const cases: unknown[] = [
    {
      title: 'Tableur clients envoyé par erreur à un partenaire',
      discoveredAt: '2026-02-10T09:10',
      awareAt: '2026-02-10T09:30',
      occurred: { from: '2026-02-10T08:52', to: '2026-02-10T08:52', unknown: false, ongoing: false },
      reportedBy: 'Responsable commercial',
      discoveryCircumstances: 'Le destinataire a signalé la réception du fichier vingt minutes après l’envoi.',
      description: 'Un export de 40 contacts professionnels (nom, fonction, e-mail professionnel) a été joint par erreur à un e-mail adressé à un partenaire intégrateur lié par un accord de confidentialité.',
      nature: ['confidentiality'],
      cause: { intent: 'accidental', source: 'internal', origin: 'wrong-recipient', detail: 'autocomplétion de l’adresse' },
      dataCategories: ['civil-status', 'contact'],
      noSensitiveData: true,
      personCategories: ['customers'],
      peopleCount: 40,
      recordsCount: 40,
      priorMeasures: 'Accord de confidentialité avec le partenaire ; sensibilisation annuelle.',
      consequences: 'Données professionnelles déjà largement accessibles ; destinataire de confiance connu.',
      measuresTaken: 'Suppression confirmée par écrit par le destinataire le jour même (attestation conservée).',
      status: 'closed',
      lessonsLearned: 'Désactiver l’autocomplétion des adresses externes dans la messagerie.',
      followUps: [{ action: 'Désactiver l’autocomplétion des adresses externes', owner: 'DSI', due: '2026-03-15', done: true }],
      severity: { dpc: 1, ei: 'significant', confidentiality: 'limited', justification: 'Coordonnées professionnelles (DPC 1), identification aisée (EI 0,75), un destinataire connu et de confiance (C 0,25) : SE = 1.' },
      decisions: {
        authority: { decision: 'not-notify', reason: 'Destinataire unique, connu, lié par un accord de confidentialité, ayant supprimé le fichier le jour même ; données professionnelles peu sensibles : violation non susceptible d’engendrer un risque (EDPB 01/2021, cas n° 9).', decidedBy: 'DPO', decidedAt: '2026-02-10T15:00' },
        people: { decision: 'not-communicate', highRisk: false, reason: 'Risque non élevé.', decidedBy: 'DPO', decidedAt: '2026-02-10T15:00' },
      },
    },
    {
      title: 'Compromission d’une messagerie par hameçonnage',
      discoveredAt: '2026-05-18T11:05',
      awareAt: '2026-05-18T16:20',
      occurred: { from: '2026-05-16T22:40', to: '2026-05-18T11:30', unknown: false, ongoing: false },
      reportedBy: 'Équipe support',
      discoveryCircumstances: 'Alerte de connexion inhabituelle depuis l’étranger, confirmée par l’analyse des journaux dans l’après-midi.',
      description: 'Un salarié a saisi ses identifiants sur une fausse page de connexion ; sa boîte aux lettres (échanges avec des clients, pièces jointes) a été consultée pendant deux jours et une règle de transfert créée.',
      nature: ['confidentiality'],
      cause: { intent: 'malicious', source: 'external', origin: 'hacking', detail: 'hameçonnage' },
      affectedSystems: ['Messagerie Microsoft 365'],
      dataCategories: ['civil-status', 'contact', 'credentials'],
      noSensitiveData: true,
      personCategories: ['customers', 'employees'],
      peopleCount: 850,
      recordsCount: 3200,
      priorMeasures: 'Filtrage anti-hameçonnage ; MFA non activée sur ce compte (exception).',
      consequences: 'Risque d’hameçonnage ciblé et d’usurpation auprès des clients dont les échanges ont été consultés.',
      harms: ['loss-of-control', 'fraud'],
      measuresTaken: 'Mot de passe réinitialisé, sessions révoquées, règle de transfert supprimée, MFA imposée à tous les comptes.',
      measuresPlanned: 'Campagne de sensibilisation ; revue des exceptions MFA.',
      adviceToPeople: 'Méfiez-vous des messages semblant venir de nous et demandant un paiement ou des identifiants.',
      otherMemberStates: 'no',
      status: 'closed',
      severity: { dpc: 2, ei: 'significant', confidentiality: 'unknown', malicious: true, justification: 'Échanges révélant des habitudes de contact (DPC 2), identification aisée (EI 0,75), diffusion possible à un nombre inconnu (C 0,5), acte malveillant (+0,5) : SE = 2,5.' },
      decisions: {
        authority: { decision: 'notify', decidedBy: 'DPO', decidedAt: '2026-05-19T09:00' },
        people: { decision: 'communicate', highRisk: false, reason: 'Information par précaution, sans obligation (risque non élevé).', decidedBy: 'DPO', decidedAt: '2026-05-19T09:00', communicatedAt: '2026-05-21T10:00', means: 'e-mail individuel' },
      },
      notifications: [
        { phase: 'initial', sentAt: '2026-05-20T11:00', authorityReference: 'CNIL-2026-004512', notes: 'Notification initiale : périmètre en cours d’analyse.' },
        { phase: 'complementary', sentAt: '2026-06-02T15:30', authorityReference: 'CNIL-2026-004512', notes: 'Nombre de personnes et mesures définitives.' },
      ],
      lessonsLearned: 'Aucune exception MFA sans date de fin.',
    },
    {
      title: 'Incident chez le prestataire d’e-mailing signalé tardivement',
      discoveredAt: '2026-09-08T09:40',
      awareAt: '2026-09-08T10:00',
      occurred: { from: '2026-08-25T00:00', to: '2026-08-27T00:00', unknown: false, ongoing: false },
      reportedBy: 'Prestataire d’e-mailing',
      discoveryCircumstances: 'Notification du prestataire (sous-traitant) reçue le 8 septembre, treize jours après l’incident.',
      description: 'Une clé d’API du prestataire a été exposée dans un dépôt public ; un tiers a exporté la liste de diffusion de la newsletter (e-mails et prénoms).',
      nature: ['confidentiality'],
      cause: { intent: 'malicious', source: 'external', origin: 'hacking', detail: 'clé d’API exposée chez le sous-traitant' },
      vendors: [{ name: 'Prestataire d’e-mailing', role: 'sous-traitant', informedUsAt: '2026-09-08T09:40' }],
      dataCategories: ['contact'],
      noSensitiveData: true,
      personCategories: ['users'],
      peopleCount: 12000,
      recordsCount: 12000,
      consequences: 'Pourriels et hameçonnage ciblé.',
      harms: ['loss-of-control'],
      measuresTaken: 'Clé révoquée par le prestataire ; liste vérifiée ; demande d’audit au titre de l’article 28, paragraphe 3, h), du RGPD.',
      status: 'contained',
      severity: { dpc: 1, ei: 'significant', confidentiality: 'unknown', malicious: true, justification: 'Adresse e-mail et prénom (DPC 1), EI 0,75, diffusion à un nombre inconnu (0,5), acte malveillant (0,5) : SE = 1,75.' },
      decisions: { authority: { decision: 'notify', decidedBy: 'DPO', decidedAt: '2026-09-08T15:00' } },
      notifications: [{ phase: 'initial', sentAt: '2026-09-10T17:00', authorityReference: 'CNIL-2026-007731', notes: 'Retard du sous-traitant signalé à la CNIL.' }],
      lessonsLearned: 'Le prestataire a informé 13 jours après l’incident : rappel de l’obligation de l’article 33, paragraphe 2, du RGPD et délai contractuel de 24 h à ajouter.',
      followUps: [{ action: 'Avenant : notification des violations sous 24 h', owner: 'Achats', due: '2026-12-31', done: false }],
    },
  ];
  const ids: string[] = [];
  for (const c of cases) ids.push((await s.create(c)).id);
  return ids;
}
