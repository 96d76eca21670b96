import { test as base, chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHarness, type Harness } from '../../src-main/web-harness';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');

/** Debian's Chromium, started the way this machine allows (no network side-traffic); Playwright gives every launch a fresh temporary profile. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export function startHarness(dataDir: string): Promise<Harness> {
  return startWebHarness({ rendererDir: join(ROOT, 'out', 'renderer'), dataDir, version: 'test', actor: 'E2E DPO', quiet: true });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Waits for the app's own ready signal (data-state="ready" on a screen or page), never a fixed sleep. */
export async function ready(page: Page, where: { screen?: 'welcome' | 'shell'; page?: string } = {}): Promise<void> {
  if (where.screen) await page.locator(`[data-screen="${where.screen}"]`).first().waitFor();
  if (where.page) await page.locator(`[data-page="${where.page}"][data-state="ready"]`).waitFor();
  else await page.locator('[data-state="ready"]').first().waitFor();
}

/**
 * Opens the app on a route after the test changed the session behind the page's back (created a
 * workspace through harness.session): a hash change alone would keep the status the page loaded with.
 */
export async function openPage(page: Page, harness: Harness, route: string): Promise<void> {
  await page.goto(`${harness.url}#/${route}`);
  await page.reload();
  await ready(page, { page: route.split('/')[0] });
}

interface Fixtures {
  dataDir: string;
  harness: Harness;
  page: Page;
}

export const test = base.extend<Fixtures, { vigieBrowser: Browser }>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    await use(mkdtempSync(join(tmpdir(), 'vigie-e2e-')));
  },
  harness: async ({ dataDir }, use) => {
    const h = await startHarness(dataDir);
    await use(h);
    await h.close();
  },
  vigieBrowser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const b = await launchChromium();
      await use(b);
      await b.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ vigieBrowser, harness }, use) => {
    const context = await vigieBrowser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(harness.url);
    await use(page);
    await context.close();
    if (errors.length) throw new Error(`The page threw: ${errors.join('\n')}`);
  },
});

export { expect } from '@playwright/test';
