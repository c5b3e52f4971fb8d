// Scenario (failures.md, "A cluster that stops being Ready"): alpha becomes unreachable. Simulated:
// every Object applied on alpha reports not Available, so alpha's InferenceCluster goes not Ready
// and its replica is no longer Ready. The other clusters keep reporting their workloads Available,
// with the condition times a real controller stamps: the request's clock moves with them.
// Within the toleration nothing moves; past it, alpha's replica is replaced elsewhere and kept;
// once alpha recovers and its replica serves again, the replacement goes and nothing else moves.
import { describe, expect, it } from 'vitest';
import type { Invariant } from '../../../sim/fleet/simulator';
import type { Obj, World } from '../../../sim/fleet/world';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { deploymentOf, idsOf, replicasOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b';
const T0 = '2026-01-01T00:00:00Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const engine = (m: Obj) => m.kind === 'Deployment' && m.metadata?.labels?.['modelplane.ai/engine'];

/** Every cluster but `down` reports its engine Deployments Available, last updated at `reported`; `down` reports nothing Available. */
const fleetAt =
  (reported: string, down?: string) =>
  (manifest: Obj, cluster: string): Obj | undefined => {
    if (cluster === down) return { conditions: [{ type: 'Available', status: 'False', reason: 'Unreachable' }] };
    if (!engine(manifest)) return undefined;
    return {
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: T0, lastUpdateTime: reported }],
    };
  };

const readyCount = (w: World) => replicasOf(w, NS, DEP).filter((r) => r.ready).length;
const readyNeverDrops: Invariant = {
  name: 'Ready replicas never drop',
  check: (before, after) => (readyCount(after) < readyCount(before) ? [`Ready ${readyCount(before)} -> ${readyCount(after)}`] : []),
};
const outages = (w: World) => deploymentOf(w, NS, DEP).status.outages;
const warnings = (events: ReadonlyMap<string, readonly Obj[]>) =>
  [...events.entries()].filter(([k]) => k.includes('ModelDeployment')).flatMap(([, e]) => e.filter((x) => x.severity === 'SEVERITY_WARNING').map((x) => x.message));

describe('fleet: a cluster outage fails over, and fails back when the cluster recovers', () => {
  const fleet = useFleet();
  let replacement = '';

  it('two replicas on alpha and beta; gamma is spare', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(2)]), existingCluster('beta', [l4(2)]), existingCluster('gamma', [l4(1)]));
    await settle(fleet.sim, 'platform');
    fleet.sim.clock = T0;
    fleet.sim.setFault(fleetAt(T0));
    fleet.sim.apply(qwen(NS, 2));
    await settle(fleet.sim, 'create with replicas: 2', { invariants: [readyNeverDrops] });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(readyCount(fleet.sim.world)).toBe(2);
  });

  it('alpha goes down: within the toleration (300 s) nothing moves', async () => {
    fleet.sim.setFault(fleetAt(at(1), 'alpha'));
    const report = await settle(fleet.sim, 'alpha down, one minute');
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(outages(fleet.sim.world)).toEqual([{ cluster: 'alpha', since: at(1), reason: 'cluster alpha is not Ready', phase: 'Down' }]);
    expect(warnings(report.events)).toContainEqual(expect.stringMatching(/^cluster alpha is not Ready since/));
    fleet.sim.setFault(fleetAt(at(5), 'alpha'));
    await settle(fleet.sim, 'alpha down, five minutes', { invariants: [readyNeverDrops] });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(outages(fleet.sim.world)[0].phase).toBe('Down');
  });

  it('past the toleration: replaced on gamma, the replica on alpha kept as it is', async () => {
    fleet.sim.clock = at(7);
    fleet.sim.setFault(fleetAt(at(7), 'alpha'));
    const report = await settle(fleet.sim, 'alpha down, seven minutes', { invariants: [readyNeverDrops] });
    const w = fleet.sim.world;
    expect(idsOf(w, NS, DEP)).toEqual(['alpha#0', 'beta#0', 'gamma#0']);
    expect(readyCount(w)).toBe(2);
    expect(outages(w)).toEqual([{ cluster: 'alpha', since: at(1), reason: 'cluster alpha is not Ready', phase: 'FailedOver' }]);
    const alpha = deploymentOf(w, NS, DEP).status.placements.find((p: Obj) => p.cluster === 'alpha');
    expect(alpha.state).toMatch(/^FailingOver: failing over: cluster alpha is not Ready since .* kept as it is until the cluster recovers$/);
    expect(warnings(report.events)).toContainEqual(expect.stringMatching(/^cluster alpha is not Ready since .*: replacing its replicas on other clusters/));
    replacement = `${NS}/${DEP}@gamma#0`;
  });

  it('alpha recovers: the original placement is kept, the replacement removed once alpha serves', async () => {
    fleet.sim.setFault(fleetAt(at(12)));
    await settle(fleet.sim, 'alpha back', { moves: [replacement] });
    const w = fleet.sim.world;
    expect(idsOf(w, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(readyCount(w)).toBe(2);
    expect(outages(w)).toBeUndefined();
  });

  it('no flapping: later passes change nothing', async () => {
    fleet.sim.setFault(fleetAt(at(30)));
    const report = await settle(fleet.sim, 'half an hour later', { invariants: [readyNeverDrops] });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(report.passes.flatMap((p) => p.deleted.filter((d) => d.startsWith('ModelReplica')))).toEqual([]);
  });
});
