import { test, expect, ready, shot, startHarness } from './fixtures';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PASS = 'une phrase de passe solide';
const PAGES = ['dashboard', 'register', 'requests', 'vendors', 'breaches', 'reports', 'sync', 'settings'] as const;

test('create, visit every page, switch language, edit the profile, restart and find it again', async ({ page, harness, dataDir, vigieBrowser }) => {
  await ready(page, { screen: 'welcome' });
  await shot(page, '01-welcome-fr');
  await expect(page.getByText('Créer un espace de travail')).toBeVisible();

  await page.getByTestId('create-path').fill(join(dataDir, 'acme.vigie'));
  await page.getByTestId('create-controller').fill('ACME Santé SAS');
  await page.getByTestId('create-passphrase').fill(PASS);
  await page.getByTestId('create-confirm').fill(PASS);
  await page.getByTestId('create-submit').click();
  await ready(page, { screen: 'shell', page: 'settings' });
  await expect(page.getByTestId('workspace-name')).toHaveText('acme');

  // The file on disk is encrypted: no SQLite header, no plaintext of what we typed.
  const bytes = readFileSync(join(dataDir, 'acme.vigie'));
  expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  expect(bytes.includes(Buffer.from('ACME Santé SAS'))).toBe(false);

  for (const p of PAGES) {
    await page.getByTestId(`nav-${p}`).click();
    await ready(page, { page: p });
    await expect(page.getByTestId('page-title')).toBeVisible();
    await shot(page, `02-page-${p}-fr`);
  }

  // English and back; the choice is remembered across reloads.
  await page.getByTestId('language-switch').getByText('EN').click();
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  await page.getByTestId('nav-dashboard').click();
  await ready(page, { page: 'dashboard' });
  await shot(page, '03-dashboard-en');
  await page.reload();
  await ready(page, { screen: 'shell' });
  await expect(page.getByTestId('nav-register')).toHaveText('Register');
  await page.getByTestId('language-switch').getByText('FR').click();
  await expect(page.getByTestId('nav-register')).toHaveText('Registre');

  // Edit the organisation profile; a bad value is refused with a specific message and nothing saved.
  await page.getByTestId('nav-settings').click();
  await ready(page, { page: 'settings' });
  await page.getByTestId('profile-siren').fill('12345');
  await page.getByTestId('profile-save').click();
  await expect(page.getByText('Un numéro SIREN comporte 9 chiffres.')).toBeVisible();
  await page.getByTestId('profile-siren').fill('552 100 554');
  await page.getByTestId('profile-dpo_name').fill('Camille Martin');
  await page.getByTestId('profile-dpo_email').fill('dpo@acme-sante.fr');
  await page.getByTestId('profile-save').click();
  await expect(page.getByText('Profil enregistré')).toBeVisible();
  await shot(page, '04-settings-saved');

  // The change is in the audit trail.
  await page.getByTestId('nav-reports').click();
  await ready(page, { page: 'reports' });
  await expect(page.getByTestId('history-table')).toContainText('Camille Martin');
  await page.getByTestId('verify-audit').click();
  await expect(page.getByTestId('audit-result')).toHaveAttribute('data-ok', 'true');
  // The seal: kept by this installation since creation, shown to copy, and what the check cannot prove.
  await expect(page.getByTestId('seal-status')).toHaveAttribute('data-status', 'first-seen');
  await expect(page.getByTestId('seal-text')).toContainText(/Sceau Vigie · espace \w+ · \d+ entrées? · dernière empreinte sha256:[0-9a-f]{64}/);
  await expect(page.getByTestId('audit-limits')).toContainText('réécrit tout le fichier');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-seal').click();
  await expect(page.getByTestId('copy-seal')).toHaveText('Sceau copié');
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toMatch(/^Sceau Vigie · espace /);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-audit-csv').click();
  const csv = await download;
  expect(csv.suggestedFilename()).toMatch(/^acme-journal-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(readFileSync(await csv.path()).toString('utf8')).toContain('Camille Martin');

  // Restart the harness on the same folder: unlock and find the change.
  await page.context().close();
  await harness.close();
  const again = await startHarness(dataDir);
  try {
    const ctx = await vigieBrowser.newContext({ viewport: { width: 1366, height: 900 } });
    const p2 = await ctx.newPage();
    await p2.goto(again.url);
    await ready(p2, { screen: 'welcome' });
    await p2.getByTestId('recent-item').first().click();
    await p2.getByTestId('open-passphrase').fill('not the passphrase');
    await p2.getByTestId('open-submit').click();
    await expect(p2.getByTestId('error-alert')).toHaveAttribute('data-error-code', 'wrong_passphrase');
    await shot(p2, '05-wrong-passphrase');
    await p2.getByTestId('open-passphrase').fill(PASS);
    await p2.getByTestId('open-submit').click();
    await ready(p2, { screen: 'shell' });
    await p2.getByTestId('nav-settings').click();
    await ready(p2, { page: 'settings' });
    await expect(p2.getByTestId('profile-dpo_name')).toHaveValue('Camille Martin');
    await expect(p2.getByTestId('profile-siren')).toHaveValue('552100554');
    await ctx.close();
  } finally {
    await again.close();
  }
  expect(existsSync(join(dataDir, 'vigie-prefs.json'))).toBe(true);
});
