/**
 * Entry point of the Electron app: hands the real Electron API to the lifecycle in
 * electron/main.ts, which tests run against a fake (electron/fake-electron.ts).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, screen, session, shell } from 'electron';
import { runApp } from './electron/main';

runApp(
  { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, screen, session, shell },
  { mainDir: import.meta.dirname, platform: process.platform, argv: process.argv, cwd: process.cwd(), env: process.env },
);
