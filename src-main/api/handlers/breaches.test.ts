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
    const created = await dispatch('breaches.create', { breach: { title: 'Clé USB perdue', awareAt: '2999-01-04T10:00' } });
    expect(created).toMatchObject({ ok: true, value: { reference: 'BR-2999-001' } });
    const summary = await dispatch('breaches.summary', {});
    expect(summary).toMatchObject({ ok: true, value: { open: 1, overdueNotifications: 0, byStatus: { open: 1, contained: 0, closed: 0 }, clocksRunning: [{ reference: 'BR-2999-001', notifyBy: '2999-01-07T10:00:00+01:00' }] } });
    const bad = await dispatch('breaches.create', { breach: { title: 'x', awareAt: 'yesterday' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('awareAt') } });
    const ref = await dispatch('breaches.reference', {});
    expect(ref).toMatchObject({ ok: true, value: { formatVersion: 1 } });
  });
});
