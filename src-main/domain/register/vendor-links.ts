/**
 * The register and the vendor file describe the same facts from two sides: an activity names its
 * processors, a vendor record lists the activities it serves and the transfers it makes. This module
 * joins them so the Art. 30 record shows what the vendor file says (a vendor's transfers belong to
 * every activity it serves: Art. 30(1)(e) / 30(2)(c)) and so completeness can flag a contradiction.
 *
 * A vendor is linked to an activity when the vendor lists the activity (vendor.activityIds) OR the
 * activity names the vendor among its processors (processors[].vendorId). Either side is enough, so
 * an edit on one side can never hide the link from the other.
 */
import { countryName } from '../transfers';
import type { ActivityInput } from './activity';
import { ART49_DEROGATIONS, TRANSFER_TOOLS, isEeaCountry, type Label, type TransferToolId } from './vocabulary';

/** What the register needs to know of a vendor record (plain values: the service reads them). */
export interface RegisterVendor {
  id: string;
  name: string;
  role: 'processor' | 'sub-processor' | 'joint-controller' | 'independent-recipient';
  country: string;
  activityIds: readonly string[];
  transfers: ReadonlyArray<{ country: string; recipient: string; tool: string | null; sccModule?: number | null; derogation?: string | null }>;
  /** Contractual notice period of a breach, in hours (Art. 28(3)(f) / 33(2)). */
  breachNotificationHours?: number | null;
}

export type ProcessorEntry =
  /** A processor linked to a vendor record that exists: its name is the vendor's current name. */
  | { kind: 'linked'; vendorId: string; name: string; detail: string; index: number | null }
  /** A link to a vendor that is no longer in the register (deleted, or never synced here). */
  | { kind: 'missing-vendor'; vendorId: string; name: string; detail: string; index: number }
  /** A free-text name from before processors were links: shown, and flagged for linking. */
  | { kind: 'free-text'; name: string; detail: string; index: number };

const PROCESSOR_ROLES = new Set(['processor', 'sub-processor']);

/** Every vendor linked to the activity, from either side, in vendor-register order. */
export function linkedVendors(activityId: string | undefined, activity: ActivityInput, vendors: readonly RegisterVendor[]): RegisterVendor[] {
  const named = new Set(activity.processors.map((p) => p.vendorId).filter((x): x is string => !!x));
  return vendors.filter((v) => named.has(v.id) || (activityId !== undefined && v.activityIds.includes(activityId)));
}

/**
 * For each activity, the vendors that matter to it: those its processors name and those that list it, in the
 * register's order. `linkedVendors`, `processorEntries`, `registerTransfers`, `unrecordedVendorTransfers` and
 * `checkActivity` give the same results with these as with every vendor (vendor-links.test.ts), without
 * reading every vendor for every activity (1,000 × 1,000 at the scale of a large register).
 */
export function vendorsForActivity(vendors: readonly RegisterVendor[]): (activityId: string | undefined, activity: ActivityInput) => RegisterVendor[] {
  const push = (m: Map<string, number[]>, key: string, i: number) => {
    const list = m.get(key);
    if (list) list.push(i);
    else m.set(key, [i]);
  };
  // Positions in the register, by vendor id (unique in a workspace; a list keeps the subset exact regardless) and by activity listed.
  const byId = new Map<string, number[]>();
  const listing = new Map<string, number[]>();
  vendors.forEach((v, i) => {
    push(byId, v.id, i);
    for (const a of new Set(v.activityIds)) push(listing, a, i);
  });
  return (activityId, activity) => {
    const picked = new Set<number>(activityId !== undefined ? (listing.get(activityId) ?? []) : []);
    for (const p of activity.processors) if (p.vendorId) for (const i of byId.get(p.vendorId) ?? []) picked.add(i);
    return [...picked].sort((a, b) => a - b).map((i) => vendors[i]!);
  };
}

/**
 * The processors of an activity as the register prints them: its own entries (linked, dangling or
 * free text), then the processor vendors that list the activity without being named in it.
 */
export function processorEntries(activityId: string | undefined, activity: ActivityInput, vendors: readonly RegisterVendor[]): ProcessorEntry[] {
  const byId = new Map(vendors.map((v) => [v.id, v]));
  const out: ProcessorEntry[] = [];
  const seen = new Set<string>();
  activity.processors.forEach((p, index) => {
    const detail = p.detail ?? '';
    if (p.vendorId) {
      const v = byId.get(p.vendorId);
      seen.add(p.vendorId);
      out.push(v ? { kind: 'linked', vendorId: v.id, name: v.name, detail, index } : { kind: 'missing-vendor', vendorId: p.vendorId, name: p.name || p.vendorId, detail, index });
    } else {
      out.push({ kind: 'free-text', name: p.name, detail, index });
    }
  });
  if (activityId !== undefined) {
    for (const v of vendors) {
      if (!seen.has(v.id) && PROCESSOR_ROLES.has(v.role) && v.activityIds.includes(activityId)) out.push({ kind: 'linked', vendorId: v.id, name: v.name, detail: '', index: null });
    }
  }
  return out;
}

/** One line of the Art. 30(1)(e) section: from the activity itself or from a linked vendor's file. */
export interface RegisterTransferLine {
  source: 'activity' | 'vendor';
  vendorId?: string;
  vendorName?: string;
  recipient: string;
  country: string;
  countryName: Label;
  tool: string | null;
  toolLabel: Label | null;
  derogationLabel: Label | null;
}

const EXTRA_TOOL_LABELS: Record<string, Label> = {
  'uk-addendum': { fr: 'Addendum britannique aux clauses contractuelles types', en: 'UK Addendum to the standard contractual clauses' },
};

const VENDOR_DEROGATIONS: Record<string, string> = {
  a: 'explicit-consent',
  b: 'contract-with-data-subject',
  c: 'contract-in-data-subject-interest',
  d: 'important-public-interest',
  e: 'legal-claims',
  f: 'vital-interests',
  g: 'public-register',
  'second-subparagraph': 'compelling-legitimate-interests',
};

export function transferToolLabel(tool: string | null | undefined, sccModule?: number | null): Label | null {
  if (!tool) return null;
  const base = (TRANSFER_TOOLS as Record<string, { label: Label } | undefined>)[tool]?.label ?? EXTRA_TOOL_LABELS[tool] ?? { fr: tool, en: tool };
  return sccModule ? { fr: `${base.fr} (module ${sccModule})`, en: `${base.en} (module ${sccModule})` } : base;
}

function derogationLabel(id: string | null | undefined): Label | null {
  if (!id) return null;
  const key = VENDOR_DEROGATIONS[id] ?? id;
  return (ART49_DEROGATIONS as Record<string, { label: Label } | undefined>)[key]?.label ?? null;
}

/**
 * Transfers outside the EEA for the Art. 30(1)(e) / 30(2)(c) section: the activity's own, then each
 * linked vendor's recorded transfers (those to EEA countries left out) that the activity does not
 * already list for the same country and recipient.
 */
export function registerTransfers(activityId: string | undefined, activity: ActivityInput, vendors: readonly RegisterVendor[]): RegisterTransferLine[] {
  const own: RegisterTransferLine[] = activity.transfers.map((t) => ({
    source: 'activity',
    recipient: t.recipient,
    country: t.country,
    countryName: countryName(t.country),
    tool: t.tool ?? null,
    toolLabel: transferToolLabel(t.tool),
    derogationLabel: derogationLabel(t.derogation),
  }));
  const key = (country: string, recipient: string) => `${country}|${recipient.trim().toLowerCase()}`;
  const have = new Set(own.map((t) => key(t.country, t.recipient)));
  const fromVendors: RegisterTransferLine[] = [];
  for (const v of linkedVendors(activityId, activity, vendors)) {
    for (const t of v.transfers) {
      if (isEeaCountry(t.country)) continue;
      const recipient = t.recipient || v.name;
      if (have.has(key(t.country, recipient)) || have.has(key(t.country, v.name))) continue;
      have.add(key(t.country, recipient));
      fromVendors.push({
        source: 'vendor',
        vendorId: v.id,
        vendorName: v.name,
        recipient,
        country: t.country,
        countryName: countryName(t.country),
        tool: t.tool,
        toolLabel: transferToolLabel(t.tool, t.sccModule),
        derogationLabel: derogationLabel(t.derogation),
      });
    }
  }
  return [...own, ...fromVendors];
}

/**
 * Linked vendors' third-country transfers whose country the activity does not mention: the record
 * contradicts the vendor file (e.g. « aucun transfert » while the CRM vendor transfers to the US).
 */
export function unrecordedVendorTransfers(activityId: string | undefined, activity: ActivityInput, vendors: readonly RegisterVendor[]): Array<{ vendor: RegisterVendor; country: string; tool: string | null; sccModule: number | null }> {
  const countries = new Set(activity.transfers.map((t) => t.country));
  const out: Array<{ vendor: RegisterVendor; country: string; tool: string | null; sccModule: number | null }> = [];
  for (const v of linkedVendors(activityId, activity, vendors)) {
    for (const t of v.transfers) {
      if (isEeaCountry(t.country) || countries.has(t.country)) continue;
      if (out.some((o) => o.vendor.id === v.id && o.country === t.country)) continue;
      out.push({ vendor: v, country: t.country, tool: t.tool, sccModule: t.sccModule ?? null });
    }
  }
  return out;
}

export type { TransferToolId };
