import { describe, expect, it } from 'vitest';
import { computeBreach, controllerNotices, normalizeBreachInstants, parseBreach } from './breach';

/** A breach in Europe/Paris, aware 27 March 2026 at 10:00 (UTC+01:00; DST starts on the 29th). */
const breach = (over: Record<string, unknown> = {}) => parseBreach(normalizeBreachInstants({ title: 'Conversations exposées', timeZone: 'Europe/Paris', awareAt: '2026-03-27T10:00', ...over }, 'Europe/Paris'));
const NOW = new Date('2026-03-27T12:00:00Z');

describe('processor’s breach (Art. 33(2)): inform the controller, no 72-hour authority clock', () => {
  it.each<[string, Record<string, unknown>, Array<{ name: string; breachNotificationHours?: number | null }>, { notifyBy: string; hours: number; clockRunning: boolean; overdue: boolean; remainingMs: number }]>([
    ['contract: 24 h → inform by 28 March 10:00', {}, [{ name: 'Client A', breachNotificationHours: 24 }], { notifyBy: '2026-03-28T10:00:00+01:00', hours: 24, clockRunning: true, overdue: false, remainingMs: 21 * 3_600_000 }],
    ['no contract period → due now, never overdue by an invented number', {}, [{ name: 'Client A' }], { notifyBy: '2026-03-27T10:00:00+01:00', hours: 0, clockRunning: true, overdue: false, remainingMs: 0 }],
    ['two clients: the earliest contractual deadline', {}, [{ name: 'Client A', breachNotificationHours: 48 }, { name: 'Client B', breachNotificationHours: 12 }], { notifyBy: '2026-03-27T22:00:00+01:00', hours: 12, clockRunning: true, overdue: false, remainingMs: 9 * 3_600_000 }],
    ['a client informed: the clock follows the one still to inform', { controllersInformed: [{ name: 'Client B', informedAt: '2026-03-27T11:00' }] }, [{ name: 'Client A', breachNotificationHours: 48 }, { name: 'Client B', breachNotificationHours: 12 }], { notifyBy: '2026-03-29T11:00:00+02:00', hours: 48, clockRunning: true, overdue: false, remainingMs: 45 * 3_600_000 }],
    ['every client informed: the clock stops', { controllersInformed: [{ name: 'Client A', informedAt: '2026-03-27T11:00' }] }, [{ name: 'Client A', breachNotificationHours: 24 }], { notifyBy: '2026-03-28T10:00:00+01:00', hours: 24, clockRunning: false, overdue: false, remainingMs: 21 * 3_600_000 }],
  ])('%s', (_name, over, clients, expected) => {
    const c = computeBreach(breach(over), { hours: 72, now: NOW, processor: true, clients });
    expect(c.clock).toBe('controller');
    expect({ notifyBy: c.notifyBy, hours: c.hours, clockRunning: c.clockRunning, overdue: c.overdue, remainingMs: c.remainingMs }).toEqual(expected);
  });

  it('overdue only against the contract’s period', () => {
    const late = new Date('2026-03-29T12:00:00Z');
    expect(computeBreach(breach(), { hours: 72, now: late, processor: true, clients: [{ name: 'A', breachNotificationHours: 24 }] }).overdue).toBe(true);
    expect(computeBreach(breach(), { hours: 72, now: late, processor: true, clients: [{ name: 'A' }] }).overdue).toBe(false);
  });

  it('the controller’s 72 hours start when the controller is informed, not when the processor became aware', () => {
    const b = breach({ controllersInformed: [{ name: 'Client A', informedAt: '2026-03-28T15:00' }] });
    expect(controllerNotices(b, [{ name: 'client a', breachNotificationHours: 24 }], 72)).toEqual([
      { name: 'client a', contractHours: 24, informBy: '2026-03-28T10:00:00+01:00', informedAt: '2026-03-28T14:00:00Z', late: true, controllerNotifyBy: '2026-03-31T16:00:00+02:00' },
    ]);
    const c = computeBreach(b, { hours: 72, now: NOW, processor: true, clients: [{ name: 'Client A', breachNotificationHours: 24 }] });
    expect(c.notifiedLate).toBe(true);
    expect(c.firstNotifiedAt).toBe('2026-03-28T14:00:00Z');
  });

  it('a controller informed but not named on the activity still appears, without contract hours', () => {
    const b = breach({ controllersInformed: [{ name: 'Client C', informedAt: '2026-03-27T12:00' }] });
    expect(controllerNotices(b, [], 72).map((n) => [n.name, n.contractHours, n.controllerNotifyBy])).toEqual([['Client C', null, '2026-03-30T13:00:00+02:00']]);
  });

  it.each<[string, Array<{ name: string; breachNotificationHours?: number | null }>, string[]]>([
    ['nobody informed, hours unknown', [{ name: 'A' }], ['controllers-not-informed', 'controller-notice-hours-unknown', 'severity-not-assessed']],
    ['nobody informed, hours known', [{ name: 'A', breachNotificationHours: 24 }], ['controllers-not-informed', 'severity-not-assessed']],
  ])('warnings: %s', (_name, clients, warnings) => {
    expect(computeBreach(breach(), { hours: 72, now: NOW, processor: true, clients }).warnings).toEqual(warnings);
  });

  it('the controller’s own breach keeps the authority clock', () => {
    const c = computeBreach(breach(), { hours: 72, now: NOW, processor: false });
    expect(c).toMatchObject({ clock: 'authority', controllerNotices: [], notifyBy: '2026-03-30T11:00:00+02:00', hours: 72 });
  });
});
