import { join } from 'node:path';
import { VendorsService } from '../../src-main/services/vendors';
import { expect, ready, shot, test, openPage } from './fixtures';

const PASS = 'prestataires phrase de passe';

test('add a vendor with a US sub-processor, see the warning, record SCC module 2 and see it clear', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'ven.vigie'), passphrase: PASS });
  await openPage(page, harness, 'vendors');
  await ready(page, { page: 'vendors' });
  await expect(page.getByTestId('vendors-empty')).toBeVisible();
  await page.getByTestId('vendor-new').click();
  await ready(page, { page: 'vendors' });

  await page.getByTestId('vendor-name').fill('Support SaaS');
  await page.getByTestId('vendor-legal-entity').fill('Support SaaS SAS');
  await page.getByTestId('add-subprocessor').click();
  await page.getByTestId('sub-0-name').fill('Helpdesk Inc.');
  await page.getByTestId('sub-0-country').click();
  await page.getByTestId('sub-0-country').fill('États-Unis');
  await page.getByRole('option', { name: /\(US\)$/ }).first().click();

  const notRecorded = page.locator('[data-testid="vendor-warning"][data-code="transfer_not_recorded"]');
  await expect(notRecorded).toBeVisible();
  await expect(notRecorded).toContainText('US');
  await page.getByTestId('vendor-save').click();
  await expect(page.getByTestId('tab-history')).toBeVisible();
  await expect(notRecorded).toBeVisible();
  await shot(page, '40-vendor-us-subprocessor-warning');

  // The list shows the error badge.
  await openPage(page, harness, 'vendors');
  await ready(page, { page: 'vendors' });
  await expect(page.getByTestId('vendor-row')).toHaveCount(1);
  await expect(page.getByTestId('vendor-row').getByTestId('vendor-errors')).toBeVisible();
  await page.getByTestId('vendor-row').click();
  await expect(page.getByTestId('vendor-name')).toHaveValue('Support SaaS');

  // Record the transfer: SCC 2021/914, module 2 (controller → processor), signed.
  await page.getByTestId('add-transfer').click();
  await expect(page.locator('[data-testid="vendor-warning"][data-code="no_transfer_tool"]')).toBeVisible();
  await page.getByTestId('transfer-0-tool').click();
  await page.getByRole('option', { name: /Clauses contractuelles types/ }).click();
  await page.getByTestId('transfer-0-scc-module').click();
  await page.getByRole('option', { name: /module 2/ }).click();
  await page.getByTestId('transfer-0-scc-signed').fill('2024-05-02');
  await expect(notRecorded).toHaveCount(0);
  await expect(page.locator('[data-testid="vendor-warning"][data-code="no_transfer_tool"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="vendor-warning"][data-code="scc_module_missing"]')).toHaveCount(0);
  await page.getByTestId('vendor-save').click();
  await expect(page.getByTestId('vendor-save')).toBeDisabled();
  await expect(notRecorded).toHaveCount(0);
  await shot(page, '41-vendor-scc-module-2-cleared');

  // The signed contract is kept inside the workspace.
  await page.locator('input[type="file"]').setInputFiles({ name: 'dpa-support-saas.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 test contract') });
  await expect(page.getByTestId('contract-download')).toContainText('dpa-support-saas.pdf');
  await page.locator('input[type="file"]').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 7) });
  await expect(page.locator('[data-testid="error-alert"][data-error-code="file_too_large"]')).toContainText('10 Mio');
  await expect(page.getByTestId('contract-download')).toContainText('dpa-support-saas.pdf');

  // The transfer impact assessment: six steps, an outcome, a re-evaluation date, a DOCX.
  await page.getByTestId('transfer-0-tia').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByTestId('tia-answer-know-transfers').fill('Tickets de support (nom, e-mail, message) consultés depuis les États-Unis.');
  await shot(page, '42-vendor-tia-step1');
  for (let i = 0; i < 6; i++) await page.getByTestId('tia-next').click();
  await page.getByTestId('tia-outcome').click();
  await page.getByRole('option', { name: /grâce aux mesures supplémentaires/ }).click();
  await page.getByTestId('tia-reevaluate-on').fill('2027-11-01');
  await page.getByTestId('tia-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('transfer-0-tia-outcome')).toContainText('mesures supplémentaires');
  await page.getByTestId('transfer-0-tia').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('tia-docx-fr').click();
  expect((await download).suggestedFilename()).toMatch(/^analyse-impact-transfert-support-saas-US-.*\.docx$/);
  await page.keyboard.press('Escape');

  // Transfers by country and the adequacy tab (transfer check kept, overrides with "checked on").
  await openPage(page, harness, 'vendors');
  await ready(page, { page: 'vendors' });
  await page.getByTestId('tab-countries').click();
  await expect(page.locator('[data-testid="country-card"][data-country="US"]')).toContainText('Support SaaS');
  await shot(page, '43-vendors-by-country');
  await page.getByTestId('tab-adequacy').click();
  await expect(page.getByTestId('adequacy-table')).toContainText('2000/518');
  // References the team could not check are flagged; the UK cites the renewal in force.
  await expect(page.getByTestId('adequacy-to-verify-GB')).toContainText('à vérifier');
  await expect(page.getByTestId('adequacy-to-verify-US')).toHaveCount(0);
  await expect(page.getByTestId('adequacy-table')).toContainText('19 décembre 2025');
  await page.getByTestId('override-country').click();
  await page.getByTestId('override-country').fill('Suisse');
  await page.getByRole('option', { name: /\(CH\)$/ }).click();
  await page.getByTestId('override-note').fill('Test : décision suspendue');
  await page.getByTestId('override-checked-on').fill('2026-11-20');
  await page.getByTestId('override-save').click();
  await expect(page.getByTestId('overrides-table')).toContainText('2026-11-20');
  await page.getByTestId('transfer-country').click();
  await page.getByTestId('transfer-country').fill('Suisse');
  await page.getByRole('option', { name: /\(CH\)$/ }).click();
  await page.getByTestId('transfer-check').click();
  await expect(page.getByTestId('transfer-result')).toHaveAttribute('data-basis', 'safeguard-required');
  await shot(page, '44-vendors-adequacy-overrides');
});

test('the Smart Tribune demo vendors: list with risk and warning badges, transfers by country', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'demo.vigie'), passphrase: PASS, demo: true });
  await openPage(page, harness, 'vendors');
  await ready(page, { page: 'vendors' });
  await expect(page.getByTestId('vendor-row')).toHaveCount(6);
  await expect(page.getByTestId('vendor-row').filter({ hasText: 'Cloudflare' }).getByTestId('vendor-risk')).toBeVisible();
  await shot(page, '45-vendors-demo-list');
  await page.getByTestId('vendor-row').filter({ hasText: 'Cloudflare' }).click();
  await expect(page.getByTestId('vendor-name')).toHaveValue('Cloudflare');
  await expect(page.locator('[data-testid="vendor-warning"][data-code="scc_signed_on_missing"]')).toBeVisible();
  await shot(page, '46-vendor-demo-cloudflare');
  await page.getByTestId('language-switch').getByText('EN').click();
  await expect(page.locator('[data-testid="vendor-warning"][data-code="scc_signed_on_missing"]')).toContainText('Signature date');
  await page.getByTestId('transfer-0-tia').click();
  for (let i = 0; i < 6; i++) await page.getByTestId('tia-next').click();
  await expect(page.getByTestId('tia-outcome')).toHaveValue('Assessment in progress');
  await shot(page, '48-vendor-demo-tia-outcome-en');
  await page.keyboard.press('Escape');
  await page.getByTestId('language-switch').getByText('FR').click();
  await openPage(page, harness, 'vendors');
  await ready(page, { page: 'vendors' });
  await page.getByTestId('tab-countries').click();
  await expect(page.locator('[data-testid="country-card"][data-country="US"]')).toContainText('Cloudflare');
  await shot(page, '47-vendors-demo-by-country');
});

test('the vendor editor keeps unsaved work: a contract upload keeps the edit, discard goes back, leaving asks', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'draft.vigie'), passphrase: PASS });
  const vendors = new VendorsService(harness.session.workspace);
  const { id } = await vendors.create({ name: 'Mailer SAS', legalEntity: 'Mailer SAS', country: 'FR', role: 'processor' });
  await openPage(page, harness, `vendors/${id}`);
  const name = page.getByTestId('vendor-name');
  await expect(name).toHaveValue('Mailer SAS');
  await expect(page.getByTestId('save-bar')).toHaveAttribute('data-dirty', 'false');

  // An unsaved edit survives the upload (stored at once) and the refreshed record it brings.
  await name.fill('Mailer Europe SAS');
  await expect(page.getByTestId('save-bar')).toHaveAttribute('data-dirty', 'true');
  await page.locator('input[type="file"]').setInputFiles({ name: 'dpa-mailer.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 mailer contract') });
  await expect(page.getByTestId('contract-download')).toContainText('dpa-mailer.pdf');
  await expect(name).toHaveValue('Mailer Europe SAS');
  await expect(page.getByTestId('save-bar')).toHaveAttribute('data-dirty', 'true');
  expect((await vendors.get(id)).vendor.contract.file?.name).toBe('dpa-mailer.pdf');
  expect((await vendors.get(id)).vendor.name).toBe('Mailer SAS');

  // Discard: back to the saved record, which now has its contract.
  await page.getByTestId('save-bar-discard').click();
  await expect(name).toHaveValue('Mailer SAS');
  await expect(page.getByTestId('save-bar')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('contract-download')).toContainText('dpa-mailer.pdf');

  // Leaving with an edit asks; « save » saves it, then the page changes.
  await name.fill('Mailer Europe SAS');
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('leave-question')).toBeVisible();
  await page.getByTestId('leave-save').click();
  await ready(page, { page: 'dashboard' });
  const saved = (await vendors.get(id)).vendor;
  expect(saved.name).toBe('Mailer Europe SAS');
  expect(saved.contract.file?.name).toBe('dpa-mailer.pdf');
});
