// Scenario: the platform team deletes an InferenceCluster that serves a replica. The ClusterUsage
// keeps the cluster until no ModelReplica is pinned to it (the simulator emulates that); a cluster
// being deleted is no longer a place to keep or put replicas, so its replica is dropped and
// re-placed on the remaining cluster, and then the cluster goes away with everything it composed.
// scheduling.md (Retain: "the cluster is still in the selected set"), composition.md (deletion guard).
import { describe, expect, it } from 'vitest';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, endpointsOf, idsOf, remoteObjects } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b';

describe('fleet: cluster deletion and re-placement', () => {
  const fleet = useFleet();

  it('starts with one replica on each of alpha and beta (2 L4 nodes each)', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(2)]), existingCluster('beta', [l4(2)]));
    await settle(fleet.sim, 'platform');
    fleet.sim.apply(qwen(NS, 2));
    await settle(fleet.sim, 'create with replicas: 2');
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    // The deletion guard exists while a replica is pinned.
    expect(
      fleet.sim.world
        .ofKind('ClusterUsage')
        .map((u) => u.spec?.of?.resourceRef?.name)
        .sort(),
    ).toEqual(['alpha', 'beta']);
  });

  it('kubectl delete inferencecluster alpha: its replica moves to beta, then alpha is gone', async () => {
    fleet.sim.remove('InferenceCluster', 'alpha');
    await settle(fleet.sim, 'delete alpha', { moves: [`${NS}/${DEP}@alpha#0`] });
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP), 'replicas after deleting alpha').toEqual(['beta#0', 'beta#1']);
    expect(world.find('InferenceCluster', 'alpha'), 'alpha finalized once nothing is pinned').toBeUndefined();
    expect(
      remoteObjects(world).filter((o) => o.cluster === 'alpha'),
      'nothing targets alpha any more',
    ).toEqual([]);
    expect(endpointsOf(world, NS, DEP).map((e) => e.metadata.labels['modelplane.ai/cluster'])).toEqual(['beta', 'beta']);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: 2, ready: 2 });
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 2 of 2 replicas' });
    expect(d.status.unschedulable).toEqual([]);
  });

  it('scale to 3: beta is full and the deleted cluster is not listed at all', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 3));
    await settle(fleet.sim, 'scale 2 -> 3 after deleting alpha');
    const d = deploymentOf(fleet.sim.world, NS, DEP);
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['beta#0', 'beta#1']);
    expect(condition(d, 'ReplicasScheduled')).toEqual({
      status: 'False',
      reason: 'PartiallyScheduled',
      message: '2 of 3 replicas scheduled; 0/1 clusters fit: 1 InsufficientDevices',
    });
    expect(d.status.unschedulable).toEqual([
      { cluster: 'beta', reason: expect.stringMatching(/^engine vllm fits no pool: .*pool l4: largest free block 0 devices, a pod needs 1/) },
    ]);
  });

  it('deleting the last cluster waits for the ML team: replicas are kept (NoClusters) and the guard holds', async () => {
    fleet.sim.remove('InferenceCluster', 'beta');
    await settle(fleet.sim, 'delete beta, the last cluster'); // nothing may be lost
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual(['beta#0', 'beta#1']);
    expect(world.find('InferenceCluster', 'beta')?.metadata?.deletionTimestamp, 'beta is pending deletion').toBeDefined();
    const d = deploymentOf(world, NS, DEP);
    expect(condition(d, 'ReplicasScheduled')).toMatchObject({ status: 'False', reason: 'NoClusters' });
  });

  it('scale to 0 releases beta, which is then deleted', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 0));
    await settle(fleet.sim, 'scale to 0', { moves: [`${NS}/${DEP}@beta#0`, `${NS}/${DEP}@beta#1`] });
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual([]);
    expect(world.ofKind('InferenceCluster')).toEqual([]);
    expect(remoteObjects(world)).toEqual([]);
  });
});
