// Scenario (failures.md, "Voluntary moves"): a selector edit and a drain each move two replicas.
// With the default strategy (maxSurge 1, maxUnavailable 0) they move one at a time: never more than
// spec.replicas + 1 replicas, and the Ready count never drops. With maxSurge 100% (2 of 2 replicas)
// both move at once.
// Checked every pass, besides the fleet-wide invariants (which include the Ready floor
// min(before, wanted) - maxUnavailable): the surge bound.
import { describe, expect, it } from 'vitest';
import type { Invariant } from '../../../sim/fleet/simulator';
import type { Obj, World } from '../../../sim/fleet/world';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { MAX_PASSES, settle } from './settle';
import { idsOf, replicasOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b';
const region = (r: string | undefined) => (d: Obj) => {
  d.spec.clusterSelector = { ...d.spec.clusterSelector, matchLabels: r ? { 'modelplane.ai/region': r } : {} };
};
const readyCount = (w: World) => replicasOf(w, NS, DEP).filter((r) => r.ready).length;

/** Never more than spec.replicas + maxSurge replicas of the deployment; the most seen is kept in `peak`. */
function surgeBound(maxSurge: number, peak: { n: number }): Invariant {
  return {
    name: `at most spec.replicas + ${maxSurge} replicas`,
    check: (_before, after) => {
      const n = replicasOf(after, NS, DEP).length;
      const wanted = after.find('ModelDeployment', DEP, NS)?.spec?.replicas ?? 1;
      peak.n = Math.max(peak.n, n);
      return n > wanted + maxSurge ? [`${n} replicas, spec.replicas ${wanted} + maxSurge ${maxSurge}`] : [];
    },
  };
}
/** The Ready count never drops below spec.replicas (maxUnavailable 0) once it got there. */
const readyAtLeastWanted: Invariant = {
  name: 'Ready never below spec.replicas',
  check: (before, after) => (readyCount(before) >= 2 && readyCount(after) < 2 ? [`Ready ${readyCount(before)} -> ${readyCount(after)}`] : []),
};

describe('fleet: voluntary moves are bounded by spec.strategy', () => {
  const fleet = useFleet();

  it('two replicas on alpha (selector region=alpha)', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(2)]), existingCluster('beta', [l4(2)]), existingCluster('gamma', [l4(2)]));
    await settle(fleet.sim, 'platform');
    const d = qwen(NS, 2);
    region('alpha')(d);
    fleet.sim.apply(d);
    await settle(fleet.sim, 'create on alpha');
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'alpha#1']);
  });

  it('selector edit to region=beta: one at a time (maxSurge 1), zero Ready dip', async () => {
    const peak = { n: 0 };
    fleet.sim.edit('ModelDeployment', DEP, NS, region('beta'));
    const report = await settle(fleet.sim, 'selector edit', {
      moves: [`${NS}/${DEP}@alpha#0`, `${NS}/${DEP}@alpha#1`],
      invariants: [surgeBound(1, peak), readyAtLeastWanted],
      // Two moves in sequence: each takes a placement chain.
      maxPasses: 2 * MAX_PASSES,
    });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['beta#0', 'beta#1']);
    expect(readyCount(fleet.sim.world)).toBe(2);
    expect(peak.n).toBe(3);
    // The two moves ran one after the other: alpha's replicas went in two different passes.
    const gone = report.passes.filter((p) => p.deleted.some((k) => k.startsWith('ModelReplica/')));
    expect(gone).toHaveLength(2);
  });

  it('drain beta with maxSurge 100%: both move at once, zero Ready dip', async () => {
    const peak = { n: 0 };
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => {
      region(undefined)(d);
      d.spec.strategy = { maxSurge: '100%' };
    });
    await settle(fleet.sim, 'selector back to every region: nothing moves');
    fleet.sim.edit('InferenceCluster', 'beta', undefined, (c) => (c.spec.taints = [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }]));
    const report = await settle(fleet.sim, 'drain beta', {
      moves: [`${NS}/${DEP}@beta#0`, `${NS}/${DEP}@beta#1`],
      invariants: [surgeBound(2, peak), readyAtLeastWanted],
    });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'gamma#0']);
    expect(readyCount(fleet.sim.world)).toBe(2);
    expect(peak.n).toBe(4);
    const gone = report.passes.filter((p) => p.deleted.some((k) => k.startsWith('ModelReplica/')));
    expect(gone).toHaveLength(1);
  });
});
