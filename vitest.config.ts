import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // One temporary folder per run, removed at its end (src-main/db/test-fixtures/tmp-root.ts).
    globalSetup: ['src-main/db/test-fixtures/tmp-root.ts'],
  },
});
