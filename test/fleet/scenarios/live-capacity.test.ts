// Scenario (scheduling.md, "Live capacity"): the clusters report what they really have and the
// scheduler places by it. Simulated: no inference cluster runs offline, so the simulated clusters
// play the capacity reporter (Simulator.report sets the ConfigMap each cluster's reporter would
// have written); from the observe-only Object on everything is real: fn-inferencecluster publishes
// status.gpuPools[].live, fn-schedule packs into it, through `crossplane render`. Every pass of
// every step keeps the fleet-wide invariants (no pool overcommitted at device level, no replica
// removed without cause, the Ready floor).
//
// alpha and beta are one 8-GPU H100 node each; gamma has two. team-a's 1-GPU replicas select
// alpha and beta, team-b's 8-GPU ones gamma.
import { describe, expect, it } from 'vitest';
import type { SimulatedNode } from '../../../sim/fleet/simulator';
import type { Obj } from '../../../sim/fleet/world';
import { classes, existingCluster, h100, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, idsOf } from './views';

const T0 = '2026-03-01T00:00:00Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** One HGX node as the reporter sees it: 8 GPUs published, `foreign` of them another tenant's. */
const hgx = (name: string, o: { foreign?: number; ready?: boolean; unschedulable?: boolean } = {}): SimulatedNode => ({
  name,
  pool: 'h100',
  ready: o.ready ?? true,
  unschedulable: o.unschedulable ?? false,
  taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
  devices: { 'gpu.nvidia.com': { published: 8, foreign: o.foreign ?? 0 } },
});

/** `replicas` pods of `gpus` GPUs each, on the clusters named (their region label). */
function claiming(namespace: string, name: string, replicas: number, gpus: number, regions: string[]): Obj {
  const d = qwen(namespace, replicas, name);
  d.spec.engines[0].members[0].nodeSelector.devices[0].count = gpus;
  d.spec.clusterSelector = { matchExpressions: [{ key: 'modelplane.ai/region', operator: 'In', values: regions }] };
  return d;
}

const live = (fleet: { sim: { world: { find(kind: string, name: string): Obj | undefined } } }, cluster: string) =>
  fleet.sim.world.find('InferenceCluster', cluster)!.status.gpuPools[0].live;
const unschedulable = (fleet: { sim: { world: Parameters<typeof deploymentOf>[0] } }, ns: string, name: string) =>
  Object.fromEntries((deploymentOf(fleet.sim.world, ns, name).status.unschedulable ?? []).map((u: Obj) => [u.cluster, u.reason]));

describe('fleet: live capacity from the clusters', () => {
  const fleet = useFleet();
  const small = claiming('team-a', 'small', 4, 1, ['alpha', 'beta']);
  const big = claiming('team-b', 'big', 1, 8, ['gamma']);

  it('platform: every cluster reports; fn-inferencecluster publishes each pool as it is', async () => {
    fleet.sim.apply(...classes('nvidia-h100-80gb'), existingCluster('alpha', [h100(1)]), existingCluster('beta', [h100(1)]), existingCluster('gamma', [h100(2)]));
    fleet.sim.report('alpha', { reportedAt: at(0), nodes: [hgx('alpha-1')] });
    fleet.sim.report('beta', { reportedAt: at(0), nodes: [hgx('beta-1')] });
    fleet.sim.report('gamma', { reportedAt: at(0), nodes: [hgx('gamma-1'), hgx('gamma-2')] });
    await settle(fleet.sim, 'platform');
    expect(live(fleet, 'gamma')).toEqual({ reportedAt: at(0), nodes: 2, schedulableNodes: 2, devices: 16, foreignDevices: 0, free: ['2x8'], headroomNodes: 0 });
    const reported = (fleet.sim.world.find('InferenceCluster', 'alpha')!.status.conditions as Obj[]).find((c) => c.type === 'CapacityReported');
    expect(reported).toMatchObject({ status: 'True', reason: 'Reported' });
  });

  it('four 1-GPU replicas spread over alpha and beta; one 8-GPU replica on gamma', async () => {
    fleet.sim.apply(small, big);
    await settle(fleet.sim, 'deploy');
    expect(idsOf(fleet.sim.world, 'team-a', 'small')).toEqual(['alpha#0', 'alpha#1', 'beta#0', 'beta#1']);
    expect(idsOf(fleet.sim.world, 'team-b', 'big')).toEqual(['gamma#0']);
  });

  it("another tenant takes 6 of alpha's GPUs: scaled to 10, the new replicas go to beta only; alpha's two are kept", async () => {
    fleet.sim.report('alpha', { reportedAt: at(1), nodes: [hgx('alpha-1', { foreign: 6 })] });
    fleet.sim.report('beta', { reportedAt: at(1), nodes: [hgx('beta-1')] });
    await settle(fleet.sim, 'alpha shared');
    expect(live(fleet, 'alpha')).toMatchObject({ devices: 8, foreignDevices: 6, free: ['1x2'] });
    fleet.sim.edit('ModelDeployment', 'small', 'team-a', (d) => (d.spec.replicas = 10));
    await settle(fleet.sim, 'scale to 10');
    expect(idsOf(fleet.sim.world, 'team-a', 'small')).toEqual(['alpha#0', 'alpha#1', ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `beta#${i}`)]);
    const placement = (deploymentOf(fleet.sim.world, 'team-a', 'small').status.placements as Obj[]).find((p) => p.cluster === 'beta' && p.index === 7)!;
    expect(placement.engines[0].why).toMatch(new RegExp(`live capacity reported ${at(1).replace(/\./g, '\\.')}$`));
  });

  it('one more than fits: the rejection says alpha was judged by its live report', async () => {
    fleet.sim.edit('ModelDeployment', 'small', 'team-a', (d) => (d.spec.replicas = 11));
    await settle(fleet.sim, 'scale to 11');
    expect(idsOf(fleet.sim.world, 'team-a', 'small')).toHaveLength(10);
    expect(unschedulable(fleet, 'team-a', 'small').alpha).toBe(
      `engine vllm fits no pool: pool h100: largest free block 0 devices, a pod needs 1 (live capacity reported ${at(1)})`,
    );
    expect(condition(deploymentOf(fleet.sim.world, 'team-a', 'small'), 'ReplicasScheduled')).toMatchObject({ status: 'False', reason: 'PartiallyScheduled' });
  });

  it('the tenant releases its GPUs: the eleventh replica lands on alpha', async () => {
    fleet.sim.report('alpha', { reportedAt: at(2), nodes: [hgx('alpha-1')] });
    await settle(fleet.sim, 'alpha released');
    expect(idsOf(fleet.sim.world, 'team-a', 'small')).toContain('alpha#2');
    expect(idsOf(fleet.sim.world, 'team-a', 'small')).toHaveLength(11);
  });

  it('a gamma node goes NotReady: a second 8-GPU replica does not fit; it comes back and the replica is placed', async () => {
    fleet.sim.report('gamma', { reportedAt: at(3), nodes: [hgx('gamma-1'), hgx('gamma-2', { ready: false })] });
    await settle(fleet.sim, 'gamma-2 NotReady');
    expect(live(fleet, 'gamma')).toMatchObject({ nodes: 2, schedulableNodes: 1, free: ['1x8'] });
    // The report reaches the cluster's status first (a real reporter runs before anyone scales).
    fleet.sim.edit('ModelDeployment', 'big', 'team-b', (d) => (d.spec.replicas = 2));
    await settle(fleet.sim, 'scale big to 2');
    expect(idsOf(fleet.sim.world, 'team-b', 'big')).toEqual(['gamma#0']);
    expect(unschedulable(fleet, 'team-b', 'big').gamma).toMatch(/largest free block 0 devices, a pod needs 8 \(live capacity reported/);

    fleet.sim.report('gamma', { reportedAt: at(4), nodes: [hgx('gamma-1'), hgx('gamma-2')] });
    await settle(fleet.sim, 'gamma-2 Ready again');
    expect(idsOf(fleet.sim.world, 'team-b', 'big')).toEqual(['gamma#0', 'gamma#1']);
  });

  it('gamma reports every node cordoned: its running replicas are kept, nothing new goes there', async () => {
    fleet.sim.report('gamma', { reportedAt: at(5), nodes: [hgx('gamma-1', { unschedulable: true }), hgx('gamma-2', { unschedulable: true })] });
    await settle(fleet.sim, 'gamma cordoned');
    expect(live(fleet, 'gamma')).toMatchObject({ nodes: 2, schedulableNodes: 0, free: [] });
    fleet.sim.edit('ModelDeployment', 'big', 'team-b', (d) => (d.spec.replicas = 3));
    await settle(fleet.sim, 'scale big to 3');
    expect(idsOf(fleet.sim.world, 'team-b', 'big')).toEqual(['gamma#0', 'gamma#1']);
    expect(unschedulable(fleet, 'team-b', 'big').gamma).toMatch(/\(live capacity reported/);
  });

  it("alpha's reporter stops while the others report on: its report goes stale, the configured capacity is back, nothing is dropped", async () => {
    // alpha's last word: another tenant holds all of it.
    fleet.sim.report('alpha', { reportedAt: at(6), nodes: [hgx('alpha-1', { foreign: 8 })] });
    await settle(fleet.sim, 'alpha full');
    expect(idsOf(fleet.sim.world, 'team-a', 'small')).toHaveLength(11);
    // Twenty minutes on, beta and gamma have reported since; alpha has not.
    fleet.sim.report('beta', { reportedAt: at(26), nodes: [hgx('beta-1')] });
    fleet.sim.report('gamma', { reportedAt: at(26), nodes: [hgx('gamma-1'), hgx('gamma-2')] });
    await settle(fleet.sim, 'alpha stale');
    expect(idsOf(fleet.sim.world, 'team-a', 'small')).toHaveLength(11);
    fleet.sim.edit('ModelDeployment', 'small', 'team-a', (d) => (d.spec.replicas = 12));
    await settle(fleet.sim, 'scale to 12');
    // Nothing was dropped, and the twelfth replica went by alpha's configured capacity (8 devices, 3 held).
    expect(idsOf(fleet.sim.world, 'team-a', 'small')).toEqual(['alpha#0', 'alpha#1', 'alpha#2', 'alpha#3', ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `beta#${i}`)]);
    const placement = (deploymentOf(fleet.sim.world, 'team-a', 'small').status.placements as Obj[]).find((p) => p.cluster === 'alpha' && p.index === 3)!;
    expect(placement.engines[0].why).toMatch(new RegExp(`configured capacity: live report from ${at(6).replace(/\./g, '\\.')} is stale`));
  });
});
