import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openPage, SCREENSHOTS, test } from './fixtures';
import type { Harness } from '../../src-main/web-harness';
import { BreachesService } from '../../src-main/services/breaches';
import { RequestsService } from '../../src-main/services/requests';
import { VendorsService } from '../../src-main/services/vendors';
import { SyncService } from '../../src-main/services/sync';
import { Workspace } from '../../src-main/services/workspace';

const PASS = 'partage phrase de passe';

async function view(page: Page, harness: Harness, lang: 'fr' | 'en', scheme: 'light' | 'dark') {
  await page.evaluate(
    ([l, s]) => {
      localStorage.setItem('vigie.language', l);
      localStorage.setItem('vigie.color-scheme', s);
    },
    [lang, scheme] as const,
  );
  await openPage(page, harness, 'sync');
}

test('Sync page: set a folder, become the founding member, approve a colleague, see a concurrent edit and keep theirs', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'equipe.vigie'), passphrase: PASS, controllerName: 'Équipe SAS' });
  mkdirSync(join(dataDir, 'partage'));
  await openPage(page, harness, 'sync');
  await expect(page.getByTestId('sync-folder-none')).toBeVisible();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-sync-state', 'off');
  await expect(page.getByTestId('sync-now')).toBeDisabled();
  await page.screenshot({ path: join(SCREENSHOTS, '79-sync-not-set-up-fr.png') });

  // A folder outside the harness's data folder is refused in words.
  await page.getByTestId('sync-folder-input').fill('/etc');
  await page.getByTestId('sync-folder-use').click();
  await expect(page.getByTestId('error-alert')).toHaveAttribute('data-error-code', 'invalid_path');

  // The folder, then the first sync: this computer is the team's first member.
  await page.getByTestId('sync-folder-input').fill('partage');
  await page.getByTestId('sync-folder-use').click();
  await expect(page.getByTestId('sync-folder-path')).toHaveText(join(dataDir, 'partage'));
  const me = page.locator('[data-testid="sync-member"][data-this-device="true"]');
  await expect(me).toHaveAttribute('data-status', 'active');
  await expect(me).toContainText('cet ordinateur');
  await expect(page.getByTestId('sync-membership')).toHaveAttribute('data-membership', 'member');
  await expect(page.getByTestId('sync-device-fingerprint')).toHaveText(/^[0-9A-Z]{4}( [0-9A-Z]{4}){5}$/);
  await expect(page.getByTestId('sync-last-exported')).not.toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-sync-state', 'synced');

  // Camille asks to join from her own computer; the next sync shows her request with her code.
  const bPath = join(mkdtempSync(join(tmpdir(), 'vigie-e2e-camille-')), 'camille.vigie');
  const joined = await SyncService.join({ path: bPath, passphrase: PASS, folder: join(dataDir, 'partage'), name: 'Camille' });
  await page.getByTestId('sync-now').click();
  const request = page.locator(`[data-testid="sync-join"][data-device="${joined.deviceId}"]`);
  await expect(request).toContainText('Camille');
  await expect(request).toContainText(joined.fingerprint);
  await request.getByTestId('sync-join-approve').click();
  await expect(page.getByTestId('sync-approve-fingerprint')).toHaveText(joined.fingerprint);
  await page.getByTestId('sync-approve-confirm').click();
  await expect(page.locator(`[data-testid="sync-member"][data-device="${joined.deviceId}"]`)).toHaveAttribute('data-status', 'active');
  await expect(page.getByTestId('sync-now')).toHaveAttribute('data-running', 'false');

  // Camille receives the workspace; then both change the organisation's city without seeing the other's change.
  const b = await Workspace.open(bPath, PASS, { actor: 'Camille' });
  try {
    const bSync = new SyncService(b, { settleMs: 0 });
    expect((await bSync.syncNow()).imported).toBeGreaterThan(0);
    await harness.session.workspace.updateProfile({ city: 'Lyon' });
    await b.mutate((w) => w.write({ op: 'update', table: 'org_profile', id: 'org', values: { city: 'Nantes' } }));
    await bSync.syncNow();
  } finally {
    await b.close();
  }
  await page.getByTestId('sync-now').click();
  const conflict = page.getByTestId('sync-conflict');
  await expect(conflict).toHaveCount(1);
  await expect(conflict.getByTestId('sync-conflict-field')).toHaveText('Ville');
  await expect(conflict.getByTestId('sync-conflict-mine-value')).toHaveText('Lyon');
  await expect(conflict.getByTestId('sync-conflict-theirs-value')).toHaveText('Nantes');
  await expect(conflict.getByTestId('sync-conflict-theirs')).toContainText('Camille');
  await expect(page.getByTestId('sync-last-conflicts')).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-sync-state', 'conflicts');
  await expect(page.getByTestId('sync-indicator')).toContainText('1 modification à examiner');
  await page.screenshot({ path: join(SCREENSHOTS, '80-sync-fr-light.png'), fullPage: true });

  // The page in both languages and both themes (looked at: no raw key, no code, readable in dark).
  for (const [lang, scheme] of [['fr', 'dark'], ['en', 'light'], ['en', 'dark']] as const) {
    await view(page, harness, lang, scheme);
    await expect(page.getByTestId('sync-conflict')).toHaveCount(1);
    await expect(page.getByTestId('sync-members-table')).toBeVisible();
    if (lang === 'en') await expect(page.getByTestId('sync-conflict-field')).toHaveText('City');
    const text = await page.locator('[data-page="sync"]').innerText();
    expect(text).not.toMatch(/\bsync\.[a-z]|\bhistory\.[a-z]|_[a-z]+_|HLC|epoch|époque/);
    await page.screenshot({ path: join(SCREENSHOTS, `80-sync-${lang}-${scheme}.png`), fullPage: true });
  }
  await view(page, harness, 'fr', 'light');

  // Keep theirs: written through the write path, the list empties, the header says synced again.
  await page.getByTestId('sync-keep-theirs').click();
  await expect(page.getByTestId('sync-conflicts-none')).toBeVisible();
  expect((await harness.session.workspace.getProfile()).profile.city).toBe('Nantes');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-sync-state', 'synced');

  // An activity deleted here while Camille renames it: it stays deleted, flagged with a Restore action.
  const a = harness.session.workspace;
  const { id: activityId } = await a.mutate((w) =>
    w.write({ op: 'insert', table: 'activities', values: { reference: 'T-001', name: 'Recrutement', role: 'controller', status: 'draft', owner: 'RH', review_date: null, details: { purposes: ['hiring'], notes: '' } } }),
  );
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-now')).toHaveAttribute('data-running', 'false');
  const b2 = await Workspace.open(bPath, PASS, { actor: 'Camille' });
  try {
    const bSync = new SyncService(b2, { settleMs: 0 });
    await bSync.syncNow();
    await b2.mutate((w) => w.write({ op: 'update', table: 'activities', id: activityId, values: { name: 'Recrutement des stagiaires' } }));
    await bSync.syncNow();
  } finally {
    await b2.close();
  }
  await a.mutate((w) => w.write({ op: 'delete', table: 'activities', id: activityId }));
  await page.getByTestId('sync-now').click();
  const flagged = page.locator('[data-testid="sync-conflict"][data-kind="edited-while-deleted"]');
  await expect(flagged).toBeVisible();
  await expect(flagged.getByTestId('sync-conflict-field')).toHaveText('Fiche modifiée alors qu’elle était supprimée');
  await expect(flagged.getByTestId('sync-conflict-edit')).toContainText('Camille');
  await expect(flagged.getByTestId('sync-conflict-deletion')).toHaveAttribute('data-kept', 'true');
  await page.screenshot({ path: join(SCREENSHOTS, '80-sync-deleted-conflict-fr.png'), fullPage: true });
  await flagged.getByTestId('sync-keep-theirs').click();
  await expect(page.getByTestId('sync-conflicts-none')).toBeVisible();
  expect(a.raw.prepare('SELECT deleted_at, name FROM activities WHERE id = ?').get(activityId)).toEqual({ deleted_at: null, name: 'Recrutement des stagiaires' });

  // Removing Camille says plainly what it does and what it cannot undo.
  await page.locator(`[data-testid="sync-member"][data-device="${joined.deviceId}"]`).getByTestId('sync-member-remove').click();
  await expect(page.getByTestId('sync-remove-warning')).toContainText('reste lisible');
  await page.screenshot({ path: join(SCREENSHOTS, '81-sync-remove-confirm.png'), animations: 'disabled' });
  await page.getByTestId('sync-remove-confirm').click();
  await expect(page.locator(`[data-testid="sync-member"][data-device="${joined.deviceId}"]`)).toHaveAttribute('data-status', 'removed');
});

test('a case’s personal data erased from its page: the confirmation says what goes and what stays, needs a reason, and the history keeps only the erasure', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'effacement.vigie'), passphrase: PASS, controllerName: 'Effacement SAS' });
  const requests = new RequestsService(harness.session.workspace);
  const c = await requests.create({ requester: { name: 'Zéphyrine Quaglieri', email: 'zq@example.org' }, rights: ['erasure'], channel: 'email', receivedOn: '2026-11-02' });
  await requests.addEvent(c.id, { occurredOn: '2026-11-03', kind: 'note', direction: 'internal', summary: 'Appel de Zéphyrine Quaglieri' });
  await openPage(page, harness, `requests/${c.id}`);
  await expect(page.getByTestId('page-title')).toContainText('Zéphyrine Quaglieri');

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByTestId('record-more').click();
  await expect(page.getByTestId('erase-open')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '82-erase-menu-1024.png'), animations: 'disabled' });
  await page.getByTestId('erase-open').click();
  await expect(page.getByTestId('erase-with')).toContainText('2 entrées de la chronologie');
  await expect(page.getByTestId('erase-history-note')).toContainText('ne garde que la trace de l’effacement');
  await expect(page.getByTestId('erase-confirm')).toBeDisabled();
  await page.getByTestId('erase-reason').fill('Demande d’effacement reçue le 2 novembre 2026');
  await page.screenshot({ path: join(SCREENSHOTS, '82-erase-confirm-fr.png'), animations: 'disabled' });
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByTestId('erase-modal')).toBeHidden();
  await expect(page.getByTestId('page-title')).not.toContainText('Zéphyrine');
  await expect(page.getByText('Effacement sur demande')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Zéphyrine');
  await page.screenshot({ path: join(SCREENSHOTS, '83-erased-case-1024.png'), animations: 'disabled' });

  // The change log forgot the name; it says who erased, when and why; the chain still verifies.
  const history = await harness.session.workspace.history({ table: 'requests', rowId: c.id });
  expect(history.some((e) => e.op === 'purge' && e.reason === 'erasure: Demande d’effacement reçue le 2 novembre 2026')).toBe(true);
  expect(JSON.stringify(await harness.session.workspace.history({}))).not.toContain('Zéphyrine');
  expect((await harness.session.workspace.verifyAudit()).ok).toBe(true);

  // The same action on a breach and on a vendor says what goes for that kind of record.
  const ws = harness.session.workspace;
  const breach = await new BreachesService(ws).create({ title: 'Courriel mal adressé', awareAt: '2026-11-30T10:00', reportedBy: 'Ulysse Vandermeersch' });
  await openPage(page, harness, `breaches/${breach.id}`);
  await page.getByTestId('record-more').click();
  await page.getByTestId('erase-open').click();
  await expect(page.getByTestId('erase-modal')).toContainText('la personne qui a signalé la violation');
  await page.getByTestId('erase-reason').fill('Demande du déclarant');
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByTestId('erase-modal')).toBeHidden();
  expect((await new BreachesService(ws).get(breach.id)).breach.reportedBy).toBe('');

  const vendor = await new VendorsService(ws).create({ name: 'Routeur Mail SAS', country: 'FR', role: 'processor', contacts: [{ name: 'Octave Lemaire', role: 'DPO', email: 'o.lemaire@example.org', phone: '' }] });
  await openPage(page, harness, `vendors/${vendor.id}`);
  await page.getByTestId('record-more').click();
  await page.getByTestId('erase-open').click();
  await expect(page.getByTestId('erase-modal')).toContainText('personnes de contact');
  await page.getByTestId('erase-reason').fill('Fin de la relation');
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByTestId('erase-modal')).toBeHidden();
  expect((await new VendorsService(ws).get(vendor.id)).vendor.contacts).toEqual([]);
  expect(JSON.stringify(await ws.history({}))).not.toMatch(/Ulysse|Octave/);
});

test('joining a team from the welcome screen: a request left in the folder, this computer waiting, then a member of the team after approval', async ({ page, harness, dataDir }) => {
  // Alice's computer: her workspace, already shared through the folder.
  const aliceDir = mkdtempSync(join(tmpdir(), 'vigie-e2e-alice-'));
  const alice = await Workspace.create(join(aliceDir, 'alice.vigie'), PASS, { actor: 'Alice', home: aliceDir });
  try {
    await alice.updateProfile({ controller_name: 'Équipe Alice SAS' });
    mkdirSync(join(dataDir, 'partage'));
    const aliceSync = new SyncService(alice, { settleMs: 0 });
    await aliceSync.setFolder(join(dataDir, 'partage'));
    await aliceSync.syncNow();

    await expect(page.getByTestId('join-card')).toBeVisible();
    await page.getByTestId('join-folder').fill('partage');
    await page.getByTestId('join-name').fill('Camille');
    await page.getByTestId('join-path').fill('camille.vigie');
    await page.getByTestId('join-passphrase').fill(PASS);
    await page.getByTestId('join-confirm').fill(PASS);
    await page.screenshot({ path: join(SCREENSHOTS, '84-join-welcome-fr.png'), fullPage: true });
    await page.getByTestId('join-submit').click();
    await expect(page.locator('[data-page="sync"][data-state="ready"]')).toBeVisible();
    await expect(page.getByTestId('sync-membership')).toHaveAttribute('data-membership', 'waiting');
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-sync-state', 'waiting');
    await expect(page.getByTestId('sync-device-name')).toHaveText('Camille');

    // Alice sees the request with the same code, approves it and syncs.
    const status = await aliceSync.status();
    expect(status.pendingJoins).toHaveLength(1);
    const shown = await page.getByTestId('sync-device-fingerprint').textContent();
    expect(status.pendingJoins[0]!.fingerprint).toBe(shown);
    await aliceSync.approve(status.pendingJoins[0]!.deviceId);
    await aliceSync.syncNow();

    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-membership')).toHaveAttribute('data-membership', 'member');
    await expect(page.getByTestId('sync-member')).toHaveCount(2);
    expect((await harness.session.workspace.getProfile()).profile.controller_name).toBe('Équipe Alice SAS');
  } finally {
    await alice.close();
  }
});

