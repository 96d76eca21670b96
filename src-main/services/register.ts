import { checkActivity, checkRegister, registerScore, type REGISTER_VIEWS, type CompletenessIssue } from '../domain/register/completeness';
import { parseActivityInput, type ActivityInput } from '../domain/register/activity';
import { DomainError } from '../domain/errors';
import { refuseUnsafeText } from '../domain/text';
import { getActivityRow, listActivityRows, usedReferences } from '../db/repositories/activities';
import { processorEntries, registerTransfers, vendorsForActivity, type ProcessorEntry, type RegisterTransferLine, type RegisterVendor } from '../domain/register/vendor-links';
import type { ActivitiesTable } from '../db/schema';
import { buildRegisterDocx } from '../export/docx/register-report';
import { formatDateLong } from '../domain/typography';
import { RetentionService } from './retention';
import { pageOf } from './paging';
import { normalize } from '../domain/search';
import { VendorsService, liveVendors, syncVendorActivityLinks } from './vendors';
import type { Writer, Workspace } from './workspace';
import { localDateOf } from '../domain/calendar';
import type { Vendor } from '../domain/vendors/vendor';

export interface RegisterListQuery {
  role?: 'controller' | 'processor';
  view?: (typeof REGISTER_VIEWS)[number];
  text?: string;
  ids?: readonly string[];
  limit?: number;
  cursor?: string;
}

export interface ActivitySummary {
  id: string;
  reference: string;
  name: string;
  role: ActivityInput['role'];
  status: ActivityInput['status'];
  owner: string;
  reviewDate: string | null;
  updatedAt: string;
  score: number;
  errors: number;
  warnings: number;
}

/** What the register's completeness reads of a vendor record. */
export function registerVendorOf(id: string, v: Vendor): RegisterVendor {
  return {
    id,
    name: v.name,
    role: v.role,
    country: v.country,
    activityIds: v.activityIds,
    transfers: v.transfers.map((t) => ({ country: t.country, recipient: t.recipient, tool: t.tool, sccModule: t.sccModule, derogation: t.derogation })),
    breachNotificationHours: v.breachNotificationHours,
  };
}

/** The row keeps the columns lists sort and filter on; the rest of the Art. 30 record is `details`. */
function toRow(a: ActivityInput) {
  const { reference, name, role, status, owner, reviewDate, ...details } = a;
  return { reference, name, role, status, owner: owner ?? '', review_date: reviewDate ?? null, details };
}

/** The activity a row holds; `details`: its details already parsed by the caller (JSON.parse of `row.details`). */
export function rowToActivity(row: ActivitiesTable, details: unknown = JSON.parse(row.details)): ActivityInput {
  return parseActivityInput({
    ...(details as Record<string, unknown>),
    reference: row.reference,
    name: row.name,
    role: row.role,
    status: row.status,
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.review_date ? { reviewDate: row.review_date } : {}),
  });
}

/** The vendor records an activity names as its processors. */
function linkedVendorIds(a: ActivityInput): string[] {
  return [...new Set(a.processors.map((p) => p.vendorId).filter((x): x is string => !!x))];
}

export function nextReference(used: string[], prefix = 'T-'): string {
  let max = 0;
  for (const r of used) {
    const m = /^(?:[A-Z]+-)?T?-?(\d+)$/i.exec(r);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${String(max + 1).padStart(3, '0')}`;
}

function todayIn(tz: string): string {
  // The day in the zone through the formatter every date of the workspace uses (calendar.ts): an en-CA
  // formatter only for this loaded another locale's data on the first dashboard after unlocking (~15 ms).
  return localDateOf(new Date().toISOString(), tz);
}

export class RegisterService {
  constructor(private readonly ws: Workspace) {}

  private async today(): Promise<string> {
    return todayIn((await this.ws.getProfile()).profile.time_zone);
  }

  /** The vendor register as the Art. 30 record sees it (links, transfers, notice hours). */
  async registerVendors(): Promise<RegisterVendor[]> {
    return (await liveVendors(this.ws)).map(({ row, vendor }) => registerVendorOf(row.id, vendor));
  }

  /** Completeness of one activity, against the vendor register. */
  async check(activity: ActivityInput, id?: string) {
    const vendors = await this.registerVendors();
    return checkActivity(activity, { today: await this.today(), vendors, ...(id ? { activityId: id } : {}) });
  }

  /**
   * The register's activities with their completeness, and the whole register's score and counts.
   * Filters (role, view, text: accents and case ignored) and paging (`limit`/`cursor`, by reference)
   * run here so the page holds one page at a time; without `limit`, every matching activity (the CLI).
   */
  async list(q: RegisterListQuery = {}): Promise<{ items: ActivitySummary[]; total: number; nextCursor: string | null; score: number; counts: { activities: number; errors: number; warnings: number; complete: number } }> {
    const rows = await listActivityRows(this.ws.db);
    const activities = rows.map((r) => ({ ...rowToActivity(r), id: r.id }));
    const today = await this.today();
    const reg = checkRegister(activities, { today, vendors: await this.registerVendors() });
    const items = rows.map((r, i) => {
      const c = reg.byActivity[i]!;
      return {
        id: r.id,
        reference: r.reference,
        name: r.name,
        role: r.role,
        status: r.status,
        owner: r.owner,
        reviewDate: r.review_date,
        updatedAt: r.updated_at,
        score: c.score,
        errors: c.issues.filter((x) => x.severity === 'error').length,
        warnings: c.issues.filter((x) => x.severity === 'warning').length,
      };
    });
    const text = q.text ? normalize(q.text) : '';
    const only = q.ids ? new Set(q.ids) : null;
    const matching = items.filter(
      (a) =>
        (!only || only.has(a.id)) &&
        (!q.role || (q.role === 'processor' ? a.role === 'processor' : a.role !== 'processor')) &&
        (!q.view || (q.view === 'issues' ? a.status !== 'retired' && a.errors + a.warnings > 0 : a.status === q.view)) &&
        (!text || normalize(`${a.reference} ${a.name} ${a.owner}`).includes(text)),
    );
    const page = pageOf(matching, (a) => `${a.reference}\u0000${a.id}`, { list: 'register', limit: q.limit, cursor: q.cursor });
    return { ...page, score: reg.score, counts: { activities: reg.counts.activities, errors: reg.counts.errors, warnings: reg.counts.warnings, complete: reg.counts.complete } };
  }

  async get(id: string): Promise<{
    id: string;
    activity: ActivityInput;
    completeness: { score: number; issues: Array<Omit<CompletenessIssue, 'code'> & { code: string }> };
    /** The processors as linked to the vendor register, and the transfers including the linked vendors' ones. */
    links: { processors: ProcessorEntry[]; transfers: RegisterTransferLine[] };
    createdAt: string;
    updatedAt: string;
  }> {
    const row = await getActivityRow(this.ws.db, id);
    if (!row || row.deleted_at) throw new DomainError('not_found', `No processing activity with id ${id}${row?.deleted_at ? ' (it is in the trash)' : ''}.`);
    const activity = rowToActivity(row);
    const vendors = await this.registerVendors();
    const completeness = checkActivity(activity, { today: await this.today(), vendors, activityId: id });
    const links = { processors: processorEntries(id, activity, vendors), transfers: registerTransfers(id, activity, vendors) };
    // The vendors this activity relies on bring their own problems (missing safeguard, expired
    // certification, Art. 28 clauses…): shown with the record, outside its own score.
    const byActivity = await new VendorsService(this.ws).warningsByActivity();
    const vendorIssues = (byActivity[id] ?? []).flatMap((v) =>
      v.warnings.map((w) => ({
        code: `vendor_${w.code}`,
        severity: w.severity === 'error' ? ('error' as const) : ('warning' as const),
        field: `vendors.${v.vendorId}`,
        article: w.article,
        message: { fr: `${v.vendorName} : ${w.message.fr}`, en: `${v.vendorName}: ${w.message.en}` },
      })),
    );
    // A business-system purge not recorded by its due day (storage limitation, Art. 5(1)(e) and 5(2)).
    const { items: purges } = await new RetentionService(this.ws).schedule({ activityId: id });
    const purgeIssues = purges
      .filter((p) => p.overdue)
      .map((p) => ({
        code: 'retention_purge_overdue',
        severity: 'warning' as const,
        field: `dataCategories.${p.categoryId}.retention`,
        article: 'Art. 5(1)(e)',
        message: {
          fr: `${p.categoryLabel} : la purge des systèmes métier était due le ${formatDateLong(p.dueOn, 'fr')} et n’a pas été enregistrée comme effectuée.`,
          en: `${p.categoryLabel}: the business-system purge was due on ${formatDateLong(p.dueOn, 'en')} and has not been recorded as done.`,
        },
      }));
    return { id, activity, completeness: { score: completeness.score, issues: [...completeness.issues, ...vendorIssues, ...purgeIssues] }, links, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  /** Validates and inserts one activity inside an existing transaction (used by create, import and the demo). */
  async insertWith(w: Writer, draft: unknown, reason?: string, usedCache?: Set<string>): Promise<string> {
    refuseUnsafeText(draft, 'processing activity');
    const a = parseActivityInput(draft);
    if (!a.name.trim()) throw new DomainError('invalid_activity', 'The processing activity is invalid:\n- name: A name is required.', { issues: [{ path: 'name', message: 'A name is required.' }] });
    // Read through the transaction: the connection is held by it, a query on ws.db would wait forever.
    // A bulk import passes one set for the whole transaction instead of re-reading every reference.
    let reference = a.reference.trim();
    if (reference) {
      const used = usedCache ?? new Set(await w.read.usedActivityReferences());
      if (used.has(reference)) throw new DomainError('duplicate_reference', `The reference ${reference} is already used by another activity (possibly in the trash).`);
      w.claimReference('T', 0, reference);
    } else {
      // This device's next number (a counter, not a scan; distinct on every colleague's device).
      reference = w.reference('T', 0);
    }
    const r = await w.write({ op: 'insert', table: 'activities', values: toRow({ ...a, reference }), reason });
    usedCache?.add(reference);
    await syncVendorActivityLinks(w, r.id, [], linkedVendorIds(a));
    return r.id;
  }

  /** The set of references in use, for bulk inserts inside one transaction. */
  async usedReferences(w: Writer): Promise<Set<string>> {
    return new Set(await w.read.usedActivityReferences());
  }

  async create(draft: unknown): Promise<{ id: string }> {
    const id = await this.ws.mutate((w) => this.insertWith(w, draft));
    return { id };
  }

  async update(id: string, draft: unknown): Promise<{ changed: string[] }> {
    refuseUnsafeText(draft, 'processing activity');
    const a = parseActivityInput(draft);
    if (!a.name.trim()) throw new DomainError('invalid_activity', 'The processing activity is invalid:\n- name: A name is required.', { issues: [{ path: 'name', message: 'A name is required.' }] });
    const current = await getActivityRow(this.ws.db, id);
    if (!current) throw new DomainError('not_found', `No processing activity with id ${id}.`);
    if (a.reference !== current.reference) {
      const used = (await usedReferences(this.ws.db)).filter((r) => r !== current.reference);
      if (used.includes(a.reference)) throw new DomainError('duplicate_reference', `The reference ${a.reference} is already used by another activity.`);
    }
    const before = linkedVendorIds(rowToActivity(current));
    const r = await this.ws.mutate(async (w) => {
      const written = await w.write({ op: 'update', table: 'activities', id, values: toRow(a) });
      await syncVendorActivityLinks(w, id, before, linkedVendorIds(a));
      return written;
    });
    return { changed: r.changed };
  }

  /** The register as a Word document (Art. 30), in the workspace's or the asked language. */
  async exportDocx(lang?: 'fr' | 'en'): Promise<{ fileName: string; contentBase64: string }> {
    const { profile } = await this.ws.getProfile();
    const today = await this.today();
    const rows = await listActivityRows(this.ws.db);
    const vendors = await this.registerVendors();
    // Each activity is checked once, against the vendors that concern it (the same results as against all).
    const relevant = vendorsForActivity(vendors);
    const activities = rows.map((r) => {
      const activity = rowToActivity(r);
      const own = relevant(r.id, activity);
      return {
        activity,
        completeness: checkActivity(activity, { today, vendors: own, activityId: r.id }),
        processors: processorEntries(r.id, activity, own),
        transfers: registerTransfers(r.id, activity, own),
        updatedAt: r.updated_at,
      };
    });
    // What checkRegister would give: the same checks, the same mean.
    const score = registerScore(activities.map((a) => ({ status: a.activity.status, score: a.completeness.score })));
    const language = lang ?? profile.language;
    const buffer = await buildRegisterDocx({ profile, activities, score, lang: language, today });
    const fileName = `${language === 'fr' ? 'registre-des-traitements' : 'record-of-processing'}-${today}.docx`;
    return { fileName, contentBase64: buffer.toString('base64') };
  }

  async remove(id: string, reason?: string): Promise<void> {
    await this.ws.moveToTrash('activities', id, reason);
  }
}
