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
});
