import { defineConfig } from 'vitest/config';

// The real-control-plane layer (npm run test:e2e): one stack, steps in order, generous waits.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 480_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', './test/harness/summary-reporter.ts'],
  },
});
