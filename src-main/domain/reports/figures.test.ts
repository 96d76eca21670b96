import { describe, expect, it } from 'vitest';
import {
  actionPlan,
  breachFigures,
  computeFigures,
  defaultPeriod,
  monthsOf,
  previousPeriod,
  registerFigures,
  requestFigures,
  vendorFigures,
  type ActivityFact,
  type BreachFact,
  type FigureFacts,
  type RequestFact,
  type VendorFact,
} from './figures';

const act = (over: Partial<ActivityFact>): ActivityFact => ({
  id: 'a',
  reference: 'T-001',
  name: 'Paie',
  role: 'controller',
  status: 'active',
  department: 'RH',
  owner: null,
  legalBases: ['legal-obligation'],
  score: 100,
  issues: [],
  dpia: { result: 'not-indicated', done: false, doneOn: null },
  ...over,
});

const req = (over: Partial<RequestFact>): RequestFact => ({
  reference: 'DSAR-2026-0001',
  rights: ['access'],
  receivedOn: '2026-03-02',
  dueDate: '2026-04-02',
  responseSentOn: null,
  status: 'on-track',
  extended: false,
  outcome: null,
  outcomeReasons: '',
  ...over,
});

const breach = (over: Partial<BreachFact>): BreachFact => ({
  reference: 'BR-2026-001',
  title: 'Courriel mal adressé',
  awareOn: '2026-05-10',
  awareAt: '2026-05-10T08:00:00Z',
  status: 'closed',
  severity: 'low',
  cause: 'internal-accidental',
  authorityDecision: 'notify',
  authorityReason: '',
  firstNotifiedAt: null,
  hours: 72,
  processor: false,
  overdue: false,
  lessonsLearned: '',
  followUps: [],
  ...over,
});

const vendor = (over: Partial<VendorFact>): VendorFact => ({
  id: 'v',
  name: 'Cloudy',
  role: 'processor',
  country: 'US',
  art28: { applicable: true, missing: 0, partial: 0, unchecked: 0, missingIds: [] },
  nextReviewOn: null,
  transfers: [],
  warnings: [],
  ...over,
});

describe('periods', () => {
  it.each([
    ['2026-12-01', { from: '2025-12-02', to: '2026-12-01' }],
    ['2024-02-29', { from: '2023-03-01', to: '2024-02-29' }],
    ['2026-01-01', { from: '2025-01-02', to: '2026-01-01' }],
  ])('default period ending %s', (today, expected) => expect(defaultPeriod(today)).toEqual(expected));

  it.each([
    [{ from: '2026-01-01', to: '2026-12-31' }, { from: '2025-01-01', to: '2025-12-31' }],
    [{ from: '2026-03-01', to: '2026-03-31' }, { from: '2026-01-29', to: '2026-02-28' }],
  ])('previous period of %j', (p, expected) => expect(previousPeriod(p)).toEqual(expected));

  it.each([
    [{ from: '2025-12-02', to: '2026-12-01' }, 13, '2025-12', '2026-12'],
    [{ from: '2026-02-10', to: '2026-02-20' }, 1, '2026-02', '2026-02'],
  ])('months of %j', (p, n, first, last) => {
    const m = monthsOf(p);
    expect(m).toHaveLength(n);
    expect(m[0]).toBe(first);
    expect(m.at(-1)).toBe(last);
  });
});

describe('registerFigures', () => {
  it('counts by role, basis and department, leaves retired activities out, lists what to fix lowest first', () => {
    const f = registerFigures([
      act({ reference: 'T-001', score: 100 }),
      act({ reference: 'T-002', score: 40, department: null, legalBases: ['consent', 'consent', 'contract'], issues: [{ code: 'retention_missing', severity: 'error', article: 'Art. 30(1)(f)', message: { fr: 'x', en: 'x' } }] }),
      act({ reference: 'T-003', score: 70, role: 'processor', legalBases: [] }),
      act({ reference: 'T-004', score: 0, status: 'retired' }),
      act({ reference: 'T-005', score: 90, dpia: { result: 'required', done: false, doneOn: null } }),
      act({ reference: 'T-006', score: 90, dpia: { result: 'likely', done: false, doneOn: null } }),
      act({ reference: 'T-007', score: 90, dpia: { result: 'required', done: true, doneOn: '2026-01-01' } }),
    ]);
    expect(f.activities).toBe(6);
    expect(f.byRole).toEqual({ controller: 5, processor: 1 });
    expect(f.byLegalBasis).toEqual({ 'legal-obligation': 4, consent: 1, contract: 1 });
    expect(f.byDepartment).toEqual({ RH: 5, unknown: 1 });
    expect(f.score).toBe(Math.round((100 + 40 + 70 + 90 * 3) / 6));
    expect(f.toFix.map((a) => a.reference)).toEqual(['T-002', 'T-003', 'T-005', 'T-006', 'T-007']);
    expect(f.dpia).toMatchObject({ required: 2, likely: 1, done: 1 });
    expect(f.dpia.due.map((d) => [d.reference, d.result])).toEqual([
      ['T-005', 'required'],
      ['T-006', 'likely'],
    ]);
  });

  it('scores an empty register 0, not 100', () => expect(registerFigures([]).score).toBe(0));
});

describe('requestFigures', () => {
  const p = { from: '2026-01-01', to: '2026-06-30' };
  const cases: Array<[string, RequestFact[], Partial<ReturnType<typeof requestFigures>>]> = [
    ['nothing', [], { received: 0, answered: 0, onTimeRate: null, medianDays: null }],
    [
      'one on time, one late, one received before the period and answered in it',
      [
        req({ reference: 'A', receivedOn: '2026-02-01', dueDate: '2026-03-02', responseSentOn: '2026-02-11', status: 'closed', outcome: 'fulfilled' }),
        req({ reference: 'B', receivedOn: '2026-02-05', dueDate: '2026-03-05', responseSentOn: '2026-03-10', status: 'closed', outcome: 'refused', outcomeReasons: 'Demande manifestement infondée' }),
        req({ reference: 'C', receivedOn: '2025-12-20', dueDate: '2026-01-20', responseSentOn: '2026-01-10', status: 'closed', outcome: 'no-data', rights: ['erasure'] }),
      ],
      { received: 2, answered: 3, answeredOnTime: 2, answeredLate: 1, onTimeRate: 2 / 3, medianDays: 21, refusals: [{ reference: 'B', outcome: 'refused', reasons: 'Demande manifestement infondée' }] },
    ],
    [
      'open overdue case and an extension',
      [req({ reference: 'D', receivedOn: '2026-01-10', dueDate: '2026-02-10', status: 'overdue' }), req({ reference: 'E', receivedOn: '2026-06-01', extended: true, status: 'extended', rights: ['access', 'erasure'] })],
      { received: 2, overdueNow: [{ reference: 'D', receivedOn: '2026-01-10', dueDate: '2026-02-10' }], extended: 1, perRight: { access: 2, erasure: 1 } },
    ],
  ];
  it.each(cases)('%s', (_name, requests, expected) => expect(requestFigures(requests, p)).toMatchObject(expected));

  it('buckets per month (received by receipt, answered by answer)', () => {
    const f = requestFigures([req({ receivedOn: '2026-02-01', dueDate: '2026-03-02', responseSentOn: '2026-03-01', status: 'closed', outcome: 'fulfilled' })], p);
    expect(f.perMonth).toHaveLength(6);
    expect(f.perMonth[1]).toMatchObject({ month: '2026-02', received: 1, answered: 0, onTimeRate: null });
    expect(f.perMonth[2]).toMatchObject({ month: '2026-03', received: 0, answered: 1, answeredOnTime: 1, onTimeRate: 1, medianDays: 28 });
  });
});

describe('breachFigures', () => {
  const p = { from: '2026-01-01', to: '2026-12-31' };
  it.each<[string, BreachFact[], Partial<ReturnType<typeof breachFigures>>]>([
    ['none', [], { count: 0, medianHoursToNotify: null, notified: 0 }],
    [
      'notified in 30 h and in 80 h, one not notified with its reason, one outside the period',
      [
        breach({ reference: 'B1', firstNotifiedAt: '2026-05-11T14:00:00Z', severity: 'high', cause: 'external-malicious' }),
        breach({ reference: 'B2', awareAt: '2026-06-01T00:00:00Z', awareOn: '2026-06-01', firstNotifiedAt: '2026-06-04T08:00:00Z', severity: 'high', cause: 'external-malicious' }),
        breach({ reference: 'B3', authorityDecision: 'not-notify', authorityReason: 'Données chiffrées', severity: 'low', cause: null }),
        breach({ reference: 'B0', awareOn: '2025-12-31' }),
      ],
      {
        count: 3,
        bySeverity: { high: 2, low: 1 },
        byCause: { 'external-malicious': 2, unknown: 1 },
        notified: 2,
        notNotified: [{ reference: 'B3', reason: 'Données chiffrées' }],
        hoursToNotify: [
          { reference: 'B1', hours: 30, limit: 72, late: false },
          { reference: 'B2', hours: 80, limit: 72, late: true },
        ],
        notifiedWithinLimit: 1,
        medianHoursToNotify: 55,
      },
    ],
  ])('%s', (_n, breaches, expected) => expect(breachFigures(breaches, p)).toMatchObject(expected));

  it('keeps open follow-ups of earlier breaches', () => {
    const f = breachFigures([breach({ awareOn: '2024-01-01', followUps: [{ action: 'Former l’équipe', owner: 'RSSI', due: null, done: false }, { action: 'x', owner: '', due: null, done: true }] })], p);
    expect(f.openFollowUps).toEqual([{ reference: 'BR-2026-001', action: 'Former l’équipe', owner: 'RSSI', due: null }]);
  });
});

describe('vendorFigures', () => {
  it('counts transfers by tool and country, DPF checks, Art. 28 gaps, overdue reviews and TIAs', () => {
    const f = vendorFigures(
      [
        vendor({ name: 'A', nextReviewOn: '2026-01-01', transfers: [{ country: 'US', tool: 'adequacy', dpfCheckedOn: '2026-06-01', tiaOutcome: null, tiaReevaluateOn: null }], art28: { applicable: true, missing: 2, partial: 0, unchecked: 1, missingIds: ['28-3-a', '28-3-b'] } }),
        vendor({ name: 'B', transfers: [{ country: 'US', tool: 'adequacy', dpfCheckedOn: null, tiaOutcome: null, tiaReevaluateOn: null }, { country: 'IN', tool: null, dpfCheckedOn: null, tiaOutcome: 'pending', tiaReevaluateOn: null }] }),
        vendor({ name: 'C', country: 'FR', transfers: [{ country: 'IN', tool: 'scc', dpfCheckedOn: null, tiaOutcome: 'measures-adopted', tiaReevaluateOn: '2026-02-01' }], art28: { applicable: false, missing: 5, partial: 0, unchecked: 0, missingIds: [] } }),
      ],
      '2026-12-01',
    );
    expect(f.transfers).toBe(4);
    expect(f.transfersByTool).toEqual({ adequacy: 2, unknown: 1, scc: 1 });
    expect(f.transfersByCountry).toEqual({ US: 2, IN: 2 });
    expect(f.dpf).toEqual({ checked: 1, stale: 0, missing: 1 });
    expect(f.missingArt28).toEqual([{ vendor: 'A', missing: 2, unchecked: 1, clauses: ['28-3-a', '28-3-b'] }]);
    expect(f.reviewsOverdue).toEqual([{ vendor: 'A', due: '2026-01-01' }]);
    expect(f.tiasDue).toEqual([
      { vendor: 'B', country: 'IN', reason: 'pending' },
      { vendor: 'C', country: 'IN', reason: 'reevaluation' },
    ]);
  });
});

describe('action plan, key figures, decisions', () => {
  const facts: FigureFacts = {
    defaultOwner: 'Jeanne Dupont (DPO)',
    activities: [
      act({ reference: 'T-001', owner: 'DRH', dpia: { result: 'required', done: false, doneOn: null } }),
      act({ reference: 'T-002', score: 50, issues: [{ code: 'retention_missing', severity: 'error', article: 'Art. 30(1)(f)', message: { fr: 'Durée de conservation manquante', en: 'Retention missing' } }] }),
    ],
    requests: [req({ reference: 'DSAR-2026-0009', status: 'overdue', dueDate: '2026-11-01', receivedOn: '2026-10-01' })],
    breaches: [breach({ followUps: [{ action: 'Chiffrer les portables', owner: 'DSI', due: '2026-06-01', done: false }] })],
    vendors: [vendor({ name: 'Cloudy', warnings: [{ code: 'art28_missing', severity: 'warning', article: 'Art. 28(3)', message: { fr: 'Clauses manquantes', en: 'Clauses missing' } }] })],
  };

  it('turns every open warning into an owned, prioritised action', () => {
    const plan = actionPlan(facts, '2026-12-01');
    expect(plan.map((a) => [a.priority, a.area, a.subject, a.owner])).toEqual([
      [1, 'requests', 'DSAR-2026-0009', 'Jeanne Dupont (DPO)'],
      [1, 'breaches', 'BR-2026-001', 'DSI'],
      [1, 'dpia', 'T-001 Paie', 'DRH'],
      [2, 'vendors', 'Cloudy', 'Jeanne Dupont (DPO)'],
      [2, 'register', 'T-002 Paie', 'RH'],
    ]);
    expect(plan[4]!.action.fr).toContain('Durée de conservation manquante');
  });

  it('names a backlog of more than ten overdue requests in one action, listing fewer one by one', () => {
    const many = Array.from({ length: 11 }, (_, i) => req({ reference: `DSAR-2026-${String(i + 1).padStart(4, '0')}`, status: 'overdue', dueDate: `2026-10-${String(i + 10).padStart(2, '0')}` }));
    const plan = actionPlan({ ...facts, requests: many }, '2026-12-01').filter((a) => a.area === 'requests');
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ priority: 1, subject: '11 DSAR', due: '2026-10-10' });
    expect(plan[0]!.action.fr).toContain('11 demandes en retard');
    expect(actionPlan({ ...facts, requests: many.slice(0, 10) }, '2026-12-01').filter((a) => a.area === 'requests')).toHaveLength(10);
  });

  it('gives 8 key figures with trends for flow figures only, and at most three decisions', () => {
    const fig = computeFigures(facts, { today: '2026-12-01' });
    expect(fig.keyFigures).toHaveLength(8);
    expect(fig.keyFigures.find((k) => k.id === 'requests_received')).toMatchObject({ value: 1, previous: 0 });
    expect(fig.keyFigures.find((k) => k.id === 'register_score')!.previous).toBeUndefined();
    expect(fig.decisions.length).toBeLessThanOrEqual(3);
    expect(fig.decisions.map((d) => d.id)).toEqual(['dpia_budget', 'requests_capacity', 'breach_response']);
  });
});
