/**
 * Breach documents: the CNIL notification draft / controller notice (missing fields in bold red),
 * the letter to the persons concerned (Art. 34(2)) and the breach register (Art. 33(5)).
 */
import { Paragraph, TextRun } from 'docx';
import { cnilCause, vocabLabel, type Breach, type BreachComputed } from '../../domain/breaches/breach';
import { formatInstantLong, type BreachDraft } from '../../domain/breaches/cnil-draft';
import type { OrgProfile } from '../../domain/org-profile';
import { cnilGravity } from '../../domain/severity';
import { FONT, bodyMarker, document, formatDateLong, formatInstant, formatNumber, heading, letterhead, missing, packWithBodies, para, text, toBuffer, xHeading, xLetterhead, xPara, xTable, type Lang } from './common';
import { XmlWriter, type XBlock } from './fast-xml';
import { authorityName } from './requests-letters';

/** The draft as a Word document: one heading per form section, one line per field. */
export async function buildDraftDocx(d: BreachDraft, p: OrgProfile, lang: Lang): Promise<Buffer> {
  const fr = lang === 'fr';
  const children: Paragraph[] = [...letterhead(p, lang), heading(d.title, 1)];
  const intro = d.text.split('\n\n')[1] ?? '';
  // The count of missing fields is said once, in red, below.
  for (const line of intro.split('\n').filter((l) => l && !(d.missing.length && /champ\(s\) à compléter|field\(s\) to complete/.test(l)))) children.push(para(line, { italics: true }));
  if (d.missing.length) {
    children.push(para([new TextRun({ text: fr ? `${d.missing.length} champ(s) à compléter : ` : `${d.missing.length} field(s) to complete: `, font: FONT, bold: true, color: 'C00000' }), new TextRun({ text: d.missing.map((m) => m.label).join(' ; '), font: FONT, color: 'C00000' })]));
  }
  for (const s of d.sections) {
    children.push(heading(`${s.number}. ${s.title}`, 2));
    for (const f of s.fields) {
      const value = f.value === null ? (f.required ? missing(f.label, lang) : text(fr ? 'Non renseigné' : 'Not provided', { italics: true, color: '808080' })) : undefined;
      const runs: TextRun[] = [text(`${f.label}${fr ? ' : ' : ': '}`, { bold: true })];
      if (value) runs.push(value);
      else (f.value ?? '').split('\n').forEach((line, i) => runs.push(new TextRun({ text: line, font: FONT, break: i > 0 ? 1 : undefined })));
      children.push(new Paragraph({ children: runs, spacing: { after: 80 } }));
    }
  }
  // A draft with required fields still empty says « PROJET » on every page.
  return toBuffer(document({ title: d.title, lang, draft: d.missing.length > 0, sections: [{ children }] }));
}

/** A vocabulary label without its generic examples: « État civil (nom, sexe, date de naissance…) » → « État civil ». */
function bareLabel(label: string): string {
  return label.replace(/\s*\([^)]*…\)\s*$/u, '').replace(/\s*\([^)]*\.\.\.\)\s*$/u, '').trim();
}

/**
 * The data concerned by this breach, in its own terms: the categories recorded for it (without the form's
 * generic examples) and the free-text detail, so a breach of names and e-mails never reads « date de naissance ».
 */
export function breachDataText(b: Breach, lang: Lang): string {
  const labels = [...b.dataCategories.map((d) => vocabLabel('dataCategories', d, lang)), ...b.sensitiveData.map((d) => vocabLabel('sensitiveData', d, lang))].map(bareLabel);
  const list = labels.map((l, i) => (i === 0 ? l : l.charAt(0).toLowerCase() + l.slice(1))).join(lang === 'fr' ? ', ' : ', ');
  const detail = b.otherData.trim();
  if (!detail) return list;
  return list ? `${list} (${detail.replace(/\.$/, '')})` : detail;
}

interface PeopleDocOptions {
  /** The clock (tests, services): the date of the letter when no communication date is recorded. */
  now?: Date;
}

/** Shared content of the Art. 34 letter and the Art. 34(3)(c) public communication. */
function peopleContent(b: Breach & { reference: string }, p: OrgProfile, lang: Lang, audience: 'letter' | 'public', now: Date) {
  const fr = lang === 'fr';
  const L = (f: string, e: string) => (fr ? f : e);
  const gaps: string[] = [];
  const value = (v: string, label: string): TextRun => {
    if (v.trim()) return text(v.trim());
    gaps.push(label);
    return missing(label, lang);
  };
  const natures = b.nature.map((n) => vocabLabel('nature', n, lang).toLowerCase()).join(', ');
  const data = breachDataText(b, lang);
  const dated = formatDateLong(b.decisions.people.communicatedAt ?? now.toISOString(), lang, p.time_zone);
  const aware = formatInstant(b.awareAt, lang, b.timeZone || p.time_zone);
  const dpo = [p.dpo_name, p.dpo_email, p.dpo_phone].filter(Boolean).join(' — ');
  if (!p.dpo_name.trim()) gaps.push(L('nom du délégué à la protection des données (profil)', 'name of the Data Protection Officer (profile)'));
  if (!p.controller_name.trim()) gaps.push(L('nom de l’organisme (profil)', 'name of the organisation (profile)'));
  const you = audience === 'letter';
  const body: Paragraph[] = [
    para(
      you
        ? L(`Nous vous informons qu’un incident de sécurité a touché des données personnelles vous concernant. Nous en avons eu connaissance le ${aware}.`, `We are writing to let you know that a security incident has affected personal data about you. We became aware of it on ${aware}.`)
        : L(
            `${p.controller_name || 'Notre organisme'} informe les personnes concernées qu’un incident de sécurité a touché des données personnelles les concernant. Nous en avons eu connaissance le ${aware}. Informer individuellement chaque personne exigerait des efforts disproportionnés : cette communication publique la remplace, conformément à l’article 34, paragraphe 3, c), du RGPD.`,
            `${p.controller_name || 'Our organisation'} informs the persons concerned that a security incident has affected personal data about them. We became aware of it on ${aware}. Informing each person individually would involve disproportionate effort: this public communication replaces it, in accordance with Article 34(3)(c) GDPR.`,
          ),
      { align: 'justify' },
    ),
    heading(L('Ce qui s’est passé', 'What happened'), 2),
    para([value(b.description, L('description de la violation en termes simples', 'plain description of the breach'))], { align: 'justify' }),
    ...(natures ? [para(L(`Nature de la violation : ${natures}.`, `Nature of the breach: ${natures}.`))] : []),
    para([text(L('Données concernées : ', 'Data concerned: '), { bold: true }), value(data ? `${data}.` : '', L('catégories de données concernées', 'categories of data concerned'))]),
    ...(b.peopleCount && audience === 'public' ? [para(L(`Nombre approximatif de personnes concernées : ${formatNumber(b.peopleCount, 'fr')}.`, `Approximate number of persons concerned: ${formatNumber(b.peopleCount, 'en')}.`))] : []),
    heading(you ? L('Les conséquences possibles pour vous', 'What this may mean for you') : L('Les conséquences possibles', 'Likely consequences'), 2),
    para([value(b.consequences, L('conséquences probables', 'likely consequences'))], { align: 'justify' }),
    heading(L('Ce que nous avons fait', 'What we have done'), 2),
    para([value(b.measuresTaken, L('mesures prises', 'measures taken'))], { align: 'justify' }),
    ...(b.measuresPlanned.trim() ? [para(b.measuresPlanned.trim(), { align: 'justify' })] : []),
    heading(you ? L('Ce que vous pouvez faire', 'What you can do') : L('Ce que les personnes concernées peuvent faire', 'What the persons concerned can do'), 2),
    para([value(b.adviceToPeople, L('conseils aux personnes (mots de passe, vigilance…)', 'advice to the persons (passwords, vigilance…)'))], { align: 'justify' }),
    heading(L('Pour toute question', 'Questions'), 2),
    para(
      [
        text(L('Notre délégué à la protection des données répond à vos questions : ', 'Our Data Protection Officer will answer your questions: ')),
        value(dpo, L('coordonnées du délégué à la protection des données', 'Data Protection Officer contact details')),
        text(L(`. Vous pouvez également introduire une réclamation auprès de ${authorityName(p.jurisdiction, lang)}.`, `. You may also lodge a complaint with ${authorityName(p.jurisdiction, lang)}.`)),
      ],
      { align: 'justify' },
    ),
  ];
  const rep = p.legal_rep_name.trim() ? `${p.legal_rep_name.trim()}${p.legal_rep_title.trim() ? `, ${p.legal_rep_title.trim()}` : ''}` : p.legal_rep_title.trim();
  const signature: Paragraph[] = [
    para(L(`Pour ${p.controller_name || 'l’organisme'}`, `For ${p.controller_name || 'the organisation'}`), { spacingAfter: 0 }),
    ...(rep ? [para(rep, { bold: true, spacingAfter: 120 })] : []),
    para(p.dpo_name ? p.dpo_name : '', { bold: true, spacingAfter: 0 }),
    para(L('Délégué à la protection des données', 'Data Protection Officer'), { spacingAfter: 0 }),
  ];
  return { body, signature, gaps, dated };
}

/**
 * Letter to the persons concerned (Art. 34(2)), in clear and plain language: the breach's own data, its
 * consequences, measures and advice, the DPO's contact; dated the day of the communication (recorded, else
 * today) in the workspace's zone; signed for the controller by its representative and by the named DPO.
 * Missing content makes it a draft marked « PROJET » on every page, with the list returned.
 */
export async function buildPeopleLetterDocx(b: Breach & { reference: string }, p: OrgProfile, lang: Lang, opts: PeopleDocOptions = {}): Promise<{ buffer: Buffer; missing: string[] }> {
  const fr = lang === 'fr';
  const c = peopleContent(b, p, lang, 'letter', opts.now ?? new Date());
  const title = fr ? `Information sur une violation de vos données personnelles — ${b.reference}` : `Information about a breach of your personal data — ${b.reference}`;
  const children: Paragraph[] = [
    ...letterhead(p, lang),
    para(`${p.city ? `${p.city}, ` : ''}${fr ? 'le ' : ''}${c.dated}`, { align: 'right' }),
    heading(title, 1),
    para(fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,'),
    ...c.body,
    para(fr ? 'Nous vous prions de nous excuser pour cet incident et vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.' : 'We apologise for this incident. Yours faithfully,', { spacingAfter: 360 }),
    ...c.signature,
  ];
  const buffer = await toBuffer(document({ title, lang, draft: c.gaps.length > 0, sections: [{ children }] }));
  return { buffer, missing: c.gaps };
}

/** Art. 34(3)(c): the public communication that replaces individual letters when these would need disproportionate effort. */
export async function buildPublicNoticeDocx(b: Breach & { reference: string }, p: OrgProfile, lang: Lang, opts: PeopleDocOptions = {}): Promise<{ buffer: Buffer; missing: string[] }> {
  const fr = lang === 'fr';
  const c = peopleContent(b, p, lang, 'public', opts.now ?? new Date());
  const title = fr ? `Communication publique : violation de données personnelles — ${b.reference}` : `Public communication: personal data breach — ${b.reference}`;
  const children: Paragraph[] = [
    ...letterhead(p, lang),
    para(`${p.city ? `${p.city}, ` : ''}${fr ? 'le ' : ''}${c.dated}`, { align: 'right' }),
    heading(title, 1),
    ...c.body,
    para(fr ? 'Nous présentons nos excuses aux personnes concernées pour cet incident.' : 'We apologise to the persons concerned for this incident.', { spacingAfter: 360 }),
    ...c.signature,
  ];
  const buffer = await toBuffer(document({ title, lang, draft: c.gaps.length > 0, sections: [{ children }] }));
  return { buffer, missing: c.gaps };
}

const PEOPLE_LABEL = {
  pending: { fr: 'Décision en attente', en: 'Decision pending' },
  communicate: { fr: 'Personnes informées ou à informer', en: 'Persons informed or to be informed' },
  'not-communicate': { fr: 'Personnes non informées', en: 'Persons not informed' },
} as const;
const PHASE_LABEL = { initial: { fr: 'Notification initiale', en: 'Initial notification' }, complementary: { fr: 'Notification complémentaire', en: 'Complementary notification' } } as const;
const STATUS_LABEL = { open: { fr: 'En cours', en: 'Open' }, contained: { fr: 'Maîtrisée', en: 'Contained' }, closed: { fr: 'Clôturée', en: 'Closed' } } as const;

/** The breach register (Art. 33(5)): one sheet per breach, notified or not. */
export async function buildBreachRegisterDocx(items: Array<{ breach: Breach & { reference: string }; computed: BreachComputed }>, p: OrgProfile, lang: Lang, today: string): Promise<Buffer> {
  const fr = lang === 'fr';
  const title = fr ? 'Registre des violations de données personnelles' : 'Register of personal data breaches';
  const when = (iso: string | null, tz = p.time_zone) => (iso ? formatInstantLong(iso, tz, lang) : '—');
  const decision = (b: Breach) => {
    const a = b.decisions.authority;
    if (a.decision === 'notify') return fr ? 'Notifiée à la CNIL' : 'Notified to the CNIL';
    if (a.decision === 'not-notify') return `${fr ? 'Non notifiée' : 'Not notified'} — ${a.reason}`;
    return fr ? 'Décision en attente' : 'Decision pending';
  };
  // Written by fast-xml.ts, typeset as it is written (thousands of breaches: see packWithBodies).
  const w = new XmlWriter(lang);
  const children: XBlock[] = [
    ...xLetterhead(w, p, lang),
    xHeading(w, title, 1),
    xPara(w, fr ? `Article 33, paragraphe 5, du RGPD : toute violation est documentée (faits, effets, mesures prises), qu'elle ait été notifiée ou non. Édité le ${formatDateLong(today, lang)} — ${items.length} violation(s).` : `GDPR Article 33(5): every breach is documented (facts, effects, remedial action), notified or not. Produced on ${formatDateLong(today, lang)} — ${items.length} breach(es).`, { italics: true }),
  ];
  const overview = xTable(
    w,
    fr ? ['Référence', 'Intitulé', 'Prise de connaissance', 'Gravité', 'Notification', 'Statut'] : ['Reference', 'Title', 'Aware at', 'Severity', 'Notification', 'Status'],
    items.map(({ breach: b }) => [
      b.reference,
      b.title,
      formatInstant(b.awareAt, lang, b.timeZone),
      b.severity?.level ? cnilGravity(b.severity.level)[lang] : '—',
      decision(b),
      STATUS_LABEL[b.status][lang],
    ]),
    [14, 24, 16, 14, 21, 11],
  );
  // Each breach starts a page (its heading breaks the page: one section, one footer, where a section per breach
  // made the library write 2,000 identical footers and their relationships).
  const body: XBlock[] = [...children, overview];
  for (const { breach: b, computed: c } of items) {
    const whenB = (iso: string | null) => when(iso, b.timeZone);
    const rows: Array<[string, string]> = [
      [fr ? 'Prise de connaissance' : 'Aware at', whenB(b.awareAt)],
      c.clock === 'controller'
        ? [fr ? 'Information du responsable de traitement (art. 33, § 2)' : 'Controller to be informed (Art. 33(2))', c.hours > 0 ? `${whenB(c.notifyBy)} (${fr ? `${c.hours} h, délai du contrat` : `${c.hours} h, contract period`})` : fr ? 'dans les meilleurs délais (délai contractuel non renseigné)' : 'without undue delay (no contractual period recorded)']
        : [fr ? 'Délai de notification' : 'Notify by', `${whenB(c.notifyBy)} (${c.hours} h)`],
      [fr ? 'Nature' : 'Nature', b.nature.map((n) => vocabLabel('nature', n, lang)).join(', ') || '—'],
      [fr ? 'Cause' : 'Cause', [cnilCause(b) ? vocabLabel('cause', cnilCause(b) as string, lang) : '', b.cause.origin ? vocabLabel('origin', b.cause.origin, lang) : ''].filter(Boolean).join(' — ') || '—'],
      [fr ? 'Faits' : 'Facts', b.description || '—'],
      [fr ? 'Données' : 'Data', [...b.dataCategories.map((d) => vocabLabel('dataCategories', d, lang)), ...b.sensitiveData.map((d) => vocabLabel('sensitiveData', d, lang))].join(' ; ') || '—'],
      [fr ? 'Personnes (nombre approximatif)' : 'Persons (approx.)', `${b.personCategories.map((x) => vocabLabel('personCategories', x, lang)).join(' ; ') || '—'} — ${b.peopleCount === null ? (fr ? 'nombre inconnu' : 'number unknown') : formatNumber(b.peopleCount, lang)}`],
      [fr ? 'Effets (conséquences)' : 'Effects (consequences)', b.consequences || '—'],
      [fr ? 'Mesures prises / envisagées' : 'Measures taken / planned', [b.measuresTaken, b.measuresPlanned].filter(Boolean).join('\n') || '—'],
      [fr ? 'Gravité (ENISA)' : 'Severity (ENISA)', b.severity ? `SE = ${fr ? String(b.severity.score).replace('.', ',') : b.severity.score} (${b.severity.level ? cnilGravity(b.severity.level)[lang] : ''}) — ${b.severity.justification}` : '—'],
      [fr ? 'Décision CNIL' : 'Authority decision', `${decision(b)}${b.decisions.authority.decidedBy ? ` (${b.decisions.authority.decidedBy}, ${whenB(b.decisions.authority.decidedAt ?? null)})` : ''}`],
      [fr ? 'Notifications' : 'Notifications', b.notifications.map((n) => `${PHASE_LABEL[n.phase][lang]} — ${whenB(n.sentAt)}${n.authorityReference ? ` — n° ${n.authorityReference}` : ''}${n.delayReasons ? `\n${fr ? 'Motifs du retard' : 'Reasons for delay'} : ${n.delayReasons}` : ''}`).join('\n') || '—'],
      [fr ? 'Information des personnes' : 'Persons informed', `${PEOPLE_LABEL[b.decisions.people.decision][lang]}${b.decisions.people.exemption ? ` — art. ${b.decisions.people.exemption}` : ''}${b.decisions.people.reason ? ` — ${b.decisions.people.reason}` : ''}`],
      ...(c.processor ? ([[fr ? 'Responsables informés (art. 33, § 2)' : 'Controllers informed (Art. 33(2))', b.controllersInformed.map((x) => `${x.name} — ${whenB(x.informedAt)} — ${x.means}`).join('\n') || '—']] as Array<[string, string]>) : []),
      [fr ? 'Enseignements' : 'Lessons learned', b.lessonsLearned || '—'],
    ];
    body.push(
      xHeading(w, `${b.reference} — ${b.title}`, 2, { pageBreakBefore: true }),
      ...rows.map(([k, v]) => w.paragraph({ children: [w.run({ text: `${k}${fr ? ' : ' : ': '}`, font: FONT, bold: true }), ...v.split('\n').map((line, i) => w.run({ text: line, font: FONT, break: i > 0 ? 1 : undefined }))], spacing: { after: 60 } })),
    );
  }
  return packWithBodies(document({ title, lang, sections: [{ children: [bodyMarker(0)] }] }), [body]);
}
