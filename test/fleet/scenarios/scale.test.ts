// Scenario: kubectl scale md/qwen3-8b up and down on two L4 clusters.
// scheduling.md: fill picks the smallest (replicas of this deployment on it, cluster name) — spread
// first, then pack — with the lowest unused index; scale down removes the largest (replicas on its
// cluster, cluster name, index). Existing replicas never move.
import { describe, expect, it } from 'vitest';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, endpointsOf, idsOf, replicasOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b';
const scaleTo = (n: number) => (d: Record<string, any>) => (d.spec.replicas = n);

describe('fleet: scale up and down', () => {
  const fleet = useFleet();

  it('places nothing before the ML team asks (platform: alpha with 3 L4 nodes, beta with 2)', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(3)]), existingCluster('beta', [l4(2)]));
    await settle(fleet.sim, 'platform');
    const pools = (c: string) => fleet.sim.world.find('InferenceCluster', c)?.status?.gpuPools?.map((p: any) => `${p.name}:${p.nodes}`);
    expect({ alpha: pools('alpha'), beta: pools('beta') }).toEqual({ alpha: ['l4:3'], beta: ['l4:2'] });
  });

  it('one replica lands on the first cluster by name', async () => {
    fleet.sim.apply(qwen(NS, 1));
    await settle(fleet.sim, 'create with replicas: 1');
    const { world } = fleet.sim;
    expect(replicasOf(world, NS, DEP).map((r) => ({ id: r.id, pools: r.pools, ready: r.ready }))).toEqual([{ id: 'alpha#0', pools: { vllm: ['l4'] }, ready: true }]);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: 1, ready: 1 });
    expect(d.status.unschedulable).toEqual([]);
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 1 of 1 replicas' });
    expect(condition(d, 'ReplicasReady')).toEqual({ status: 'True', reason: 'AllReplicasReady', message: '1 of 1 ready' });
    expect(endpointsOf(world, NS, DEP)).toHaveLength(1);
  });

  it('scale to 5: spread (beta gets the 2nd), then alternate by (load, name) until both are full', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, scaleTo(5));
    await settle(fleet.sim, 'scale 1 -> 5');
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual(['alpha#0', 'alpha#1', 'alpha#2', 'beta#0', 'beta#1']);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: 5, ready: 5 });
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 5 of 5 replicas' });
    expect(condition(d, 'ReplicasReady')).toEqual({ status: 'True', reason: 'AllReplicasReady', message: '5 of 5 ready' });
    expect(endpointsOf(world, NS, DEP)).toHaveLength(5);
  });

  it('scale to 2: most loaded cluster first, then the greater name, then the highest index', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, scaleTo(2));
    // alpha 3 > beta 2: alpha#2; tie 2/2: beta (greater name) #1; alpha 2 > beta 1: alpha#1.
    await settle(fleet.sim, 'scale 5 -> 2', { moves: [`${NS}/${DEP}@alpha#2`, `${NS}/${DEP}@beta#1`, `${NS}/${DEP}@alpha#1`] });
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: 2, ready: 2 });
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 2 of 2 replicas' });
    expect(endpointsOf(world, NS, DEP).map((e) => e.metadata.labels['modelplane.ai/cluster']).sort()).toEqual(['alpha', 'beta']);
  });

  it('scale to 3: the freed lowest index on alpha is reused', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, scaleTo(3));
    await settle(fleet.sim, 'scale 2 -> 3');
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'alpha#1', 'beta#0']);
  });

  it('scale to 0 keeps nothing and says ScaledToZero', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, scaleTo(0));
    await settle(fleet.sim, 'scale 3 -> 0', { moves: [`${NS}/${DEP}@alpha#0`, `${NS}/${DEP}@alpha#1`, `${NS}/${DEP}@beta#0`] });
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual([]);
    expect(endpointsOf(world, NS, DEP)).toEqual([]);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: 0, ready: 0 });
    expect(condition(d, 'ReplicasScheduled')).toMatchObject({ status: 'True', reason: 'ScaledToZero' });
    expect(condition(d, 'ReplicasReady')).toMatchObject({ status: 'True', reason: 'ScaledToZero' });
    // Nothing of the deployment is left on either cluster.
    expect(fleet.sim.world.ofKind('Object').filter((o) => o.metadata?.namespace === NS)).toEqual([]);
  });
});
