import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { computeBreach, parseBreach } from '../../domain/breaches/breach';
import { DEFAULT_ORG_PROFILE, type OrgProfile } from '../../domain/org-profile';
import { breachDataText, buildBreachRegisterDocx, buildPeopleLetterDocx, buildPublicNoticeDocx } from './breaches-documents';

const profile: OrgProfile = { ...DEFAULT_ORG_PROFILE, controller_name: 'ACME SAS', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr', legal_rep_name: 'Paul Martin', legal_rep_title: 'Président', time_zone: 'Europe/Paris' };
const breach = (extra: Record<string, unknown> = {}) => ({
  ...parseBreach({
    title: 'Fichier de prospects exposé',
    timeZone: 'Europe/Paris',
    awareAt: '2026-11-18T15:20:00Z',
    description: 'Un fichier de prospects a été rendu accessible par un lien public pendant deux jours.',
    nature: ['confidentiality'],
    dataCategories: ['civil-status', 'contact'],
    otherData: 'noms, prénoms et adresses électroniques',
    consequences: 'Risque de messages d’hameçonnage ciblés.',
    measuresTaken: 'Lien désactivé, journaux analysés.',
    adviceToPeople: 'Méfiez-vous des messages vous demandant vos identifiants.',
    peopleCount: 12000,
    ...extra,
  }),
  reference: 'BR-2026-002',
});
const textOf = (buf: Buffer) => {
  const files = unzipSync(new Uint8Array(buf));
  // Runs of one paragraph are joined as they read (« 1 » + superscript « er »); other tags become spaces.
  const norm = (s: string) => s.replace(/<\/w:t><\/w:r><w:r>(?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t[^>]*>/g, '').replace(/<[^>]+>/g, ' ').replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-').replace(/ +/g, ' ');
  return { body: norm(strFromU8(files['word/document.xml']!)), headers: Object.keys(files).filter((n) => n.startsWith('word/header')).map((n) => norm(strFromU8(files[n]!))).join(' ') };
};

describe('letter to the persons (Art. 34, issue 14 item 9)', () => {
  it('gives the breach’s own data, not the form’s generic examples', () => {
    expect(breachDataText(breach(), 'fr')).toBe('État civil, coordonnées (noms, prénoms et adresses électroniques)');
    expect(breachDataText(breach({ otherData: '' }), 'en')).toBe('Civil status, contact details');
    expect(breachDataText(breach(), 'fr')).not.toMatch(/date de naissance|sexe/);
  });
  it('is dated the day of the communication in the workspace zone, signed by the controller and the named DPO', async () => {
    const r = await buildPeopleLetterDocx(breach({ decisions: { people: { decision: 'communicate', decidedBy: 'DPO', decidedAt: '2026-11-30T10:00:00Z', communicatedAt: '2026-11-30T23:30:00Z' } } }), profile, 'fr', { now: new Date('2026-12-05T10:00:00Z') });
    const t = textOf(r.buffer);
    expect(r.missing).toEqual([]);
    expect(t.body).toContain('Metz, le 1er décembre 2026');
    expect(t.body).toContain('le 18 novembre 2026 à 16 h 20');
    expect(t.body).toContain('État civil, coordonnées (noms, prénoms et adresses électroniques)');
    expect(t.body).toMatch(/Pour ACME SAS.*Paul Martin, Président.*Jeanne Dupont.*Délégué à la protection des données/);
    expect(t.body).toContain('Commission nationale de l’informatique et des libertés (CNIL)');
    expect(t.headers).not.toContain('PROJET');
  });
  it('without a communication date: dated today in the workspace zone', async () => {
    const r = await buildPeopleLetterDocx(breach(), profile, 'en', { now: new Date('2026-11-30T23:30:00Z') });
    expect(textOf(r.buffer).body).toContain('Metz, 1 December 2026');
  });
  it('missing content: a draft marked PROJET on every page, with the list', async () => {
    const r = await buildPeopleLetterDocx(breach({ adviceToPeople: '' }), { ...profile, dpo_name: '' }, 'fr', { now: new Date('2026-12-01T10:00:00Z') });
    expect(r.missing).toEqual(expect.arrayContaining([expect.stringContaining('conseils aux personnes'), expect.stringContaining('nom du délégué')]));
    expect(textOf(r.buffer).headers).toContain('PROJET');
  });
});

describe('public communication (Art. 34(3)(c))', () => {
  it('says why it replaces individual letters and speaks of the persons concerned', async () => {
    const fr = textOf((await buildPublicNoticeDocx(breach(), profile, 'fr', { now: new Date('2026-12-01T10:00:00Z') })).buffer).body;
    expect(fr).toContain('Communication publique');
    expect(fr).toContain('article 34, paragraphe 3, c), du RGPD');
    expect(fr).toContain('Nombre approximatif de personnes concernées : 12 000.');
    expect(fr).toContain('Ce que les personnes concernées peuvent faire');
    expect(fr).not.toMatch(/Madame, Monsieur/);
    const en = textOf((await buildPublicNoticeDocx(breach(), profile, 'en', { now: new Date('2026-12-01T10:00:00Z') })).buffer).body;
    expect(en).toContain('Article 34(3)(c) GDPR');
    expect(en).toContain('12,000');
  });
});

describe('breach register (Art. 33(5))', () => {
  const items = ['BR-2026-001', 'BR-2026-002', 'BR-2026-003'].map((reference, i) => {
    const b = { ...breach({ title: `Violation ${i + 1}`, awareAt: `2026-1${i}-01T08:00:00Z` }), reference };
    return { breach: b, computed: computeBreach(b, { hours: 72, now: new Date('2026-12-01T10:00:00Z'), processor: false }) };
  });
  it('one sheet per breach, each starting a page, in one section with one footer', async () => {
    const files = unzipSync(new Uint8Array(await buildBreachRegisterDocx(items, profile, 'fr', '2026-12-01')));
    const xml = strFromU8(files['word/document.xml']!);
    const sheets = xml.match(/<w:p><w:pPr><w:pStyle w:val="Heading2"\/>(?:(?!<\/w:pPr>).)*<\/w:pPr>/g) ?? [];
    expect(sheets).toHaveLength(3);
    expect(sheets.every((h) => h.includes('<w:pageBreakBefore/>'))).toBe(true);
    expect(xml.match(/<w:sectPr>/g)).toHaveLength(1);
    expect(Object.keys(files).filter((n) => /^word\/footer\d*\.xml$/.test(n))).toHaveLength(1);
    const t = textOf(await buildBreachRegisterDocx(items, profile, 'fr', '2026-12-01')).body;
    // Typeset as every document: no-break spaces, « 1er », unsplittable references (read back as plain text here).
    expect(t).toContain('Édité le 1er décembre 2026 — 3 violation(s)');
    expect(t).toMatch(/BR-2026-002 — Violation 2.*Prise de connaissance : .*1er novembre 2026/);
    expect(xml).toContain('BR\u20112026\u2011003');
  });
});
