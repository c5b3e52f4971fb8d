// Scenario: kubectl scale md/qwen3-8b up and down on two L4 clusters (alpha 3 nodes, beta 2).
// scheduling.md: fill picks the smallest (replicas of this deployment on it, cluster name) — balanced,
// round-robin — with the lowest unused index; scale down removes the largest (replicas on its
// cluster, cluster name, index). Existing replicas never move; only scaled-down ones disappear.
import { describe, expect, it } from 'vitest';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, endpointsOf, idsOf, replicasOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b';

interface Step {
  readonly name: string;
  readonly replicas: number;
  /** Replicas (cluster#index) the step may and must remove. */
  readonly removes: readonly string[];
  readonly ids: readonly string[];
}

const steps: Step[] = [
  {
    name: 'scale 1 -> 5: beta gets the 2nd (spread), then alternate by (load, name) until both are full',
    replicas: 5,
    removes: [],
    ids: ['alpha#0', 'alpha#1', 'alpha#2', 'beta#0', 'beta#1'],
  },
  // alpha 3 > beta 2: alpha#2; tie 2/2: beta (greater name) #1; alpha 2 > beta 1: alpha#1.
  { name: 'scale 5 -> 2: most loaded cluster, then greater name, then highest index', replicas: 2, removes: ['alpha#2', 'beta#1', 'alpha#1'], ids: ['alpha#0', 'beta#0'] },
  { name: 'scale 2 -> 3: tie on load goes to alpha, which reuses its lowest free index', replicas: 3, removes: [], ids: ['alpha#0', 'alpha#1', 'beta#0'] },
];

describe('fleet: scale up and down', () => {
  const fleet = useFleet();

  it('platform: alpha publishes 3 L4 nodes, beta 2', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(3)]), existingCluster('beta', [l4(2)]));
    await settle(fleet.sim, 'platform');
    const pools = (c: string) => fleet.sim.world.find('InferenceCluster', c)?.status?.gpuPools?.map((p: any) => `${p.name}:${p.nodes}`);
    expect({ alpha: pools('alpha'), beta: pools('beta') }).toEqual({ alpha: ['l4:3'], beta: ['l4:2'] });
  });

  it('replicas: 1 lands on the first cluster by name, ready, with one endpoint', async () => {
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

  it.each(steps)('$name', async ({ name, replicas, removes, ids }) => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = replicas));
    await settle(fleet.sim, name, { moves: removes.map((id) => `${NS}/${DEP}@${id}`) });
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual(ids);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: ids.length, ready: ids.length });
    expect(d.status.unschedulable).toEqual([]);
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: `Scheduled ${ids.length} of ${replicas} replicas` });
    expect(condition(d, 'ReplicasReady')).toEqual({ status: 'True', reason: 'AllReplicasReady', message: `${ids.length} of ${ids.length} ready` });
    expect(
      endpointsOf(world, NS, DEP)
        .map((e) => `${e.metadata.labels['modelplane.ai/cluster']}#${e.metadata.labels['modelplane.ai/replica-index']}`)
        .sort(),
    ).toEqual(ids);
  });

  it('scale to 0 keeps nothing and says ScaledToZero', async () => {
    const last = steps[steps.length - 1]!.ids;
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 0));
    await settle(fleet.sim, 'scale to 0', { moves: last.map((id) => `${NS}/${DEP}@${id}`) });
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual([]);
    expect(endpointsOf(world, NS, DEP)).toEqual([]);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: 0, ready: 0 });
    expect(condition(d, 'ReplicasScheduled')).toMatchObject({ status: 'True', reason: 'ScaledToZero' });
    expect(condition(d, 'ReplicasReady')).toMatchObject({ status: 'True', reason: 'ScaledToZero' });
    // Nothing of the deployment is left on either cluster.
    expect(world.ofKind('Object').filter((o) => o.metadata?.namespace === NS)).toEqual([]);
  });
});
