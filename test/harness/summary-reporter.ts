// The last line of `npm test`: `N passed, N failed`, counted the way .ci/run counts from vitest's
// JSON report (a file that fails to load, or an error outside any test, is a failure too).
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export function summaryLine(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): string {
  let passed = 0;
  let failed = 0;
  let failedModules = 0;
  for (const m of modules) {
    for (const t of m.children.allTests()) {
      const state = t.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failed++;
    }
    if (m.state() === 'failed') failedModules++;
  }
  return `${passed} passed, ${failed || failedModules || (unhandledErrors.length ? 1 : 0)} failed`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    process.stdout.write(`${summaryLine(modules, unhandledErrors)}\n`);
  }
}
