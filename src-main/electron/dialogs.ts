import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from '../services/platform';

export function electronDialogs(getWindow: () => BrowserWindow | undefined, defaultDir: string): Dialogs {
  return {
    async pickWorkspace(mode) {
      const win = getWindow();
      const filters = [{ name: 'Vigie workspace', extensions: ['vigie'] }];
      if (mode === 'create') {
        const r = win
          ? await dialog.showSaveDialog(win, { defaultPath: `${defaultDir}/workspace.vigie`, filters })
          : await dialog.showSaveDialog({ defaultPath: `${defaultDir}/workspace.vigie`, filters });
        if (r.canceled || !r.filePath) return null;
        return r.filePath.endsWith('.vigie') ? r.filePath : `${r.filePath}.vigie`;
      }
      const r = win
        ? await dialog.showOpenDialog(win, { defaultPath: defaultDir, filters, properties: ['openFile'] })
        : await dialog.showOpenDialog({ defaultPath: defaultDir, filters, properties: ['openFile'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
