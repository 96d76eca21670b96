import { beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../api/router';
import { FakeElectron } from './fake-electron';
import { notifyDeadlines } from './notifications';

function dispatchWith(requests: object, breaches: object): Dispatch {
  return async (method) => {
    if (method === 'requests.summary') return { ok: true, value: requests };
    if (method === 'breaches.summary') return { ok: true, value: breaches };
    return { ok: false, error: { code: 'unknown_method', message: method } };
  };
}

describe('deadline notification at unlock', () => {
  const e = new FakeElectron();
  beforeEach(() => {
    e.Notification.shown.length = 0;
    e.Notification.supported = true;
  });

  it('lists overdue and due-soon requests, extension notices and running breach clocks, in French', async () => {
    await notifyDeadlines(e.Notification as never, dispatchWith({ overdue: 2, dueThisWeek: 1, extensionNoticesDue: 1 }, { clocksRunning: [{}, {}] }), 'fr', () => undefined);
    expect(e.Notification.shown).toEqual([
      {
        title: 'Vigie — échéances',
        body: '2 demandes de droits en retard\n1 demande à traiter cette semaine\n1 prolongation à notifier\n2 violations : délai de notification de 72 heures en cours',
      },
    ]);
  });

  it('in English', async () => {
    await notifyDeadlines(e.Notification as never, dispatchWith({ overdue: 1 }, {}), 'en', () => undefined);
    expect(e.Notification.shown).toEqual([{ title: 'Vigie — deadlines', body: '1 rights request overdue' }]);
  });

  it('silent when nothing is due, when a summary fails, or where the OS has no notifications', async () => {
    await notifyDeadlines(e.Notification as never, dispatchWith({ overdue: 0 }, { clocksRunning: [] }), 'fr', () => undefined);
    await notifyDeadlines(e.Notification as never, async () => ({ ok: false, error: { code: 'no_workspace', message: 'closed' } }), 'fr', () => undefined);
    e.Notification.supported = false;
    await notifyDeadlines(e.Notification as never, dispatchWith({ overdue: 3 }, {}), 'fr', () => undefined);
    expect(e.Notification.shown).toEqual([]);
  });
});
