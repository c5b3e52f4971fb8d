// Every test file runs with this: a deprecation warning raised in the test process (by our code or
// a dependency we call) fails the file, so the log stays free of them. Spawned processes are
// checked where they are started (test/grpc).
import { afterAll } from 'vitest';

const seen: string[] = [];
process.on('warning', (w: Error & { code?: string }) => {
  if (w.name === 'DeprecationWarning') seen.push(`${w.code ?? 'DeprecationWarning'}: ${w.message}`);
});

afterAll(async () => {
  await new Promise(setImmediate); // warnings are emitted on a later tick
  if (seen.length > 0) throw new Error(`deprecation warnings in this file: ${seen.join('; ')}`);
});
