/**
 * The whole main process (src-main/electron/main.ts, what src-main/index.ts runs) against the fake
 * Electron: single-instance lock, app:// before and after ready, the window's security settings,
 * guards on every web contents, IPC into the real router and services, `.vigie` files from argv,
 * macOS open-file, a second launch and a drop, the OS recent documents and the File menu.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { APP_ID } from './app-id';
import { APP_INDEX_URL } from './app-protocol';
import { DROP_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
import { FakeElectron, FakeFrame, FakeMachine } from './fake-electron';
import { runApp, type RunningApp } from './main';

const running: RunningApp[] = [];
afterEach(async () => {
  // Let the unlock notification's summary calls finish before the workspace closes.
  await new Promise((r) => setTimeout(r, 50));
  for (const r of running.splice(0)) {
    if (!r.primary) continue;
    const { session } = await r.ready;
    await session.close();
  }
});

function install(): { mainDir: string; userData: string; workspaces: string } {
  const base = mkdtempSync(join(tmpdir(), 'vigie-main-'));
  const mainDir = join(base, 'out', 'main');
  mkdirSync(mainDir, { recursive: true });
  mkdirSync(join(base, 'out', 'renderer'), { recursive: true });
  writeFileSync(join(base, 'out', 'renderer', 'index.html'), '<!doctype html><title>Vigie</title>');
  const userData = join(base, 'user-data');
  const workspaces = join(base, 'workspaces');
  return { mainDir, userData, workspaces };
}

async function start(opts: { platform?: NodeJS.Platform; argv?: string[]; machine?: FakeMachine; beforeReady?: (e: FakeElectron) => void } = {}) {
  const dirs = install();
  const e = new FakeElectron(opts.machine);
  e.app.setPath('documents', dirs.workspaces);
  const app = runApp(e.api(), {
    mainDir: dirs.mainDir,
    platform: opts.platform ?? 'linux',
    argv: opts.argv ?? ['/opt/Vigie/vigie'],
    cwd: dirs.workspaces,
    env: { VIGIE_USER_DATA: dirs.userData, VIGIE_WORKSPACES_DIR: dirs.workspaces },
  });
  running.push(app);
  opts.beforeReady?.(e);
  await e.app.simulateReady();
  const ready = await app.ready;
  const win = e.windows[0]!;
  // Let the window's load (through app://) finish.
  await new Promise<void>((r) => (win.webContents.listenerCount('did-finish-load') ? win.webContents.once('did-finish-load', () => r()) : r()));
  return { e, app, ready, win, dirs };
}

function openEvents(win: FakeElectron['windows'][number]): string[] {
  return win.webContents.sent
    .filter((m) => m.channel === EVENT_CHANNEL && (m.args[0] as { action?: string }).action === 'open-recent')
    .map((m) => (m.args[0] as { path: string }).path);
}

describe('main process lifecycle (against the fake Electron)', () => {
  it('takes the single-instance lock; a second instance quits without a window and hands over its file', async () => {
    const machine = new FakeMachine();
    const { e, win } = await start({ machine });
    expect(e.app.hasSingleInstanceLock()).toBe(true);

    const second = new FakeElectron(machine);
    const secondApp = runApp(second.api(), { mainDir: '/nowhere', platform: 'linux', argv: ['/opt/Vigie/vigie', 'acme.vigie'], cwd: '/home/dpo/Bureau', env: {} });
    expect(secondApp.primary).toBe(false);
    expect(second.app.quitCalled).toBe(true);
    expect(second.windows).toEqual([]);
    expect(second.protocol.privileged).toEqual([]);

    // Electron then tells the first instance, with the second one's argv and working directory.
    win.minimize();
    machine.simulateSecondLaunch(['/opt/Vigie/vigie', '--original-process-start-time=1', 'acme.vigie'], '/home/dpo/Bureau');
    expect(openEvents(win)).toEqual(['/home/dpo/Bureau/acme.vigie']);
    expect(win.isMinimized()).toBe(false);
    expect(win.focused).toBe(true);
  });

  it('opens one window with the secure settings, on app://vigie, with every guard and the session policy', async () => {
    const { e, win } = await start();
    expect(e.windows).toHaveLength(1);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false, spellcheck: false });
    expect(String(win.options.webPreferences!.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.webContents.getURL()).toBe(APP_INDEX_URL);
    expect(win.visible).toBe(true);
    // app:// was made privileged before ready and is served after.
    expect(e.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    const page = await e.protocol.simulateFetch(APP_INDEX_URL);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    // Guards are on the window's contents (installed through 'web-contents-created').
    expect(win.webContents.simulateNavigation('https://evil.example/')).toBe(false);
    expect(win.webContents.simulateRedirect('https://evil.example/')).toBe(false);
    expect(win.webContents.simulateWindowOpen('https://evil.example/')).toBe(false);
    expect(win.webContents.simulateWebviewAttach('https://evil.example/')).toBe(false);
    // …and on any other contents the app might create.
    const other = new e.BrowserWindow();
    expect(other.webContents.simulateNavigation('https://evil.example/')).toBe(false);
    // Session: permissions denied, checks false, the network closed.
    const s = e.session.defaultSession;
    expect(await s.simulatePermissionRequest(win.webContents, 'media')).toBe(false);
    expect(s.simulatePermissionCheck(win.webContents, 'notifications', 'app://vigie')).toBe(false);
    expect(s.isSpellCheckerEnabled()).toBe(false);
  });

  it('the window requests nothing outside app:// while loading and running', async () => {
    const { e, app, win } = await start();
    expect(app.blocked).toEqual([]);
    // The page load itself went through the request pipeline and was allowed.
    expect(e.session.defaultSession.simulateRequest(win.webContents.getURL(), 'mainFrame').cancelled).toBe(false);
    expect(e.session.defaultSession.simulateRequest('https://fonts.googleapis.com/css?family=Inter').cancelled).toBe(true);
    expect(app.blocked).toEqual(['https://fonts.googleapis.com/css?family=Inter']);
  });

  it('answers the window over IPC through the real router and refuses a foreign frame', async () => {
    const { e, win, dirs } = await start();
    const info = await e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { platform: 'electron', canBrowse: true, defaultDirectory: dirs.workspaces } });
    const iframe = new FakeFrame(APP_INDEX_URL, win.webContents.mainFrame);
    expect(await e.ipcMain.simulateInvoke(win.webContents, iframe, INVOKE_CHANNEL, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a workspace created from the window lands in the OS recent documents and the File menu', async () => {
    const { e, win, dirs } = await start();
    const path = join(dirs.workspaces, 'acme.vigie');
    const created = await e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, 'workspace.create', { path, passphrase: 'une phrase de passe solide' });
    expect(created).toMatchObject({ ok: true, value: { open: true, path } });
    expect(e.app.recentDocuments).toEqual([path]);
    const file = e.menuTemplate()[0]!;
    const recent = (file.submenu as { label?: string; submenu?: { label: string; click: () => void }[] }[]).find((i) => i.label === 'Récents')!;
    expect(recent.submenu!.map((i) => i.label)).toEqual(['acme.vigie']);
    recent.submenu![0]!.click();
    expect(openEvents(win)).toEqual([path]);
  });

  it('an export asked for by the window: the save dialog on the window, the file written by main, its steps sent as events', async () => {
    const { e, win, dirs } = await start();
    const invoke = (method: string, input: unknown) => e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, method, input);
    expect(await invoke('app.info', {})).toMatchObject({ ok: true, value: { canSaveFiles: true } });
    expect(await invoke('workspace.create', { path: join(dirs.workspaces, 'acme.vigie'), passphrase: 'une phrase de passe solide' })).toMatchObject({ ok: true });
    const target = join(dirs.workspaces, 'dossier');
    e.dialog.saveResult = { canceled: false, filePath: target };
    const r = await invoke('exports.save', { id: 'pack-1', job: { kind: 'cnilPack', parts: ['organisation'] } });
    expect(r).toMatchObject({ ok: true, value: { saved: true, path: `${target}.zip`, fileName: 'dossier.zip' } });
    expect(JSON.stringify(r)).not.toContain('contentBase64');
    expect(e.dialog.saveCalls[0]).toMatchObject({ defaultPath: expect.stringMatching(/CNIL-.+\.zip$/), filters: [{ extensions: ['zip'] }] });
    const steps = win.webContents.sent.filter((m) => m.channel === EVENT_CHANNEL && (m.args[0] as { type: string }).type === 'export-progress').map((m) => m.args[0]);
    expect(steps.at(-1)).toEqual({ type: 'export-progress', id: 'pack-1', step: 'saving', index: 3, total: 3 });
    // The dialog cannot be used to write over the open workspace.
    e.dialog.saveResult = { canceled: false, filePath: join(dirs.workspaces, 'acme.vigie') };
    expect(await invoke('exports.save', { id: 'pack-2', job: { kind: 'cnilPack' } })).toMatchObject({ ok: false, error: { code: 'output_is_workspace' } });
    expect(await invoke('workspace.status', {})).toMatchObject({ ok: true, value: { open: true } });
  });

  it('a .vigie on the command line (Windows/Linux double-click) is offered once the page has loaded', async () => {
    const { win } = await start({ argv: ['/opt/Vigie/vigie', '/home/dpo/Documents/acme.vigie'] });
    expect(openEvents(win)).toEqual(['/home/dpo/Documents/acme.vigie']);
  });

  it('Windows: the app id of the installer, a double-clicked file in argv, no Hunspell spell-check', async () => {
    const { e, win } = await start({ platform: 'win32', argv: ['C:\\Users\\dpo\\AppData\\Local\\Programs\\Vigie\\Vigie.exe', 'C:\\Users\\dpo\\Documents\\Vigie\\acme.vigie'] });
    expect(e.app.appUserModelId).toBe(APP_ID);
    expect(openEvents(win)).toEqual(['C:\\Users\\dpo\\Documents\\Vigie\\acme.vigie']);
    expect(win.options.webPreferences!.spellcheck).toBe(false);
  });

  it('macOS open-file before ready (the double-click that launched Vigie) and after', async () => {
    let handled = false;
    const { e, win } = await start({ platform: 'darwin', beforeReady: (fe) => (handled = fe.app.simulateOpenFile('/Users/dpo/acme.vigie')) });
    expect(handled).toBe(true);
    expect(openEvents(win)).toEqual(['/Users/dpo/acme.vigie']);
    expect(e.app.simulateOpenFile('/Users/dpo/autre.vigie')).toBe(true);
    expect(openEvents(win)).toEqual(['/Users/dpo/acme.vigie', '/Users/dpo/autre.vigie']);
    expect(e.app.simulateOpenFile('/Users/dpo/notes.txt')).toBe(true);
    expect(openEvents(win)).toHaveLength(2);
    // macOS keeps the OS spell checker.
    expect(win.options.webPreferences!.spellcheck).toBe(true);
  });

  it('a .vigie file dropped on the window is offered; a drop reported by a foreign frame is ignored', async () => {
    const { e, win } = await start();
    e.ipcMain.simulateSend(win.webContents, win.webContents.mainFrame, DROP_CHANNEL, '/home/dpo/dropped.vigie');
    expect(openEvents(win)).toEqual(['/home/dpo/dropped.vigie']);
    e.ipcMain.simulateSend(win.webContents, new FakeFrame(APP_INDEX_URL, win.webContents.mainFrame), DROP_CHANNEL, '/home/dpo/other.vigie');
    e.ipcMain.simulateSend(win.webContents, win.webContents.mainFrame, DROP_CHANNEL, '/etc/passwd');
    e.ipcMain.simulateSend(win.webContents, win.webContents.mainFrame, DROP_CHANNEL, { path: '/x.vigie' });
    expect(openEvents(win)).toEqual(['/home/dpo/dropped.vigie']);
  });

  it('remembering a passphrase is refused on Linux without a keychain', async () => {
    const { e, win, dirs } = await start({ beforeReady: (fe) => (fe.safeStorage.backend = 'basic_text') });
    const info = await e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { canRememberPassphrase: false } });
    expect(dirs.userData).toBeTruthy();
  });
});
