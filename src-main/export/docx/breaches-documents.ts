/**
 * Breach documents: the CNIL notification draft / controller notice (missing fields in bold red),
 * the letter to the persons concerned (Art. 34(2)) and the breach register (Art. 33(5)).
 */
import { Paragraph, TextRun } from 'docx';
import { cnilCause, vocabLabel, type Breach, type BreachComputed } from '../../domain/breaches/breach';
import { formatInstantLong, type BreachDraft } from '../../domain/breaches/cnil-draft';
import type { OrgProfile } from '../../domain/org-profile';
import { cnilGravity } from '../../domain/severity';
import { FONT, document, formatDateLong, heading, letterhead, missing, para, table, text, toBuffer, type Lang } from './common';

/** The draft as a Word document: one heading per form section, one line per field. */
export async function buildDraftDocx(d: BreachDraft, p: OrgProfile, lang: Lang): Promise<Buffer> {
  const fr = lang === 'fr';
  const children: Paragraph[] = [...letterhead(p, lang), heading(d.title, 1)];
  const intro = d.text.split('\n\n')[1] ?? '';
  for (const line of intro.split('\n').filter(Boolean)) children.push(para(line, { italics: true }));
  if (d.missing.length) {
    children.push(para([new TextRun({ text: fr ? `${d.missing.length} champ(s) à compléter : ` : `${d.missing.length} field(s) to complete: `, font: FONT, bold: true, color: 'C00000' }), new TextRun({ text: d.missing.map((m) => m.label).join(' ; '), font: FONT, color: 'C00000' })]));
  }
  for (const s of d.sections) {
    children.push(heading(`${s.number}. ${s.title}`, 2));
    for (const f of s.fields) {
      const value = f.value === null ? (f.required ? missing(f.label, lang) : text(fr ? 'Non renseigné' : 'Not provided', { italics: true, color: '808080' })) : undefined;
      const runs: TextRun[] = [text(`${f.label} : `, { bold: true })];
      if (value) runs.push(value);
      else (f.value ?? '').split('\n').forEach((line, i) => runs.push(new TextRun({ text: line, font: FONT, break: i > 0 ? 1 : undefined })));
      children.push(new Paragraph({ children: runs, spacing: { after: 80 } }));
    }
  }
  return toBuffer(document({ title: d.title, lang, sections: [{ children }] }));
}

/** Letter to the persons concerned, in clear and plain language, with the Art. 34(2) content. */
export async function buildPeopleLetterDocx(b: Breach & { reference: string }, p: OrgProfile, lang: Lang): Promise<{ buffer: Buffer; missing: string[] }> {
  const fr = lang === 'fr';
  const gaps: string[] = [];
  const value = (v: string, label: string): TextRun => {
    if (v.trim()) return text(v.trim());
    gaps.push(label);
    return missing(label, lang);
  };
  const natures = b.nature.map((n) => vocabLabel('nature', n, lang).toLowerCase()).join(fr ? ', ' : ', ');
  const data = [...b.dataCategories.map((d) => vocabLabel('dataCategories', d, lang)), ...b.sensitiveData.map((d) => vocabLabel('sensitiveData', d, lang))].join(' ; ');
  const today = new Date().toISOString().slice(0, 10);
  const title = fr ? `Information sur une violation de vos données personnelles — ${b.reference}` : `Information about a breach of your personal data — ${b.reference}`;
  const dpo = [p.dpo_name, p.dpo_email, p.dpo_phone].filter(Boolean).join(' — ');
  const children: Paragraph[] = [
    ...letterhead(p, lang),
    para(`${p.city ? `${p.city}, ` : ''}${fr ? 'le ' : ''}${formatDateLong(today, lang)}`, { align: 'right' }),
    heading(title, 1),
    para(fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,'),
    para([
      text(
        fr
          ? `Nous vous informons qu'un incident de sécurité touchant vos données personnelles s'est produit. Nous en avons pris connaissance le ${formatInstantLong(b.awareAt, b.timeZone, lang)}. `
          : `We are writing to let you know that a security incident affecting your personal data has occurred. We became aware of it on ${formatInstantLong(b.awareAt, b.timeZone, lang)}. `,
      ),
    ]),
    heading(fr ? 'Ce qui s’est passé' : 'What happened', 2),
    para([value(b.description, fr ? 'description de la violation en termes simples' : 'plain description of the breach')]),
    ...(natures ? [para(fr ? `Nature de la violation : ${natures}.` : `Nature of the breach: ${natures}.`)] : []),
    para([text(fr ? 'Données concernées : ' : 'Data concerned: ', { bold: true }), value(data, fr ? 'catégories de données concernées' : 'categories of data concerned')]),
    heading(fr ? 'Les conséquences possibles pour vous' : 'What this may mean for you', 2),
    para([value(b.consequences, fr ? 'conséquences probables' : 'likely consequences')]),
    heading(fr ? 'Ce que nous avons fait' : 'What we have done', 2),
    para([value(b.measuresTaken, fr ? 'mesures prises' : 'measures taken')]),
    ...(b.measuresPlanned.trim() ? [para(b.measuresPlanned.trim())] : []),
    heading(fr ? 'Ce que vous pouvez faire' : 'What you can do', 2),
    para([value(b.adviceToPeople, fr ? 'conseils aux personnes (mots de passe, vigilance…)' : 'advice to the persons (passwords, vigilance…)')]),
    heading(fr ? 'Pour toute question' : 'Questions', 2),
    para([
      text(fr ? 'Vous pouvez contacter notre délégué à la protection des données : ' : 'You can contact our data protection officer: '),
      value(dpo, fr ? 'coordonnées du DPO' : 'DPO contact details'),
      text(
        fr
          ? '. Vous pouvez également adresser une réclamation à la CNIL (www.cnil.fr).'
          : '. You may also lodge a complaint with the CNIL, the French data protection authority (www.cnil.fr).',
      ),
    ]),
    para(fr ? 'Nous vous prions de nous excuser pour cet incident et vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.' : 'We apologise for this incident. Yours faithfully,'),
    para(p.legal_rep_name ? `${p.legal_rep_name}${p.legal_rep_title ? `, ${p.legal_rep_title}` : ''}` : p.controller_name || ''),
  ];
  const buffer = await toBuffer(document({ title, lang, sections: [{ children }] }));
  return { buffer, missing: gaps };
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
  const children: Paragraph[] = [
    ...letterhead(p, lang),
    heading(title, 1),
    para(fr ? `Article 33(5) du RGPD : toute violation est documentée (faits, effets, mesures prises), qu'elle ait été notifiée ou non. Édité le ${formatDateLong(today, lang)} — ${items.length} violation(s).` : `GDPR Article 33(5): every breach is documented (facts, effects, remedial action), notified or not. Produced on ${formatDateLong(today, lang)} — ${items.length} breach(es).`, { italics: true }),
  ];
  const overview = table(
    fr ? ['Référence', 'Intitulé', 'Prise de connaissance', 'Gravité', 'Notification', 'Statut'] : ['Reference', 'Title', 'Aware at', 'Severity', 'Notification', 'Status'],
    items.map(({ breach: b }) => [
      b.reference,
      b.title,
      new Date(b.awareAt).toLocaleString(fr ? 'fr-FR' : 'en-GB', { timeZone: b.timeZone, dateStyle: 'short', timeStyle: 'short' }),
      b.severity?.level ? cnilGravity(b.severity.level)[lang] : '—',
      decision(b),
      STATUS_LABEL[b.status][lang],
    ]),
    [14, 24, 16, 14, 21, 11],
  );
  const sections: Array<{ children: Array<Paragraph | ReturnType<typeof table>> }> = [{ children: [...children, overview] }];
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
      [fr ? 'Personnes (nombre approximatif)' : 'Persons (approx.)', `${b.personCategories.map((x) => vocabLabel('personCategories', x, lang)).join(' ; ') || '—'} — ${b.peopleCount ?? '?'}`],
      [fr ? 'Effets (conséquences)' : 'Effects (consequences)', b.consequences || '—'],
      [fr ? 'Mesures prises / envisagées' : 'Measures taken / planned', [b.measuresTaken, b.measuresPlanned].filter(Boolean).join('\n') || '—'],
      [fr ? 'Gravité (ENISA)' : 'Severity (ENISA)', b.severity ? `SE = ${fr ? String(b.severity.score).replace('.', ',') : b.severity.score} (${b.severity.level ? cnilGravity(b.severity.level)[lang] : ''}) — ${b.severity.justification}` : '—'],
      [fr ? 'Décision CNIL' : 'Authority decision', `${decision(b)}${b.decisions.authority.decidedBy ? ` (${b.decisions.authority.decidedBy}, ${whenB(b.decisions.authority.decidedAt ?? null)})` : ''}`],
      [fr ? 'Notifications' : 'Notifications', b.notifications.map((n) => `${PHASE_LABEL[n.phase][lang]} — ${whenB(n.sentAt)}${n.authorityReference ? ` — n° ${n.authorityReference}` : ''}${n.delayReasons ? `\n${fr ? 'Motifs du retard' : 'Reasons for delay'} : ${n.delayReasons}` : ''}`).join('\n') || '—'],
      [fr ? 'Information des personnes' : 'Persons informed', `${PEOPLE_LABEL[b.decisions.people.decision][lang]}${b.decisions.people.exemption ? ` — art. ${b.decisions.people.exemption}` : ''}${b.decisions.people.reason ? ` — ${b.decisions.people.reason}` : ''}`],
      ...(c.processor ? ([[fr ? 'Responsables informés (art. 33(2))' : 'Controllers informed (Art. 33(2))', b.controllersInformed.map((x) => `${x.name} — ${whenB(x.informedAt)} — ${x.means}`).join('\n') || '—']] as Array<[string, string]>) : []),
      [fr ? 'Enseignements' : 'Lessons learned', b.lessonsLearned || '—'],
    ];
    sections.push({ children: [heading(`${b.reference} — ${b.title}`, 2), ...rows.map(([k, v]) => new Paragraph({ children: [text(`${k} : `, { bold: true }), ...v.split('\n').map((line, i) => new TextRun({ text: line, font: FONT, break: i > 0 ? 1 : undefined }))], spacing: { after: 60 } }))] });
  }
  return toBuffer(document({ title, lang, sections }));
}
