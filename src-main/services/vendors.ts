import { createHash } from 'node:crypto';
import { z } from 'zod';
import demoVendors from '../../resources/demo/smart-tribune-vendors.json' with { type: 'json' };
import { DomainError } from '../domain/errors';
import { refuseUnsafeText } from '../domain/text';
import {
  ADEQUACY_REFERENCE,
  ART28_CHECKLIST,
  ART46_TOOLS,
  ART49_DEROGATIONS,
  SCC_MODULES,
  TIA_STEPS,
  TIA_STEPS_NOTE,
  TRANSFER_TOOLS,
  adequacyFor,
  listCountries,
  tiaOutcomeLabel,
  transferCheck,
  type AdequacyOverride,
} from '../domain/transfers';
import {
  CERTIFICATION_KINDS,
  CERTIFICATION_LABELS,
  CONTRACT_FILE_MAX_BYTES,
  TIA_OUTCOMES,
  adequacyOverrideInputSchema,
  vendorInputSchema,
  type ContractFile,
  type Vendor,
} from '../domain/vendors/vendor';
import { normalize } from '../domain/search';
import { pageOf } from './paging';
import { NO_TOOL_CODES, type VENDOR_VIEWS, art28Completeness, countBySeverity, vendorWarnings, type Art28Completeness, type VendorContext, type VendorWarning } from '../domain/vendors/warnings';
import { listActivityRows } from '../db/repositories/activities';
import { getVendorFile, getVendorRow, listOverrideRows, listVendorRows } from '../db/repositories/vendors';
import { cachedPerState } from './state-cache';
import { parsedLiveVendors } from './vendor-index';
import { rowToVendor } from './vendor-row';
import type { AdequacyOverridesTable, DB, VendorsTable } from '../db/schema';
import { invalidInput, newUlid } from '../db/write';
import { buildTiaDocx } from '../export/docx/vendors-tia';
import type { Kysely, Transaction } from 'kysely';
import type { Workspace, Writer } from './workspace';
import { localDateOf } from '../domain/calendar';

type Db = Kysely<DB> | Transaction<DB>;

export interface VendorListQuery {
  view?: (typeof VENDOR_VIEWS)[number];
  text?: string;
  ids?: readonly string[];
  limit?: number;
  cursor?: string;
}

export interface VendorSummaryItem {
  id: string;
  name: string;
  legalEntity: string;
  role: Vendor['role'];
  country: string;
  risk: Vendor['risk'];
  nextReviewOn: string | null;
  updatedAt: string;
  transfers: number;
  thirdCountries: string[];
  errors: number;
  warnings: number;
  warningCodes: string[];
  art28Score: number | null;
}

function todayIn(tz: string): string {
  // The day in the zone through the formatter every date of the workspace uses (calendar.ts): an en-CA
  // formatter only for this loaded another locale's data on the first dashboard after unlocking (~15 ms).
  return localDateOf(new Date().toISOString(), tz);
}

/** Parses a vendor for storage; zod problems become one actionable DomainError. */
export function parseVendorDraft(draft: unknown): Vendor {
  const parsed = vendorInputSchema.safeParse(draft);
  if (!parsed.success) throw invalidInput(parsed.error, 'vendor');
  return parsed.data;
}

function toRow(v: Vendor) {
  const { name, role, country, risk, nextReviewOn, ...details } = v;
  return { name, role, country, risk, next_review_on: nextReviewOn, details };
}

export { rowToVendor } from './vendor-row';

function overrideFromRow(r: AdequacyOverridesTable): AdequacyOverride {
  return { code: r.code, adequacy: r.status === 'adequate' && r.decision_date ? { decision: r.decision, date: r.decision_date } : null, note: r.note };
}

/** New transfers get a stable id so their impact assessment and report can point at them. */
function withTransferIds(v: Vendor): Vendor {
  const seen = new Set<string>();
  return {
    ...v,
    transfers: v.transfers.map((t) => {
      const id = t.id && !seen.has(t.id) ? t.id : newUlid();
      seen.add(id);
      return { ...t, id };
    }),
  };
}

const uploadSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  mime: z.string().max(200).default('application/octet-stream'),
  contentBase64: z.string(),
});

/**
 * The live vendors, parsed once per state of the workspace (services/state-cache.ts; Today, the
 * dashboard's register figures and the vendors summary each parsed all 1,000 vendors). Read-only.
 */
export const liveVendors: (ws: Workspace) => Promise<ReadonlyArray<{ row: VendorsTable; vendor: Vendor }>> = cachedPerState(async (ws) => parsedLiveVendors(ws.db));

type VendorsWithWarnings = { today: string; entries: Array<{ row: VendorsTable; vendor: Vendor; warnings: VendorWarning[] }> };

/** Per state of the workspace (state-cache.ts: any write starts a new map), the vendors with their warnings by day. */
const vendorsByDay = cachedPerState(async () => new Map<string, Promise<VendorsWithWarnings>>());

export class VendorsService {
  constructor(private readonly ws: Workspace) {}

  async today(): Promise<string> {
    return todayIn((await this.ws.getProfile()).profile.time_zone);
  }

  async overrides(db: Db = this.ws.db): Promise<AdequacyOverride[]> {
    return (await listOverrideRows(db)).map(overrideFromRow);
  }

  private async context(db: Db = this.ws.db, rows?: VendorsTable[]): Promise<VendorContext> {
    const all = rows ?? (await listVendorRows(db));
    return {
      today: await this.today(),
      overrides: await this.overrides(db),
      vendorsById: new Map(all.map((r) => [r.id, { name: r.name, country: r.country }])),
    };
  }

  private summarize(row: VendorsTable, vendor: Vendor, warnings: VendorWarning[]): VendorSummaryItem {
    const counts = countBySeverity(warnings);
    const art28 = art28Completeness(vendor);
    const third = new Set<string>();
    for (const t of vendor.transfers) third.add(t.country);
    for (const w of warnings) if (w.code === 'transfer_not_recorded' && w.country) third.add(w.country);
    return {
      id: row.id,
      name: vendor.name,
      legalEntity: vendor.legalEntity,
      role: vendor.role,
      country: vendor.country,
      risk: vendor.risk,
      nextReviewOn: vendor.nextReviewOn,
      updatedAt: row.updated_at,
      transfers: vendor.transfers.length,
      thirdCountries: [...third].sort(),
      errors: counts.errors,
      warnings: counts.warnings,
      warningCodes: [...new Set(warnings.filter((w) => w.severity !== 'info').map((w) => w.code))],
      art28Score: art28.applicable ? art28.score : null,
    };
  }

  /**
   * Every live vendor, parsed, with its warnings: computed once per state of the workspace and day
   * (the warnings read the day: reviews, certifications), shared by Today, the dashboard's vendor
   * summary and the list (issue 11: 1,000 vendors). Read-only.
   */
  async all(): Promise<VendorsWithWarnings> {
    const byDay = await vendorsByDay(this.ws);
    const today = await this.today();
    let hit = byDay.get(today);
    if (!hit) {
      hit = this.computeAll();
      byDay.set(today, hit);
      // A failure is not kept: the next call computes again.
      hit.catch(() => byDay.delete(today));
    }
    return hit;
  }

  private async computeAll(): Promise<VendorsWithWarnings> {
    const live = await liveVendors(this.ws);
    const ctx = await this.context(this.ws.db, live.map((x) => x.row));
    return { today: ctx.today, entries: live.map(({ row, vendor }) => ({ row, vendor, warnings: vendorWarnings(vendor, ctx) })) };
  }

  /**
   * Vendors with their warnings. Filters (view, text: accents and case ignored) and paging
   * (`limit`/`cursor`, by name) run here so the page holds one page at a time; without `limit`,
   * every matching vendor.
   */
  async list(q: VendorListQuery = {}): Promise<{ today: string; items: VendorSummaryItem[]; total: number; nextCursor: string | null }> {
    const { today, entries } = await this.all();
    const text = q.text ? normalize(q.text) : '';
    const only = q.ids ? new Set(q.ids) : null;
    const matching = entries
      .filter((e) => !only || only.has(e.row.id))
      .map((e) => this.summarize(e.row, e.vendor, e.warnings))
      .filter(
        (v) =>
          (!q.view || (q.view === 'warnings' ? v.errors + v.warnings > 0 : q.view === 'review-overdue' ? v.warningCodes.includes('review_overdue') : v.warningCodes.some((c) => NO_TOOL_CODES.includes(c)))) &&
          (!text || normalize(`${v.name} ${v.legalEntity} ${v.country}`).includes(text)),
      );
    // By name as people read it (case and accents aside), then the exact name and id so the key is unique.
    const page = pageOf(matching, (v) => `${normalize(v.name)}\u0000${v.name}\u0000${v.id}`, { list: 'vendors', limit: q.limit, cursor: q.cursor });
    return { today, ...page };
  }

  /** `vendors list --json`: every vendor with its transfers and warnings. */
  async listFull(): Promise<{ today: string; vendors: Array<Vendor & { id: string; updatedAt: string; warnings: VendorWarning[] }> }> {
    const { today, entries } = await this.all();
    return { today, vendors: entries.map((e) => ({ id: e.row.id, updatedAt: e.row.updated_at, ...e.vendor, warnings: e.warnings })) };
  }

  async get(id: string): Promise<{ id: string; vendor: Vendor; warnings: VendorWarning[]; art28: Art28Completeness; createdAt: string; updatedAt: string }> {
    const row = await getVendorRow(this.ws.db, id);
    if (!row || row.deleted_at) throw new DomainError('not_found', `No vendor with id ${id}${row?.deleted_at ? ' (it is in the trash)' : ''}.`);
    const vendor = rowToVendor(row);
    const ctx = await this.context();
    return { id, vendor, warnings: vendorWarnings(vendor, ctx), art28: art28Completeness(vendor), createdAt: row.created_at, updatedAt: row.updated_at };
  }

  /** Live warnings for a draft (the editor calls this as the DPO types). */
  async check(draft: unknown): Promise<{ warnings: VendorWarning[]; art28: Art28Completeness }> {
    const vendor = parseVendorDraft(draft);
    const ctx = await this.context();
    return { warnings: vendorWarnings(vendor, ctx), art28: art28Completeness(vendor) };
  }

  /** Validates and inserts one vendor inside an existing transaction (create, demo). */
  async insertWith(w: Writer, draft: unknown, reason?: string, id?: string): Promise<string> {
    refuseUnsafeText(draft, 'vendor');
    const v = withTransferIds(parseVendorDraft(draft));
    const values = toRow({ ...v, contract: { ...v.contract, file: null } });
    const r = await w.write({ op: 'insert', table: 'vendors', ...(id ? { id } : {}), values, reason });
    return r.id;
  }

  async create(draft: unknown): Promise<{ id: string }> {
    const id = await this.ws.mutate((w) => this.insertWith(w, draft));
    return { id };
  }

  async update(id: string, draft: unknown): Promise<{ changed: string[] }> {
    refuseUnsafeText(draft, 'vendor');
    const v = withTransferIds(parseVendorDraft(draft));
    const r = await this.ws.mutate(async (w) => {
      const current = await w.read.vendorRow(id);
      if (!current) throw new DomainError('not_found', `No vendor with id ${id}.`);
      // The stored file is only changed by uploadContract: an edit never drops or forges it.
      const file = rowToVendor(current).contract.file;
      return w.write({ op: 'update', table: 'vendors', id, values: toRow({ ...v, contract: { ...v.contract, file } }) });
    });
    return { changed: r.changed };
  }

  async remove(id: string, reason?: string): Promise<void> {
    await this.ws.moveToTrash('vendors', id, reason);
  }

  /** Stores the signed contract (DPA) inside the workspace; a file over the limit changes nothing. */
  async uploadContract(id: string, input: { fileName: string; mime?: string; contentBase64: string }): Promise<ContractFile> {
    const u = uploadSchema.parse(input);
    const bytes = Buffer.from(u.contentBase64, 'base64');
    if (bytes.length > CONTRACT_FILE_MAX_BYTES) {
      throw new DomainError(
        'file_too_large',
        `The file ${u.fileName} is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; contracts kept in the workspace are limited to ${CONTRACT_FILE_MAX_BYTES / 1024 / 1024} MiB. Keep a compressed PDF or store the file elsewhere and note where in the contract version field.`,
        { size: bytes.length, limit: CONTRACT_FILE_MAX_BYTES },
      );
    }
    if (bytes.length === 0) throw new DomainError('invalid_input', `The file ${u.fileName} is empty.`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.ws.mutate(async (w) => {
      const row = await w.read.vendorRow(id);
      if (!row || row.deleted_at) throw new DomainError('not_found', `No vendor with id ${id}.`);
      const vendor = rowToVendor(row);
      const previous = vendor.contract.file;
      const f = await w.write({ op: 'insert', table: 'vendor_files', values: { vendor_id: id, name: u.fileName, mime: u.mime, size: bytes.length, sha256, content: bytes.toString('base64') } });
      if (previous) {
        const prevRow = await w.read.vendorFile(previous.id);
        if (prevRow && !prevRow.deleted_at) await w.write({ op: 'delete', table: 'vendor_files', id: previous.id, reason: 'replaced by a newer contract file' });
      }
      const file: ContractFile = { id: f.id, name: u.fileName, mime: u.mime, size: bytes.length, sha256, uploadedAt: new Date().toISOString() };
      await w.write({ op: 'update', table: 'vendors', id, values: toRow({ ...vendor, contract: { ...vendor.contract, file } }) });
      return file;
    });
  }

  async downloadContract(id: string): Promise<{ fileName: string; mime: string; contentBase64: string }> {
    const { vendor } = await this.get(id);
    const meta = vendor.contract.file;
    if (!meta) throw new DomainError('not_found', `No contract file is stored for ${vendor.name}.`);
    const f = await getVendorFile(this.ws.db, meta.id);
    if (!f) throw new DomainError('not_found', `The contract file of ${vendor.name} is missing from the workspace.`);
    return { fileName: f.name, mime: f.mime, contentBase64: f.content };
  }

  /** Dashboard numbers. */
  async summary(): Promise<{ vendors: number; withWarnings: number; reviewsOverdue: number; transfersWithoutTool: number }> {
    const { entries } = await this.all();
    return {
      vendors: entries.length,
      withWarnings: entries.filter((e) => e.warnings.some((w) => w.severity !== 'info')).length,
      reviewsOverdue: entries.filter((e) => e.warnings.some((w) => w.code === 'review_overdue')).length,
      transfersWithoutTool: entries.reduce((n, e) => n + e.warnings.filter((w) => NO_TOOL_CODES.includes(w.code)).length, 0),
    };
  }

  /**
   * For the register's completeness: per activity id, the vendors linked to it and their errors and
   * warnings (information notes left out).
   */
  async warningsByActivity(): Promise<Record<string, Array<{ vendorId: string; vendorName: string; warnings: VendorWarning[] }>>> {
    const { entries } = await this.all();
    const out: Record<string, Array<{ vendorId: string; vendorName: string; warnings: VendorWarning[] }>> = {};
    for (const e of entries) {
      const warnings = e.warnings.filter((w) => w.severity !== 'info');
      for (const a of e.vendor.activityIds) (out[a] ??= []).push({ vendorId: e.row.id, vendorName: e.vendor.name, warnings });
    }
    return out;
  }

  /** Every third country data reach, with the vendors and the tool relied on for each. */
  async transfersByCountry(): Promise<{
    items: Array<{
      country: string;
      basis: ReturnType<typeof transferCheck>['basis'];
      adequacy: { decision: string; date: string } | null;
      vendors: Array<{ id: string; name: string; transferId: string | null; tool: string | null; sccModule: number | null; tiaOutcome: string | null; problems: number }>;
    }>;
  }> {
    const { entries } = await this.all();
    const overrides = await this.overrides();
    const byCountry = new Map<string, Array<{ id: string; name: string; transferId: string | null; tool: string | null; sccModule: number | null; tiaOutcome: string | null; problems: number }>>();
    const push = (c: string, x: { id: string; name: string; transferId: string | null; tool: string | null; sccModule: number | null; tiaOutcome: string | null; problems: number }) => {
      if (!byCountry.has(c)) byCountry.set(c, []);
      byCountry.get(c)!.push(x);
    };
    for (const e of entries) {
      for (const t of e.vendor.transfers) {
        const problems = e.warnings.filter((w) => w.transferId === t.id && w.severity !== 'info').length;
        push(t.country, { id: e.row.id, name: e.vendor.name, transferId: t.id, tool: t.tool, sccModule: t.sccModule, tiaOutcome: t.tia?.outcome ?? null, problems });
      }
      for (const w of e.warnings) if (w.code === 'transfer_not_recorded' && w.country) push(w.country, { id: e.row.id, name: e.vendor.name, transferId: null, tool: null, sccModule: null, tiaOutcome: null, problems: 1 });
    }
    const items = [...byCountry.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([country, vendors]) => {
        const c = transferCheck({ country, overrides });
        return { country, basis: c.basis, adequacy: c.adequacy, vendors };
      });
    return { items };
  }

  // ── adequacy overrides ("when the law moves") ─────────────────────────
  async adequacyTable(): Promise<{
    checkedOn: string;
    reference: Array<{ code: string; name: { fr: string; en: string }; decision: string; decisionFr: string; date: string; scope: string; scopeNote: { fr: string; en: string }; verified: boolean; verificationNote: string | null }>;
    overrides: Array<{ id: string; code: string; adequate: boolean; decision: string; decisionDate: string | null; note: string; checkedOn: string; referenceDecision: string | null }>;
  }> {
    const rows = await listOverrideRows(this.ws.db);
    return {
      checkedOn: ADEQUACY_REFERENCE.checkedOn,
      reference: ADEQUACY_REFERENCE.adequacy.map((a) => ({ code: a.code, name: a.name, decision: a.decision, decisionFr: a.decisionFr, date: a.date, scope: a.scope, scopeNote: a.scopeNote, verified: a.verified, verificationNote: a.verificationNote ?? null })),
      overrides: rows.map((r) => ({
        id: r.id,
        code: r.code,
        adequate: r.status === 'adequate',
        decision: r.decision,
        decisionDate: r.decision_date,
        note: r.note,
        checkedOn: r.checked_on,
        referenceDecision: adequacyFor(r.code)?.decision ?? null,
      })),
    };
  }

  /** Records (or replaces) the DPO's override for one country. */
  async setOverride(input: unknown): Promise<{ id: string }> {
    const parsed = adequacyOverrideInputSchema.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error, 'adequacy override');
    const o = parsed.data;
    const values = { code: o.code, status: o.adequate ? 'adequate' : 'not-adequate', decision: o.decision, decision_date: o.decisionDate, note: o.note, checked_on: o.checkedOn };
    // The domain rule refuses what makes no sense (an EEA country) before anything is written.
    adequacyFor(o.code, [{ code: o.code, adequacy: o.adequate && o.decisionDate ? { decision: o.decision, date: o.decisionDate } : null, note: o.note }]);
    return this.ws.mutate(async (w) => {
      const existing = (await w.read.adequacyOverrides()).find((r) => r.code === o.code);
      if (existing) {
        await w.write({ op: 'update', table: 'adequacy_overrides', id: existing.id, values });
        return { id: existing.id };
      }
      const r = await w.write({ op: 'insert', table: 'adequacy_overrides', values });
      return { id: r.id };
    });
  }

  async removeOverride(code: string): Promise<void> {
    const row = (await listOverrideRows(this.ws.db)).find((r) => r.code === code.trim().toUpperCase());
    if (!row) throw new DomainError('not_found', `No adequacy override is recorded for ${code}.`);
    await this.ws.moveToTrash('adequacy_overrides', row.id, 'override removed');
  }

  /** transfer-check with the workspace's overrides applied. */
  async transferCheck(country: string, dpfCertified?: boolean) {
    return transferCheck({ country, ...(dpfCertified !== undefined ? { dpfCertified } : {}), overrides: await this.overrides() });
  }

  /** The transfer impact assessment of one transfer as a Word document. */
  async tiaDocx(vendorId: string, transferId: string, lang?: 'fr' | 'en'): Promise<{ fileName: string; contentBase64: string }> {
    const { vendor, warnings } = await this.get(vendorId);
    const transfer = vendor.transfers.find((t) => t.id === transferId);
    if (!transfer) throw new DomainError('not_found', `${vendor.name} has no transfer with id ${transferId}.`);
    const { profile } = await this.ws.getProfile();
    const language = lang ?? profile.language;
    const today = await this.today();
    const check = transferCheck({ country: transfer.country, dpfCertified: transfer.tool === 'dpf', overrides: await this.overrides() });
    const activities = (await listActivityRows(this.ws.db)).filter((a) => vendor.activityIds.includes(a.id)).map((a) => `${a.reference} — ${a.name}`);
    const buffer = await buildTiaDocx({ profile, vendor, transfer, check, warnings: warnings.filter((w) => w.transferId === transferId), activities, lang: language, today });
    const slug = vendor.name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return { fileName: `${language === 'fr' ? 'analyse-impact-transfert' : 'transfer-impact-assessment'}-${slug}-${transfer.country}-${today}.docx`, contentBase64: buffer.toString('base64') };
  }
}

/**
 * Keeps the vendor file in step with the register (one write path, same transaction): a vendor named
 * as a processor of an activity lists that activity; one removed from the activity's processors no
 * longer does. Vendors that are not in the workspace (yet) are left alone.
 */
export async function syncVendorActivityLinks(w: Writer, activityId: string, before: readonly string[], after: readonly string[]): Promise<void> {
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  for (const id of new Set([...added, ...removed])) {
    const row = await w.read.vendorRow(id);
    if (!row || row.deleted_at) continue;
    const vendor = rowToVendor(row);
    const want = added.includes(id);
    if (vendor.activityIds.includes(activityId) === want) continue;
    const activityIds = want ? [...vendor.activityIds, activityId] : vendor.activityIds.filter((a) => a !== activityId);
    await w.write({ op: 'update', table: 'vendors', id, values: toRow({ ...vendor, activityIds }), reason: want ? 'named as processor of a register activity' : 'no longer a processor of a register activity' });
  }
}

/** Reference lists the vendor pages need (labels come from the dated reference files). */
export function vendorReference() {
  return {
    art28: ART28_CHECKLIST.map((i) => ({ id: i.id, article: i.article, mandatory: i.mandatory, label: i.label, explanation: i.explanation })),
    sccModules: SCC_MODULES.map((m) => ({ module: m.module, id: m.id, label: m.label })),
    art46Tools: ART46_TOOLS.map((t) => ({ id: t.id, article: t.article, label: t.label })),
    derogations: ART49_DEROGATIONS.map((d) => ({ id: d.id, article: d.article, label: d.label })),
    tiaSteps: TIA_STEPS.map((s) => ({ step: s.step, id: s.id, neededWithAdequacy: s.neededWithAdequacy, title: s.title, questions: s.questions })),
    tiaStepsNote: TIA_STEPS_NOTE,
    tiaOutcomes: TIA_OUTCOMES.map((id) => ({ id, label: tiaOutcomeLabel(id) })),
    transferTools: [...TRANSFER_TOOLS],
    certifications: CERTIFICATION_KINDS.map((id) => ({ id, label: CERTIFICATION_LABELS[id] })),
    adequacyCheckedOn: ADEQUACY_REFERENCE.checkedOn,
    countries: listCountries().map((c) => ({ code: c.code, name: c.name, inEEA: c.inEEA })),
  };
}

/**
 * Adds the Smart Tribune vendors (resources/demo/smart-tribune-vendors.json) to a workspace, through
 * the write path; the demo's register activities are linked by their references.
 */
/** A fresh id for each demo vendor, by its key (activities link to them before they are inserted). */
export function demoVendorIds(): Map<string, string> {
  return new Map((demoVendors.vendors as Array<{ key: string }>).map((v) => [v.key, newUlid()]));
}

export async function seedDemoVendors(ws: Workspace, ids: Map<string, string> = demoVendorIds()): Promise<void> {
  const service = new VendorsService(ws);
  await ws.mutate(async (w) => {
    const byRef = await w.read.activityIdsByReference();
    const items = demoVendors.vendors as Array<{ key: string; activityRefs?: string[]; subProcessorKeys?: string[]; vendor: Record<string, unknown> }>;
    for (const item of items) {
      const activityIds = (item.activityRefs ?? []).map((r) => byRef.get(r)).filter((x): x is string => Boolean(x));
      const linked = (item.subProcessorKeys ?? []).map((k) => ({ vendorId: ids.get(k)! }));
      const subProcessors = [...((item.vendor.subProcessors as unknown[] | undefined) ?? []), ...linked];
      await service.insertWith(w, { ...item.vendor, activityIds, subProcessors }, 'demo workspace', ids.get(item.key));
    }
  });
}
