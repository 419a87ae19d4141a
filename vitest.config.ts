import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Chromium (browser tests) is installed first when missing.
    globalSetup: ['test/system-packages.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium; two cores do not run many at once well.
    maxWorkers: 2,
  },
});
