// The allocation ledger a cluster publishes (lib/capacity/ledger.ts packs, lib/contracts/ledger.ts
// publishes and reads): the replicas pinned to a cluster, oldest first, one holder entry per
// deployment; the youngest claims that do not fit named when not Ready, the pool marked full when a
// Ready one does not fit. scheduling.md, "Allocation ledger".
import { describe, expect, it } from 'vitest';
import { packLedger, poolShape, type PinnedClaim } from '../../../functions/lib/capacity';
import { classDevicesByName, publishLedger, readLedger, readPinnedClaim } from '../../../functions/lib/contracts';
import { ledgerOf, ledgerOfObjects } from '../../../functions/fn-inferencecluster/ledger';
import { clusterLedger } from '../../../functions/lib/schema';
import { classObjects, deploymentSpec, engine, gpu, leader, pool, replicaObj, request, standalone, worker } from '../../fixtures/fn-schedule/objects';

const pools = [
  { name: 'h100', shape: poolShape(2, [{ claim: 'DRA', deviceClassName: 'gpu.nvidia.com', count: 8 }]) },
  // Devices per node unknown: node accounting.
  { name: 'old', shape: poolShape(2, [{ claim: 'DRA', deviceClassName: 'gpu.nvidia.com', count: 0 }]) },
];

function claim(name: string, gpus: number, o: Partial<PinnedClaim> & { pool?: string; pods?: number } = {}): PinnedClaim {
  return {
    namespace: 'ml',
    name,
    deployment: name.replace(/-\d+$/, ''),
    placedAt: '2026-01-01T00:00:00Z',
    ready: true,
    engines: [{ copies: 1, members: [{ role: 'Standalone', pods: o.pods ?? 1, nodePoolName: o.pool ?? 'h100', requests: [{ deviceClassName: 'gpu.nvidia.com', count: gpus }] }] }],
    ...o,
  };
}
const at = (s: number) => `2026-01-01T00:00:0${s}Z`;

describe('packLedger + publishLedger', () => {
  it.each([
    { name: 'nothing pinned: no pool listed', claims: [], want: { replicas: 0, pools: [] } },
    {
      name: 'replicas of one deployment add up per node; another deployment shares the node',
      claims: [claim('a-0', 1), claim('a-1', 2), claim('b-0', 4)],
      want: { replicas: 3, pools: [{ name: 'h100', used: 7, holders: ['ml/a 0:3', 'ml/b 0:4'] }] },
    },
    {
      name: 'first fit, oldest first: the 6 packs before the 4 whatever the order listed',
      claims: [claim('young-0', 4, { placedAt: at(2) }), claim('old-0', 6, { placedAt: at(1) })],
      want: { replicas: 2, pools: [{ name: 'h100', used: 10, holders: ['ml/old 0:6', 'ml/young 1:4'] }] },
    },
    {
      name: 'a young claim that is not Ready and does not fit holds nothing and is named',
      claims: [claim('a-0', 8, { placedAt: at(1) }), claim('b-0', 8, { placedAt: at(2) }), claim('c-0', 8, { placedAt: at(3), ready: false })],
      want: { replicas: 3, pools: [{ name: 'h100', used: 16, holders: ['ml/a 0:8', 'ml/b 1:8'], overcommitted: ['ml/c-0'] }] },
    },
    {
      name: 'age, then name: of two claims created together the later name gives way',
      claims: [claim('a-0', 8), claim('b-0', 8), claim('d-0', 8, { ready: false }), claim('c-0', 8, { ready: false })],
      want: { replicas: 4, pools: [{ name: 'h100', used: 16, holders: ['ml/a 0:8', 'ml/b 1:8'], overcommitted: ['ml/c-0', 'ml/d-0'] }] },
    },
    {
      name: 'a Ready claim that does not fit is never named: the pool is full',
      claims: [claim('a-0', 8), claim('b-0', 8), claim('c-0', 8)],
      want: { replicas: 3, pools: [{ name: 'h100', used: 16, holders: ['ml/a 0:8', 'ml/b 1:8'], full: true }] },
    },
    { name: 'a pool the cluster does not publish charges nothing', claims: [claim('a-0', 1, { pool: 'gone' })], want: { replicas: 1, pools: [] } },
    {
      name: 'node accounting: a pod holds a whole node',
      claims: [claim('a-0', 1, { pool: 'old' }), claim('b-0', 1, { pool: 'old' })],
      want: { replicas: 2, pools: [{ name: 'old', used: 2, holders: ['ml/a 0:1', 'ml/b 1:1'] }] },
    },
    {
      name: 'a worker of 2 pods sits on distinct nodes',
      claims: [
        { ...claim('g-0', 2), engines: [{ copies: 1, members: [{ role: 'Worker', pods: 2, nodePoolName: 'h100', requests: [{ deviceClassName: 'gpu.nvidia.com', count: 2 }] }] }] },
      ],
      want: { replicas: 1, pools: [{ name: 'h100', used: 4, holders: ['ml/g 0:2,1:2'] }] },
    },
  ])('$name', ({ claims, want }) => {
    const ledger = publishLedger(packLedger(pools, claims), claims.length);
    expect(ledger).toEqual(want);
    // What the writer publishes, the reader's schema accepts as is.
    expect(clusterLedger.parse(ledger)).toEqual(ledger);
    expect(publishLedger(packLedger(pools, [...claims].reverse()), claims.length)).toEqual(want);
  });
});

describe('readLedger', () => {
  it('reads back what was published, per owner and node', () => {
    const ledger = publishLedger(packLedger(pools, [claim('a-0', 1), claim('a-1', 2), claim('b-0', 8, { ready: false, placedAt: at(9) }), claim('c-0', 8)]), 4);
    const read = readLedger({ ledger });
    expect(read).toEqual({
      state: 'present',
      pools: new Map([
        [
          'h100',
          {
            holders: new Map([
              ['ml/a', [[0, [3]]]],
              ['ml/c', [[1, [8]]]],
            ]),
            overcommitted: new Set(['ml/b-0']),
            full: false,
          },
        ],
      ]),
    });
  });

  it.each([
    { name: 'no status', status: undefined, want: { state: 'missing' } },
    { name: 'no ledger', status: { gpuPools: [] }, want: { state: 'missing' } },
    { name: 'not an object', status: { ledger: [] }, want: { state: 'malformed', problem: expect.stringMatching(/^status\.ledger\.: /) } },
    {
      name: 'a holder without nodes',
      status: { ledger: { replicas: 1, pools: [{ name: 'p', used: 1, holders: ['ml/a'] }] } },
      want: { state: 'malformed', problem: expect.stringContaining('pools.0.holders.0') },
    },
    { name: 'a negative count', status: { ledger: { replicas: -1, pools: [] } }, want: { state: 'malformed', problem: expect.stringContaining('status.ledger.replicas') } },
  ])('$name', ({ status, want }) => {
    expect(readLedger(status)).toEqual(want);
  });
});

describe('readPinnedClaim: a ModelReplica as fn-schedule wrote it', () => {
  it('reads the shape the ledger charges; odd input is never a crash', () => {
    const gang = deploymentSpec({ engines: [engine('g', [leader([request()]), worker(3)], { copies: 2 })] });
    const obj = { ...replicaObj('a', { spec: gang }), metadata: { ...replicaObj('a', { spec: gang }).metadata, creationTimestamp: at(1) } };
    expect(readPinnedClaim(obj)).toEqual({
      namespace: 'ml',
      name: obj.metadata.name,
      deployment: 'my-model',
      placedAt: at(1),
      ready: true,
      engines: [
        {
          copies: 2,
          members: [
            { role: 'Leader', pods: 1, nodePoolName: 'p1', requests: [{ deviceClassName: 'gpu.nvidia.com', count: 1 }] },
            { role: 'Worker', pods: 3, nodePoolName: 'p1', requests: [{ deviceClassName: 'gpu.nvidia.com', count: 1 }] },
          ],
        },
      ],
    });
    for (const odd of [
      undefined,
      null,
      7,
      'x',
      [],
      {},
      { metadata: { name: 'x' }, spec: { engines: 'no' } },
      { metadata: { name: 'x' }, spec: { engines: [{ members: [null, 1] }] } },
    ]) {
      expect(() => readPinnedClaim(odd)).not.toThrow();
    }
  });

  it('ledgerOfObjects: the whole path from published pools and replica objects', () => {
    const replicas = [
      replicaObj('a', { deployment: 'x', pools: ['p1'] }),
      replicaObj('a', { deployment: 'y', pools: ['p1'], spec: deploymentSpec({ engines: [engine('e', [standalone([request('gpu', undefined, 4)])])] }) }),
    ];
    expect(ledgerOfObjects([pool('p1', 1, [gpu()]), { junk: true }], classObjects(), replicas)).toEqual({
      replicas: 2,
      pools: [{ name: 'p1', used: 5, holders: ['ml/x 0:1', 'ml/y 0:4'] }],
    });
  });

  // A pool is packed against its class's devices; when the class cannot be read this round, what
  // the pool held is not forgotten: its last published entry stays, in the published order.
  it.each([
    {
      name: 'class readable: packed anew',
      className: undefined,
      want: [
        { name: 'p0', used: 1, holders: ['ml/x 0:1'] },
        { name: 'p1', used: 1, holders: ['ml/x 0:1'] },
      ],
    },
    {
      name: 'class gone: the last entry is kept',
      className: 'gone',
      want: [
        { name: 'p0', used: 7, holders: ['team/old 0:7'] },
        { name: 'p1', used: 1, holders: ['ml/x 0:1'] },
      ],
    },
  ])('ledgerOf: $name', ({ className, want }) => {
    const p0 = { ...pool('p0', 1, [gpu()]), ...(className ? { className } : {}) };
    const previous = { replicas: 1, pools: [{ name: 'p0', used: 7, holders: ['team/old 0:7'] }] };
    const claims = [replicaObj('a', { deployment: 'x', pools: ['p0'] }), replicaObj('a', { deployment: 'x', pools: ['p1'], index: 1 })]
      .map(readPinnedClaim)
      .filter((c) => c !== undefined);
    expect(ledgerOf([p0, pool('p1', 1, [gpu()])], classDevicesByName(classObjects()), claims, previous).pools).toEqual(want);
  });
});
