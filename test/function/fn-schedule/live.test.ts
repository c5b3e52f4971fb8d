// Live capacity through fn-schedule's whole RunFunction over real gRPC (the built bundle): the
// clusters' status.gpuPools[].live as fn-inferencecluster publishes it decides where new replicas
// go while fresh by the request's clock, and status says which capacity it used; stale, it falls
// back to the configured capacity; running replicas are never dropped for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionClient, type FunctionClient } from '../../../sim/client';
import { startFunction, type RunningFunction } from '../../../sim/process';
import { clusterObj, deploymentXr, observedReplicas, pool, replicaObj, request, view, deploymentSpec, type Obj } from '../../fixtures/fn-schedule';

const REPORTED = '2026-12-04T09:00:00Z';
const live = (free: string[], reportedAt = REPORTED) => ({ reportedAt, nodes: 2, schedulableNodes: 2, devices: 16, foreignDevices: 0, free, headroomNodes: 0 });
/** Two 8-GPU nodes; `free` is what the cluster's reporter last saw. */
const shared = (name: string, free: string[] | undefined, reportedAt?: string) =>
  clusterObj(name, { address: `10.0.0.${name === 'cluster-a' ? 1 : 2}`, pools: [{ ...pool('p1', 2), ...(free ? { live: live(free, reportedAt) } : {}) }] });

/** A deployment of 8-GPU replicas whose own status carries the request's clock (a condition transition). */
const xr = (replicas: number, clock: string) =>
  deploymentXr(
    {
      replicas,
      engines: [
        {
          name: 'vllm',
          members: [
            {
              nodeSelector: { devices: [{ name: 'gpu', count: 8, selectors: [{ cel: 'device.attributes["gpu.nvidia.com"].productName == "H100"' }] }] },
              template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } },
            },
          ],
        },
      ],
    },
    { conditions: [{ type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: clock }] },
  );

let fn: RunningFunction;
let client: FunctionClient;
beforeAll(async () => {
  fn = await startFunction('fn-schedule');
  client = functionClient(fn.address);
});
afterAll(async () => {
  client?.close();
  await fn?.stop();
});

const run = async (x: Obj, o: Parameters<typeof request>[1]) => view(await client.run(request(x, o)));

describe('fn-schedule with live capacity (gRPC)', () => {
  it('a fresh report: another tenant holds cluster-a (which wins the name tie), so both replicas go to cluster-b, saying it used live numbers', async () => {
    const got = await run(xr(2, '2026-12-04T09:01:00Z'), { clusters: [shared('cluster-a', ['2x0']), shared('cluster-b', ['2x8'])], replicas: [] });
    expect(Object.keys(got.resources)).toEqual(['replica-cluster-b-0', 'replica-cluster-b-1']);
    const placements = got.status!.placements as Obj[];
    expect(placements.map((p) => p.engines[0].why)).toEqual([
      `the first published pool that fits; live capacity reported ${REPORTED}`,
      `the first published pool that fits; live capacity reported ${REPORTED}`,
    ]);
  });

  it('one more than fits: status.unschedulable names the live capacity it judged by', async () => {
    const got = await run(xr(3, '2026-12-04T09:01:00Z'), { clusters: [shared('cluster-a', ['2x0']), shared('cluster-b', ['2x8'])], replicas: [] });
    expect(got.status!.unschedulable).toEqual([
      { cluster: 'cluster-a', reason: `engine vllm fits no pool: pool p1: largest free block 0 devices, a pod needs 8 (live capacity reported ${REPORTED})` },
      { cluster: 'cluster-b', reason: `engine vllm fits no pool: pool p1: largest free block 0 devices, a pod needs 8 (live capacity reported ${REPORTED})` },
    ]);
  });

  it('the same report, stale by the request clock: configured capacity, and the placement says why', async () => {
    const got = await run(xr(2, '2026-12-04T10:00:00Z'), { clusters: [shared('cluster-a', ['2x0']), shared('cluster-b', ['2x8'])], replicas: [] });
    expect(Object.keys(got.resources)).toEqual(['replica-cluster-a-0', 'replica-cluster-b-0']);
    const why = (got.status!.placements as Obj[]).map((p) => p.engines[0].why as string);
    expect(why[0]).toMatch(new RegExp(`configured capacity: live report from ${REPORTED} is stale \\(more than 300s before 2026-12-04T10:00:00.000Z\\)$`));
  });

  it('running replicas on a cluster whose fresh report shows nothing free are kept, not dropped', async () => {
    const x = xr(2, '2026-12-04T09:01:00Z');
    const spec = deploymentSpec({ replicas: 2, engines: x.spec.engines });
    const mine = [0, 1].map((index) => replicaObj('cluster-a', { spec, index }));
    const got = await run(x, { clusters: [shared('cluster-a', ['2x0'])], replicas: mine, observed: observedReplicas(...mine) });
    expect(Object.keys(got.resources).filter((k) => k.startsWith('replica-'))).toEqual(['replica-cluster-a-0', 'replica-cluster-a-1']);
    expect(got.events.filter((e) => e.includes('Removed'))).toEqual([]);
  });
});
