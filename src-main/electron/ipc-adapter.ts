import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../api/router';
import { isOwnPage } from './app-protocol';
import type { BrowserWindow, WebContents } from './electron-api';

import { INVOKE_CHANNEL } from './channels';

export { DROP_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

export type TrustCheck = (sender: WebContents, frameUrl: string | undefined, isMainFrame: boolean) => boolean;

/** Only our one window's main frame, showing our own page (app://vigie or the dev server). */
export function trustOwnWindow(getWindow: () => BrowserWindow | undefined, devServerUrl?: string): TrustCheck {
  return (sender, url, isMainFrame) => {
    const win = getWindow();
    return Boolean(win) && !win!.isDestroyed() && sender === win!.webContents && isMainFrame && isOwnPage(url, devServerUrl);
  };
}

/** The same check for an event: sender frame must be the main frame of our window, on our page. */
export function isTrustedEvent(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, isTrusted: TrustCheck): boolean {
  const frame = event.senderFrame;
  const isMain = Boolean(frame && frame === event.sender.mainFrame);
  return isTrusted(event.sender, frame?.url, isMain);
}

/**
 * One IPC channel into the router. The sender must be our own window's main frame, showing our own
 * page; anything else (a subframe, a navigated-away page, another window) is refused.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isTrusted: TrustCheck): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isTrustedEvent(event, isTrusted)) {
      return { ok: false, error: { code: 'forbidden', message: 'This window may not call Vigie.' } };
    }
    return dispatch(String(method), input);
  });
}
