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
