/**
 * The packaged app's desktop behaviour against the real Electron binary (issue 13):
 * create a workspace, add an activity, quit, relaunch, unlock, find it; open a .vigie file named on
 * the command line (what a double-click does on Windows and Linux). Where the binary is absent the
 * tests skip with the reason printed; the release and CI workflows set VIGIE_REQUIRE_ELECTRON=1 so
 * they cannot skip there. Main-process behaviour is also unit-tested against a fake Electron
 * (src-main/electron/*.test.ts).
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronBinary, electronSkipReason } from './electron-binary';

const ROOT = resolve(import.meta.dirname, '../..');
const PASS = 'une phrase de passe solide';
const skipReason = electronSkipReason();

test.beforeAll(() => {
  if (skipReason) console.log(`[electron e2e] SKIPPED: ${skipReason}. The main process is unit-tested against a fake Electron (src-main/electron).`);
});

async function launch(userData: string, workspaces: string, extraArgs: string[] = []): Promise<{ app: ElectronApplication; win: Page }> {
  const binary = electronBinary();
  if ('missing' in binary) throw new Error(binary.missing);
  const app = await electron.launch({
    executablePath: binary.path,
    args: [join(ROOT, 'out/main/index.js'), ...(process.platform === 'linux' ? ['--no-sandbox'] : []), ...extraArgs],
    env: { ...process.env, VIGIE_USER_DATA: userData, VIGIE_WORKSPACES_DIR: workspaces, ELECTRON_RENDERER_URL: '' },
  });
  const win = await app.firstWindow();
  await win.locator('[data-state="ready"]').first().waitFor();
  return { app, win };
}

async function createWorkspace(win: Page, path: string): Promise<void> {
  await win.getByTestId('create-path').fill(path);
  await win.getByTestId('create-controller').fill('ACME Santé SAS');
  await win.getByTestId('create-passphrase').fill(PASS);
  await win.getByTestId('create-confirm').fill(PASS);
  await win.getByTestId('create-submit').click();
  await win.locator('[data-page="settings"][data-state="ready"]').waitFor();
}

test('served from app://vigie, no network: create, add an activity, quit, relaunch, unlock, find it', async () => {
  test.skip(skipReason !== null, skipReason ?? '');
  const userData = mkdtempSync(join(tmpdir(), 'vigie-desktop-user-'));
  const workspaces = mkdtempSync(join(tmpdir(), 'vigie-desktop-ws-'));
  let { app, win } = await launch(userData, workspaces);
  try {
    // The page has the exact app:// origin, and nothing outside app:// is reachable from it.
    expect(await win.evaluate(() => (globalThis as unknown as { location: { origin: string } }).location.origin)).toBe('app://vigie');
    expect(await win.evaluate(() => fetch('https://www.cnil.fr/').then(() => 'reached', () => 'blocked'))).toBe('blocked');
    expect(await win.evaluate(() => fetch('app://vigie/../../../../etc/hosts').then((r) => r.status, () => 0))).not.toBe(200);

    await createWorkspace(win, join(workspaces, 'acme.vigie'));
    await win.getByTestId('nav-register').click();
    await win.locator('[data-page="register"][data-state="ready"]').waitFor();
    await win.getByTestId('register-new').click();
    await win.getByTestId('activity-name').fill('Gestion des candidatures');
    await win.getByTestId('activity-save').click();
    await expect(win.getByTestId('tab-history')).toBeVisible();
    await app.close();

    ({ app, win } = await launch(userData, workspaces));
    await win.getByTestId('recent-item').first().click();
    await win.getByTestId('open-passphrase').fill(PASS);
    await win.getByTestId('open-submit').click();
    await win.getByTestId('nav-register').click();
    await win.locator('[data-page="register"][data-state="ready"]').waitFor();
    await expect(win.getByTestId('register-row')).toHaveCount(1);
    await expect(win.getByTestId('register-row')).toContainText('Gestion des candidatures');
  } finally {
    await app.close().catch(() => undefined);
  }
});

test('a .vigie file named on the command line opens its unlock form', async () => {
  test.skip(skipReason !== null, skipReason ?? '');
  const userData = mkdtempSync(join(tmpdir(), 'vigie-desktop-user-'));
  const workspaces = mkdtempSync(join(tmpdir(), 'vigie-desktop-ws-'));
  const file = join(workspaces, 'cabinet.vigie');
  let { app, win } = await launch(userData, workspaces);
  try {
    await createWorkspace(win, file);
    await app.close();
    // A fresh profile: the file is not in any recent list, only on the command line.
    ({ app, win } = await launch(mkdtempSync(join(tmpdir(), 'vigie-desktop-user-')), workspaces, [file]));
    await expect(win.getByTestId('open-path')).toHaveValue(file);
    await win.getByTestId('open-passphrase').fill(PASS);
    await win.getByTestId('open-submit').click();
    await win.locator('[data-state="ready"]').first().waitFor();
    await expect(win.getByTestId('nav-register')).toBeVisible();
  } finally {
    await app.close().catch(() => undefined);
  }
});
