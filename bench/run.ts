// `npm run bench [-- --save] [names...]`: runs every bench/*.bench.ts (or those whose file name
// contains one of `names`) as its own process, so one benchmark's heap never skews another's; then
// prints each figure against its target (bench/targets.ts) and the other measurements.
// Results go to bench/out/results.json (untracked); --save writes bench/results.json, the committed
// run docs/benchmarks.md summarizes. A missed target is a result, not an error: the exit code is
// non-zero only when a benchmark fails to run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from '../sim/text';
import { assess, describe, TARGETS, type Row } from './targets';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const save = args.includes('--save');
const only = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`bench: no bench/*.bench.ts matches ${only.join(', ')}\n`);
  process.exit(2);
}

const rows: (Row & { file: string })[] = [];
const failed: string[] = [];
for (const file of files) {
  process.stderr.write(`bench: running ${file}\n`);
  const started = Date.now();
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const line of (out.stdout ?? '').split('\n')) {
    if (line.startsWith('{')) rows.push({ file, ...(JSON.parse(line) as Row) });
  }
  if (out.status !== 0) failed.push(`${file}: ${out.error?.message ?? `exited ${out.status ?? out.signal}`}`);
  process.stderr.write(`bench: ${file} done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

const results = join(dir, save ? 'results.json' : join('out', 'results.json'));
mkdirSync(join(dir, 'out'), { recursive: true });
// Timings are only comparable on an otherwise idle machine: record how busy it was.
const machine = { node: process.version, cpus: cpus().length, load_average_1m: Math.round(loadavg()[0]! * 100) / 100, date: new Date().toISOString() };
writeFileSync(results, `${JSON.stringify({ machine, results: rows }, null, 2)}\n`);

const targeted = new Set(TARGETS.map((t) => `${t.row}|${t.field}`));
const headline = (r: Row): string => {
  // Times, sizes and ratios; the parameters of a run (clusters, runs...) stay in the results file.
  const fields = Object.keys(r).filter((f) => /_(ms|us|mib|ratio)$/.test(f) && !/^(p95|min)_/.test(f) && typeof r[f] === 'number');
  return fields.map((f) => `${f}=${r[f]}${targeted.has(`${r.name}|${f}`) ? '*' : ''}`).join('  ');
};

console.log('\nTargets (bench/targets.ts; their figures are marked * below)');
console.log(table(['FIGURE', 'MEASURED', 'TARGET', 'RESULT'], assess(rows).map(describe)));
console.log('\nMeasurements');
console.log(
  table(
    ['BENCHMARK', 'FIGURES'],
    rows.map((r) => [r.name, headline(r)]),
  ),
);
console.log(`\nAll figures: ${relative(process.cwd(), results)}${save ? '' : ' (untracked; --save writes bench/results.json)'}`);
if (machine.load_average_1m > machine.cpus / 2) {
  console.log(`Load average ${machine.load_average_1m} on ${machine.cpus} CPUs at the end of the run: other work competed with it; the times are not representative.`);
}
if (failed.length) {
  console.error(`\nbench: ${failed.length} benchmark(s) failed:\n  ${failed.join('\n  ')}`);
  process.exit(1);
}
