// Live capacity: the report's parser (all or nothing, problems name their field), what makes a node
// unusable, a pool's live numbers, and the bins the scheduler packs into.
import { describe, expect, it } from 'vitest';
import { liveBins, livePool, poolShape, readFreeRows, unusable, type LiveNode, type RecipeDevice } from '../../../functions/lib/capacity';
import { CAPACITY_REPORT, MAX_REPORTED_NODES, readCapacityReport } from '../../../functions/lib/contracts';

const GPU: RecipeDevice = { claim: 'DRA', driver: 'gpu.nvidia.com', deviceClassName: 'gpu.nvidia.com', count: 8 };
const NIC: RecipeDevice = { claim: 'DRA', driver: 'nic.example.com', deviceClassName: 'rdma.example.com', count: 2 };
const SYNTHETIC: RecipeDevice = { claim: 'Synthetic', driver: 'topology.example.com', deviceClassName: undefined, count: 1 };

const node = (opts: Partial<Omit<LiveNode, 'devices'>> & { gpus?: [number, number]; nics?: [number, number] } = {}): LiveNode => ({
  ready: opts.ready ?? true,
  unschedulable: opts.unschedulable ?? false,
  taints: opts.taints ?? [],
  devices: new Map([
    ...(opts.gpus ? [['gpu.nvidia.com', { published: opts.gpus[0], foreign: opts.gpus[1] }] as const] : []),
    ...(opts.nics ? [['nic.example.com', { published: opts.nics[0], foreign: opts.nics[1] }] as const] : []),
  ]),
});

const cm = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: CAPACITY_REPORT.name }, data });
const entry = (o: Record<string, unknown> = {}) => ({
  name: 'n1',
  pool: 'h100',
  ready: true,
  unschedulable: false,
  taints: [],
  devices: { 'gpu.nvidia.com': { published: 8, foreign: 0 } },
  ...o,
});
const nodesJson = (...entries: unknown[]) => JSON.stringify(entries);

describe('readCapacityReport', () => {
  const at = '2026-12-04T09:00:00Z';
  it.each([
    { name: 'no ConfigMap observed yet', cm: undefined, state: 'missing', problem: /has not been written yet/ },
    { name: 'ConfigMap without data', cm: { kind: 'ConfigMap' }, state: 'missing', problem: /has not been written yet/ },
    { name: 'reportedAt not a time', cm: cm({ reportedAt: 'soon', nodes: '[]' }), state: 'malformed', problem: /^data\.reportedAt: not an RFC 3339 time$/ },
    { name: 'nodes missing', cm: cm({ reportedAt: at }), state: 'malformed', problem: /^data\.nodes: missing$/ },
    { name: 'nodes not JSON', cm: cm({ reportedAt: at, nodes: '[{' }), state: 'malformed', problem: /^data\.nodes: not JSON$/ },
    { name: 'nodes not a list', cm: cm({ reportedAt: at, nodes: '{}' }), state: 'malformed', problem: /^data\.nodes: not a list$/ },
    {
      name: 'a node without ready',
      cm: cm({ reportedAt: at, nodes: nodesJson(entry(), entry({ name: 'n2', ready: 'yes' })) }),
      state: 'malformed',
      problem: /^data\.nodes\[1\]\.ready: not a boolean$/,
    },
    {
      name: 'a negative count',
      cm: cm({ reportedAt: at, nodes: nodesJson(entry({ devices: { gpu: { published: -1, foreign: 0 } } })) }),
      state: 'malformed',
      problem: /^data\.nodes\[0\]\.devices\.gpu: /,
    },
    {
      name: 'a bad taint',
      cm: cm({ reportedAt: at, nodes: nodesJson(entry({ taints: [{ effect: 'NoSchedule' }] })) }),
      state: 'malformed',
      problem: /^data\.nodes\[0\]\.taints\[0\]/,
    },
    { name: 'a node twice', cm: cm({ reportedAt: at, nodes: nodesJson(entry(), entry()) }), state: 'malformed', problem: /node n1 is listed twice/ },
    {
      name: 'too many nodes',
      cm: cm({ reportedAt: at, nodes: nodesJson(...Array.from({ length: MAX_REPORTED_NODES + 1 }, (_, i) => entry({ name: `n${i}` }))) }),
      state: 'malformed',
      problem: /at most 5000 are read/,
    },
  ])('$name: $state', ({ cm, state, problem }) => {
    const r = readCapacityReport(cm);
    expect(r.state).toBe(state);
    expect(r.state === 'present' ? '' : r.problem).toMatch(problem);
  });

  it('reads every node; foreign never exceeds published', () => {
    const r = readCapacityReport(
      cm({ reportedAt: at, nodes: nodesJson(entry({ devices: { 'gpu.nvidia.com': { published: 2, foreign: 5 } } }), entry({ name: 'n2', pool: 'a100' })) }),
    );
    expect(r.state).toBe('present');
    if (r.state !== 'present') return;
    expect(r.reportedAt).toBe(at);
    expect(r.nodes.map((n) => [n.name, n.pool, n.devices.get('gpu.nvidia.com')])).toEqual([
      ['n1', 'h100', { published: 2, foreign: 2 }],
      ['n2', 'a100', { published: 8, foreign: 0 }],
    ]);
  });
});

describe('unusable', () => {
  it.each([
    { name: 'healthy', node: node(), want: undefined },
    { name: 'NotReady', node: node({ ready: false }), want: 'NotReady' },
    { name: 'cordoned', node: node({ unschedulable: true }), want: 'cordoned' },
    {
      name: 'a maintenance NoSchedule taint',
      node: node({ taints: [{ key: 'example.com/maintenance', effect: 'NoSchedule' }] }),
      want: 'taint example.com/maintenance:NoSchedule',
    },
    { name: 'a NoExecute taint', node: node({ taints: [{ key: 'example.com/drain', effect: 'NoExecute' }] }), want: 'taint example.com/drain:NoExecute' },
    { name: 'only the GPU taint (tolerated)', node: node({ taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] }), want: undefined },
    { name: 'PreferNoSchedule only', node: node({ taints: [{ key: 'example.com/soft', effect: 'PreferNoSchedule' }] }), want: undefined },
  ])('$name', ({ node, want }) => expect(unusable(node)).toBe(want));
});

describe('livePool', () => {
  it.each([
    {
      name: 'healthy pool: every node free',
      recipe: [GPU],
      nodes: [node({ gpus: [8, 0] }), node({ gpus: [8, 0] })],
      max: undefined,
      want: { nodes: 2, schedulableNodes: 2, devices: 16, foreignDevices: 0, free: ['2x8'], headroomNodes: 0 },
    },
    {
      name: 'another tenant holds devices: free per node, freest first',
      recipe: [GPU],
      nodes: [node({ gpus: [8, 6] }), node({ gpus: [8, 0] }), node({ gpus: [8, 8] })],
      max: undefined,
      want: { nodes: 3, schedulableNodes: 3, devices: 24, foreignDevices: 14, free: ['1x8', '1x2', '1x0'], headroomNodes: 0 },
    },
    {
      name: 'NotReady and cordoned nodes are not counted',
      recipe: [GPU],
      nodes: [node({ gpus: [8, 0], ready: false }), node({ gpus: [8, 0], unschedulable: true }), node({ gpus: [8, 0] })],
      max: undefined,
      want: { nodes: 3, schedulableNodes: 1, devices: 8, foreignDevices: 0, free: ['1x8'], headroomNodes: 0 },
    },
    {
      name: 'a failed GPU: fewer published; more published than the recipe is capped',
      recipe: [GPU],
      nodes: [node({ gpus: [7, 0] }), node({ gpus: [16, 0] }), node()],
      max: undefined,
      want: { nodes: 3, schedulableNodes: 3, devices: 23, foreignDevices: 0, free: ['1x8', '1x7', '1x0'], headroomNodes: 0 },
    },
    {
      name: 'two device classes: vectors in sorted class order',
      recipe: [GPU, NIC, SYNTHETIC],
      nodes: [node({ gpus: [8, 4], nics: [2, 0] }), node({ gpus: [8, 0], nics: [2, 2] })],
      max: undefined,
      want: { nodes: 2, schedulableNodes: 2, devices: 20, foreignDevices: 6, free: ['1x8+0', '1x4+2'], headroomNodes: 0 },
    },
    {
      name: 'autoscaled pool: headroom up to maxNodeCount, counting nodes that exist but are unusable',
      recipe: [GPU],
      nodes: [node({ gpus: [8, 0] }), node({ gpus: [8, 0], ready: false })],
      max: 5,
      want: { nodes: 2, schedulableNodes: 1, devices: 8, foreignDevices: 0, free: ['1x8'], headroomNodes: 3 },
    },
    {
      name: 'a pool without DRA devices (node accounting): usable nodes only',
      recipe: [SYNTHETIC],
      nodes: [node(), node({ ready: false })],
      max: undefined,
      want: { nodes: 2, schedulableNodes: 1, devices: 0, foreignDevices: 0, free: ['1x'], headroomNodes: 0 },
    },
    { name: 'no node reported', recipe: [GPU], nodes: [], max: undefined, want: { nodes: 0, schedulableNodes: 0, devices: 0, foreignDevices: 0, free: [], headroomNodes: 0 } },
  ])('$name', ({ recipe, nodes, max, want }) => expect(livePool(recipe, nodes, max)).toEqual(want));
});

describe('liveBins', () => {
  const shape = poolShape(4, [GPU]);
  it.each([
    { name: 'rows in order', rows: ['1x8', '2x3'], headroom: 0, want: [[8], [3], [3]] },
    { name: 'never more nodes than configured', rows: ['3x8', '3x2'], headroom: 2, want: [[8], [8], [8], [2]] },
    { name: 'headroom after the nodes that exist', rows: ['1x2'], headroom: 2, want: [[2], [8], [8]] },
    { name: 'devices clamped to the recipe', rows: ['1x12'], headroom: 0, want: [[8]] },
  ])('$name', ({ rows, headroom, want }) => {
    const parsed = readFreeRows(rows)!;
    expect(liveBins(shape, parsed, headroom).freePerNode()).toEqual(want);
  });

  it('node accounting: a usable node is one free slot', () => {
    const nodes = poolShape(3, [SYNTHETIC]);
    expect(liveBins(nodes, readFreeRows(['2x'])!, 0).freePerNode()).toEqual([[1], [1]]);
  });

  it.each([['8x'], [['1x8', 'nope']], ['1x8'], [[3]]])('unreadable rows %j: undefined', (rows) => expect(readFreeRows(rows)).toBeUndefined());
});
