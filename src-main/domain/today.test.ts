import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';
import { buildToday, collectToday, compareToday, pageToday, sortToday, urgencyOf, type TodayFacts, type TodayKind, type TodayPosition, type Urgency } from './today';

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

describe('sortToday and pageToday (the dashboard reads Today page by page)', () => {
  // Random facts whose strings exercise the collator: accents, case, punctuation, equal dates and references.
  const refs = ['DSAR-2026-0001', 'dsar-2026-0001', 'DSAR-2026-0010', 'DSAR-2026-002', 'Éva', 'eva', 'Eva', 'T-001', 'T_001', 'T 001', 'Zoé', 'zoe', '', 'BR-2026-001'];
  function randomFacts(seed: number, n: number): TodayFacts {
    const r = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const day = () => `2026-${String(10 + Math.floor(r() * 3)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    return {
      today: TODAY,
      timeZone: 'Europe/Paris',
      requests: Array.from({ length: n }, (_, i) => request({ id: `r${i}`, reference: pick(refs), requester: pick(refs), dueDate: day(), extended: r() < 0.2, extensionNoticeBy: day(), extensionNotifiedOn: r() < 0.5 ? null : day() })),
      breaches: Array.from({ length: Math.ceil(n / 10) }, (_, i) =>
        breach({ id: `b${i}`, reference: pick(refs), clockRunning: r() < 0.3, overdue: r() < 0.5, notifyBy: `${day()}T0${Math.floor(r() * 10)}:00:00Z`, notifiedLate: r() < 0.2, followUps: [{ action: 'Informer', owner: '', due: r() < 0.3 ? null : day(), done: r() < 0.3 }] }),
      ),
      vendors: Array.from({ length: Math.ceil(n / 10) }, (_, i) => vendor({ id: `v${i}`, name: pick(refs), nextReviewOn: r() < 0.5 ? day() : null, transfers: [{ id: `t${i}`, country: 'US', tiaRequired: r() < 0.3, reevaluateOn: day() }] })),
      activities: Array.from({ length: Math.ceil(n / 10) }, (_, i) => activity({ id: `a${i}`, reference: pick(refs), reviewDate: day(), dpiaRequired: r() < 0.3 })),
      retention: [{ id: 'x', reference: pick(refs), rule: 'request-closed', dueOn: day() }],
    };
  }

  it.each([1, 2, 3, 4, 5])('sorts exactly as compareToday does (seed %i)', (seed) => {
    const items = collectToday(randomFacts(seed, 400));
    expect(sortToday(items).map((i) => i.key)).toEqual([...items].sort(compareToday).map((i) => i.key));
  });

  it.each([
    [1, 7, undefined],
    [2, 50, undefined],
    [3, 1, 'overdue'],
    [4, 13, 'soon'],
    [5, 500, undefined],
    [6, 3, 'undated'],
  ] as const)('pages (seed %i, %i a page, urgency %s) give every item of the filter once, in order', (seed, limit, urgency) => {
    const list = buildToday(randomFacts(seed, 300));
    const want = list.items.filter((i) => urgency === undefined || i.urgency === urgency);
    const got: string[] = [];
    let after: TodayPosition | undefined;
    for (let guard = 0; guard < 1000; guard++) {
      const p = pageToday(list, { ...(urgency ? { urgency } : {}), limit, ...(after ? { after } : {}) });
      expect(p.total).toBe(want.length);
      expect(p.items.length).toBeLessThanOrEqual(limit);
      got.push(...p.items.map((i) => i.key));
      if (!p.last) {
        expect(p.more).toBe(false);
        break;
      }
      after = p.last;
    }
    expect(got).toEqual(want.map((i) => i.key));
  });

  it('an item done between two pages makes no other vanish or appear twice', () => {
    const facts = randomFacts(9, 200);
    const first = pageToday(buildToday(facts), { limit: 20 });
    // The last item of the first page is done (its request closed) before the second page is read.
    const doneKey = first.items[19]!.key;
    const later = buildToday({ ...facts, requests: facts.requests.map((x) => (`request:${x.id}` === doneKey ? { ...x, closed: true } : x)) });
    const second = pageToday(later, { limit: 1000, after: first.last! });
    const all = later.items.map((i) => i.key);
    expect([...first.items.map((i) => i.key).filter((k) => k !== doneKey), ...second.items.map((i) => i.key)]).toEqual(all.filter((k) => k !== doneKey));
  });

  it('counts stay the whole list’s whatever the page', () => {
    const list = buildToday(randomFacts(4, 300));
    expect(Object.values(list.counts).reduce((a, b) => a + b, 0)).toBe(list.items.length);
    expect(pageToday(list, { urgency: 'overdue', limit: 5 }).total).toBe(list.counts.overdue);
  });
});
