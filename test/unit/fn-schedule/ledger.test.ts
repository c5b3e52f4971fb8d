// The capacity ledger (scheduling.md, "Capacity ledger"): free devices per node of each pool, after
// charging every replica that holds capacity. The fixtures' pools carry 8 GPUs per node.
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../functions/fn-schedule/scheduler/ledger';
import { readCluster, readReplica } from '../../../functions/fn-schedule/inputs';
import { classDevicesByName } from '../../../functions/lib/contracts';
import {
  classObjects,
  cluster,
  clusterObj,
  deploymentSpec,
  engine,
  gpu,
  leader,
  pool,
  replica,
  replicaObj,
  request,
  standalone,
  worker,
  withLedgers,
  type Obj,
} from '../../fixtures/fn-schedule/objects';

const gangSpec = deploymentSpec({ engines: [engine('g', [leader([request()]), worker(3)], { copies: 2 })] });
const claimlessLeader = deploymentSpec({ engines: [engine('g', [leader(), worker(3)], { copies: 2 })] });
const twoCopies = deploymentSpec({ engines: [engine('e', [standalone()], { copies: 2 })] });
const gpus = (n: number) => deploymentSpec({ engines: [engine('e', [standalone([request('gpu', undefined, n)])])] });

/** Free devices per node of (cluster, pool), as rows of free counts (one DRA class here). */
const perNode = (ledger: Ledger, c: string, p: number) => {
  const pool = ledger.trial(c)[p]!;
  return pool.freePerNode().map((n) => n[0]);
};

describe('Ledger', () => {
  const clusters = [
    cluster('a', { pools: [pool('p1', 4), pool('p2', 10)] }),
    cluster('b', { pools: [pool('p1', 2)] }),
    // A pool that does not say how many devices a node carries keeps node accounting.
    cluster('n', { pools: [pool('p1', 3, [gpu({ count: 0 })])] }),
  ];
  const cases = [
    { name: 'nothing charged', holders: [], at: ['a', 0], want: [8, 8, 8, 8] },
    { name: 'one 1-GPU replica takes one device, not a node', holders: [replica('a', { deployment: 'other' })], at: ['a', 0], want: [7, 8, 8, 8] },
    {
      name: 'replicas of different deployments share a node',
      holders: Array.from({ length: 9 }, (_, i) => replica('a', { deployment: `d${i}` })),
      at: ['a', 0],
      want: [0, 7, 8, 8],
    },
    { name: 'copies are independent pods: they share a node', holders: [replica('a', { spec: twoCopies, pools: ['p2'] })], at: ['a', 1], want: [6, 8, 8, 8, 8, 8, 8, 8, 8, 8] },
    {
      name: 'a gang copy sits on distinct nodes, (1 + 3) x 2 copies',
      holders: [replica('a', { spec: gangSpec, pools: ['p2'] })],
      at: ['a', 1],
      want: [6, 6, 6, 6, 8, 8, 8, 8, 8, 8],
    },
    {
      name: 'a claimless leader holds nothing: 3 workers x 2',
      holders: [replica('a', { spec: claimlessLeader, pools: ['p2'] })],
      at: ['a', 1],
      want: [6, 6, 6, 8, 8, 8, 8, 8, 8, 8],
    },
    { name: '4-GPU pods pack two per node', holders: [0, 1, 2].map((i) => replica('b', { spec: gpus(4), index: i })), at: ['b', 0], want: [0, 4] },
    { name: 'overcommitted: nothing free, nothing taken back', holders: [0, 1, 2].map((i) => replica('b', { spec: gpus(8), index: i })), at: ['b', 0], want: [0, 0] },
    { name: 'unknown pool charges nothing', holders: [replica('a', { pools: ['gone'] })], at: ['a', 0], want: [8, 8, 8, 8] },
    { name: 'unknown cluster charges nothing', holders: [replica('zz')], at: ['a', 0], want: [8, 8, 8, 8] },
    { name: 'node accounting: a pod holds a whole node', holders: [replica('n', { deployment: 'x' }), replica('n', { deployment: 'y' })], at: ['n', 0], want: [0, 0, 1] },
  ];
  it.each(cases)('$name', ({ holders, at, want }) => {
    const ledger = Ledger.build(clusters, holders);
    expect(perNode(ledger, at[0] as string, at[1] as number)).toEqual(want);
  });

  describe('overcommit: the youngest claims that do not fit', () => {
    const at = (r: ReturnType<typeof replica>, placedAt: string | undefined, ready = true) => ({ ...r, placedAt, ready });
    const full = (name: string, placedAt: string | undefined, ready = true) => at(replica('b', { spec: gpus(8), name, deployment: name }), placedAt, ready);
    it.each([
      {
        name: 'a young replica that is not Ready holds nothing and is named',
        holders: [full('old-a', '2026-01-01T00:00:00Z'), full('old-b', '2026-01-01T00:00:01Z'), full('young', '2026-01-01T00:00:02Z', false)],
        free: [0, 0],
        over: { young: true, 'old-a': false, 'old-b': false },
      },
      {
        name: 'age, not name, decides: the older replica keeps its devices',
        holders: [full('zz-old', '2026-01-01T00:00:00Z', false), full('aa', '2026-01-01T00:00:05Z', false), full('mm', '2026-01-01T00:00:09Z', false)],
        free: [0, 0],
        over: { 'zz-old': false, aa: false, mm: true },
      },
      {
        name: 'a replica without a creation time is the youngest',
        holders: [full('new', undefined, false), full('a', '2026-01-01T00:00:00Z'), full('b', '2026-01-01T00:00:01Z')],
        free: [0, 0],
        over: { new: true, a: false, b: false },
      },
      {
        name: 'a Ready replica is never named: the pool is taken as full instead',
        holders: [full('a', '2026-01-01T00:00:00Z'), full('b', '2026-01-01T00:00:01Z'), full('c', '2026-01-01T00:00:02Z')],
        free: [0, 0],
        over: { a: false, b: false, c: false },
      },
      {
        name: 'a young replica that fits is not overcommitted',
        holders: [full('a', '2026-01-01T00:00:00Z'), full('young', '2026-01-01T00:00:02Z', false)],
        free: [0, 0],
        over: { a: false, young: false },
      },
    ])('$name', ({ holders, free, over }) => {
      const ledger = Ledger.build(clusters, holders);
      expect(perNode(ledger, 'b', 0)).toEqual(free);
      const named = Object.fromEntries(holders.map((r) => [r.name, ledger.overcommitted(r) !== undefined]));
      expect(named).toEqual(over);
      const young = holders.find((r) => over[r.name as keyof typeof over]);
      if (young) expect(ledger.overcommitted(young)).toBe('pool p1 of b is overcommitted and this replica is the youngest claim that does not fit');
    });
  });

  it('the same holders in any order pack the same way', () => {
    const holders = [
      replica('b', { spec: gpus(4), name: 'r-b', index: 0 }),
      replica('b', { spec: gpus(2), name: 'r-a', index: 1 }),
      replica('b', { spec: gpus(6), name: 'r-c', index: 2 }),
    ];
    const one = perNode(Ledger.build(clusters, holders), 'b', 0);
    const two = perNode(Ledger.build(clusters, [...holders].reverse()), 'b', 0);
    expect(two).toEqual(one);
    expect(one).toEqual([2, 2]);
  });

  it('trial returns copies; charge places all pods or none', () => {
    const ledger = Ledger.build(clusters, []);
    ledger.trial('a')[0]!.place([[[8]], [[8]]]);
    expect(perNode(ledger, 'a', 0)).toEqual([8, 8, 8, 8]);
    expect(ledger.charge('b', 0, [[[8]], [[8]], [[8]]])).toBe(false);
    expect(perNode(ledger, 'b', 0)).toEqual([8, 8]);
    expect(ledger.charge('b', 0, [[[6]], [[6]]])).toBe(true);
    expect(perNode(ledger, 'b', 0)).toEqual([2, 2]);
    expect(ledger.charge('zz', 0, [[[1]]])).toBe(false);
    expect(ledger.freeIn('b', 'p1')).toEqual({ capacity: 16, free: 4 });
    expect(ledger.freeIn('a', 'nope')).toBeUndefined();
    expect(ledger.trial('zz')).toEqual([]);
  });

  // The clusters' published ledgers carry the fleet; this deployment's own replicas are charged as
  // observed now, in place of its own holder entry (never twice, and even before the ledger has seen them).
  describe('on top of a published ledger', () => {
    const OWN = 'ml/my-model';
    /** Cluster b (two 8-GPU nodes) publishing the ledger of `pinned` replica objects. */
    const published = (pinned: Obj[], over: (ledger: Obj) => void = () => {}) => {
      const [obj] = withLedgers([clusterObj('b', { pools: [pool('p1', 2)] })], pinned);
      over(obj!.status.ledger);
      return readCluster(obj!, classDevicesByName(classObjects()))!;
    };
    const mine = (i: number, n: number, o: Obj = {}) => replicaObj('b', { spec: gpus(n), index: i, ...o });
    const theirs = (n: number) => replicaObj('b', { spec: gpus(n), deployment: 'other', namespace: 'team' });
    const read = (o: Obj) => replica('b', { spec: gpus(1), index: 0, ...o });
    it.each([
      { name: "another deployment's holders are taken on the nodes the ledger names", pinned: [theirs(6)], own: [], owner: OWN, want: [2, 8] },
      { name: 'own usage is not counted twice: the entry is replaced by the replicas as observed', pinned: [theirs(6), mine(0, 2)], own: [mine(0, 2)], owner: OWN, want: [0, 8] },
      { name: 'a replica the ledger has not seen yet is still charged', pinned: [theirs(6)], own: [mine(0, 2), mine(1, 3)], owner: OWN, want: [0, 5] },
      { name: 'a replica of ours that is gone frees what the ledger still shows', pinned: [theirs(6), mine(0, 2), mine(1, 8)], own: [mine(0, 2)], owner: OWN, want: [0, 8] },
      { name: 'without an owner every entry is taken (own replicas would count twice)', pinned: [mine(0, 2)], own: [mine(0, 2)], owner: undefined, want: [4, 8] },
    ])('$name', ({ pinned, own, owner, want }) => {
      const ledger = Ledger.build(
        [published(pinned)],
        own.map((r) => readReplica(r)!),
        owner,
      );
      expect(perNode(ledger, 'b', 0)).toEqual(want);
    });

    it('a pool the ledger marks full takes nothing', () => {
      const ledger = Ledger.build([published([theirs(1)], (l) => (l.pools[0].full = true))], [], OWN);
      expect(perNode(ledger, 'b', 0)).toEqual([0, 0]);
    });

    it('a replica the ledger names overcommitted goes only while it is not Ready', () => {
      const named = published([], (l) => l.pools.push({ name: 'p1', used: 0, holders: [], overcommitted: ['ml/young'] }));
      const ledger = Ledger.build([named], [], OWN);
      expect(ledger.overcommitted(read({ name: 'young', ready: false }))).toBe(
        "pool p1 of b is overcommitted and the cluster's ledger names this replica among the youngest claims that do not fit",
      );
      expect(ledger.overcommitted(read({ name: 'young', ready: true }))).toBeUndefined();
      expect(ledger.overcommitted(read({ name: 'other', ready: false }))).toBeUndefined();
    });
  });
});
