import type { Dispatch } from '../api/router';
import type { ElectronApi } from './electron-api';

interface ReminderCounts {
  overdue: number;
  dueThisWeek: number;
  extensionNoticesDue: number;
  clocksRunning: number;
}

/** Reads the open workspace's deadlines through the same API the window uses. */
async function counts(dispatch: Dispatch): Promise<ReminderCounts> {
  const requests = await dispatch('requests.summary', {});
  const breaches = await dispatch('breaches.summary', {});
  const r = requests.ok ? (requests.value as Partial<{ overdue: number; dueThisWeek: number; extensionNoticesDue: number }>) : {};
  const b = breaches.ok ? (breaches.value as Partial<{ clocksRunning: unknown[] }>) : {};
  return { overdue: r.overdue ?? 0, dueThisWeek: r.dueThisWeek ?? 0, extensionNoticesDue: r.extensionNoticesDue ?? 0, clocksRunning: b.clocksRunning?.length ?? 0 };
}

/**
 * At launch (when a workspace is unlocked) a desktop notification lists overdue and due-soon rights
 * requests and running breach clocks; the same list is on the dashboard. Silent when nothing is due.
 */
export async function notifyDeadlines(Notification: ElectronApi['Notification'], dispatch: Dispatch, language: 'fr' | 'en', onClick: () => void): Promise<void> {
  if (!Notification.isSupported()) return;
  const c = await counts(dispatch);
  const lines: string[] = [];
  const fr = language === 'fr';
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (c.overdue) lines.push(fr ? n(c.overdue, 'demande de droits en retard', 'demandes de droits en retard') : n(c.overdue, 'rights request overdue', 'rights requests overdue'));
  if (c.dueThisWeek) lines.push(fr ? n(c.dueThisWeek, 'demande à traiter cette semaine', 'demandes à traiter cette semaine') : n(c.dueThisWeek, 'rights request due this week', 'rights requests due this week'));
  if (c.extensionNoticesDue) lines.push(fr ? n(c.extensionNoticesDue, 'prolongation à notifier', 'prolongations à notifier') : n(c.extensionNoticesDue, 'extension notice due', 'extension notices due'));
  if (c.clocksRunning) lines.push(fr ? n(c.clocksRunning, 'violation : délai de notification de 72 heures en cours', 'violations : délai de notification de 72 heures en cours') : n(c.clocksRunning, 'breach with its 72-hour notification deadline running', 'breaches with their 72-hour notification deadline running'));
  if (lines.length === 0) return;
  const note = new Notification({ title: fr ? 'Vigie — échéances' : 'Vigie — deadlines', body: lines.join('\n') });
  note.on('click', onClick);
  note.show();
}
