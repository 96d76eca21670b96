import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import {
  CIRCUMSTANCE_LEVELS,
  cnilGravity,
  computeSeverity,
  DPC_ADJUSTMENT_FACTORS,
  DPC_CATEGORIES,
  ENISA_REFERENCE,
  EI_LEVELS,
  finalDpc,
  parseCircumstance,
  parseDpc,
  parseEi,
  riskDecisionHint,
  type SeverityInput,
  type SeverityLevel,
  severityLevel,
  SEVERITY_LEVELS,
} from './severity';

function expectDomainError(fn: () => unknown, messagePart: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_input');
    expect((error as DomainError).message).toContain(messagePart);
    return;
  }
  throw new Error('expected a DomainError');
}

describe('vocabularies', () => {
  it('DPC categories 1–4 with bilingual labels and examples', () => {
    expect(DPC_CATEGORIES.map((c) => [c.id, c.base])).toEqual([
      ['simple', 1],
      ['behavioural', 2],
      ['financial', 3],
      ['sensitive', 4],
    ]);
    for (const c of DPC_CATEGORIES) {
      expect(c.label.fr && c.label.en && c.examples.fr && c.examples.en).toBeTruthy();
    }
  });

  it('context adjustments: three increasing and three decreasing factors', () => {
    expect(DPC_ADJUSTMENT_FACTORS.filter((f) => f.direction === 'increase')).toHaveLength(3);
    expect(DPC_ADJUSTMENT_FACTORS.filter((f) => f.direction === 'decrease')).toHaveLength(3);
    for (const f of DPC_ADJUSTMENT_FACTORS) expect(f.explanation.fr && f.explanation.en).toBeTruthy();
  });

  it('EI levels', () => {
    expect(EI_LEVELS.map((l) => [l.id, l.value])).toEqual([
      ['negligible', 0.25],
      ['limited', 0.5],
      ['significant', 0.75],
      ['maximum', 1],
    ]);
  });

  it('CB levels (0 / 0.25 / 0.5 per element, not +0.25 per element)', () => {
    expect(CIRCUMSTANCE_LEVELS.confidentiality.map((l) => [l.id, l.value])).toEqual([
      ['none', 0],
      ['limited', 0.25],
      ['unknown', 0.5],
    ]);
    expect(CIRCUMSTANCE_LEVELS.integrity.map((l) => [l.id, l.value])).toEqual([
      ['none', 0],
      ['recoverable', 0.25],
      ['not-recoverable', 0.5],
    ]);
    expect(CIRCUMSTANCE_LEVELS.availability.map((l) => [l.id, l.value])).toEqual([
      ['none', 0],
      ['temporary', 0.25],
      ['permanent', 0.5],
    ]);
  });

  it('severity levels with lower bounds', () => {
    expect(SEVERITY_LEVELS.map((l) => [l.id, l.min])).toEqual([
      ['low', Number.NEGATIVE_INFINITY],
      ['medium', 2],
      ['high', 3],
      ['very-high', 4],
    ]);
  });
});

describe('computeSeverity — the four arithmetic vectors of the reference note (§3.8)', () => {
  it.each([
    ['1 × 1 + 0', { dpc: 1, ei: 1 }, 1, 'low'],
    ['3 × 0.75 + 0.5 (malicious)', { dpc: 3, ei: 0.75, malicious: true }, 2.75, 'medium'],
    ['4 × 1 + 0.5', { dpc: 4, ei: 1, confidentiality: 'unknown' }, 4.5, 'very-high'],
    ['2 × 1 + 0 (lower bound inclusive)', { dpc: 2, ei: 1 }, 2, 'medium'],
  ] as [string, SeverityInput, number, SeverityLevel][])('%s = %d → %s', (_label, input, score, level) => {
    const result = computeSeverity(input);
    expect(result.score).toBe(score);
    expect(result.level).toBe(level);
  });
});

describe('computeSeverity — band edges from real factor combinations', () => {
  // Real factors are multiples of 0.25, so the highest score below a bound is bound − 0.25.
  it.each([
    ['3 × 0.25 + unknown recipients 0.5 + malicious 0.5', { dpc: 3, ei: 'negligible', confidentiality: 'unknown', malicious: true }, 1.75, 'low'],
    ['1 × 1 + 0.25 + 0.25 + 0.25', { dpc: 1, ei: 'maximum', confidentiality: 'limited', integrity: 'recoverable', availability: 'temporary' }, 1.75, 'low'],
    ['2 × 1 + 0', { dpc: 2, ei: 'maximum' }, 2, 'medium'],
    ['1 × 1 + unknown 0.5 + malicious 0.5', { dpc: 1, ei: 1, confidentiality: 0.5, malicious: true }, 2, 'medium'],
    ['4 × 0.5 + 0', { dpc: 4, ei: 'limited' }, 2, 'medium'],
    ['3 × 0.75 + malicious 0.5', { dpc: 'financial', ei: 'significant', malicious: true }, 2.75, 'medium'],
    ['2 × 1 + 0.25 + 0.5', { dpc: 2, ei: 1, confidentiality: 'limited', availability: 'permanent' }, 2.75, 'medium'],
    ['3 × 1 + 0', { dpc: 3, ei: 1 }, 3, 'high'],
    ['2 × 1 + unknown 0.5 + malicious 0.5', { dpc: 2, ei: 1, confidentiality: 'unknown', malicious: true }, 3, 'high'],
    ['4 × 0.75 + 0', { dpc: 4, ei: 0.75 }, 3, 'high'],
    ['4 × 0.75 + 0.25 + 0.25 + 0.25', { dpc: 4, ei: 0.75, confidentiality: 'limited', integrity: 'recoverable', availability: 'temporary' }, 3.75, 'high'],
    ['3 × 1 + 0.25 + malicious 0.5', { dpc: 3, ei: 1, integrity: 'recoverable', malicious: true }, 3.75, 'high'],
    ['4 × 1 + 0', { dpc: 'sensitive', ei: 'maximum' }, 4, 'very-high'],
    ['3 × 1 + unknown 0.5 + malicious 0.5', { dpc: 3, ei: 1, confidentiality: 'unknown', malicious: true }, 4, 'very-high'],
    ['4 × 0.75 + not recoverable 0.5 + malicious 0.5', { dpc: 4, ei: 0.75, integrity: 'not-recoverable', malicious: true }, 4, 'very-high'],
    ['minimum 1 × 0.25', { dpc: 1, ei: 0.25 }, 0.25, 'low'],
    ['maximum 4 × 1 + 0.5 × 4', { dpc: 4, ei: 1, confidentiality: 'unknown', integrity: 'not-recoverable', availability: 'permanent', malicious: true }, 6, 'very-high'],
  ] as [string, SeverityInput, number, SeverityLevel][])('%s = %d → %s', (_label, input, score, level) => {
    const result = computeSeverity(input);
    expect(result.score).toBe(score);
    expect(result.level).toBe(level);
  });
});

describe('severityLevel — band edges (lower bounds inclusive)', () => {
  it.each([
    [0, 'low'],
    [1.99, 'low'],
    [1.999, 'low'],
    [2, 'medium'],
    [2.99, 'medium'],
    [3, 'high'],
    [2.9999999999, 'high'], // floating-point noise around 3
    [3.99, 'high'],
    [4, 'very-high'],
    [6, 'very-high'],
  ] as [number, SeverityLevel][])('%d → %s', (score, level) => {
    expect(severityLevel(score)).toBe(level);
  });

  it('rejects a non-finite score', () => {
    expectDomainError(() => severityLevel(Number.NaN), 'Invalid severity score');
  });
});

describe('computeSeverity — every factor combination', () => {
  it('score = DPC × EI + CB, exact to 2 decimals, level from the bands', () => {
    let count = 0;
    for (const dpc of [1, 2, 3, 4]) {
      for (const ei of EI_LEVELS) {
        for (const c of CIRCUMSTANCE_LEVELS.confidentiality) {
          for (const i of CIRCUMSTANCE_LEVELS.integrity) {
            for (const a of CIRCUMSTANCE_LEVELS.availability) {
              for (const malicious of [false, true]) {
                const result = computeSeverity({ dpc, ei: ei.id, confidentiality: c.id, integrity: i.id, availability: a.id, malicious });
                const quarters = dpc * ei.value * 4 + (c.value + i.value + a.value + (malicious ? 0.5 : 0)) * 4;
                expect(Number.isInteger(Math.round(quarters * 1e9) / 1e9)).toBe(true);
                expect(result.score).toBe(quarters / 4);
                const expectedLevel: SeverityLevel =
                  result.score >= 4 ? 'very-high' : result.score >= 3 ? 'high' : result.score >= 2 ? 'medium' : 'low';
                expect(result.level).toBe(expectedLevel);
                expect(result.breakdown.cb).toBe(c.value + i.value + a.value + (malicious ? 0.5 : 0));
                count += 1;
              }
            }
          }
        }
      }
    }
    expect(count).toBe(4 * 4 * 3 * 3 * 3 * 2);
  });
});

describe('computeSeverity — malicious flag, breakdown and explanation', () => {
  it('malicious intent adds exactly 0.5', () => {
    const base = { dpc: 2, ei: 0.75, confidentiality: 'limited' } as const;
    const without = computeSeverity(base);
    const withIt = computeSeverity({ ...base, malicious: true });
    expect(without.score).toBe(1.75);
    expect(withIt.score).toBe(2.25);
    expect(without.level).toBe('low');
    expect(withIt.level).toBe('medium');
    expect(withIt.breakdown.malicious).toBe(0.5);
    expect(without.breakdown.malicious).toBe(0);
  });

  it('rejects a non-boolean malicious flag', () => {
    expectDomainError(
      () => computeSeverity({ dpc: 2, ei: 1, malicious: 'yes' as unknown as boolean }),
      'Invalid malicious flag "yes"',
    );
  });

  it('gives a full breakdown', () => {
    const result = computeSeverity({
      dpc: { base: 'simple', adjustment: 2 },
      ei: '0.75',
      confidentiality: 'unknown',
      integrity: 0,
      availability: 'temporary',
      malicious: true,
    });
    expect(result.breakdown).toEqual({
      dpcBase: 1,
      dpcAdjustment: 2,
      dpc: 3,
      ei: 0.75,
      eiLevel: 'significant',
      dpcTimesEi: 2.25,
      confidentiality: 0.5,
      confidentialityLevel: 'unknown',
      integrity: 0,
      integrityLevel: 'none',
      availability: 0.25,
      availabilityLevel: 'temporary',
      malicious: 0.5,
      cb: 1.25,
    });
    expect(result.score).toBe(3.5);
    expect(result.level).toBe('high');
  });

  it('explains the computation in English and French', () => {
    const result = computeSeverity({ dpc: { base: 'simple', adjustment: 2 }, ei: 'significant', malicious: true });
    expect(result.score).toBe(2.75);
    expect(result.explanation.en).toContain('Data processing context (DPC): 3 (base 1 — Simple data, adjustment +2)');
    expect(result.explanation.en).toContain('Ease of identification (EI): 0.75 — significant');
    expect(result.explanation.en).toContain('DPC × EI = 3 × 0.75 = 2.25');
    expect(result.explanation.en.join('\n')).toContain('SE = DPC × EI + CB = 2.25 + 0.5 = 2.75 → medium severity');
    expect(result.explanation.fr).toContain('Contexte de traitement (DPC) : 3 (base 1 — Données simples, ajustement +2)');
    expect(result.explanation.fr).toContain('DPC × EI = 3 × 0,75 = 2,25');
    expect(result.explanation.fr.join('\n')).toContain('SE = DPC × EI + CB = 2,25 + 0,5 = 2,75 → niveau moyen');
    expect(result.explanation.fr).toHaveLength(result.explanation.en.length);
  });

  it('a clamped DPC is explained', () => {
    const result = computeSeverity({ dpc: { base: 4, adjustment: 2 }, ei: 1 });
    expect(result.breakdown.dpc).toBe(4);
    expect(result.explanation.en[0]).toContain('kept within 1–4');
    expect(result.explanation.fr[0]).toContain('ramené à l’intervalle 1–4');
  });

  it.each([
    [{ dpc: 0, ei: 1 }, 'data processing context (DPC) 0'],
    [{ dpc: 5, ei: 1 }, 'data processing context (DPC) 5'],
    [{ dpc: 2.5, ei: 1 }, 'data processing context (DPC) 2.5'],
    [{ dpc: 2, ei: 0.6 }, 'ease of identification (EI) 0.6'],
    [{ dpc: 2, ei: 1, integrity: 'lost' }, 'integrity level "lost"'],
    [{ dpc: { base: 2, adjustment: 4 }, ei: 1 }, 'DPC adjustment 4'],
  ] as [SeverityInput, string][])('rejects %j', (input, messagePart) => {
    expectDomainError(() => computeSeverity(input), messagePart);
  });
});

describe('parseEi', () => {
  it.each([
    [0.25, 'negligible'],
    ['0.25', 'negligible'],
    [0.5, 'limited'],
    ['limited', 'limited'],
    [' Limited ', 'limited'],
    ['0,75', 'significant'],
    ['significant', 'significant'],
    [1, 'maximum'],
    ['1', 'maximum'],
    ['1.0', 'maximum'],
    ['MAXIMUM', 'maximum'],
  ] as [string | number, string][])('%j → %s', (x, id) => {
    expect(parseEi(x).id).toBe(id);
  });

  it.each([0, 0.3, 2, Number.NaN, '', 'high', '0.25x'])('rejects %j, listing the accepted values', (x) => {
    expectDomainError(
      () => parseEi(x),
      'accepted values are 0.25 or "negligible", 0.5 or "limited", 0.75 or "significant", 1 or "maximum"',
    );
  });
});

describe('parseCircumstance', () => {
  it.each([
    ['confidentiality', 0, 'none', 0],
    ['confidentiality', 'none', 'none', 0],
    ['confidentiality', 0.25, 'limited', 0.25],
    ['confidentiality', 'limited', 'limited', 0.25],
    ['confidentiality', '0.5', 'unknown', 0.5],
    ['confidentiality', 'unknown', 'unknown', 0.5],
    ['confidentiality', 'unknown_recipients', 'unknown', 0.5],
    ['integrity', 'recoverable', 'recoverable', 0.25],
    ['integrity', 'not-recoverable', 'not-recoverable', 0.5],
    ['integrity', 'not recoverable', 'not-recoverable', 0.5],
    ['integrity', 'unrecoverable', 'not-recoverable', 0.5],
    ['integrity', '0,5', 'not-recoverable', 0.5],
    ['availability', 'temporary', 'temporary', 0.25],
    ['availability', 'Permanent', 'permanent', 0.5],
    ['availability', 0, 'none', 0],
  ] as const)('%s %j → %s (%d)', (kind, x, id, value) => {
    const level = parseCircumstance(kind, x);
    expect(level.id).toBe(id);
    expect(level.value).toBe(value);
    expect(level.kind).toBe(kind);
  });

  it.each([
    ['confidentiality', 'permanent', 'accepted values are 0 or "none", 0.25 or "limited", 0.5 or "unknown"'],
    ['integrity', 0.75, 'accepted values are 0 or "none", 0.25 or "recoverable", 0.5 or "not-recoverable"'],
    ['availability', 'partial', 'accepted values are 0 or "none", 0.25 or "temporary", 0.5 or "permanent"'],
  ] as const)('rejects %s %j, listing the accepted values', (kind, x, messagePart) => {
    expectDomainError(() => parseCircumstance(kind, x), messagePart);
  });

  it('rejects an unknown kind', () => {
    expectDomainError(() => parseCircumstance('malice' as 'integrity', 0), '"malice"');
  });
});

describe('parseDpc and finalDpc', () => {
  it.each([
    [1, 1],
    ['4', 4],
    ['simple', 1],
    ['behavioural', 2],
    ['behavioral', 2],
    ['Financial', 3],
    ['sensitive', 4],
  ] as [string | number, number][])('parseDpc(%j) → %d', (x, dpc) => {
    expect(parseDpc(x)).toBe(dpc);
  });

  it.each([0, 5, 2.5, 'medical', ''])('parseDpc rejects %j, listing the accepted values', (x) => {
    expectDomainError(() => parseDpc(x), 'accepted values are 1, 2, 3, 4 or "simple" (1)');
  });

  it.each([
    [1, 0, 1, false],
    [1, 2, 3, false], // e.g. online pharmacy customer list
    ['behavioural', -1, 1, false],
    [4, 1, 4, true],
    [1, -1, 1, true],
    ['sensitive', -3, 1, false],
  ] as [string | number, number, number, boolean][])('finalDpc(%j, %d) → %d (clamped: %s)', (base, adjustment, dpc, clamped) => {
    expect(finalDpc(base, adjustment)).toMatchObject({ dpc, clamped, adjustment });
  });

  it.each([4, -4, 0.5])('finalDpc rejects adjustment %d', (adjustment) => {
    expectDomainError(() => finalDpc(2, adjustment), 'whole number between');
  });
});

describe('cnilGravity', () => {
  it.each([
    ['low', 'negligible', 'Négligeable'],
    ['medium', 'limited', 'Limité'],
    ['high', 'significant', 'Important'],
    ['very-high', 'maximum', 'Maximal'],
  ] as [SeverityLevel, string, string][])('%s → %s (%s)', (level, id, fr) => {
    expect(cnilGravity(level)).toMatchObject({ id, fr });
  });

  it('rejects an unknown level', () => {
    expectDomainError(() => cnilGravity('extreme' as SeverityLevel), '"extreme"');
  });
});

describe('riskDecisionHint', () => {
  it.each([
    ['low', 'risk', false, false],
    ['medium', 'risk', true, false],
    ['high', 'risk', true, true],
    ['very-high', 'risk', true, true],
    ['low', 'high-risk', false, false],
    ['medium', 'high-risk', false, false],
    ['high', 'high-risk', true, true],
    ['very-high', 'high-risk', true, true],
  ] as [SeverityLevel, 'risk' | 'high-risk', boolean, boolean][])(
    '%s with %s threshold → authority %s, persons %s',
    (level, authorityThreshold, notifyAuthority, communicateToDataSubjects) => {
      const hint = riskDecisionHint(level, { authorityThreshold });
      expect(hint.kind).toBe('hint');
      expect(hint.notifyAuthority).toBe(notifyAuthority);
      expect(hint.communicateToDataSubjects).toBe(communicateToDataSubjects);
      expect(hint.documentInternally).toBe(true);
      expect(hint.reasons.en.length).toBeGreaterThan(0);
      expect(hint.reasons.fr).toHaveLength(hint.reasons.en.length);
      expect(hint.reasons.en.join(' ')).toContain('not a decision');
      expect(hint.reasons.fr.join(' ')).toContain('pas une décision');
    },
  );

  it('defaults to the "risk" threshold and mentions the Art. 34(3) exemptions for high risk', () => {
    const hint = riskDecisionHint('high');
    expect(hint.notifyAuthority).toBe(true);
    expect(hint.reasons.en.join(' ')).toContain('Art. 34(3)');
    expect(hint.reasons.fr.join(' ')).toContain('34(3)');
  });

  it('low severity still requires documentation and advises notifying when in doubt', () => {
    const hint = riskDecisionHint('low');
    expect(hint.reasons.en.join(' ')).toContain('if in doubt, notify');
    expect(hint.reasons.en.join(' ')).toContain('Art. 33(5)');
  });

  it('rejects an unknown threshold or level', () => {
    expectDomainError(() => riskDecisionHint('low', { authorityThreshold: 'any' as 'risk' }), '"any"');
    expectDomainError(() => riskDecisionHint('severe' as SeverityLevel), '"severe"');
  });
});

describe('ENISA 2013 source record', () => {
  it.each([
    ['formula', true],
    ['ei', true],
    ['cb', false],
    ['bands', true],
  ] as const)('%s verified = %s, with the section cited', (id, verified) => {
    const part = ENISA_REFERENCE.parts.find((p) => p.id === id)!;
    expect(part.verified).toBe(verified);
    expect(part.cite).toMatch(/§ 2/);
  });

  it('the CB values used by the calculator are the ones the source record cites', () => {
    expect(CIRCUMSTANCE_LEVELS.confidentiality.map((l) => l.value)).toEqual([0, 0.25, 0.5]);
    expect(CIRCUMSTANCE_LEVELS.integrity.map((l) => l.value)).toEqual([0, 0.25, 0.5]);
    expect(CIRCUMSTANCE_LEVELS.availability.map((l) => l.value)).toEqual([0, 0.25, 0.5]);
    expect(computeSeverity({ dpc: 1, ei: 'maximum', malicious: true }).score).toBe(1.5);
  });
});
