// Determinism and safety invariants of the scheduler over random fleets: same inputs in any order
// give the same output; new placements never overcommit a pool; retained replicas never move.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../functions/fn-schedule/scheduler/ledger';
import { schedule } from '../../../functions/fn-schedule/scheduler/schedule';
import type { ObservedReplica } from '../../../functions/fn-schedule/scheduler/types';
import { a100, cluster, deploymentSpec, engine, gpu, input, leader, pool, replica, request, standalone, worker } from '../../fixtures/fn-schedule/objects';
import { podGroups } from '../../../functions/lib/capacity';

const specs = [
  deploymentSpec({ replicas: 4 }),
  deploymentSpec({ replicas: 3, engines: [engine('g', [leader(), worker(2)], { copies: 2 })] }),
  deploymentSpec({ replicas: 5, engines: [engine('e1', [standalone()]), engine('e2', [standalone([request('gpu', ['device.driver == "gpu.nvidia.com"'])])], { copies: 2 })] }),
];

const fleet = fc.record({
  spec: fc.integer({ min: 0, max: specs.length - 1 }),
  replicas: fc.integer({ min: 0, max: 8 }),
  clusters: fc.array(
    fc.record({
      ready: fc.boolean(),
      address: fc.boolean(),
      pools: fc.array(fc.record({ nodes: fc.integer({ min: -1, max: 6 }), kind: fc.constantFrom('h100', 'a100') }), { maxLength: 3 }),
      labels: fc.constantFrom('eu', 'us'),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  observed: fc.array(
    fc.record({
      cluster: fc.integer({ min: 0, max: 7 }),
      index: fc.integer({ min: 0, max: 3 }),
      owner: fc.constantFrom('mine', 'other', 'other-ns'),
      pool: fc.integer({ min: 0, max: 2 }),
    }),
    { maxLength: 12 },
  ),
  seed: fc.integer(),
});

type Fleet = typeof fleet extends fc.Arbitrary<infer T> ? T : never;

function build(f: Fleet) {
  const spec = deploymentSpec({ ...specs[f.spec], replicas: f.replicas });
  const clusters = f.clusters.map((c, i) =>
    cluster(`c${i}`, {
      ready: c.ready,
      address: c.address ? undefined : null,
      labels: { region: c.labels },
      pools: c.pools.map((p, j) => pool(`p${j}`, p.nodes, [p.kind === 'h100' ? gpu() : a100()])),
    }),
  );
  const replicas: ObservedReplica[] = f.observed.map((o, i) =>
    replica(`c${o.cluster}`, {
      deployment: o.owner === 'other' ? 'other' : 'my-model',
      namespace: o.owner === 'other-ns' ? 'elsewhere' : 'ml',
      index: o.index,
      spec,
      pools: spec.engines.map(() => `p${o.pool}`),
      name: `r-${i}`,
    }),
  );
  return { spec, clusters, replicas };
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('scheduler invariants', () => {
  it('gives identical output for shuffled clusters and replicas', () => {
    fc.assert(
      fc.property(fleet, (f) => {
        const { spec, clusters, replicas } = build(f);
        const a = schedule(input({ spec, clusters, replicas }));
        const b = schedule(input({ spec, clusters: shuffled(clusters, f.seed), replicas: shuffled(replicas, f.seed ^ 0x5f3759df) }));
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('never overcommits a pool with a new placement, never moves a retained replica, never exceeds replicas', () => {
    fc.assert(
      fc.property(fleet, (f) => {
        const { spec, clusters, replicas } = build(f);
        const i = input({ spec, clusters, replicas });
        const got = schedule(i);
        expect(got.placements.length).toBeLessThanOrEqual(spec.replicas);
        const ids = got.placements.map((p) => `${p.cluster}/${p.index}`);
        expect(new Set(ids).size).toBe(ids.length);
        for (const p of got.placements) if (p.retained) expect([p.retained.clusterName, p.retained.index]).toEqual([p.cluster, p.index]);
        // Charge everyone who holds capacity plus the new placements at their chosen shape.
        const kept = new Set(got.placements.flatMap((p) => (p.retained ? [p.retained.name] : [])));
        const holders = replicas.filter((r) => !(r.deployment === 'my-model' && r.namespace === 'ml') || kept.has(r.name));
        const ledger = Ledger.build(clusters, holders);
        // Every new placement's pods must fit the devices left on its pool's nodes.
        for (const p of got.placements.filter((x) => !x.retained)) {
          const c = clusters.find((x) => x.name === p.cluster)!;
          p.engines.forEach((e, ei) => {
            const eng = i.deployment.engines[ei]!;
            const poolIdx = c.pools.findIndex((x) => x.name === e.members[0]!.nodePoolName);
            const claim = { copies: eng.copies, members: eng.members.map((m, mi) => ({ role: m.role, pods: m.pods, requests: e.members[mi]!.deviceRequests })) };
            expect(ledger.charge(p.cluster, poolIdx, podGroups(c.pools[poolIdx]!.shape, claim))).toBe(true);
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
