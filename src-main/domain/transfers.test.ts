import { describe, expect, it } from 'vitest';
import adequacyJson from '../../resources/reference/adequacy.json' with { type: 'json' };
import { DomainError } from './errors';
import {
  ADEQUACY_REFERENCE,
  ART28_CHECKLIST,
  ART46_TOOLS,
  ART49_DEROGATIONS,
  SCC_MODULES,
  TIA_OUTCOME_IDS,
  TIA_STEPS,
  adequacyFor,
  isEea,
  isIsoDate,
  countryName,
  listCountries,
  parseReferenceFile,
  referenceSchemas,
  sccModuleLabel,
  tiaOutcomeLabel,
  transferCheck,
  transferWarnings,
  type TransferRecord,
} from './transfers';

const TODAY = '2026-11-22';

function expectDomainError(fn: () => unknown, code: string, ...fragments: string[]) {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  const err = caught as DomainError;
  expect(err.code).toBe(code);
  for (const f of fragments) expect(err.message).toContain(f);
}

describe('reference data self-consistency', () => {
  it('has 30 EEA states: 27 EU members plus IS, LI, NO', () => {
    expect(ADEQUACY_REFERENCE.eea).toHaveLength(30);
    expect(ADEQUACY_REFERENCE.eea.filter((c) => c.eu)).toHaveLength(27);
    expect(
      ADEQUACY_REFERENCE.eea
        .filter((c) => !c.eu)
        .map((c) => c.code)
        .sort(),
    ).toEqual(['IS', 'LI', 'NO']);
  });

  it('has no country both in the EEA and on the adequacy list, and no duplicate', () => {
    const eea = ADEQUACY_REFERENCE.eea.map((c) => c.code);
    const territories = ADEQUACY_REFERENCE.eeaTerritories.entries.map((c) => c.code);
    const adequacy = ADEQUACY_REFERENCE.adequacy.map((c) => c.code);
    const all = [...eea, ...territories, ...adequacy];
    expect(new Set(all).size).toBe(all.length);
  });

  it('uses valid ISO dates everywhere, none after checkedOn', () => {
    expect(ADEQUACY_REFERENCE.checkedOn).toBe('2026-11-22');
    for (const a of ADEQUACY_REFERENCE.adequacy) {
      expect(isIsoDate(a.date), a.code).toBe(true);
      expect(a.date <= ADEQUACY_REFERENCE.checkedOn, a.code).toBe(true);
      if (a.renewedOn) expect(isIsoDate(a.renewedOn)).toBe(true);
      if (a.validUntil) expect(isIsoDate(a.validUntil)).toBe(true);
    }
    for (const o of ADEQUACY_REFERENCE.internationalOrganisations) expect(isIsoDate(o.date)).toBe(true);
  });

  it('gives every adequacy entry a decision reference, FR/EN names and scope note', () => {
    for (const a of ADEQUACY_REFERENCE.adequacy) {
      expect(a.decision, a.code).toMatch(/^Commission (Implementing )?Decision .*\d{4}\/\d+/);
      expect(a.decisionFr.length).toBeGreaterThan(0);
      expect(a.name.fr && a.name.en).toBeTruthy();
      expect(a.scopeNote.fr && a.scopeNote.en).toBeTruthy();
      expect(a.status).toBe('in-force');
    }
  });

  it('lists exactly the adequacy decisions of the reference note §5.1', () => {
    expect(ADEQUACY_REFERENCE.adequacy.map((a) => a.code).sort()).toEqual(
      ['AD', 'AR', 'BR', 'CA', 'CH', 'FO', 'GB', 'GG', 'IL', 'IM', 'JE', 'JP', 'KR', 'NZ', 'US', 'UY'].sort(),
    );
    expect(ADEQUACY_REFERENCE.internationalOrganisations.map((o) => o.id)).toEqual(['EPO']);
    const us = ADEQUACY_REFERENCE.adequacy.find((a) => a.code === 'US');
    expect(us?.requiresCertification).toBe('DPF');
    expect(us?.verificationNote).toMatch(/C-703\/25 P/);
  });

  it('rejects a malformed reference file loudly', () => {
    const broken = structuredClone(adequacyJson) as unknown as {
      adequacy: Array<{ date: string; code: string }>;
      eea: Array<{ code: string }>;
    };
    broken.adequacy[0]!.date = '2010-02-30';
    expect(() => parseReferenceFile('adequacy.json', referenceSchemas.adequacy, broken)).toThrow(
      /Malformed reference file resources\/reference\/adequacy\.json: adequacy\.0\.date/,
    );
    const overlap = structuredClone(adequacyJson) as unknown as { adequacy: Array<{ code: string }> };
    overlap.adequacy[0]!.code = 'FR';
    expect(() => parseReferenceFile('adequacy.json', referenceSchemas.adequacy, overlap)).toThrow(
      /FR appears in both eea and adequacy/,
    );
    expect(() => parseReferenceFile('adequacy.json', referenceSchemas.adequacy, { formatVersion: 2 })).toThrow(
      /Malformed reference file/,
    );
  });

  it('has SCC modules 1-4, Art. 46 tools, Art. 49 derogations, Art. 28 checklist and TIA steps', () => {
    expect(SCC_MODULES.map((m) => [m.module, m.id])).toEqual([
      [1, 'C2C'],
      [2, 'C2P'],
      [3, 'P2P'],
      [4, 'P2C'],
    ]);
    expect(sccModuleLabel(2).en).toBe('Module 2: controller to processor');
    expect(ART46_TOOLS.map((t) => t.id)).toContain('bcr');
    expect(ART49_DEROGATIONS.map((d) => d.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'second-subparagraph']);
    const art28Ids = ART28_CHECKLIST.map((i) => i.id);
    expect(new Set(art28Ids).size).toBe(art28Ids.length);
    for (const letter of 'abcdefgh') {
      expect(ART28_CHECKLIST.some((i) => i.article === `GDPR Art. 28(3)(${letter})` && i.mandatory)).toBe(true);
    }
    expect(ART28_CHECKLIST.some((i) => i.article === 'GDPR Art. 28(2)')).toBe(true);
    expect(ART28_CHECKLIST.some((i) => i.article === 'GDPR Art. 28(4)')).toBe(true);
    expect(TIA_STEPS.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(TIA_STEPS.filter((s) => !s.neededWithAdequacy).map((s) => s.step)).toEqual([3, 4, 5]);
    for (const s of TIA_STEPS) {
      expect(s.questions.fr.length).toBe(s.questions.en.length);
    }
    for (const o of TIA_OUTCOME_IDS) expect(tiaOutcomeLabel(o).fr.length).toBeGreaterThan(0);
    expectDomainError(() => tiaOutcomeLabel('maybe' as never), 'invalid_input', 'maybe');
  });
});

describe('listCountries / isEea', () => {
  const countries = listCountries();

  it('lists the 249 ISO 3166-1 alpha-2 codes plus XK, with FR/EN names', () => {
    expect(countries).toHaveLength(250);
    for (const c of countries) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.name.fr, c.code).not.toBe(c.code);
      expect(c.name.en, c.code).not.toBe(c.code);
    }
    const byCode = new Map(countries.map((c) => [c.code, c]));
    expect(byCode.get('DE')?.name).toEqual({ fr: 'Allemagne', en: 'Germany' });
    expect(byCode.get('MA')?.name.fr).toBe('Maroc');
    expect(byCode.get('FR')?.inEEA).toBe(true);
    expect(byCode.get('NO')).toMatchObject({ inEEA: true, eu: false });
    expect(byCode.get('CH')?.adequacy?.decision).toBe('Commission Decision 2000/518/EC');
    expect(byCode.get('CN')).toMatchObject({ inEEA: false, adequacy: null });
    for (const e of ADEQUACY_REFERENCE.eea) expect(byCode.has(e.code)).toBe(true);
    for (const a of ADEQUACY_REFERENCE.adequacy) expect(byCode.has(a.code)).toBe(true);
  });

  it('returns copies (callers cannot corrupt the cache)', () => {
    const first = listCountries();
    first[0]!.name.fr = 'changed';
    expect(listCountries()[0]!.name.fr).not.toBe('changed');
  });

  it.each([
    ['FR', true],
    ['de', true],
    ['NO', true],
    ['IS', true],
    ['LI', true],
    ['RE', true],
    ['CH', false],
    ['GB', false],
    ['US', false],
    ['FO', false],
    ['GL', false],
  ])('isEea(%s) = %s', (code, expected) => {
    expect(isEea(code)).toBe(expected);
  });
});

describe('transferCheck', () => {
  it.each(['FR', 'DE', 'NO', 'IS', 'LI', 'GR', 'fr', ' de '])('EEA member %s: no transfer', (country) => {
    const r = transferCheck({ country });
    expect(r).toMatchObject({
      country: country.trim().toUpperCase(),
      inEEA: true,
      adequacy: null,
      requiresSafeguard: false,
      basis: 'eea',
    });
    expect(r.explanation.en).toContain('European Economic Area');
    expect(r.explanation.fr).toContain('Espace économique européen');
  });

  it.each([
    ['CH', 'Commission Decision 2000/518/EC', '2000-07-26'],
    ['AD', 'Commission Decision 2010/625/EU', '2010-10-19'],
    ['AR', 'Commission Decision 2003/490/EC', '2003-06-30'],
    ['FO', 'Commission Decision 2010/146/EU', '2010-03-05'],
    ['GG', 'Commission Decision 2003/821/EC', '2003-11-21'],
    ['IM', 'Commission Decision 2004/411/EC', '2004-04-28'],
    ['JE', 'Commission Decision 2008/393/EC', '2008-05-08'],
    ['NZ', 'Commission Implementing Decision 2013/65/EU', '2012-12-19'],
    ['UY', 'Commission Implementing Decision 2012/484/EU', '2012-08-21'],
    ['GB', 'Commission Implementing Decision of 19 December 2025 renewing Implementing Decision (EU) 2021/1772 (GDPR)', '2025-12-19'],
    ['BR', 'Commission Implementing Decision (EU) 2026/179', '2026-01-26'],
  ])('adequacy country %s: %s', (country, decision, date) => {
    const r = transferCheck({ country });
    expect(r).toEqual({
      country,
      inEEA: false,
      adequacy: { decision, date },
      requiresSafeguard: false,
      basis: 'adequacy',
      explanation: expect.objectContaining({}),
    });
    expect(r.explanation.en).toContain(decision);
    expect(r.explanation.en).toContain('No further safeguard is required');
    expect(r.explanation.fr).toContain("Aucune garantie supplémentaire n'est requise");
  });

  it.each([
    ['CA', 'Commission Decision 2002/2/EC', '2001-12-20', 'PIPEDA'],
    ['JP', 'Commission Implementing Decision (EU) 2019/419', '2019-01-23', 'APPI'],
    // Korea: PIPA minus religious, political and FSC-supervised credit information processing.
    ['KR', 'Commission Implementing Decision (EU) 2022/254', '2021-12-17', 'Credit Information Act'],
    // Israel: automated processing only, pre-1967 borders.
    ['IL', 'Commission Decision 2011/61/EU', '2011-01-31', 'automated'],
  ])('partial-scope adequacy %s: adequacy set, scope explained, never "no further safeguard"', (country, decision, date, keyword) => {
    const r = transferCheck({ country });
    expect(r).toMatchObject({ adequacy: { decision, date }, requiresSafeguard: false, basis: 'adequacy' });
    expect(r.explanation.en).not.toContain('No further safeguard is required');
    expect(r.explanation.fr).not.toContain("Aucune garantie supplémentaire n'est requise");
    expect(r.explanation.en).toContain('Limited scope');
    expect(r.explanation.en).toContain(keyword);
    expect(r.explanation.fr).toContain('Portée limitée');
    if (keyword !== 'automated') expect(r.explanation.fr).toContain(keyword);
  });

  it.each([
    ['US', true],
    ['BR', true],
    ['GB', false],
    ['KR', false],
    ['CH', false],
  ] as const)('%s: reference verified = %s; an unverified one says « à vérifier »', (code, verified) => {
    const entry = ADEQUACY_REFERENCE.adequacy.find((a) => a.code === code)!;
    expect(entry.verified).toBe(verified);
    if (!verified) expect(entry.verificationNote).toBeTruthy();
    if (code !== 'US') {
      const r = transferCheck({ country: code });
      expect(r.explanation.fr.includes('Référence de la décision à vérifier')).toBe(!verified);
      expect(r.explanation.en.includes('Decision reference to verify')).toBe(!verified);
    }
  });

  it('the UK entry cites the decision in force on the check date (the 2021 decision expired on 27 December 2025)', () => {
    const gb = ADEQUACY_REFERENCE.adequacy.find((a) => a.code === 'GB')!;
    expect(gb.date <= ADEQUACY_REFERENCE.checkedOn).toBe(true);
    expect(gb.validUntil! >= ADEQUACY_REFERENCE.checkedOn).toBe(true);
    expect(gb.date).toBe('2025-12-19');
    expect(gb.decisionFr).toContain('19 décembre 2025');
  });

  it('every adequacy entry in force on the check date: no validUntil in the past', () => {
    for (const a of ADEQUACY_REFERENCE.adequacy) if (a.validUntil) expect(a.validUntil >= ADEQUACY_REFERENCE.checkedOn, a.code).toBe(true);
  });

  it('US without DPF certification: safeguard required', () => {
    for (const input of [{ country: 'US' }, { country: 'us', dpfCertified: false }]) {
      const r = transferCheck(input);
      expect(r).toMatchObject({
        country: 'US',
        inEEA: false,
        adequacy: null,
        requiresSafeguard: true,
        basis: 'safeguard-required',
      });
      expect(r.explanation.en).toMatch(/DPF List/);
      expect(r.explanation.en).toMatch(/record the date/);
      expect(r.explanation.en).toMatch(/standard contractual clauses/);
      expect(r.explanation.fr).toMatch(/liste DPF/);
    }
  });

  it('US with DPF certification: adequacy-dpf', () => {
    const r = transferCheck({ country: 'US', dpfCertified: true });
    expect(r).toMatchObject({
      country: 'US',
      inEEA: false,
      adequacy: { decision: 'Commission Implementing Decision (EU) 2023/1795', date: '2023-07-10' },
      requiresSafeguard: false,
      basis: 'adequacy-dpf',
    });
    expect(r.explanation.en).toContain('C-703/25 P');
  });

  it('ignores dpfCertified outside the US', () => {
    expect(transferCheck({ country: 'IN', dpfCertified: true }).basis).toBe('safeguard-required');
    expect(transferCheck({ country: 'FR', dpfCertified: true }).basis).toBe('eea');
  });

  it.each(['IN', 'CN', 'MA', 'in', 'AU', 'SG', 'RU', 'XK'])('third country without adequacy %s', (country) => {
    const r = transferCheck({ country });
    expect(r).toMatchObject({
      country: country.toUpperCase(),
      inEEA: false,
      adequacy: null,
      requiresSafeguard: true,
      basis: 'safeguard-required',
    });
    expect(r.explanation.en).toContain('no adequacy decision');
    expect(r.explanation.fr).toContain("sans décision d'adéquation");
  });

  it.each([
    ['UK', 'use GB'],
    ['EL', 'use GR'],
    ['ZZ', ''],
    ['FRA', ''],
    ['', ''],
    ['EU', ''],
    ['A1', ''],
  ])('rejects invalid code %j', (country, hint) => {
    expectDomainError(() => transferCheck({ country }), 'invalid_input', `"${country}"`, 'ISO 3166-1 alpha-2', hint);
  });

  it('rejects non-string codes', () => {
    expectDomainError(() => transferCheck({ country: 42 as unknown as string }), 'invalid_input', '42');
    expectDomainError(() => transferCheck({ country: undefined as unknown as string }), 'invalid_input');
  });

  describe('overrides', () => {
    it('a DPO override can add an adequacy decision', () => {
      const overrides = [
        { code: 'in', adequacy: { decision: 'Commission Implementing Decision (EU) 2027/1', date: '2026-10-01' }, note: 'new' },
      ];
      const r = transferCheck({ country: 'IN', overrides });
      expect(r).toMatchObject({
        basis: 'adequacy',
        requiresSafeguard: false,
        adequacy: { decision: 'Commission Implementing Decision (EU) 2027/1', date: '2026-10-01' },
      });
      expect(r.explanation.en).toContain('entered by the DPO: new');
      expect(adequacyFor('IN', overrides)?.source).toBe('override');
    });

    it('a DPO override can remove an adequacy decision (e.g. DPF annulled)', () => {
      const overrides = [{ code: 'US', adequacy: null, note: 'C-703/25 P: DPF annulled' }];
      const r = transferCheck({ country: 'US', dpfCertified: true, overrides });
      expect(r).toMatchObject({ adequacy: null, requiresSafeguard: true, basis: 'safeguard-required' });
      expect(r.explanation.en).toContain('DPF annulled');
      expect(adequacyFor('US', overrides)).toBeNull();
      expect(adequacyFor('US')?.decision).toBe('Commission Implementing Decision (EU) 2023/1795');
    });

    it('rejects overrides for EEA countries, duplicates and bad dates', () => {
      expectDomainError(
        () => transferCheck({ country: 'US', overrides: [{ code: 'FR', adequacy: null, note: '' }] }),
        'invalid_input',
        'FR is in the EEA',
      );
      expectDomainError(
        () =>
          transferCheck({
            country: 'US',
            overrides: [
              { code: 'IN', adequacy: null, note: '' },
              { code: 'in', adequacy: null, note: '' },
            ],
          }),
        'invalid_input',
        'IN twice',
      );
      expectDomainError(
        () =>
          transferCheck({
            country: 'IN',
            overrides: [{ code: 'IN', adequacy: { decision: 'x', date: '2026-13-01' }, note: '' }],
          }),
        'invalid_input',
        'overrides',
      );
      expectDomainError(
        () => transferCheck({ country: 'IN', overrides: [{ code: 'UK', adequacy: null, note: '' }] }),
        'invalid_input',
        '"UK"',
      );
    });
  });
});

describe('adequacyFor', () => {
  it.each([
    ['ch', 'CH', 'full'],
    ['CA', 'CA', 'commercial'],
    ['JP', 'JP', 'partial'],
    ['US', 'US', 'certified-only'],
  ])('%s → %s (%s)', (input, code, scope) => {
    expect(adequacyFor(input)).toMatchObject({ code, scope, source: 'reference' });
  });

  it.each(['FR', 'IN', 'CN'])('%s → null', (code) => {
    expect(adequacyFor(code)).toBeNull();
  });

  it('rejects invalid codes', () => {
    expectDomainError(() => adequacyFor('XX'), 'invalid_input', '"XX"');
  });
});

describe('transferWarnings', () => {
  type Case = [string, TransferRecord, string, Array<[string, 'error' | 'warning' | 'info']>];
  const cases: Case[] = [
    ['third country, no tool', { country: 'IN', tool: null }, TODAY, [['no_transfer_tool', 'error']]],
    ['US, no tool', { country: 'US', tool: null }, TODAY, [['no_transfer_tool', 'error']]],
    ['full adequacy, no tool', { country: 'CH', tool: null }, TODAY, []],
    ['full adequacy stated', { country: 'GB', tool: 'adequacy' }, TODAY, []],
    ['partial adequacy, no tool', { country: 'CA', tool: null }, TODAY, [['adequacy_scope', 'warning']]],
    ['partial adequacy stated', { country: 'JP', tool: 'adequacy' }, TODAY, [['adequacy_scope', 'warning']]],
    ['adequacy claimed where none', { country: 'CN', tool: 'adequacy' }, TODAY, [['adequacy_not_available', 'error']]],
    ['adequacy claimed for US', { country: 'US', tool: 'adequacy' }, TODAY, [['adequacy_requires_dpf', 'error']]],
    [
      'SCC module 2 recorded',
      { country: 'IN', tool: 'scc', sccModule: 2, sccSignedOn: '2024-03-01' },
      TODAY,
      [['tia_required', 'info']],
    ],
    [
      'SCC without module',
      { country: 'IN', tool: 'scc', sccSignedOn: '2024-03-01' },
      TODAY,
      [
        ['scc_module_missing', 'error'],
        ['tia_required', 'info'],
      ],
    ],
    [
      'SCC without signature date',
      { country: 'MA', tool: 'scc', sccModule: 1 },
      TODAY,
      [
        ['scc_signed_on_missing', 'warning'],
        ['tia_required', 'info'],
      ],
    ],
    [
      'old SCC',
      { country: 'IN', tool: 'scc', sccModule: 2, sccSignedOn: '2019-05-01' },
      TODAY,
      [
        ['scc_outdated', 'error'],
        ['tia_required', 'info'],
      ],
    ],
    [
      'SCC signed during the transition',
      { country: 'IN', tool: 'scc', sccModule: 2, sccSignedOn: '2021-07-15' },
      TODAY,
      [
        ['scc_version_check', 'warning'],
        ['tia_required', 'info'],
      ],
    ],
    [
      'SCC signed on the day the old clauses were repealed',
      { country: 'IN', tool: 'scc', sccModule: 3, sccSignedOn: '2021-09-27' },
      TODAY,
      [['tia_required', 'info']],
    ],
    ['SCC with full adequacy: no TIA', { country: 'CH', tool: 'scc', sccModule: 2, sccSignedOn: '2024-01-01' }, TODAY, []],
    ['DPF without check date', { country: 'US', tool: 'dpf' }, TODAY, [['dpf_check_missing', 'warning']]],
    ['DPF checked recently', { country: 'US', tool: 'dpf', dpfCheckedOn: '2026-06-01' }, TODAY, []],
    ['DPF checked exactly 12 months ago', { country: 'US', tool: 'dpf', dpfCheckedOn: '2025-11-22' }, TODAY, []],
    [
      'DPF checked 12 months and a day ago',
      { country: 'US', tool: 'dpf', dpfCheckedOn: '2025-11-21' },
      TODAY,
      [['dpf_check_stale', 'warning']],
    ],
    [
      'DPF check in the future',
      { country: 'US', tool: 'dpf', dpfCheckedOn: '2026-12-01' },
      TODAY,
      [['date_in_future', 'warning']],
    ],
    ['DPF outside the US', { country: 'CN', tool: 'dpf', dpfCheckedOn: '2026-06-01' }, TODAY, [['dpf_not_applicable', 'error']]],
    [
      'derogation without which or why',
      { country: 'IN', tool: 'derogation' },
      TODAY,
      [
        ['derogation_unspecified', 'error'],
        ['derogation_reason_missing', 'warning'],
        ['derogation_restrictive', 'info'],
      ],
    ],
    [
      'derogation documented',
      { country: 'IN', tool: 'derogation', derogation: 'e', derogationReason: 'Litigation in Delhi' },
      TODAY,
      [['derogation_restrictive', 'info']],
    ],
    [
      'last-resort derogation',
      { country: 'IN', tool: 'derogation', derogation: 'second-subparagraph', derogationReason: 'One-off' },
      TODAY,
      [
        ['derogation_inform_sa', 'warning'],
        ['derogation_restrictive', 'info'],
      ],
    ],
    ['BCR', { country: 'CN', tool: 'bcr' }, TODAY, [['tia_required', 'info']]],
    ['tool for an EEA country', { country: 'DE', tool: 'scc', sccModule: 2 }, TODAY, [['tool_not_needed', 'info']]],
    ['no tool for an EEA country', { country: 'fr', tool: null }, TODAY, []],
    ['UK addendum to the UK', { country: 'GB', tool: 'uk-addendum' }, TODAY, [['uk_addendum_not_needed', 'info']]],
    ['UK addendum elsewhere', { country: 'IN', tool: 'uk-addendum' }, TODAY, [['uk_addendum_not_eu_tool', 'warning']]],
  ];

  it.each(cases)('%s', (_label, transfer, today, expected) => {
    const result = transferWarnings(transfer, today);
    expect(result.map((w) => [w.code, w.severity])).toEqual(expected);
    for (const w of result) {
      expect(w.message.fr.length).toBeGreaterThan(0);
      expect(w.message.en.length).toBeGreaterThan(0);
      expect(w.article.length).toBeGreaterThan(0);
    }
  });

  it('SCC module 2 recorded produces no error', () => {
    const r = transferWarnings({ country: 'US', tool: 'scc', sccModule: 2, sccSignedOn: '2023-01-10' }, TODAY);
    expect(r.filter((w) => w.severity === 'error')).toEqual([]);
  });

  it('honours overrides (DPF annulled)', () => {
    const r = transferWarnings(
      {
        country: 'US',
        tool: 'dpf',
        dpfCheckedOn: '2026-06-01',
        overrides: [{ code: 'US', adequacy: null, note: 'annulled' }],
      },
      TODAY,
    );
    expect(r.map((w) => w.code)).toEqual(['dpf_not_applicable']);
  });

  it.each([
    [{ country: 'UK', tool: null }, TODAY, '"UK"'],
    [{ country: 'IN', tool: 'fax' }, TODAY, '"fax"'],
    [{ country: 'IN', tool: 'scc', sccModule: 5 }, TODAY, 'sccModule'],
    [{ country: 'IN', tool: 'derogation', derogation: 'z' }, TODAY, '"z"'],
    [{ country: 'US', tool: 'dpf', dpfCheckedOn: '2026-02-30' }, TODAY, 'dpfCheckedOn'],
    [{ country: 'IN', tool: 'scc', sccModule: 1, sccSignedOn: '01/02/2024' }, TODAY, 'sccSignedOn'],
    [{ country: 'IN', tool: null }, '22/11/2026', 'today'],
  ])('rejects invalid input %j', (transfer, today, fragment) => {
    expectDomainError(() => transferWarnings(transfer as unknown as TransferRecord, today), 'invalid_input', fragment);
  });
});

describe('countryName', () => {
  it('gives each code the names of the country list (one code looked up without building the list), the code itself when unknown', () => {
    // Asked first, before any list is built (the first transfer check after unlocking).
    const early = ['US', 'IN', 'CN', 'FR', 'JP', 'GF', 'XK', 'ZZ', 'us'].map((c) => countryName(c));
    const byCode = new Map(listCountries().map((c) => [c.code, c.name]));
    expect(byCode.size).toBeGreaterThan(240);
    for (const [code, name] of byCode) expect(countryName(code), code).toEqual(name);
    expect(early).toEqual(['US', 'IN', 'CN', 'FR', 'JP', 'GF', 'XK'].map((c) => byCode.get(c)).concat([{ fr: 'ZZ', en: 'ZZ' }, { fr: 'us', en: 'us' }]));
    expect(countryName('IN')).toEqual({ fr: 'Inde', en: 'India' });
    // A copy each time: changing one never changes the next.
    const x = countryName('US');
    x.fr = 'changé';
    expect(countryName('US').fr).not.toBe('changé');
  });
});
