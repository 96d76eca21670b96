/**
 * The Electron app's lifecycle, with the Electron API passed in (see electron-api.ts): the real
 * module from src-main/index.ts, the fake from tests. One window, one IPC channel into the router,
 * the security policy of security.ts on every session and web contents, `.vigie` files opened from
 * the OS (file-open.ts). Everything else lives in services that run the same under Node.
 */
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { AppEvent } from '../api/contract';
import { createHandlers } from '../api/handlers';
import { createRouter, type Dispatch } from '../api/router';
import { PrefsStore } from '../services/prefs';
import { Session } from '../services/session';
import { APP_ID } from './app-id';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { DROP_CHANNEL, EVENT_CHANNEL } from './channels';
import { electronDialogs } from './dialogs';
import type { BrowserWindow, ElectronApi, Platform } from './electron-api';
import { FileOpenQueue, isWorkspacePath, workspaceFromArgv } from './file-open';
import { isTrustedEvent, registerIpc, trustOwnWindow } from './ipc-adapter';
import { buildMenu } from './menu';
import { notifyDeadlines } from './notifications';
import { electronSecrets } from './secrets';
import { guardWebContents, hardenSession } from './security';
import { createMainWindow, rendererPaths } from './window';

export interface RunOptions {
  /** Folder of the built main bundle (out/main): preload and renderer are found beside it. */
  mainDir: string;
  platform: Platform;
  argv: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface RunningApp {
  /** False when another instance holds the lock: this one hands over its file and quits. */
  primary: boolean;
  /** Resolves when the window exists (never, in a secondary instance). */
  ready: Promise<{ window: () => BrowserWindow | undefined; dispatch: Dispatch; session: Session }>;
  files: FileOpenQueue;
  /** Requests the session's web contents were refused (also logged). */
  blocked: string[];
}

export function runApp(electron: ElectronApi, opts: RunOptions): RunningApp {
  const { app } = electron;
  const files = new FileOpenQueue();
  const blocked: string[] = [];
  // Tests point this at a throwaway folder so they never touch the user's preferences.
  if (opts.env.VIGIE_USER_DATA) app.setPath('userData', opts.env.VIGIE_USER_DATA);

  if (!app.requestSingleInstanceLock()) {
    // The running instance receives our argv through 'second-instance' and opens the file.
    app.quit();
    return { primary: false, ready: new Promise(() => undefined), files, blocked };
  }

  // Windows: notifications, taskbar grouping and the jump list's recent documents belong to the
  // installer's app id.
  if (opts.platform === 'win32') app.setAppUserModelId(APP_ID);
  // Before ready (Electron's rule): app:// is a privileged scheme with a real origin.
  registerAppScheme(electron.protocol);

  const paths = rendererPaths(opts.mainDir, opts.env.ELECTRON_RENDERER_URL || undefined);
  const prefs = new PrefsStore(app.getPath('userData'));
  let win: BrowserWindow | undefined;
  let language: 'fr' | 'en' = prefs.read().language ?? 'fr';
  const getWindow = () => (win && !win.isDestroyed() ? win : undefined);
  const send = (event: AppEvent) => getWindow()?.webContents.send(EVENT_CHANNEL, event);
  const focus = () => {
    const w = getWindow();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };

  const first = workspaceFromArgv(opts.argv, opts.cwd, opts.platform);
  if (first) files.request(first);

  // macOS: Finder double-click. Arrives before 'ready' when it launched us: queued until the window.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    files.request(path);
    focus();
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = workspaceFromArgv(argv, workingDirectory, opts.platform);
    if (path) files.request(path);
    focus();
  });

  app.on('web-contents-created', (_e, contents) => {
    guardWebContents(contents, { devServerUrl: paths.devServerUrl, electron, language: () => language });
  });

  const ready = app.whenReady().then(() => {
    hardenSession(electron.session.defaultSession, {
      platform: opts.platform,
      devServerUrl: paths.devServerUrl,
      onBlocked: (url) => {
        blocked.push(url);
        console.warn(`[vigie] blocked a request outside app://: ${url}`);
      },
    });
    serveRenderer(electron.protocol, paths.rendererRoot);

    const defaultDir = opts.env.VIGIE_WORKSPACES_DIR ?? join(app.getPath('documents'), 'Vigie');
    mkdirSync(defaultDir, { recursive: true });
    const dialogs = electronDialogs(electron.dialog, getWindow, defaultDir);
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
        secrets: electronSecrets(electron.safeStorage, opts.platform),
        dialogs,
        saveFile: (name, format) => dialogs.saveFile(name, format),
        notify: (event) => send(event),
        resolveWorkspacePath: (p) => p,
      },
      prefs,
    );
    const dispatch = createRouter(createHandlers(session));
    const trust = trustOwnWindow(getWindow, paths.devServerUrl);
    registerIpc(electron.ipcMain, dispatch, trust);
    electron.ipcMain.on(DROP_CHANNEL, (event, path: unknown) => {
      if (!isTrustedEvent(event, trust) || !isWorkspacePath(path)) return;
      files.request(path);
    });

    language = prefs.read().language ?? (app.getLocale().startsWith('en') ? 'en' : 'fr');
    const rebuildMenu = () =>
      buildMenu(electron, getWindow, prefs, language, (l) => {
        language = l;
        prefs.update((p) => ({ ...p, language: l }));
        rebuildMenu();
      });
    rebuildMenu();
    let lastOpen: string | undefined;
    session.onChange((status) => {
      language = prefs.read().language ?? language;
      rebuildMenu();
      if (status.open && status.path && status.path !== lastOpen) {
        // The OS's recent documents (Windows jump list, macOS Dock and File > Open Recent).
        app.addRecentDocument(status.path);
        void notifyDeadlines(electron.Notification, dispatch, language, () => {
          focus();
          send({ type: 'menu', action: 'dashboard' });
        }).catch((e) => console.error('deadline notification failed', e));
      }
      lastOpen = status.open ? status.path : undefined;
    });

    win = createMainWindow(electron, paths, prefs, { platform: opts.platform, devTools: !app.isPackaged });
    const w = win;
    // The page is loaded: files asked for so far (and from now on) become "open this workspace".
    w.webContents.once('did-finish-load', () => files.attach((path) => send({ type: 'menu', action: 'open-recent', path })));
    w.on('closed', () => {
      files.detach();
      win = undefined;
    });
    app.on('before-quit', () => void session.close());
    return { window: getWindow, dispatch, session };
  });

  app.on('window-all-closed', () => app.quit());
  return { primary: true, ready, files, blocked };
}
