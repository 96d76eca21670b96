import { describe, expect, it } from 'vitest';
import { ART28_CHECKLIST, TIA_OUTCOME_IDS } from '../transfers';
import { TIA_OUTCOMES, parseVendor, vendorInputSchema, type VendorInput } from './vendor';
import { art28Completeness, thirdCountryDestinations, vendorWarnings } from './warnings';

const TODAY = '2026-11-23';
const MANDATORY = ART28_CHECKLIST.filter((i) => i.mandatory).map((i) => i.id);
const allPresent = Object.fromEntries(MANDATORY.map((id) => [id, { status: 'present' as const, evidence: 'DPA §3' }]));

/** A processor with nothing to say about it: every clause present, DPA signed, review planned. */
const clean = (over: Partial<VendorInput> = {}): VendorInput => ({
  name: 'Hébergeur',
  country: 'FR',
  role: 'processor',
  art28: allPresent,
  contract: { dpaSignedOn: '2025-01-10', version: 'v2' },
  nextReviewOn: '2027-01-01',
  breachNotificationHours: 24,
  ...over,
});
const codes = (v: VendorInput, ctx: Partial<Parameters<typeof vendorWarnings>[1]> = {}) => vendorWarnings(parseVendor(v), { today: TODAY, ...ctx }).map((w) => w.code);

describe('vendor warnings', () => {
  it('the reference outcomes and the vendor schema agree', () => expect([...TIA_OUTCOMES]).toEqual([...TIA_OUTCOME_IDS]));

  it.each<[string, Partial<VendorInput>, string[]]>([
    ['a clean EU processor', {}, []],
    ['US sub-processor, no transfer recorded', { subProcessors: [{ name: 'Mailer Inc.', country: 'US' }] }, ['transfer_not_recorded']],
    ['US sub-processor, transfer with no tool', { subProcessors: [{ name: 'Mailer Inc.', country: 'US' }], transfers: [{ id: 't1', country: 'US', tool: null }] }, ['no_transfer_tool']],
    [
      'US sub-processor, SCC module 2 signed: only the TIA hint remains',
      { subProcessors: [{ name: 'Mailer Inc.', country: 'US' }], transfers: [{ id: 't1', country: 'US', tool: 'scc', sccModule: 2, sccSignedOn: '2024-03-01' }] },
      ['tia_required'],
    ],
    [
      'SCC with a TIA concluded: nothing left',
      {
        subProcessors: [{ name: 'Mailer Inc.', country: 'US' }],
        transfers: [{ id: 't1', country: 'US', tool: 'scc', sccModule: 2, sccSignedOn: '2024-03-01', tia: { outcome: 'no-measures-needed', reevaluateOn: '2027-06-01' } }],
      },
      [],
    ],
    ['SCC without module nor date', { transfers: [{ id: 't1', country: 'IN', tool: 'scc' }] }, ['scc_module_missing', 'scc_signed_on_missing', 'tia_required']],
    ['DPF without check date', { hosting: [{ country: 'US', region: 'us-east-1' }], transfers: [{ id: 't1', country: 'US', tool: 'dpf' }] }, ['dpf_check_missing']],
    ['hosting in an adequate country (JP, CH) needs no transfer record', { hosting: [{ country: 'CH', region: 'Zürich' }] }, []],
    ['vendor established in a third country', { country: 'IN' }, ['transfer_not_recorded']],
    ['TIA says suspend', { transfers: [{ id: 't1', country: 'IN', tool: 'scc', sccModule: 2, sccSignedOn: '2024-03-01', tia: { outcome: 'do-not-transfer' } }] }, ['tia_suspend']],
    [
      'TIA re-evaluation overdue, measures adopted but not described',
      { transfers: [{ id: 't1', country: 'IN', tool: 'scc', sccModule: 2, sccSignedOn: '2024-03-01', tia: { outcome: 'measures-adopted', reevaluateOn: '2026-01-01' } }] },
      ['measures_not_described', 'tia_reevaluation_due'],
    ],
    ['expired certification', { certifications: [{ kind: 'iso27001', expiresOn: '2026-10-01' }] }, ['certification_expired']],
    ['certification expiring within 60 days', { certifications: [{ kind: 'hds', expiresOn: '2026-12-15' }] }, ['certification_expiring']],
    ['certification valid for long', { certifications: [{ kind: 'soc2', expiresOn: '2028-01-01' }] }, []],
    ['review overdue', { nextReviewOn: '2026-11-22' }, ['review_overdue']],
    ['review due today is not overdue', { nextReviewOn: TODAY }, []],
    ['no review date', { nextReviewOn: null }, ['review_not_planned']],
    ['a missing Art. 28 clause', { art28: { ...allPresent, 'b-confidentiality': { status: 'missing', evidence: '' } } }, ['art28_missing']],
    ['a partial Art. 28 clause', { art28: { ...allPresent, 'h-compliance-audits': { status: 'partial', evidence: 'documents only' } } }, ['art28_partial']],
    ['Art. 28 never checked', { art28: {} }, ['art28_unchecked']],
    ['Art. 28 does not apply to an independent recipient', { role: 'independent-recipient', art28: {}, contract: { dpaSignedOn: null } }, []],
    ['no DPA date', { contract: { dpaSignedOn: null, version: '' } }, ['dpa_not_signed']],
    ['breach commitment beyond 72 h', { breachNotificationHours: 96 }, ['breach_commitment_late']],
  ])('%s', (_name, over, expected) => {
    expect(codes(clean(over)).sort()).toEqual([...expected].sort());
  });

  it('sub-processors linked by id follow the linked vendor’s country', () => {
    const v = parseVendor(clean({ subProcessors: [{ vendorId: 'V2' }] }));
    expect(thirdCountryDestinations(v, { vendorsById: new Map([['V2', { name: 'Support SaaS', country: 'US' }]]) })).toEqual([{ country: 'US', via: 'sub-processor', label: 'Support SaaS' }]);
    expect(vendorWarnings(v, { today: TODAY, vendorsById: new Map([['V2', { name: 'Support SaaS', country: 'FR' }]]) })).toEqual([]);
  });

  it('adequacy overrides move the answer when the law moves', () => {
    const v = clean({ hosting: [{ country: 'CH', region: 'Geneva' }] });
    expect(codes(v)).toEqual([]);
    const annulled = [{ code: 'CH', adequacy: null, note: 'decision annulled (test)' }];
    expect(codes(v, { overrides: annulled })).toEqual(['transfer_not_recorded']);
    const brazilBefore = clean({ hosting: [{ country: 'IN', region: 'Mumbai' }] });
    expect(codes(brazilBefore)).toEqual(['transfer_not_recorded']);
    expect(codes(brazilBefore, { overrides: [{ code: 'IN', adequacy: { decision: 'Commission Implementing Decision (EU) 2030/1', date: '2026-11-01' }, note: '' }] })).toEqual([]);
  });

  it('errors come first, then warnings, then information', () => {
    const w = vendorWarnings(parseVendor(clean({ nextReviewOn: null, subProcessors: [{ name: 'X', country: 'US' }], breachNotificationHours: 100 })), { today: TODAY });
    expect(w.map((x) => x.severity)).toEqual(['error', 'warning', 'info']);
    expect(w[0]!.message.fr).toContain('US');
  });

  it('several of each severity: grouped by severity, each group in the order the checks found them', () => {
    const v = parseVendor(
      clean({
        nextReviewOn: '2020-01-01',
        hosting: [{ country: 'IN', region: 'Mumbai' }],
        subProcessors: [{ name: 'X', country: 'US' }],
        breachNotificationHours: 100,
        certifications: [{ kind: 'iso27001', expiresOn: '2020-01-01' }, { kind: 'hds', expiresOn: addDaysIso(TODAY, 20) }],
      }),
    );
    const w = vendorWarnings(v, { today: TODAY });
    const rank = { error: 0, warning: 1, info: 2 } as const;
    expect(w.map((x) => x.code)).toEqual(w.map((x, i) => ({ x, i })).sort((a, b) => rank[a.x.severity] - rank[b.x.severity] || a.i - b.i).map((y) => y.x.code));
    expect(w.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual(['transfer_not_recorded', 'transfer_not_recorded']);
    expect(w.filter((x) => x.severity === 'warning').length).toBeGreaterThan(2);
    expect(w.filter((x) => x.severity === 'warning').map((x) => x.code).slice(0, 2)).toEqual(['certification_expired', 'review_overdue']);
    expect(w.some((x) => x.severity === 'info')).toBe(true);
  });
});

function addDaysIso(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day + n)).toISOString().slice(0, 10);
}

describe('Art. 28(3) checklist completeness', () => {
  it.each<[string, Record<string, { status: 'present' | 'partial' | 'missing'; evidence?: string }>, { score: number; present: number; partial: number; missing: number; unchecked: number }]>([
    ['nothing checked', {}, { score: 0, present: 0, partial: 0, missing: 0, unchecked: MANDATORY.length }],
    ['everything present', allPresent, { score: 100, present: MANDATORY.length, partial: 0, missing: 0, unchecked: 0 }],
    [
      'two partial, one missing, rest present',
      { ...allPresent, [MANDATORY[0]!]: { status: 'partial' }, [MANDATORY[1]!]: { status: 'partial' }, [MANDATORY[2]!]: { status: 'missing' } },
      { score: Math.round(((MANDATORY.length - 3 + 1) / MANDATORY.length) * 100), present: MANDATORY.length - 3, partial: 2, missing: 1, unchecked: 0 },
    ],
  ])('%s', (_n, art28, expected) => {
    expect(art28Completeness(parseVendor(clean({ art28 })))).toMatchObject({ applicable: true, total: MANDATORY.length, ...expected });
  });

  it('refuses an unknown checklist item and a sub-processor with neither link nor name', () => {
    expect(vendorInputSchema.safeParse(clean({ art28: { 'made-up': { status: 'present' } } })).success).toBe(false);
    expect(vendorInputSchema.safeParse(clean({ subProcessors: [{ name: 'X' }] })).success).toBe(false);
    expect(vendorInputSchema.safeParse(clean({ country: 'UK' })).success).toBe(false);
    expect(parseVendor(clean({ country: ' fr ' })).country).toBe('FR');
  });
});
