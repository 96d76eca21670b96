/**
 * The Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
 * asserted item by item against the fake Electron (fake-electron.ts): this is how main-process code
 * is tested where the Electron binary cannot run. main.test.ts checks the same policy is wired in.
 */
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { APP_INDEX_URL } from './app-protocol';
import { FakeElectron, FakeEvent, FakeSession } from './fake-electron';
import { guardWebContents, hardenSession, isAllowedRequest, secureWebPreferences, spellcheckEnabled } from './security';

describe('window webPreferences (checklist 2, 3, 4, 6, 9, 10, 12)', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`${platform}: isolated, sandboxed, no Node, web security on, nothing experimental`, () => {
      const p = secureWebPreferences('/app/preload.cjs', platform, false);
      expect(p).toMatchObject({
        preload: '/app/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        enableBlinkFeatures: '',
        webviewTag: false,
        navigateOnDragDrop: false,
        devTools: false,
      });
    });
  }

  it('spell-check only with the macOS checker (Hunspell on Windows and Linux would download dictionaries)', () => {
    expect(secureWebPreferences('p', 'linux', false).spellcheck).toBe(false);
    expect(secureWebPreferences('p', 'darwin', false).spellcheck).toBe(true);
    expect(secureWebPreferences('p', 'win32', false).spellcheck).toBe(false);
    expect(spellcheckEnabled('freebsd')).toBe(false);
  });
});

describe('session policy', () => {
  function hardened(platform: NodeJS.Platform = 'linux', devServerUrl?: string) {
    const e = new FakeElectron();
    const session = e.session.defaultSession;
    const blocked: string[] = [];
    hardenSession(session as never, { platform, devServerUrl, onBlocked: (u) => blocked.push(u) });
    const wc = new e.BrowserWindow().webContents;
    return { session, wc, blocked };
  }

  it('the fake grants by default, so the assertions below prove the handlers (not the fake) deny', async () => {
    const s = new FakeSession();
    const e = new FakeElectron();
    const wc = new e.BrowserWindow().webContents;
    expect(await s.simulatePermissionRequest(wc, 'media')).toBe(true);
    expect(s.simulatePermissionCheck(wc, 'media', APP_INDEX_URL)).toBe(true);
    expect(s.simulateRequest('https://tracker.example/x.gif').cancelled).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen', 'pointerLock', 'unknown'])(
    'permission request %s is denied (checklist 5)',
    async (permission) => {
      const { session, wc } = hardened();
      wc.mainFrame.url = 'app://vigie/index.html';
      expect(await session.simulatePermissionRequest(wc, permission)).toBe(false);
    },
  );

  it('only plain-text clipboard write is granted, and only to our own page', async () => {
    const { session, wc } = hardened();
    wc.mainFrame.url = 'app://vigie/index.html';
    expect(await session.simulatePermissionRequest(wc, 'clipboard-sanitized-write')).toBe(true);
    expect(session.simulatePermissionCheck(wc, 'clipboard-sanitized-write', 'app://vigie')).toBe(true);
    expect(session.simulatePermissionCheck(wc, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(session.simulatePermissionCheck(wc, 'clipboard-read', 'app://vigie')).toBe(false);
    wc.mainFrame.url = 'https://evil.example/';
    expect(await session.simulatePermissionRequest(wc, 'clipboard-sanitized-write')).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb'])('permission check %s answers false, even from our own page', (permission) => {
    const { session, wc } = hardened();
    expect(session.simulatePermissionCheck(wc, permission, 'app://vigie')).toBe(false);
    expect(session.simulatePermissionCheck(null, permission, 'https://evil.example')).toBe(false);
    expect(session.devicePermissionHandler?.({})).toBe(false);
  });

  it('cancels every request that leaves app:// (no network call from the app at all)', () => {
    const { session, blocked } = hardened();
    const refused = [
      'https://www.cnil.fr/',
      'http://127.0.0.1:8080/api',
      'wss://example.com/socket',
      'file:///etc/passwd',
      'ftp://example.com/x',
      'https://redirector.gvt1.com/edgedl/chrome/dict/fr-fr-3-0.bdic',
      'app://other-host/index.html',
      'app://vigie:99/index.html',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
    ];
    for (const url of refused) expect(session.simulateRequest(url).cancelled, url).toBe(true);
    expect(blocked).toEqual(refused);
    for (const url of ['app://vigie/index.html', 'app://vigie/assets/index-abc.js', 'data:image/png;base64,AAAA', 'blob:app://vigie/1234']) {
      expect(session.simulateRequest(url).cancelled, url).toBe(false);
    }
  });

  it('in development only the dev server, its HMR socket and devtools are added', () => {
    const dev = 'http://localhost:5173';
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/x', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequest('https://www.cnil.fr/', dev)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/')).toBe(false);
  });

  it('adds the Content-Security-Policy header to every response (checklist 7)', () => {
    const { session } = hardened();
    const out = session.simulateResponseHeaders('http://localhost:5173/', { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src *"] });
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });

  it('turns the spell checker off on Linux and Windows, leaves the native one on macOS', () => {
    expect(hardened('linux').session.isSpellCheckerEnabled()).toBe(false);
    expect(hardened('darwin').session.isSpellCheckerEnabled()).toBe(true);
    expect(hardened('win32').session.isSpellCheckerEnabled()).toBe(false);
  });
});

describe('web contents guards (checklist 13, 14, 15)', () => {
  function guarded(devServerUrl?: string) {
    const e = new FakeElectron();
    const wc = new e.BrowserWindow().webContents;
    guardWebContents(wc as never, { devServerUrl, electron: e.api(), language: () => 'fr' });
    return { e, wc };
  }

  it('navigation stays on app://vigie', () => {
    const { wc } = guarded();
    expect(wc.simulateNavigation('app://vigie/index.html#/settings')).toBe(true);
    for (const url of ['https://evil.example/', 'file:///C:/Users/dpo/secret.vigie', 'app://evil/index.html', 'javascript:alert(1)', 'about:blank']) {
      expect(wc.simulateNavigation(url), url).toBe(false);
    }
  });

  it('a close or reload that would lose unsaved changes asks, in the app language, and closes only on "Leave"', () => {
    const { e, wc } = guarded();
    e.dialog.nextResponse = 1; // "Stay"
    expect(wc.simulatePreventedUnload()).toBe(false);
    expect(e.dialog.messageBoxes.at(-1)).toMatchObject({ buttons: ['Quitter sans enregistrer', 'Rester'], cancelId: 1, message: 'Des modifications ne sont pas enregistrées.' });
    e.dialog.nextResponse = 0; // "Leave without saving"
    expect(wc.simulatePreventedUnload()).toBe(true);
  });

  it('redirects are guarded like navigations', () => {
    const { wc } = guarded();
    expect(wc.simulateRedirect('https://evil.example/')).toBe(false);
    expect(wc.simulateRedirect('app://vigie/index.html')).toBe(true);
  });

  it('frame navigations (iframes) cannot leave either', () => {
    const { wc } = guarded();
    const ev = new FakeEvent({ url: 'https://evil.example/', isMainFrame: false });
    wc.emit('will-frame-navigate', ev);
    expect(ev.defaultPrevented).toBe(true);
  });

  it('in development the dev server origin is home', () => {
    const { wc } = guarded('http://localhost:5173');
    expect(wc.simulateNavigation('http://localhost:5173/#/register')).toBe(true);
    expect(wc.simulateNavigation('app://vigie/index.html')).toBe(false);
  });

  it('no new window ever; allowlisted links go to the browser, others only after a yes', async () => {
    const { e, wc } = guarded();
    expect(wc.simulateWindowOpen('https://www.cnil.fr/fr/reglement-europeen-protection-donnees')).toBe(false);
    e.dialog.nextResponse = 0; // the user clicks Cancel
    expect(wc.simulateWindowOpen('https://evil.example/')).toBe(false);
    expect(wc.simulateWindowOpen('file:///etc/passwd')).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(e.opened).toEqual(['https://www.cnil.fr/fr/reglement-europeen-protection-donnees']);
    expect(e.dialog.messageBoxes).toHaveLength(1);
    expect(e.dialog.messageBoxes[0]!.detail).toContain('https://evil.example/');
  });

  it('<webview> is never attached', () => {
    const { wc } = guarded();
    expect(wc.simulateWebviewAttach('https://evil.example/')).toBe(false);
  });
});
