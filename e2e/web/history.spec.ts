import { join } from 'node:path';
import { BreachesService } from '../../src-main/services/breaches';
import { RequestsService } from '../../src-main/services/requests';
import { expect, openPage, shot, test } from './fixtures';

test('a breach’s history reads in French: labels, words and local times, no column name nor ISO stamp', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'history.vigie'), passphrase: 'historique phrase de passe' });
  await harness.session.workspace.updateProfile({ time_zone: 'Europe/Paris', dpo_name: 'Jeanne Dupont' });
  const breaches = new BreachesService(harness.session.workspace);
  // Aware at 10:00 in Paris (08:00 UTC): the history shows the Paris time.
  const { id } = await breaches.create({ title: 'Ordinateur portable volé', awareAt: '2026-09-08T10:00', nature: ['confidentiality'] });
  const { breach } = await breaches.get(id);
  await breaches.update(id, { ...breach, peopleCount: 1200, decisions: { ...breach.decisions, authority: { decision: 'notify', reason: '', decidedBy: 'Jeanne Dupont', decidedAt: '2026-09-08T09:30:00Z' } } });

  await openPage(page, harness, `breaches/${id}`);
  await page.getByTestId('tab-history').click();
  const table = page.getByTestId('history-table');
  await expect(table.getByTestId('history-row')).toHaveCount(2);
  const update = table.locator('[data-testid="history-row"][data-op="update"]');
  await expect(update).toContainText('Violation de données');
  await expect(update).toContainText('modifiée');
  // The decision is one key of the record (migration 0009 logs only the keys that changed), shown with its own label.
  await expect(update).toContainText('Notifier la CNIL (art. 33)\u00A0: Notifier');
  await expect(update).toContainText('Nombre approximatif de personnes\u00A0: 1\u202F200');
  const created = table.locator('[data-testid="history-row"][data-op="insert"]');
  await expect(created).toContainText('créée');
  await expect(created).toContainText('Prise de connaissance\u00A0: 8\u00A0sept.\u00A02026, 10\u00A0h\u00A000');
  await expect(table.getByTestId('history-at').first()).toHaveText(/^\d{1,2}(er)?\u00A0\S+\u00A0\d{4}, \d{1,2}\u00A0h\u00A0\d{2}$/);

  const text = await table.innerText();
  expect(text).not.toMatch(/authority_decision|aware_at|severity_level|peopleCount/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text).not.toMatch(/\bnotify\b/);
  await shot(page, '70-history-breach');
});

test('the timeline sentence Vigie stored in French reads in English in the English UI', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'timeline.vigie'), passphrase: 'historique phrase de passe' });
  const c = await new RequestsService(harness.session.workspace).create({ requester: { name: 'Camille Martin' }, rights: ['access'], channel: 'email', receivedOn: '2026-11-20' });
  const { events } = await new RequestsService(harness.session.workspace).get(c.id);
  expect(events.map((e) => e.summary)).toEqual(['Demande reçue par courriel']);

  await page.evaluate(() => localStorage.setItem('vigie.language', 'en'));
  await openPage(page, harness, `requests/${c.id}`);
  await page.getByTestId('tab-timeline').click();
  await expect(page.getByTestId('case-event-summary')).toHaveText('Request received by e-mail');
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-table')).toContainText('Rights exercised: Right of access');
  await expect(page.getByTestId('history-table')).not.toContainText('requester_name');
});
