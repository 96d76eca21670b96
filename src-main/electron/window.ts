import { join } from 'node:path';
import type { PrefsStore } from '../services/prefs';
import { APP_INDEX_URL, isOwnPage } from './app-protocol';
import type { BrowserWindow, ElectronApi, Platform } from './electron-api';
import { secureWebPreferences } from './security';

export interface WindowPaths {
  preload: string;
  /** The built renderer folder served at app://vigie/. */
  rendererRoot: string;
  devServerUrl?: string;
}

export function rendererPaths(mainDir: string, devServerUrl = process.env.ELECTRON_RENDERER_URL): WindowPaths {
  return {
    preload: join(mainDir, '../preload/index.cjs'),
    rendererRoot: join(mainDir, '../renderer'),
    ...(devServerUrl ? { devServerUrl } : {}),
  };
}

/** The URL the window loads: the dev server in development, app://vigie/index.html otherwise. */
export function startUrl(paths: WindowPaths): string {
  return paths.devServerUrl ?? APP_INDEX_URL;
}

export { isOwnPage };

export function createMainWindow(electron: Pick<ElectronApi, 'BrowserWindow' | 'screen'>, paths: WindowPaths, prefs: PrefsStore, opts: { platform: Platform; devTools: boolean }): BrowserWindow {
  const saved = prefs.read().window;
  const visible =
    saved &&
    electron.screen.getAllDisplays().some((d) => {
      const b = d.workArea;
      return saved.x !== undefined && saved.y !== undefined && saved.x < b.x + b.width && saved.x + saved.width > b.x && saved.y < b.y + b.height && saved.y + saved.height > b.y;
    });
  const win = new electron.BrowserWindow({
    width: saved?.width ?? 1280,
    height: saved?.height ?? 820,
    ...(visible ? { x: saved!.x, y: saved!.y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Vigie',
    webPreferences: secureWebPreferences(paths.preload, opts.platform, opts.devTools),
  });
  if (saved?.maximized) win.maximize();

  const remember = () => {
    const maximized = win.isMaximized();
    const b = win.getNormalBounds();
    prefs.update((p) => ({ ...p, window: { x: b.x, y: b.y, width: b.width, height: b.height, maximized } }));
  };
  win.on('close', remember);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(startUrl(paths));
  return win;
}
