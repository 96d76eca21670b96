import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronBinary, electronSkipReason } from './electron-binary';

const ROOT = resolve(import.meta.dirname, '../..');
const binary = electronBinary();
const skipReason = electronSkipReason();
const PASS = 'une phrase de passe solide';

test.beforeAll(() => {
  if (skipReason) console.log(`[electron e2e] SKIPPED: ${skipReason}. The same flow runs in Chromium against the web harness (e2e/web).`);
});

async function launch(userData: string, workspaces: string): Promise<{ app: ElectronApplication; win: Page }> {
  if ('missing' in binary) throw new Error(binary.missing);
  const app = await electron.launch({
    executablePath: binary.path,
    args: [join(ROOT, 'out/main/index.js'), ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...process.env, VIGIE_USER_DATA: userData, VIGIE_WORKSPACES_DIR: workspaces, ELECTRON_RENDERER_URL: '' },
  });
  const win = await app.firstWindow();
  await win.locator('[data-state="ready"]').first().waitFor();
  return { app, win };
}

test('Electron: secure window, create a workspace, every page, language, profile, restart', async () => {
  test.skip(skipReason !== null, skipReason ?? '');
  const userData = mkdtempSync(join(tmpdir(), 'vigie-electron-user-'));
  const workspaces = mkdtempSync(join(tmpdir(), 'vigie-electron-ws-'));
  let { app, win } = await launch(userData, workspaces);
  try {
    // The renderer has no Node and only the one bridge.
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => Object.keys((globalThis as unknown as { vigie: object }).vigie).sort())).toEqual(['invoke', 'onEvent']);
    expect(await win.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // contextBridge objects are frozen copies: the page cannot swap the bridge for its own.
    expect(await win.evaluate(() => Object.isFrozen((globalThis as unknown as { vigie: object }).vigie))).toBe(true);

    await win.getByTestId('create-path').fill(join(workspaces, 'acme.vigie'));
    await win.getByTestId('create-controller').fill('ACME Santé SAS');
    await win.getByTestId('create-passphrase').fill(PASS);
    await win.getByTestId('create-confirm').fill(PASS);
    await win.getByTestId('create-submit').click();
    await win.locator('[data-page="settings"][data-state="ready"]').waitFor();
    expect(readFileSync(join(workspaces, 'acme.vigie')).includes(Buffer.from('ACME Santé SAS'))).toBe(false);
    for (const p of ['dashboard', 'register', 'requests', 'vendors', 'breaches', 'reports', 'sync', 'settings']) {
      await win.getByTestId(`nav-${p}`).click();
      await win.locator(`[data-page="${p}"][data-state="ready"]`).waitFor();
    }
    await win.getByTestId('language-switch').getByText('EN').click();
    await expect(win.getByTestId('nav-settings')).toHaveText('Settings');
    await win.getByTestId('language-switch').getByText('FR').click();
    await win.getByTestId('profile-dpo_name').fill('Camille Martin');
    await win.getByTestId('profile-save').click();
    await expect(win.getByText('Profil enregistré')).toBeVisible();
    await app.close();

    ({ app, win } = await launch(userData, workspaces));
    await win.getByTestId('recent-item').first().click();
    await win.getByTestId('open-passphrase').fill(PASS);
    await win.getByTestId('open-submit').click();
    await win.getByTestId('nav-settings').click();
    await expect(win.getByTestId('profile-dpo_name')).toHaveValue('Camille Martin');
  } finally {
    await app.close().catch(() => undefined);
  }
});
