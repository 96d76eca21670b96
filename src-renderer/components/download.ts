import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../src-main/api/contract';
import type { FileMethod } from '../../src-main/api/contracts/exports';
import { call } from '../api';
import { useAppState } from '../app/context';

/** Reads a file the user picked as base64, the form in which files cross the API. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** Saves a file the API returned as base64 (DOCX, ICS, CSV): works the same in Electron and the web harness. */
export function downloadBase64(fileName: string, contentBase64: string, mime = 'application/octet-stream'): void {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Saves the file a file method makes. In Electron the main process runs the method, asks where with
 * the OS save dialog and writes the file (exports.saveFile): the bytes never come to the page. In
 * the web harness (no dialog) the page downloads it. Resolves to false when the person cancelled.
 */
export function useSaveFile(): <M extends FileMethod>(method: M, input: MethodInput<M>, mime: string) => Promise<boolean> {
  const { info } = useAppState();
  const { t } = useTranslation();
  const canSave = Boolean(info?.canSaveFiles);
  return useCallback(
    async (method, input, mime) => {
      if (canSave) {
        const r = await call('exports.saveFile', { method, input });
        if (!r.saved) return false;
        notifications.show({ color: 'teal', title: t('reports.savedTitle', { name: r.fileName }), message: t('reports.savedIn', { path: r.path }) });
        return true;
      }
      const r = (await call(method, input)) as { fileName: string; contentBase64: string };
      downloadBase64(r.fileName, r.contentBase64, mime);
      return true;
    },
    [canSave, t],
  );
}
