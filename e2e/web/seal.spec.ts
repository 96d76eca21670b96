import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { applyKey } from '../../src-main/db/cipher';
import { expect, openPage, shot, test } from './fixtures';

const PASS = 'une phrase de passe solide';
const activity = { reference: 'T-9', name: 'Vidéosurveillance', role: 'controller', status: 'draft', owner: '', review_date: null, details: {} };

test('a workspace cut short behind Vigie’s back: audit verify is green, the seal is not, and the app says so', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: 'rollback.vigie', passphrase: PASS, controllerName: 'ACME Santé SAS' });
  await harness.session.workspace.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity }));
  await harness.session.close(); // this computer keeps the seal: 2 entries

  // With the passphrase, remove the last entry together with its row: the chain alone stays intact.
  const db = new Database(join(dataDir, 'rollback.vigie'));
  // Keyed as Vigie keys it (the change log is a view that decodes with Vigie's functions: db/log-store.ts).
  applyKey(db, PASS);
  db.exec(`DELETE FROM activities; DELETE FROM change_log WHERE seq = (SELECT max(seq) FROM change_log)`);
  db.close();

  await harness.session.open({ path: 'rollback.vigie', passphrase: PASS });
  await openPage(page, harness, 'reports');
  const banner = page.getByTestId('seal-behind-banner');
  await expect(banner).toContainText('Cet espace de travail est en retard sur ce que cet ordinateur a vu la dernière fois');
  await expect(banner).toContainText('a vu 2 entrées dans la piste d’audit\u202f; le fichier en compte désormais 1.');
  await page.getByTestId('verify-audit').click();
  await expect(page.getByTestId('audit-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-seal')).toBeVisible();
  await expect(page.locator('[data-testid="seal-behind"]')).toHaveCount(2); // the banner and the verification's result
  await expect(page.getByTestId('seal-entries')).toHaveText('1 entrée');
  await shot(page, '06-seal-behind-fr');
});
