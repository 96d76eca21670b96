import { describe, expect, it } from 'vitest';
import { electronDialogs } from './dialogs';
import { FakeElectron } from './fake-electron';

describe('workspace file dialogs', () => {
  it('create: proposes the default folder, filters .vigie, adds the extension when the user left it out', async () => {
    const e = new FakeElectron();
    const d = electronDialogs(e.dialog as never, () => undefined, '/home/dpo/Documents/Vigie');
    e.dialog.saveResult = { canceled: false, filePath: '/home/dpo/Documents/Vigie/acme' };
    expect(await d.pickWorkspace('create')).toBe('/home/dpo/Documents/Vigie/acme.vigie');
    expect(e.dialog.saveCalls[0]).toMatchObject({ defaultPath: '/home/dpo/Documents/Vigie/workspace.vigie', filters: [{ extensions: ['vigie'] }] });
    e.dialog.saveResult = { canceled: true };
    expect(await d.pickWorkspace('create')).toBeNull();
  });

  it('open: one .vigie file, or null when cancelled', async () => {
    const e = new FakeElectron();
    const win = new e.BrowserWindow();
    const d = electronDialogs(e.dialog as never, () => win as never, '/w');
    e.dialog.openResult = { canceled: false, filePaths: ['/w/acme.vigie'] };
    expect(await d.pickWorkspace('open')).toBe('/w/acme.vigie');
    expect(e.dialog.openCalls[0]).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['vigie'] }] });
    e.dialog.openResult = { canceled: true, filePaths: [] };
    expect(await d.pickWorkspace('open')).toBeNull();
  });

  it('saveFile: a save dialog on the window, filtered on the format, proposing the export name in the default folder', async () => {
    const e = new FakeElectron();
    const win = new e.BrowserWindow();
    const d = electronDialogs(e.dialog as never, () => win as never, '/home/dpo/Documents/Vigie');
    e.dialog.saveResult = { canceled: false, filePath: '/home/dpo/Rapports/CNIL-Acme-2026-12-01.zip' };
    expect(await d.saveFile('CNIL-Acme-2026-12-01.zip', 'zip')).toBe('/home/dpo/Rapports/CNIL-Acme-2026-12-01.zip');
    expect(e.dialog.saveParents[0]).toBe(win);
    expect(e.dialog.saveCalls[0]).toMatchObject({
      defaultPath: '/home/dpo/Documents/Vigie/CNIL-Acme-2026-12-01.zip',
      filters: [{ name: 'ZIP', extensions: ['zip'] }],
      properties: expect.arrayContaining(['showOverwriteConfirmation']),
    });
    // The next export is proposed where the last one went; a cancelled dialog does not move it.
    e.dialog.saveResult = { canceled: true };
    await d.saveFile('registre.csv', 'csv');
    expect(e.dialog.saveCalls[1]).toMatchObject({ defaultPath: '/home/dpo/Rapports/registre.csv', filters: [{ extensions: ['csv'] }] });
    await d.saveFile('registre.ods', 'ods');
    expect(e.dialog.saveCalls[2]).toMatchObject({ defaultPath: '/home/dpo/Rapports/registre.ods' });
  });

  it('saveFile: adds the extension to a bare name, keeps a wrong one (the write refuses it), null when cancelled', async () => {
    const e = new FakeElectron();
    const d = electronDialogs(e.dialog as never, () => undefined, '/w');
    e.dialog.saveResult = { canceled: false, filePath: '/w/bilan' };
    expect(await d.saveFile('bilan-annuel-dpo.docx', 'docx')).toBe('/w/bilan.docx');
    expect(e.dialog.saveParents[0]).toBeUndefined();
    e.dialog.saveResult = { canceled: false, filePath: '/w/bilan.txt' };
    expect(await d.saveFile('bilan-annuel-dpo.docx', 'docx')).toBe('/w/bilan.txt');
    e.dialog.saveResult = { canceled: true };
    expect(await d.saveFile('registre.csv', 'csv')).toBeNull();
  });

  it('saveFile: a suggested name cannot carry a folder', async () => {
    const e = new FakeElectron();
    const d = electronDialogs(e.dialog as never, () => undefined, '/w');
    await d.saveFile('../../etc/x.csv', 'csv');
    expect(e.dialog.saveCalls[0]).toMatchObject({ defaultPath: '/w/..-..-etc-x.csv' });
  });

  it('pickFolder: a folder dialog on the window (a new folder may be made there), or null when cancelled', async () => {
    const e = new FakeElectron();
    const win = new e.BrowserWindow();
    const d = electronDialogs(e.dialog as never, () => win as never, '/home/dpo/Documents/Vigie');
    e.dialog.openResult = { canceled: false, filePaths: ['/mnt/partage/Vigie'] };
    expect(await d.pickFolder()).toBe('/mnt/partage/Vigie');
    expect(e.dialog.openCalls[0]).toMatchObject({ defaultPath: '/home/dpo/Documents/Vigie', properties: ['openDirectory', 'createDirectory'] });
    expect(e.dialog.openCalls[0]).not.toHaveProperty('filters');
    e.dialog.openResult = { canceled: true, filePaths: [] };
    expect(await d.pickFolder()).toBeNull();
  });
});
