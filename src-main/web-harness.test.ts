import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confinedPath, startWebHarness, type Harness } from './web-harness';

let h: Harness;
let dataDir: string;
beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'vigie-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Vigie</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  dataDir = mkdtempSync(join(tmpdir(), 'vigie-harness-'));
  h = await startWebHarness({ rendererDir: renderer, dataDir, quiet: true });
});
afterAll(async () => {
  await h.close();
});

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(path, h.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: opts.method ?? 'GET', headers: { host: url.host, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const invoke = (method: string, input: unknown, token = h.token) =>
  raw('/api/invoke', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ method, input }) });

describe('web harness', () => {
  it('listens on 127.0.0.1 only, with a per-launch token in the URL', () => {
    expect(h.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.url).toBe(`${h.origin}/?token=${h.token}`);
    expect(h.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with a strict Content-Security-Policy and falls back to index.html', async () => {
    const r = await raw('/');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await raw('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await raw('/register/unknown')).body).toContain('<title>Vigie</title>');
  });

  it('never serves files outside the renderer folder', async () => {
    const r = await raw('/../../etc/passwd');
    expect(r.body).not.toContain('root:');
  });

  it('refuses API calls without the token, with a wrong token, or from another Host', async () => {
    expect((await invoke('app.info', {}, 'wrong')).status).toBe(401);
    expect((await raw('/api/invoke', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await raw('/api/invoke', { method: 'POST', headers: { host: 'evil.example:80', authorization: `Bearer ${h.token}` }, body: '{}' })).status).toBe(421);
    expect((await raw('/api/invoke', { method: 'GET', headers: { authorization: `Bearer ${h.token}` } })).status).toBe(405);
  });

  it('answers the typed API in result envelopes, and a body that is not JSON clearly', async () => {
    expect(JSON.parse((await invoke('app.info', {})).body)).toMatchObject({ ok: true, value: { platform: 'web', canBrowse: false } });
    const bad = await raw('/api/invoke', { method: 'POST', headers: { authorization: `Bearer ${h.token}` }, body: 'not json' });
    expect(JSON.parse(bad.body)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The request body is not JSON.' } });
  });

  it('confines workspace paths to its data folder', async () => {
    expect(confinedPath(dataDir, 'a.vigie')).toBe(join(dataDir, 'a.vigie'));
    expect(confinedPath(dataDir, join(dataDir, 'b.vigie'))).toBe(join(dataDir, 'b.vigie'));
    expect(() => confinedPath(dataDir, '/etc/evil.vigie')).toThrow(/file name inside/);
    expect(() => confinedPath(dataDir, '../x.vigie')).toThrow(/file name inside/);
    const r = JSON.parse((await invoke('workspace.create', { path: '/tmp/elsewhere.vigie', passphrase: 'long enough passphrase' })).body);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_path' } });
  });
});
