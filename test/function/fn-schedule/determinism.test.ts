// Same request, same response, byte for byte, however busy the machine is (no wall-clock decisions:
// CEL is bounded by counted cost units only). A heavy but valid selector is evaluated on eight
// distinct devices, idle and then while busy worker threads compete for both cores; every response
// must equal the idle one and keep the running replicas.
import { Worker } from 'node:worker_threads';
import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-schedule/compose';
import { clusterObj, deploymentSpec, deploymentXr, gpu, observedReplicas, pool, replicaObj, request, view } from '../../fixtures/fn-schedule';

const list = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`;
/** 10-20 ms per device on an idle core, past 20 ms (the old per-evaluation clock budget) under load. */
const HEAVY = `${list(250)}.all(x, ${list(250)}.all(y, x + y >= 0)) && device.attributes["gpu.nvidia.com"].productName.startsWith("H100")`;
const spec = {
  replicas: 8,
  engines: [
    {
      name: 'vllm',
      members: [
        { nodeSelector: { devices: [{ name: 'gpu', selectors: [{ cel: HEAVY }] }] }, template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } } },
      ],
    },
  ],
};
// Eight clusters, each publishing a distinct device (its own product name), so nothing is shared.
const clusters = Array.from({ length: 8 }, (_, i) => clusterObj(`c${i}`, { pools: [pool('p1', 2, [gpu({ attributes: { productName: { string: `H100 rev ${i}` } } })])] }));
const replicas = clusters.slice(0, 4).map((c) => replicaObj(c.metadata.name, { spec: deploymentSpec(spec) }));
const req = request(deploymentXr(spec), { clusters, replicas, observed: observedReplicas(...replicas) });

const encode = (rsp: RunFunctionResponse) => Buffer.from(RunFunctionResponse.encode(rsp).finish()).toString('base64');

/** Threads that keep every core busy until terminated (bounded: they stop by themselves after 60 s). */
function busyWorkers(n: number): Worker[] {
  const code = 'const end = Date.now() + 60000; let x = 0; while (Date.now() < end) { x = (x * 31 + 7) % 1000003; }';
  return Array.from({ length: n }, () => new Worker(code, { eval: true }));
}

describe('fn-schedule determinism under load', () => {
  let workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.terminate()));
    workers = [];
  });

  it('gives the identical response idle and with every core busy', async () => {
    const idle = compose(req);
    const got = view(idle);
    // The heavy selector matched: the four replicas are kept, four more placed, nothing lost.
    expect(Object.keys(got.resources).filter((k) => k.startsWith('replica-'))).toHaveLength(8);
    expect(got.conditions[0]).toMatch(/^ReplicasScheduled=False Scheduling|^ReplicasScheduled=True ReplicasCreated/);

    workers = busyWorkers(3);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let them get going
    const loaded = Array.from({ length: 5 }, () => encode(compose(req)));
    expect(new Set(loaded)).toEqual(new Set([encode(idle)]));
  }, 60_000);
});
