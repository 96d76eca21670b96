import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { verifyPack } from '../../src-main/export/manifest';
import { workspaceFigures } from '../../src-main/services/figures';
import { expect, openPage, shot, test } from './fixtures';

const PASS = 'rapports phrase de passe';

test('reports page: the figures charts match reports.figures; annual report, register and CNIL pack download', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'rep.vigie'), passphrase: PASS, demo: true });
  await openPage(page, harness, 'reports');
  const charts = page.locator('[data-testid="charts"][data-state="ready"]');
  await expect(charts).toBeVisible();
  // The page and the report use one function: what the screen shows is what the API answers.
  const fig = await workspaceFigures(harness.session.workspace);
  await expect(page.getByTestId('kf-requests_received')).toHaveAttribute('data-value', String(fig.requests.received));
  await expect(page.getByTestId('chart-requests-per-month').locator('g[data-key]')).toHaveCount(fig.requests.perMonth.length);
  await expect(page.getByTestId('chart-per-right').locator('g[data-key="access"]')).toHaveAttribute('data-value', String(fig.requests.perRight.access ?? ''));
  await expect(page.getByTestId('chart-severity')).toBeVisible();
  await shot(page, '70-reports-figures');

  const report = page.waitForEvent('download');
  await page.getByTestId('export-annual-report').click();
  const r = await report;
  expect(r.suggestedFilename()).toMatch(/^bilan-annuel-dpo-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.docx$/);
  const docx = unzipSync(new Uint8Array(readFileSync(await r.path())));
  expect(strFromU8(docx['word/document.xml']!)).toContain('Plan d’action');
  await expect(page.getByTestId('export-done')).toBeVisible();

  const reg = page.waitForEvent('download');
  await page.getByTestId('export-register-xlsx').click();
  expect((await reg).suggestedFilename()).toMatch(/^registre-des-traitements-\d{4}-\d{2}-\d{2}\.xlsx$/);

  await page.getByTestId('pack-part-register').click();
  await page.getByTestId('pack-part-tia').click();
  const pack = page.waitForEvent('download');
  await page.getByTestId('export-cnil-pack').click();
  const p = await pack;
  expect(p.suggestedFilename()).toMatch(/^CNIL-.+-\d{4}-\d{2}-\d{2}\.zip$/);
  const bytes = new Uint8Array(readFileSync(await p.path()));
  expect(verifyPack(bytes)).toMatchObject({ ok: true, mismatches: [] });
  const names = Object.keys(unzipSync(bytes));
  expect(names.some((n) => n.startsWith('02-registre/'))).toBe(false);
  expect(names).toContain('contenu.txt');
  await shot(page, '71-reports-exports');
});

test('reports page (web harness): a slow export shows an indeterminate bar; cancel drops it and nothing is downloaded', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'rep-cancel.vigie'), passphrase: PASS, demo: true });
  await openPage(page, harness, 'reports');
  await expect(page.locator('[data-testid="charts"][data-state="ready"]')).toBeVisible();
  // Hold the pack's answer until the cancel was clicked, so the export is "long" whatever the machine.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route('**/api/invoke', async (route) => {
    if ((route.request().postDataJSON() as { method?: string }).method === 'reports.cnilPack') await gate;
    await route.continue();
  });
  let downloads = 0;
  page.on('download', () => downloads++);
  const answered = page.waitForResponse((res) => res.url().endsWith('/api/invoke') && (res.request().postDataJSON() as { method?: string }).method === 'reports.cnilPack');
  await page.getByTestId('export-cnil-pack').click();
  const progress = page.getByTestId('export-progress');
  await expect(progress).toBeVisible();
  // No step events in the harness: no step line, an indeterminate (full, striped) bar.
  await expect(page.getByTestId('export-step')).toHaveCount(0);
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await shot(page, '72-reports-export-progress');
  await page.getByTestId('export-cancel').click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('export-done')).toContainText('annulé');
  release();
  await answered;
  // Let the page handle the answer (two turns of its event loop) before counting downloads.
  await page.evaluate(() => new Promise<void>((r) => setTimeout(() => setTimeout(r, 0), 0)));
  // The late answer is dropped: no download, and the page is free for the next export.
  await expect(page.getByTestId('export-cnil-pack')).toBeEnabled();
  expect(downloads).toBe(0);
});
