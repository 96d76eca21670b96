import { join } from 'node:path';
import { ROOT, expect, ready, shot, test, openPage } from './fixtures';

const PASS = 'registre phrase de passe';

test('create an activity and watch its completeness rise', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'reg.vigie'), passphrase: PASS });
  await openPage(page, harness, 'register');
  await ready(page, { page: 'register' });
  await expect(page.getByTestId('register-empty')).toBeVisible();
  await page.getByTestId('register-new').click();
  await ready(page, { page: 'register' });

  const score = page.getByTestId('completeness-panel');
  await page.getByTestId('activity-name').fill('Gestion des candidatures');
  await expect(score).not.toHaveAttribute('data-score', '0');
  const s1 = Number(await score.getAttribute('data-score'));

  await page.getByTestId('purpose-0-description').fill('Sélectionner les candidats');
  await page.getByTestId('purpose-0-basis').click();
  await page.getByRole('option', { name: /art. 6, § 1, b\)/ }).first().click();
  await expect.poll(async () => Number(await score.getAttribute('data-score'))).toBeGreaterThan(s1);
  const s2 = Number(await score.getAttribute('data-score'));

  await page.getByTestId('add-category').click();
  await page.getByTestId('category-0-label').fill('CV et lettre de motivation');
  await page.getByTestId('category-0-retention').check();
  await page.getByTestId('security-encryption-at-rest').check();
  await expect.poll(async () => Number(await score.getAttribute('data-score'))).toBeGreaterThan(s2);
  await expect(page.getByTestId('completeness-issue').first()).toBeVisible();
  await shot(page, '10-register-editor');

  await page.getByTestId('activity-save').click();
  await expect(page.getByTestId('tab-history')).toBeVisible();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-table')).toContainText('Gestion des candidatures');
  await openPage(page, harness, 'register');
  await ready(page, { page: 'register' });
  await expect(page.getByTestId('register-row')).toHaveCount(1);
  await expect(page.getByTestId('register-row')).toContainText('T-001');

  // Trash and restore.
  await page.getByTestId('register-row').click();
  await page.getByTestId('activity-trash').click();
  await ready(page, { page: 'register' });
  await expect(page.getByTestId('register-empty')).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await ready(page, { page: 'settings' });
  await page.getByTestId('tab-trash').click();
  await expect(page.getByTestId('trash-table')).toContainText('T-001 — Gestion des candidatures');
  await shot(page, '15-trash');
  await page.getByTestId('trash-table').getByRole('button').click();
  await expect(page.getByTestId('trash-empty')).toBeVisible();
  await page.getByTestId('nav-register').click();
  await expect(page.getByTestId('register-row')).toHaveCount(1);
});

test('import a CNIL-style CSV with one bad row: see the row error, import nothing until confirmed', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'imp.vigie'), passphrase: PASS });
  await openPage(page, harness, 'register');
  await ready(page, { page: 'register' });
  await page.getByTestId('register-import').click();
  await page.locator('input[type="file"]').setInputFiles(join(ROOT, 'src-main/export/fixtures/registre-cnil.csv'));
  await expect(page.getByTestId('import-valid')).toContainText('3');
  await expect(page.getByTestId('import-invalid')).toContainText('1');
  await expect(page.getByTestId('import-error')).toHaveText(/Ligne 7, colonne « Base légale » : « consentement\? » n'est pas une base légale reconnue/);
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await shot(page, '11-register-import-errors');
  // Nothing was written by the preview.
  expect((await harness.session.workspace.changeLogStats()).entries).toBe(1);
  await page.getByTestId('import-skip-invalid').click();
  await expect(page.getByTestId('register-row')).toHaveCount(3);
  await expect(page.getByTestId('register-table')).toContainText('Prospection B2B');
});

test('open the demo workspace and see its register', async ({ page }) => {
  await ready(page, { screen: 'welcome' });
  await page.getByTestId('open-demo').click();
  await ready(page, { screen: 'shell' });
  await page.getByTestId('nav-register').click();
  await ready(page, { page: 'register' });
  await expect(page.getByTestId('register-row')).toHaveCount(14);
  await expect(page.getByTestId('register-table')).toContainText('Recrutement des candidats');
  await expect(page.getByTestId('register-table')).toContainText('Fonctionnalités d');
  await shot(page, '12-register-demo');
  await page.getByTestId('register-row').first().click();
  await expect(page.getByTestId('completeness-panel')).toHaveAttribute('data-score', '100');
  // The demo's processors are links to vendor records (no free-text name left to link).
  await expect(page.getByText('Ouvrir la fiche').first()).toBeVisible();
  await expect(page.getByTestId('processor-not-linked')).toHaveCount(0);
  await shot(page, '13-register-demo-activity');
  await page.getByTestId('nav-dashboard').click();
  await ready(page, { page: 'dashboard' });
  // The demo also holds a year of rights requests, vendors and breaches: the dashboard shows what is due.
  await expect(page.getByTestId('metric-overdue')).toContainText('1');
  await expect(page.getByTestId('card-vendors')).toContainText('Prestataires');
  await expect(page.getByTestId('card-breaches')).toBeVisible();
  await shot(page, '14-dashboard-demo');
});

test('a register of 130 activities comes in pages of 100: the rest loads at the end of the table, search goes to the server', async ({ page, harness, dataDir }) => {
  test.setTimeout(180_000);
  await harness.session.create({ path: join(dataDir, 'big-register.vigie'), passphrase: 'registre phrase de passe' });
  const api = async (method: string, input: unknown) => {
    const res = await fetch(`${harness.origin}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${harness.token}` }, body: JSON.stringify({ method, input }) });
    const r = (await res.json()) as { ok: boolean; error?: unknown };
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  };
  for (let i = 0; i < 130; i++) await api('register.create', { activity: { name: i % 13 === 0 ? `Télésurveillance du site ${i}` : `Traitement ${i}` } });
  const reads: Array<Record<string, unknown>> = [];
  page.on('request', (req) => {
    if (!req.url().endsWith('/api/invoke')) return;
    const body = req.postDataJSON() as { method?: string; input?: Record<string, unknown> };
    if (body.method === 'register.list') reads.push(body.input ?? {});
  });
  await openPage(page, harness, 'register');
  const table = page.getByTestId('register-table');
  await expect(table).toHaveAttribute('data-total', '130');
  await expect(table).toHaveAttribute('data-count', '100');
  await expect(page.getByTestId('register-counts')).toContainText('130');
  await page.getByTestId('register-more').scrollIntoViewIfNeeded();
  await shot(page, '15-register-paged');
  await expect(table).toHaveAttribute('data-count', '130');
  await expect(page.getByTestId('register-more')).toHaveCount(0);
  await expect(page.getByTestId('register-row').last()).toContainText('T-130');
  // Accents and case aside, on the server: the total follows.
  await page.getByTestId('register-search').fill('telesurveillance');
  await expect(table).toHaveAttribute('data-total', '10');
  await expect(page.getByTestId('register-row')).toHaveCount(10);
  expect(reads.every((r) => r.limit === 100)).toBe(true);
  expect(reads.some((r) => r.text === 'telesurveillance')).toBe(true);

  // A case's activity picker asks the server as the DPO types, and never for the whole register.
  const res = await fetch(`${harness.origin}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${harness.token}` }, body: JSON.stringify({ method: 'requests.create', input: { case: { requester: { name: 'Paul Henri' }, rights: ['access'], channel: 'email', receivedOn: '2026-03-02' } } }) });
  const created = ((await res.json()) as { value: { id: string } }).value;
  reads.length = 0;
  await openPage(page, harness, `requests/${created.id}`);
  const picker = page.getByTestId('case-activities');
  await picker.click();
  await picker.fill('SITE 117');
  await expect(page.getByRole('option', { name: /Télésurveillance du site 117/ })).toBeVisible();
  await page.getByRole('option', { name: /Télésurveillance du site 117/ }).click();
  await expect(page.getByTestId('case-activities').locator('..').locator('..')).toContainText('Télésurveillance du site 117');
  expect(reads.length).toBeGreaterThan(0);
  expect(reads.every((r) => typeof r.limit === 'number' && r.limit <= 100)).toBe(true);
  expect(reads.some((r) => r.text === 'SITE 117')).toBe(true);
});
