import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PrefsStore } from '../../services/prefs';
import { Session } from '../../services/session';
import { createHandlers } from '.';
import { createRouter } from '../router';

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

describe('breaches API', () => {
  it('creates through the router in the workspace zone, answers the summary, and refuses bad input with an actionable message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-breach-api-'));
    const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'API test', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
    sessions.push(session);
    const dispatch = createRouter(createHandlers(session));
    expect(await dispatch('workspace.create', { path: 'w.vigie', passphrase: 'long enough passphrase' })).toMatchObject({ ok: true });
    // An awareness moment in the future is refused (a typing error would hide an overdue notification).
    const future = await dispatch('breaches.create', { breach: { title: 'Clé USB perdue', awareAt: '2999-01-04T10:00' } });
    expect(future).toMatchObject({ ok: false, error: { code: 'invalid_breach', details: { field: 'awareAt' } } });
    // One hour ago, written in the workspace zone (Europe/Paris): the clock runs for 72 hours from then.
    const aware = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(aware).replace(' ', 'T');
    const year = local.slice(0, 4);
    const created = await dispatch('breaches.create', { breach: { title: 'Clé USB perdue', awareAt: local } });
    expect(created).toMatchObject({ ok: true, value: { reference: `BR-${year}-001` } });
    const summary = await dispatch('breaches.summary', {});
    expect(summary).toMatchObject({ ok: true, value: { open: 1, overdueNotifications: 0, byStatus: { open: 1, contained: 0, closed: 0 }, clocksRunning: [{ reference: `BR-${year}-001` }] } });
    if (summary.ok) {
      const notifyBy = Date.parse((summary.value as { clocksRunning: Array<{ notifyBy: string }> }).clocksRunning[0]!.notifyBy);
      // 72 hours later (±1 hour when a daylight-saving change falls in between).
      expect(Math.abs(notifyBy - aware.getTime() - 72 * 3_600_000)).toBeLessThanOrEqual(3_600_000);
    }
    const bad = await dispatch('breaches.create', { breach: { title: 'x', awareAt: 'yesterday' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('awareAt') } });
    const ref = await dispatch('breaches.reference', {});
    expect(ref).toMatchObject({ ok: true, value: { formatVersion: 1 } });
  });
});
