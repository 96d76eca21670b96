import { describe, expect, it } from 'vitest';
import { legalBasisLabel, parseLegalBasis } from './legal-basis';
import { LEGAL_BASIS_IDS, type LegalBasisId } from './vocabulary';

describe('parseLegalBasis', () => {
  it.each<[string, LegalBasisId]>([
    // French names
    ['Consentement', 'consent'],
    ['Contrat', 'contract'],
    ["Exécution d'un contrat", 'contract'],
    ['Exécution d’un contrat', 'contract'],
    ['Obligation légale', 'legal-obligation'],
    ['Intérêts vitaux', 'vital-interests'],
    ['Sauvegarde des intérêts vitaux', 'vital-interests'],
    ["Mission d'intérêt public", 'public-task'],
    ['Intérêt légitime', 'legitimate-interests'],
    ['Intérêts légitimes', 'legitimate-interests'],
    // English names
    ['consent', 'consent'],
    ['contract', 'contract'],
    ['legal obligation', 'legal-obligation'],
    ['vital interests', 'vital-interests'],
    ['public task', 'public-task'],
    ['legitimate interest', 'legitimate-interests'],
    ['legitimate interests', 'legitimate-interests'],
    // case, accents and whitespace
    ['  CONSENTEMENT  ', 'consent'],
    ['obligation legale', 'legal-obligation'],
    ['INTERETS   LEGITIMES', 'legitimate-interests'],
    ['mission d interet public', 'public-task'],
    ['Legal\tObligation', 'legal-obligation'],
    // ids
    ...LEGAL_BASIS_IDS.map((id) => [id, id] as [string, LegalBasisId]),
    // article forms
    ['6(1)(f)', 'legitimate-interests'],
    ['6.1.f', 'legitimate-interests'],
    ['art. 6-1-f', 'legitimate-interests'],
    ['Article 6(1)(a) RGPD', 'consent'],
    ['6-1 a', 'consent'],
    ['Art. 6(1)(b)', 'contract'],
    ['article 6.1.c du RGPD', 'legal-obligation'],
    ['6 (1) (d)', 'vital-interests'],
    ['Art 6(1)(e) GDPR', 'public-task'],
    ['ART. 6-1-F', 'legitimate-interests'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseLegalBasis(input)).toBe(expected);
  });

  it.each([
    'consent?',
    '',
    '   ',
    'article 7',
    'Art. 9(2)(a)',
    '6(1)(g)',
    '6(1)',
    '6(2)(a)',
    'consentement explicite',
    'intérêt',
    'contrats',
  ])('rejects %j', (input) => {
    expect(parseLegalBasis(input)).toBeNull();
  });
});

describe('legalBasisLabel', () => {
  it.each<[LegalBasisId, 'fr' | 'en', string]>([
    ['consent', 'fr', 'Consentement'],
    ['consent', 'en', 'Consent'],
    ['legal-obligation', 'fr', 'Obligation légale'],
    ['legitimate-interests', 'en', 'Legitimate interests'],
  ])('%s in %s is %j', (id, lang, label) => {
    expect(legalBasisLabel(id, lang)).toBe(label);
  });

  it('can add the article', () => {
    expect(legalBasisLabel('legitimate-interests', 'fr', { withArticle: true })).toBe('Intérêts légitimes (art. 6(1)(f))');
    expect(legalBasisLabel('consent', 'en', { withArticle: true })).toBe('Consent (Art. 6(1)(a))');
  });

  it.each(LEGAL_BASIS_IDS.flatMap((id) => (['fr', 'en'] as const).map((lang) => [id, lang] as const)))(
    'the %s label in %s parses back to the same id',
    (id, lang) => {
      expect(parseLegalBasis(legalBasisLabel(id, lang))).toBe(id);
    },
  );
});
