// `npm run bench`: runs every bench/*.bench.ts as its own process (so one benchmark's heap never
// skews another's) and writes their JSON lines to bench/results.json.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results: Record<string, unknown>[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const row = { file, ...(JSON.parse(line) as Record<string, unknown>) };
    results.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
}
const machine = { node: process.version, cpus: (await import('node:os')).cpus().length, date: new Date().toISOString() };
writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);
process.stderr.write(`bench: wrote bench/results.json (${results.length} results)\n`);
