import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../api/router';
import { FakeElectron, FakeFrame } from './fake-electron';
import { INVOKE_CHANNEL, registerIpc, trustOwnWindow } from './ipc-adapter';

function setup(devServerUrl?: string) {
  const e = new FakeElectron();
  const win = new e.BrowserWindow();
  const calls: string[] = [];
  const dispatch: Dispatch = async (method) => {
    calls.push(method);
    return { ok: true, value: { method } };
  };
  registerIpc(e.ipcMain as never, dispatch, trustOwnWindow(() => win as never, devServerUrl));
  win.webContents.mainFrame.url = devServerUrl ? `${devServerUrl}/` : 'app://vigie/index.html';
  return { e, win, calls };
}

describe('IPC sender check (checklist 17)', () => {
  it('answers our window main frame on our page', async () => {
    const { e, win, calls } = setup();
    const r = await e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, 'app.info', {});
    expect(r).toEqual({ ok: true, value: { method: 'app.info' } });
    expect(calls).toEqual(['app.info']);
  });

  it('refuses a foreign frame (an iframe inside our window), even on app://vigie', async () => {
    const { e, win, calls } = setup();
    const iframe = new FakeFrame('app://vigie/index.html', win.webContents.mainFrame);
    const r = await e.ipcMain.simulateInvoke(win.webContents, iframe, INVOKE_CHANNEL, 'workspace.open', { path: '/x.vigie' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('refuses our main frame once it shows another origin', async () => {
    const { e, win, calls } = setup();
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(await e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    win.webContents.mainFrame.url = 'file:///home/dpo/page.html';
    expect(await e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, 'app.info', {})).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('refuses another window, a missing frame and a closed window', async () => {
    const { e, win, calls } = setup();
    const other = new e.BrowserWindow();
    other.webContents.mainFrame.url = 'app://vigie/index.html';
    expect(await e.ipcMain.simulateInvoke(other.webContents, other.webContents.mainFrame, INVOKE_CHANNEL, 'app.info', {})).toMatchObject({ ok: false });
    expect(await e.ipcMain.simulateInvoke(win.webContents, null, INVOKE_CHANNEL, 'app.info', {})).toMatchObject({ ok: false });
    win.close();
    expect(await e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, 'app.info', {})).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('in development trusts the dev server origin only', async () => {
    const { e, win, calls } = setup('http://localhost:5173');
    expect(await e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, 'app.info', {})).toMatchObject({ ok: true });
    win.webContents.mainFrame.url = 'http://localhost:6666/';
    expect(await e.ipcMain.simulateInvoke(win.webContents, win.webContents.mainFrame, INVOKE_CHANNEL, 'app.info', {})).toMatchObject({ ok: false });
    expect(calls).toEqual(['app.info']);
  });
});
