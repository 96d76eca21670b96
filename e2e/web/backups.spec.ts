import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openPage, ready, shot, test } from './fixtures';
import { MIGRATIONS } from '../../src-main/db/migrations';

/** The schema version a new workspace gets: the number of the last migration (numbers may skip on a branch). */
const SCHEMA_VERSION = Number.parseInt(MIGRATIONS[MIGRATIONS.length - 1]!.name.slice(0, 4), 10);

const PASS = 'sauvegardes phrase de passe';

test('Settings › Backups: back up now, see it listed, restore it after a change (the current file is backed up first)', async ({ page, harness, dataDir }) => {
  const path = join(dataDir, 'sauv.vigie');
  await harness.session.create({ path, passphrase: PASS, controllerName: 'Avant SAS' });
  await openPage(page, harness, 'settings');
  await page.getByTestId('tab-backups').click();
  await expect(page.locator('[data-testid="backups-panel"][data-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('backups-empty')).toBeVisible();
  await expect(page.getByTestId('backups-folder')).toHaveText(join(dataDir, 'sauv.backups'));

  await page.getByTestId('backup-now').click();
  const manual = page.locator('[data-testid="backup-row"][data-kind="manual"]');
  await expect(manual).toHaveCount(1);
  await expect(manual).toContainText('Faite par vous');
  await expect(manual).toContainText(/\d{4}/);
  await expect(manual.getByRole('cell').nth(2)).toHaveText(String(SCHEMA_VERSION));
  await expect(page.getByText('Sauvegarde effectuée')).toBeVisible();
  if (process.platform !== 'win32') expect(statSync(join(dataDir, 'sauv.backups')).mode & 0o777).toBe(0o700);
  await shot(page, '60-settings-backups');

  // A change after the backup, then a restore: the change goes, the replaced file is kept.
  await harness.session.workspace.updateProfile({ controller_name: 'Après SAS' });
  await manual.getByTestId('backup-restore').click();
  await expect(page.getByTestId('restore-confirm')).toContainText('sauvegarde d’abord le fichier actuel');
  await shot(page, '61-settings-backups-restore-confirm');
  await page.getByTestId('restore-confirm-submit').click();
  await expect(page.getByText('Sauvegarde restaurée')).toBeVisible();
  await expect(page.locator('[data-testid="backup-row"][data-kind="pre-restore"]')).toHaveCount(1);
  expect((await harness.session.workspace.getProfile()).profile.controller_name).toBe('Avant SAS');

  await page.getByRole('tab', { name: 'Organisme' }).click();
  await ready(page, { page: 'settings' });
  await expect(page.getByTestId('profile-controller_name')).toHaveValue('Avant SAS');
});

test('the day’s backup after an unlock is made in the background: Settings › Backups shows it under way, then lists it', async ({ page, harness, dataDir }) => {
  const path = join(dataDir, 'jour.vigie');
  await harness.session.create({ path, passphrase: PASS, controllerName: 'Jour SAS' });
  await harness.session.close();
  // The unlock answers at once; the copy is made in a worker thread after it.
  await harness.session.open({ path, passphrase: PASS });
  await openPage(page, harness, 'settings');
  await page.getByTestId('tab-backups').click();
  await expect(page.locator('[data-testid="backups-panel"][data-state="loaded"]')).toBeVisible();
  const running = page.getByTestId('backup-running');
  if (await running.isVisible()) {
    await expect(page.getByTestId('backup-now')).toBeDisabled();
    await shot(page, '63-settings-backup-running');
  }
  // When the job ends the panel reads the list again by itself.
  await expect(page.locator('[data-testid="backup-row"][data-kind="daily"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(running).toHaveCount(0);
  await expect(page.getByTestId('backup-now')).toBeEnabled();
  await harness.session.idle();
});

test('a workspace whose start is damaged: the error says both causes and offers its backups, which restore and open', async ({ page, harness, dataDir }) => {
  const path = join(dataDir, 'abime.vigie');
  await harness.session.create({ path, passphrase: PASS, controllerName: 'Intact SAS' });
  await harness.session.backupNow();
  await harness.session.close();
  const bytes = readFileSync(path);
  bytes[3000] = bytes[3000]! ^ 0x01;
  writeFileSync(path, bytes);

  await page.reload();
  await ready(page, { screen: 'welcome' });
  await page.getByTestId('open-path').fill(path);
  await page.getByTestId('open-passphrase').fill(PASS);
  await page.getByTestId('open-submit').click();
  await expect(page.getByTestId('error-alert')).toContainText('ou début du fichier endommagé');
  await expect(page.getByTestId('offered-backup')).toHaveCount(1);
  await shot(page, '62-welcome-damaged-offer-backups');
  await page.getByTestId('offered-backup').getByRole('button').click();
  await page.getByTestId('offer-confirm-submit').click();
  await ready(page, { screen: 'shell' });
  await expect(page.getByTestId('workspace-name')).toHaveText('abime');
  expect((await harness.session.workspace.getProfile()).profile.controller_name).toBe('Intact SAS');
});
