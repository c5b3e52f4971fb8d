// Retain (scheduling.md, "Phases / Retain"): which of this deployment's replicas keep their cluster.
import { describe, expect, it } from 'vitest';
import { MatchCache } from '../../../functions/fn-schedule/scheduler/match';
import { retainReplicas } from '../../../functions/fn-schedule/scheduler/retain';
import type { Cluster, ObservedReplica } from '../../../functions/fn-schedule/scheduler/types';
import {
  H100,
  MEM_40,
  a100,
  cluster,
  deploymentSpec,
  engine,
  gpu,
  input,
  leader,
  nic,
  pool,
  replica,
  replicaObj,
  request,
  standalone,
  worker,
  type Obj,
} from '../../fixtures/fn-schedule/objects';
import { readReplica } from '../../../functions/fn-schedule/inputs';
import type { ModelDeploymentSpec } from '../../../functions/lib/schema';

const drainTaint = { key: 'maintenance', value: 'true', effect: 'NoExecute' };
const cordonTaint = { key: 'maintenance', value: 'true', effect: 'NoSchedule' };
const base = deploymentSpec();
const gang = deploymentSpec({ engines: [engine('g', [leader(), worker(2)])] });

function retain(o: { spec?: ModelDeploymentSpec | undefined; clusters?: Cluster[] | undefined; replicas: ObservedReplica[] }) {
  const i = input({ spec: o.spec ?? base, clusters: o.clusters ?? [cluster('a')] });
  const selected = new Map(i.clusters.map((c) => [c.name, c] as const));
  const matches = new MatchCache(i.deployment.engines, i.devices);
  return retainReplicas(o.replicas, { engines: i.deployment.engines, selected, tolerations: i.deployment.tolerations, matches });
}

const r = (o: Obj = {}) => replica('a', o);
const withEngines = (engines: Obj[]) => readReplica(replicaObj('a', { engines }))!;

describe('retainReplicas', () => {
  const cases: {
    name: string;
    why: string;
    spec?: ModelDeploymentSpec;
    clusters?: Cluster[];
    replicas: ObservedReplica[];
    kept: string[];
    superseded?: string[];
    dropped?: string[];
    asIs?: string[];
  }[] = [
    { name: 'healthy replica', why: 'everything still lines up', replicas: [r()], kept: ['a/0'] },
    { name: 'cluster gone', why: 'no longer in the selected set', clusters: [cluster('b')], replicas: [r()], kept: [], superseded: ['cluster a is not selected'] },
    {
      name: 'untolerated NoExecute',
      why: 'a drain is a voluntary move: replaced before it is removed',
      clusters: [cluster('a', { taints: [drainTaint] })],
      replicas: [r()],
      kept: [],
      superseded: ['cluster a has untolerated taint maintenance=true:NoExecute'],
    },
    {
      name: 'tolerated NoExecute',
      why: 'the deployment tolerates the drain',
      spec: deploymentSpec({ tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute' }] }),
      clusters: [cluster('a', { taints: [drainTaint] })],
      replicas: [r()],
      kept: ['a/0'],
    },
    { name: 'NoSchedule keeps running replicas', why: 'cordon only stops new placements', clusters: [cluster('a', { taints: [cordonTaint] })], replicas: [r()], kept: ['a/0'] },
    { name: 'cluster not Ready', why: 'a degraded cluster keeps its replicas', clusters: [cluster('a', { ready: false })], replicas: [r()], kept: ['a/0'] },
    { name: 'no gateway address', why: 'degraded, kept (it just gets no endpoint)', clusters: [cluster('a', { address: null })], replicas: [r()], kept: ['a/0'] },
    { name: 'capacity exhausted', why: 'capacity is not checked on retention', clusters: [cluster('a', { pools: [pool('p1', 0)] })], replicas: [r()], kept: ['a/0'] },
    {
      name: 'engine count changed',
      why: 'the deployment now has two engines',
      spec: deploymentSpec({ engines: [engine('vllm'), engine('second')] }),
      replicas: [r()],
      kept: [],
      superseded: ['engine count changed from 1 to 2'],
    },
    {
      name: 'engine renamed',
      why: 'engines are matched by name',
      spec: deploymentSpec({ engines: [engine('sglang')] }),
      replicas: [r()],
      kept: [],
      superseded: ['engine sglang is new'],
    },
    {
      name: 'member count changed',
      why: 'standalone became a gang',
      spec: gang,
      replicas: [withEngines([{ name: 'g', copies: 1, members: [{ role: 'Standalone', nodePoolName: 'p1', template: {} }] }])],
      kept: [],
      superseded: ['engine g changed its member count'],
    },
    {
      name: 'role changed',
      why: 'members are matched by position with equal roles',
      spec: gang,
      replicas: [
        withEngines([
          {
            name: 'g',
            copies: 1,
            members: [
              { role: 'Worker', nodePoolName: 'p1' },
              { role: 'Leader', nodePoolName: 'p1' },
            ],
          },
        ]),
      ],
      kept: [],
      superseded: ['engine g member 0 changed role'],
    },
    { name: 'pinned pool unpublished', why: 'the pool is gone', replicas: [r({ pools: ['old'] })], kept: [], superseded: ['engine vllm pool old is no longer published'] },
    {
      name: 'pinned pool no longer matches',
      why: 'the pool now carries A100s, the selector wants H100',
      clusters: [cluster('a', { pools: [pool('p1', 4, [a100()])] })],
      replicas: [r()],
      kept: [],
      superseded: ['engine vllm pool p1 lacks device for request gpu'],
    },
    {
      name: 'engine claims nothing',
      why: 'the request now matches only a Synthetic device on the pinned pool',
      spec: deploymentSpec({ engines: [engine('vllm', [standalone([request('gpu', ['device.driver == "ib.mellanox.com"'])])])] }),
      clusters: [cluster('a', { pools: [pool('p1', 4, [gpu(), nic()])] })],
      replicas: [r()],
      kept: [],
      superseded: ['engine vllm claims no DRA device on its pools'],
    },
    {
      name: 'duplicate identity',
      why: 'the first by name wins',
      replicas: [r({ name: 'zz-second' }), r({ name: 'aa-first' })],
      kept: ['a/0'],
      dropped: ['duplicate of replica 0 on cluster a'],
    },
    {
      name: 'selector errors on the pinned pool',
      why: 'cannot tell: kept as it is, the field named',
      spec: deploymentSpec({ engines: [engine('vllm', [standalone([request('gpu', ['device.attributes["gpu.nvidia.com"].arch == "Hopper"'])])])] }),
      replicas: [r()],
      kept: ['a/0'],
      asIs: ['SelectorError: spec.engines[0].members[0].nodeSelector.devices[0].selectors[0].cel cannot be evaluated on device gpu of pool p1 (cluster a): No such key: arch'],
    },
    {
      name: 'cluster status wiped',
      why: 'the pinned pool cannot be looked up: kept as it is',
      clusters: [cluster('a', { status: {} })],
      replicas: [r()],
      kept: ['a/0'],
      asIs: ['ClusterStatusUnknown: cluster a: status.gpuPools is missing'],
    },
    {
      name: 'cluster status missing',
      why: 'kept as it is',
      clusters: [cluster('a', { status: null })],
      replicas: [r()],
      kept: ['a/0'],
      asIs: ['ClusterStatusUnknown: cluster a: status is missing'],
    },
    {
      name: 'pinned pool malformed',
      why: 'the entry is unreadable, so the pool reads as missing: cannot tell',
      clusters: [cluster('a', { pools: [{ name: 'p1', nodes: 4, className: 7 }] })],
      replicas: [r()],
      kept: ['a/0'],
      asIs: ['ClusterStatusUnknown: cluster a: status.gpuPools[0].className is missing'],
    },
    {
      name: "pinned pool's class gone",
      why: 'the devices cannot be read without the class: cannot tell',
      clusters: [cluster('a', { pools: [{ name: 'p1', nodes: 4, className: 'deleted' }] })],
      replicas: [r()],
      kept: ['a/0'],
      asIs: ['ClusterStatusUnknown: cluster a: status.gpuPools[0]: InferenceClass deleted not found'],
    },
    {
      name: 'pinned pool in spec, not yet published',
      why: 'the status lags the spec: cannot tell',
      clusters: [cluster('a', { pools: [pool('other')], nodePools: ['other', 'p1'] })],
      replicas: [r()],
      kept: ['a/0'],
      asIs: ['ClusterStatusUnknown: cluster a: pool p1 is in spec.nodePools but not in status.gpuPools'],
    },
    {
      name: 'a definite mismatch outweighs cannot tell',
      why: 'engine e1 errors, engine e2 no longer matches: the replica is replaced',
      spec: deploymentSpec({
        engines: [
          engine('e1', [standalone([request('gpu', ['device.attributes["gpu.nvidia.com"].arch == "Hopper"'])])]),
          engine('e2', [standalone([request('gpu', ['device.driver == "x"'])])]),
        ],
      }),
      replicas: [r({ spec: deploymentSpec({ engines: [engine('e1'), engine('e2')] }) })],
      kept: [],
      superseded: ['engine e2 pool p1 lacks device for request gpu'],
    },
    { name: 'missing index reads as 0', why: 'identity (a, 0)', replicas: [r({ index: null })], kept: ['a/0'] },
    { name: 'non-integer index reads as 0', why: 'identity (a, 0)', replicas: [r({ index: 'x1' })], kept: ['a/0'] },
  ];
  it.each(cases)('$name', ({ spec, clusters, replicas, kept, superseded, dropped, asIs }) => {
    const got = retain({ spec, clusters, replicas });
    expect(got.retained.map((p) => `${p.cluster}/${p.index}`)).toEqual(kept);
    expect(got.superseded.map((d) => d.why)).toEqual(superseded ?? []);
    expect(got.dropped.map((d) => d.why)).toEqual(dropped ?? []);
    expect(got.retained.flatMap((p) => (p.keptAsIs ? [`${p.keptAsIs.reason}: ${p.keptAsIs.message}`] : []))).toEqual(asIs ?? []);
  });

  it('keeps the name that won a duplicate identity', () => {
    const got = retain({ replicas: [r({ name: 'zz-second' }), r({ name: 'aa-first' })] });
    expect(got.retained[0]!.retained!.name).toBe('aa-first');
  });

  it('keeps the observed requests when the new selectors resolve to the same claims (nothing restarts)', () => {
    const spec = deploymentSpec({ engines: [engine('vllm', [standalone([request('gpu', [MEM_40])])])] });
    const got = retain({ spec, replicas: [r()] });
    expect(got.retained[0]!.engines[0]!.members[0]!.deviceRequests).toEqual([{ name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: [{ cel: H100 }] }]);
  });

  it('re-resolves device requests from the current selectors on the pinned pool', () => {
    const spec = deploymentSpec({ engines: [engine('vllm', [standalone([request('gpu', ['device.driver == "gpu.nvidia.com"'], 2)])])] });
    const got = retain({
      spec,
      clusters: [cluster('a', { pools: [pool('p1', 4, [gpu({ deviceClassName: 'h100.nvidia.com' })])] })],
      replicas: [r({ spec: deploymentSpec({ engines: [engine('vllm', [standalone([request('gpu', [H100])])])] }) })],
    });
    expect(got.retained[0]!.engines).toEqual([
      {
        name: 'vllm',
        members: [
          { nodePoolName: 'p1', deviceRequests: [{ name: 'gpu', deviceClassName: 'h100.nvidia.com', count: 2, selectors: [{ cel: 'device.driver == "gpu.nvidia.com"' }] }] },
        ],
      },
    ]);
  });
});
