import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  ART35_3_CASES,
  ART35_3_CASE_IDS,
  CNIL_DPIA_LIST,
  CNIL_DPIA_LIST_IDS,
  WP248_CRITERIA,
  WP248_CRITERION_IDS,
  screenDpia,
  DPIA_SCREENING_LABELS,
  dpiaDecision,
  type DpiaScreeningInput,
} from './dpia';

describe('DPIA vocabularies', () => {
  it('has the nine WP248 criteria, numbered 1 to 9', () => {
    expect(WP248_CRITERION_IDS).toHaveLength(9);
    expect(WP248_CRITERION_IDS.map((id) => WP248_CRITERIA[id].number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('has the 14 types of operations of the CNIL list, numbered 1 to 14', () => {
    expect(CNIL_DPIA_LIST_IDS).toHaveLength(14);
    expect(CNIL_DPIA_LIST_IDS.map((id) => CNIL_DPIA_LIST[id].number)).toEqual(
      Array.from({ length: 14 }, (_, i) => i + 1),
    );
  });

  it('has the three Art. 35(3) cases', () => {
    expect(ART35_3_CASE_IDS.map((id) => ART35_3_CASES[id].article)).toEqual([
      'Art. 35(3)(a)',
      'Art. 35(3)(b)',
      'Art. 35(3)(c)',
    ]);
  });

  it.each([
    ...WP248_CRITERION_IDS.map((id) => [id, WP248_CRITERIA[id].label, WP248_CRITERIA[id].explanation] as const),
    ...CNIL_DPIA_LIST_IDS.map((id) => [id, CNIL_DPIA_LIST[id].label, CNIL_DPIA_LIST[id].label] as const),
    ...ART35_3_CASE_IDS.map((id) => [id, ART35_3_CASES[id].label, ART35_3_CASES[id].label] as const),
  ])('%s has French and English texts', (id, label, explanation) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const text of [label.fr, label.en, explanation.fr, explanation.en]) expect(text.trim()).not.toBe('');
  });

  it('only cites existing criteria for CNIL list items', () => {
    for (const id of CNIL_DPIA_LIST_IDS) {
      for (const criterion of CNIL_DPIA_LIST[id].criteria ?? []) expect(WP248_CRITERION_IDS).toContain(criterion);
    }
  });
});

describe('screenDpia', () => {
  // WP248: one criterion is « à examiner », two or more (or a CNIL-list operation) « probablement
  // nécessaire »; only an Art. 35(3) case is required by the Regulation itself.
  it.each<[string, DpiaScreeningInput, 'required' | 'likely' | 'to-examine' | 'not-indicated']>([
    ['nothing ticked', { criteria: [], cnilListItems: [] }, 'not-indicated'],
    ['nothing ticked, empty Art. 35(3)', { criteria: [], cnilListItems: [], art35_3: [] }, 'not-indicated'],
    ['one criterion', { criteria: ['large-scale'], cnilListItems: [] }, 'to-examine'],
    ['the same criterion twice counts once', { criteria: ['large-scale', 'large-scale'], cnilListItems: [] }, 'to-examine'],
    ['two criteria', { criteria: ['large-scale', 'sensitive-data'], cnilListItems: [] }, 'likely'],
    ['nine criteria', { criteria: [...WP248_CRITERION_IDS], cnilListItems: [] }, 'likely'],
    ['a CNIL list item and no criterion', { criteria: [], cnilListItems: ['large-scale-location'] }, 'likely'],
    ['a CNIL list item and one criterion', { criteria: ['innovative-use'], cnilListItems: ['hr-profiling'] }, 'likely'],
    ['an Art. 35(3) case and no criterion', { criteria: [], cnilListItems: [], art35_3: ['public-area-monitoring'] }, 'required'],
  ])('%s → %s', (_, input, expected) => {
    expect(screenDpia(input).result).toBe(expected);
  });

  it('names the CNIL list item that triggered the result, in both languages', () => {
    const { reasons } = screenDpia({ criteria: [], cnilListItems: ['large-scale-location'] });
    expect(reasons.fr).toHaveLength(1);
    expect(reasons.fr[0]).toContain('2018-327');
    expect(reasons.fr[0]).toContain('n° 14');
    expect(reasons.fr[0]).toContain('Traitements de données de localisation à large échelle');
    expect(reasons.en[0]).toContain('item 14');
    expect(reasons.en[0]).toContain('Large-scale processing of location data');
  });

  it('names the Art. 35(3) case', () => {
    const { reasons } = screenDpia({ criteria: [], cnilListItems: [], art35_3: ['large-scale-special-data'] });
    expect(reasons.en[0]).toContain('Art. 35(3)(b)');
    expect(reasons.fr[0]).toContain('art. 35, § 3, b) du RGPD');
  });

  it('names each criterion and the two-criteria rule', () => {
    const { reasons } = screenDpia({ criteria: ['vulnerable-subjects', 'evaluation-scoring'], cnilListItems: [] });
    expect(reasons.en).toHaveLength(1);
    expect(reasons.en[0]).toContain('2 WP248 criteria');
    expect(reasons.en[0]).toContain('1. Evaluation or scoring');
    expect(reasons.en[0]).toContain('7. Data concerning vulnerable data subjects');
    expect(reasons.fr[0]).toContain('2 critères WP248');
  });

  it('says a single criterion may still require a DPIA and asks to document the decision', () => {
    const { reasons } = screenDpia({ criteria: ['systematic-monitoring'], cnilListItems: [] });
    expect(reasons.en[0]).toContain('Systematic monitoring');
    expect(reasons.en[0]).toContain('to examine');
    expect(reasons.en[0]).toContain('Record your decision and why');
    expect(reasons.fr[0]).toContain('à examiner');
    expect(reasons.fr[0]).toContain('Notez votre décision et son motif');
  });

  it('explains a not-indicated result', () => {
    const { reasons } = screenDpia({ criteria: [], cnilListItems: [] });
    expect(reasons.en).toEqual(['No WP248 criterion, no Art. 35(3) case and no CNIL list item is ticked.']);
    expect(reasons.fr).toHaveLength(1);
  });

  it('lists every trigger when several apply', () => {
    const r = screenDpia({
      criteria: ['large-scale', 'sensitive-data'],
      cnilListItems: ['health-establishment-care'],
      art35_3: ['large-scale-special-data'],
    });
    expect(r.result).toBe('required');
    expect(r.reasons.en).toHaveLength(3);
    expect(r.matched).toEqual({
      criteria: ['sensitive-data', 'large-scale'],
      cnilListItems: ['health-establishment-care'],
      art35_3: ['large-scale-special-data'],
    });
  });

  it.each<[string, DpiaScreeningInput, string]>([
    ['criterion', { criteria: ['profiling'], cnilListItems: [] }, 'Unknown WP248 criterion: "profiling"'],
    ['CNIL item', { criteria: [], cnilListItems: ['cctv'] }, 'Unknown CNIL DPIA list item: "cctv"'],
    ['Art. 35(3) case', { criteria: [], cnilListItems: [], art35_3: ['x'] }, 'Unknown Art. 35(3) case: "x"'],
  ])('rejects an unknown %s', (_, input, message) => {
    let error: unknown;
    try {
      screenDpia(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_dpia_screening');
    expect((error as DomainError).message).toContain(message);
  });
});

describe('DPIA screening labels and the DPO’s decision', () => {
  it.each<[DpiaScreeningInput, string, string]>([
    [{ criteria: ['large-scale'], cnilListItems: [] }, 'AIPD à examiner', 'DPIA to examine'],
    [{ criteria: ['large-scale', 'sensitive-data'], cnilListItems: [] }, 'AIPD probablement nécessaire', 'DPIA likely needed'],
    [{ criteria: [], cnilListItems: ['large-scale-location'] }, 'AIPD probablement nécessaire', 'DPIA likely needed'],
    [{ criteria: [], cnilListItems: [], art35_3: ['public-area-monitoring'] }, 'AIPD obligatoire (art. 35, § 3, du RGPD)', 'DPIA required (GDPR Art. 35(3))'],
    [{ criteria: [], cnilListItems: [] }, 'AIPD non indiquée', 'DPIA not indicated'],
  ])('%j → « %s » / "%s"', (input, fr, en) => {
    expect(DPIA_SCREENING_LABELS[screenDpia(input).result]).toEqual({ fr, en });
  });

  const date = (iso: string, lang: 'fr' | 'en') => `${lang}:${iso}`;
  it.each<[Parameters<typeof dpiaDecision>[0], string, string]>([
    [{ done: true, doneOn: '2026-03-01' }, 'AIPD réalisée le fr:2026-03-01', 'DPIA carried out on en:2026-03-01'],
    [{ done: true }, 'AIPD réalisée (date non renseignée)', 'DPIA carried out (date not recorded)'],
    [{ done: false, note: 'Données pseudonymisées, volume faible' }, "Pas d'AIPD à ce jour. Motif : Données pseudonymisées, volume faible", 'No DPIA so far. Reason: Données pseudonymisées, volume faible'],
    [{}, 'Décision non documentée', 'Decision not documented'],
  ])('decision %j', (dpia, fr, en) => {
    expect(dpiaDecision(dpia, date)).toEqual({ fr, en });
  });
});
