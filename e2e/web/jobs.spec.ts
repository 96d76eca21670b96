import { join } from 'node:path';
import { RegisterService } from '../../src-main/services/register';
import { expect, openPage, shot, test } from './fixtures';

const PASS = 'travaux phrase de passe';
// The Word register writes 1,000 activities in about a second (fast-xml.ts): 3,000 keep the export running for seconds.
const ACTIVITIES = 3000;

test('a long export runs in the main process without blocking the window: its bar shows, Cancel stops it, nothing is downloaded', async ({ page, harness, dataDir }) => {
  await harness.session.create({ path: join(dataDir, 'long.vigie'), passphrase: PASS });
  // A register big enough that its Word export takes seconds on any machine (built through the service, one transaction).
  const ws = harness.session.workspace;
  const register = new RegisterService(ws);
  await ws.mutate(async (w) => {
    const used = await register.usedReferences(w);
    for (let i = 1; i <= ACTIVITIES; i++) {
      await register.insertWith(w, { name: `Traitement ${i}`, status: 'active', purposes: [{ description: `Finalité ${i}`, legalBasis: 'contract' }], dataSubjects: ['customers'] }, 'e2e', used);
    }
  });
  await openPage(page, harness, 'register');
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('register-export').click();
  const progress = page.getByTestId('register-export-progress');
  await expect(progress).toBeVisible();
  // The window keeps working meanwhile: the API answers and another page opens.
  const pong = await page.evaluate(async () => {
    const token = sessionStorage.getItem('vigie.token');
    const r = await fetch('./api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ method: 'app.ping', input: {} }) });
    return (await r.json()) as unknown;
  });
  expect(pong).toEqual({ ok: true, value: { pong: true } });
  await shot(page, '73-register-export-progress');
  // Cancel becomes available once the main process lists the job.
  await expect(page.getByTestId('register-export-progress-cancel')).toBeEnabled();
  await page.getByTestId('register-export-progress-cancel').click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('error-alert')).toHaveAttribute('data-error-code', 'export_cancelled');
  await expect(page.getByTestId('register-export')).toBeEnabled();
  expect(downloads).toBe(0);
});
