import { describe, expect, it } from 'vitest';
import { buildToday, collectToday, urgencyOf, type TodayFacts, type TodayKind, type Urgency } from './today';

const TODAY = '2026-12-01';
const empty: TodayFacts = { today: TODAY, timeZone: 'Europe/Paris', requests: [], breaches: [], vendors: [], activities: [] };

const request = (over: Partial<TodayFacts['requests'][number]> = {}): TodayFacts['requests'][number] => ({
  id: 'r1',
  reference: 'DSAR-2026-001',
  requester: 'Emma Chevalier',
  dueDate: '2026-12-20',
  closed: false,
  extended: false,
  extensionNoticeBy: '2026-12-20',
  extensionNotifiedOn: null,
  ...over,
});
const breach = (over: Partial<TodayFacts['breaches'][number]> = {}): TodayFacts['breaches'][number] => ({
  id: 'b1',
  reference: 'BR-2026-001',
  title: 'Phishing',
  status: 'open',
  notifyBy: '2026-12-02T09:00:00Z',
  clockRunning: false,
  overdue: false,
  notifiedLate: false,
  delayReasonsGiven: false,
  followUps: [],
  ...over,
});
const vendor = (over: Partial<TodayFacts['vendors'][number]> = {}): TodayFacts['vendors'][number] => ({ id: 'v1', name: 'Acme Cloud', nextReviewOn: null, transfers: [], ...over });
const activity = (over: Partial<TodayFacts['activities'][number]> = {}): TodayFacts['activities'][number] => ({
  id: 'a1',
  reference: 'T-001',
  name: 'Paie',
  status: 'active',
  reviewDate: null,
  dpiaRequired: false,
  ...over,
});

describe('urgencyOf', () => {
  it.each<[number | null, Urgency]>([
    [-30, 'overdue'],
    [-1, 'overdue'],
    [0, 'today'],
    [1, 'soon'],
    [7, 'soon'],
    [8, 'upcoming'],
    [null, 'undated'],
  ])('%s days left → %s', (days, u) => expect(urgencyOf(days)).toBe(u));
});

describe('collectToday: what enters the list', () => {
  const cases: Array<[string, Partial<TodayFacts>, Array<[TodayKind, Urgency]>]> = [
    ['nothing to do', {}, []],
    ['request due in 20 days: not yet', { requests: [request()] }, []],
    ['request due in 7 days', { requests: [request({ dueDate: '2026-12-08' })] }, [['request-due', 'soon']]],
    ['request due today', { requests: [request({ dueDate: TODAY })] }, [['request-due', 'today']]],
    ['request overdue', { requests: [request({ dueDate: '2026-11-28' })] }, [['request-overdue', 'overdue']]],
    ['closed request overdue: nothing', { requests: [request({ dueDate: '2026-11-28', closed: true })] }, []],
    ['extension not notified, limit in 19 days', { requests: [request({ extended: true, extensionNoticeBy: '2026-12-20' })] }, [['extension-notice', 'upcoming']]],
    ['extension not notified, limit today', { requests: [request({ extended: true, extensionNoticeBy: TODAY })] }, [['extension-notice', 'today']]],
    ['extension not notified, limit passed: the notice no longer helps', { requests: [request({ extended: true, extensionNoticeBy: '2026-11-30' })] }, []],
    ['extension notified: nothing', { requests: [request({ extended: true, extensionNotifiedOn: '2026-11-15' })] }, []],
    ['running clock tomorrow', { breaches: [breach({ clockRunning: true })] }, [['breach-clock', 'soon']]],
    ['running clock tonight (Paris)', { breaches: [breach({ clockRunning: true, notifyBy: '2026-12-01T20:00:00Z' })] }, [['breach-clock', 'today']]],
    ['overdue clock', { breaches: [breach({ clockRunning: true, overdue: true, notifyBy: '2026-11-30T09:00:00Z' })] }, [['breach-notification-overdue', 'overdue']]],
    ['late notification without reasons', { breaches: [breach({ notifiedLate: true })] }, [['breach-delay-reasons', 'undated']]],
    ['late notification with reasons: nothing', { breaches: [breach({ notifiedLate: true, delayReasonsGiven: true })] }, []],
    [
      'follow-ups: overdue, soon, far, done, undated',
      {
        breaches: [
          breach({
            followUps: [
              { action: 'Reset passwords', owner: 'IT', due: '2026-11-25', done: false },
              { action: 'Train staff', owner: '', due: '2026-12-10', done: false },
              { action: 'Audit', owner: '', due: '2027-03-01', done: false },
              { action: 'Done one', owner: '', due: '2026-11-01', done: true },
              { action: 'Someday', owner: '', due: null, done: false },
            ],
          }),
        ],
      },
      [
        ['breach-follow-up', 'overdue'],
        ['breach-follow-up', 'upcoming'],
        ['breach-follow-up', 'undated'],
      ],
    ],
    ['undated follow-up of a closed breach: nothing', { breaches: [breach({ status: 'closed', followUps: [{ action: 'x', owner: '', due: null, done: false }] })] }, []],
    ['vendor review overdue', { vendors: [vendor({ nextReviewOn: '2026-10-01' })] }, [['vendor-review', 'overdue']]],
    ['vendor review in 25 days', { vendors: [vendor({ nextReviewOn: '2026-12-26' })] }, [['vendor-review', 'upcoming']]],
    ['vendor review in 3 months: nothing', { vendors: [vendor({ nextReviewOn: '2027-03-01' })] }, []],
    [
      'transfers: TIA missing, re-evaluation due, far re-evaluation',
      {
        vendors: [
          vendor({
            transfers: [
              { id: 't1', country: 'US', tiaRequired: true, reevaluateOn: null },
              { id: 't2', country: 'IN', tiaRequired: false, reevaluateOn: '2026-11-01' },
              { id: 't3', country: 'BR', tiaRequired: false, reevaluateOn: '2027-06-01' },
            ],
          }),
        ],
      },
      [
        ['tia-missing', 'undated'],
        ['tia-reevaluation', 'overdue'],
      ],
    ],
    ['activity past its review date', { activities: [activity({ reviewDate: '2026-06-30' })] }, [['activity-review', 'overdue']]],
    ['retired activity: nothing', { activities: [activity({ status: 'retired', reviewDate: '2026-06-30', dpiaRequired: true })] }, []],
    ['DPIA flagged', { activities: [activity({ dpiaRequired: true })] }, [['dpia-required', 'undated']]],
  ];
  it.each(cases)('%s', (_name, facts, expected) => {
    const got = collectToday({ ...empty, ...facts }).map((i) => [i.kind, i.urgency]);
    expect(got).toEqual(expected);
  });

  it('counts days left and links to the record', () => {
    const [i] = collectToday({ ...empty, requests: [request({ dueDate: '2026-11-28' })] });
    expect(i).toMatchObject({ area: 'requests', recordId: 'r1', reference: 'DSAR-2026-001', label: 'Emma Chevalier', due: '2026-11-28', daysLeft: -3 });
  });
});

describe('buildToday: order', () => {
  const facts: TodayFacts = {
    ...empty,
    requests: [request({ id: 'r-late', reference: 'DSAR-2026-001', dueDate: '2026-11-20' }), request({ id: 'r-soon', reference: 'DSAR-2026-002', dueDate: '2026-12-03' })],
    breaches: [
      breach({ id: 'b-late', reference: 'BR-2026-002', clockRunning: true, overdue: true, notifyBy: '2026-11-30T09:00:00Z' }),
      breach({ id: 'b-run', reference: 'BR-2026-003', clockRunning: true, notifyBy: '2026-12-02T09:00:00Z' }),
    ],
    vendors: [vendor({ id: 'v-late', nextReviewOn: '2026-01-01' })],
    activities: [activity({ id: 'a-dpia', dpiaRequired: true }), activity({ id: 'a-today', reference: 'T-002', reviewDate: TODAY })],
  };
  it('overdue first, the breach notification leading; then today, soon, undated', () => {
    const { items, counts } = buildToday(facts);
    expect(items.map((i) => i.key)).toEqual([
      'clock:b-late', // overdue, breach: a 72-hour clock outranks an older overdue request
      'request:r-late',
      'vendor-review:v-late',
      'activity-review:a-today', // today
      'clock:b-run', // soon: the clock first
      'request:r-soon',
      'dpia:a-dpia', // undated
    ]);
    expect(counts).toEqual({ overdue: 3, today: 1, soon: 2, upcoming: 0, undated: 1 });
  });
  it('inside one bucket and kind, the oldest deadline first', () => {
    const { items } = buildToday({ ...empty, requests: [request({ id: 'x', reference: 'B', dueDate: '2026-11-29' }), request({ id: 'y', reference: 'A', dueDate: '2026-11-02' })] });
    expect(items.map((i) => i.recordId)).toEqual(['y', 'x']);
  });
  it('is stable whatever the input order', () => {
    const reversed: TodayFacts = { ...facts, requests: [...facts.requests].reverse(), breaches: [...facts.breaches].reverse(), activities: [...facts.activities].reverse() };
    expect(buildToday(reversed).items.map((i) => i.key)).toEqual(buildToday(facts).items.map((i) => i.key));
  });
});

describe('storage limitation in Today', () => {
  const base = { today: '2026-12-01', timeZone: 'Europe/Paris', requests: [], breaches: [], vendors: [], activities: [] };
  it('lists Vigie records past their retention and overdue or coming business-system purges, after legal deadlines', () => {
    const list = buildToday({
      ...base,
      requests: [{ id: 'r', reference: 'DSAR-2026-0001', requester: 'A', dueDate: '2026-11-20', closed: false, extended: false, extensionNoticeBy: '2026-11-20', extensionNotifiedOn: null }],
      retention: [{ id: 'x', reference: 'DSAR-2019-0001', rule: 'request-closed', dueOn: '2024-12-22' }],
      businessPurges: [
        { activityId: 'a', activityReference: 'T-001', activityName: 'Recrutement', categoryId: 'cv', categoryLabel: 'CV', dueOn: '2026-10-01' },
        { activityId: 'b', activityReference: 'T-002', activityName: 'Paie', categoryId: 'p', categoryLabel: 'Bulletins', dueOn: '2027-06-01' },
      ],
    });
    expect(list.items.map((i) => i.kind)).toEqual(['request-overdue', 'retention-purge', 'business-purge']);
    expect(list.items.find((i) => i.kind === 'retention-purge')).toMatchObject({ area: 'retention', urgency: 'overdue' });
  });
});
