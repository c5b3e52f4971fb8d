// Scenario: the platform team cordons a cluster (NoSchedule taint: no new replicas, existing stay),
// then drains it (NoExecute: its replicas are replaced elsewhere first and removed once the
// replacements are Ready, so the Ready count never drops), and the ML team tolerates the drain taint. scheduling.md, Retain and Fill; api.md InferenceCluster spec.taints.
import { describe, expect, it } from 'vitest';
import type { Invariant } from '../../../sim/fleet/simulator';
import type { Obj, World } from '../../../sim/fleet/world';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, endpointsOf, idsOf, replicasOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b';
const move = (id: string) => `${NS}/${DEP}@${id}`;
const taint = (effect: 'NoSchedule' | 'NoExecute') => ({ key: 'maintenance', value: 'true', effect });
const readyCount = (w: World) => replicasOf(w, NS, DEP).filter((r) => r.ready).length;
const readyEndpoints = (w: World) => endpointsOf(w, NS, DEP).filter((e) => (e.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True')).length;
/** Make before break: Ready replicas and Ready endpoints never fall below what served before the move. */
const servingNeverBelow = (w: World): Invariant => {
  const floor = { replicas: readyCount(w), endpoints: readyEndpoints(w) };
  return {
    name: `never fewer than ${floor.replicas} Ready replicas and ${floor.endpoints} Ready endpoints`,
    check: (_before, after) => [
      ...(readyCount(after) < floor.replicas ? [`Ready replicas ${readyCount(after)} < ${floor.replicas}`] : []),
      ...(readyEndpoints(after) < floor.endpoints ? [`Ready endpoints ${readyEndpoints(after)} < ${floor.endpoints}`] : []),
    ],
  };
};
const setTaints =
  (...taints: Obj[]) =>
  (c: Obj) =>
    (c.spec.taints = taints);

describe('fleet: cordon and drain', () => {
  const fleet = useFleet();

  it('starts spread over alpha (2 L4 nodes) and beta (3 L4 nodes)', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(2)]), existingCluster('beta', [l4(3)]));
    await settle(fleet.sim, 'platform');
    fleet.sim.apply(qwen(NS, 2));
    await settle(fleet.sim, 'create with replicas: 2');
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
  });

  it('cordon alpha (NoSchedule): nothing moves', async () => {
    fleet.sim.edit('InferenceCluster', 'alpha', undefined, setTaints(taint('NoSchedule')));
    await settle(fleet.sim, 'cordon alpha'); // no moves allowed
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(
      endpointsOf(fleet.sim.world, NS, DEP)
        .map((e) => e.metadata.labels['modelplane.ai/cluster'])
        .sort(),
    ).toEqual(['alpha', 'beta']);
  });

  it('scale to 3: the new replica avoids cordoned alpha (which would win the name tie) and lands on beta', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 3));
    await settle(fleet.sim, 'scale 2 -> 3 while alpha is cordoned');
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0', 'beta#1']);
    const d = deploymentOf(fleet.sim.world, NS, DEP);
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 3 of 3 replicas' });
    expect(d.status.unschedulable).toEqual([]);
  });

  it('drain alpha (NoExecute): alpha#0 is replaced on beta first, then removed; Ready never drops', async () => {
    fleet.sim.edit('InferenceCluster', 'alpha', undefined, setTaints(taint('NoExecute')));
    const report = await settle(fleet.sim, 'drain alpha', { moves: [move('alpha#0')], invariants: [servingNeverBelow(fleet.sim.world)] });
    // The replacement came first: some pass had both alpha#0 and beta#2.
    expect(report.passes.length).toBeGreaterThan(2);
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual(['beta#0', 'beta#1', 'beta#2']);
    expect(endpointsOf(world, NS, DEP).map((e) => e.metadata.labels['modelplane.ai/cluster'])).toEqual(['beta', 'beta', 'beta']);
    // Nothing of the deployment is left on the drained cluster.
    expect(world.ofKind('Object').filter((o) => o.metadata?.namespace === NS && o.spec?.providerConfigRef?.name === 'alpha')).toEqual([]);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: 3, ready: 3 });
    expect(condition(d, 'ReplicasReady')).toEqual({ status: 'True', reason: 'AllReplicasReady', message: '3 of 3 ready' });
  });

  it('scale to 4 with beta full: 3 of 4, and each cluster says why', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 4));
    await settle(fleet.sim, 'scale 3 -> 4 while alpha is drained');
    const d = deploymentOf(fleet.sim.world, NS, DEP);
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['beta#0', 'beta#1', 'beta#2']);
    expect(condition(d, 'ReplicasScheduled')).toEqual({
      status: 'False',
      reason: 'PartiallyScheduled',
      message: '3 of 4 replicas scheduled; 0/2 clusters fit: 1 InsufficientDevices, 1 UntoleratedTaint',
    });
    expect(d.status.unschedulable).toEqual([
      { cluster: 'alpha', reason: 'untolerated taint maintenance=true:NoExecute' },
      { cluster: 'beta', reason: expect.stringMatching(/^engine vllm fits no pool: .*pool l4: largest free block 0 devices, a pod needs 1/) },
    ]);
  });

  it('tolerating the drain taint lets the 4th replica onto alpha; nothing else moves', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.tolerations = [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute' }]));
    await settle(fleet.sim, 'tolerate maintenance:NoExecute');
    const d = deploymentOf(fleet.sim.world, NS, DEP);
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0', 'beta#1', 'beta#2']);
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 4 of 4 replicas' });
    expect(d.status.unschedulable).toEqual([]);
  });
});
