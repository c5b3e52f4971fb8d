// Scenario: two teams each run a ModelDeployment named qwen3-8b in their own namespace. A replica
// belongs to a deployment by namespace AND name, so neither adopts the other's replicas; they do
// compete for the same nodes; and every name composed onto a cluster stays unique even where both
// teams hold replica 0 of the same cluster. scheduling.md (Ownership), composition.md (remote names).
import { describe, expect, it } from 'vitest';
import type { World } from '../../../sim/fleet/world';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, endpointsOf, idsOf, remoteObjects, replicasOf } from './views';

const DEP = 'qwen3-8b';
const A = 'team-a';
const B = 'team-b';

/** Remote manifests of one kind on one cluster, grouped by the control-plane namespace that composed them. */
const remoteNames = (world: World, cluster: string, kind: string) =>
  remoteObjects(world)
    .filter((o) => o.cluster === cluster && o.kind === kind && o.object.metadata?.namespace !== 'crossplane-system')
    .map((o) => `${o.object.metadata.namespace}:${o.namespace}/${o.name}`)
    .sort();

describe('fleet: two namespaces, same-named deployments', () => {
  const fleet = useFleet();

  it('team-a places two replicas over alpha (2 L4 nodes) and beta (1 L4 node)', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(2)]), existingCluster('beta', [l4(1)]));
    await settle(fleet.sim, 'platform');
    fleet.sim.apply(qwen(A, 2));
    await settle(fleet.sim, 'team-a creates qwen3-8b x2');
    expect(idsOf(fleet.sim.world, A, DEP)).toEqual(['alpha#0', 'beta#0']);
  });

  it('team-b gets only what is left: alpha#0 of its own, 1 of 2, and adopts nothing', async () => {
    fleet.sim.apply(qwen(B, 2));
    await settle(fleet.sim, 'team-b creates qwen3-8b x2'); // team-a's replicas must not move
    const { world } = fleet.sim;
    expect(idsOf(world, A, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(idsOf(world, B, DEP)).toEqual(['alpha#0']);
    // Same (deployment, cluster, index), hence the same ModelReplica name, in two namespaces.
    expect(replicasOf(world, B, DEP)[0]!.name).toBe(replicasOf(world, A, DEP)[0]!.name);

    const a = deploymentOf(world, A, DEP);
    expect(a.status.replicas).toEqual({ total: 2, ready: 2 });
    expect(a.status.placements.map((p: any) => `${p.cluster}#${p.index}`)).toEqual(['alpha#0', 'beta#0']);
    expect(condition(a, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 2 of 2 replicas' });

    const b = deploymentOf(world, B, DEP);
    expect(b.status.replicas).toEqual({ total: 1, ready: 1 });
    expect(b.status.placements.map((p: any) => `${p.cluster}#${p.index}`)).toEqual(['alpha#0']);
    expect(condition(b, 'ReplicasScheduled')).toEqual({
      status: 'False',
      reason: 'PartiallyScheduled',
      message: '1 of 2 replicas scheduled; 0/2 clusters fit: 2 InsufficientDevices',
    });
    const full = expect.stringMatching(/^engine vllm fits no pool: .*pool l4: largest free block 0 devices, a pod needs 1/);
    expect(b.status.unschedulable).toEqual([
      { cluster: 'alpha', reason: full },
      { cluster: 'beta', reason: full },
    ]);

    // Endpoints: one per ready replica, in each team's own namespace and path.
    expect(endpointsOf(world, A, DEP).map((e) => e.spec.url.split('/')[3])).toEqual([A, A]);
    expect(endpointsOf(world, B, DEP).map((e) => e.spec.url.split('/')[3])).toEqual([B]);
  });

  it('names composed onto alpha never collide across the two namespaces', () => {
    // Both teams hold replica 0 on alpha: a workload, a claim template, an InferencePool and a route
    // each (composition.md). fleetViolations() checks every other kind for duplicates too.
    for (const kind of ['Deployment', 'ResourceClaimTemplate', 'InferencePool', 'HTTPRoute']) {
      const names = remoteNames(fleet.sim.world, 'alpha', kind);
      expect(names.filter((n) => n.startsWith(`${A}:`)).length, `${kind} of team-a on alpha`).toBeGreaterThan(0);
      expect(names.filter((n) => n.startsWith(`${B}:`)).length, `${kind} of team-b on alpha`).toBeGreaterThan(0);
      const remote = names.map((n) => n.split(':')[1]);
      expect(new Set(remote).size, `${kind} names on alpha: ${names.join(', ')}`).toBe(remote.length);
    }
    // And the two routes serve two different paths on alpha's inference gateway.
    const paths = remoteObjects(fleet.sim.world)
      .filter((o) => o.cluster === 'alpha' && o.kind === 'HTTPRoute')
      .flatMap((o) => o.manifest.spec.rules.flatMap((r: any) => r.matches.map((m: any) => m.path.value)))
      .sort();
    const [ra, rb] = [replicasOf(fleet.sim.world, A, DEP)[0]!.name, replicasOf(fleet.sim.world, B, DEP)[0]!.name];
    expect(paths.map((p) => p.replace(/\/$/, ''))).toEqual([`/${A}/${ra}`, `/${B}/${rb}`]);
  });

  it('team-a scales to 1 (drops beta#0, the greater name on a load tie) and team-b takes the freed node', async () => {
    fleet.sim.edit('ModelDeployment', DEP, A, (d) => (d.spec.replicas = 1));
    await settle(fleet.sim, 'team-a scales 2 -> 1', { moves: [`${A}/${DEP}@beta#0`] });
    const { world } = fleet.sim;
    expect(idsOf(world, A, DEP)).toEqual(['alpha#0']);
    expect(idsOf(world, B, DEP)).toEqual(['alpha#0', 'beta#0']);
    const b = deploymentOf(world, B, DEP);
    expect(condition(b, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 2 of 2 replicas' });
    expect(b.status.unschedulable).toEqual([]);
    expect(b.status.replicas).toEqual({ total: 2, ready: 2 });
  });
});
