import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { AppEvent } from '../api/contract';
import type { PrefsStore } from '../services/prefs';
import type { BrowserWindow, ElectronApi } from './electron-api';
import { EVENT_CHANNEL } from './ipc-adapter';
import { openExternalSafely } from './external-links';

const LABELS = {
  fr: { file: 'Fichier', newWs: 'Nouvel espace de travail…', openWs: 'Ouvrir un espace de travail…', recent: 'Récents', close: 'Verrouiller l’espace de travail', export: 'Exporter…', settings: 'Paramètres', quit: 'Quitter', view: 'Affichage', language: 'Langue', help: 'Aide', about: 'À propos de Vigie', docs: 'Documentation', edit: 'Édition' },
  en: { file: 'File', newWs: 'New workspace…', openWs: 'Open workspace…', recent: 'Open recent', close: 'Lock workspace', export: 'Export…', settings: 'Settings', quit: 'Quit', view: 'View', language: 'Language', help: 'Help', about: 'About Vigie', docs: 'Documentation', edit: 'Edit' },
};

export function buildMenu(electron: Pick<ElectronApi, 'Menu' | 'app' | 'shell' | 'dialog'>, getWindow: () => BrowserWindow | undefined, prefs: PrefsStore, language: 'fr' | 'en', onLanguage: (l: 'fr' | 'en') => void): MenuItemConstructorOptions[] {
  const l = LABELS[language];
  const send = (event: AppEvent) => getWindow()?.webContents.send(EVENT_CHANNEL, event);
  const recent = prefs.read().recent;
  const template: MenuItemConstructorOptions[] = [
    {
      label: l.file,
      submenu: [
        { label: l.newWs, accelerator: 'CmdOrCtrl+N', click: () => send({ type: 'menu', action: 'new-workspace' }) },
        { label: l.openWs, accelerator: 'CmdOrCtrl+O', click: () => send({ type: 'menu', action: 'open-workspace' }) },
        { label: l.recent, enabled: recent.length > 0, submenu: recent.map((r) => ({ label: basename(r.path), click: () => send({ type: 'menu', action: 'open-recent', path: r.path }) })) },
        { label: l.close, accelerator: 'CmdOrCtrl+L', click: () => send({ type: 'menu', action: 'close-workspace' }) },
        { type: 'separator' },
        { label: l.export, accelerator: 'CmdOrCtrl+E', click: () => send({ type: 'menu', action: 'export' }) },
        { label: l.settings, accelerator: 'CmdOrCtrl+,', click: () => send({ type: 'menu', action: 'settings' }) },
        { type: 'separator' },
        { label: l.quit, role: 'quit' },
      ],
    },
    { label: l.edit, role: 'editMenu' },
    {
      label: l.view,
      submenu: [
        {
          label: l.language,
          submenu: (['fr', 'en'] as const).map((lang) => ({
            label: lang === 'fr' ? 'Français' : 'English',
            type: 'radio' as const,
            checked: lang === language,
            click: () => {
              onLanguage(lang);
              send({ type: 'language', language: lang });
            },
          })),
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        ...(electron.app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: l.help,
      submenu: [
        { label: l.docs, click: () => void openExternalSafely(electron, 'https://www.cnil.fr/fr/rgpd-de-quoi-parle-t-on', { window: getWindow(), language }) },
        { label: l.about, click: () => send({ type: 'menu', action: 'about' }) },
      ],
    },
  ];
  electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
  return template;
}
