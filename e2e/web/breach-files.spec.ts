import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BreachesService } from '../../src-main/services/breaches';
import { VendorsService } from '../../src-main/services/vendors';
import { expect, openPage, test } from './fixtures';

const PASS = 'pieces de la violation';

test('a breach keeps evidence files: upload while the record has unsaved edits, see it listed, download it, refuse a file over 15 MiB', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'evidence.vigie'), passphrase: PASS });
  await harness.session.workspace.updateProfile({ controller_name: 'ACME SAS', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' });
  const s = new BreachesService(harness.session.workspace);
  const { id } = await s.create({ title: 'Compte de messagerie compromis', awareAt: new Date(Date.now() - 3_600_000).toISOString().slice(0, 16), timeZone: 'UTC', nature: ['confidentiality'] });

  await openPage(page, harness, `breaches/${id}`);
  // An unsaved edit of the record survives adding a file (files are saved on their own).
  await page.getByTestId('breach-description').fill('Boîte consultée depuis l’étranger.');
  await page.getByTestId('tab-evidence').click();
  await expect(page.getByTestId('breach-evidence-empty')).toBeVisible();

  const log = '2026-10-23 09:58:12 login ok user=j.martin ip=203.0.113.7\n';
  await page.getByTestId('breach-evidence').locator('input[type="file"]').setInputFiles({ name: 'journal-connexions.txt', mimeType: 'text/plain', buffer: Buffer.from(log) });
  await page.getByTestId('breach-evidence-note').fill('Extrait du journal du serveur');
  await page.getByTestId('breach-evidence-add').click();
  const row = page.getByTestId('breach-evidence-file');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-file-name', 'journal-connexions.txt');
  await expect(row).toContainText('Extrait du journal du serveur');
  await expect(page.getByTestId('tab-evidence')).toContainText('(1)');

  // Stored in the workspace, byte for byte.
  const [meta] = (await s.get(id)).files;
  expect(meta).toMatchObject({ fileName: 'journal-connexions.txt', size: Buffer.byteLength(log), note: 'Extrait du journal du serveur' });

  // Download gives the same bytes back.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('breach-evidence-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('journal-connexions.txt');
  expect(readFileSync(await download.path(), 'utf8')).toBe(log);

  // Too large: refused in the page before reading, nothing stored.
  await page.getByTestId('breach-evidence').locator('input[type="file"]').setInputFiles({ name: 'image-disque.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(15 * 1024 * 1024 + 1, 7) });
  await page.getByTestId('breach-evidence-add').click();
  await expect(page.getByTestId('breach-evidence').getByTestId('error-alert')).toContainText('15 Mio');
  await expect(row).toHaveCount(1);
  expect((await s.get(id)).files).toHaveLength(1);

  // The record's edit is still there, unsaved.
  await page.getByTestId('tab-record').click();
  await expect(page.getByTestId('breach-description')).toHaveValue('Boîte consultée depuis l’étranger.');
});

test('a breach names its vendor from the vendor register and links to the record; an older free-text name is still shown', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'vendor-link.vigie'), passphrase: PASS });
  await harness.session.workspace.updateProfile({ controller_name: 'ACME SAS', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' });
  const vendor = await new VendorsService(harness.session.workspace).create({ name: 'Routeur Mail SAS', country: 'FR', role: 'processor' });
  const s = new BreachesService(harness.session.workspace);
  const aware = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
  const { id } = await s.create({ title: 'Fichier clients exposé', awareAt: aware, timeZone: 'UTC', nature: ['confidentiality'], vendors: [{ name: 'Ancien hébergeur' }] });

  await openPage(page, harness, `breaches/${id}`);
  await expect(page.getByTestId('breach-vendor-free-0')).toContainText('Ancien hébergeur');
  await page.getByRole('button', { name: 'Ajouter un prestataire' }).click();
  await page.getByTestId('breach-vendor-1').click();
  await page.getByRole('option', { name: 'Routeur Mail SAS' }).click();
  await page.getByTestId('breach-save').click();
  await expect(page.getByTestId('breach-saved')).toBeVisible();
  await expect(page.getByTestId('breach-vendor-link-1')).toContainText('Routeur Mail SAS');
  expect((await s.get(id)).breach.vendors).toEqual([
    { name: 'Ancien hébergeur', role: '', informedUsAt: null, vendorId: null },
    { name: 'Routeur Mail SAS', role: '', informedUsAt: null, vendorId: vendor.id },
  ]);
});
