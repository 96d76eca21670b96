import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openPage, ready, shot, test } from './fixtures';

/** Text that must never reach a person: the router's English summary, zod's own wording, raw codes. */
const RAW = /Invalid input|Too (big|small)|expected string|invalid_[a-z]+|too_short|String must/;

test('a too-short passphrase is explained next to the field, in French then in English, and nothing is created', async ({ page, dataDir }) => {
  await ready(page, { screen: 'welcome' });
  const path = join(dataDir, 'court.vigie');
  await page.getByTestId('create-path').fill(path);
  await page.getByTestId('create-passphrase').fill('court');
  await page.getByTestId('create-confirm').fill('court');
  await page.getByTestId('create-submit').click();

  const field = page.getByTestId('create-passphrase');
  await expect(page.getByText('Saisissez au moins 8 caractères.')).toBeVisible();
  await expect(field).toHaveAttribute('data-invalid', 'true');
  // The message belongs to the field (Mantine links it with aria-describedby).
  const described = await field.getAttribute('aria-describedby');
  expect(described).toBeTruthy();
  await expect(page.locator(`[id="${described!.split(' ').find((id) => id.endsWith('-error'))}"]`)).toHaveText('Saisissez au moins 8 caractères.');
  await expect(page.getByTestId('create-card')).not.toContainText(RAW);
  await shot(page, 'errors-01-passphrase-fr');
  expect(existsSync(path)).toBe(false);

  await page.getByTestId('language-switch').getByText('EN').click();
  await page.getByTestId('create-submit').click();
  await expect(page.getByText('Enter at least 8 characters.')).toBeVisible();
  await expect(page.getByTestId('create-card')).not.toContainText(RAW);
  await expect(page.getByTestId('create-card')).not.toContainText('Saisissez');
  expect(existsSync(path)).toBe(false);
});

test('an invalid SIREN is explained next to the field in French and in English, and nothing is saved', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'siren.vigie'), passphrase: 'une phrase de passe solide' });
  await openPage(page, harness, 'settings');
  const before = (await harness.session.workspace.changeLogStats()).entries;

  await page.getByTestId('profile-siren').fill('12345');
  await page.getByTestId('profile-save').click();
  const field = page.getByTestId('profile-siren');
  await expect(page.getByText('Un numéro SIREN comporte 9 chiffres.')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('error-alert')).toHaveText('Certaines valeurs ne conviennent pas\u00a0: corrigez celles qui sont indiquées.');
  await expect(page.locator('[data-page="settings"]')).not.toContainText(RAW);
  await expect(page.locator('[data-page="settings"]')).not.toContainText('A SIREN number');
  await shot(page, 'errors-02-siren-fr');

  await page.getByTestId('language-switch').getByText('EN').click();
  await page.getByTestId('profile-save').click();
  await expect(page.getByText('A SIREN number has 9 digits.')).toBeVisible();
  await expect(page.getByTestId('error-alert')).toHaveText('Some values are not valid: correct the ones shown.');
  await expect(page.locator('[data-page="settings"]')).not.toContainText('Un numéro SIREN');
  await shot(page, 'errors-03-siren-en');

  expect((await harness.session.workspace.changeLogStats()).entries).toBe(before);
  expect((await harness.session.workspace.getProfile()).profile.siren).toBe('');

  // A valid SIREN clears the message and saves.
  await page.getByTestId('profile-siren').fill('552 100 554');
  await page.getByTestId('profile-save').click();
  await expect(page.getByText('A SIREN number has 9 digits.')).toBeHidden();
  await expect.poll(async () => (await harness.session.workspace.getProfile()).profile.siren).toBe('552100554');
});

test('the server answers an unknown jurisdiction with a field-issue code the renderer translates, not a sentence', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'server.vigie'), passphrase: 'une phrase de passe solide' });
  await openPage(page, harness, 'settings');
  // The server checks what the form checks (a stale list could offer an unknown code): sent raw here.
  const r = await page.evaluate(async () => {
    const res = await fetch('./api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('vigie.token')}` },
      body: JSON.stringify({ method: 'profile.update', input: { values: { jurisdiction: 'ZZ' } } }),
    });
    return res.json();
  });
  expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { issues: [{ path: ['values', 'jurisdiction'], code: 'invalid_jurisdiction' }] } } });
});

test('a breach known "in the future" is refused with a French sentence naming the field, and nothing is recorded', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'future.vigie'), passphrase: 'une phrase de passe solide' });
  await openPage(page, harness, 'breaches');
  await page.getByTestId('breach-new').click();
  await ready(page, { page: 'breaches' });
  await page.getByTestId('new-title').fill('Clé USB perdue');
  await page.getByTestId('new-aware').fill('2062-06-10T10:00');
  await page.getByTestId('new-nature-confidentiality').check();
  await page.getByTestId('new-save').click();
  const alert = page.getByTestId('error-alert');
  await expect(alert).toHaveAttribute('data-error-code', 'invalid_breach');
  await expect(alert).toContainText('La violation n’a pas été enregistrée\u00a0: corrigez les valeurs indiquées.');
  await expect(alert).toContainText('Prise de connaissance\u00a0: Cette date est dans le futur');
  await expect(alert).not.toContainText(RAW);
  await expect(alert).not.toContainText('in the future');
  await shot(page, 'errors-04-breach-future-fr');
  expect((await harness.session.workspace.changeLogStats()).entries).toBe(1);
});
