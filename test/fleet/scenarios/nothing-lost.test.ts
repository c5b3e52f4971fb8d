// Scenario: nothing lost. A cluster's published status is wiped and restored, the ML team edits
// the selector to one that no longer matches a running replica, to one that does not compile, and
// to one that errors at run time. Ready replicas never drop below what the deployment had: the
// replica is replaced before it is removed, and what cannot be judged is kept as it is.
// scheduling.md, "Nothing is lost" and "When existing replicas move or go".
import { describe, expect, it } from 'vitest';
import type { Invariant } from '../../../sim/fleet/simulator';
import type { Obj } from '../../../sim/fleet/world';
import { a100, classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, endpointsOf, idsOf, replicasOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b';
const MEM_40 = 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("40Gi")) >= 0';

const setSelector = (cel: string) => (d: Obj) => (d.spec.engines[0].members[0].nodeSelector.devices[0].selectors = [{ cel }]);

/** After every pass: at least `floor` Ready replicas and as many endpoints, and what each pass reported. */
function readyFloor(floor: number, reasons: string[]): Invariant {
  return {
    name: `at least ${floor} Ready replicas and endpoints`,
    check(_before, after) {
      reasons.push(condition(after.find('ModelDeployment', DEP, NS), 'ReplicasScheduled')?.reason ?? '');
      const ready = replicasOf(after, NS, DEP).filter((r) => r.ready).length;
      const endpoints = endpointsOf(after, NS, DEP).length;
      return ready >= floor && endpoints >= floor ? [] : [`${ready} Ready replicas and ${endpoints} endpoints, fewer than ${floor}: ${JSON.stringify(replicasOf(after, NS, DEP))}`];
    },
  };
}

describe('fleet: nothing lost', () => {
  const fleet = useFleet();

  it('starts with one replica on alpha (L4) and one on beta (A100)', async () => {
    fleet.sim.apply(...classes('nvidia-l4', 'nvidia-a100-80gb'), existingCluster('alpha', [l4(2)]), existingCluster('beta', [a100(2)]));
    await settle(fleet.sim, 'platform');
    fleet.sim.apply(qwen(NS, 2));
    await settle(fleet.sim, 'create with replicas: 2');
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(condition(deploymentOf(fleet.sim.world, NS, DEP), 'Ready')?.status).toBe('True');
  });

  it("alpha's published status is wiped, then restored: its replica and endpoint are kept throughout", async () => {
    const reasons: string[] = [];
    fleet.sim.edit('InferenceCluster', 'alpha', undefined, (c) => (c.status = {}));
    await settle(fleet.sim, 'wipe alpha status', { invariants: [readyFloor(2, reasons)] });
    // The pass that saw the wiped status said so; the next ones saw it restored.
    expect(reasons[0]).toBe('ClusterStatusUnknown');
    expect(reasons.at(-1)).toBe('ReplicasCreated');
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
  });

  it("a selector edit that alpha's L4 no longer matches: the replacement is Ready before alpha#0 goes", async () => {
    const reasons: string[] = [];
    fleet.sim.edit('ModelDeployment', DEP, NS, setSelector(MEM_40));
    await settle(fleet.sim, 'selector: 40 GiB or more', { moves: [`${NS}/${DEP}@alpha#0`], invariants: [readyFloor(2, reasons)] });
    expect(reasons).toContain('Replacing');
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual(['beta#0', 'beta#1']);
    const d = deploymentOf(world, NS, DEP);
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 2 of 2 replicas' });
    expect(condition(d, 'Ready')?.status).toBe('True');
  });

  it('a selector edit that does not compile keeps everything, and the deployment is not Ready', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, setSelector('device.capacity["gpu.nvidia.com"].memory.compareTo('));
    await settle(fleet.sim, 'selector: syntax error', { invariants: [readyFloor(2, [])] });
    const d = deploymentOf(fleet.sim.world, NS, DEP);
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['beta#0', 'beta#1']);
    expect(condition(d, 'ReplicasScheduled')).toMatchObject({ status: 'False', reason: 'InvalidNodeSelector' });
    expect(condition(d, 'Ready')?.status).toBe('False');
  });

  it('a selector that errors at run time keeps everything as it is, naming the field', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, setSelector('device.attributes["gpu.nvidia.com"].generation == "Hopper"'));
    await settle(fleet.sim, 'selector: no such attribute', { invariants: [readyFloor(2, [])] });
    const d = deploymentOf(fleet.sim.world, NS, DEP);
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['beta#0', 'beta#1']);
    expect(condition(d, 'ReplicasScheduled')).toMatchObject({
      status: 'False',
      reason: 'SelectorError',
      message: expect.stringContaining(
        'spec.engines[0].members[0].nodeSelector.devices[0].selectors[0].cel cannot be evaluated on device gpu of pool a100 (cluster beta): No such key: generation',
      ),
    });
    expect(d.status.placements.map((p: Obj) => p.state)).toEqual([expect.stringMatching(/^KeptAsIs: SelectorError: /), expect.stringMatching(/^KeptAsIs: SelectorError: /)]);
    expect(condition(d, 'Ready')?.status).toBe('False');
  });

  it('fixing the selector resumes: nothing moved, Ready again', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, setSelector(MEM_40));
    await settle(fleet.sim, 'selector fixed', { invariants: [readyFloor(2, [])] });
    const d = deploymentOf(fleet.sim.world, NS, DEP);
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['beta#0', 'beta#1']);
    expect(condition(d, 'ReplicasScheduled')?.reason).toBe('ReplicasCreated');
    expect(condition(d, 'Ready')?.status).toBe('True');
  });
});
