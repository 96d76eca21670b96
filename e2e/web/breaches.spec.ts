import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, ready, shot, test, openPage } from './fixtures';

const PASS = 'violations phrase de passe';

test('record a breach, score it, decide to notify, generate the CNIL draft naming the missing fields', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'breach.vigie'), passphrase: PASS });
  await harness.session.workspace.updateProfile({ controller_name: 'ACME SAS', siren: '123456789', address: '1 rue de la Paix', postcode: '57000', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' });
  await openPage(page, harness, 'breaches');
  await ready(page, { page: 'breaches' });
  await expect(page.getByTestId('breach-empty')).toBeVisible();

  // The calculators stay reachable.
  await page.getByTestId('tab-calculators').click();
  await page.getByTestId('clock-aware').fill('2026-03-27T10:00');
  await page.getByTestId('clock-compute').click();
  await expect(page.getByTestId('clock-result')).toHaveAttribute('data-notify-by', '2026-03-30T11:00:00+02:00');
  await page.getByTestId('tab-breaches').click();

  // Record a breach: aware one hour ago, so the clock runs.
  await page.getByTestId('breach-new').click();
  await ready(page, { page: 'breaches' });
  await page.getByTestId('new-title').fill('Compte de messagerie compromis par hameçonnage');
  const awareLocal = await page.evaluate(() => {
    const d = new Date(Date.now() - 3_600_000);
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d).replace(' ', 'T');
  });
  await page.getByTestId('new-aware').fill(awareLocal);
  await page.getByTestId('new-description').fill('Un salarié a saisi ses identifiants sur une fausse page ; la boîte aux lettres a été consultée depuis l’étranger.');
  await page.getByTestId('new-nature-confidentiality').check();
  await shot(page, '59-breaches-new');
  await page.getByTestId('new-save').click();

  await expect(page.getByTestId('breach-page')).toHaveAttribute('data-reference', /^BR-\d{4}-001$/);
  await expect(page.getByTestId('breach-clock')).toHaveAttribute('data-running', 'true');
  await expect(page.getByTestId('breach-countdown')).toContainText(/Reste (2 j )?\d{2} h/);
  await shot(page, '50-breaches-record');

  // Score it (ENISA) with a justification.
  await page.getByTestId('tab-severity').click();
  await page.getByTestId('severity-ei').click();
  await page.getByRole('option', { name: /Importante/ }).click();
  await page.getByTestId('severity-malicious').check();
  await expect(page.getByTestId('severity-result')).toHaveAttribute('data-level', 'low');
  await page.getByTestId('severity-justification').fill('Coordonnées professionnelles (DPC 1), identification aisée (EI 0,75), acte malveillant.');
  await page.getByTestId('breach-save').click();
  await expect(page.getByTestId('breach-saved')).toBeVisible();
  await expect(page.getByTestId('severity-stored')).toContainText('SE = 1,25');
  await shot(page, '51-breaches-severity');

  // Decide to notify.
  await page.getByTestId('tab-decisions').click();
  await page.getByTestId('decision-authority-choice').getByText('Notifier', { exact: true }).click();
  await expect(page.getByTestId('decision-authority-by')).toHaveValue('Jeanne Dupont');
  await page.getByTestId('breach-save').click();
  await expect(page.getByTestId('breach-saved')).toBeVisible();
  await expect(page.getByTestId('breach-warning-notification-not-sent')).toBeVisible();
  await shot(page, '52-breaches-decision');

  // CNIL draft: text with the missing fields named.
  await page.getByTestId('tab-documents').click();
  await page.getByTestId('draft-generate').click();
  await expect(page.getByTestId('draft')).toHaveAttribute('data-kind', 'cnil');
  await expect(page.locator('[data-testid="draft-missing-field"][data-field="organisation.sector"]')).toBeVisible();
  await expect(page.locator('[data-testid="draft-missing-field"][data-field="data.peopleCount"]')).toBeVisible();
  await expect(page.locator('[data-testid="draft-missing-field"][data-field="contact.phone"]')).toBeVisible();
  await expect(page.locator('[data-testid="draft-missing-field"][data-field="about.nature"]')).toHaveCount(0);
  await expect(page.getByTestId('draft-text')).toContainText('[À COMPLÉTER : Secteur d\'activité]');
  await expect(page.getByTestId('draft-text')).toContainText('Perte de la confidentialité');
  await expect(page.getByTestId('draft-text')).toContainText('Négligeable (ENISA : SE = 1,25)');
  await shot(page, '53-breaches-cnil-draft');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('draft-docx').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^BR-\d{4}-001-projet-notification-cnil\.docx$/);
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(await download.path())))['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ');
  expect(xml).toContain('[À COMPLÉTER : Secteur d');
  expect(xml).toContain('ACME SAS');

  // Timeline and the list with its live countdown.
  await page.getByTestId('tab-timeline').click();
  await expect(page.locator('[data-testid="timeline-event"][data-kind="aware"]')).toBeVisible();
  await expect(page.locator('[data-testid="timeline-event"][data-kind="authorityDecision"]')).toBeVisible();
  await shot(page, '57-breaches-timeline');
  await page.getByTestId('breach-back').click();
  await expect(page.getByTestId('breach-row')).toHaveCount(1);
  await expect(page.getByTestId('breach-row-countdown')).toBeVisible();
  await expect(page.getByTestId('breach-summary-clocksRunning')).toContainText('1');
  await shot(page, '54-breaches-list');
});

test('processor case: the client controllers are suggested, told, and the notice to the controller replaces the CNIL draft; a late notification needs reasons', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'proc.vigie'), passphrase: PASS });
  const ws = harness.session.workspace;
  await ws.updateProfile({ controller_name: 'Hébergeur SAS', dpo_name: 'Paul Martin', dpo_email: 'dpo@hebergeur.fr' });
  const { RegisterService } = await import('../../src-main/services/register');
  const { BreachesService } = await import('../../src-main/services/breaches');
  const { id: act } = await new RegisterService(ws).create({ name: 'Hébergement de dossiers patients', role: 'processor', clientControllers: [{ name: 'Clinique du Lac' }] });
  const breaches = new BreachesService(ws);
  const proc = await breaches.create({ title: 'Rançongiciel sur un serveur d’hébergement', awareAt: '2026-06-10T14:15', nature: ['availability'], activityIds: [act] });
  const ctrl = await breaches.create({ title: 'Courriel envoyé au mauvais destinataire', awareAt: '2026-06-10T14:15', nature: ['confidentiality'] });

  await openPage(page, harness, `breaches/${proc.id}`);
  await expect(page.getByTestId('breach-processor')).toBeVisible();
  // Art. 33(2): no 72-hour authority clock; no contractual period recorded → "as soon as possible".
  await expect(page.getByTestId('breach-processor-duty')).toContainText('art. 33, § 2');
  await expect(page.getByTestId('breach-notify-asap')).toBeVisible();
  await expect(page.getByTestId('breach-warning-controllers-not-informed')).toBeVisible();
  await page.getByTestId('tab-decisions').click();
  await page.getByTestId('controllers-informed').getByRole('button', { name: 'Clinique du Lac' }).click();
  await page.getByTestId('breach-save').click();
  await expect(page.getByTestId('breach-saved')).toBeVisible();
  await expect(page.getByTestId('breach-clock-stopped')).toBeVisible();
  await shot(page, '55-breaches-processor');
  await page.getByTestId('tab-documents').click();
  await page.getByTestId('draft-generate').click();
  await expect(page.getByTestId('draft')).toHaveAttribute('data-kind', 'controller-notice');
  await expect(page.getByTestId('draft-text')).toContainText('art. 33(2)');

  // Controller's breach notified 4 days after awareness without reasons: refused with a clear message, nothing saved.
  await page.goto(`${harness.url}#/breaches/${ctrl.id}`);
  await ready(page, { page: 'breaches' });
  await page.getByTestId('tab-notifications').click();
  await page.getByTestId('notification-add').click();
  await page.getByTestId('notification-0-sent').fill('2026-06-14T10:00');
  await page.getByTestId('breach-save').click();
  await expect(page.getByTestId('error-alert')).toContainText('indiquez les motifs du retard (art. 33, § 1');
  expect((await breaches.get(ctrl.id)).breach.notifications).toHaveLength(0);
  await page.getByTestId('notification-0-delay').fill('Enquête interne nécessaire pour identifier les destinataires.');
  await page.getByTestId('notification-0-reference').fill('CNIL-2026-0042');
  await page.getByTestId('breach-save').click();
  await expect(page.getByTestId('breach-saved')).toBeVisible();
  await expect(page.getByTestId('breach-clock-stopped')).toContainText('Notifiée le');
  await shot(page, '56-breaches-late-notification');
});
