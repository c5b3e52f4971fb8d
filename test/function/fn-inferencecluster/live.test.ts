// Live capacity publication, over real gRPC against the built fn-inferencecluster bundle: the
// capacity report the observe-only Object brings back (simulated here: no inference cluster runs
// offline, so the Object's observed manifest is what the reporter would have written) becomes
// status.gpuPools[].live and the CapacityReported condition; a missing or malformed report
// publishes no live numbers and says why; the allocation ledger never depends on the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunFunctionRequest, Status, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { CONDITION, REASON } from '../../../functions/fn-inferencecluster/conditions';
import { KEYS } from '../../../functions/fn-inferencecluster/names';
import { CAPACITY_REPORT } from '../../../functions/lib/contracts';
import { functionClient, type FunctionClient } from '../../../sim/client';
import { startFunction, type RunningFunction } from '../../../sim/process';
import { allRequired, CLUSTERS, clusterXr, converge, desired, desiredStatus, request, simulateProviders } from '../../fixtures/fn-inferencecluster';

type Obj = Record<string, any>;

const AT = '2026-12-04T09:00:00Z';
const gpuNode = (name: string, pool: string, published: number, foreign: number, o: Obj = {}) => ({
  name,
  pool,
  ready: true,
  unschedulable: false,
  taints: [],
  devices: { 'gpu.nvidia.com': { published, foreign } },
  ...o,
});

/** The observed report Object, as provider-kubernetes would show the ConfigMap the reporter wrote. */
const reportObject = (observer: Obj, data: Obj | undefined): Obj => ({
  ...observer,
  status: {
    conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }],
    atProvider: { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: CAPACITY_REPORT.name, namespace: CAPACITY_REPORT.namespace }, ...(data ? { data } : {}) } },
  },
});

let fn: RunningFunction;
let client: FunctionClient;
beforeAll(async () => {
  fn = await startFunction('fn-inferencecluster');
  client = functionClient(fn.address);
});
afterAll(async () => {
  client?.close();
  await fn?.stop();
});

// A converged AKS cluster: pool h100-pool, 8 GPUs per node, nodeCount 1, maxNodeCount 3.
const spec = CLUSTERS.aks!;
const passes = converge(clusterXr('aks-1', spec), allRequired(spec));
const observed = simulateProviders(desired(passes.at(-1)!));
const status = desiredStatus(passes.at(-1)!);

async function run(data: Obj | undefined): Promise<RunFunctionResponse> {
  const obs = { ...observed, [KEYS.capacityReport]: reportObject(observed[KEYS.capacityReport]!, data) };
  const req = request({ xr: clusterXr('aks-1', spec, status), observed: obs, required: allRequired(spec) });
  return client.run(RunFunctionRequest.fromPartial(req));
}

const statusOf = (rsp: RunFunctionResponse): Obj => (rsp.desired?.composite?.resource as Obj | undefined)?.status ?? {};
const capacity = (rsp: RunFunctionResponse) => {
  const c = rsp.conditions?.find((x) => x.type === CONDITION.capacityReported);
  return c && { status: c.status, reason: c.reason, message: c.message };
};

describe('fn-inferencecluster publishes live capacity (gRPC)', () => {
  it('the observer is composed once the system namespace is Ready, observe-only', () => {
    const observer = observed[KEYS.capacityReport]!;
    expect(observer.spec.managementPolicies).toEqual(['Observe']);
    expect(observer.spec.forProvider.manifest).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: CAPACITY_REPORT.name, namespace: CAPACITY_REPORT.namespace } });
  });

  it('a report: per-pool live numbers with reportedAt; nodes of unknown pools are ignored; the ledger is unchanged', async () => {
    const nodes = [
      gpuNode('n1', 'h100-pool', 8, 3),
      gpuNode('n2', 'h100-pool', 8, 0, { ready: false }),
      gpuNode('n3', 'h100-pool', 8, 0, { taints: [{ key: 'example.com/maintenance', effect: 'NoSchedule' }] }),
      gpuNode('x1', 'someone-elses', 8, 0),
    ];
    const rsp = await run({ reportedAt: AT, nodes: JSON.stringify(nodes) });
    const s = statusOf(rsp);
    expect(s.gpuPools.map((p: Obj) => [p.name, p.nodes, p.live])).toEqual([
      ['h100-pool', 3, { reportedAt: AT, nodes: 3, schedulableNodes: 1, devices: 8, foreignDevices: 3, free: ['1x5'], headroomNodes: 0 }],
    ]);
    expect(s.ledger).toEqual(status.ledger);
    expect(capacity(rsp)).toEqual({ status: Status.STATUS_CONDITION_TRUE, reason: REASON.reported, message: `4 nodes in 2 pools reported at ${AT}` });
  });

  it('an autoscaled pool with fewer nodes than maxNodeCount: headroom', async () => {
    const rsp = await run({ reportedAt: AT, nodes: JSON.stringify([gpuNode('n1', 'h100-pool', 8, 0)]) });
    expect(statusOf(rsp).gpuPools[0].live).toMatchObject({ nodes: 1, schedulableNodes: 1, free: ['1x8'], headroomNodes: 2 });
  });

  it.each([
    { name: 'not written yet', data: undefined, reason: REASON.reportMissing, message: /has not been written yet; configured capacity in effect/ },
    {
      name: 'a bad node entry',
      data: { reportedAt: AT, nodes: JSON.stringify([{ name: 'n1' }]) },
      reason: REASON.reportMalformed,
      message: /data\.nodes\[0\]\.pool: not a pool name/,
    },
    { name: 'no reportedAt', data: { nodes: '[]' }, reason: REASON.reportMalformed, message: /data\.reportedAt/ },
  ])('$name: no live numbers, CapacityReported False $reason', async ({ data, reason, message }) => {
    const rsp = await run(data);
    expect(statusOf(rsp).gpuPools.map((p: Obj) => p.live)).toEqual([undefined]);
    const c = capacity(rsp)!;
    expect([c.status, c.reason]).toEqual([Status.STATUS_CONDITION_FALSE, reason]);
    expect(c.message).toMatch(message);
    // Serving is not gated on the reporter.
    expect(rsp.desired?.composite?.ready).toBe(1);
  });
});
