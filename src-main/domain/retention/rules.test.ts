import { describe, expect, it } from 'vitest';
import {
  addPeriod,
  dueItems,
  effectiveRules,
  minimisedBreachDetails,
  onTargetRate,
  pseudonymisedCaseDetails,
  purgeSchedule,
  RETENTION_REFERENCE,
  RETENTION_RULES,
  RULE_IDS,
  targetMissed,
  targetOf,
  type CategoryRetention,
  type RetentionCandidate,
} from './rules';

describe('retention reference data', () => {
  it('has every rule, each with a default, what it keeps and known sources', () => {
    expect(RETENTION_RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    const ids = new Set(RETENTION_REFERENCE.sources.map((s) => s.id));
    for (const r of RETENTION_RULES) {
      expect(r.keeps.fr.length).toBeGreaterThan(10);
      for (const s of r.sources) expect(ids.has(s)).toBe(true);
    }
  });
  it('identity documents go as soon as the check is recorded (CNIL), closed cases after 5 years by default', () => {
    expect(RETENTION_RULES.find((r) => r.id === 'identity-document')!.period).toEqual({ value: 0, unit: 'days' });
    expect(RETENTION_RULES.find((r) => r.id === 'request-closed')!.period).toEqual({ value: 5, unit: 'years' });
    // Where the sources differ, the alternatives say so.
    expect(RETENTION_RULES.find((r) => r.id === 'request-closed')!.alternatives.length).toBeGreaterThan(0);
  });
});

describe('addPeriod', () => {
  it.each([
    ['2026-01-31', { value: 1, unit: 'months' as const }, '2026-02-28'],
    ['2024-02-29', { value: 1, unit: 'years' as const }, '2025-02-28'],
    ['2021-06-15', { value: 5, unit: 'years' as const }, '2026-06-15'],
    ['2026-12-31', { value: 1, unit: 'days' as const }, '2027-01-01'],
    ['2026-03-10', { value: 0, unit: 'days' as const }, '2026-03-10'],
  ])('%s + %o = %s', (from, p, expected) => {
    expect(addPeriod(from, p)).toBe(expected);
  });
});

const rules = effectiveRules([]);
const cand = (over: Partial<RetentionCandidate>): RetentionCandidate => ({ ruleId: 'request-closed', table: 'requests', id: 'r1', reference: 'DSAR-2020-0001', triggerOn: '2021-06-15', purged: false, ...over });

describe('dueItems', () => {
  it.each([
    ['the day before the fifth anniversary: not due', '2026-06-14', 0],
    ['on the fifth anniversary: due', '2026-06-15', 1],
    ['after: due', '2026-12-01', 1],
  ])('closed case closed on 2021-06-15 — %s', (_label, today, n) => {
    expect(dueItems([cand({})], rules, [], today)).toHaveLength(n);
  });

  it('an open case (no trigger) and a purged one are never proposed', () => {
    expect(dueItems([cand({ triggerOn: null }), cand({ id: 'r2', purged: true })], rules, [], '2030-01-01')).toEqual([]);
  });

  it('the identity document is due on the day its check is recorded', () => {
    const c = cand({ ruleId: 'identity-document', table: 'request_attachments', id: 'a1', reference: 'passport.pdf', triggerOn: '2026-11-30', parentId: 'r1' });
    expect(dueItems([c], rules, [], '2026-11-29')).toEqual([]);
    const [item] = dueItems([c], rules, [], '2026-11-30');
    expect(item).toMatchObject({ table: 'request_attachments', id: 'a1', rule: 'identity-document', dueOn: '2026-11-30', parentId: 'r1' });
  });

  it('a held item is never proposed, but is shown with its hold when asked', () => {
    const holds = [{ table: 'requests', rowId: 'r1', reason: 'Contentieux prud’homal en cours', placedOn: '2026-05-01' }];
    expect(dueItems([cand({})], rules, holds, '2027-01-01')).toEqual([]);
    expect(dueItems([cand({})], rules, holds, '2027-01-01', { includeHeld: true })[0]!.hold!.reason).toContain('Contentieux');
  });

  it('a DPO setting changes the period (6 years instead of 5)', () => {
    const six = effectiveRules([{ ruleId: 'request-closed', period: { value: 6, unit: 'years' }, reason: 'Prescription pénale' }]);
    expect(dueItems([cand({})], six, [], '2026-06-15')).toEqual([]);
    expect(dueItems([cand({})], six, [], '2027-06-15')).toHaveLength(1);
    expect(six.find((r) => r.id === 'request-closed')).toMatchObject({ overridden: true, defaultPeriod: { value: 5, unit: 'years' } });
  });

  it('sorts the most overdue first', () => {
    const items = dueItems([cand({ id: 'b', reference: 'DSAR-2021-0002', triggerOn: '2021-01-01' }), cand({ id: 'a', reference: 'DSAR-2020-0001', triggerOn: '2020-01-01' })], rules, [], '2027-01-01');
    expect(items.map((i) => i.id)).toEqual(['a', 'b']);
  });
});

describe('what a purge keeps', () => {
  const mark = { on: '2026-12-01', rule: 'request-closed' as const, by: 'DPO', reason: 'Durée de conservation échue' };
  it('a pseudonymised case keeps reference data, rights, dates and outcome, and nothing about the person', () => {
    const details = {
      requester: { name: 'Marie Martin', email: 'marie@example.org', address: '1 rue de Paris' },
      rights: ['access'],
      channel: 'email',
      receivedOn: '2020-03-01',
      identity: { requestedOn: '2020-03-02', method: 'Copie du passeport n° 12AB34567', receivedOn: '2020-03-05', outcome: 'verified' },
      scope: { activityIds: ['act1'], systems: ['CRM Salesforce — compte 42'] },
      tasks: [{ right: 'access', id: 'copy', label: 'x', done: true, doneOn: '2020-03-20' }],
      extension: {},
      outcome: { result: 'refused', reasons: 'Demande manifestement infondée' },
      response: { sentOn: '2020-03-25', how: 'courriel à marie@example.org' },
      notes: 'Appelée le 3 mars',
    };
    const out = pseudonymisedCaseDetails(details, mark);
    const text = JSON.stringify(out);
    for (const gone of ['Marie', 'marie@', 'rue de Paris', 'passeport', 'Salesforce', 'Appelée']) expect(text).not.toContain(gone);
    expect(out).toMatchObject({ rights: ['access'], receivedOn: '2020-03-01', outcome: { result: 'refused', reasons: 'Demande manifestement infondée' }, response: { sentOn: '2020-03-25' }, identity: { outcome: 'verified', receivedOn: '2020-03-05' }, purge: mark });
  });
  it('a minimised breach keeps its register entry and loses the names', () => {
    const out = minimisedBreachDetails({ title: 'Courriel mal adressé', reportedBy: 'Jean Dupont', peopleCount: 12, decisions: { authority: { decision: 'not-notify', reason: 'Risque improbable', decidedBy: 'Paul Durand' } } }, { ...mark, rule: 'breach-closed' });
    expect(JSON.stringify(out)).not.toContain('Dupont');
    expect(JSON.stringify(out)).not.toContain('Durand');
    expect(out).toMatchObject({ title: 'Courriel mal adressé', peopleCount: 12, decisions: { authority: { decision: 'not-notify', reason: 'Risque improbable' } } });
  });
});

describe('business-system purge calendar', () => {
  const cat = (over: Partial<CategoryRetention>): CategoryRetention => ({
    activityId: 'a1',
    activityReference: 'T-001',
    activityName: 'Recrutement',
    owner: 'RH',
    categoryId: 'cv',
    categoryLabel: 'CV',
    active: { value: 2, unit: 'years' },
    archive: null,
    finalFate: 'deletion',
    since: '2024-01-10',
    ...over,
  });
  it.each([
    ['first run one active period after entering the register', [], '2026-01-09', '2026-01-10', false],
    ['overdue the day after', [], '2026-01-11', '2026-01-10', true],
    ['every 12 months after the last recorded purge', [{ activityId: 'a1', categoryId: 'cv', performedOn: '2026-02-01', performedBy: 'RH', system: 'ATS' }], '2026-12-01', '2027-02-01', false],
  ])('%s', (_l, records, today, dueOn, overdue) => {
    const [s] = purgeSchedule([cat({})], records, today);
    expect(s).toMatchObject({ dueOn, overdue, action: 'delete' });
  });
  it('archive first when the register has an intermediate archive; no schedule without an active period', () => {
    expect(purgeSchedule([cat({ archive: { value: 3, unit: 'years' } })], [], '2026-01-01')[0]!.action).toBe('archive');
    expect(purgeSchedule([cat({ active: null })], [], '2026-01-01')).toEqual([]);
  });
});

describe('internal response targets', () => {
  const targets = { defaultDays: 7, perRight: { erasure: 3 } };
  it.each([
    [['access'], '2026-11-02', { days: 7, on: '2026-11-09' }],
    [['access', 'erasure'], '2026-11-02', { days: 3, on: '2026-11-05' }],
  ])('%o received %s → %o', (rights, received, expected) => {
    expect(targetOf(rights, received, targets)).toEqual(expected);
  });
  it('no target set: none, never missed', () => {
    expect(targetOf(['access'], '2026-11-02', { defaultDays: null, perRight: {} })).toBeNull();
    expect(targetMissed(null, null, '2030-01-01')).toBe(false);
  });
  it.each([
    ['answered on the target day', '2026-11-09', '2026-12-01', false],
    ['answered the day after', '2026-11-10', '2026-12-01', true],
    ['open, target passed', null, '2026-11-10', true],
    ['open, target not passed', null, '2026-11-09', false],
  ])('%s', (_l, sent, today, missed) => {
    expect(targetMissed({ on: '2026-11-09' }, sent, today)).toBe(missed);
  });
  it('on-target rate counts answered cases with a target', () => {
    expect(onTargetRate([{ target: { on: '2026-11-09' }, responseSentOn: '2026-11-08' }, { target: { on: '2026-11-09' }, responseSentOn: '2026-11-12' }, { target: null, responseSentOn: '2026-11-01' }, { target: { on: '2026-11-09' }, responseSentOn: null }])).toBe(0.5);
    expect(onTargetRate([])).toBeNull();
  });
});
