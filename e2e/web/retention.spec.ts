import { join } from 'node:path';
import { expect, ready, shot, test, openPage } from './fixtures';

const PASS = 'conservation phrase de passe';

test('the To-purge list of the demo: purge a closed case after confirmation, the case shows what was kept; a hold keeps one out', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'demo.vigie'), passphrase: PASS, demo: true });
  await openPage(page, harness, 'retention');
  await ready(page, { page: 'retention' });
  const rows = page.getByTestId('retention-due-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('[data-testid="retention-due-row"][data-rule="identity-document"]')).toHaveCount(1);
  const closed = page.locator('[data-testid="retention-due-row"][data-rule="request-closed"]');
  await expect(closed).toHaveCount(2);
  await shot(page, '70-retention-due');

  // Hold the second closed case (litigation): it stays listed, marked held, and cannot be ticked.
  await closed.nth(1).getByTestId('retention-hold').click();
  await page.getByTestId('retention-hold-reason').fill('Contentieux commercial en cours');
  await page.getByTestId('retention-confirm-hold').click();
  await expect(closed.nth(1).getByTestId('retention-held')).toBeVisible();

  // Purge the first one after the confirmation.
  const first = closed.first();
  const id = await first.getAttribute('data-id');
  await first.getByRole('checkbox').check();
  await page.getByTestId('retention-purge-selected').click();
  await expect(page.getByTestId('retention-confirm-purge')).toBeDisabled();
  await page.getByTestId('retention-reason').fill('Durée de conservation échue');
  await shot(page, '71-retention-confirm');
  await page.getByTestId('retention-confirm-purge').click();
  await expect(page.getByTestId('retention-done')).toBeVisible();
  await expect(closed).toHaveCount(1);

  // The case keeps its accountability record and says what happened.
  await page.getByRole('tab', { name: /Purges des systèmes/ }).click();
  await expect(page.locator('[data-testid="retention-schedule-row"][data-overdue="true"]').first()).toBeVisible();
  await shot(page, '72-retention-schedule');
  expect(id).toBeTruthy();
  await openPage(page, harness, `requests/${id}`);
  await ready(page, { page: 'requests' });
  await expect(page.getByTestId('case-purged')).toContainText('Conservé');
  await shot(page, '73-case-purged');
});
