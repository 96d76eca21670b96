import { describe, expect, it } from 'vitest';
import { articleRef } from './article-ref';

describe('articleRef — French references in the CNIL style', () => {
  it.each([
    ['Art. 30(1)(e)', 'art. 30, § 1, e)'],
    ['Art. 30(2)', 'art. 30, § 2'],
    ['Art. 10', 'art. 10'],
    ['Art. 6(1)(f)', 'art. 6, § 1, f)'],
    ['Art. 28(3)(e)', 'art. 28, § 3, e)'],
    ['Art. 49(1), 2nd subparagraph', 'art. 49, § 1, al. 2'],
    ['Art. 46(2)(b), Art. 47', 'art. 46, § 2, b) et art. 47'],
    ['Loi 78-17, art. 30', 'Loi 78-17, art. 30'],
    ['GDPR Art. 28(3)', 'art. 28, § 3'],
    ['GDPR Art. 28(1) and 32', 'art. 28, § 1 et art. 32'],
    ['GDPR Art. 33(2) and 28(3)(f)', 'art. 33, § 2 et art. 28, § 3, f)'],
    ['GDPR Art. 44 and 46', 'art. 44 et art. 46'],
    ['EDPB Recommendations 01/2020, step 4', 'CEPD, recommandations 01/2020, étape 4'],
  ])('%s → %s', (en, fr) => {
    expect(articleRef(en, 'fr')).toBe(fr);
    expect(articleRef(en, 'en')).toBe(en);
  });
});
