// `npm run demo`: docs/getting-started.md, run. Every command the page shows is carried out on a
// simulated fleet, which then settles: every object rendered through its Composition with the real
// `crossplane render` and the five functions running locally, until nothing changes. After each
// block it prints where everything landed and why, and writes a fleet map (HTML) of that moment.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fleetMap } from '../sim/fleet/map';
import { fleetReport } from '../sim/fleet/report';
import { Simulator } from '../sim/fleet/simulator';
import { ROOT } from '../sim/paths';
import { FunctionPool } from '../sim/render';
import { bold } from '../sim/text';
import { runBlock, TOUR, tourShell } from '../sim/tour';

/** Where the fleet maps go (MODELPLANE_DEMO_OUT overrides it, e.g. for a test). */
const OUT = process.env.MODELPLANE_DEMO_OUT ?? join(ROOT, 'out', 'demo');

console.log(`${bold('Modelplane: the getting-started tour (docs/getting-started.md) on a simulated fleet')}
Real: the five functions (dist/), the XRDs and Compositions, and crossplane render (the pinned CLI).
Simulated: the control cluster (a store that applies what render composes), the cloud providers and
the remote clusters (composed resources report Ready with made-up status), gateway addresses (from
the documentation ranges 198.51.100.0/24 and 192.0.2.0/24); no model server runs.
Maps of the fleet after each step: out/demo/index.html.`);

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const maps: { id: string; title: string }[] = [];
const pool = await FunctionPool.start();
let exitCode = 0;
try {
  const sim = new Simulator(pool);
  const shell = tourShell();
  for (const step of TOUR) {
    console.log(`\n${bold(`Step ${step.number}${step.who ? ` (${step.who})` : ''}: ${step.title}`)}`);
    for (const block of step.blocks) {
      const started = Date.now();
      const run = await runBlock(sim, block, shell);
      for (const { command, outcome } of run.outcomes) {
        // A simulated event is not a command: it gets no prompt.
        console.log(block.simulate ? `[simulate] ${command}\n  ${outcome.note}` : `$ ${command}\n  ${outcome.note}`);
        if (outcome.output !== undefined) console.log(outcome.output);
      }
      if (!run.report) continue;
      const renders = run.report.passes.reduce((n, p) => n + p.rendered, 0);
      console.log(`settled in ${run.report.passes.length} passes, ${renders} renders, ${Date.now() - started} ms${run.report.converged ? '' : ' (did NOT converge)'}\n`);
      console.log(fleetReport(sim.world));
      const title = `Step ${block.id}: ${step.title}`;
      writeFileSync(join(OUT, `step-${block.id}.html`), fleetMap(sim.world, title, block.commands.join('\n')));
      maps.push({ id: block.id, title });
      if (!run.report.converged) exitCode = 1;
    }
  }
} catch (err) {
  console.error(`demo failed: ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await pool.stop();
}
const index = maps.map((m) => `<li><a href="step-${m.id}.html">${m.title.replace(/[&<>]/g, '')}</a></li>`).join('');
writeFileSync(
  join(OUT, 'index.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fleet maps</title></head><body><h1>Fleet map after each step</h1><ul>${index}</ul></body></html>\n`,
);
console.log(`\nFleet maps: ${relative(process.cwd(), join(OUT, 'index.html'))} (open it in a browser)`);
process.exit(exitCode);
