// `npm test` ends with the line CI reads: vitest with the project's summary reporter, run for real
// on small suites that pass, fail, and fail to load.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../sim/paths';

const REPORTER = join(ROOT, 'test', 'harness', 'summary-reporter.ts');

function runSuite(files: Record<string, string>): { code: number | null; lines: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-summary-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // Both streams into one pipe, as a CI log gets them, so the order is the order written.
  const args = [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, '--reporter=default', `--reporter=${REPORTER}`];
  const res = spawnSync('bash', ['-c', '"$0" "$@" 2>&1', process.execPath, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: res.status, lines: res.stdout.trimEnd().split('\n') };
}

const test = (body: string) => `import { it, expect } from 'vitest';\n${body}\n`;

describe('the summary line', () => {
  it.each<{ name: string; files: Record<string, string>; line: string; ok: boolean }>([
    { name: 'all pass', files: { 'a.test.ts': test("it('a', () => expect(1).toBe(1));\nit('b', () => expect(2).toBe(2));") }, line: '2 passed, 0 failed', ok: true },
    { name: 'one fails', files: { 'a.test.ts': test("it('a', () => expect(1).toBe(1));\nit('b', () => expect(2).toBe(3));") }, line: '1 passed, 1 failed', ok: false },
    {
      name: 'a file fails to load',
      files: { 'a.test.ts': test("it('a', () => expect(1).toBe(1));"), 'b.test.ts': "import './missing';\n" },
      line: '1 passed, 1 failed',
      ok: false,
    },
  ])('$name: $line, last; no colour codes with NO_COLOR (scripts/test.sh sets it for logs)', ({ files, line, ok }) => {
    const run = runSuite(files);
    expect(run.lines.at(-1)).toBe(line);
    expect(run.code === 0).toBe(ok);
    // eslint-disable-next-line no-control-regex -- an ANSI escape is exactly what must not appear
    expect(run.lines.join('\n')).not.toMatch(/\x1b\[/);
  });
});
