/**
 * A transfer impact assessment (EDPB Recommendations 01/2020, six steps) as a Word document, in
 * French or English: the transfer, the tool relied on, the answers per step, the supplementary
 * measures, the outcome and the re-evaluation date, and what Vigie still flags.
 */
import { TextRun } from 'docx';
import type { OrgProfile } from '../../domain/org-profile';
import { ART46_TOOLS, ART49_DEROGATIONS, SCC_MODULES, TIA_STEPS, TIA_STEPS_NOTE, tiaOutcomeLabel, type TransferCheckResult } from '../../domain/transfers';
import type { Vendor, VendorTransfer } from '../../domain/vendors/vendor';
import type { VendorWarning } from '../../domain/vendors/warnings';
import { FONT, bullet, document, fieldsTable, formatDateLong, heading, letterhead, para, text, toBuffer, type Lang } from './common';

const L = {
  fr: {
    title: "Analyse d'impact du transfert (AIT)",
    subtitle: 'Transfert de données hors de l’EEE — Recommandations 01/2020 du CEPD',
    transfer: 'Le transfert',
    vendor: 'Prestataire',
    entity: 'Entité juridique',
    role: 'Rôle',
    country: 'Pays de destination',
    recipient: 'Destinataire',
    activities: 'Traitements concernés',
    data: 'Catégories de données',
    basis: 'Situation au regard du chapitre V',
    tool: 'Instrument de transfert',
    toolRef: 'Référence',
    steps: 'Les six étapes',
    questions: 'Questions',
    answer: 'Réponse',
    notNeeded: "Étape non requise lorsqu'une décision d'adéquation couvre le transfert.",
    measures: 'Mesures supplémentaires',
    technical: 'Techniques',
    contractual: 'Contractuelles',
    organisational: 'Organisationnelles',
    outcome: 'Conclusion',
    decision: 'Décision',
    assessedOn: 'Évaluée le',
    assessor: 'Par',
    reevaluateOn: 'Réévaluation prévue le',
    flags: 'Points signalés par Vigie',
    noFlags: 'Aucun point signalé.',
    generated: 'Édité le',
    none: 'Aucun instrument enregistré',
    roles: { processor: 'Sous-traitant', 'sub-processor': 'Sous-traitant ultérieur', 'joint-controller': 'Responsable conjoint', 'independent-recipient': 'Destinataire (responsable distinct)' },
    tools: { adequacy: "Décision d'adéquation (art. 45)", dpf: 'Cadre de protection des données UE-États-Unis (DPF)', scc: 'Clauses contractuelles types 2021/914', 'uk-addendum': 'Addendum britannique', bcr: "Règles d'entreprise contraignantes (BCR)", 'code-of-conduct': 'Code de conduite approuvé', certification: 'Certification approuvée', derogation: "Dérogation de l'art. 49" },
    module: 'module',
    signedOn: 'signées le',
    dpfChecked: 'certification vérifiée le',
    reason: 'justification',
  },
  en: {
    title: 'Transfer impact assessment (TIA)',
    subtitle: 'Transfer of personal data outside the EEA — EDPB Recommendations 01/2020',
    transfer: 'The transfer',
    vendor: 'Vendor',
    entity: 'Legal entity',
    role: 'Role',
    country: 'Destination country',
    recipient: 'Recipient',
    activities: 'Processing activities',
    data: 'Data categories',
    basis: 'Position under Chapter V',
    tool: 'Transfer tool',
    toolRef: 'Reference',
    steps: 'The six steps',
    questions: 'Questions',
    answer: 'Answer',
    notNeeded: 'Step not needed where an adequacy decision covers the transfer.',
    measures: 'Supplementary measures',
    technical: 'Technical',
    contractual: 'Contractual',
    organisational: 'Organisational',
    outcome: 'Conclusion',
    decision: 'Decision',
    assessedOn: 'Assessed on',
    assessor: 'By',
    reevaluateOn: 'Re-evaluation due on',
    flags: 'Points flagged by Vigie',
    noFlags: 'Nothing flagged.',
    generated: 'Issued on',
    none: 'No tool recorded',
    roles: { processor: 'Processor', 'sub-processor': 'Sub-processor', 'joint-controller': 'Joint controller', 'independent-recipient': 'Independent recipient (controller)' },
    tools: { adequacy: 'Adequacy decision (Art. 45)', dpf: 'EU-US Data Privacy Framework (DPF)', scc: 'Standard contractual clauses 2021/914', 'uk-addendum': 'UK Addendum', bcr: 'Binding corporate rules (BCR)', 'code-of-conduct': 'Approved code of conduct', certification: 'Approved certification', derogation: 'Art. 49 derogation' },
    module: 'module',
    signedOn: 'signed on',
    dpfChecked: 'certification checked on',
    reason: 'reason',
  },
} as const;

export interface TiaReportInput {
  profile: OrgProfile;
  vendor: Vendor;
  transfer: VendorTransfer;
  check: TransferCheckResult;
  warnings: VendorWarning[];
  activities: string[];
  lang: Lang;
  today: string;
}

function toolText(t: VendorTransfer, lang: Lang): string {
  const l = L[lang];
  if (!t.tool) return l.none;
  const parts: string[] = [l.tools[t.tool]];
  if (t.tool === 'scc' && t.sccModule) {
    const m = SCC_MODULES.find((x) => x.module === t.sccModule);
    parts.push(`${l.module} ${t.sccModule}${m ? ` (${m.label[lang]})` : ''}`);
  }
  if (t.tool === 'scc' && t.sccSignedOn) parts.push(`${l.signedOn} ${formatDateLong(t.sccSignedOn, lang)}`);
  if (t.tool === 'dpf' && t.dpfCheckedOn) parts.push(`${l.dpfChecked} ${formatDateLong(t.dpfCheckedOn, lang)}`);
  if (t.tool === 'derogation' && t.derogation) {
    const d = ART49_DEROGATIONS.find((x) => x.id === t.derogation);
    if (d) parts.push(`${d.article} — ${d.label[lang]}`);
    if (t.derogationReason) parts.push(`${l.reason} : ${t.derogationReason}`);
  }
  if ((t.tool === 'bcr' || t.tool === 'code-of-conduct' || t.tool === 'certification') && ART46_TOOLS.some((x) => x.id === t.tool)) {
    parts.push(ART46_TOOLS.find((x) => x.id === t.tool)!.article);
  }
  return parts.join(', ');
}

export async function buildTiaDocx(input: TiaReportInput): Promise<Buffer> {
  const { profile, vendor, transfer: t, check, warnings, activities, lang, today } = input;
  const l = L[lang];
  const tia = t.tia;
  const adequacy = check.basis === 'adequacy' || check.basis === 'eea';
  const missing = (label: string) => [text(lang === 'fr' ? `[À COMPLÉTER : ${label}]` : `[TO COMPLETE: ${label}]`, { bold: true, color: 'C00000' })];

  const steps = TIA_STEPS.flatMap((s) => {
    const answer = tia?.answers[s.id]?.trim();
    return [
      heading(`${s.step}. ${s.title[lang]}`, 3),
      ...(adequacy && !s.neededWithAdequacy ? [para(l.notNeeded, { italics: true })] : []),
      ...s.questions[lang].map((q) => bullet(q)),
      para(answer ? [text(`${l.answer}${lang === 'fr' ? ' : ' : ': '}`, { bold: true }), ...answer.split('\n').map((line, i) => new TextRun({ text: line, font: FONT, break: i > 0 ? 1 : undefined }))] : missing(l.answer), { spacingAfter: 160 }),
    ];
  });

  const outcome = tia ? tiaOutcomeLabel(tia.outcome)[lang] : '';
  const children = [
    ...letterhead(profile, lang),
    heading(l.title, 1),
    para(l.subtitle, { italics: true }),
    para(`${l.generated} ${formatDateLong(today, lang)}`),
    heading(l.transfer, 2),
    fieldsTable([
      [l.vendor, vendor.name],
      [l.entity, vendor.legalEntity || '—'],
      [l.role, l.roles[vendor.role]],
      [l.country, t.country],
      [l.recipient, t.recipient || vendor.name],
      [l.activities, activities.join('\n') || '—'],
      [l.data, vendor.dataCategories.join('\n') || '—'],
      [l.basis, check.explanation[lang]],
      [l.tool, toolText(t, lang)],
      ...(t.toolReference ? ([[l.toolRef, t.toolReference]] as Array<[string, string]>) : []),
    ]),
    heading(l.steps, 2),
    para(TIA_STEPS_NOTE[lang], { italics: true }),
    ...steps,
    heading(l.measures, 2),
    fieldsTable([
      [l.technical, t.measures.technical || '—'],
      [l.contractual, t.measures.contractual || '—'],
      [l.organisational, t.measures.organisational || '—'],
    ]),
    heading(l.outcome, 2),
    fieldsTable([
      [l.decision, outcome || (lang === 'fr' ? 'À compléter' : 'To complete')],
      [l.assessedOn, tia?.assessedOn ? formatDateLong(tia.assessedOn, lang) : '—'],
      [l.assessor, tia?.assessor || '—'],
      [l.reevaluateOn, tia?.reevaluateOn ? formatDateLong(tia.reevaluateOn, lang) : '—'],
    ]),
    heading(l.flags, 2),
    ...(warnings.filter((w) => w.severity !== 'info').length
      ? warnings.filter((w) => w.severity !== 'info').map((w) => bullet(`${w.message[lang]} (${w.article})`))
      : [para(l.noFlags)]),
  ];
  return toBuffer(document({ title: `${l.title} — ${vendor.name} (${t.country})`, lang, sections: [{ children }] }));
}
