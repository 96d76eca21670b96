import { BrowserWindow, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrefsStore } from '../services/prefs';
import { CONTENT_SECURITY_POLICY } from '../csp';

export interface WindowPaths {
  preload: string;
  rendererIndex: string;
  devServerUrl?: string;
}

/** The page our window may show; the IPC adapter trusts only this origin. */
export function appOrigin(paths: WindowPaths): string {
  return paths.devServerUrl ? new URL(paths.devServerUrl).origin : pathToFileURL(paths.rendererIndex).href;
}

export function isOwnPage(url: string | undefined, paths: WindowPaths): boolean {
  if (!url) return false;
  if (paths.devServerUrl) return new URL(url).origin === new URL(paths.devServerUrl).origin;
  return url.split('#')[0]!.split('?')[0] === pathToFileURL(paths.rendererIndex).href;
}

/** Electron security checklist: isolation, sandbox, no Node, CSP, no navigation, no new windows. */
export function createMainWindow(paths: WindowPaths, prefs: PrefsStore): BrowserWindow {
  const saved = prefs.read().window;
  const visible = saved && screen.getAllDisplays().some((d) => {
    const b = d.workArea;
    return saved.x !== undefined && saved.y !== undefined && saved.x < b.x + b.width && saved.x + saved.width > b.x && saved.y < b.y + b.height && saved.y + saved.height > b.y;
  });
  const win = new BrowserWindow({
    width: saved?.width ?? 1280,
    height: saved?.height ?? 820,
    ...(visible ? { x: saved!.x, y: saved!.y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Vigie',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  if (saved?.maximized) win.maximize();

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));

  win.webContents.on('will-navigate', (e, url) => {
    if (!isOwnPage(url, paths)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the CNIL or EUR-Lex open in the user's browser, never inside Vigie.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());

  const remember = () => {
    const maximized = win.isMaximized();
    const b = win.getNormalBounds();
    prefs.update((p) => ({ ...p, window: { x: b.x, y: b.y, width: b.width, height: b.height, maximized } }));
  };
  win.on('close', remember);
  win.once('ready-to-show', () => win.show());

  if (paths.devServerUrl) void win.loadURL(paths.devServerUrl);
  else void win.loadFile(paths.rendererIndex);
  return win;
}

export function rendererPaths(mainDir: string): WindowPaths {
  return {
    preload: join(mainDir, '../preload/index.cjs'),
    rendererIndex: join(mainDir, '../renderer/index.html'),
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  };
}
