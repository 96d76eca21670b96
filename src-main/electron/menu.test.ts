import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrefsStore } from '../services/prefs';
import { FakeElectron } from './fake-electron';
import { buildMenu } from './menu';

type Item = { label?: string; role?: string; enabled?: boolean; submenu?: Item[]; click?: () => void };

function setup(language: 'fr' | 'en', packaged = false) {
  const e = new FakeElectron();
  e.app.isPackaged = packaged;
  const win = new e.BrowserWindow();
  const prefs = new PrefsStore(mkdtempSync(join(tmpdir(), 'vigie-menu-')));
  prefs.touchRecent('/home/dpo/acme.vigie');
  const languages: string[] = [];
  buildMenu(e.api(), () => win as never, prefs, language, (l) => languages.push(l));
  return { e, win, menu: e.menuTemplate() as Item[], languages };
}

describe('application menu', () => {
  it('File menu in French with the recent workspaces; a click tells the window', () => {
    const { menu, win } = setup('fr');
    expect(menu.map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
    const recent = menu[0]!.submenu!.find((i) => i.label === 'Récents')!;
    expect(recent.enabled).toBe(true);
    recent.submenu![0]!.click!();
    expect(win.webContents.sent).toEqual([{ channel: 'vigie:event', args: [{ type: 'menu', action: 'open-recent', path: '/home/dpo/acme.vigie' }] }]);
  });

  it('in English; the documentation link opens the CNIL site in the browser without a dialog', async () => {
    const { e, menu } = setup('en');
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    menu[3]!.submenu!.find((i) => i.label === 'Documentation')!.click!();
    await new Promise((r) => setTimeout(r, 0));
    expect(e.opened).toEqual(['https://www.cnil.fr/fr/rgpd-de-quoi-parle-t-on']);
    expect(e.dialog.messageBoxes).toEqual([]);
  });

  it('developer tools only in development builds', () => {
    const roles = (m: Item[]) => m[2]!.submenu!.map((i) => i.role).filter(Boolean);
    expect(roles(setup('fr', false).menu)).toContain('toggleDevTools');
    expect(roles(setup('fr', true).menu)).not.toContain('toggleDevTools');
  });
});
