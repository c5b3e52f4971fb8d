// Live capacity in the scheduler (scheduling.md, "Live capacity"): the freshness rule against the
// request's clock, reading the published live numbers, and packing into them: fewer usable nodes
// and other tenants' devices leave less room for new replicas; a stale, missing or unreadable
// report leaves the configured capacity; nothing placed is ever moved or dropped for it.
import { describe, expect, it } from 'vitest';
import { readCluster } from '../../../functions/fn-schedule/inputs';
import { classDevicesByName } from '../../../functions/lib/contracts';
import { capacityClock, capacitySource, LIVE_FRESHNESS_SECONDS, withCapacitySources } from '../../../functions/fn-schedule/scheduler/live';
import { Ledger } from '../../../functions/fn-schedule/scheduler/ledger';
import { schedule } from '../../../functions/fn-schedule/scheduler/schedule';
import { describeRejection } from '../../../functions/fn-schedule/scheduler/explain';
import type { Cluster } from '../../../functions/fn-schedule/scheduler/types';
import {
  classObjects,
  clusterObj,
  deploymentSpec,
  engine,
  input,
  pool,
  replica,
  replicaObj,
  request,
  standalone,
  where,
  withLedgers,
  type Obj,
} from '../../fixtures/fn-schedule/objects';

const T0 = '2026-12-04T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const live = (free: string[], reportedAt = T0, o: Obj = {}) => ({ reportedAt, nodes: 4, schedulableNodes: 4, devices: 32, foreignDevices: 0, free, headroomNodes: 0, ...o });
/** A 4-node pool of 8 GPUs per node, with live numbers. */
const livePool = (l: Obj | undefined, name = 'p1') => ({ ...pool(name, 4), ...(l ? { live: l } : {}) });
const read = (o: Obj): Cluster => readCluster(o, classDevicesByName(classObjects()))!;

describe('capacitySource: the freshness rule', () => {
  const p = (l: Obj | undefined) => read(clusterObj('a', { pools: [livePool(l)] })).pools[0]!;
  it.each([
    { name: 'no live numbers: configured, nothing to say', pool: p(undefined), clock: T0, want: { source: 'Configured', why: undefined } },
    { name: 'reported now: live', pool: p(live(['4x8'])), clock: T0, want: { source: 'Live', reportedAt: T0 } },
    { name: `exactly ${LIVE_FRESHNESS_SECONDS}s old: still live`, pool: p(live(['4x8'])), clock: at(LIVE_FRESHNESS_SECONDS), want: { source: 'Live', reportedAt: T0 } },
    {
      name: 'one second older: configured, and why',
      pool: p(live(['4x8'])),
      clock: at(LIVE_FRESHNESS_SECONDS + 1),
      want: { source: 'Configured', why: `live report from ${T0} is stale (more than 300s before ${at(301)})` },
    },
    {
      name: 'rows that do not match the pool: configured (cannot tell is never no)',
      pool: p(live(['4x8+1'])),
      clock: T0,
      want: { source: 'Configured', why: "live numbers unreadable: status.gpuPools[0].live.free does not match the pool's 1 device classes" },
    },
    {
      name: 'reportedAt not a time: configured',
      pool: p(live(['4x8'], 'yesterday')),
      clock: T0,
      want: { source: 'Configured', why: 'live numbers unreadable: status.gpuPools[0].live.reportedAt is not a time' },
    },
  ])('$name', ({ pool, clock, want }) => expect(capacitySource(pool, clock)).toEqual(want));

  it('the clock is the newest of the request clock and every report', () => {
    const clusters = [read(clusterObj('a', { pools: [livePool(live(['4x8'], at(30)))] })), read(clusterObj('b', { pools: [livePool(live(['4x8'], at(-600)))] }))];
    expect(capacityClock(T0, clusters)).toBe(at(30));
    expect(capacityClock(at(900), clusters)).toBe(at(900));
    expect(capacityClock(undefined, [])).toBeUndefined();
    // b's report is stale against a's: only a is live.
    expect(withCapacitySources(clusters, capacityClock(T0, clusters)).map((c) => c.pools[0]!.capacity?.source)).toEqual(['Live', 'Configured']);
  });
});

const oneGpu = (replicas: number) => deploymentSpec({ replicas, engines: [engine('e', [standalone([request('gpu', undefined, 1)])])] });
const eightGpus = (replicas: number) => deploymentSpec({ replicas, engines: [engine('e', [standalone([request('gpu', undefined, 8)])])] });

/** Schedules with every cluster's capacity source set at `clock` (as compose.ts does). */
function run(spec: ReturnType<typeof deploymentSpec>, clusters: Obj[]) {
  const listed = clusters.map(read);
  return schedule(input({ spec, clusters: withCapacitySources(listed, capacityClock(T0, listed)) }));
}

describe('scheduling against live capacity', () => {
  it('another tenant holds every GPU of a: new replicas go to b, and the rejection says live', () => {
    const clusters = [clusterObj('a', { pools: [livePool(live(['4x0'], T0, { foreignDevices: 32 }))] }), clusterObj('b', { pools: [livePool(live(['4x8']))] })];
    const r = run(eightGpus(2), clusters);
    expect(where(r.placements)).toEqual(['b/0', 'b/1']);
    const r3 = run(eightGpus(5), clusters);
    expect(where(r3.placements)).toEqual(['b/0', 'b/1', 'b/2', 'b/3']);
    expect(r3.unschedulable.map(describeRejection)).toEqual([
      `engine e fits no pool: pool p1: largest free block 0 devices, a pod needs 8 (live capacity reported ${T0})`,
      `engine e fits no pool: pool p1: largest free block 0 devices, a pod needs 8 (live capacity reported ${T0})`,
    ]);
  });

  it('the same report once stale: configured capacity, and the rejection says why', () => {
    const clusters = [clusterObj('a', { pools: [livePool(live(['4x0'], at(-600)))] })];
    const r = run(eightGpus(5), clusters);
    expect(where(r.placements)).toEqual(['a/0', 'a/1', 'a/2', 'a/3']);
    expect(r.unschedulable.map(describeRejection)[0]).toMatch(/\(configured capacity: live report from .* is stale/);
  });

  it('NotReady or cordoned nodes are not free: one usable node of four takes 8 one-GPU replicas, not 32', () => {
    const clusters = [clusterObj('a', { pools: [livePool(live(['1x8'], T0, { schedulableNodes: 1, devices: 8 }))] })];
    expect(run(oneGpu(20), clusters).placements.length).toBe(8);
    // Nodes back: the next report counts them.
    expect(run(oneGpu(20), [clusterObj('a', { pools: [livePool(live(['4x8']))] })]).placements.length).toBe(20);
  });

  it('fragmentation is kept: partially held nodes take small pods, not an 8-GPU one', () => {
    const clusters = [clusterObj('a', { pools: [livePool(live(['4x6'], T0, { foreignDevices: 8 }))] })];
    expect(run(eightGpus(1), clusters).placements).toEqual([]);
    expect(run(oneGpu(30), clusters).placements.length).toBe(24);
  });

  it('an autoscaled pool packs its headroom after the nodes that exist, never above the configured count', () => {
    const clusters = [clusterObj('a', { pools: [livePool(live(['1x8'], T0, { nodes: 1, schedulableNodes: 1, headroomNodes: 9 }))] })];
    expect(run(eightGpus(6), clusters).placements.length).toBe(4);
  });
});

describe('live capacity never drops or moves what runs', () => {
  const spec = eightGpus(2);
  const mine = [0, 1].map((index) => replicaObj('a', { spec, index }));
  const ledgerOf = (clusters: Obj[], clock = T0) => {
    const listed = withLedgers(clusters, mine).map(read);
    const sourced = withCapacitySources(listed, capacityClock(clock, listed));
    return {
      sourced,
      ledger: Ledger.build(
        sourced,
        [0, 1].map((index) => replica('a', { spec, index })),
        'ml/my-model',
      ),
    };
  };

  it('a fresh report showing no free device: both Ready replicas are kept, neither is overcommitted, nothing new fits', () => {
    const clusters = [clusterObj('a', { pools: [livePool(live(['4x0'], T0, { foreignDevices: 16 }))] })];
    const r = schedule(input({ spec, clusters: ledgerOf(clusters).sourced, replicas: [0, 1].map((index) => replica('a', { spec, index })) }));
    expect(where(r.placements)).toEqual(['a/0', 'a/1']);
    expect(r.dropped).toEqual([]);
    const { ledger } = ledgerOf(clusters);
    expect(mine.map((_, index) => ledger.overcommitted(replica('a', { spec, index, ready: false })))).toEqual([undefined, undefined]);
    expect(ledger.freeIn('a', 'p1')).toEqual({ capacity: 32, free: 0 });
  });

  it('a stale report showing nothing free: configured capacity, what the replicas hold is the floor', () => {
    const clusters = [clusterObj('a', { pools: [livePool(live(['4x0'], at(-3600)))] })];
    const { ledger } = ledgerOf(clusters);
    // Configured 4 x 8, two replicas hold 16: 16 free, never less.
    expect(ledger.freeIn('a', 'p1')).toEqual({ capacity: 32, free: 16 });
  });

  it('a fresh report counts what Modelplane holds among the free devices: its own replicas are charged once', () => {
    // The cluster has 4 usable nodes with 8 devices not held by another tenant; the two replicas hold two of them.
    const clusters = [clusterObj('a', { pools: [livePool(live(['4x8']))] })];
    expect(ledgerOf(clusters).ledger.freeIn('a', 'p1')).toEqual({ capacity: 32, free: 16 });
  });
});
