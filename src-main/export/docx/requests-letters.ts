/**
 * Letters of a rights request (DOCX, French and English), written from the case file, the organisation
 * profile and the register: acknowledgement, identity / clarification request, extension notice, response
 * (one wording per outcome), refusal, manifestly unfounded or excessive request (Art. 12(5)), person not
 * identifiable (Art. 11(2)), notice to recipients (Art. 19) and end of direct marketing (Art. 21(3)).
 *
 * Three rules hold for every letter:
 * - it never contradicts the case: a letter that does not fit the recorded decision is refused
 *   (`letter_not_applicable`, saying what to record first);
 * - whenever anything is refused or not acted upon, it carries the Art. 12(4) content: the reasons, the right
 *   to complain to the supervisory authority and to seek a judicial remedy;
 * - nothing to complete reaches a person: a letter that lacks required content is refused with the list of
 *   what is missing (`letter_incomplete`), or produced on request as a draft marked « PROJET » on every page.
 * Dates come from the deadline engine; the date a letter promises is the case's due date (the one the status,
 * the dashboard and the calendar use).
 */
import { Paragraph, type TextRun } from 'docx';
import type { ActivityInput } from '../../domain/register/activity';
import { articleRef } from '../../domain/register/article-ref';
import { DURATION_UNIT_LABELS, FINAL_FATES, LEGAL_BASES, RECIPIENT_TYPES, SOURCE_KINDS, TRANSFER_TOOLS } from '../../domain/register/vocabulary';
import type { OrgProfile } from '../../domain/org-profile';
import type { DsarDeadlines } from '../../domain/dsar-deadlines';
import type { DsarCase, LetterType, Right } from '../../domain/requests/case';
import { DomainError } from '../../domain/errors';
import { compareDates } from '../../domain/calendar';
import { bullet, countryName, document, formatDateLong, formatNumber, heading, letterhead, missing, para, text, toBuffer, type Lang } from './common';

export const RIGHT_LABELS: Record<Right, { fr: string; en: string }> = {
  access: { fr: 'droit d’accès (article 15 du RGPD)', en: 'right of access (Article 15 GDPR)' },
  rectification: { fr: 'droit de rectification (article 16 du RGPD)', en: 'right to rectification (Article 16 GDPR)' },
  erasure: { fr: 'droit à l’effacement (article 17 du RGPD)', en: 'right to erasure (Article 17 GDPR)' },
  restriction: { fr: 'droit à la limitation du traitement (article 18 du RGPD)', en: 'right to restriction of processing (Article 18 GDPR)' },
  objection: { fr: 'droit d’opposition (article 21 du RGPD)', en: 'right to object (Article 21 GDPR)' },
  portability: { fr: 'droit à la portabilité (article 20 du RGPD)', en: 'right to data portability (Article 20 GDPR)' },
  'consent-withdrawal': { fr: 'retrait du consentement (article 7, paragraphe 3, du RGPD)', en: 'withdrawal of consent (Article 7(3) GDPR)' },
  'post-mortem': { fr: 'directives relatives au sort des données après le décès (article 85 de la loi Informatique et Libertés)', en: 'directives on data after death (Article 85 of the French Data Protection Act)' },
  'automated-decision': { fr: 'droit de ne pas faire l’objet d’une décision individuelle automatisée (article 22 du RGPD)', en: 'right not to be subject to automated individual decision-making (Article 22 GDPR)' },
};

export const LETTER_TITLES: Record<LetterType, { fr: string; en: string }> = {
  acknowledgement: { fr: 'Accusé de réception de votre demande', en: 'Acknowledgement of your request' },
  'identity-request': { fr: 'Demande d’informations complémentaires', en: 'Request for additional information' },
  'extension-notice': { fr: 'Prolongation du délai de réponse', en: 'Extension of the time to respond' },
  'response-cover': { fr: 'Réponse à votre demande', en: 'Response to your request' },
  refusal: { fr: 'Suite donnée à votre demande', en: 'Outcome of your request' },
  unfounded: { fr: 'Demande manifestement infondée ou excessive', en: 'Manifestly unfounded or excessive request' },
  unidentifiable: { fr: 'Impossibilité de vous identifier', en: 'We are unable to identify you' },
  'recipients-notice': { fr: 'Notification d’une rectification, d’un effacement ou d’une limitation (article 19 du RGPD)', en: 'Notice of rectification, erasure or restriction (Article 19 GDPR)' },
  'marketing-stopped': { fr: 'Fin de l’utilisation de vos données à des fins de prospection', en: 'Your data are no longer used for direct marketing' },
};

export const LETTER_FILE_NAMES: Record<LetterType, { fr: string; en: string }> = {
  acknowledgement: { fr: 'accuse-de-reception', en: 'acknowledgement' },
  'identity-request': { fr: 'demande-informations', en: 'information-request' },
  'extension-notice': { fr: 'prolongation', en: 'extension-notice' },
  'response-cover': { fr: 'reponse', en: 'response' },
  refusal: { fr: 'refus', en: 'refusal' },
  unfounded: { fr: 'demande-manifestement-infondee', en: 'manifestly-unfounded' },
  unidentifiable: { fr: 'identification-impossible', en: 'unable-to-identify' },
  'recipients-notice': { fr: 'notification-destinataires', en: 'recipients-notice' },
  'marketing-stopped': { fr: 'fin-prospection', en: 'marketing-stopped' },
};

/** What the access response says about one processing activity (Art. 15(1)(a)-(h), 15(2)), from the register. */
export interface AccessActivity {
  name: string;
  purposes: string[];
  categories: string[];
  recipients: string[];
  retention: string[];
  sources: string[];
  transfers: Array<{ recipient: string; country: string; safeguard: string | null }>;
  automatedDecision: boolean;
}

/** The register's record of an activity, in the words of the letter's language. */
export function accessActivity(a: ActivityInput, lang: Lang): AccessActivity {
  type Period = NonNullable<ActivityInput['dataCategories'][number]['retention']>['activePeriod'];
  const span = (x: Period) => ('description' in x ? x.description : `${x.value} ${DURATION_UNIT_LABELS[x.unit][x.value === 1 ? 'one' : 'many'][lang]}`);
  const period = (p: ActivityInput['dataCategories'][number]['retention']) => {
    if (!p) return null;
    const active = `${span(p.activePeriod)}${!('description' in p.activePeriod) && p.activeTrigger ? ` ${lang === 'fr' ? 'à compter de' : 'from'} ${p.activeTrigger}` : ''}`;
    const inter = p.intermediatePeriod ? span(p.intermediatePeriod) : null;
    const fate = FINAL_FATES[p.finalFate].label[lang].toLowerCase();
    return lang === 'fr'
      ? `${active}${inter ? `, puis archivage intermédiaire pendant ${inter}` : ''} ; ensuite : ${fate}`
      : `${active}${inter ? `, then kept in intermediate archives for ${inter}` : ''}; then ${fate}`;
  };
  return {
    name: a.name,
    purposes: a.purposes.filter((p) => p.description.trim()).map((p) => `${p.description.trim()}${p.legalBasis ? ` (${lang === 'fr' ? 'base légale :' : 'legal basis:'} ${LEGAL_BASES[p.legalBasis].label[lang].toLowerCase()})` : ''}`),
    categories: a.dataCategories.map((c) => c.label),
    recipients: [...a.recipients.map((r) => `${r.name} — ${RECIPIENT_TYPES[r.type].label[lang].toLowerCase()}`), ...a.processors.map((p) => `${p.name} — ${lang === 'fr' ? 'sous-traitant' : 'processor'}`)],
    retention: a.dataCategories.flatMap((c) => {
      const r = period(c.retention);
      return r ? [`${c.label}${lang === 'fr' ? ' : ' : ': '}${r}`] : [];
    }),
    sources: a.sources.map((s) => (s.detail.trim() ? s.detail.trim() : SOURCE_KINDS[s.kind].label[lang])),
    transfers: a.transfers.map((t) => ({ recipient: t.recipient, country: countryName(t.country, lang), safeguard: t.tool ? `${TRANSFER_TOOLS[t.tool].label[lang]} (${articleRef(TRANSFER_TOOLS[t.tool].article, lang)})` : null })),
    automatedDecision: a.dpia.criteria.includes('automated-decision'),
  };
}

export interface LetterInput {
  type: LetterType;
  lang: Lang;
  profile: OrgProfile;
  reference: string;
  dsar: DsarCase;
  deadlines: DsarDeadlines;
  /** The case's due date (the one status, dashboard and calendar use): the date an extension notice promises. */
  dueDate: string;
  /** Jurisdiction actually used (the supervisory authority named in refusals depends on it). */
  jurisdiction: string;
  today: string;
  /** Register activities the case concerns (the access response's Art. 15(1) information). */
  activities?: AccessActivity[];
  /** Produce the letter even if required content is missing, marked « PROJET » on every page. */
  draft?: boolean;
}

/** Supervisory authorities by jurisdiction (first two letters of the calendar code). */
const AUTHORITIES: Record<string, { fr: string; en: string }> = {
  FR: {
    fr: 'la Commission nationale de l’informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, www.cnil.fr',
    en: 'the French supervisory authority, the Commission nationale de l’informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France, www.cnil.fr',
  },
  BE: { fr: 'l’Autorité de protection des données (APD), www.autoriteprotectiondonnees.be', en: 'the Belgian Data Protection Authority (www.dataprotectionauthority.be)' },
  LU: { fr: 'la Commission nationale pour la protection des données (CNPD), www.cnpd.lu', en: 'the Luxembourg National Commission for Data Protection (CNPD), www.cnpd.lu' },
  IE: { fr: 'la Data Protection Commission (DPC) irlandaise, www.dataprotection.ie', en: 'the Data Protection Commission (www.dataprotection.ie)' },
  ES: { fr: 'l’Agencia Española de Protección de Datos (AEPD), www.aepd.es', en: 'the Spanish Data Protection Agency (AEPD), www.aepd.es' },
  IT: { fr: 'le Garante per la protezione dei dati personali, www.garanteprivacy.it', en: 'the Italian Garante per la protezione dei dati personali, www.garanteprivacy.it' },
  NL: { fr: 'l’Autoriteit Persoonsgegevens, www.autoriteitpersoonsgegevens.nl', en: 'the Dutch Autoriteit Persoonsgegevens, www.autoriteitpersoonsgegevens.nl' },
  DE: { fr: 'l’autorité de protection des données compétente (autorité du Land ou BfDI)', en: 'the competent German supervisory authority (the Land authority or the BfDI)' },
  AT: { fr: 'la Datenschutzbehörde autrichienne, www.dsb.gv.at', en: 'the Austrian Data Protection Authority (Datenschutzbehörde), www.dsb.gv.at' },
};

/** The supervisory authority of a jurisdiction, by name (CNIL for France), or a description when unknown. */
export function authorityName(jurisdiction: string, lang: Lang): string {
  const code = jurisdiction.slice(0, 2).toUpperCase();
  if (code === 'FR') return lang === 'fr' ? 'la Commission nationale de l’informatique et des libertés (CNIL), www.cnil.fr' : 'the French supervisory authority (CNIL), www.cnil.fr';
  const a = AUTHORITIES[code];
  if (a) return a[lang];
  return lang === 'fr' ? 'l’autorité de contrôle de l’État membre de votre résidence habituelle ou de votre lieu de travail' : 'the supervisory authority of the Member State of your habitual residence or place of work';
}

/** Art. 12(4), 77 and 79: where the person can complain and seek a judicial remedy. */
export function remediesText(jurisdiction: string, lang: Lang, subject?: string): string {
  const a = AUTHORITIES[jurisdiction.slice(0, 2).toUpperCase()];
  if (lang === 'fr') {
    const who = subject ? `${subject} dispose du droit` : 'Vous disposez du droit';
    const where = a ? `${a.fr}, ou auprès de l’autorité de contrôle de l’État membre de sa résidence habituelle ou de son lieu de travail` : 'l’autorité de contrôle de l’État membre de la résidence habituelle, du lieu de travail ou du lieu où la violation aurait été commise';
    return `${who} d’introduire une réclamation auprès de ${subject ? where : where.replace('de sa résidence habituelle ou de son lieu de travail', 'de votre résidence habituelle ou de votre lieu de travail')} (article 77 du RGPD), ainsi que de former un recours juridictionnel (article 79 du RGPD).`;
  }
  const who = subject ? `${subject} has the right` : 'You have the right';
  const poss = subject ? 'their' : 'your';
  const where = a ? `${a.en}, or with the supervisory authority of the Member State of ${poss} habitual residence or place of work` : `the supervisory authority of the Member State of ${poss} habitual residence, place of work or place of the alleged infringement`;
  return `${who} to lodge a complaint with ${where} (Article 77 GDPR) and to seek a judicial remedy (Article 79 GDPR).`;
}

/** Whether the representative is a lawyer (« Maître »). */
export function isLawyer(rep: { name: string; capacity?: string | undefined }): boolean {
  return /avocat|lawyer|attorney|solicitor|barrister/i.test(rep.capacity ?? '') || /^(Me|Maître)\s/u.test(rep.name.trim());
}

function fail(message: string, details?: unknown): never {
  throw new DomainError('letter_not_applicable', message, details);
}

const ARTICLE19_RIGHTS: readonly Right[] = ['rectification', 'erasure', 'restriction'];

/** A letter that would contradict the case is refused, with what to record first. */
export function checkLetterAllowed(i: Pick<LetterInput, 'type' | 'dsar' | 'deadlines' | 'today'>): void {
  const { dsar: c, today } = i;
  const result = c.outcome.result ?? null;
  switch (i.type) {
    case 'identity-request':
      if (c.identity.outcome === 'verified' || c.identity.outcome === 'not-needed') fail('The identity is recorded as verified (or not needed): asking for it again would contradict the case.');
      if (c.response.sentOn) fail('The response has already been sent: asking for identity information no longer makes sense.');
      return;
    case 'extension-notice':
      if (!c.extension.decidedOn) fail('No extension has been decided for this case: record the decision and its reasons (complexity, number of requests) before writing the notice (GDPR Art. 12(3)).');
      if (c.response.sentOn) fail('The response has already been sent: an extension notice no longer makes sense.');
      if (compareDates(today, i.deadlines.extensionNoticeBy) > 0) {
        fail(
          `Too late to extend: the extension notice had to reach the person within one month of receipt, by ${i.deadlines.extensionNoticeBy} (GDPR Art. 12(3)). A notice sent now would not extend the deadline: answer as soon as possible (one-month deadline ${i.deadlines.oneMonth}).`,
          { extensionNoticeBy: i.deadlines.extensionNoticeBy },
        );
      }
      return;
    case 'response-cover':
      if (!result) fail('A response letter needs the outcome of the request (fulfilled, partly, refused, no data held or transferred): record it in the Outcome section first.');
      if ((result === 'fulfilled' || result === 'partly') && c.outcome.reasons && /15\s*\(?4\)?|15,\s*§\s*4|15\s*§\s*4/.test(c.outcome.reasons) && !c.rights.includes('access')) {
        fail('The reasons invoke Art. 15(4) (rights of others), which limits only the copy given under the right of access; this request does not include access: correct the reasons.');
      }
      return;
    case 'refusal':
      if (result !== 'refused' && result !== 'partly') fail('A refusal letter needs the outcome “refused” (or “partly”) and its reasons: record them in the Outcome section first.');
      return;
    case 'unfounded':
      if (result !== 'refused' && !c.outcome.fee) fail('Record the decision first: outcome “refused” with the reasons why the request is manifestly unfounded or excessive, or the reasonable fee asked (GDPR Art. 12(5)).');
      return;
    case 'unidentifiable':
      if (c.identity.outcome === 'verified' || c.identity.outcome === 'not-needed') fail('The identity of this person is recorded as verified (or not needed): an Art. 11(2) letter would contradict the case.');
      if (result && result !== 'refused') fail(`The outcome recorded is “${result}”: an Art. 11(2) letter says the request cannot be acted upon.`);
      return;
    case 'recipients-notice':
      if (!c.rights.some((r) => ARTICLE19_RIGHTS.includes(r))) fail('Art. 19 notices concern a rectification, an erasure or a restriction: this request is for none of them.');
      if (result !== 'fulfilled' && result !== 'partly') fail('Record the outcome (fulfilled or partly) first: recipients are told of a rectification, erasure or restriction once it has been carried out.');
      return;
    case 'marketing-stopped':
      if (!c.rights.includes('objection') || c.objectionGround !== 'marketing') fail('This letter confirms an objection to direct marketing (Art. 21(3)): record the right “objection” with the ground “direct marketing” first.');
      if (result && result !== 'fulfilled' && result !== 'partly') fail(`The outcome recorded is “${result}”: an objection to direct marketing cannot be refused (Art. 21(3)); correct the outcome.`);
      return;
    default:
      return;
  }
}

/** Who the letter speaks to and about: the person, or their representative about their client. */
function voice(c: DsarCase, lang: Lang) {
  const rep = c.requester.representative ?? null;
  const name = c.requester.name;
  const fr = lang === 'fr';
  if (!rep) {
    return {
      rep: null,
      name,
      yourRequest: fr ? 'votre demande' : 'your request',
      youExercise: fr ? 'vous exercez' : 'you exercise',
      about: fr ? 'vous concernant' : 'about you',
      yourRight: fr ? 'votre' : 'your',
      yourRights: fr ? 'vos droits suivants' : 'the following rights',
      you: fr ? 'vous' : 'you',
      subject: undefined as string | undefined,
    };
  }
  return {
    rep,
    name,
    yourRequest: fr ? `la demande que vous nous avez adressée pour le compte de ${name}` : `the request you sent us on behalf of ${name}`,
    youExercise: fr ? `vous exercez, pour le compte de ${name}` : `you exercise, on behalf of ${name},`,
    about: fr ? `concernant ${name}` : `about ${name}`,
    yourRight: fr ? 'son' : 'their',
    yourRights: fr ? 'ses droits suivants' : 'the following rights of your client',
    you: name,
    subject: name,
  };
}

/** "votre droit d’accès (…)" or "vos droits suivants : droit d’accès (…) et droit à l’effacement (…)". */
function rightsList(rights: readonly Right[], lang: Lang, v: ReturnType<typeof voice>): string {
  const labels = rights.map((r) => RIGHT_LABELS[r][lang]);
  if (labels.length <= 1) {
    const l = labels.join('');
    // Every label is masculine (« droit », « retrait ») except the post-mortem directives.
    if (lang === 'fr' && rights[0] === 'post-mortem') return `${v.yourRight === 'votre' ? 'vos' : 'ses'} ${l}`;
    return `${v.yourRight} ${l}`;
  }
  const and = lang === 'fr' ? ' et ' : ' and ';
  const list = `${labels.slice(0, -1).join(', ')}${and}${labels[labels.length - 1]}`;
  return lang === 'fr' ? `${v.yourRights} : ${list}` : `${v.yourRights}: ${list}`;
}

interface Built {
  paragraphs: Paragraph[];
  missing: string[];
}

function body(i: LetterInput): Built {
  const { lang, dsar: c, deadlines: d } = i;
  const fr = lang === 'fr';
  const L = (f: string, e: string) => (fr ? f : e);
  const date = (iso: string) => formatDateLong(iso, lang);
  const v = voice(c, lang);
  const received = date(c.receivedOn);
  const rights = rightsList(c.rights, lang, v);
  const gaps: string[] = [];
  const out: Paragraph[] = [];
  const p = (s: string, opts: Parameters<typeof para>[1] = {}) => out.push(para(s, { align: 'justify', ...opts }));
  /** Required content: the text when present, else a red marker (drafts only) and an entry in the list. */
  const need = (value: string | null | undefined, label: { fr: string; en: string }, italics = true) => {
    if (value?.trim()) return out.push(para(value.trim(), { italics, align: 'justify' }));
    gaps.push(label[lang]);
    out.push(new Paragraph({ children: [missing(label[lang], lang)] }));
  };
  const remedies = () => p(remediesText(i.jurisdiction, lang, v.subject));
  const reasons = (label: { fr: string; en: string } = { fr: 'motifs', en: 'reasons' }) => need(c.outcome.reasons, label);
  const rep = v.rep;
  const mandateMissing = Boolean(rep && !rep.mandateReceivedOn);
  const askMandate = () => {
    if (!mandateMissing) return;
    p(
      L(
        `Nous n’avons pas reçu à ce jour le mandat par lequel ${v.name} vous autorise à exercer ses droits en son nom. Nous vous remercions de nous l’adresser (mandat signé précisant son objet, accompagné d’un justificatif de l’identité de ${v.name}). Aucune donnée ne pourra être communiquée avant sa réception.`,
        `We have not yet received the authority by which ${v.name} authorises you to exercise their rights on their behalf. Please send it to us (a signed authority stating its purpose, with proof of ${v.name}’s identity). No data can be disclosed before we receive it.`,
      ),
    );
  };
  const needMandateForDisclosure = () => {
    if (mandateMissing) gaps.push(L('mandat du représentant (aucune donnée ne peut lui être communiquée sans mandat)', 'the representative’s authority (no data can be disclosed to them without it)'));
  };

  switch (i.type) {
    case 'acknowledgement':
      p(L(`Nous accusons réception de ${v.yourRequest}, reçue le ${received}, par laquelle ${v.youExercise} ${rights}.`, `We acknowledge receipt of ${v.yourRequest}, received on ${received}, by which ${v.youExercise} ${rights}.`));
      p(L(`Conformément à l’article 12, paragraphe 3, du règlement général sur la protection des données (RGPD), nous y répondrons dans les meilleurs délais et au plus tard le ${date(d.oneMonth)}.`, `In accordance with Article 12(3) of the General Data Protection Regulation (GDPR), we will respond without undue delay and at the latest by ${date(d.oneMonth)}.`));
      p(
        L(
          `Ce délai peut être prolongé de deux mois, compte tenu de la complexité et du nombre de demandes. Dans ce cas, nous vous en informerons, en précisant les motifs de la prolongation, au plus tard le ${date(d.extensionNoticeBy)}.`,
          `This period may be extended by two further months where necessary, taking into account the complexity and number of requests. If so, we will inform you, with the reasons for the delay, by ${date(d.extensionNoticeBy)} at the latest.`,
        ),
      );
      askMandate();
      break;
    case 'identity-request':
      p(L(`Nous avons bien reçu, le ${received}, ${v.yourRequest} relative à ${rights}.`, `We received ${v.yourRequest} concerning ${rights} on ${received}.`));
      p(
        L(
          `Afin de nous assurer que nous communiquons les données à la bonne personne, et en raison d’un doute raisonnable sur l’identité de ${rep ? v.name : 'l’auteur de la demande'} (article 12, paragraphe 6, du RGPD), nous vous remercions de bien vouloir nous transmettre les éléments suivants :`,
          `To make sure that we disclose data to the right person, and because we have reasonable doubts about the identity of ${rep ? v.name : 'the person making the request'} (Article 12(6) GDPR), please send us the following:`,
        ),
      );
      if (c.identity.method?.trim()) out.push(bullet(c.identity.method.trim()));
      else need(null, { fr: 'informations demandées', en: 'information requested' });
      p(
        L(
          'Ces éléments serviront uniquement à vérifier l’identité et ne seront pas conservés au-delà de ce qui est nécessaire. Nous traiterons la demande dès leur réception.',
          'This information will be used only to verify identity and will not be kept longer than necessary. We will handle the request as soon as we receive it.',
        ),
      );
      askMandate();
      break;
    case 'extension-notice':
      p(L(`${rep ? `La demande que vous nous avez adressée pour le compte de ${v.name}` : 'Votre demande'}, relative à ${rights}, nous est parvenue le ${received}.`, `${rep ? `The request you sent us on behalf of ${v.name}` : 'Your request'} concerning ${rights} reached us on ${received}.`));
      p(L('Conformément à l’article 12, paragraphe 3, du RGPD, nous vous informons que le délai de réponse est prolongé de deux mois, pour les raisons suivantes :', 'In accordance with Article 12(3) GDPR, we inform you that the time to respond is extended by two further months, for the following reasons:'));
      need(c.extension.reasons, { fr: 'motifs de la prolongation', en: 'reasons for the extension' });
      p(L(`Nous vous répondrons au plus tard le ${date(i.dueDate)}.`, `We will respond at the latest by ${date(i.dueDate)}.`));
      break;
    case 'response-cover':
      response(i, v, { p, need, remedies, reasons, needMandateForDisclosure, out, gaps });
      break;
    case 'refusal':
      p(L(`Nous avons examiné ${v.yourRequest}, reçue le ${received}, relative à ${rights}.`, `We have examined ${v.yourRequest}, received on ${received}, concerning ${rights}.`));
      p(
        c.outcome.result === 'partly'
          ? L('Nous ne pouvons pas y donner suite en totalité, pour les motifs suivants :', 'We cannot act on all of it, for the following reasons:')
          : L('Nous ne pouvons pas y donner suite, pour les motifs suivants :', 'We cannot act on it, for the following reasons:'),
      );
      reasons({ fr: 'motifs du refus', en: 'reasons for the refusal' });
      remedies();
      break;
    case 'unfounded':
      p(L(`Nous avons examiné ${v.yourRequest}, reçue le ${received}, relative à ${rights}.`, `We have examined ${v.yourRequest}, received on ${received}, concerning ${rights}.`));
      p(L('Cette demande nous paraît manifestement infondée ou excessive, au sens de l’article 12, paragraphe 5, du RGPD, pour les raisons suivantes :', 'We consider this request manifestly unfounded or excessive within the meaning of Article 12(5) GDPR, for the following reasons:'));
      reasons({ fr: 'raisons du caractère manifestement infondé ou excessif', en: 'why the request is manifestly unfounded or excessive' });
      if (c.outcome.fee) {
        const fee = fr ? `${formatNumber(c.outcome.fee, 'fr')} €` : `€${formatNumber(c.outcome.fee, 'en')}`;
        p(
          L(
            `En application de l’article 12, paragraphe 5, a), du RGPD, nous y donnerons suite moyennant le paiement de frais raisonnables de ${fee}, qui tiennent compte des coûts administratifs supportés pour fournir les informations ou procéder aux communications demandées. Nous traiterons la demande dès réception du paiement.`,
            `Under Article 12(5)(a) GDPR, we will act on it on payment of a reasonable fee of ${fee}, which takes into account the administrative costs of providing the information or taking the action requested. We will handle the request as soon as we receive the payment.`,
          ),
        );
      } else {
        p(L('En application de l’article 12, paragraphe 5, b), du RGPD, nous refusons d’y donner suite. Il nous appartient de démontrer le caractère manifestement infondé ou excessif de la demande ; les éléments ci-dessus sont conservés à cette fin.', 'Under Article 12(5)(b) GDPR, we refuse to act on it. The burden of demonstrating that the request is manifestly unfounded or excessive lies with us; the facts above are kept for that purpose.'));
      }
      remedies();
      break;
    case 'unidentifiable':
      p(L(`Nous avons examiné ${v.yourRequest}, reçue le ${received}, relative à ${rights}.`, `We have examined ${v.yourRequest}, received on ${received}, concerning ${rights}.`));
      p(L(`Nous ne sommes pas en mesure d’identifier ${rep ? v.name : 'l’auteur de la demande'} parmi les personnes dont nous traitons les données, pour les raisons suivantes :`, `We are not in a position to identify ${rep ? v.name : 'you'} among the persons whose data we process, for the following reasons:`));
      reasons({ fr: 'raisons pour lesquelles l’identification est impossible', en: 'why identification is not possible' });
      p(
        L(
          `Conformément à l’article 11, paragraphe 2, du RGPD, les articles 15 à 20 ne s’appliquent donc pas, sauf si des informations complémentaires permettant cette identification nous sont fournies${c.identity.method?.trim() ? ` (par exemple : ${c.identity.method.trim()})` : ''}. Dès leur réception, nous traiterons la demande.`,
          `Under Article 11(2) GDPR, Articles 15 to 20 therefore do not apply, unless additional information enabling identification is provided to us${c.identity.method?.trim() ? ` (for example: ${c.identity.method.trim()})` : ''}. We will handle the request as soon as we receive it.`,
        ),
      );
      remedies();
      break;
    case 'recipients-notice': {
      const done = c.rights.filter((r) => ARTICLE19_RIGHTS.includes(r));
      const acts: Record<string, { fr: string; en: string }> = {
        rectification: { fr: 'rectifié ou complété les données inexactes ou incomplètes', en: 'rectified or completed the inaccurate or incomplete data' },
        erasure: { fr: 'effacé les données', en: 'erased the data' },
        restriction: { fr: 'limité le traitement des données', en: 'restricted the processing of the data' },
      };
      const list = done.map((r) => acts[r]![lang]).join(fr ? ' et ' : ' and ');
      const ref = c.requester.customerRef ? L(` (référence client ${c.requester.customerRef})`, ` (customer reference ${c.requester.customerRef})`) : '';
      p(L(`Nous vous avons communiqué des données à caractère personnel concernant ${v.name}${ref}.`, `We have disclosed to you personal data about ${v.name}${ref}.`));
      p(L(`Conformément à l’article 19 du RGPD, nous vous informons qu’à la suite de sa demande, nous avons ${list}.`, `In accordance with Article 19 GDPR, we inform you that, following their request, we have ${list}.`));
      if (c.outcome.reasons?.trim() && c.outcome.result === 'fulfilled') need(c.outcome.reasons, { fr: 'détail', en: 'detail' });
      p(L('Nous vous remercions de procéder à la même opération dans vos propres systèmes pour les données que nous vous avons transmises, et de nous le confirmer par retour.', 'Please carry out the same operation in your own systems for the data we disclosed to you, and confirm it to us.'));
      if (c.recipients.length === 0) gaps.push(L('destinataires informés (article 19)', 'recipients notified (Article 19)'));
      break;
    }
    case 'marketing-stopped':
      p(L(`Nous faisons suite à ${v.yourRequest}, reçue le ${received}, par laquelle ${v.youExercise} ${v.yourRight} droit d’opposition au traitement des données à des fins de prospection (article 21, paragraphe 2, du RGPD).`, `We refer to ${v.yourRequest}, received on ${received}, by which ${v.youExercise} ${v.yourRight} right to object to processing for direct marketing (Article 21(2) GDPR).`));
      p(
        L(
          `Conformément à l’article 21, paragraphe 3, du RGPD, les données ${v.about} ne sont plus traitées à des fins de prospection, y compris le profilage lié à la prospection${c.response.sentOn ? ` depuis le ${date(c.response.sentOn)}` : ''}. Aucune sollicitation commerciale ne sera plus adressée de notre part.`,
          `In accordance with Article 21(3) GDPR, the data ${v.about} are no longer processed for direct marketing, including profiling related to it${c.response.sentOn ? `, since ${date(c.response.sentOn)}` : ''}. No more marketing messages will be sent from us.`,
        ),
      );
      p(L('Afin que cette opposition soit respectée durablement, nous conservons les coordonnées concernées dans une liste d’opposition, à cette seule fin.', 'So that this objection is respected over time, we keep the contact details concerned in a suppression list, for that sole purpose.'));
      break;
  }
  if (i.type !== 'recipients-notice') {
    p(L('Pour toute question, vous pouvez contacter notre délégué à la protection des données en rappelant la référence ci-dessus.', 'If you have any question, you may contact our Data Protection Officer, quoting the reference above.'));
  }
  return { paragraphs: out, missing: gaps };
}

type Helpers = {
  p: (s: string, opts?: Parameters<typeof para>[1]) => void;
  need: (value: string | null | undefined, label: { fr: string; en: string }, italics?: boolean) => void;
  remedies: () => void;
  reasons: (label?: { fr: string; en: string }) => void;
  needMandateForDisclosure: () => void;
  out: Paragraph[];
  gaps: string[];
};

/** What was done for each right, when the request was granted. */
const DONE: Record<Right, { fr: (v: ReturnType<typeof voice>) => string; en: (v: ReturnType<typeof voice>) => string }> = {
  access: { fr: () => '', en: () => '' },
  rectification: { fr: (v) => `Nous avons rectifié ou complété les données ${v.about} qui étaient inexactes ou incomplètes (article 16 du RGPD).`, en: (v) => `We have rectified or completed the inaccurate or incomplete data ${v.about} (Article 16 GDPR).` },
  erasure: { fr: (v) => `Nous avons effacé les données ${v.about} (article 17 du RGPD), y compris dans nos sauvegardes selon leur cycle de renouvellement.`, en: (v) => `We have erased the data ${v.about} (Article 17 GDPR), including from our backups as they are renewed.` },
  restriction: { fr: (v) => `Nous avons limité le traitement des données ${v.about} (article 18 du RGPD) : elles ne sont plus que conservées. Nous vous informerons avant que cette limitation ne soit levée (article 18, paragraphe 3).`, en: (v) => `We have restricted the processing of the data ${v.about} (Article 18 GDPR): they are now only stored. We will inform you before the restriction is lifted (Article 18(3)).` },
  objection: { fr: (v) => `Nous avons cessé de traiter les données ${v.about} pour les finalités concernées par l’opposition (article 21 du RGPD).`, en: (v) => `We have stopped processing the data ${v.about} for the purposes concerned by the objection (Article 21 GDPR).` },
  portability: { fr: (v) => `Vous trouverez ci-joint les données ${v.about} qui nous ont été fournies, dans un format structuré, couramment utilisé et lisible par machine (article 20 du RGPD).`, en: (v) => `Please find enclosed the data ${v.about} provided to us, in a structured, commonly used and machine-readable format (Article 20 GDPR).` },
  'consent-withdrawal': { fr: () => 'Le retrait du consentement a été enregistré et les traitements fondés sur ce consentement ont cessé. Ce retrait ne remet pas en cause la licéité des traitements effectués avant lui (article 7, paragraphe 3, du RGPD).', en: () => 'The withdrawal of consent has been recorded and the processing based on that consent has stopped. The withdrawal does not affect the lawfulness of processing carried out before it (Article 7(3) GDPR).' },
  'post-mortem': { fr: () => 'Nous avons pris en compte les directives relatives au sort des données après le décès et les avons appliquées (article 85 de la loi Informatique et Libertés).', en: () => 'We have taken account of the directives on data after death and applied them (Article 85 of the French Data Protection Act).' },
  'automated-decision': { fr: () => 'La décision a été réexaminée par une personne habilitée, qui a pris en compte le point de vue exprimé ; la décision peut être contestée auprès de nous (article 22, paragraphe 3, du RGPD).', en: () => 'The decision has been reviewed by an authorised person, who took account of the point of view expressed; the decision may be contested with us (Article 22(3) GDPR).' },
};

function accessSection(i: LetterInput, v: ReturnType<typeof voice>, h: Helpers): void {
  const { lang } = i;
  const fr = lang === 'fr';
  const L = (f: string, e: string) => (fr ? f : e);
  const acts = i.activities ?? [];
  h.p(L(`Vous trouverez ci-joint la copie des données à caractère personnel ${v.about} faisant l’objet d’un traitement (article 15, paragraphe 3, du RGPD), ainsi que les informations prévues à l’article 15, paragraphes 1 et 2 :`, `Please find enclosed a copy of the personal data ${v.about} undergoing processing (Article 15(3) GDPR), together with the information listed in Article 15(1) and (2):`));
  if (acts.length === 0) {
    h.gaps.push(L('traitements concernés par la demande (à lier au dossier, pour les informations de l’article 15, paragraphe 1)', 'processing activities concerned (link them to the case, for the Article 15(1) information)'));
    h.out.push(new Paragraph({ children: [missing(h.gaps[h.gaps.length - 1]!, lang)] }));
    return;
  }
  const none = L('aucun', 'none');
  const colon = fr ? ' : ' : ': ';
  // Items of a list after « ; » start in lower case in French (not acronyms such as CRM or SaaS).
  const lower = (x: string) => (/^\p{Lu}\p{Ll}/u.test(x) ? x.charAt(0).toLowerCase() + x.slice(1) : x);
  // Names (recipients, processors, countries) keep their capitals: `names` leaves them as written.
  const join = (xs: string[], names = false) => (xs.length ? xs.map((x, n) => (n > 0 && fr && !names ? lower(x) : x)).join(fr ? ' ; ' : '; ') : none);
  for (const a of acts) {
    h.out.push(heading(a.name, 3));
    h.out.push(bullet(`${L('a) Finalités du traitement', '(a) Purposes of the processing')}${colon}${join(a.purposes)}`));
    h.out.push(bullet(`${L('b) Catégories de données concernées', '(b) Categories of personal data concerned')}${colon}${join(a.categories)}`));
    h.out.push(bullet(`${L('c) Destinataires ou catégories de destinataires', '(c) Recipients or categories of recipients')}${colon}${join(a.recipients, true)}${a.transfers.length ? L(', dont dans des pays tiers : ', ', including in third countries: ') + join(a.transfers.map((t) => `${t.recipient} (${t.country})`), true) : ''}`));
    h.out.push(bullet(`${L('d) Durée de conservation', '(d) Retention period')}${colon}${a.retention.length ? join(a.retention) : L('critères fixés par notre politique de conservation, disponibles sur demande', 'criteria set by our retention policy, available on request')}`));
    h.out.push(bullet(`${L('g) Source des données', '(g) Source of the data')}${colon}${join(a.sources, true)}`));
    h.out.push(
      bullet(
        `${L('h) Décision automatisée, y compris le profilage', '(h) Automated decision-making, including profiling')}${colon}${
          a.automatedDecision
            ? L('ce traitement comporte une décision fondée exclusivement sur un traitement automatisé (article 22, paragraphes 1 et 4) ; des informations utiles sur la logique sous-jacente, l’importance et les conséquences prévues sont jointes', 'this processing involves a decision based solely on automated processing (Article 22(1) and (4)); meaningful information about the logic involved, its significance and the envisaged consequences is enclosed')
            : L('aucune décision fondée exclusivement sur un traitement automatisé n’est prise dans ce traitement', 'no decision based solely on automated processing is taken in this processing')
        }`,
      ),
    );
    if (a.transfers.length) {
      h.out.push(
        bullet(
          `${L('Transferts hors de l’EEE et garanties appropriées (article 15, paragraphe 2)', 'Transfers outside the EEA and appropriate safeguards (Article 15(2))')}${colon}${a.transfers
            .map((t) => `${t.recipient} (${t.country}) — ${t.safeguard ?? L('garantie à préciser', 'safeguard to be specified')}`)
            .join(' ; ')}`,
        ),
      );
      if (a.transfers.some((t) => !t.safeguard)) h.gaps.push(L(`garantie du transfert (${a.name})`, `transfer safeguard (${a.name})`));
    }
  }
  h.p(
    L(
      `e) ${v.rep ? `${v.name} dispose` : 'Vous disposez'} du droit de demander la rectification ou l’effacement des données, la limitation de leur traitement, et du droit de s’opposer à ce traitement (articles 16 à 18 et 21 du RGPD).`,
      `(e) ${v.rep ? `${v.name} has` : 'You have'} the right to request rectification or erasure of the data or restriction of their processing, and to object to the processing (Articles 16 to 18 and 21 GDPR).`,
    ),
  );
  h.p(`${L('f) ', '(f) ')}${remediesText(i.jurisdiction, lang, v.subject)}`);
}

function response(i: LetterInput, v: ReturnType<typeof voice>, h: Helpers): void {
  const { lang, dsar: c } = i;
  const fr = lang === 'fr';
  const L = (f: string, e: string) => (fr ? f : e);
  const received = formatDateLong(c.receivedOn, lang);
  const rights = rightsList(c.rights, lang, v);
  h.p(L(`Nous faisons suite à ${v.yourRequest}, reçue le ${received}, relative à ${rights}.`, `We refer to ${v.yourRequest}, received on ${received}, concerning ${rights}.`));
  const result = c.outcome.result;
  const informRecipients = () => {
    if (c.recipients.length && c.rights.some((r) => ARTICLE19_RIGHTS.includes(r))) {
      h.p(L(`Conformément à l’article 19 du RGPD, nous en avons informé les destinataires des données : ${c.recipients.join(', ')}.`, `In accordance with Article 19 GDPR, we have informed the recipients of the data: ${c.recipients.join(', ')}.`));
    }
  };
  switch (result) {
    case 'fulfilled':
      h.p(L('Nous avons donné suite à cette demande dans sa totalité.', 'We have acted on this request in full.'));
      if (c.rights.includes('access')) {
        h.needMandateForDisclosure();
        accessSection(i, v, h);
      }
      for (const r of c.rights) if (r !== 'access') h.p(DONE[r][lang](v));
      if (c.rights.includes('portability')) h.needMandateForDisclosure();
      informRecipients();
      break;
    case 'partly':
      h.p(L('Nous avons donné suite à une partie de cette demande.', 'We have acted on part of this request.'));
      if (c.rights.includes('access')) {
        h.needMandateForDisclosure();
        accessSection(i, v, h);
      }
      informRecipients();
      h.p(L('Nous ne pouvons pas donner suite au reste de la demande, pour les motifs suivants :', 'We cannot act on the rest of the request, for the following reasons:'));
      h.reasons({ fr: 'motifs du refus partiel', en: 'reasons for the partial refusal' });
      h.remedies();
      break;
    case 'refused':
      h.p(L('Nous ne pouvons pas donner suite à cette demande, pour les motifs suivants :', 'We cannot act on this request, for the following reasons:'));
      h.reasons({ fr: 'motifs du refus', en: 'reasons for the refusal' });
      h.remedies();
      break;
    case 'no-data':
      h.p(L(`Après recherche dans l’ensemble de nos traitements et systèmes, nous vous informons que nous ne détenons aucune donnée à caractère personnel ${v.about}.`, `Having searched all our processing activities and systems, we inform you that we hold no personal data ${v.about}.`));
      if (c.rights.some((r) => r !== 'access')) h.p(L('Aucune autre mesure n’est donc nécessaire.', 'No further action is therefore needed.'));
      break;
    case 'transferred':
      h.p(
        L(
          `Nous ne sommes pas responsable des traitements concernés : nous agissons pour le compte de ${c.outcome.transferredTo}, à qui nous avons transmis la demande${c.response.sentOn ? ` le ${formatDateLong(c.response.sentOn, lang)}` : ''}. Il lui appartient d’y répondre ; vous pouvez également vous adresser directement à lui.`,
          `We are not the controller of the processing concerned: we act on behalf of ${c.outcome.transferredTo}, to whom we have passed on the request${c.response.sentOn ? ` on ${formatDateLong(c.response.sentOn, lang)}` : ''}. It is for them to respond; you may also contact them directly.`,
        ),
      );
      h.remedies();
      break;
  }
  if (c.response.how?.trim() && (result === 'fulfilled' || result === 'partly')) h.p(L(`Modalités de transmission : ${c.response.how.trim()}.`, `How this response is provided: ${c.response.how.trim()}.`));
}

/** The subject of an Art. 19 notice names only what was done: « Notification d’un effacement (article 19 du RGPD) ». */
export function recipientsNoticeTitle(rights: readonly Right[], lang: Lang): string {
  const words: Record<string, { fr: string; en: string }> = {
    rectification: { fr: 'd’une rectification', en: 'rectification' },
    erasure: { fr: 'd’un effacement', en: 'erasure' },
    restriction: { fr: 'd’une limitation du traitement', en: 'restriction of processing' },
  };
  const done = rights.filter((r) => ARTICLE19_RIGHTS.includes(r)).map((r) => words[r]![lang]);
  if (done.length === 0) return LETTER_TITLES['recipients-notice'][lang];
  const list = done.length === 1 ? done[0]! : `${done.slice(0, -1).join(', ')}${lang === 'fr' ? ' et ' : ' and '}${done.at(-1)!}`;
  return lang === 'fr' ? `Notification ${list} (article 19 du RGPD)` : `Notice of ${list} (Article 19 GDPR)`;
}

export function letterFileName(type: LetterType, lang: Lang, reference: string, today: string, draft = false): string {
  return `${reference}-${LETTER_FILE_NAMES[type][lang]}${draft ? (lang === 'fr' ? '-projet' : '-draft') : ''}-${today}.docx`;
}

/** The lines of the recipient block and the salutation. */
function addressee(i: LetterInput): { lines: string[]; salutation: string } {
  const { lang, dsar: c } = i;
  const fr = lang === 'fr';
  if (i.type === 'recipients-notice') {
    return { lines: c.recipients.length ? c.recipients : [], salutation: fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,' };
  }
  const rep = c.requester.representative;
  if (rep) {
    const lawyer = isLawyer(rep);
    const bare = rep.name.replace(/^(Me|Maître)\s+/u, '');
    const name = lawyer && fr ? `Maître ${bare}` : rep.name;
    const onBehalf = fr ? (lawyer ? `Conseil de ${c.requester.name}` : `Pour le compte de ${c.requester.name}`) : `Representing ${c.requester.name}`;
    return {
      lines: [name, ...(rep.capacity ? [rep.capacity] : []), onBehalf],
      salutation: lawyer ? (fr ? 'Maître,' : `Dear ${bare},`) : fr ? 'Madame, Monsieur,' : `Dear ${rep.name},`,
    };
  }
  return {
    lines: [c.requester.name, ...(c.requester.address ? [c.requester.address] : []), ...(c.requester.email ? [c.requester.email] : [])],
    salutation: fr ? 'Madame, Monsieur,' : `Dear ${c.requester.name},`,
  };
}

/**
 * The letter as a DOCX buffer. Throws `letter_not_applicable` when the letter would contradict the case and
 * `letter_incomplete` (details.missing) when required content is missing and no draft was asked for.
 */
export async function buildRequestLetter(i: LetterInput): Promise<{ buffer: Buffer; missing: string[]; draft: boolean }> {
  checkLetterAllowed(i);
  const { lang, profile: p } = i;
  const fr = lang === 'fr';
  const L = (f: string, e: string) => (fr ? f : e);
  const built = body(i);
  const gaps = [...built.missing];
  if (!p.dpo_name.trim()) gaps.push(L('nom du délégué à la protection des données (profil de l’organisme)', 'name of the Data Protection Officer (organisation profile)'));
  if (!p.controller_name.trim()) gaps.push(L('nom de l’organisme (profil)', 'name of the organisation (profile)'));
  const to = addressee(i);
  if (to.lines.length === 0) gaps.push(L('destinataires informés (article 19)', 'recipients notified (Article 19)'));
  const uniqueGaps = [...new Set(gaps)];
  if (uniqueGaps.length && !i.draft) {
    throw new DomainError(
      'letter_incomplete',
      `${L('Courrier incomplet', 'Letter incomplete')} (${i.type}): ${uniqueGaps.join('; ')}. Complete the case or the profile, or generate a draft (marked “PROJET”/“DRAFT” on every page).`,
      { missing: uniqueGaps, type: i.type },
    );
  }
  const place = p.city ? (fr ? `${p.city}, le ${formatDateLong(i.today, lang)}` : `${p.city}, ${formatDateLong(i.today, lang)}`) : formatDateLong(i.today, lang);
  const title = i.type === 'recipients-notice' ? recipientsNoticeTitle(i.dsar.rights, lang) : LETTER_TITLES[i.type][lang];
  const signature: Paragraph[] = [
    para(
      to.salutation === 'Maître,'
        ? 'Nous vous prions d’agréer, Maître, l’expression de nos salutations distinguées.'
        : fr
          ? 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.'
          : to.salutation.startsWith('Dear Sir')
            ? 'Yours faithfully,'
            : 'Yours sincerely,',
      { spacingAfter: 360 },
    ),
    new Paragraph({ children: p.dpo_name ? [text(p.dpo_name, { bold: true })] : [missing(L('nom du délégué', 'DPO name'), lang)] }),
    para(`${L('Délégué à la protection des données', 'Data Protection Officer')}${p.controller_name ? ` — ${p.controller_name}` : ''}`, { spacingAfter: 0 }),
    ...(p.dpo_email ? [para(p.dpo_email)] : []),
  ];
  const recipientBlock = to.lines.length ? to.lines : [];
  const doc = document({
    title: `${i.reference} — ${title}`,
    lang,
    draft: uniqueGaps.length > 0,
    sections: [
      {
        children: [
          ...letterhead(p, lang),
          ...(recipientBlock.length ? [para(recipientBlock.join('\n'), { align: 'right', spacingAfter: 240 })] : [new Paragraph({ alignment: 'right', children: [missing(L('destinataires', 'recipients'), lang)] })]),
          para(place, { align: 'right', spacingAfter: 240 }),
          new Paragraph({ children: [text(L('Objet : ', 'Subject: '), { bold: true }), text(title)] as TextRun[], spacing: { after: 60 } }),
          new Paragraph({ children: [text(L('Référence : ', 'Reference: '), { bold: true }), text(i.reference)] as TextRun[], spacing: { after: 240 } }),
          para(to.salutation),
          ...built.paragraphs,
          ...signature,
        ],
      },
    ],
  });
  return { buffer: await toBuffer(doc), missing: uniqueGaps, draft: uniqueGaps.length > 0 };
}
