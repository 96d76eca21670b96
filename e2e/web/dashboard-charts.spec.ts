import { join } from 'node:path';
import { expect, ready, shot, test, openPage } from './fixtures';

test('the dashboard shows the annual report’s figures as charts, and the Today list names the purges due', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'demo.vigie'), passphrase: 'tableau de bord phrase', demo: true });
  await openPage(page, harness, 'dashboard');
  await ready(page, { page: 'dashboard' });
  const charts = page.locator('[data-testid="dashboard-charts"] [data-testid="charts"][data-state="ready"]');
  await expect(charts).toBeVisible();
  await expect(charts.locator('svg, img').first()).toBeVisible();
  await expect(page.locator('[data-testid="today-item"][data-kind="retention-purge"]').first()).toBeAttached();
  await shot(page, '80-dashboard-charts');
  // The internal response target (7 days in the demo) has its own counter, a link to the filtered list.
  await expect(page.getByTestId('metric-target-missed')).toBeVisible();
  await page.getByTestId('metric-target-missed').click();
  await ready(page, { page: 'requests' });
  await expect(page).toHaveURL(/view=target-missed/);
});
