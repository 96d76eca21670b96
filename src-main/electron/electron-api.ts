/**
 * The Electron API the main process uses, as one value passed in rather than imported everywhere.
 *
 * Why: the Electron binary cannot be downloaded on our development machines, so main-process code
 * could never run in a test. Every module under `src-main/electron/` (except the preload, which runs
 * in the renderer) receives this object as a parameter; `src-main/index.ts` passes the real module,
 * and unit tests pass `fake-electron.ts`, a faithful in-memory stand-in. That is how every item of
 * the Electron security checklist is asserted by `npm test` here, binary or not.
 */
import type * as Electron from 'electron';

export type ElectronApi = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'Notification' | 'protocol' | 'safeStorage' | 'screen' | 'session' | 'shell'
>;

export type BrowserWindow = Electron.BrowserWindow;
export type WebContents = Electron.WebContents;
export type Session = Electron.Session;
export type Platform = NodeJS.Platform;
