import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { APP_INDEX_URL, isOwnPage, registerAppScheme, resolveAppPath, serveRenderer } from './app-protocol';
import { FakeElectron } from './fake-electron';

function rendererDir(): string {
  const base = mkdtempSync(join(tmpdir(), 'vigie-app-protocol-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Vigie</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer folder');
  return root;
}

async function served() {
  const e = new FakeElectron();
  registerAppScheme(e.protocol as never);
  await e.app.simulateReady();
  serveRenderer(e.protocol as never, rendererDir());
  return e;
}

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme before ready, without bypassing CSP', async () => {
    const e = new FakeElectron();
    registerAppScheme(e.protocol as never);
    expect(e.protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(e.protocol.privileged[0]!.privileges).not.toHaveProperty('bypassCSP');
    await e.app.simulateReady();
    // Electron's rule, kept by the fake: too late after ready.
    expect(() => registerAppScheme(e.protocol as never)).toThrow(/before app is ready/);
  });

  it('serves the page with the CSP header on every response, 404s included', async () => {
    const e = await served();
    const index = await e.protocol.simulateFetch(APP_INDEX_URL);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Vigie</title>');
    const root = await e.protocol.simulateFetch('app://vigie/');
    expect(await root.text()).toContain('<title>Vigie</title>');
    const js = await e.protocol.simulateFetch('app://vigie/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const missing = await e.protocol.simulateFetch('app://vigie/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://vigie/../secret.txt',
    'app://vigie/%2e%2e/secret.txt',
    'app://vigie/..%2fsecret.txt',
    'app://vigie/assets/..%2f..%2fsecret.txt',
    'app://vigie/..%5csecret.txt',
    'app://vigie/%00index.html',
    'app://vigie//etc/passwd',
    'app://vigie/assets',
    'app://other/index.html',
    'app://vigie:8080/index.html',
    'app://user:pw@vigie/index.html',
    'app://vigie/%E0%A4%A',
  ])('refuses %s (path traversal and foreign hosts)', async (url) => {
    const e = await served();
    const r = await e.protocol.simulateFetch(url);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('outside the renderer folder');
  });

  it('answers only GET and HEAD', async () => {
    const e = await served();
    expect((await e.protocol.simulateFetch(APP_INDEX_URL, { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await e.protocol.simulateFetch(APP_INDEX_URL, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolveAppPath keeps every path inside the root', () => {
    expect(resolveAppPath('app://vigie/index.html', '/r')).toBe(join('/r', 'index.html'));
    expect(resolveAppPath('app://vigie/a/../index.html', '/r')).toBe(join('/r', 'index.html'));
    expect(resolveAppPath('app://vigie/../../etc/passwd', '/r')).toBe(join('/r', 'etc/passwd'));
    expect(resolveAppPath('app://vigie/..%2f..%2fetc%2fpasswd', '/r')).toBeNull();
    expect(resolveAppPath('file:///etc/passwd', '/r')).toBeNull();
  });

  it('isOwnPage: exactly app://vigie, or the dev server origin in development', () => {
    expect(isOwnPage('app://vigie/index.html#/settings')).toBe(true);
    expect(isOwnPage('app://vigie.evil/index.html')).toBe(false);
    expect(isOwnPage('file:///out/renderer/index.html')).toBe(false);
    expect(isOwnPage(undefined)).toBe(false);
    expect(isOwnPage('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isOwnPage('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
  });
});
