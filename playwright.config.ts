import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  outputDir: 'test-results',
  // One temporary folder per run (workspaces, exports, Chromium's profiles), removed when the run ends: the same setup as the unit tests'.
  globalSetup: './src-main/db/test-fixtures/tmp-root.ts',
  projects: [
    { name: 'web', testDir: './e2e/web' },
    { name: 'electron', testDir: './e2e/electron' },
  ],
});
