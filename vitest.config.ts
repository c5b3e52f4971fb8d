import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/e2e runs against a real control plane: npm run test:e2e.
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Render and gRPC tests start real processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['./test/harness/no-deprecations.ts'],
    // The default report, then one plain summary line (test/harness/summary-reporter.ts).
    reporters: ['default', './test/harness/summary-reporter.ts'],
  },
});
