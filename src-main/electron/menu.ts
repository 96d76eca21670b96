import { Menu, app, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { AppEvent } from '../api/contract';
import type { PrefsStore } from '../services/prefs';

const LABELS = {
  fr: { file: 'Fichier', newWs: 'Nouvel espace de travail…', openWs: 'Ouvrir un espace de travail…', recent: 'Récents', close: 'Verrouiller l’espace de travail', export: 'Exporter…', settings: 'Paramètres', quit: 'Quitter', view: 'Affichage', language: 'Langue', help: 'Aide', about: 'À propos de Vigie', docs: 'Documentation', edit: 'Édition' },
  en: { file: 'File', newWs: 'New workspace…', openWs: 'Open workspace…', recent: 'Open recent', close: 'Lock workspace', export: 'Export…', settings: 'Settings', quit: 'Quit', view: 'View', language: 'Language', help: 'Help', about: 'About Vigie', docs: 'Documentation', edit: 'Edit' },
};

export function buildMenu(getWindow: () => BrowserWindow | undefined, prefs: PrefsStore, language: 'fr' | 'en', onLanguage: (l: 'fr' | 'en') => void): void {
  const l = LABELS[language];
  const send = (event: AppEvent) => getWindow()?.webContents.send('vigie:event', event);
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
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: l.help,
      submenu: [
        { label: l.docs, click: () => void shell.openExternal('https://www.cnil.fr/fr/rgpd-de-quoi-parle-t-on') },
        { label: l.about, click: () => send({ type: 'menu', action: 'about' }) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
