/**
 * Composition root of the Electron app: lifecycle, one window, one IPC channel into the router.
 * Everything else lives in services that run the same under Node (CLI, web harness, tests).
 */
import { app, type BrowserWindow, ipcMain } from 'electron';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from './api/handlers';
import { createRouter } from './api/router';
import { electronDialogs } from './electron/dialogs';
import { registerIpc } from './electron/ipc-adapter';
import { buildMenu } from './electron/menu';
import { notifyDeadlines } from './electron/notifications';
import { electronSecrets } from './electron/secrets';
import { createMainWindow, isOwnPage, rendererPaths } from './electron/window';
import { PrefsStore } from './services/prefs';
import { Session } from './services/session';

// Tests point this at a throwaway folder so they never touch the user's preferences.
if (process.env.VIGIE_USER_DATA) app.setPath('userData', process.env.VIGIE_USER_DATA);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  const paths = rendererPaths(import.meta.dirname);
  const prefs = new PrefsStore(app.getPath('userData'));

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (ev, url) => {
      if (!isOwnPage(url, paths)) ev.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    const defaultDir = process.env.VIGIE_WORKSPACES_DIR ?? join(app.getPath('documents'), 'Vigie');
    mkdirSync(defaultDir, { recursive: true });
    const session = new Session(
      {
        kind: 'electron',
        version: app.getVersion(),
        defaultDirectory: defaultDir,
        actor: (() => {
          try {
            return userInfo().username;
          } catch {
            return 'Vigie';
          }
        })(),
        secrets: electronSecrets,
        dialogs: electronDialogs(() => win, defaultDir),
        resolveWorkspacePath: (p) => p,
        home: app.getPath('userData'),
      },
      prefs,
    );
    const dispatch = createRouter(createHandlers(session));
    registerIpc(ipcMain, dispatch, (sender, url, isMainFrame) => Boolean(win) && sender === win!.webContents && isMainFrame && isOwnPage(url, paths));
    const language = prefs.read().language ?? (app.getLocale().startsWith('en') ? 'en' : 'fr');
    const rebuildMenu = (lang: 'fr' | 'en') => buildMenu(() => win, prefs, lang, (l) => {
      prefs.update((p) => ({ ...p, language: l }));
      rebuildMenu(l);
    });
    rebuildMenu(language);
    session.onChange((status) => {
      rebuildMenu(prefs.read().language ?? language);
      if (status.open) {
        void notifyDeadlines(dispatch, prefs.read().language ?? language, () => {
          win?.show();
          win?.webContents.send('vigie:event', { type: 'menu', action: 'dashboard' });
        }).catch((e) => console.error('deadline notification failed', e));
      }
    });
    win = createMainWindow(paths, prefs);
    win.on('closed', () => {
      win = undefined;
    });
    app.on('before-quit', () => void session.close());
  });

  app.on('window-all-closed', () => app.quit());
}
