/**
 * Letters of a rights request (DOCX, French and English), written from the case file and the organisation
 * profile: acknowledgement, identity / clarification request, extension notice, response cover letter,
 * refusal. Dates are the engine's (../../domain/dsar-deadlines); the extended date given to the person is
 * the prudent one, so a letter never promises a date later than the law allows.
 */
import { Paragraph, type TextRun } from 'docx';
import type { OrgProfile } from '../../domain/org-profile';
import type { DsarDeadlines } from '../../domain/dsar-deadlines';
import type { DsarCase, LetterType, Right } from '../../domain/requests/case';
import { bullet, document, formatDateLong, letterhead, missing, para, text, toBuffer, type Lang } from './common';

export const RIGHT_LABELS: Record<Right, { fr: string; en: string }> = {
  access: { fr: 'droit d’accès (article 15 du RGPD)', en: 'right of access (Article 15 GDPR)' },
  rectification: { fr: 'droit de rectification (article 16 du RGPD)', en: 'right to rectification (Article 16 GDPR)' },
  erasure: { fr: 'droit à l’effacement (article 17 du RGPD)', en: 'right to erasure (Article 17 GDPR)' },
  restriction: { fr: 'droit à la limitation du traitement (article 18 du RGPD)', en: 'right to restriction of processing (Article 18 GDPR)' },
  objection: { fr: 'droit d’opposition (article 21 du RGPD)', en: 'right to object (Article 21 GDPR)' },
  portability: { fr: 'droit à la portabilité (article 20 du RGPD)', en: 'right to data portability (Article 20 GDPR)' },
  'consent-withdrawal': { fr: 'retrait du consentement (article 7(3) du RGPD)', en: 'withdrawal of consent (Article 7(3) GDPR)' },
  'post-mortem': { fr: 'directives relatives au sort des données après le décès (article 85 de la loi Informatique et Libertés)', en: 'directives on data after death (Article 85 of the French Data Protection Act)' },
  'automated-decision': { fr: 'droit de ne pas faire l’objet d’une décision individuelle automatisée (article 22 du RGPD)', en: 'right not to be subject to automated individual decision-making (Article 22 GDPR)' },
};

export const LETTER_TITLES: Record<LetterType, { fr: string; en: string }> = {
  acknowledgement: { fr: 'Accusé de réception de votre demande', en: 'Acknowledgement of your request' },
  'identity-request': { fr: 'Demande d’informations complémentaires', en: 'Request for additional information' },
  'extension-notice': { fr: 'Prolongation du délai de réponse', en: 'Extension of the time to respond' },
  'response-cover': { fr: 'Réponse à votre demande', en: 'Response to your request' },
  refusal: { fr: 'Suite donnée à votre demande', en: 'Outcome of your request' },
};

export const LETTER_FILE_NAMES: Record<LetterType, { fr: string; en: string }> = {
  acknowledgement: { fr: 'accuse-de-reception', en: 'acknowledgement' },
  'identity-request': { fr: 'demande-informations', en: 'information-request' },
  'extension-notice': { fr: 'prolongation', en: 'extension-notice' },
  'response-cover': { fr: 'reponse', en: 'response' },
  refusal: { fr: 'refus', en: 'refusal' },
};

export interface LetterInput {
  type: LetterType;
  lang: Lang;
  profile: OrgProfile;
  reference: string;
  dsar: DsarCase;
  deadlines: DsarDeadlines;
  /** Jurisdiction actually used (the supervisory authority named in refusals depends on it). */
  jurisdiction: string;
  today: string;
}

/** "votre droit d’accès (…)" or "vos droits suivants : droit d’accès (…) et droit à l’effacement (…)". */
function rightsList(rights: readonly Right[], lang: Lang): string {
  const labels = rights.map((r) => RIGHT_LABELS[r][lang]);
  if (labels.length <= 1) return `${lang === 'fr' ? 'votre' : 'your'} ${labels.join('')}`;
  const and = lang === 'fr' ? ' et ' : ' and ';
  const list = `${labels.slice(0, -1).join(', ')}${and}${labels[labels.length - 1]}`;
  return lang === 'fr' ? `vos droits suivants : ${list}` : `the following rights: ${list}`;
}

/** Art. 12(4) / 77 / 79: where the person can complain and seek a judicial remedy. */
export function remediesText(jurisdiction: string, lang: Lang): string {
  const france = jurisdiction === 'FR' || jurisdiction.startsWith('FR-');
  if (lang === 'fr') {
    const authority = france
      ? 'la Commission nationale de l’informatique et des libertés (CNIL), 3 Place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, www.cnil.fr'
      : 'l’autorité de contrôle de l’État membre de votre résidence habituelle, de votre lieu de travail ou du lieu où la violation aurait été commise';
    return `Vous avez la possibilité d’introduire une réclamation auprès de ${authority} (article 77 du RGPD), et de former un recours juridictionnel (article 79 du RGPD).`;
  }
  const authority = france
    ? 'the French supervisory authority, the Commission nationale de l’informatique et des libertés (CNIL), 3 Place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, www.cnil.fr'
    : 'the supervisory authority of the Member State of your habitual residence, place of work or place of the alleged infringement';
  return `You may lodge a complaint with ${authority} (Article 77 GDPR) and seek a judicial remedy (Article 79 GDPR).`;
}

function mixed(parts: Array<string | TextRun>): TextRun[] {
  return parts.map((p) => (typeof p === 'string' ? text(p) : p));
}

function body(i: LetterInput): Paragraph[] {
  const { lang, dsar, deadlines: d } = i;
  const L = (fr: string, en: string) => (lang === 'fr' ? fr : en);
  const date = (iso: string) => formatDateLong(iso, lang);
  const received = date(dsar.receivedOn);
  const rights = rightsList(dsar.rights, lang);
  const out: Paragraph[] = [];
  switch (i.type) {
    case 'acknowledgement':
      out.push(para(L(`Nous accusons réception de votre demande, reçue le ${received}, par laquelle vous exercez ${rights}.`, `We acknowledge receipt of your request, received on ${received}, by which you exercise ${rights}.`), { align: 'justify' }));
      out.push(
        para(
          L(
            `Conformément à l’article 12(3) du règlement général sur la protection des données (RGPD), nous vous répondrons dans les meilleurs délais et au plus tard le ${date(d.oneMonth)}.`,
            `In accordance with Article 12(3) of the General Data Protection Regulation (GDPR), we will respond without undue delay and at the latest by ${date(d.oneMonth)}.`,
          ),
          { align: 'justify' },
        ),
      );
      out.push(
        para(
          L(
            `Ce délai peut être prolongé de deux mois, compte tenu de la complexité et du nombre de demandes. Dans ce cas, nous vous en informerons, en précisant les motifs de la prolongation, avant le ${date(d.extensionNoticeBy)}.`,
            `This period may be extended by two further months where necessary, taking into account the complexity and number of requests. If so, we will inform you, with the reasons for the delay, by ${date(d.extensionNoticeBy)}.`,
          ),
          { align: 'justify' },
        ),
      );
      break;
    case 'identity-request':
      out.push(para(L(`Nous avons bien reçu, le ${received}, votre demande relative à ${rights}.`, `We received your request concerning ${rights} on ${received}.`), { align: 'justify' }));
      out.push(
        para(
          L(
            'Afin de nous assurer que nous communiquons les données à la bonne personne, et en raison d’un doute raisonnable sur votre identité (article 12(6) du RGPD), nous vous remercions de bien vouloir nous transmettre les éléments suivants :',
            'To make sure that we disclose data to the right person, and because we have reasonable doubts about your identity (Article 12(6) GDPR), please send us the following:',
          ),
          { align: 'justify' },
        ),
      );
      out.push(dsar.identity.method?.trim() ? bullet(dsar.identity.method.trim()) : new Paragraph({ children: [missing(L('informations demandées', 'information requested'), lang)] }));
      out.push(
        para(
          L(
            'Ces éléments serviront uniquement à vérifier votre identité et ne seront pas conservés au-delà de ce qui est nécessaire. Nous traiterons votre demande dès leur réception.',
            'This information will be used only to verify your identity and will not be kept longer than necessary. We will handle your request as soon as we receive it.',
          ),
          { align: 'justify' },
        ),
      );
      break;
    case 'extension-notice':
      out.push(para(L(`Votre demande relative à ${rights} nous est parvenue le ${received}.`, `Your request concerning ${rights} reached us on ${received}.`), { align: 'justify' }));
      out.push(
        para(
          L(
            'Conformément à l’article 12(3) du RGPD, nous vous informons que le délai de réponse est prolongé de deux mois, pour les raisons suivantes :',
            'In accordance with Article 12(3) GDPR, we inform you that the time to respond is extended by two further months, for the following reasons:',
          ),
          { align: 'justify' },
        ),
      );
      out.push(dsar.extension.reasons?.trim() ? para(dsar.extension.reasons.trim(), { italics: true }) : new Paragraph({ children: [missing(L('motifs de la prolongation', 'reasons for the extension'), lang)] }));
      out.push(para(L(`Nous vous répondrons au plus tard le ${date(d.threeMonthsPrudent)}.`, `We will respond at the latest by ${date(d.threeMonthsPrudent)}.`), { align: 'justify' }));
      break;
    case 'response-cover': {
      out.push(para(L(`Nous faisons suite à votre demande reçue le ${received}, relative à ${rights}.`, `We refer to your request received on ${received}, concerning ${rights}.`), { align: 'justify' }));
      const result = dsar.outcome.result;
      if (result === 'no-data') {
        out.push(para(L('Après recherche dans l’ensemble de nos traitements et systèmes, nous vous informons que nous ne détenons aucune donnée à caractère personnel vous concernant.', 'Having searched all our processing activities and systems, we inform you that we hold no personal data about you.'), { align: 'justify' }));
      } else if (result === 'partly') {
        out.push(para(L('Nous avons donné suite à votre demande en partie. Vous trouverez ci-joint les éléments correspondants.', 'We have acted on part of your request. Please find the corresponding material enclosed.'), { align: 'justify' }));
        out.push(para(L('Nous ne pouvons pas donner suite au reste de votre demande pour les motifs suivants :', 'We cannot act on the rest of your request for the following reasons:')));
        out.push(para(dsar.outcome.reasons?.trim() ?? '', { italics: true }));
        out.push(para(remediesText(i.jurisdiction, lang), { align: 'justify' }));
      } else {
        out.push(
          para(
            dsar.rights.includes('access')
              ? L('Vous trouverez ci-joint la copie des données à caractère personnel vous concernant, ainsi que les informations prévues à l’article 15(1) du RGPD (finalités, catégories de données, destinataires, durée de conservation, source des données et vos droits).', 'Please find enclosed a copy of the personal data about you, with the information listed in Article 15(1) GDPR (purposes, categories of data, recipients, retention period, source of the data and your rights).')
              : L('Nous vous confirmons que nous avons donné suite à votre demande.', 'We confirm that we have acted on your request.'),
            { align: 'justify' },
          ),
        );
      }
      if (dsar.response.how?.trim()) out.push(para(L(`Modalités de transmission : ${dsar.response.how.trim()}.`, `How this response is provided: ${dsar.response.how.trim()}.`)));
      break;
    }
    case 'refusal':
      out.push(para(L(`Nous avons examiné votre demande reçue le ${received}, relative à ${rights}.`, `We have examined your request received on ${received}, concerning ${rights}.`), { align: 'justify' }));
      out.push(para(L('Nous ne pouvons pas y donner suite, pour les motifs suivants :', 'We cannot act on it, for the following reasons:'), { align: 'justify' }));
      out.push(dsar.outcome.reasons?.trim() ? para(dsar.outcome.reasons.trim(), { italics: true }) : new Paragraph({ children: [missing(L('motifs du refus', 'reasons for the refusal'), lang)] }));
      out.push(para(remediesText(i.jurisdiction, lang), { align: 'justify' }));
      break;
  }
  out.push(para(L('Pour toute question, vous pouvez contacter notre délégué à la protection des données en rappelant la référence ci-dessus.', 'For any question, you may contact our Data Protection Officer quoting the reference above.'), { align: 'justify' }));
  return out;
}

export function letterFileName(type: LetterType, lang: Lang, reference: string, today: string): string {
  return `${reference}-${LETTER_FILE_NAMES[type][lang]}-${today}.docx`;
}

/** The letter as a DOCX buffer. */
export async function buildRequestLetter(i: LetterInput): Promise<Buffer> {
  const { lang, profile: p, dsar } = i;
  const L = (fr: string, en: string) => (lang === 'fr' ? fr : en);
  const rep = dsar.requester.representative;
  const recipient = [
    ...(rep?.name ? [rep.name, L(`pour le compte de ${dsar.requester.name}`, `on behalf of ${dsar.requester.name}`)] : [dsar.requester.name]),
    ...(dsar.requester.address ? [dsar.requester.address] : []),
    ...(dsar.requester.email ? [dsar.requester.email] : []),
  ].join('\n');
  const place = p.city ? (lang === 'fr' ? `${p.city}, le ${formatDateLong(i.today, lang)}` : `${p.city}, ${formatDateLong(i.today, lang)}`) : formatDateLong(i.today, lang);
  const title = LETTER_TITLES[i.type][lang];
  const signature: Paragraph[] = [
    para(L('Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.', 'Yours sincerely,'), { spacingAfter: 360 }),
    new Paragraph({ children: p.dpo_name ? [text(p.dpo_name, { bold: true })] : [missing(L('nom du délégué', 'DPO name'), lang)] }),
    para(`${L('Délégué à la protection des données', 'Data Protection Officer')}${p.controller_name ? ` — ${p.controller_name}` : ''}`),
    ...(p.dpo_email ? [para(p.dpo_email)] : []),
  ];
  const doc = document({
    title: `${i.reference} — ${title}`,
    lang,
    sections: [
      {
        children: [
          ...letterhead(p, lang),
          para(recipient, { align: 'right', spacingAfter: 240 }),
          para(place, { align: 'right', spacingAfter: 240 }),
          new Paragraph({ children: mixed([text(L('Objet : ', 'Subject: '), { bold: true }), `${title}`]), spacing: { after: 60 } }),
          new Paragraph({ children: mixed([text(L('Référence : ', 'Reference: '), { bold: true }), i.reference]), spacing: { after: 240 } }),
          para(rep?.name ? L('Madame, Monsieur,', 'Dear Sir or Madam,') : L('Madame, Monsieur,', `Dear ${dsar.requester.name},`)),
          ...body(i),
          ...signature,
        ],
      },
    ],
  });
  return toBuffer(doc);
}
