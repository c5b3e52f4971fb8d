// Every command the README and the docs tell a reader to type, accounted for: run here as written
// (from the repository root, in bash), run by a named test, or needing something no test here has
// (a control cluster, a model server), said in words. A new command in a page fails the first test
// until it gets a row. docs/rendering.md is run block by block by its own test (rendering.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandsOf } from '../../sim/guide';
import { ROOT } from '../../sim/paths';

const PAGES = ['README.md', 'docs/getting-started.md', 'docs/operating.md', 'docs/testing.md', 'docs/development.md', 'docs/scheduling.md'];

type How = { readonly run: true } | { readonly coveredBy: string } | { readonly needs: string };

const CONTROL_CLUSTER = 'a control cluster with Crossplane and the functions running as Deployments';

/** First matching row wins; `page` narrows a row to one page. */
const ROWS: readonly { readonly command: RegExp; readonly page?: string; readonly how: How }[] = [
  { command: /^npm run demo$/, how: { coveredBy: 'test/fleet/demo.test.ts' } },
  { command: /^npm test$/, how: { coveredBy: '.ci/run' } },
  { command: /^npm run test:update$/, how: { needs: 'a whole suite run of its own (it is `npm test` rewriting golden files)' } },
  { command: /^npm run test:e2e$/, how: { coveredBy: '.ci/run' } },
  { command: /^npm run test:e2e -- -t "install from a registry"$/, how: { needs: 'the real control plane; .ci/run runs the whole e2e lifecycle, the install steps included' } },
  { command: /^npm run bench -- --save$/, how: { needs: 'a quiet machine; it rewrites the committed bench/results.json (the same run as `npm run bench`, which runs here)' } },
  { command: /^npm run bench( -- scheduler)?$/, how: { run: true } },
  { command: /^npx vitest run test\/(unit|render\/fn-schedule\.test\.ts)$/, how: { run: true } },
  { command: /^npm run validate( -- examples\/\S+\.yaml)?$/, how: { run: true } },
  { command: /^\.tools\/bin\/crossplane beta validate apis examples --cache-dir \.tools\/crossplane-cache$/, how: { run: true } },
  { command: /^npm run release -- --registry /, how: { coveredBy: 'test/package/release.test.ts' } },
  { command: /^node scripts\/package\/versions\.mjs check$/, how: { run: true } },
  { command: /^node scripts\/package\/versions\.mjs set /, how: { coveredBy: 'test/package/versions.test.ts' } },
  { command: /^bash scripts\/package\/setup-package-tools\.sh$/, how: { run: true } },
  { command: /^(bash scripts\/package\/registry-certs\.sh |\.tools\/bin\/ociregistry |export SSL_CERT_FILE=)/, how: { coveredBy: 'test/package/release.test.ts' } },
  { command: /^\.tools\/bin\/crane auth login /, how: { needs: 'an account on a registry' } },
  {
    command: /^\.tools\/bin\/crane (copy|digest) xpkg\.crossplane\.io\//,
    how: { needs: 'the published packages (release.test.ts mirrors a local release with crane copy and compares digests)' },
  },
  { command: /^\.tools\/bin\/crane digest mirror\.internal/, how: { needs: 'the mirror above (release.test.ts checks the digests of a mirror)' } },
  { command: /^crossplane xpkg install configuration /, how: { needs: `${CONTROL_CLUSTER}, and the package in a registry` } },
  { command: /^kubectl /, page: 'docs/getting-started.md', how: { coveredBy: 'test/fleet/tour.test.ts' } },
  { command: /^(ADDRESS=|curl )/, page: 'docs/getting-started.md', how: { needs: 'a model server behind a real gateway (the demo fleet is simulated)' } },
  { command: /^kubectl /, page: 'docs/operating.md', how: { needs: CONTROL_CLUSTER } },
];

const commands = PAGES.flatMap((page) =>
  [...readFileSync(join(ROOT, page), 'utf8').matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].flatMap((m) => commandsOf(m[1]!).map((command) => ({ page, command }))),
);
const rowOf = (c: { page: string; command: string }) => ROWS.find((r) => r.command.test(c.command) && (r.page === undefined || r.page === c.page));
const runnable = commands.filter((c) => rowOf(c)?.how && 'run' in rowOf(c)!.how);

/** The child must not take this vitest run's worker settings (or golden updates) for its own. */
const childEnv = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: '1' }).filter(([k]) => !k.startsWith('VITEST') && k !== 'UPDATE_GOLDEN'));

describe('the commands in the README and the docs', () => {
  it('are each accounted for', () => {
    expect(commands.length).toBeGreaterThan(20);
    expect(commands.filter((c) => !rowOf(c))).toEqual([]);
  });

  it('leave no row unused, and name tests that exist', () => {
    expect(ROWS.filter((r) => !commands.some((c) => rowOf(c) === r)).map((r) => r.command.source)).toEqual([]);
    const missing = ROWS.flatMap((r) => ('coveredBy' in r.how && !existsSync(join(ROOT, r.how.coveredBy)) ? [r.how.coveredBy] : []));
    expect(missing).toEqual([]);
  });

  it.each(runnable)(
    '$page: $command',
    ({ command }) => {
      // Every benchmark runs in a few minutes on a quiet machine; the bound only catches a hang.
      const run = spawnSync('bash', ['-euo', 'pipefail', '-c', command], { cwd: ROOT, encoding: 'utf8', env: childEnv, timeout: 900_000 });
      expect(run.status, `${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`).toBe(0);
    },
    920_000,
  );
});
