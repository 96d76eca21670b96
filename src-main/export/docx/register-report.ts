/**
 * The record of processing activities (Art. 30) as a Word document for management and for the
 * supervisory authority: a summary table, then one record sheet per activity following the CNIL's
 * "fiche de registre" blocks, the processor register (Art. 30(2)) apart, and what is still missing.
 */
import { PageBreak, Paragraph } from 'docx';
import type { OrgProfile } from '../../domain/org-profile';
import type { ActivityInput, Period, Retention } from '../../domain/register/activity';
import type { CompletenessIssue } from '../../domain/register/completeness';
import type { ProcessorEntry, RegisterTransferLine } from '../../domain/register/vendor-links';
import { screenDpia } from '../../domain/register/dpia';
import { registerVocabularies } from '../../domain/register/reference-lists';
import { DURATION_UNIT_LABELS, dataSubjectLabel } from '../../domain/register/vocabulary';
import { bullet, document, fieldsTable, formatDateLong, heading, para, table, text, toBuffer, type Lang } from './common';

export interface RegisterReportActivity {
  activity: ActivityInput;
  completeness: { score: number; issues: CompletenessIssue[] };
  /** Processors as linked to the vendor register (names are the vendors' current names). */
  processors: ProcessorEntry[];
  /** Transfers outside the EEA: the activity's own and those of its linked vendors. */
  transfers: RegisterTransferLine[];
  updatedAt: string;
}

const L = {
  fr: {
    title: 'Registre des activités de traitement',
    subtitle: 'Article 30 du RGPD',
    controller: 'Responsable de traitement',
    dpo: 'Délégué à la protection des données',
    generated: 'Édité le',
    summary: 'Synthèse',
    summaryText: (n: number, score: number, complete: number) => `${n} activités de traitement en vigueur ; complétude du registre : ${score} / 100 ; ${complete} fiches complètes.`,
    ctrlRegister: 'Registre du responsable de traitement (art. 30(1))',
    procRegister: 'Registre du sous-traitant (art. 30(2))',
    cols: ['Réf.', 'Traitement', 'Finalité principale', 'Base légale', 'Sensibles', 'Score'],
    procCols: ['Réf.', 'Traitement', 'Clients (responsables de traitement)', 'Transferts', 'Score'],
    yes: 'Oui',
    no: 'Non',
    none: 'Aucun',
    notSet: 'Non renseigné',
    f: {
      ref: 'Référence', owner: 'Responsable opérationnel / service', role: 'Rôle', status: 'Statut', review: 'Prochaine revue', updated: 'Dernière mise à jour',
      purposes: 'Finalités et bases légales', subjects: 'Catégories de personnes concernées', categories: 'Catégories de données et durées de conservation',
      sensitive: 'Données sensibles (art. 9 et 10)', sources: 'Sources des données', recipients: 'Destinataires', processors: 'Sous-traitants',
      transfers: 'Transferts hors UE', security: 'Mesures de sécurité', dpia: 'Analyse d’impact (AIPD)', clients: 'Responsables de traitement clients',
      joint: 'Responsable conjoint', notes: 'Observations',
    },
    missingTitle: 'Points à compléter',
    complete: 'Fiche complète.',
    interest: 'intérêt légitime',
    art9: 'condition',
    then: 'puis',
    active: 'Base active',
    archive: 'archivage intermédiaire',
    fate: 'sort final',
    dpiaResult: { required: 'AIPD obligatoire', likely: 'AIPD probablement nécessaire', 'not-indicated': 'AIPD non indiquée' } as Record<string, string>,
    dpiaDone: 'réalisée le',
    notLinked: 'à relier au registre des sous-traitants',
    vendorGone: 'fiche introuvable dans le registre des sous-traitants',
    viaVendor: (name: string) => `d’après la fiche du prestataire « ${name} »`,
  },
  en: {
    title: 'Record of processing activities',
    subtitle: 'Article 30 GDPR',
    controller: 'Controller',
    dpo: 'Data Protection Officer',
    generated: 'Issued on',
    summary: 'Summary',
    summaryText: (n: number, score: number, complete: number) => `${n} processing activities in force; register completeness: ${score} / 100; ${complete} complete records.`,
    ctrlRegister: 'Controller register (Art. 30(1))',
    procRegister: 'Processor register (Art. 30(2))',
    cols: ['Ref.', 'Activity', 'Main purpose', 'Legal basis', 'Special', 'Score'],
    procCols: ['Ref.', 'Activity', 'Clients (controllers)', 'Transfers', 'Score'],
    yes: 'Yes',
    no: 'No',
    none: 'None',
    notSet: 'Not set',
    f: {
      ref: 'Reference', owner: 'Business owner / department', role: 'Role', status: 'Status', review: 'Next review', updated: 'Last updated',
      purposes: 'Purposes and legal bases', subjects: 'Data subject categories', categories: 'Data categories and retention periods',
      sensitive: 'Special categories (Art. 9 and 10)', sources: 'Data sources', recipients: 'Recipients', processors: 'Processors',
      transfers: 'Transfers outside the EU', security: 'Security measures', dpia: 'Data protection impact assessment (DPIA)', clients: 'Client controllers',
      joint: 'Joint controller', notes: 'Notes',
    },
    missingTitle: 'Still to complete',
    complete: 'Record complete.',
    interest: 'legitimate interest',
    art9: 'condition',
    then: 'then',
    active: 'Active use',
    archive: 'intermediate archive',
    fate: 'final fate',
    dpiaResult: { required: 'DPIA required', likely: 'DPIA likely needed', 'not-indicated': 'DPIA not indicated' } as Record<string, string>,
    dpiaDone: 'carried out on',
    notLinked: 'to link to the vendor register',
    vendorGone: 'record not found in the vendor register',
    viaVendor: (name: string) => `from the vendor file of '${name}'`,
  },
};

export async function buildRegisterDocx(input: { profile: OrgProfile; activities: RegisterReportActivity[]; score: number; lang: Lang; today: string }): Promise<Buffer> {
  const { profile, lang } = input;
  const l = L[lang];
  const v = registerVocabularies();
  const label = (list: string, id: string | null | undefined) => (id ? (v[list]?.find((e) => e.id === id)?.label[lang] ?? id) : '');
  const period = (p: Period) => ('kind' in p ? p.description : `${p.value} ${p.value > 1 ? DURATION_UNIT_LABELS[p.unit].many[lang] : DURATION_UNIT_LABELS[p.unit].one[lang]}`);
  const retention = (r: Retention | null) =>
    r
      ? [`${l.active} : ${period(r.activePeriod)}${r.activeTrigger ? ` (${r.activeTrigger})` : ''}`, r.intermediatePeriod ? `${l.then} ${l.archive} : ${period(r.intermediatePeriod)}${r.intermediateLegalRef ? ` (${r.intermediateLegalRef})` : ''}` : '', `${l.fate} : ${label('finalFates', r.finalFate)}`, r.legalReference ? `[${r.legalReference}]` : '']
          .filter(Boolean)
          .join(' ; ')
      : l.notSet;
  const list = (items: string[]) => (items.length ? items.join('\n') : l.none);

  const live = input.activities.filter((a) => a.activity.status !== 'retired');
  const controllers = live.filter((a) => a.activity.role !== 'processor');
  const processors = live.filter((a) => a.activity.role === 'processor');
  const sensitive = (a: ActivityInput) => a.dataCategories.some((c) => c.special);

  const sheet = (a: RegisterReportActivity) => {
    const x = a.activity;
    const dpia = screenDpia(x.dpia);
    const fields: Array<[string, string]> = [
      [l.f.ref, x.reference],
      [l.f.role, label('roles', x.role)],
      ...(x.jointControllerName ? [[l.f.joint, x.jointControllerName] as [string, string]] : []),
      ...(x.role === 'processor' ? [[l.f.clients, list(x.clientControllers.map((c) => [c.name, c.contact, c.representative, c.dpo].filter(Boolean).join(' — ')))] as [string, string]] : []),
      [l.f.owner, [x.owner, x.department].filter(Boolean).join(' — ') || l.notSet],
      [l.f.purposes, list(x.purposes.map((p) => `${p.description || '—'} — ${label('legalBases', p.legalBasis) || l.notSet}${p.legitimateInterest ? ` (${l.interest} : ${p.legitimateInterest})` : ''}${p.art9Condition ? ` — ${l.art9} ${label('art9Conditions', p.art9Condition)}` : ''}`))],
      ...(x.role !== 'processor' ? [[l.f.subjects, list(x.dataSubjects.map((s) => dataSubjectLabel(s, lang)))] as [string, string]] : []),
      [l.f.categories, list(x.dataCategories.map((c) => `${c.label}${c.family ? ` (${label('families', c.family)})` : ''} — ${retention(c.retention)}`))],
      [l.f.sensitive, list(x.dataCategories.filter((c) => c.special).map((c) => `${c.label} : ${label('specialCategories', c.special)}`))],
      ...(x.sources.length ? [[l.f.sources, list(x.sources.map((s) => `${label('sourceKinds', s.kind)} — ${s.detail}`))] as [string, string]] : []),
      [l.f.recipients, list(x.recipients.map((r) => `${r.name} (${label('recipientTypes', r.type)})`))],
      [l.f.processors, list(a.processors.map((p) => `${p.name}${p.detail ? ` — ${p.detail}` : ''}${p.kind === 'free-text' ? ` (${l.notLinked})` : p.kind === 'missing-vendor' ? ` (${l.vendorGone})` : ''}`))],
      [l.f.transfers, list(a.transfers.map((t) => `${t.recipient} — ${t.countryName[lang]} — ${t.toolLabel?.[lang] ?? l.notSet}${t.derogationLabel ? ` (${t.derogationLabel[lang]})` : ''}${t.source === 'vendor' ? ` — ${l.viaVendor(t.vendorName ?? '')}` : ''}`))],
      [l.f.security, list([...x.securityMeasures.catalogue.map((m) => label('securityMeasures', m)), ...(x.securityMeasures.other ? [x.securityMeasures.other] : [])])],
      [l.f.dpia, `${l.dpiaResult[dpia.result]}${x.dpia.done ? ` — ${l.dpiaDone} ${x.dpia.doneOn ? formatDateLong(x.dpia.doneOn, lang) : '?'}` : ''}${x.dpia.note ? `\n${x.dpia.note}` : ''}`],
      [l.f.status, label('statuses', x.status)],
      [l.f.review, x.reviewDate ? formatDateLong(x.reviewDate, lang) : l.notSet],
      [l.f.updated, formatDateLong(a.updatedAt, lang)],
      ...(x.notes ? [[l.f.notes, x.notes] as [string, string]] : []),
    ];
    return [
      heading(`${x.reference} — ${x.name}`, 2),
      fieldsTable(fields),
      para(l.missingTitle, { bold: true, spacingAfter: 60 }),
      ...(a.completeness.issues.length ? a.completeness.issues.map((i) => bullet(`${i.article} — ${i.message[lang]}`)) : [para(l.complete, { italics: true })]),
    ];
  };

  const doc = document({
    title: l.title,
    lang,
    sections: [
      {
        children: [
          para([text(l.title, { bold: true, size: 44, color: '3B4CCA' })], { spacingAfter: 80 }),
          para(l.subtitle, { italics: true, spacingAfter: 360 }),
          fieldsTable([
            [l.controller, [profile.controller_name, profile.address, [profile.postcode, profile.city].filter(Boolean).join(' ')].filter(Boolean).join('\n') || l.notSet],
            [l.dpo, [profile.dpo_name, profile.dpo_company, profile.dpo_email, profile.dpo_phone].filter(Boolean).join('\n') || l.notSet],
            [l.generated, formatDateLong(input.today, lang)],
          ]),
          para(''),
          heading(l.summary, 1),
          para(l.summaryText(live.length, input.score, live.filter((a) => a.completeness.issues.length === 0).length)),
          heading(l.ctrlRegister, 2),
          table(l.cols, controllers.map((a) => [a.activity.reference, a.activity.name, a.activity.purposes[0]?.description ?? '', [...new Set(a.activity.purposes.map((p) => label('legalBases', p.legalBasis)))].filter(Boolean).join('\n'), sensitive(a.activity) ? l.yes : l.no, `${a.completeness.score}`]), [10, 24, 30, 20, 9, 7]),
          ...(processors.length
            ? [heading(l.procRegister, 2), table(l.procCols, processors.map((a) => [a.activity.reference, a.activity.name, a.activity.clientControllers.map((c) => c.name).join('\n'), [...new Set(a.transfers.map((t) => t.countryName[lang]))].join('\n') || l.none, `${a.completeness.score}`]), [10, 28, 32, 22, 8])]
            : []),
        ],
      },
      { children: [heading(l.ctrlRegister, 1), ...controllers.flatMap((a, i) => [...(i > 0 ? [new Paragraph({ children: [new PageBreak()] })] : []), ...sheet(a)])] },
      ...(processors.length ? [{ children: [heading(l.procRegister, 1), ...processors.flatMap((a, i) => [...(i > 0 ? [new Paragraph({ children: [new PageBreak()] })] : []), ...sheet(a)])] }] : []),
    ],
  });
  return toBuffer(doc);
}
