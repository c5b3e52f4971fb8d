// docs/rendering.md, run as written: every command block that needs no cluster (all but "Your own
// state", which reads a live control cluster with kubectl), in bash from the repository root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../sim/paths';

const PAGE = join(ROOT, 'docs', 'rendering.md');
const blocks = [...readFileSync(PAGE, 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const runnable = blocks.filter((b) => !/^\s*kubectl /m.test(b));
const scratch = mkdtempSync(join(tmpdir(), 'modelplane-rendering-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Kinds in a block's output (YAML documents; npm's banner and summaries are not documents). */
const kinds = (stdout: string) =>
  parseAllDocuments(stdout)
    .map((d) => d.toJSON() as { kind?: string } | null)
    .flatMap((d) => (d && typeof d === 'object' && d.kind ? [d.kind] : []));

describe('docs/rendering.md', () => {
  it('has the blocks this test runs', () => {
    expect([blocks.length, runnable.length]).toEqual([5, 4]);
  });

  it.each(runnable.map((script, i) => ({ n: i + 1, script, first: script.split('\n')[0] })))(
    'block $n runs as written: $first',
    ({ script }) => {
      // A block that starts a function in the background stops it itself; if it fails first, the trap does.
      // The page's scratch files live in /tmp; each run gets its own, so suites running side by side do not share them.
      const guarded = `trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n${script.replaceAll('/tmp/', `${scratch}/`)}`;
      const run = spawnSync('bash', ['-euo', 'pipefail', '-c', guarded], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000 });
      expect(run.status, `${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`).toBe(0);
      const out = kinds(run.stdout);
      // Each block ends in a render: of a ModelDeployment (placing replicas) or of the replicas.
      expect(
        out.some((k) => k === 'ModelReplica' || k === 'HTTPRoute'),
        out.join(','),
      ).toBe(true);
    },
    300_000,
  );
});
