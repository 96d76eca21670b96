import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { BreachesService } from '../../src-main/services/breaches';
import { RequestsService } from '../../src-main/services/requests';
import type { Harness } from '../../src-main/web-harness';
import { expect, openPage, ready, test } from './fixtures';

const PASS = 'journee du delegue';

/** Local wall time in Paris, `hoursAgo` hours before now (a breach's aware-at). */
function parisWallTime(hoursAgo: number): string {
  const d = new Date(Date.now() - hoursAgo * 3_600_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d).replace(' ', 'T');
}
function parisDay(daysAgo: number): string {
  return parisWallTime(daysAgo * 24).slice(0, 10);
}

/** A workspace with an overdue breach notification, a running clock, an overdue request and a recent one. */
async function seed(harness: Harness, dataDir: string) {
  await harness.session.create({ path: join(dataDir, 'daily.vigie'), passphrase: PASS });
  const ws = harness.session.workspace;
  await ws.updateProfile({ controller_name: 'ACME SAS', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' });
  const breaches = new BreachesService(ws);
  const running = await breaches.create({ title: 'Courriel envoyé au mauvais destinataire', awareAt: parisWallTime(2) });
  const overdue = await breaches.create({ title: 'Ordinateur portable volé dans un train', awareAt: parisWallTime(24 * 5) });
  const requests = new RequestsService(ws);
  const late = await requests.create({ requester: { name: 'Élodie Marchand' }, rights: ['access'], channel: 'email', receivedOn: parisDay(45) });
  const recent = await requests.create({ requester: { name: 'Paul Durand' }, rights: ['erasure'], channel: 'letter', receivedOn: parisDay(2) });
  return { running, overdue, late, recent };
}

async function dashboard(page: Page, harness: Harness) {
  await openPage(page, harness, 'dashboard');
  await expect(page.getByTestId('today')).toHaveAttribute('data-count', /\d+/);
}

test('the Today list puts the overdue breach first, in red, and links to it; a counter opens the filtered list', async ({ page, harness, dataDir }) => {
  const s = await seed(harness, dataDir);
  await dashboard(page, harness);
  const items = page.getByTestId('today-item');
  await expect(items.first()).toHaveAttribute('data-kind', 'breach-notification-overdue');
  await expect(items.first()).toHaveAttribute('data-reference', s.overdue.reference);
  await expect(items.first()).toHaveAttribute('data-urgency', 'overdue');
  // Overdue items come before every other one; the running clock and the overdue request are listed too.
  const urgencies = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-urgency')));
  const firstOther = urgencies.findIndex((u) => u !== 'overdue');
  expect(urgencies.slice(firstOther).includes('overdue')).toBe(false);
  await expect(page.locator('[data-testid="today-item"][data-kind="request-overdue"]')).toHaveAttribute('data-reference', s.late.reference);
  await expect(page.locator('[data-testid="today-item"][data-kind="breach-clock"]')).toHaveAttribute('data-reference', s.running.reference);
  // Red: the link's colour is Mantine's red.
  await expect(items.first().getByTestId('today-link')).toHaveCSS('color', /^rgb\(2\d\d, \d{1,2}, \d{1,2}\)$/);
  await page.screenshot({ path: '/tmp/vigie-daily-today-fr.png', fullPage: true });
  // The overdue count filters the list to its items.
  await page.getByTestId('today-count-overdue').click();
  await expect(items).toHaveCount(urgencies.filter((u) => u === 'overdue').length);
  await page.getByTestId('today-count-overdue').click();
  await expect(items).toHaveCount(urgencies.length);

  await items.first().getByTestId('today-link').click();
  await ready(page, { page: 'breaches' });
  await expect(page.getByTestId('breach-page')).toHaveAttribute('data-reference', s.overdue.reference);

  // A dashboard counter opens the list filtered to what it counts.
  await dashboard(page, harness);
  await expect(page.getByTestId('metric-overdue')).toContainText('1');
  await page.getByTestId('metric-overdue').click();
  await ready(page, { page: 'requests' });
  expect(page.url()).toContain('#/requests?view=overdue');
  await expect(page.getByTestId('dsar-row')).toHaveCount(1);
  await expect(page.getByTestId('dsar-row').first()).toContainText('Élodie Marchand');

  await dashboard(page, harness);
  await page.getByTestId('metric-clocks').click();
  await ready(page, { page: 'breaches' });
  expect(page.url()).toContain('view=clocks');
  await expect(page.getByTestId('breach-row')).toHaveCount(2);
  await page.getByTestId('breach-filter-view').getByText('Notifications en retard').click();
  await expect(page.getByTestId('breach-row')).toHaveCount(1);
  await expect(page.getByTestId('breach-row').first()).toHaveAttribute('data-reference', s.overdue.reference);
  // Text search in the breaches list.
  await page.getByTestId('breach-filter-view').getByText('Toutes').click();
  await page.getByTestId('breach-search').fill('ordinateur');
  await expect(page.getByTestId('breach-row')).toHaveCount(1);
});

test('Ctrl+K finds a case by its requester and opens it; commands run from the same box', async ({ page, harness, dataDir }) => {
  const s = await seed(harness, dataDir);
  await dashboard(page, harness);
  await page.keyboard.press('Control+K');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  await input.fill('marchand');
  const hit = page.locator('[data-testid="palette-hit"][data-area="requests"]');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText(s.late.reference);
  await expect(hit).toContainText('Élodie Marchand');
  await page.screenshot({ path: '/tmp/vigie-daily-palette-fr.png' });
  await page.keyboard.press('Enter');
  await ready(page, { page: 'requests' });
  expect(page.url()).toContain(`#/requests/${s.late.id}`);
  await expect(page.getByTestId('case-deadlines')).toBeVisible();

  // Accents and case do not matter; a breach by its reference.
  await page.keyboard.press('Control+K');
  await page.getByTestId('palette-input').fill(s.overdue.reference.toLowerCase());
  await page.locator('[data-testid="palette-hit"][data-area="breaches"]').click();
  await expect(page.getByTestId('breach-page')).toHaveAttribute('data-reference', s.overdue.reference);

  // A command: new breach.
  await page.keyboard.press('Control+K');
  await page.getByTestId('palette-input').fill('nouvelle viol');
  await page.locator('[data-testid="palette-command"][data-command="new-breach"]').click();
  await ready(page, { page: 'breaches' });
  expect(page.url()).toContain('#/breaches/new');
});

test('leaving an edited form asks: stay keeps the text, save saves it, discard drops it; fields stop at their limit', async ({ page, harness, dataDir }) => {
  const s = await seed(harness, dataDir);
  await openPage(page, harness, `breaches/${s.running.id}`);
  const title = page.getByTestId('breach-title');
  await expect(title).toHaveAttribute('maxlength', '200');
  await title.fill('Courriel envoyé au mauvais destinataire (liste RH)');
  await expect(page.getByTestId('save-bar')).toHaveAttribute('data-dirty', 'true');

  // Stay: the question closes, the edit is still there.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('leave-question')).toBeVisible();
  await page.screenshot({ path: '/tmp/vigie-daily-leave-fr.png' });
  await page.getByTestId('leave-stay').click();
  await expect(page.getByTestId('leave-question')).toBeHidden();
  await expect(title).toHaveValue('Courriel envoyé au mauvais destinataire (liste RH)');
  expect(page.url()).toContain(`#/breaches/${s.running.id}`);

  // The browser's back button asks too.
  await page.goBack();
  await expect(page.getByTestId('leave-question')).toBeVisible();
  // Save and leave: the record is saved, then the page changes.
  await page.getByTestId('leave-save').click();
  await ready(page, { page: 'dashboard' });
  const saved = await new BreachesService(harness.session.workspace).get(s.running.id);
  expect(saved.breach.title).toBe('Courriel envoyé au mauvais destinataire (liste RH)');

  // Discard on a case file: the change is dropped.
  await openPage(page, harness, `requests/${s.recent.id}`);
  await page.getByTestId('case-extension-reasons').waitFor();
  const name = page.locator('input[data-maxlength="200"]').first();
  await name.fill('Paul Durand-Martin');
  await page.getByTestId('nav-register').click();
  await expect(page.getByTestId('leave-question')).toBeVisible();
  await page.getByTestId('leave-discard').click();
  await ready(page, { page: 'register' });
  const kept = await new RequestsService(harness.session.workspace).get(s.recent.id);
  expect(kept.case.requester.name).toBe('Paul Durand');

  // A new activity: the name stops at 200 characters and shows its counter near the limit.
  await page.getByTestId('register-new').click();
  await ready(page, { page: 'register' });
  const activity = page.getByTestId('activity-name');
  await activity.fill('x'.repeat(250));
  await expect(activity).toHaveValue('x'.repeat(200));
  await expect(page.getByTestId('char-count')).toHaveText('200 / 200');
  // Long editors have a section index that scrolls to the section.
  expect(await page.getByTestId('section-link').count()).toBeGreaterThanOrEqual(5);
  await page.getByTestId('section-link').last().click();
  await expect(page.getByTestId('section-link').last()).toHaveAttribute('data-active', 'true');
  await page.screenshot({ path: '/tmp/vigie-daily-activity-fr.png' });
  // The title stays within two lines however long the name.
  const box = await page.getByTestId('page-title').boundingBox();
  expect(box!.height).toBeLessThan(90);
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('leave-question')).toBeVisible();
  await page.getByTestId('leave-discard').click();
  await ready(page, { page: 'dashboard' });
});

/** Labels of buttons, badges and segmented controls cut by an ellipsis (scrollWidth beyond the box). */
async function truncatedLabels(page: Page): Promise<string[]> {
  return page
    .locator('.mantine-Button-label, .mantine-Badge-label, .mantine-SegmentedControl-label, .mantine-Tabs-tabLabel, .mantine-NavLink-label')
    .evaluateAll((els) =>
      els
        .filter((e) => (e as unknown as { offsetParent: unknown }).offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${(e.textContent ?? '').trim()} (${e.scrollWidth} > ${e.clientWidth})`),
    );
}

test('at 1024×768 the lists and the dashboard show every button in full, in French and in English', async ({ page, harness, dataDir }) => {
  const s = await seed(harness, dataDir);
  await page.setViewportSize({ width: 1024, height: 768 });
  const cut: string[] = [];
  for (const lang of ['fr', 'en'] as const) {
    await page.evaluate((l) => localStorage.setItem('vigie.language', l), lang);
    for (const route of ['requests', 'breaches', 'vendors', 'register', 'dashboard', `requests/${s.late.id}`, `breaches/${s.overdue.id}`]) {
      await openPage(page, harness, route);
      if (route === 'requests') await expect(page.getByTestId('dsar-row').first()).toBeVisible();
      if (route === 'dashboard') await expect(page.getByTestId('today-item').first()).toBeVisible();
      if (route.startsWith('requests/')) await expect(page.getByTestId('case-deadlines')).toBeVisible();
      if (route.startsWith('breaches/')) await expect(page.getByTestId('breach-clock')).toBeVisible();
      await page.screenshot({ path: `/tmp/vigie-1024-${lang}-${route.replace('/', '-').slice(0, 20)}.png` });
      cut.push(...(await truncatedLabels(page)).map((l) => `${lang} ${route}: ${l}`));
      // No table wider than its frame (clipped columns behind a horizontal scroll).
      const wide = await page.locator('.mantine-Table-scrollContainer, [data-testid="dsar-scroll"]').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.scrollWidth} > ${e.clientWidth}`));
      cut.push(...wide.map((w) => `${lang} ${route}: table ${w}`));
    }
  }
  expect(cut).toEqual([]);
  // The requests list's own buttons, one by one (the new-request button was « Nouvelle dem… »).
  await openPage(page, harness, 'requests');
  for (const id of ['dsar-new', 'dsar-ics']) {
    const fits = await page.getByTestId(id).evaluate((e) => [...e.querySelectorAll('*'), e].every((x) => x.scrollWidth <= x.clientWidth + 1));
    expect(fits, id).toBe(true);
  }
});

test('Today pages a long list: « Show all » loads the following pages until every action is reached once; a count badge pages its own items', async ({ page, harness, dataDir }) => {
  const s = await seed(harness, dataDir);
  const requests = new RequestsService(harness.session.workspace);
  // 75 more overdue cases: with the seed's, more than one page of 50.
  for (let i = 0; i < 75; i++) await requests.create({ requester: { name: `Demandeur ${String(i).padStart(2, '0')}` }, rights: ['access'], channel: 'email', receivedOn: parisDay(40 + (i % 20)) });
  for (const lang of ['fr', 'en'] as const) {
    await page.evaluate((l) => localStorage.setItem('vigie.language', l), lang);
    await dashboard(page, harness);
    const today = page.getByTestId('today');
    const total = Number(await today.getAttribute('data-count'));
    expect(total).toBeGreaterThan(75);
    const items = page.getByTestId('today-item');
    await expect(items).toHaveCount(10);
    await expect(items.first()).toHaveAttribute('data-reference', s.overdue.reference);
    await page.screenshot({ path: `/tmp/vigie-today-paged-${lang}.png`, fullPage: true });
    await page.getByTestId('today-more').click();
    // The next pages load as « Show more » scrolls into view (or on a click) until none is left.
    await expect(async () => {
      if (await page.getByTestId('today-load-more').isVisible()) await page.getByTestId('today-load-more').click();
      await expect(items).toHaveCount(total, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByTestId('today-load-more')).toHaveCount(0);
    const keys = await items.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')} ${e.getAttribute('data-reference')}`));
    expect(new Set(keys).size).toBe(total);
    const urgencies = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-urgency')));
    const firstOther = urgencies.findIndex((u) => u !== 'overdue');
    expect(urgencies.slice(firstOther).includes('overdue')).toBe(false);
    await expect(page.getByTestId('today-shown')).toContainText(String(total));
    await page.screenshot({ path: `/tmp/vigie-today-all-${lang}.png` });
    // The overdue badge: its count, every one of its items (paged by the main process as well).
    const overdue = urgencies.filter((u) => u === 'overdue').length;
    await page.getByTestId('today-count-overdue').click();
    await expect(today).toHaveAttribute('data-count', String(overdue));
    await expect(async () => {
      if (await page.getByTestId('today-load-more').isVisible()) await page.getByTestId('today-load-more').click();
      await expect(items).toHaveCount(overdue, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    expect(await items.evaluateAll((els) => els.every((e) => e.getAttribute('data-urgency') === 'overdue'))).toBe(true);
    await page.getByTestId('today-count-overdue').click();
  }
});
