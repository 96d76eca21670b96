import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { PrefsStore } from '../../services/prefs';
import { Session } from '../../services/session';
import { createHandlers } from '.';
import { createRouter } from '../router';

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

describe('reports API', () => {
  it('answers the figures (validated by the contract) and the exports; refuses a bad period or part', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-reports-api-'));
    const session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'API test', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
    sessions.push(session);
    const dispatch = createRouter(createHandlers(session));
    expect(await dispatch('workspace.create', { path: 'w.vigie', passphrase: 'long enough passphrase', demo: true })).toMatchObject({ ok: true });
    const fig = await dispatch('reports.figures', {});
    expect(fig).toMatchObject({ ok: true, value: { keyFigures: expect.any(Array), requests: { perMonth: expect.any(Array) } } });
    const period = await dispatch('reports.figures', { from: '2026-01-01', to: '2026-03-31' });
    expect(period).toMatchObject({ ok: true, value: { period: { from: '2026-01-01', to: '2026-03-31' }, previousPeriod: { to: '2025-12-31' } } });
    expect(await dispatch('reports.figures', { from: '2026-04-01', to: '2026-03-31' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const reg = await dispatch('reports.register', { format: 'ods' });
    expect(reg).toMatchObject({ ok: true, value: { fileName: expect.stringMatching(/\.ods$/) } });
    const pack = await dispatch('reports.cnilPack', { parts: ['organisation', 'changelog'] });
    expect(pack.ok).toBe(true);
    const value = (pack as { value: { contentBase64: string; files: Array<{ name: string }> } }).value;
    const zip = unzipSync(new Uint8Array(Buffer.from(value.contentBase64, 'base64')));
    expect(Object.keys(zip).sort()).toEqual(['00-LISEZMOI.txt', '01-organisme/organisme-et-dpo.txt', '09-journal/journal-des-modifications.csv', '09-journal/verification-integrite.txt', 'contenu.txt', 'manifest.json']);
    expect(strFromU8(zip['09-journal/verification-integrite.txt']!)).toContain('INTÈGRE');
    expect(await dispatch('reports.cnilPack', { parts: ['everything'] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }, 60_000);
});
