// Scenario: GPU-level packing. Replicas claim devices, not nodes: 1-, 2- and 4-GPU replicas of
// different deployments and namespaces share one 8-GPU H100 node; a pod that needs more devices
// than any node has free is explained in devices; a second node takes it. Every pass of every step
// is checked for overcommit at device level (settle's fleet-wide invariant). scheduling.md,
// "Capacity ledger".
import { describe, expect, it } from 'vitest';
import { packFleet } from '../../../sim/fleet/packing';
import type { Obj } from '../../../sim/fleet/world';
import { classes, existingCluster, h100, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, idsOf } from './views';

/** The examples' Qwen3-8B deployment claiming `gpus` GPUs per pod. */
function claiming(namespace: string, name: string, replicas: number, gpus: number): Obj {
  const d = qwen(namespace, replicas, name);
  d.spec.engines[0].members[0].nodeSelector.devices[0].count = gpus;
  return d;
}

const node = (fleet: { sim: { world: Parameters<typeof packFleet>[0] } }, n: number) => {
  const pool = packFleet(fleet.sim.world).get('alpha')!.get('h100')!;
  return { free: pool.bins.freePerNode()[n]![0], holders: pool.holders[n] };
};

describe('fleet: GPU-level packing', () => {
  const fleet = useFleet();

  it('platform: alpha with one 8-GPU H100 node', async () => {
    fleet.sim.apply(...classes('nvidia-h100-80gb'), existingCluster('alpha', [h100(1)]));
    await settle(fleet.sim, 'platform');
  });

  it('two 1-GPU deployments in two namespaces and a 2-GPU one share the node: 6 of 8 devices used', async () => {
    fleet.sim.apply(claiming('team-a', 'small', 2, 1), claiming('team-b', 'small', 2, 1), claiming('team-c', 'pair', 1, 2));
    await settle(fleet.sim, 'three deployments');
    const { world } = fleet.sim;
    expect(idsOf(world, 'team-a', 'small')).toEqual(['alpha#0', 'alpha#1']);
    expect(idsOf(world, 'team-b', 'small')).toEqual(['alpha#0', 'alpha#1']);
    expect(idsOf(world, 'team-c', 'pair')).toEqual(['alpha#0']);
    expect(node(fleet, 0)).toEqual({
      free: 2,
      holders: ['team-a/small #0', 'team-a/small #1', 'team-b/small #0', 'team-b/small #1', 'team-c/pair #0'],
    });
    // What fn-schedule reads instead of every replica: alpha's ledger, one holder entry per deployment.
    expect(world.find('InferenceCluster', 'alpha')!.status.ledger).toEqual({
      replicas: 5,
      pools: [{ name: 'h100', used: 6, holders: ['team-a/small 0:2', 'team-b/small 0:2', 'team-c/pair 0:2'] }],
    });
    for (const [ns, name] of [
      ['team-a', 'small'],
      ['team-b', 'small'],
      ['team-c', 'pair'],
    ] as const) {
      expect(condition(deploymentOf(world, ns, name), 'ReplicasScheduled')?.status, `${ns}/${name}`).toBe('True');
    }
  });

  it('a 4-GPU pod does not fit the 2 devices left, and says so in devices', async () => {
    fleet.sim.apply(claiming('team-d', 'quad', 1, 4));
    await settle(fleet.sim, '4-GPU deployment');
    const d = deploymentOf(fleet.sim.world, 'team-d', 'quad');
    expect(idsOf(fleet.sim.world, 'team-d', 'quad')).toEqual([]);
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'False', reason: 'InsufficientCapacity', message: '0 of 1 replicas scheduled (checked 1 clusters)' });
    expect(d.status.unschedulable).toEqual([{ cluster: 'alpha', reason: expect.stringMatching(/pool h100: largest free block 2 devices, a pod needs 4$/) }]);
  });

  it('the platform adds a second node: the 4-GPU pod lands there, nothing else moves', async () => {
    fleet.sim.edit('InferenceCluster', 'alpha', undefined, (c) => (c.spec.nodePools[0].nodeCount = 2));
    await settle(fleet.sim, 'alpha grows to 2 nodes');
    expect(idsOf(fleet.sim.world, 'team-d', 'quad')).toEqual(['alpha#0']);
    expect(node(fleet, 0).free).toBe(2);
    expect(node(fleet, 1)).toEqual({ free: 4, holders: ['team-d/quad #0'] });
  });
});
