/**
 * The CNIL notification draft (French, in the order and with the fields of the CNIL's online form,
 * from resources/reference/cnil-breach-form.json) and, for a processor's breach, the notice to the
 * client controller (Art. 33(2)). Every required field still empty is listed in `missing` and shown as
 * « [À COMPLÉTER : …] » so nothing goes unseen. Pure: no db, no node.
 */
import type { OrgProfile } from '../org-profile';
import { cnilGravity } from '../severity';
import { countryName, formatDateLong, formatInstant, utcOffset } from '../typography';
import { CNIL_FORM, cnilCause, vocabLabel, type Breach, type BreachComputed } from './breach';
import { dateTimeFormat, numberFormat } from '../intl-cache';

export type Lang = 'fr' | 'en';

export interface DraftField {
  id: string;
  label: string;
  /** null when empty. */
  value: string | null;
  required: boolean;
  missing: boolean;
}
export interface DraftSection {
  id: string;
  number: number;
  title: string;
  fields: DraftField[];
}
export interface MissingField {
  section: string;
  sectionNumber: number;
  field: string;
  label: string;
}
export interface BreachDraft {
  kind: 'cnil' | 'controller-notice';
  title: string;
  formatVersion: number;
  sections: DraftSection[];
  missing: MissingField[];
  text: string;
}

export function missingMarker(label: string, lang: Lang): string {
  return lang === 'fr' ? `[À COMPLÉTER : ${label}]` : `[TO COMPLETE: ${label}]`;
}

/** "lundi 30 mars 2026 à 11 h 00 (UTC+2, Europe/Paris)": weekday, local day and time, offset and zone. */
export function formatInstantLong(iso: string, tz: string, lang: Lang): string {
  const d = new Date(iso);
  // Weekday + « 1er décembre 2026 à 16 h 20 » (UTC+1, Europe/Paris): the CNIL form wants the local time and its offset.
  const weekday = dateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: tz, weekday: 'long' }).format(d);
  return `${weekday} ${formatInstant(iso, lang, tz)} (${utcOffset(iso, tz)}, ${tz})`;
}

const list = (kind: Parameters<typeof vocabLabel>[0], values: readonly string[], lang: Lang) => (values.length ? values.map((v) => vocabLabel(kind, v, lang)).join(' ; ') : null);
const str = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
const num = (n: number | null, lang: Lang) => (n === null ? null : numberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(n));

/** The value of each `source` named in the form data file; unknown sources throw (caught by a test). */
export function sourceValue(source: string, b: Breach, p: OrgProfile, c: BreachComputed, lang: Lang): { value: string | null; required?: boolean } {
  const fr = lang === 'fr';
  const when = (iso: string | null) => (iso ? formatInstantLong(iso, b.timeZone, lang) : null);
  const sorted = [...b.notifications].sort((x, y) => x.sentAt.localeCompare(y.sentAt));
  const initial = sorted[0];
  switch (source) {
    case 'notification.type':
      return { value: initial ? (fr ? 'Notification complémentaire' : 'Follow-up notification') : fr ? 'Notification initiale' : 'Initial notification' };
    case 'notification.initialReference':
      return { value: initial ? str(initial.authorityReference) : fr ? 'Sans objet (notification initiale)' : 'Not applicable (initial notification)', required: Boolean(initial) };
    case 'org.siren':
      return { value: str(p.siren) };
    case 'org.name':
      return { value: str([p.controller_name, p.legal_form].filter(Boolean).join(', ')) };
    case 'org.sector':
      return { value: str(p.sector) };
    case 'org.headcount':
      return { value: p.headcount === null ? null : num(p.headcount, lang) };
    case 'org.address':
      return { value: p.address && p.city ? `${p.address}, ${[p.postcode, p.city].filter(Boolean).join(' ')}` : null };
    case 'org.country':
      return { value: str(p.country) ? countryName(p.country, lang) : null };
    case 'org.legalRepName':
      return { value: str(p.legal_rep_name) };
    case 'org.legalRepTitle':
      return { value: str(p.legal_rep_title) };
    case 'org.email':
      return { value: str(p.email) };
    case 'org.dpoName':
      return { value: str(p.dpo_name) };
    case 'org.dpoRole':
      return { value: p.dpo_name ? (fr ? `Délégué(e) à la protection des données${p.dpo_company ? ` (${p.dpo_company})` : ''}` : `Data protection officer${p.dpo_company ? ` (${p.dpo_company})` : ''}`) : null };
    case 'org.dpoEmail':
      return { value: str(p.dpo_email) };
    case 'org.dpoPhone':
      return { value: str(p.dpo_phone) };
    case 'breach.vendors':
      return {
        value: b.vendors.length
          ? b.vendors.map((v) => `${v.name}${v.role ? ` (${v.role})` : ''}${v.informedUsAt ? (fr ? ` — nous a informés le ${when(v.informedUsAt)}` : ` — told us on ${when(v.informedUsAt)}`) : ''}`).join('\n')
          : fr
            ? 'Aucun'
            : 'None',
      };
    case 'breach.period': {
      if (b.occurred.unknown) return { value: fr ? 'Période non déterminée (dates inconnues)' : 'Period not determined (dates unknown)' };
      if (!b.occurred.from) return { value: null };
      const end = b.occurred.to ? when(b.occurred.to) : b.occurred.ongoing ? (fr ? 'toujours en cours' : 'still ongoing') : null;
      if (!end) return { value: null };
      return { value: fr ? `Du ${when(b.occurred.from)} au ${end}` : `From ${when(b.occurred.from)} to ${end}` };
    }
    case 'breach.ongoing':
      return { value: b.occurred.ongoing ? (fr ? 'Oui' : 'Yes') : fr ? 'Non' : 'No' };
    case 'breach.discoveredAt':
      return { value: when(b.discoveredAt) };
    case 'breach.awareAt':
      return { value: when(b.awareAt) };
    case 'breach.discoveryCircumstances':
      return { value: str(b.discoveryCircumstances) };
    case 'breach.delayReasons': {
      const late = c.notifiedLate || c.overdue;
      return { value: str(initial?.delayReasons) ?? (late ? null : fr ? 'Sans objet (dans le délai)' : 'Not applicable (on time)'), required: late };
    }
    case 'breach.nature':
      return { value: list('nature', b.nature, lang) };
    case 'breach.origin':
      return { value: b.cause.origin ? `${vocabLabel('origin', b.cause.origin, lang)}${b.cause.detail ? ` — ${b.cause.detail}` : ''}` : null };
    case 'breach.cause': {
      const cause = cnilCause(b);
      return { value: cause ? vocabLabel('cause', cause, lang) : null };
    }
    case 'breach.description':
      return { value: str(b.description) };
    case 'breach.affectedSystems':
      return { value: b.affectedSystems.length ? b.affectedSystems.join(' ; ') : null };
    case 'breach.dataCategories': {
      const v = list('dataCategories', b.dataCategories, lang);
      return { value: v ? `${v}${b.otherData ? ` ; ${b.otherData}` : ''}` : str(b.otherData) };
    }
    case 'breach.sensitiveData':
      return { value: b.sensitiveData.length ? list('sensitiveData', b.sensitiveData, lang) : b.noSensitiveData ? (fr ? 'Aucune donnée sensible' : 'No special categories') : null };
    case 'breach.recordsCount':
      return { value: num(b.recordsCount, lang) };
    case 'breach.personCategories':
      return { value: list('personCategories', b.personCategories, lang) };
    case 'breach.peopleCount':
      return { value: num(b.peopleCount, lang) };
    case 'breach.priorMeasures':
      return { value: str(b.priorMeasures) };
    case 'breach.consequences':
      return { value: str(b.consequences) };
    case 'breach.harms':
      return { value: list('harms', b.harms, lang) };
    case 'breach.gravity':
      return { value: b.severity?.level ? `${cnilGravity(b.severity.level)[lang]} (ENISA : SE = ${String(b.severity.score).replace('.', fr ? ',' : '.')})` : null };
    case 'breach.severityJustification':
      return { value: str(b.severity?.justification) };
    case 'breach.measuresTaken':
      return { value: str(b.measuresTaken) };
    case 'breach.measuresPlanned':
      return { value: str(b.measuresPlanned) };
    case 'breach.peopleInformed': {
      const p2 = b.decisions.people;
      const id = p2.communicatedAt ? 'informed' : p2.decision === 'communicate' ? 'will-be' : p2.decision === 'not-communicate' ? 'will-not-be' : 'not-determined';
      return { value: vocabLabel('peopleInformed', id, lang) };
    }
    case 'breach.communicationDetails': {
      const p2 = b.decisions.people;
      const parts = [p2.communicatedAt ? when(p2.communicatedAt) : null, str(p2.means), p2.exemption ? (fr ? `Exemption : art. 34, § 3, ${p2.exemption.replace('34-3-', '')})` : `Exemption: Art. 34(3)(${p2.exemption.replace('34-3-', '')})`) : null, str(p2.reason)].filter(Boolean);
      return { value: parts.length ? parts.join(' — ') : null };
    }
    case 'breach.otherMemberStates':
      return { value: b.otherMemberStates === 'unknown' ? null : b.otherMemberStates === 'yes' ? (fr ? 'Oui' : 'Yes') : fr ? 'Non' : 'No' };
    case 'breach.otherAuthorities':
      return { value: str(b.otherAuthorities) };
    default:
      throw new Error(`Unknown CNIL form source ${source} (resources/reference/cnil-breach-form.json)`);
  }
}

function render(title: string, intro: string[], sections: DraftSection[], lang: Lang): string {
  const lines = [title, '', ...intro, ''];
  for (const s of sections) {
    lines.push(`${s.number}. ${s.title}`);
    for (const f of s.fields) lines.push(`   ${f.label} : ${f.value ?? (f.required ? missingMarker(f.label, lang) : lang === 'fr' ? 'Non renseigné' : 'Not provided')}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd() + '\n';
}

/** The CNIL notification draft (French by default), following the form data file. */
export function buildCnilDraft(b: Breach & { reference: string }, p: OrgProfile, c: BreachComputed, lang: Lang = 'fr'): BreachDraft {
  const sections: DraftSection[] = CNIL_FORM.sections.map((s) => ({
    id: s.id,
    number: s.number,
    title: s.title[lang],
    fields: s.fields.map((f) => {
      const v = sourceValue(f.source, b, p, c, lang);
      const required = v.required ?? f.required;
      return { id: f.id, label: f.label[lang], value: v.value, required, missing: required && v.value === null };
    }),
  }));
  const missing = sections.flatMap((s) => s.fields.filter((f) => f.missing).map((f) => ({ section: s.title, sectionNumber: s.number, field: `${s.id}.${f.id}`, label: f.label })));
  const fr = lang === 'fr';
  const title = fr ? `Projet de notification de violation de données à la CNIL — ${b.reference}` : `Draft breach notification to the CNIL — ${b.reference}`;
  const intro = fr
    ? [
        `À reporter dans le téléservice de la CNIL (notifications.cnil.fr) ; ordre et champs du formulaire (version ${CNIL_FORM.formatVersion} des données de Vigie, vérifiées le ${formatDateLong(CNIL_FORM.checkedOn, 'fr')}).`,
        `Délai de notification : au plus tard le ${formatInstantLong(c.notifyBy, b.timeZone, lang)} (${c.hours} heures après la prise de connaissance, art. 33, § 1, du RGPD).`,
        missing.length ? `${missing.length} champ(s) à compléter avant l'envoi.` : 'Tous les champs requis sont renseignés.',
      ]
    : [
        `To be copied into the CNIL online service (notifications.cnil.fr); order and fields of the form (Vigie data version ${CNIL_FORM.formatVersion}, checked on ${formatDateLong(CNIL_FORM.checkedOn, 'en')}).`,
        `Notification deadline: ${formatInstantLong(c.notifyBy, b.timeZone, lang)} (${c.hours} hours after awareness, GDPR Art. 33(1)).`,
        missing.length ? `${missing.length} field(s) to complete before sending.` : 'Every required field is filled in.',
      ];
  return { kind: 'cnil', title, formatVersion: CNIL_FORM.formatVersion, sections, missing, text: render(title, intro, sections, lang) };
}

/** Processor's breach (Art. 33(2)): the notice to a client controller, with the Art. 33(3) content it needs to notify. */
export function buildControllerNotice(b: Breach & { reference: string }, p: OrgProfile, c: BreachComputed, lang: Lang = 'fr'): BreachDraft {
  const fr = lang === 'fr';
  const v = (source: string) => sourceValue(source, b, p, c, lang).value;
  const field = (id: string, label: string, value: string | null, required = true): DraftField => ({ id, label, value, required, missing: required && value === null });
  const sections: DraftSection[] = [
    {
      id: 'processor',
      number: 1,
      title: fr ? 'Le sous-traitant' : 'The processor',
      fields: [
        field('name', fr ? 'Dénomination' : 'Name', v('org.name')),
        field('contact', fr ? 'Contact (DPO)' : 'Contact (DPO)', str([p.dpo_name, p.dpo_email, p.dpo_phone].filter(Boolean).join(' — '))),
      ],
    },
    {
      id: 'facts',
      number: 2,
      title: fr ? 'La violation' : 'The breach',
      fields: [
        field('awareAt', fr ? 'Prise de connaissance par le sous-traitant' : 'Processor became aware', v('breach.awareAt')),
        field('period', fr ? 'Période de la violation' : 'Breach period', v('breach.period')),
        field('nature', fr ? 'Nature de la violation' : 'Nature of the breach', v('breach.nature')),
        field('description', fr ? 'Descriptif' : 'Description', v('breach.description')),
        field('systems', fr ? 'Systèmes concernés' : 'Affected systems', v('breach.affectedSystems'), false),
      ],
    },
    {
      id: 'data',
      number: 3,
      title: fr ? 'Données et personnes concernées' : 'Data and persons concerned',
      fields: [
        field('dataCategories', fr ? 'Catégories de données' : 'Data categories', v('breach.dataCategories')),
        field('sensitiveData', fr ? 'Données sensibles' : 'Special categories', v('breach.sensitiveData')),
        field('personCategories', fr ? 'Catégories de personnes' : 'Categories of persons', v('breach.personCategories')),
        field('peopleCount', fr ? 'Nombre approximatif de personnes' : 'Approximate number of persons', v('breach.peopleCount')),
        field('recordsCount', fr ? "Nombre approximatif d'enregistrements" : 'Approximate number of records', v('breach.recordsCount')),
      ],
    },
    {
      id: 'consequences',
      number: 4,
      title: fr ? 'Conséquences probables et mesures' : 'Likely consequences and measures',
      fields: [
        field('consequences', fr ? 'Conséquences probables' : 'Likely consequences', v('breach.consequences')),
        field('taken', fr ? 'Mesures prises' : 'Measures taken', v('breach.measuresTaken')),
        field('planned', fr ? 'Mesures envisagées' : 'Measures planned', v('breach.measuresPlanned'), false),
        field('gravity', fr ? 'Gravité estimée (ENISA)' : 'Estimated severity (ENISA)', v('breach.gravity'), false),
      ],
    },
  ];
  const missing = sections.flatMap((s) => s.fields.filter((f) => f.missing).map((f) => ({ section: s.title, sectionNumber: s.number, field: `${s.id}.${f.id}`, label: f.label })));
  const title = fr ? `Notification de violation de données au responsable de traitement — ${b.reference}` : `Personal data breach notice to the controller — ${b.reference}`;
  const intro = fr
    ? [
        "En tant que sous-traitant, nous vous informons de cette violation dans les meilleurs délais après en avoir pris connaissance (art. 33(2) du RGPD), afin que vous puissiez apprécier le risque et, le cas échéant, notifier l'autorité de contrôle dans les 72 heures et informer les personnes concernées.",
        "Des informations complémentaires vous seront transmises au fur et à mesure de l'enquête (art. 33(4)).",
      ]
    : [
        'As your processor, we are informing you of this breach without undue delay after becoming aware of it (GDPR Art. 33(2)), so that you can assess the risk and, where required, notify the supervisory authority within 72 hours and inform the persons concerned.',
        'Further information will follow as the investigation progresses (Art. 33(4)).',
      ];
  return { kind: 'controller-notice', title, formatVersion: CNIL_FORM.formatVersion, sections, missing, text: render(title, intro, sections, lang) };
}
