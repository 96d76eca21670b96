import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { RequestsService } from '../../src-main/services/requests';
import { expect, ready, shot, test, openPage } from './fixtures';

const PASS = 'demandes phrase de passe';

test('create a case, see its deadlines, record a late extension, generate an acknowledgement letter', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'dsar.vigie'), passphrase: PASS });
  await harness.session.workspace.updateProfile({ controller_name: 'ACME SAS', address: '1 rue de la Paix', postcode: '57000', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' });
  await openPage(page, harness, 'requests');
  await ready(page, { page: 'requests' });
  await expect(page.getByTestId('dsar-empty')).toBeVisible();

  // New request.
  await page.getByTestId('dsar-new').click();
  await ready(page, { page: 'requests' });
  await page.getByTestId('new-requester').fill('Marie Martin');
  await page.getByTestId('new-email').fill('marie.martin@example.org');
  await page.getByTestId('new-right-access').check();
  await page.getByTestId('new-right-erasure').check();
  await page.getByTestId('new-received').fill('2026-03-05');
  await page.getByTestId('new-save').click();

  // The case page: deadlines from the engine, with "why this date?".
  await expect(page.getByTestId('case-page')).toHaveAttribute('data-reference', 'DSAR-2026-0001');
  await expect(page.getByTestId('case-deadline-oneMonth')).toHaveAttribute('data-date', '2026-04-07');
  await expect(page.getByTestId('case-deadline-extensionNoticeBy')).toHaveAttribute('data-date', '2026-04-07');
  await expect(page.getByTestId('case-deadline-threeMonths')).toHaveAttribute('data-date', '2026-06-05');
  await page.getByTestId('case-why').click();
  await expect(page.getByTestId('explanation').first()).toContainText('Lundi de Pâques');
  await shot(page, '20-requests-case');

  // The checklist of each right, in French: stored without its words, shown from the catalogue.
  const tasks = page.getByTestId('case-tasks');
  await expect(tasks).toContainText('Préparer la copie des données (format courant)');
  await expect(tasks).toContainText('Effacer les données (y compris sauvegardes selon la politique)');
  await expect(tasks).not.toContainText('Prepare the copy');
  const copy = tasks.locator('[data-task="access/copy"]');
  await copy.check();

  // Identity asked and received: the paused date is shown beside, labelled, the primary one does not move.
  await page.getByTestId('case-identity-requested').fill('2026-03-06');
  await page.getByTestId('case-identity-received').fill('2026-03-12');
  await page.getByTestId('case-save').click();
  await expect(page.getByTestId('case-paused')).toContainText('+6 jours');
  // The ticked task was saved with the case and still reads the same.
  await expect(copy).toBeChecked();
  await expect(tasks).toContainText('Préparer la copie des données (format courant)');
  await expect(page.getByTestId('case-deadline-oneMonth')).toHaveAttribute('data-date', '2026-04-07');

  // A late extension notice: warned, and the one-month deadline stays the due date.
  await page.getByTestId('case-extension-decided').fill('2026-03-30');
  await page.getByTestId('case-extension-reasons').fill('Données réparties dans cinq systèmes, dont des archives papier.');
  await page.getByTestId('case-extension-notified').fill('2026-04-10');
  await page.getByTestId('case-save').click();
  await expect(page.getByTestId('case-warning-extension-notice-late')).toContainText(/après la date limite du 7\s+avril\s+2026/);
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'overdue');
  await page.getByTestId('case-extension').scrollIntoViewIfNeeded();
  await shot(page, '21-requests-late-extension');

  // Acknowledgement letter (French): downloaded, mentions the requester and the deadline, kept in the timeline.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('letter-acknowledgement').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^DSAR-2026-0001-accuse-de-reception-\d{4}-\d{2}-\d{2}\.docx$/);
  // Typography: no-break spaces in dates, non-breaking hyphens in references — normalised to read the text.
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(await download.path())))['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-');
  expect(xml).toContain('Marie Martin');
  expect(xml).toContain('7 avril 2026');
  expect(xml).toContain('DSAR-2026-0001');
  await expect(page.getByTestId('case-attachment')).toHaveCount(1);
  await page.getByTestId('tab-timeline').click();
  await expect(page.locator('[data-testid="case-event"][data-kind="acknowledgement"]')).toBeVisible();
  await expect(page.locator('[data-testid="case-event"][data-kind="extension-notice"]')).toBeVisible();
  // A file kept in the case's correspondence.
  await page.getByTestId('event-summary').fill('Copie du mandat reçue par courrier');
  await page.locator('input[type="file"]').setInputFiles({ name: 'mandat.txt', mimeType: 'text/plain', buffer: Buffer.from('Mandat signé') });
  await page.getByTestId('event-add').click();
  await expect(page.getByTestId('case-event-attachment').filter({ hasText: 'mandat.txt' })).toBeVisible();
  await expect(page.getByTestId('case-attachment')).toHaveCount(2);
  await shot(page, '22-requests-timeline');

  // Back to the list: one case with its due date and status badge.
  await page.getByTestId('case-back').click();
  await ready(page, { page: 'requests' });
  await page.getByTestId('dsar-filter-status').getByText('Toutes').click();
  await expect(page.getByTestId('dsar-row')).toHaveCount(1);
  await expect(page.getByTestId('dsar-row')).toContainText('Marie Martin');
  await shot(page, '23-requests-list');
});

test('the case list and a case file in English, with a refusal letter naming the CNIL', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'dsar-en.vigie'), passphrase: PASS });
  const s = new RequestsService(harness.session.workspace);
  const created = await s.create({ requester: { name: 'John Smith' }, rights: ['erasure', 'objection'], objectionGround: 'marketing', channel: 'web', receivedOn: '2026-01-30' });
  const before = (await s.get(created.id)).case;
  // A task the DPO wrote keeps her words in either language.
  const tasks = [...before.tasks, { right: 'erasure' as const, id: 'backup-vendor', label: 'Demander l’effacement au prestataire de sauvegarde', done: false }];
  await s.update(created.id, { ...before, tasks, outcome: { result: 'refused', reasons: 'Manifestly excessive: fifth identical request in two months.' } });
  await openPage(page, harness, 'requests');
  await ready(page, { page: 'requests' });
  await page.getByTestId('language-switch').getByText('EN').click();
  await expect(page.getByTestId('dsar-row')).toContainText('John Smith');
  await shot(page, '24-requests-list-en');
  await page.getByTestId('dsar-row').click();
  await expect(page.getByTestId('case-page')).toHaveAttribute('data-reference', created.reference);
  // 30 Jan 2026 (T09): one month ends on Saturday 28 Feb → Monday 2 March; the prudent extended date (28 April) is shown.
  await expect(page.getByTestId('case-deadline-oneMonth')).toHaveAttribute('data-date', '2026-03-02');
  await expect(page.getByTestId('case-deadline-threeMonthsPrudent')).toHaveAttribute('data-date', '2026-04-28');
  // The standard tasks in English (the workspace's profile is French), the DPO's own task as she wrote it.
  const checklist = page.getByTestId('case-tasks');
  await expect(checklist).toContainText('Check the Art. 17(1) grounds and the Art. 17(3) exceptions');
  await expect(checklist).toContainText('Add the person to the suppression list');
  await expect(checklist).toContainText('Demander l’effacement au prestataire de sauvegarde');
  await expect(checklist).not.toContainText('Vérifier les motifs');
  await checklist.scrollIntoViewIfNeeded();
  await shot(page, '25b-requests-tasks-en');
  await page.getByTestId('letter-lang').getByText('EN').click();
  // This workspace's profile has no DPO or organisation name: the letter is refused with what is missing…
  await page.getByTestId('letter-refusal').click();
  await expect(page.getByTestId('letter-incomplete')).toContainText('name of the Data Protection Officer');
  // …and can be produced as a draft, marked DRAFT on every page.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('letter-draft').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-refusal-draft-\d{4}-\d{2}-\d{2}\.docx$/);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files).filter((n) => n.startsWith('word/header')).map((n) => strFromU8(files[n]!)).join('')).toContain('DRAFT');
  const xml = strFromU8(files['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ');
  expect(xml).toContain('3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France, www.cnil.fr');
  expect(xml).toContain('judicial remedy');
  await shot(page, '25-requests-case-en');
});

test('the calendar view shows the open deadlines of the demo and opens a case', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'demo.vigie'), passphrase: PASS, demo: true });
  await openPage(page, harness, 'requests');
  await ready(page, { page: 'requests' });
  const months: Array<Record<string, unknown>> = [];
  page.on('request', (req) => {
    if (!req.url().endsWith('/api/invoke')) return;
    const body = req.postDataJSON() as { method?: string; input?: Record<string, unknown> };
    if (body.method === 'requests.list' && body.input?.dueFrom) months.push(body.input);
  });
  await page.getByTestId('tab-calendar').click();
  await expect(page.getByTestId('dsar-calendar-item').first()).toBeVisible();
  // The calendar asks for the shown month only (its first to last day), then the next when moved.
  const shown = await page.getByTestId('dsar-calendar-month').getAttribute('data-month');
  expect(months[months.length - 1]).toMatchObject({ status: 'open', dueFrom: `${shown}-01`, limit: 1000 });
  expect(String(months[months.length - 1]!.dueTo)).toMatch(new RegExp(`^${shown}-(28|29|30|31)$`));
  await page.getByRole('button', { name: 'Mois suivant' }).click();
  await expect(page.getByTestId('dsar-calendar-month')).not.toHaveAttribute('data-month', shown!);
  const next = await page.getByTestId('dsar-calendar-month').getAttribute('data-month');
  await expect.poll(() => months.some((m) => m.dueFrom === `${next}-01`)).toBe(true);
  await page.getByRole('button', { name: 'Mois précédent' }).click();
  await expect(page.getByTestId('dsar-calendar-month')).toHaveAttribute('data-month', shown!);
  await expect(page.getByTestId('dsar-calendar-item').first()).toBeVisible();
  await shot(page, '26-requests-calendar');
  await page.getByTestId('dsar-calendar-item').first().click();
  await expect(page.getByTestId('case-page')).toHaveAttribute('data-reference', /^DSAR-\d{4}-\d{4}$/);
});

test('a workspace of 260 requests: pages load as the list scrolls, filters and search run on the server and change the total, the keyboard moves and opens', async ({ page, harness, dataDir }) => {
  test.setTimeout(240_000);
  await harness.session.create({ path: join(dataDir, 'many.vigie'), passphrase: PASS });
  // Created through the HTTP API, as the page itself would.
  const api = async (method: string, input: unknown) => {
    const res = await fetch(`${harness.origin}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${harness.token}` }, body: JSON.stringify({ method, input }) });
    const r = (await res.json()) as { ok: boolean; value?: { reference: string }; error?: unknown };
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value!;
  };
  const TOTAL = 260;
  for (let i = 0; i < TOTAL; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 9) + 1).padStart(2, '0');
    // Every 10th requester is a Dupont (search), every 4th asks for erasure (filter by right).
    const name = i % 10 === 0 ? `Hélène Dupont ${i}` : `Personne ${i}`;
    await api('requests.create', { case: { requester: { name }, rights: [i % 4 === 0 ? 'erasure' : 'access'], channel: 'email', receivedOn: `2026-${month}-${day}` } });
  }
  // Every list read the page makes, with its answer's size: none may ask for everything.
  const reads: Array<{ input: Record<string, unknown>; items: number }> = [];
  page.on('response', async (res) => {
    if (!res.url().endsWith('/api/invoke')) return;
    const body = res.request().postDataJSON() as { method?: string; input?: Record<string, unknown> };
    if (body.method !== 'requests.list') return;
    const out = (await res.json().catch(() => null)) as { value?: { items: unknown[] } } | null;
    reads.push({ input: body.input ?? {}, items: out?.value?.items.length ?? -1 });
  });

  await openPage(page, harness, 'requests');
  await page.getByTestId('dsar-filter-status').getByText(/Toutes/).click();
  const total = page.getByTestId('dsar-total');
  await expect(total).toHaveAttribute('data-total', String(TOTAL));
  await expect(total).toContainText('260 demandes');
  await shot(page, '27-requests-paged');
  const scroll = page.getByTestId('dsar-scroll');
  // One page of 100 is loaded, and only the visible rows are in the page.
  await expect(scroll).toHaveAttribute('data-count', '100');
  expect(await page.getByTestId('dsar-row').count()).toBeLessThan(80);

  // Scrolling to the end asks for the following pages until every case is there.
  for (const loaded of ['200', String(TOTAL)]) {
    await scroll.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(scroll).toHaveAttribute('data-count', loaded);
  }
  // The list's height grows when the last page arrives, and the virtual list renders the rows in view
  // on the next frame: scroll to the end until the last case is the last row shown.
  const lastRow = page.getByTestId('dsar-row').last();
  await expect(async () => {
    await scroll.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(lastRow).toBeVisible();
    expect(Number(await lastRow.getAttribute('data-index'))).toBe(TOTAL - 1);
  }).toPass();
  await expect(page.getByTestId('dsar-loading-more')).toHaveCount(0);
  expect(await page.getByTestId('dsar-row').count()).toBeLessThan(80);
  // Rows after the first pages are cases of their own (no repeats): references on screen are distinct.
  const shownRefs = await page.getByTestId('dsar-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-reference')));
  expect(new Set(shownRefs).size).toBe(shownRefs.length);

  // Search and filters go to the server and change the total.
  await page.getByTestId('dsar-search').fill('helene dupont');
  await expect(total).toHaveAttribute('data-total', String(TOTAL / 10));
  await expect(page.getByTestId('dsar-row').first()).toContainText('Hélène Dupont');
  await page.getByTestId('dsar-search').fill('');
  await expect(total).toHaveAttribute('data-total', String(TOTAL));
  await page.getByTestId('dsar-filter-right').click();
  await page.getByRole('option', { name: 'Droit à l’effacement' }).click();
  await expect(total).toHaveAttribute('data-total', String(TOTAL / 4));
  await page.getByTestId('dsar-filter-status').getByText('Clôturées').click();
  await expect(total).toHaveAttribute('data-total', '0');
  await expect(page.getByTestId('dsar-empty')).toBeVisible();

  // Every read asked for one page with the filters; none for the whole list, none sorted or filtered in the page.
  expect(reads.length).toBeGreaterThanOrEqual(6);
  for (const r of reads) {
    expect(r.input.limit, JSON.stringify(r.input)).toBe(100);
    expect(r.items).toBeLessThanOrEqual(100);
  }
  expect(reads.some((r) => r.input.text === 'helene dupont')).toBe(true);
  expect(reads.some((r) => r.input.right === 'erasure' && r.input.status === 'closed')).toBe(true);
  expect(reads.some((r) => typeof r.input.cursor === 'string')).toBe(true);

  // Keyboard (on the erasure requests): arrows move between rows, Enter opens the case.
  await page.getByTestId('dsar-filter-status').getByText(/Toutes/).click();
  await expect(total).toHaveAttribute('data-total', String(TOTAL / 4));
  // One Tab stop: only the active row is in the tab order (the first, until another takes focus).
  await page.getByTestId('dsar-scroll').scrollIntoViewIfNeeded();
  const first = page.locator('[data-testid="dsar-row"][data-index="0"]');
  await expect(first).toHaveAttribute('tabindex', '0');
  await expect(page.locator('[data-testid="dsar-row"][data-index="1"]')).toHaveAttribute('tabindex', '-1');
  await first.focus();
  await page.keyboard.press('ArrowDown');
  const second = page.locator('[data-testid="dsar-row"][data-index="1"]');
  await expect(second).toBeFocused();
  const ref = await second.getAttribute('data-reference');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-page')).toHaveAttribute('data-reference', ref!);
});
