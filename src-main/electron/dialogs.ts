import { basename, dirname, extname } from 'node:path';
import type { Dialogs, OutputFormatName } from '../services/platform';
import type { BrowserWindow, ElectronApi } from './electron-api';

/** The save dialog's filter for each export format (the name shown beside the extension). */
const SAVE_FILTERS: Record<OutputFormatName, { name: string; extensions: string[] }> = {
  docx: { name: 'Word', extensions: ['docx'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  ods: { name: 'OpenDocument', extensions: ['ods'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  ics: { name: 'iCalendar', extensions: ['ics'] },
  zip: { name: 'ZIP', extensions: ['zip'] },
  json: { name: 'JSON', extensions: ['json'] },
  txt: { name: 'Text', extensions: ['txt'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

export interface ElectronDialogs extends Required<Dialogs> {
  /** Where to save an export: the person's choice, with the format's extension, or null (cancelled). */
  saveFile(suggestedName: string, format: OutputFormatName): Promise<string | null>;
}

export function electronDialogs(dialog: ElectronApi['dialog'], getWindow: () => BrowserWindow | undefined, defaultDir: string): ElectronDialogs {
  // The next export is proposed in the folder of the last one (until Vigie quits).
  let exportDir = defaultDir;
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
    async pickFolder() {
      const win = getWindow();
      // The shared folder sync writes into (network share, Nextcloud, OneDrive, USB stick…): the
      // person may create it here; the sync service then checks it exists and is writable.
      const opts = { defaultPath: defaultDir, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async saveFile(suggestedName, format) {
      const win = getWindow();
      const safeName = suggestedName.replace(/[\\/]/g, '-');
      // The OS asks before replacing an existing file (macOS and Windows always; Linux with
      // showOverwriteConfirmation): a path this dialog returns is one the person agreed to replace.
      const opts = {
        defaultPath: `${exportDir}/${safeName}`,
        filters: [SAVE_FILTERS[format]],
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return null;
      exportDir = dirname(r.filePath);
      // A name typed without an extension gets the format's; another extension is kept, so the
      // write refuses it (output_extension_mismatch) rather than saving report.txt.docx.
      return extname(basename(r.filePath)) === '' ? `${r.filePath}.${format}` : r.filePath;
    },
  };
}
