import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: run after `npm run build`, against the built CLI and renderer, in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
