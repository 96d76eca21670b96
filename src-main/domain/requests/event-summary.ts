/**
 * The timeline entries Vigie writes itself when a case's dates change (request received, identity
 * information asked and received, extension decided and notified, response sent). Their text is
 * stored in the profile's language (`request_events.summary`, schema unchanged), so the screen
 * recognises these sentences — in either language, older entries included — and says them again in
 * the UI's language. Anything else (what a person typed) is shown as stored. Pure: no I/O.
 */
import type { Channel } from './case';

export type Lang = 'fr' | 'en';

export type AutoEvent =
  | { key: 'received'; channel: Channel }
  | { key: 'identity-requested'; detail?: string }
  | { key: 'identity-received' }
  | { key: 'extension-decided' }
  | { key: 'extension-notified' }
  | { key: 'response-sent'; detail?: string };

/** How a request came in, as the « received » sentence says it. */
export const CHANNEL_PHRASE: Record<Channel, Record<Lang, string>> = {
  email: { fr: 'par courriel', en: 'by e-mail' },
  letter: { fr: 'par courrier', en: 'by post' },
  web: { fr: 'par formulaire en ligne', en: 'through the web form' },
  phone: { fr: 'par téléphone', en: 'by phone' },
  'in-person': { fr: 'en personne', en: 'in person' },
};

const FIXED: Record<Exclude<AutoEvent['key'], 'received'>, Record<Lang, string>> = {
  'identity-requested': { fr: 'Informations d’identité / précisions demandées', en: 'Identity information / clarification requested' },
  'identity-received': { fr: 'Informations demandées reçues', en: 'Requested information received' },
  'extension-decided': { fr: 'Prolongation de deux mois décidée', en: 'Two-month extension decided' },
  'extension-notified': { fr: 'Prolongation notifiée à la personne', en: 'Extension notified to the person' },
  'response-sent': { fr: 'Réponse envoyée', en: 'Response sent' },
};
const RECEIVED: Record<Lang, string> = { fr: 'Demande reçue', en: 'Request received' };
/** Sentences that may carry what the person wrote after them (the method asked, how the answer went). */
const WITH_DETAIL = new Set<AutoEvent['key']>(['identity-requested', 'response-sent']);
const SEPARATOR = ' — ';

/** The sentence of an automatic timeline entry in `lang`. */
export function autoEventSummary(e: AutoEvent, lang: Lang): string {
  if (e.key === 'received') return `${RECEIVED[lang]} ${CHANNEL_PHRASE[e.channel][lang]}`;
  const detail = 'detail' in e && e.detail ? `${SEPARATOR}${e.detail}` : '';
  return FIXED[e.key][lang] + detail;
}

/** The automatic entry a stored sentence is (in French or English), or null for a person's own text. */
export function parseAutoEventSummary(summary: string): AutoEvent | null {
  for (const lang of ['fr', 'en'] as const) {
    for (const [channel, phrase] of Object.entries(CHANNEL_PHRASE) as Array<[Channel, Record<Lang, string>]>) {
      if (summary === `${RECEIVED[lang]} ${phrase[lang]}`) return { key: 'received', channel };
    }
    for (const [key, text] of Object.entries(FIXED) as Array<[Exclude<AutoEvent['key'], 'received'>, Record<Lang, string>]>) {
      if (summary === text[lang]) return { key } as AutoEvent;
      if (WITH_DETAIL.has(key) && summary.startsWith(text[lang] + SEPARATOR)) return { key, detail: summary.slice(text[lang].length + SEPARATOR.length) } as AutoEvent;
    }
  }
  return null;
}

/** A stored timeline summary in `lang`: Vigie's own sentences translated, a person's text unchanged. */
export function localizeEventSummary(summary: string, lang: Lang): string {
  const e = parseAutoEventSummary(summary);
  return e ? autoEventSummary(e, lang) : summary;
}
