// How large each function's response gets, against the 4 MiB Crossplane accepts from a function
// (grpc-go's default; a larger response fails the whole reconcile). Measured by the functions
// themselves (every RunFunction logs its response size) over real gRPC:
// - the largest response each function gave while the getting-started tour settles
//   on the simulated fleet (the same run as `npm run demo`);
// - the fan-out worst cases: fn-schedule with 1,000 replicas of a heavy pod template, fn-modelcache
//   matching 1,000 and 10,000 clusters (its peak RSS stays flat in the clusters it leaves out).
// Targets: bench/targets.ts.
import { readFileSync } from 'node:fs';
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { Simulator } from '../sim/fleet/simulator';
import { functionClient } from '../sim/client';
import { FUNCTIONS, type FunctionName } from '../sim/paths';
import { startFunction } from '../sim/process';
import { FunctionPool } from '../sim/render';
import { runBlock, TOUR, tourShell } from '../sim/tour';
import { modelCacheRequest, scheduleRequest } from './fleet';
import { emit } from './stats';

const MiB = 1024 * 1024;
const mib = (bytes: number) => Math.round((bytes / MiB) * 1000) / 1000;

/** The response sizes a function logged, one per RunFunction. */
function loggedBytes(output: string): number[] {
  return output
    .split('\n')
    .filter((l) => l.includes('"msg":"RunFunction"'))
    .map((l) => (JSON.parse(l) as { bytes?: number }).bytes)
    .filter((b): b is number => typeof b === 'number');
}

// The tour, as the demo runs it.
{
  const pool = await FunctionPool.start();
  try {
    const sim = new Simulator(pool);
    const shell = tourShell();
    for (const step of TOUR) for (const block of step.blocks) await runBlock(sim, block, shell);
    for (const fn of FUNCTIONS) {
      const sizes = loggedBytes(pool.output(fn));
      // The tour has no ModelCache: fn-modelcache's rows are the fan-out cases below.
      if (sizes.length === 0) continue;
      emit({ name: `largest-response-${fn}-tour`, calls: sizes.length, response_mib: mib(Math.max(0, ...sizes)) });
    }
  } finally {
    await pool.stop();
  }
}

const peakRssMiB = (pid: number): number => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

/** One request to a fresh process of `fn`: the response size and the process's peak RSS. */
async function fanOut(name: string, fn: FunctionName, json: unknown, extra: Record<string, unknown>): Promise<void> {
  const req = RunFunctionRequest.fromJSON(json);
  const proc = await startFunction(fn, { extraArgs: ['--max-message-size', String(256 * MiB)] });
  const client = functionClient(proc.address);
  try {
    const t0 = process.hrtime.bigint();
    const rsp = await client.run(req, 60_000);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    emit({
      name,
      ...extra,
      request_mib: mib(RunFunctionRequest.encode(req).finish().length),
      response_mib: mib(RunFunctionResponse.encode(rsp).finish().length),
      composed: Object.keys(rsp.desired?.resources ?? {}).length,
      call_ms: Math.round(ms),
      peak_rss_mib: peakRssMiB(proc.process.pid!),
    });
  } finally {
    client.close();
    await proc.stop();
  }
}

await fanOut('largest-response-fn-schedule-1000-replicas', 'fn-schedule', scheduleRequest({ clusters: 1000, otherReplicas: 0, replicas: 1000, env: 256 }), {
  clusters: 1000,
  replicas: 1000,
});
await fanOut('largest-response-fn-modelcache-1000-clusters', 'fn-modelcache', modelCacheRequest(1000), { clusters: 1000 });
await fanOut('largest-response-fn-modelcache-10000-clusters', 'fn-modelcache', modelCacheRequest(10_000), { clusters: 10_000 });
process.exit(0);
