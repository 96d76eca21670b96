import type { Dialogs } from '../services/platform';
import type { BrowserWindow, ElectronApi } from './electron-api';

export function electronDialogs(dialog: ElectronApi['dialog'], getWindow: () => BrowserWindow | undefined, defaultDir: string): Dialogs {
  return {
    async pickWorkspace(mode) {
      const win = getWindow();
      const filters = [{ name: 'Vigie workspace', extensions: ['vigie'] }];
      if (mode === 'create') {
        const opts = { defaultPath: `${defaultDir}/workspace.vigie`, filters };
        const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
        if (r.canceled || !r.filePath) return null;
        return r.filePath.endsWith('.vigie') ? r.filePath : `${r.filePath}.vigie`;
      }
      const opts = { defaultPath: defaultDir, filters, properties: ['openFile' as const] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
