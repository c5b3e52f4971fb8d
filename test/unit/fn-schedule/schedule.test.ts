// The scheduler end to end over typed inputs: every phase rule of scheduling.md, in one table.
import { describe, expect, it } from 'vitest';
import { describeRejection } from '../../../functions/fn-schedule/scheduler/explain';
import { schedule } from '../../../functions/fn-schedule/scheduler/schedule';
import type { Cluster, ObservedReplica } from '../../../functions/fn-schedule/scheduler/types';
import { replicaName } from '../../../functions/lib/k8s/names';
import type { ModelDeploymentSpec } from '../../../functions/lib/schema';
import { IB, a100, cluster, deploymentSpec, engine, gpu, input, leader, nic, pool, replica, request, standalone, where, worker } from '../../fixtures/fn-schedule/objects';

const spec = (replicas: number, over: Record<string, unknown> = {}) => deploymentSpec({ replicas, ...over });
const two = [cluster('a'), cluster('b')];
const three = [cluster('a'), cluster('b'), cluster('c')];
/** A pool of nodes with one GPU each: a 1-GPU pod fills a node, so counts read as nodes. */
const whole = (name: string, nodes: number) => pool(name, nodes, [gpu({ count: 1 })]);
const gang = (nodes: number, copies = 1, leaderRequests = true) => engine('gang', [leader(leaderRequests ? [request()] : undefined), worker(nodes)], { copies });

interface Case {
  name: string;
  why: string;
  spec: ModelDeploymentSpec;
  clusters?: Cluster[];
  replicas?: ObservedReplica[];
  fill?: boolean;
  namespace?: string;
  want: string[];
  pools?: string[][];
  unschedulable?: string[];
  dropped?: string[];
  scaledDown?: string[];
  /** `cluster/index: why` of superseded replicas kept until their replacements are Ready. */
  replacing?: string[];
  /** `cluster/index: reason` of replicas kept as they are. */
  asIs?: string[];
}

const cases: Case[] = [
  { name: 'spread', why: 'one replica per cluster first', spec: spec(3), clusters: three, want: ['a/0', 'b/0', 'c/0'] },
  { name: 'balanced, not packed', why: 'smallest (load, name) each time: round-robin', spec: spec(5), clusters: two, want: ['a/0', 'a/1', 'a/2', 'b/0', 'b/1'] },
  { name: 'sticky', why: 'an existing replica on b is not moved to a', spec: spec(1), replicas: [replica('b')], want: ['b/0'] },
  { name: 'sticky scale up', why: 'the new replica goes to the emptier cluster a', spec: spec(2), replicas: [replica('b')], want: ['a/0', 'b/0'] },
  {
    name: 'cluster disappears',
    why: 'the Ready replica on c is replaced on a before it goes',
    spec: spec(1),
    replicas: [replica('c')],
    want: ['a/0'],
    replacing: ['c/0: cluster c is not selected'],
  },
  {
    name: 'cluster disappears, replacement Ready',
    why: 'a/0 is Ready: the old replica on c is no longer needed',
    spec: spec(1),
    replicas: [replica('c'), replica('a')],
    want: ['a/0'],
    dropped: ['cluster c is not selected; enough replicas are Ready without it'],
  },
  {
    name: 'cluster disappears, replica not Ready',
    why: 'an unready replica serves nothing: dropped at once',
    spec: spec(1),
    replicas: [replica('c', { ready: false })],
    want: ['a/0'],
    dropped: ['cluster c is not selected; not Ready'],
  },
  {
    name: 'degraded cluster retained',
    why: 'a is not Ready: its replica stays, the new one goes to b',
    spec: spec(2),
    clusters: [cluster('a', { ready: false }), cluster('b')],
    replicas: [replica('a')],
    want: ['a/0', 'b/0'],
  },
  {
    name: 'scale down',
    why: 'b is most loaded, then the greater name',
    spec: spec(2),
    replicas: [replica('a'), replica('b'), replica('b', { index: 1 })],
    want: ['a/0', 'b/0'],
    scaledDown: ['b/1'],
  },
  { name: 'replicas: 0', why: 'keeps nothing', spec: spec(0), replicas: [replica('a'), replica('b')], want: [], scaledDown: ['b/0', 'a/0'] },
  { name: 'lowest unused index', why: 'index 1 is taken on a, 0 is free', spec: spec(2), clusters: [cluster('a')], replicas: [replica('a', { index: 1 })], want: ['a/0', 'a/1'] },
  {
    name: 'gang cost does not fit',
    why: '(1 + 3) x 2 = 8 single-GPU nodes, the pool has 7: the second copy finds 3 distinct nodes',
    spec: spec(1, { engines: [gang(3, 2)] }),
    clusters: [cluster('a', { pools: [whole('p1', 7)] })],
    want: [],
    unschedulable: ['a: engine gang fits no pool: pool p1 needs 4 free nodes, has 3'],
  },
  { name: 'gang cost fits', why: '(1 + 3) x 2 = 8 of 8', spec: spec(1, { engines: [gang(3, 2)] }), clusters: [cluster('a', { pools: [pool('p1', 8)] })], want: ['a/0'] },
  {
    name: 'claimless leader',
    why: 'only 3 x 2 workers are charged: 6 of 6 fits',
    spec: spec(1, { engines: [gang(3, 2, false)] }),
    clusters: [cluster('a', { pools: [pool('p1', 6)] })],
    want: ['a/0'],
  },
  {
    name: 'copies',
    why: '3 copies need 3 GPUs, the pool has 2 single-GPU nodes',
    spec: spec(1, { engines: [engine('vllm', [standalone()], { copies: 3 })] }),
    clusters: [cluster('a', { pools: [whole('p1', 2)] })],
    want: [],
    unschedulable: ['a: engine vllm fits no pool: pool p1: largest free block 0 devices, a pod needs 1'],
  },
  {
    name: 'one pool per engine, pool order',
    why: 'p1 is full, so the engine takes p2 (both match)',
    spec: spec(1),
    clusters: [cluster('a', { pools: [pool('p1', 0), pool('p2', 1)] })],
    want: ['a/0'],
    pools: [['p2']],
  },
  {
    name: 'multi-engine trial copy',
    why: 'both engines need 2 GPUs; p1 has 3 so the second engine moves to p2',
    spec: spec(1, { engines: [engine('e1', [standalone()], { copies: 2 }), engine('e2', [standalone()], { copies: 2 })] }),
    clusters: [cluster('a', { pools: [whole('p1', 3), whole('p2', 2)] })],
    want: ['a/0'],
    pools: [['p1', 'p2']],
  },
  {
    name: 'multi-engine all or nothing',
    why: 'the second engine fits nowhere, so the replica does not fit',
    spec: spec(1, { engines: [engine('e1', [standalone()], { copies: 2 }), engine('e2', [standalone()], { copies: 2 })] }),
    clusters: [cluster('a', { pools: [whole('p1', 3)] })],
    want: [],
    unschedulable: ['a: engine e2 fits no pool: pool p1: largest free block 0 devices, a pod needs 1'],
  },
  {
    name: 'PrefillDecode',
    why: 'both phases on one cluster, different pools allowed',
    spec: spec(1, {
      serving: { mode: 'PrefillDecode' },
      engines: [
        engine('prefill', [standalone([request('gpu', ['device.attributes["gpu.nvidia.com"].productName == "A100"'])])], { phase: 'Prefill' }),
        engine('decode', [standalone()], { phase: 'Decode' }),
      ],
    }),
    clusters: [cluster('a', { pools: [pool('h', 1, [gpu()]), pool('x', 1, [a100()])] })],
    want: ['a/0'],
    pools: [['x', 'h']],
  },
  {
    name: 'other deployments hold capacity',
    why: "a is full with someone else's replica; b takes it",
    spec: spec(1),
    clusters: [cluster('a', { pools: [whole('p1', 1)] }), cluster('b', { pools: [whole('p1', 1)] })],
    replicas: [replica('a', { deployment: 'other' })],
    want: ['b/0'],
  },
  {
    name: 'overcommitted pool',
    why: 'a is overcommitted by others (two 1-GPU pods on one 1-GPU node) and fits nothing',
    spec: spec(1),
    clusters: [cluster('a', { pools: [whole('p1', 1)] })],
    replicas: [replica('a', { deployment: 'x' }), replica('a', { deployment: 'y' })],
    want: [],
    unschedulable: ['a: engine vllm fits no pool: pool p1: largest free block 0 devices, a pod needs 1'],
  },
  {
    name: 'lost a race for the last GPU',
    why: 'placed at the same instant as an older replica of another deployment on a 1-GPU pool, not Ready: it holds nothing and is placed again on b',
    spec: spec(1),
    clusters: [cluster('a', { pools: [whole('p1', 1)] }), cluster('b', { pools: [whole('p1', 1)] })],
    replicas: [
      { ...replica('a', { deployment: 'other' }), placedAt: '2026-01-01T00:00:00Z' },
      { ...replica('a', { ready: false }), placedAt: '2026-01-01T00:00:01Z' },
    ],
    want: ['b/0'],
    dropped: ['pool p1 of a is overcommitted and this replica is the youngest claim that does not fit'],
  },
  {
    name: 'won the race: the older replica stays',
    why: 'ours is the older claim; the other deployment re-places its own',
    spec: spec(1),
    clusters: [cluster('a', { pools: [whole('p1', 1)] }), cluster('b', { pools: [whole('p1', 1)] })],
    replicas: [
      { ...replica('a', { deployment: 'other', ready: false }), placedAt: '2026-01-01T00:00:01Z' },
      { ...replica('a', { ready: false }), placedAt: '2026-01-01T00:00:00Z' },
    ],
    want: ['a/0'],
  },
  {
    name: 'a Ready replica is never evicted for an overcommit',
    why: 'the cluster says it runs: it stays, and nothing more is placed on the pool',
    spec: spec(2),
    clusters: [cluster('a', { pools: [whole('p1', 1)] })],
    replicas: [
      { ...replica('a', { deployment: 'other' }), placedAt: '2026-01-01T00:00:00Z' },
      { ...replica('a'), placedAt: '2026-01-01T00:00:01Z' },
    ],
    want: ['a/0'],
    unschedulable: ['a: engine vllm fits no pool: pool p1: largest free block 0 devices, a pod needs 1'],
  },
  {
    name: 'same name, other namespace',
    why: "never adopted; it holds a's only GPU, so ours goes to b",
    spec: spec(1),
    clusters: [cluster('a', { pools: [whole('p1', 1)] }), cluster('b')],
    replicas: [replica('a', { namespace: 'other-team' })],
    want: ['b/0'],
  },
  {
    name: 'a replacement needs room',
    why: 'the renamed engine supersedes the Ready replica, which keeps its only node until a replacement is Ready',
    spec: spec(1, { engines: [engine('renamed')] }),
    clusters: [cluster('a', { pools: [whole('p1', 1)] })],
    replicas: [replica('a')],
    want: [],
    replacing: ['a/0: engine renamed is new'],
    unschedulable: ['a: engine renamed fits no pool: pool p1: largest free block 0 devices, a pod needs 1'],
  },
  {
    name: 'a replacement next to the old replica',
    why: 'room for both: the replacement takes the next index, the old one stays until it is Ready',
    spec: spec(1, { engines: [engine('renamed')] }),
    clusters: [cluster('a', { pools: [pool('p1', 2)] })],
    replicas: [replica('a')],
    want: ['a/1'],
    replacing: ['a/0: engine renamed is new'],
  },
  {
    name: 'an unready superseded replica frees its capacity',
    why: 'not Ready: dropped at once; the new one reuses its node and identity',
    spec: spec(1, { engines: [engine('renamed')] }),
    clusters: [cluster('a', { pools: [pool('p1', 1)] })],
    replicas: [replica('a', { ready: false })],
    want: ['a/0'],
    dropped: ['engine renamed is new; not Ready'],
  },
  {
    name: 'only as many kept as needed',
    why: 'two Ready replicas superseded, one replacement already Ready: one old replica stays',
    spec: spec(2, { clusterSelector: { matchLabels: { tier: 'new' } } }),
    clusters: [cluster('a'), cluster('b'), cluster('n', { labels: { tier: 'new' } })],
    replicas: [replica('a'), replica('b'), replica('n')],
    want: ['n/0', 'n/1'],
    replacing: ['a/0: cluster a is not selected'],
    dropped: ['cluster b is not selected; enough replicas are Ready without it'],
  },
  {
    name: 'cordon',
    why: 'untolerated NoSchedule: no new replicas on a',
    spec: spec(1),
    clusters: [cluster('a', { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] }), cluster('b')],
    want: ['b/0'],
  },
  {
    name: 'cordon tolerated',
    why: 'Exists with an empty key tolerates everything',
    spec: spec(1, { tolerations: [{ operator: 'Exists' }] }),
    clusters: [cluster('a', { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] }), cluster('b')],
    want: ['a/0'],
  },
  {
    name: 'drain',
    why: 'untolerated NoExecute: the Ready replica stays until its replacement on b is Ready',
    spec: spec(1),
    clusters: [cluster('a', { taints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }] }), cluster('b')],
    replicas: [replica('a')],
    want: ['b/0'],
    replacing: ['a/0: cluster a has untolerated taint maintenance=true:NoExecute'],
  },
  {
    name: 'drain, replacement Ready',
    why: 'the replacement on b is Ready: the drained replica goes',
    spec: spec(1),
    clusters: [cluster('a', { taints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }] }), cluster('b')],
    replicas: [replica('a'), replica('b')],
    want: ['b/0'],
    dropped: ['cluster a has untolerated taint maintenance=true:NoExecute; enough replicas are Ready without it'],
  },
  {
    name: 'drain, not Ready',
    why: 'a drained replica that serves nothing goes at once',
    spec: spec(1),
    clusters: [cluster('a', { taints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }] }), cluster('b')],
    replicas: [replica('a', { ready: false })],
    want: ['b/0'],
    dropped: ['cluster a has untolerated taint maintenance=true:NoExecute; not Ready'],
  },
  {
    name: 'toleration effect mismatch',
    why: 'a NoSchedule toleration does not tolerate NoExecute',
    spec: spec(1, { tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoSchedule' }] }),
    clusters: [cluster('a', { taints: [{ key: 'maintenance', effect: 'NoExecute' }] })],
    want: [],
    unschedulable: ['a: untolerated taint maintenance:NoExecute'],
  },
  {
    name: 'matchExpressions select',
    why: 'region In [eu] excludes b',
    spec: spec(2, { clusterSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] } }),
    clusters: [cluster('a', { labels: { region: 'eu' } }), cluster('b', { labels: { region: 'us' } }), cluster('c', { labels: { region: 'eu' } })],
    want: ['a/0', 'c/0'],
  },
  {
    name: 'fill skipped',
    why: 'cache unresolved or missing: retain and scale down only',
    spec: spec(3),
    fill: false,
    replicas: [replica('b')],
    want: ['b/0'],
  },
  {
    name: 'Synthetic device required',
    why: "only b's pool carries the NIC",
    spec: spec(1, { engines: [engine('vllm', [standalone([request(), request('ib', [IB])])])] }),
    clusters: [cluster('a'), cluster('b', { pools: [pool('p1', 4, [gpu(), nic()])] })],
    want: ['b/0'],
  },
  {
    name: 'every rejected cluster explained',
    why: 'short by one: one reason per cluster, in name order',
    spec: spec(2, { clusterSelector: { matchLabels: { tier: 'gpu' } } }),
    clusters: [
      cluster('a', { labels: { tier: 'gpu' }, pools: [whole('p1', 1)] }),
      cluster('b', { labels: { tier: 'cpu' } }),
      cluster('c', { labels: { tier: 'gpu' }, ready: false }),
      cluster('d', { labels: { tier: 'gpu' }, address: null }),
      cluster('e', { labels: { tier: 'gpu' }, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }),
      cluster('f', { labels: { tier: 'gpu' }, pools: [pool('a100', 4, [a100()]), pool('small', 0)] }),
      cluster('g', { labels: { tier: 'gpu' }, pools: [] }),
      cluster('h', { labels: { tier: 'gpu' }, pools: [whole('p1', 1)] }),
    ],
    replicas: [replica('h', { deployment: 'x' })],
    want: ['a/0'],
    unschedulable: [
      'a: engine vllm fits no pool: pool p1: largest free block 0 devices, a pod needs 1',
      'b: not selected',
      'c: not Ready',
      'd: no gateway address',
      'e: untolerated taint k=v:NoSchedule',
      'f: engine vllm fits no pool: pool a100 lacks device for request gpu; pool small: largest free block 0 devices, a pod needs 1',
      'g: published status cannot be read: status.gpuPools is empty',
      'h: engine vllm fits no pool: pool p1: largest free block 0 devices, a pod needs 1',
    ],
  },
  {
    name: 'no device anywhere',
    why: 'nothing is claimable because nothing matches: each pool says what it lacks, or why it cannot tell',
    spec: spec(1),
    clusters: [cluster('a', { pools: [pool('a100', 4, [a100()]), pool('nic', 4, [nic()])] })],
    want: [],
    unschedulable: [
      'a: engine vllm fits no pool: pool a100 lacks device for request gpu; ' +
        'pool nic cannot be evaluated for request gpu: spec.engines[0].members[0].nodeSelector.devices[0].selectors[0].cel on device ib: No such key: productName',
    ],
  },
  {
    name: 'fresh placement never uses a pool it cannot evaluate',
    why: 'the selector errors on a (no such attribute) and matches on b',
    spec: spec(1, { engines: [engine('vllm', [standalone([request('gpu', ['device.attributes["gpu.nvidia.com"].arch == "Hopper"'])])])] }),
    clusters: [cluster('a'), cluster('b', { pools: [pool('p1', 4, [gpu({ attributes: { arch: { string: 'Hopper' } } })])] })],
    want: ['b/0'],
  },
  {
    name: 'fresh placement never uses a cluster whose status cannot be read',
    why: 'a publishes no gpuPools at all; b is used',
    spec: spec(2),
    clusters: [cluster('a', { status: { conditions: [{ type: 'Ready', status: 'True' }], gateway: { address: 'a.gw' } } }), cluster('b')],
    want: ['b/0', 'b/1'],
  },
  {
    name: 'a replica whose fit cannot be told is kept and counted',
    why: "its cluster's status is wiped: kept as it is, so only one more is placed",
    spec: spec(2),
    clusters: [cluster('a', { status: {} }), cluster('b')],
    replicas: [replica('a')],
    want: ['a/0', 'b/0'],
    asIs: ['a/0: ClusterStatusUnknown'],
  },
  {
    name: 'nothing claimable',
    why: 'the engine only asks for a Synthetic NIC',
    spec: spec(1, { engines: [engine('vllm', [standalone([request('ib', [IB])])])] }),
    clusters: [cluster('a', { pools: [pool('p1', 4, [nic()])] })],
    want: [],
    unschedulable: ['a: engine vllm claims no DRA device on any pool'],
  },
];

describe('schedule', () => {
  it('skips an index whose replica name would collide with another replica of the deployment', () => {
    // replicaName('m', 'c17', 0) === replicaName('m', 'c987', 0): 5 hex digits collide sometimes.
    expect(replicaName('m', 'c17', 0)).toBe(replicaName('m', 'c987', 0));
    const got = schedule(
      input({
        name: 'm',
        spec: spec(2),
        clusters: [cluster('c17', { pools: [pool('p1', 1)] }), cluster('c987')],
        replicas: [replica('c17', { deployment: 'm' })],
      }),
    );
    expect(where(got.placements)).toEqual(['c17/0', 'c987/1']);
  });

  it.each(cases)('$name', (c) => {
    const got = schedule(input({ spec: c.spec, clusters: c.clusters ?? two, replicas: c.replicas ?? [], fill: c.fill ?? true, namespace: c.namespace }));
    expect(where(got.placements)).toEqual(c.want);
    if (c.pools) expect(got.placements.map((p) => p.engines.map((e) => e.members[0]!.nodePoolName))).toEqual(c.pools);
    expect(got.unschedulable.map((r) => `${r.cluster}: ${describeRejection(r)}`)).toEqual(c.unschedulable ?? []);
    expect(got.dropped.map((d) => d.why)).toEqual(c.dropped ?? []);
    expect(got.scaledDown.map((r) => `${r.clusterName}/${r.index}`)).toEqual(c.scaledDown ?? []);
    expect(got.replacing.map((s) => `${s.replica.clusterName}/${s.replica.index}: ${s.why}`)).toEqual(c.replacing ?? []);
    expect(got.placements.flatMap((p) => (p.keptAsIs ? [`${p.cluster}/${p.index}: ${p.keptAsIs.reason}`] : []))).toEqual(c.asIs ?? []);
  });
});
