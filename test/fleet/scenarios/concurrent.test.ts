// Scenario: many deployments created at the same instant race for the last GPUs. Every deployment
// renders against the same snapshot of the fleet (as concurrent reconciles do), so several take the
// same free devices. The cluster's answer is simulated (no kubelet offline): a replica whose pods do
// not fit once the older claims are packed stays Pending, as DRA would leave it. The ledger names
// those youngest claims and their deployments place them again; a Ready replica is never evicted.
// Converged: no pool overcommitted, nothing Pending, every GPU used once. scheduling.md, "Capacity".
import { describe, expect, it } from 'vitest';
import { packFleet } from '../../../sim/fleet/packing';
import type { Invariant, Simulator } from '../../../sim/fleet/simulator';
import type { Obj } from '../../../sim/fleet/world';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, idsOf, isReady, LABEL } from './views';

const NS = 'ml-team';
const MODELS = Array.from({ length: 20 }, (_, i) => `model-${String(i).padStart(2, '0')}`);

/** A kubelet with DRA: the engine Deployments of a replica that does not fit report no available pod. */
const draKubelet = (sim: Simulator) => (manifest: Obj) => {
  const replica = manifest.metadata?.labels?.[LABEL.replica];
  if (manifest.kind !== 'Deployment' || !replica) return undefined;
  const pending = [...packFleet(sim.world).values()].some((pools) => [...pools.values()].some((p) => p.pending.includes(replica)));
  return pending
    ? { replicas: 1, availableReplicas: 0, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'cannot allocate all claims' }] }
    : undefined;
};

const readyReplicas = (w: { ofKind(k: string): Obj[] }) =>
  new Set(
    w
      .ofKind('ModelReplica')
      .filter(isReady)
      .map((r) => r.metadata.name),
  );
const readyNeverRemoved: Invariant = {
  name: 'a Ready replica is never evicted',
  check: (before, after) => {
    const now = new Set(after.ofKind('ModelReplica').map((r) => r.metadata.name));
    return [...readyReplicas(before)].filter((n) => !now.has(n)).map((n) => `${n} was Ready and removed`);
  },
};

describe('fleet: concurrent creation converges', () => {
  const fleet = useFleet();

  it('platform: alpha and beta, eight single-GPU L4 nodes each', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(8)]), existingCluster('beta', [l4(8)]));
    await settle(fleet.sim, 'platform');
  });

  it('20 one-replica deployments created in one pass share 16 GPUs: 16 placed once each, 4 explained, no overcommit', async () => {
    fleet.sim.setFault(draKubelet(fleet.sim));
    fleet.sim.apply(...MODELS.map((m) => qwen(NS, 1, m)));
    // Only the losers of a race move, and only while they are not Ready.
    await settle(fleet.sim, '20 deployments at once', { mayMove: (r) => !isReady(r), invariants: [readyNeverRemoved], maxPasses: 16 });
    const { world } = fleet.sim;
    const placed = MODELS.flatMap((m) => idsOf(world, NS, m));
    expect(placed).toHaveLength(16);
    for (const [cluster, pools] of packFleet(world)) {
      const l4Pool = pools.get('l4')!;
      expect({ cluster, overcommitted: l4Pool.overcommitted, pending: l4Pool.pending, free: l4Pool.bins.totals().free }).toEqual({
        cluster,
        overcommitted: [],
        pending: [],
        free: 0,
      });
    }
    const unplaced = MODELS.filter((m) => idsOf(world, NS, m).length === 0);
    expect(unplaced).toHaveLength(4);
    for (const m of unplaced) expect(condition(deploymentOf(world, NS, m), 'ReplicasScheduled')?.reason).toBe('InsufficientCapacity');
    for (const m of MODELS.filter((x) => !unplaced.includes(x))) expect(condition(deploymentOf(world, NS, m), 'ReplicasReady')?.status).toBe('True');
    // Up to 16 passes of 20 real renders: about 30 s on a quiet 2-core machine, more beside the rest of the suite.
  }, 240_000);
});
