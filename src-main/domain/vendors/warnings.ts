/**
 * What is missing or doubtful about one vendor: the Chapter V rules of `transferWarnings` for each
 * recorded transfer, plus the vendor-level checks (third-country destinations with no transfer
 * recorded, expired certifications, overdue review, Art. 28(3) clauses missing). Pure.
 */
import { ART28_CHECKLIST, isEea, transferCheck, transferWarnings, type AdequacyOverride, type Bilingual, type TransferRecord, type TransferWarning } from '../transfers';
import { CERTIFICATION_LABELS, type Vendor, type VendorTransfer } from './vendor';

export interface VendorWarning extends TransferWarning {
  /** The transfer the warning is about, when it is about one. */
  transferId?: string;
  country?: string;
}

export interface VendorContext {
  /** Reference day, YYYY-MM-DD (the workspace's time zone). */
  today: string;
  overrides?: AdequacyOverride[];
  /** Other vendors of the register, to follow sub-processors linked by id. */
  vendorsById?: ReadonlyMap<string, { name: string; country: string }>;
}

/** Days before expiry when a certification is flagged as expiring soon. */
export const CERTIFICATION_EXPIRY_NOTICE_DAYS = 60;

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function isProcessorRole(role: Vendor['role']): boolean {
  return role === 'processor' || role === 'sub-processor';
}

export interface Art28Completeness {
  /** Art. 28(3) applies to processors and sub-processors only. */
  applicable: boolean;
  total: number;
  present: number;
  partial: number;
  missing: number;
  unchecked: number;
  /** Share of mandatory items present (partial counts half), 0–100. */
  score: number;
  missingIds: string[];
  partialIds: string[];
  uncheckedIds: string[];
}

/** The mandatory items of the checklist, in its order (a constant: filtered once, not per vendor). */
const ART28_MANDATORY = ART28_CHECKLIST.filter((i) => i.mandatory);

/** Where the vendor stands on the mandatory Art. 28 items of the checklist. */
export function art28Completeness(vendor: Pick<Vendor, 'role' | 'art28'>): Art28Completeness {
  const items = ART28_MANDATORY;
  const out: Art28Completeness = { applicable: isProcessorRole(vendor.role), total: items.length, present: 0, partial: 0, missing: 0, unchecked: 0, score: 0, missingIds: [], partialIds: [], uncheckedIds: [] };
  for (const item of items) {
    const status = vendor.art28[item.id]?.status;
    if (status === 'present') out.present++;
    else if (status === 'partial') {
      out.partial++;
      out.partialIds.push(item.id);
    } else if (status === 'missing') {
      out.missing++;
      out.missingIds.push(item.id);
    } else {
      out.unchecked++;
      out.uncheckedIds.push(item.id);
    }
  }
  out.score = items.length ? Math.round(((out.present + out.partial / 2) / items.length) * 100) : 100;
  return out;
}

export interface Destination {
  country: string;
  via: 'establishment' | 'hosting' | 'sub-processor';
  label: string;
}

/** Every country outside the EEA that the vendor's data reach: its seat, its hosting, its sub-processors. */
export function thirdCountryDestinations(vendor: Vendor, ctx: Pick<VendorContext, 'vendorsById'> = {}): Destination[] {
  const out: Destination[] = [];
  const add = (country: string | null | undefined, via: Destination['via'], label: string) => {
    if (!country || isEea(country)) return;
    out.push({ country, via, label });
  };
  add(vendor.country, 'establishment', vendor.legalEntity || vendor.name);
  for (const h of vendor.hosting) add(h.country, 'hosting', h.region || h.country);
  for (const s of vendor.subProcessors) {
    if (s.vendorId) {
      const linked = ctx.vendorsById?.get(s.vendorId);
      if (linked) add(linked.country, 'sub-processor', linked.name);
    } else add(s.country, 'sub-processor', s.name);
  }
  return out;
}

const VIA: Record<Destination['via'], Bilingual> = {
  establishment: { fr: 'établissement', en: 'establishment' },
  hosting: { fr: 'hébergement', en: 'hosting' },
  'sub-processor': { fr: 'sous-traitant ultérieur', en: 'sub-processor' },
};

function toRecord(t: VendorTransfer, overrides: AdequacyOverride[] | undefined): TransferRecord {
  return {
    country: t.country,
    tool: t.tool,
    ...(t.sccModule !== null ? { sccModule: t.sccModule } : {}),
    ...(t.sccSignedOn ? { sccSignedOn: t.sccSignedOn } : {}),
    ...(t.dpfCheckedOn ? { dpfCheckedOn: t.dpfCheckedOn } : {}),
    ...(t.derogation ? { derogation: t.derogation } : {}),
    ...(t.derogationReason ? { derogationReason: t.derogationReason } : {}),
    ...(overrides ? { overrides } : {}),
  };
}

/** The warnings of one recorded transfer: the Chapter V rules, then what its TIA says. */
export function vendorTransferWarnings(t: VendorTransfer, ctx: VendorContext): VendorWarning[] {
  const base = transferWarnings(toRecord(t, ctx.overrides), ctx.today);
  const tia = t.tia;
  const done = tia && tia.outcome !== 'pending';
  const out: VendorWarning[] = base.filter((w) => !(w.code === 'tia_required' && done)).map((w) => ({ ...w, transferId: t.id, country: t.country }));
  const at = { transferId: t.id, country: t.country };
  if (tia?.outcome === 'do-not-transfer') {
    out.push({
      ...at,
      code: 'tia_suspend',
      severity: 'error',
      message: {
        fr: "L'analyse d'impact conclut qu'aucune mesure n'assure une protection équivalente : suspendez ou arrêtez ce transfert.",
        en: 'The transfer impact assessment concludes that no measure ensures equivalent protection: suspend or end this transfer.',
      },
      article: 'EDPB Recommendations 01/2020, step 4',
    });
  }
  if (tia?.outcome === 'measures-adopted' && !t.measures.technical && !t.measures.contractual && !t.measures.organisational) {
    out.push({
      ...at,
      code: 'measures_not_described',
      severity: 'warning',
      message: {
        fr: "L'analyse d'impact s'appuie sur des mesures supplémentaires qui ne sont pas décrites : indiquez les mesures techniques, contractuelles ou organisationnelles.",
        en: 'The transfer impact assessment relies on supplementary measures that are not described: state the technical, contractual or organisational measures.',
      },
      article: 'EDPB Recommendations 01/2020, step 4',
    });
  }
  if (tia?.reevaluateOn && tia.reevaluateOn < ctx.today) {
    out.push({
      ...at,
      code: 'tia_reevaluation_due',
      severity: 'warning',
      message: {
        fr: `La réévaluation de l'analyse d'impact était prévue le ${tia.reevaluateOn} : réévaluez le transfert.`,
        en: `The transfer impact assessment was due for re-evaluation on ${tia.reevaluateOn}: re-evaluate the transfer.`,
      },
      article: 'EDPB Recommendations 01/2020, step 6',
    });
  }
  return out;
}

/**
 * transferCheck(…).requiresSafeguard, once per country and list of overrides: it is pure, and the
 * vendor register checks the same few countries for each of its (1,000) vendors against one list.
 */
const safeguardByOverrides = new WeakMap<object, Map<string, boolean>>();
const NO_OVERRIDES = {};
function requiresSafeguard(country: string, overrides: AdequacyOverride[] | undefined): boolean {
  const key = overrides ?? NO_OVERRIDES;
  let known = safeguardByOverrides.get(key);
  if (!known) {
    known = new Map();
    safeguardByOverrides.set(key, known);
  }
  let v = known.get(country);
  if (v === undefined) {
    v = transferCheck({ country, ...(overrides ? { overrides } : {}) }).requiresSafeguard;
    known.set(country, v);
  }
  return v;
}

/** Everything to look at for one vendor, most serious first within each group. */
export function vendorWarnings(vendor: Vendor, ctx: VendorContext): VendorWarning[] {
  const out: VendorWarning[] = [];
  const today = ctx.today;

  // Chapter V: destinations with no transfer recorded, then each recorded transfer.
  const recorded = new Set(vendor.transfers.map((t) => t.country));
  const flagged = new Set<string>();
  for (const d of thirdCountryDestinations(vendor, ctx)) {
    if (recorded.has(d.country) || flagged.has(d.country)) continue;
    if (!requiresSafeguard(d.country, ctx.overrides)) continue;
    flagged.add(d.country);
    out.push({
      code: 'transfer_not_recorded',
      severity: 'error',
      country: d.country,
      message: {
        fr: `Des données vont vers un pays tiers (${d.country}, ${VIA[d.via].fr} : ${d.label}) sans instrument de transfert enregistré : enregistrez le transfert et son instrument (CCT, DPF, BCR…).`,
        en: `Data go to a third country (${d.country}, ${VIA[d.via].en}: ${d.label}) with no transfer tool recorded: record the transfer and its tool (SCC, DPF, BCR…).`,
      },
      article: 'GDPR Art. 44 and 46',
    });
  }
  for (const t of vendor.transfers) out.push(...vendorTransferWarnings(t, ctx));

  // Certifications.
  for (const c of vendor.certifications) {
    if (!c.expiresOn) continue;
    const name = c.kind === 'other' ? c.label || CERTIFICATION_LABELS.other : CERTIFICATION_LABELS[c.kind];
    if (c.expiresOn < today) {
      out.push({
        code: 'certification_expired',
        severity: 'warning',
        message: { fr: `Certification ${name} expirée le ${c.expiresOn} : demandez le certificat renouvelé.`, en: `${name} certification expired on ${c.expiresOn}: ask for the renewed certificate.` },
        article: 'GDPR Art. 28(1) and 32',
      });
    } else if (c.expiresOn <= addDays(today, CERTIFICATION_EXPIRY_NOTICE_DAYS)) {
      out.push({
        code: 'certification_expiring',
        severity: 'info',
        message: { fr: `Certification ${name} valable jusqu'au ${c.expiresOn}.`, en: `${name} certification valid until ${c.expiresOn}.` },
        article: 'GDPR Art. 28(1) and 32',
      });
    }
  }

  // Review.
  if (vendor.nextReviewOn && vendor.nextReviewOn < today) {
    out.push({
      code: 'review_overdue',
      severity: 'warning',
      message: { fr: `Revue du prestataire en retard (prévue le ${vendor.nextReviewOn}).`, en: `Vendor review overdue (due on ${vendor.nextReviewOn}).` },
      article: 'GDPR Art. 5(2) and 28(1)',
    });
  } else if (!vendor.nextReviewOn) {
    out.push({
      code: 'review_not_planned',
      severity: 'info',
      message: { fr: 'Aucune date de prochaine revue.', en: 'No next review date.' },
      article: 'GDPR Art. 5(2)',
    });
  }

  // Art. 28 contract (processors and sub-processors only).
  if (isProcessorRole(vendor.role)) {
    const c = art28Completeness(vendor);
    const label = (id: string, lang: 'fr' | 'en') => ART28_CHECKLIST.find((i) => i.id === id)?.label[lang] ?? id;
    if (c.missingIds.length) {
      out.push({
        code: 'art28_missing',
        severity: 'error',
        message: {
          fr: `Clauses obligatoires absentes du contrat (art. 28(3)) : ${c.missingIds.map((i) => label(i, 'fr')).join(' ; ')}.`,
          en: `Mandatory clauses missing from the contract (Art. 28(3)): ${c.missingIds.map((i) => label(i, 'en')).join('; ')}.`,
        },
        article: 'GDPR Art. 28(3)',
      });
    }
    if (c.partialIds.length) {
      out.push({
        code: 'art28_partial',
        severity: 'warning',
        message: {
          fr: `Clauses incomplètes (art. 28(3)) : ${c.partialIds.map((i) => label(i, 'fr')).join(' ; ')}.`,
          en: `Incomplete clauses (Art. 28(3)): ${c.partialIds.map((i) => label(i, 'en')).join('; ')}.`,
        },
        article: 'GDPR Art. 28(3)',
      });
    }
    if (c.uncheckedIds.length) {
      out.push({
        code: 'art28_unchecked',
        severity: 'warning',
        message: {
          fr: `${c.uncheckedIds.length} clause(s) obligatoire(s) de l'art. 28(3) non vérifiée(s) dans le contrat.`,
          en: `${c.uncheckedIds.length} mandatory Art. 28(3) clause(s) not checked in the contract.`,
        },
        article: 'GDPR Art. 28(3)',
      });
    }
    if (!vendor.contract.dpaSignedOn) {
      out.push({
        code: 'dpa_not_signed',
        severity: 'warning',
        message: { fr: 'Date de signature du contrat de sous-traitance (DPA) non renseignée.', en: 'Signature date of the data processing agreement (DPA) missing.' },
        article: 'GDPR Art. 28(3) and 28(9)',
      });
    }
    if (vendor.breachNotificationHours !== null && vendor.breachNotificationHours > 72) {
      out.push({
        code: 'breach_commitment_late',
        severity: 'warning',
        message: {
          fr: `Le prestataire s'engage à notifier une violation sous ${vendor.breachNotificationHours} h : c'est plus que les 72 h dont vous disposez vous-même pour notifier la CNIL.`,
          en: `The vendor commits to report a breach within ${vendor.breachNotificationHours} h: more than the 72 h you have yourself to notify the supervisory authority.`,
        },
        article: 'GDPR Art. 33(2) and 28(3)(f)',
      });
    }
  }

  // Errors, then warnings, then information notes, each in the order found (a stable sort by
  // severity, as three passes: no sort and no wrapper object per warning for each of 1,000 vendors).
  const sorted: VendorWarning[] = [];
  for (const severity of SEVERITY_ORDER) for (const w of out) if (w.severity === severity) sorted.push(w);
  return sorted;
}

const SEVERITY_ORDER = ['error', 'warning', 'info'] as const;

/** Codes that mean "a third-country transfer with no tool" (dashboard counter). */
export const NO_TOOL_CODES: readonly string[] = ['transfer_not_recorded', 'no_transfer_tool'];

/** Views of the vendor list (the dashboard links to them: #/vendors?view=review-overdue): with warnings, review overdue, a transfer without a tool. */
export const VENDOR_VIEWS = ['warnings', 'review-overdue', 'no-tool'] as const;

export function countBySeverity(warnings: readonly TransferWarning[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: warnings.filter((w) => w.severity === 'error').length,
    warnings: warnings.filter((w) => w.severity === 'warning').length,
    infos: warnings.filter((w) => w.severity === 'info').length,
  };
}
