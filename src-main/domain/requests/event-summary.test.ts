import { describe, expect, it } from 'vitest';
import { CHANNELS } from './case';
import { autoEventSummary, localizeEventSummary, parseAutoEventSummary, type AutoEvent } from './event-summary';

const EVENTS: AutoEvent[] = [
  ...CHANNELS.map((channel) => ({ key: 'received', channel }) as AutoEvent),
  { key: 'identity-requested' },
  { key: 'identity-requested', detail: 'copie d’une pièce d’identité' },
  { key: 'identity-received' },
  { key: 'extension-decided' },
  { key: 'extension-notified' },
  { key: 'response-sent' },
  { key: 'response-sent', detail: 'courriel avec accusé de lecture' },
];

describe('automatic timeline sentences', () => {
  it.each(EVENTS.flatMap((e) => (['fr', 'en'] as const).map((lang) => [lang, e] as const)))('a %s sentence reads back as its event: %j', (lang, e) => {
    expect(parseAutoEventSummary(autoEventSummary(e, lang))).toEqual(e);
  });

  it.each([
    // Sentences written by earlier versions (the same words) translate too.
    ['Demande reçue par courriel', 'en', 'Request received by e-mail'],
    ['Request received by post', 'fr', 'Demande reçue par courrier'],
    ['Prolongation de deux mois décidée', 'en', 'Two-month extension decided'],
    ['Informations d’identité / précisions demandées — copie recto verso', 'en', 'Identity information / clarification requested — copie recto verso'],
    ['Response sent — registered letter', 'fr', 'Réponse envoyée — registered letter'],
    // A person's own words stay as typed, even when they start like Vigie's.
    ['Réponse envoyée en retard, voir note', 'en', 'Réponse envoyée en retard, voir note'],
    ['Appel de la personne pour relancer', 'en', 'Appel de la personne pour relancer'],
    ['', 'fr', ''],
  ] as const)('« %s » in %s reads « %s »', (stored, lang, shown) => {
    expect(localizeEventSummary(stored, lang)).toBe(shown);
  });
});
