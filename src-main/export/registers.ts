/**
 * The rights-request register and the vendor register as sheets (for XLSX, ODS, CSV) and as the
 * column subset their Word version prints. French headers and French values in the French version
 * (rights, channels, outcomes, yes/no, dates written 05/03/2026).
 */
import { art28Completeness } from '../domain/vendors/warnings';
import type { Vendor } from '../domain/vendors/vendor';
import { CERTIFICATION_LABELS } from '../domain/vendors/vendor';
import { ART28_CHECKLIST, tiaOutcomeLabel } from '../domain/transfers';
import type { RequestRegisterLine } from '../services/figures';
import { CHANNEL_LABELS, OUTCOME_LABELS, REQUEST_STATUS_LABELS, VENDOR_ROLE_LABELS, countryLabel, dateShort, label, rightLabel, toolLabel, type Lang } from './labels';
import type { Sheet } from './spreadsheet';

const yesNo = (b: boolean | null, lang: Lang) => (b === null ? '' : b ? (lang === 'fr' ? 'Oui' : 'Yes') : lang === 'fr' ? 'Non' : 'No');

export const REQUEST_COLUMNS = {
  fr: ['Référence', 'Demandeur', 'Droits exercés', 'Canal', 'Reçue le', 'Échéance d’un mois', 'Prolongation', 'Prolongation décidée le', 'Motifs de la prolongation', 'Échéance applicable', 'Réponse envoyée le', 'Dans le délai', 'Issue', 'Motifs du refus ou de la limitation', 'Statut'],
  en: ['Reference', 'Requester', 'Rights exercised', 'Channel', 'Received on', 'One-month deadline', 'Extension', 'Extension decided on', 'Grounds for the extension', 'Applicable deadline', 'Answered on', 'On time', 'Outcome', 'Grounds for refusal or restriction', 'Status'],
};

export function requestsSheet(lines: readonly RequestRegisterLine[], lang: Lang, organisation: string, date: string): Sheet {
  return {
    name: lang === 'fr' ? 'Demandes de droits' : 'Rights requests',
    title: [lang === 'fr' ? `Registre des demandes d’exercice des droits — ${organisation || 'organisme'} — ${dateShort(date)}` : `Register of rights requests — ${organisation || 'organisation'} — ${dateShort(date)}`],
    header: REQUEST_COLUMNS[lang],
    rows: lines.map((l) => [
      l.reference,
      l.requester,
      l.rights.map((r) => rightLabel(r, lang)).join(', '),
      label(CHANNEL_LABELS, l.channel, lang),
      dateShort(l.receivedOn),
      dateShort(l.oneMonth),
      yesNo(l.extended, lang),
      dateShort(l.extensionDecidedOn),
      l.extensionReasons,
      dateShort(l.dueDate),
      dateShort(l.responseSentOn),
      yesNo(l.onTime, lang),
      l.outcome ? label(OUTCOME_LABELS, l.outcome, lang) : '',
      l.outcome === 'refused' || l.outcome === 'partly' ? l.outcomeReasons : '',
      label(REQUEST_STATUS_LABELS, l.status, lang),
    ]),
    widths: [16, 22, 24, 14, 11, 11, 9, 11, 30, 11, 11, 9, 18, 36, 12],
  };
}

/** Columns of the Word version (landscape A4): the ones a reader needs, in the sheet's order. */
export const REQUEST_DOCX_COLUMNS = [0, 2, 4, 9, 6, 10, 11, 12, 13];

export interface VendorEntry {
  vendor: Vendor;
  warnings: Array<{ severity: string; message: { fr: string; en: string } }>;
}

export const VENDOR_COLUMNS = {
  fr: ['Prestataire', 'Entité juridique', 'Pays', 'Rôle', 'Services', 'Clauses de l’article 28(3)', 'Clauses manquantes ou partielles', 'Contrat (DPA) signé le', 'Transferts hors UE', 'Sous-traitants ultérieurs', 'Hébergement', 'Certifications', 'Prochaine revue', 'Risque', 'Alertes'],
  en: ['Vendor', 'Legal entity', 'Country', 'Role', 'Services', 'Art. 28(3) clauses', 'Missing or partial clauses', 'DPA signed on', 'Transfers outside the EU', 'Sub-processors', 'Hosting', 'Certifications', 'Next review', 'Risk', 'Warnings'],
};

const RISK: Record<string, { fr: string; en: string }> = { low: { fr: 'Faible', en: 'Low' }, medium: { fr: 'Moyen', en: 'Medium' }, high: { fr: 'Élevé', en: 'High' }, critical: { fr: 'Critique', en: 'Critical' } };

export function vendorsSheet(entries: readonly VendorEntry[], lang: Lang, organisation: string, date: string, vendorNames: ReadonlyMap<string, string> = new Map()): Sheet {
  const itemLabel = (id: string) => ART28_CHECKLIST.find((i) => i.id === id)?.label[lang] ?? id;
  return {
    name: lang === 'fr' ? 'Prestataires' : 'Vendors',
    title: [lang === 'fr' ? `Registre des prestataires et sous-traitants — ${organisation || 'organisme'} — ${dateShort(date)}` : `Vendor and processor register — ${organisation || 'organisation'} — ${dateShort(date)}`],
    header: VENDOR_COLUMNS[lang],
    rows: [...entries]
      .sort((a, b) => a.vendor.name.localeCompare(b.vendor.name, 'fr'))
      .map(({ vendor: v, warnings }) => {
        const a = art28Completeness(v);
        const status = !a.applicable
          ? lang === 'fr' ? 'Sans objet (pas sous-traitant)' : 'Not applicable (not a processor)'
          : lang === 'fr'
            ? `${a.score} % — ${a.present} présente(s), ${a.partial} partielle(s), ${a.missing} manquante(s), ${a.unchecked} non vérifiée(s) sur ${a.total}`
            : `${a.score}% — ${a.present} present, ${a.partial} partial, ${a.missing} missing, ${a.unchecked} not checked of ${a.total}`;
        return [
          v.name,
          v.legalEntity,
          countryLabel(v.country, lang),
          label(VENDOR_ROLE_LABELS, v.role, lang),
          v.services,
          status,
          a.applicable ? [...a.missingIds.map((id) => `✗ ${itemLabel(id)}`), ...a.partialIds.map((id) => `~ ${itemLabel(id)}`)].join('\n') : '',
          dateShort(v.contract.dpaSignedOn),
          v.transfers
            .map((t) => `${countryLabel(t.country, lang)} — ${t.recipient || v.name} — ${toolLabel(t.tool, lang)}${t.tia ? ` — TIA : ${tiaOutcomeLabel(t.tia.outcome)[lang]}` : ''}`.replace(' : ', lang === 'fr' ? '\u00a0: ' : ': '))
            .join('\n'),
          v.subProcessors.map((s) => (s.vendorId ? (vendorNames.get(s.vendorId) ?? s.vendorId) : `${s.name}${s.country ? ` (${countryLabel(s.country, lang)})` : ''}`) + (s.service ? ` — ${s.service}` : '')).join('\n'),
          v.hosting.map((h) => `${countryLabel(h.country, lang)}${h.region ? ` — ${h.region}` : ''}`).join('\n'),
          v.certifications.map((c) => `${c.kind === 'other' ? c.label || CERTIFICATION_LABELS.other : CERTIFICATION_LABELS[c.kind]}${c.expiresOn ? ` (${lang === 'fr' ? 'expire le' : 'expires'} ${dateShort(c.expiresOn)})` : ''}`).join('\n'),
          dateShort(v.nextReviewOn),
          v.risk ? label(RISK, v.risk, lang) : '',
          warnings.filter((w) => w.severity !== 'info').map((w) => `• ${w.message[lang]}`).join('\n'),
        ];
      }),
    widths: [22, 22, 12, 16, 28, 30, 36, 12, 36, 28, 20, 24, 11, 9, 50],
  };
}

export const VENDOR_DOCX_COLUMNS = [0, 2, 3, 5, 7, 8, 11, 12];
