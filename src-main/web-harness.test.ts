import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confinedFolder, confinedPath, startWebHarness, type Harness } from './web-harness';

let h: Harness;
let dataDir: string;
/** A file beside the renderer folder that no request may read. */
const SECRET = `secret-${Date.now()}-outside-the-renderer`;
beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'vigie-renderer-'));
  const renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Vigie</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  dataDir = mkdtempSync(join(tmpdir(), 'vigie-harness-'));
  h = await startWebHarness({ rendererDir: renderer, dataDir, quiet: true });
});
afterAll(async () => {
  await h.close();
});

/**
 * Sends `path` exactly as written: no `new URL()` on the client side, which would resolve `..` and
 * decode nothing, so the server sees what an attacker's raw socket would send.
 */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string; origin?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const origin = new URL(opts.origin ?? h.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: origin.port, path, method: opts.method ?? 'GET', headers: { host: origin.host, ...opts.headers } }, (res) => {
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

  it('the test client sends paths raw (so the traversal test below proves something)', async () => {
    const seen: string[] = [];
    const echo = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const port = (echo.address() as AddressInfo).port;
    await raw('/../../etc/passwd', { origin: `http://127.0.0.1:${port}` });
    await raw('/%2e%2e/%2e%2e/etc/passwd', { origin: `http://127.0.0.1:${port}` });
    await new Promise<void>((r) => echo.close(() => r()));
    expect(seen).toEqual(['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']);
  });

  it.each([
    '/../secret.txt',
    '/../../etc/passwd',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
    '/..\\secret.txt',
    '//../secret.txt',
    '/%252e%252e/secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/assets/app.js/../../../secret.txt',
    '/%2e%2e/secret.txt%00.js',
  ])('never serves a file outside the renderer folder: %s', async (path) => {
    const r = await raw(path);
    expect(r.body).not.toContain(SECRET);
    expect(r.body).not.toContain('root:');
    // Either refused, or the app's own index page (its client-side router handles unknown paths).
    if (r.status === 200) expect(r.body).toContain('<title>Vigie</title>');
    else expect([400, 403, 404]).toContain(r.status);
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

  it('confines sync folders to its data folder (no folder dialog in a browser)', () => {
    expect(confinedFolder(dataDir, 'Partage équipe')).toBe(join(dataDir, 'Partage équipe'));
    expect(confinedFolder(dataDir, `${join(dataDir, 'partage')}/`)).toBe(join(dataDir, 'partage'));
    for (const bad of ['/etc', '../partage', 'a/b', '..', '.', '.hidden', 'w.vigie', ' ', 'x\u0000y']) expect(() => confinedFolder(dataDir, bad), bad).toThrow(/sync folder/);
  });
});
