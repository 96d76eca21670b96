/**
 * The Electron security checklist, applied in one place and asserted by `security.test.ts`
 * (https://www.electronjs.org/docs/latest/tutorial/security):
 * - window: context isolation, sandbox, no Node integration, web security, no insecure content, no
 *   experimental features, no webview tag, no spell-check dictionary download;
 * - session: every permission request AND permission check denied (but plain-text clipboard write
 *   for our own page); every request outside `app://`
 *   cancelled (Vigie makes no network call at all); CSP header on every response;
 * - web contents: navigation, redirects, new windows and `<webview>` refused; links leave through
 *   `openExternalSafely` only.
 */
import { CONTENT_SECURITY_POLICY } from '../csp';
import { APP_SCHEME, isOwnPage } from './app-protocol';
import type { ElectronApi, Platform, Session, WebContents } from './electron-api';
import { openExternalSafely } from './external-links';

/**
 * Spell-check only where it never touches the network: macOS, whose native checker Electron uses
 * (no dictionary files). On Windows and Linux Electron's checker is Hunspell-based and downloads
 * its dictionaries from Google's CDN (Electron's spellchecker guide), so it stays off there.
 */
export function spellcheckEnabled(platform: Platform): boolean {
  return platform === 'darwin';
}

export function secureWebPreferences(preload: string, platform: Platform, devTools: boolean) {
  return {
    preload,
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
    safeDialogs: true,
    spellcheck: spellcheckEnabled(platform),
    devTools,
  } as const;
}

/** Schemes a window may load from. Everything else (http, https, ws, file, ftp…) is cancelled. */
export function isAllowedRequest(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:`) return isOwnPage(url);
  // In-memory URLs the page builds itself (Mantine icons, exported files): no network.
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  if (devServerUrl) {
    // Development only: the Vite dev server (and its HMR socket) and the developer tools.
    if (u.protocol === 'devtools:') return true;
    const dev = new URL(devServerUrl);
    if (u.host === dev.host && ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return true;
  }
  return false;
}

export interface SessionPolicy {
  platform: Platform;
  devServerUrl?: string;
  /** Told about each cancelled request (logged by the app; asserted by tests). */
  onBlocked?: (url: string) => void;
}

/**
 * The one permission our own page gets: writing plain text to the clipboard (the "Copy" button of
 * the CNIL notification draft). Camera, microphone, notifications from the page, geolocation,
 * clipboard READ, HID, serial, USB, MIDI, fullscreen…: never (desktop notifications come from the
 * main process, not the page).
 */
export const PAGE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, origin: string | undefined, devServerUrl?: string): boolean {
  return PAGE_PERMISSIONS.has(permission) && isOwnPage(origin, devServerUrl);
}

export function hardenSession(session: Session, policy: SessionPolicy): void {
  session.setPermissionRequestHandler((wc, permission, callback, details) => {
    const origin = (details as { requestingUrl?: string }).requestingUrl ?? wc.getURL();
    callback(permissionAllowed(permission, origin, policy.devServerUrl));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, policy.devServerUrl));
  session.setDevicePermissionHandler?.(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const ok = isAllowedRequest(details.url, policy.devServerUrl);
    if (!ok) policy.onBlocked?.(details.url);
    callback({ cancel: !ok });
  });
  // app:// responses already carry the CSP (app-protocol.ts); this covers the dev server.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  if (!spellcheckEnabled(policy.platform)) {
    session.setSpellCheckerEnabled(false);
  }
}

export interface ContentsPolicy {
  devServerUrl?: string;
  electron: Pick<ElectronApi, 'shell' | 'dialog'>;
  language: () => 'fr' | 'en';
}

/** "Leave without saving?" — true when the person chooses to leave (the unsaved changes are lost). */
export function confirmLeave(electron: Pick<ElectronApi, 'dialog'>, language: 'fr' | 'en'): boolean {
  const fr = language === 'fr';
  const choice = electron.dialog.showMessageBoxSync({
    type: 'question',
    buttons: fr ? ['Quitter sans enregistrer', 'Rester'] : ['Leave without saving', 'Stay'],
    defaultId: 1,
    cancelId: 1,
    title: 'Vigie',
    message: fr ? 'Des modifications ne sont pas enregistrées.' : 'Some changes are not saved.',
    detail: fr ? 'Si vous quittez maintenant, elles seront perdues.' : 'If you leave now, they will be lost.',
  });
  return choice === 0;
}

/** Applied to every web contents the app creates (app 'web-contents-created'). */
export function guardWebContents(contents: WebContents, policy: ContentsPolicy): void {
  const stayHome = (event: { preventDefault(): void; url?: string }, url?: string) => {
    if (!isOwnPage(event.url ?? url, policy.devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', (event) => stayHome(event));
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // A form with unsaved changes asks before the window closes or reloads (the page's beforeunload).
  // Electron shows nothing by itself and silently keeps the window open: ask, and let it close on "Leave".
  contents.on('will-prevent-unload', (event) => {
    if (confirmLeave(policy.electron, policy.language())) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // A link with target=_blank: never a new Electron window; maybe the user's browser.
    void openExternalSafely(policy.electron, url, { language: policy.language() }).catch(() => false);
    return { action: 'deny' };
  });
}
