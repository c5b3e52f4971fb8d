// `npm run demo`: the getting-started tour on a simulated fleet. Every step renders every object
// through its Composition with the real `crossplane render` and the five functions running locally,
// until the fleet settles, then prints where everything landed and why.
import { FunctionPool } from '../sim/render';
import { fleetReport } from '../sim/fleet/report';
import { Simulator } from '../sim/fleet/simulator';
import { noMoveWithoutCause, noPoolOvercommitted } from '../sim/fleet/invariants';
import { TOUR, TOUR_SECRETS } from '../sim/tour';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

const pool = await FunctionPool.start();
let exitCode = 0;
try {
  const sim = new Simulator(pool, TOUR_SECRETS);
  for (const [i, step] of TOUR.entries()) {
    step.act(sim);
    const started = Date.now();
    const report = await sim.converge(step.title, { invariants: [noPoolOvercommitted, noMoveWithoutCause()] });
    const renders = report.passes.reduce((n, p) => n + p.rendered, 0);
    console.log(`\n${bold(`Step ${i + 1} (${step.who}): ${step.title}`)}`);
    console.log(`settled in ${report.passes.length} passes, ${renders} renders, ${Date.now() - started} ms${report.converged ? '' : ' (did NOT converge)'}\n`);
    console.log(fleetReport(sim.world));
    if (!report.converged) exitCode = 1;
  }
} catch (err) {
  console.error(`demo failed: ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await pool.stop();
}
process.exit(exitCode);
