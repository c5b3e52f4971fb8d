// RunFunction over loopback gRPC, cold start and peak memory, measured on real processes:
// - p50/p99 of fn-schedule for a typical ModelDeployment (20 clusters) vs a no-op function served
//   by the same runtime;
// - cold start, process start to first successful RunFunction, bundle vs unbundled;
// - fn-schedule at fleet scale (1,000 clusters x 8 pools, 10,000 replicas in the clusters' ledgers):
//   request size, p50 and peak RSS, the client sending pre-encoded bytes.
// Targets: bench/targets.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import * as grpc from '@grpc/grpc-js';
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { FunctionRunnerService } from '../functions/lib/runtime/codec';
import { functionClient } from '../sim/client';
import { freePort } from '../sim/process';
import { DIST, ROOT } from '../sim/paths';
import { scheduleRequest } from './fleet';
import { emit, percentile, time } from './stats';

async function bundleNoop(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-bench-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}');
  const outfile = join(dir, 'fn-noop.js');
  await build({ entryPoints: [join(ROOT, 'bench', 'noop-function.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', minify: true, logLevel: 'error' });
  return outfile;
}

interface Proc {
  pid: number;
  address: string;
  stop(): void;
}

/** Spawns a function and resolves once it logs that it is serving. */
async function start(cmd: readonly string[]): Promise<Proc> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...cmd, '--insecure', '--address', address, '--metrics-address', 'off'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('"msg":"serving"')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  child.stdout.resume();
  return { pid: child.pid!, address, stop: () => child.kill('SIGTERM') };
}

/** Process start to the first successful RunFunction, in ms. */
async function coldStart(cmd: readonly string[], req: RunFunctionRequest): Promise<number> {
  const t0 = process.hrtime.bigint();
  const proc = await start(cmd);
  const client = functionClient(proc.address);
  await client.run(req, 5_000);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  client.close();
  proc.stop();
  return ms;
}

/** A RunFunction client that sends bytes as they are and returns the response's bytes undecoded. */
function rawClient(address: string) {
  const identity = (b: Buffer): Buffer => b;
  const Raw = grpc.makeGenericClientConstructor(
    { runFunction: { ...FunctionRunnerService.runFunction, requestSerialize: identity, responseDeserialize: identity } },
    'FunctionRunnerService',
  );
  const client = new Raw(address, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 100 * 2 ** 20,
    'grpc.max_send_message_length': 100 * 2 ** 20,
  }) as unknown as grpc.Client & {
    runFunction(req: Buffer, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, rsp: Buffer) => void): void;
  };
  return {
    run: (req: Buffer, deadlineMs: number) =>
      new Promise<Buffer>((resolve, reject) => client.runFunction(req, { deadline: Date.now() + deadlineMs }, (err, rsp) => (err ? reject(err) : resolve(rsp)))),
    close: () => client.close(),
  };
}

const peakRssMiB = (pid: number): number => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

const typical = RunFunctionRequest.fromJSON(scheduleRequest({ clusters: 20, otherReplicas: 100, replicas: 3 }));
const noopPath = await bundleNoop();

// Latency: the same request against fn-schedule and the no-op baseline.
const latency: Record<string, { median_ms: number; p99_ms: number }> = {};
for (const [name, cmd] of [
  ['fn-noop', [noopPath]],
  ['fn-schedule', [join(DIST, 'fn-schedule.js')]],
] as const) {
  const proc = await start(cmd);
  const client = functionClient(proc.address);
  const t = await time(() => client.run(typical), 1_000, 100);
  latency[name] = t;
  emit({ name: `runfunction-${name}-20-clusters`, request_bytes: RunFunctionRequest.encode(typical).finish().length, ...t });
  client.close();
  proc.stop();
}
emit({
  name: 'runfunction-ratio-to-noop',
  p50_ratio: Math.round((latency['fn-schedule']!.median_ms / latency['fn-noop']!.median_ms) * 100) / 100,
  p99_ratio: Math.round((latency['fn-schedule']!.p99_ms / latency['fn-noop']!.p99_ms) * 100) / 100,
});

// Cold start: bundle vs unbundled TypeScript (tsx), median of 7.
for (const [name, cmd] of [
  ['bundle', [join(DIST, 'fn-schedule.js')]],
  ['unbundled', ['--import', 'tsx', join(ROOT, 'functions', 'fn-schedule', 'main.ts')]],
] as const) {
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) samples.push(await coldStart(cmd, typical));
  samples.sort((a, b) => a - b);
  emit({ name: `cold-start-${name}`, median_ms: Math.round(percentile(samples, 50)), min_ms: Math.round(samples[0]!) });
}

// The fleet at scale: 1,000 clusters x 8 pools, 10,000 replicas fleet-wide (in the clusters'
// ledgers), a new 50-replica deployment. The client sends the request pre-encoded and keeps the
// response as bytes, so the times and the RSS are the function's own, not the client's encoding.
{
  const largest = RunFunctionRequest.fromJSON(scheduleRequest({ clusters: 1000, otherReplicas: 10_000, replicas: 50 }));
  const bytes = Buffer.from(RunFunctionRequest.encode(largest).finish());
  const proc = await start([join(DIST, 'fn-schedule.js')]);
  const client = rawClient(proc.address);
  const t = await time(() => client.run(bytes, 30_000), 30, 3);
  emit({
    name: 'runfunction-fn-schedule-1000-clusters',
    request_bytes: bytes.length,
    request_mib: Math.round((bytes.length / 2 ** 20) * 100) / 100,
    peak_rss_mib: peakRssMiB(proc.pid),
    ...t,
  });
  client.close();
  proc.stop();
}
process.exit(0);
