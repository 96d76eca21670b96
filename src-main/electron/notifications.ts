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
  if (c.overdue) lines.push(fr ? `${c.overdue} demande(s) de droits en retard` : `${c.overdue} rights request(s) overdue`);
  if (c.dueThisWeek) lines.push(fr ? `${c.dueThisWeek} demande(s) à traiter cette semaine` : `${c.dueThisWeek} rights request(s) due this week`);
  if (c.extensionNoticesDue) lines.push(fr ? `${c.extensionNoticesDue} prolongation(s) à notifier` : `${c.extensionNoticesDue} extension notice(s) due`);
  if (c.clocksRunning) lines.push(fr ? `${c.clocksRunning} violation(s) : délai de 72 h en cours` : `${c.clocksRunning} breach(es) with a 72-hour clock running`);
  if (lines.length === 0) return;
  const n = new Notification({ title: fr ? 'Vigie — échéances' : 'Vigie — deadlines', body: lines.join('\n') });
  n.on('click', onClick);
  n.show();
}
