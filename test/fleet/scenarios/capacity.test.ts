// Scenario: more replicas than fit. A deployment gets a partial placement and one that fits nowhere
// gets none; each says why per cluster. Then the platform adds a pool and a cluster and the rest
// are placed without moving anything. scheduling.md: Fill ("placing fewer than wanted is not an
// error"), the conditions table, and status.unschedulable reasons.
import { describe, expect, it } from 'vitest';
import type { StepReport } from '../../../sim/fleet/simulator';
import { keyOf } from '../../../sim/fleet/world';
import { classes, existingCluster, h100, l4, needs80Gi, qwen, useFleet } from './fixtures';
import { passesWithNewCluster, settle } from './settle';
import { condition, deploymentOf, endpointsOf, idsOf, replicasOf } from './views';

const NS = 'ml-team';
const QWEN = 'qwen3-8b';
const BIG = 'llama-70b';
const full = (pool: string) => expect.stringMatching(new RegExp(`^engine vllm fits no pool: .*pool ${pool}: largest free block 0 devices, a pod needs 1`));

describe('fleet: capacity exhaustion and recovery', () => {
  const fleet = useFleet();

  let platform: StepReport | undefined;

  it('platform: alpha and beta with one L4 node each', async () => {
    fleet.sim.apply(...classes('nvidia-l4', 'nvidia-h100-80gb'), existingCluster('alpha', [l4(1)]), existingCluster('beta', [l4(1)]));
    platform = await settle(fleet.sim, 'platform');
  });

  let created: StepReport | undefined;

  it('3 replicas where 2 fit: a partial placement, and both clusters explain themselves', async () => {
    fleet.sim.apply(qwen(NS, 3), needs80Gi(NS, 1, BIG));
    created = await settle(fleet.sim, 'qwen3-8b x3 and llama-70b x1');
    const { world } = fleet.sim;
    expect(idsOf(world, NS, QWEN)).toEqual(['alpha#0', 'beta#0']);
    const d = deploymentOf(world, NS, QWEN);
    expect(d.status.replicas).toEqual({ total: 2, ready: 2 });
    expect(condition(d, 'ReplicasScheduled')).toEqual({
      status: 'False',
      reason: 'PartiallyScheduled',
      message: '2 of 3 replicas scheduled; 0/2 clusters fit: 2 InsufficientDevices',
    });
    expect(condition(d, 'ReplicasReady')).toEqual({ status: 'False', reason: 'PartiallyScheduled', message: '2 of 3 ready; 2 of 3 scheduled' });
    // Partial placement is not success: the composite is not Ready although both replicas are.
    expect(condition(d, 'Ready')?.status).toBe('False');
    expect(d.status.unschedulable).toEqual([
      { cluster: 'alpha', reason: full('l4') },
      { cluster: 'beta', reason: full('l4') },
    ]);
    expect(endpointsOf(world, NS, QWEN)).toHaveLength(2);
  });

  it('an 80 GiB model fits nowhere: nothing placed, InsufficientCapacity and a Warning event', () => {
    const { world } = fleet.sim;
    expect(idsOf(world, NS, BIG)).toEqual([]);
    const big = deploymentOf(world, NS, BIG);
    expect(big.status.replicas).toEqual({ total: 0, ready: 0 });
    expect(condition(big, 'ReplicasScheduled')).toEqual({ status: 'False', reason: 'InsufficientCapacity', message: '0 of 1 replicas scheduled (checked 2 clusters)' });
    expect(condition(big, 'ReplicasReady')).toEqual({ status: 'False', reason: 'NoReplicasScheduled', message: '0 of 1 ready' });
    // Nothing placed is never Ready=True (no composed resource is left to hold it back).
    expect(condition(big, 'Ready')?.status).toBe('False');
    const events = created?.events.get(keyOf(big)) ?? [];
    expect(events.filter((e) => e.severity === 'SEVERITY_WARNING').map((e) => e.message)).toEqual([expect.stringContaining('0 of 1 replicas scheduled')]);
  });

  it('the 80 GiB model: each cluster says its L4 pool lacks a device for request gpu', () => {
    const lacks = expect.stringMatching(/^engine vllm fits no pool: .*pool l4 lacks device for request gpu/);
    expect(deploymentOf(fleet.sim.world, NS, BIG).status.unschedulable).toEqual([
      { cluster: 'alpha', reason: lacks },
      { cluster: 'beta', reason: lacks },
    ]);
  });

  it('the platform adds an L4 pool to beta: the third qwen3-8b replica lands there', async () => {
    fleet.sim.edit('InferenceCluster', 'beta', undefined, (c) => c.spec.nodePools.push({ name: 'l4-extra', className: 'nvidia-l4', nodeCount: 1 }));
    await settle(fleet.sim, 'beta grows a pool');
    const { world } = fleet.sim;
    // Spread would pick alpha (tie on load, smaller name) but alpha is full: beta, first pool with room.
    expect(replicasOf(world, NS, QWEN).map((r) => ({ id: r.id, pools: r.pools }))).toEqual([
      { id: 'alpha#0', pools: { vllm: ['l4'] } },
      { id: 'beta#0', pools: { vllm: ['l4'] } },
      { id: 'beta#1', pools: { vllm: ['l4-extra'] } },
    ]);
    const d = deploymentOf(world, NS, QWEN);
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 3 of 3 replicas' });
    expect(d.status.unschedulable).toEqual([]);
    expect(idsOf(world, NS, BIG)).toEqual([]);
  });

  it('the platform adds gamma with an H100 node: the 80 GiB model is placed; qwen3-8b does not move', async () => {
    fleet.sim.apply(existingCluster('gamma', [h100(1)]));
    await settle(fleet.sim, 'gamma joins', { maxPasses: passesWithNewCluster(platform!) });
    const { world } = fleet.sim;
    expect(idsOf(world, NS, QWEN)).toEqual(['alpha#0', 'beta#0', 'beta#1']);
    expect(replicasOf(world, NS, BIG).map((r) => ({ id: r.id, pools: r.pools, ready: r.ready }))).toEqual([{ id: 'gamma#0', pools: { vllm: ['h100'] }, ready: true }]);
    const big = deploymentOf(world, NS, BIG);
    expect(big.status.replicas).toEqual({ total: 1, ready: 1 });
    expect(condition(big, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 1 of 1 replicas' });
    expect(condition(big, 'ReplicasReady')).toEqual({ status: 'True', reason: 'AllReplicasReady', message: '1 of 1 ready' });
    expect(big.status.unschedulable).toEqual([]);
    expect(endpointsOf(world, NS, BIG)).toHaveLength(1);
  });
});
