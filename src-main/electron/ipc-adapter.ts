import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Dispatch } from '../api/router';

/**
 * One IPC channel into the router. The sender must be our own window's main frame, showing our own
 * page; anything else (a subframe, a navigated-away page) is refused.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isTrusted: (sender: WebContents, frameUrl: string | undefined, isMainFrame: boolean) => boolean): void {
  ipcMain.handle('vigie:invoke', async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const isMain = Boolean(frame && frame === event.sender.mainFrame);
    if (!isTrusted(event.sender, frame?.url, isMain)) {
      return { ok: false, error: { code: 'forbidden', message: 'This window may not call Vigie.' } };
    }
    return dispatch(String(method), input);
  });
}
