import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { computeCase, parseDsarCase, type DsarCaseInput, type LetterType } from '../../domain/requests/case';
import { DEFAULT_ORG_PROFILE, type OrgProfile } from '../../domain/org-profile';
import { buildRequestLetter, checkLetterAllowed, isLawyer, type AccessActivity } from './requests-letters';

const profile: OrgProfile = { ...DEFAULT_ORG_PROFILE, controller_name: 'ACME SAS', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' };
const activity: AccessActivity = {
  name: 'Gestion des clients',
  purposes: ['Exécution des contrats (base légale : contrat)'],
  categories: ['Identité', 'Coordonnées'],
  recipients: ['Service client (services internes)'],
  retention: ['Identité : 3 ans à compter de la fin du contrat ; ensuite : suppression'],
  sources: ['Auprès de la personne concernée'],
  transfers: [{ recipient: 'Zendesk Inc.', country: 'États-Unis', safeguard: 'Clauses contractuelles types (art. 46(2)(c))' }],
  automatedDecision: false,
};

/** The text of the letter with typography spaces normalised, and its headers. */
async function letter(type: LetterType, input: Partial<DsarCaseInput>, opts: { lang?: 'fr' | 'en'; today?: string; draft?: boolean; activities?: AccessActivity[] } = {}) {
  const today = opts.today ?? '2026-03-06';
  const dsar = parseDsarCase({ requester: { name: 'Marie Martin', email: 'marie@example.org' }, rights: ['access'], channel: 'email', receivedOn: '2026-03-05', ...input });
  const k = computeCase(dsar, { defaultJurisdiction: 'FR', today });
  const r = await buildRequestLetter({ type, lang: opts.lang ?? 'fr', profile, reference: 'DSAR-2026-0001', dsar, deadlines: k.deadlines, dueDate: k.dueDate, jurisdiction: k.jurisdiction, today, draft: opts.draft, activities: opts.activities ?? [activity] });
  const files = unzipSync(new Uint8Array(r.buffer));
  const norm = (s: string) => s.replace(/<[^>]+>/g, '').replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-');
  const headers = Object.keys(files).filter((n) => /^word\/header/.test(n)).map((n) => norm(strFromU8(files[n]!))).join(' ');
  return { ...r, text: norm(strFromU8(files['word/document.xml']!)), headers, dueDate: k.dueDate };
}

const COMPLAINT_FR = /droit d’introduire une réclamation auprès de la Commission nationale de l’informatique et des libertés \(CNIL\).*former un recours juridictionnel/;
const COMPLAINT_EN = /right to lodge a complaint with the French supervisory authority.*judicial remedy/;

describe('response letter follows the outcome (issue 14, item 1)', () => {
  it.each([
    ['fulfilled', { rights: ['erasure'], outcome: { result: 'fulfilled' } }, /Nous avons donné suite à cette demande dans sa totalité\..*Nous avons effacé les données vous concernant/, false],
    ['partly', { rights: ['erasure'], outcome: { result: 'partly', reasons: 'Factures conservées dix ans (Code de commerce, art. L123-22).' } }, /donné suite à une partie.*Nous ne pouvons pas donner suite au reste.*Factures conservées/, true],
    ['refused', { rights: ['erasure'], outcome: { result: 'refused', reasons: 'Obligation légale de conservation.' } }, /Nous ne pouvons pas donner suite à cette demande, pour les motifs suivants :Obligation légale/, true],
    ['no-data', { outcome: { result: 'no-data' } }, /nous ne détenons aucune donnée à caractère personnel vous concernant/, false],
    ['transferred', { outcome: { result: 'transferred', transferredTo: 'Banque Exemple SA' } }, /nous agissons pour le compte de Banque Exemple SA, à qui nous avons transmis la demande/, true],
  ] as const)('%s', async (_name, input, expected, remedies) => {
    const r = await letter('response-cover', input as Partial<DsarCaseInput>);
    expect(r.text).toMatch(expected);
    expect(r.text).not.toMatch(remedies ? /^$/ : COMPLAINT_FR);
    if (remedies) expect(r.text).toMatch(COMPLAINT_FR);
    if (_name !== 'fulfilled') expect(r.text).not.toContain('dans sa totalité');
    expect(r.text).not.toContain('[À COMPLÉTER');
  });
  it('a refusal in English carries the Art. 12(4) content', async () => {
    const r = await letter('refusal', { outcome: { result: 'refused', reasons: 'Legal retention obligation.' } }, { lang: 'en' });
    expect(r.text).toMatch(/We cannot act on it, for the following reasons:Legal retention obligation\./);
    expect(r.text).toMatch(COMPLAINT_EN);
  });
  it('names the authority of another jurisdiction', async () => {
    const r = await letter('refusal', { jurisdiction: 'BE', outcome: { result: 'refused', reasons: 'Motif.' } });
    expect(r.text).toContain('l’Autorité de protection des données (APD)');
    expect(r.text).not.toContain('CNIL');
  });
});

describe('access response (item 2)', () => {
  it('gives the Art. 15(1)(a)-(h) items and the 15(2) safeguards', async () => {
    const r = await letter('response-cover', { outcome: { result: 'fulfilled' } });
    for (const s of ['a) Finalités du traitement', 'b) Catégories de données concernées', 'c) Destinataires', 'Zendesk Inc. (États-Unis)', 'd) Durée de conservation', 'e) Vous disposez du droit de demander la rectification', 'f) Vous disposez du droit d’introduire une réclamation', 'g) Source des données', 'h) Décision automatisée', 'garanties appropriées (article 15, paragraphe 2)', 'Clauses contractuelles types', 'article 15, paragraphe 3']) {
      expect(r.text).toContain(s);
    }
  });
  it('without linked activities: refused with what is missing, or a draft marked PROJET on every page', async () => {
    await expect(letter('response-cover', { outcome: { result: 'fulfilled' } }, { activities: [] })).rejects.toMatchObject({ code: 'letter_incomplete', details: { missing: [expect.stringContaining('traitements concernés')] } });
    const d = await letter('response-cover', { outcome: { result: 'fulfilled' } }, { activities: [], draft: true });
    expect(d.draft).toBe(true);
    expect(d.headers).toContain('PROJET');
    const ok = await letter('response-cover', { outcome: { result: 'fulfilled' } });
    expect(ok.draft).toBe(false);
    expect(ok.headers).not.toContain('PROJET');
  });
  it('Art. 15(4) is refused against a request without access', async () => {
    await expect(letter('response-cover', { rights: ['restriction'], outcome: { result: 'partly', reasons: 'Droits des tiers (art. 15(4)).' } })).rejects.toMatchObject({ code: 'letter_not_applicable' });
  });
});

describe('extension notice (item 3)', () => {
  const extended = { extension: { decidedOn: '2026-03-20', reasons: 'Données réparties dans cinq systèmes.' } };
  it('is refused before an extension is decided', async () => {
    await expect(letter('extension-notice', {}, { today: '2026-03-20' })).rejects.toMatchObject({ code: 'letter_not_applicable', message: expect.stringMatching(/No extension has been decided/) });
  });
  it('is refused after the one-month notice limit', async () => {
    await expect(letter('extension-notice', extended, { today: '2026-04-08' })).rejects.toMatchObject({ code: 'letter_not_applicable', message: expect.stringMatching(/Too late to extend.*2026-04-07/) });
  });
  it('promises the case due date (month-end: 31 January → 30 April, not the prudent 28 April)', async () => {
    const r = await letter('extension-notice', { receivedOn: '2027-01-31', extension: { decidedOn: '2027-02-10', reasons: 'Volume exceptionnel de demandes.' } }, { today: '2027-02-10' });
    expect(r.dueDate).toBe('2027-04-30');
    expect(r.text).toContain('Nous vous répondrons au plus tard le 30 avril 2027.');
  });
  it('without reasons: incomplete', async () => {
    await expect(letter('extension-notice', { extension: { decidedOn: '2026-03-20' } }, { today: '2026-03-20' })).rejects.toMatchObject({ code: 'letter_incomplete', details: { missing: ['motifs de la prolongation'] } });
  });
});

describe('identity request', () => {
  it('is refused once the identity is verified', async () => {
    await expect(letter('identity-request', { identity: { requestedOn: '2026-03-06', receivedOn: '2026-03-07', outcome: 'verified', method: 'numéro client' } })).rejects.toMatchObject({ code: 'letter_not_applicable' });
    await expect(letter('identity-request', { identity: { requestedOn: '2026-03-06', method: 'numéro client' } })).resolves.toMatchObject({ draft: false });
  });
});

describe('representative (item 10)', () => {
  it('writes to a lawyer as « Maître », about the client, and asks for the missing mandate', async () => {
    const r = await letter('acknowledgement', { requester: { name: 'Zoé Clément', representative: { name: 'Me Claire Vidal', capacity: 'Avocate' } } });
    expect(r.text).toContain('Maître Claire Vidal');
    expect(r.text).toContain('Conseil de Zoé Clément');
    expect(r.text).toMatch(/Maître,Nous accusons réception de la demande que vous nous avez adressée pour le compte de Zoé Clément/);
    expect(r.text).toMatch(/le mandat par lequel Zoé Clément vous autorise/);
    expect(r.text).toContain('Nous vous prions d’agréer, Maître,');
  });
  it('does not ask for a mandate already received; speaks of the client’s rights in a refusal', async () => {
    const r = await letter('refusal', { requester: { name: 'Zoé Clément', representative: { name: 'Paul Durand', capacity: 'Mandataire', mandateReceivedOn: '2026-03-05' } }, outcome: { result: 'refused', reasons: 'Motif.' } });
    expect(r.text).not.toContain('mandat par lequel');
    expect(r.text).toContain('Madame, Monsieur,');
    expect(r.text).toMatch(/Zoé Clément dispose du droit d’introduire une réclamation/);
  });
  it('refuses to disclose data to a representative without a mandate', async () => {
    await expect(letter('response-cover', { requester: { name: 'Zoé Clément', representative: { name: 'Me Claire Vidal' } }, outcome: { result: 'fulfilled' } })).rejects.toMatchObject({ code: 'letter_incomplete', details: { missing: [expect.stringContaining('mandat')] } });
  });
  it.each([
    [{ name: 'Me Claire Vidal' }, true],
    [{ name: 'Claire Vidal', capacity: 'Avocate au barreau de Paris' }, true],
    [{ name: 'Paul Durand', capacity: 'Fils' }, false],
  ])('isLawyer(%o) = %s', (rep, expected) => expect(isLawyer(rep)).toBe(expected));
});

describe('missing letters (item 12)', () => {
  it('Art. 12(5): refusal of a manifestly excessive request, or a reasonable fee', async () => {
    const refused = await letter('unfounded', { outcome: { result: 'refused', reasons: 'Sixième demande identique en deux mois.' } });
    expect(refused.text).toMatch(/article 12, paragraphe 5, b\), du RGPD, nous refusons d’y donner suite/);
    expect(refused.text).toMatch(COMPLAINT_FR);
    const fee = await letter('unfounded', { outcome: { reasons: 'Copies supplémentaires demandées.', fee: 1500 } });
    expect(fee.text).toContain('frais raisonnables de 1 500 €');
    await expect(letter('unfounded', {})).rejects.toMatchObject({ code: 'letter_not_applicable' });
  });
  it('Art. 11(2): unable to identify', async () => {
    const r = await letter('unidentifiable', { identity: { requestedOn: '2026-03-06', outcome: 'failed', method: 'numéro client' }, outcome: { result: 'refused', reasons: 'Aucun compte ne correspond à l’adresse indiquée.' } });
    expect(r.text).toMatch(/article 11, paragraphe 2, du RGPD, les articles 15 à 20 ne s’appliquent donc pas/);
    expect(r.text).toMatch(COMPLAINT_FR);
    await expect(letter('unidentifiable', { identity: { outcome: 'verified' } })).rejects.toMatchObject({ code: 'letter_not_applicable' });
  });
  it('Art. 19: notice to the recipients', async () => {
    const r = await letter('recipients-notice', { rights: ['erasure'], recipients: ['Transporteur Express SAS'], outcome: { result: 'fulfilled' } });
    expect(r.text).toContain('Transporteur Express SAS');
    expect(r.text).toContain('Notification d’un effacement (article 19 du RGPD)');
    expect(r.text).toMatch(/Conformément à l’article 19 du RGPD, nous vous informons qu’à la suite de sa demande, nous avons effacé les données/);
    await expect(letter('recipients-notice', { rights: ['access'], outcome: { result: 'fulfilled' } })).rejects.toMatchObject({ code: 'letter_not_applicable' });
    await expect(letter('recipients-notice', { rights: ['erasure'], outcome: { result: 'fulfilled' } })).rejects.toMatchObject({ code: 'letter_incomplete' });
  });
  it('Art. 21(3): direct marketing stopped; refused for another ground', async () => {
    const r = await letter('marketing-stopped', { rights: ['objection'], objectionGround: 'marketing', outcome: { result: 'fulfilled' } }, { lang: 'en' });
    expect(r.text).toMatch(/In accordance with Article 21\(3\) GDPR, the data about you are no longer processed for direct marketing/);
    expect(() => checkLetterAllowed({ type: 'marketing-stopped', dsar: parseDsarCase({ requester: { name: 'X' }, rights: ['objection'], objectionGround: 'legitimate-interest', channel: 'email', receivedOn: '2026-03-05' }), deadlines: computeCase(parseDsarCase({ requester: { name: 'X' }, rights: ['objection'], channel: 'email', receivedOn: '2026-03-05' }), { defaultJurisdiction: 'FR', today: '2026-03-06' }).deadlines, today: '2026-03-06' })).toThrow(/direct marketing/);
  });
});

describe('typography of the letters', () => {
  it('« 1er » on the first of a month, no ISO date in prose', async () => {
    const r = await letter('acknowledgement', { receivedOn: '2026-09-01' }, { today: '2026-10-01' });
    expect(r.text).toContain('reçue le 1er septembre 2026');
    expect(r.text).toContain('Metz, le 1er octobre 2026');
    expect(r.text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });
});
