// Scenario: the examples' Qwen3-8B prefill/decode deployment (one prefill engine, two decode copies,
// each needing a >= 40 GiB GPU; here each pod claims all 8 GPUs of a node, so the pools fill node by
// node). Both engines of a replica go on the same cluster, each on one pool, fitted against one trial
// copy of the cluster's free devices: all fit or the replica does not fit.
// scheduling.md (Placing an engine on a cluster), composition.md (PrefillDecode).
import { describe, expect, it } from 'vitest';
import { a100, classes, example, existingCluster, h100, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, endpointsOf, idsOf, LABEL, remoteObjects, replicasOf, workloadsOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b-pd';

/** The example, with every pod claiming a whole 8-GPU node. */
function wholeNodes() {
  const d = example('ModelDeployment', DEP);
  for (const e of d.spec.engines) for (const m of e.members) for (const r of m.nodeSelector.devices) r.count = 8;
  return d;
}

describe('fleet: prefill/decode on one cluster', () => {
  const fleet = useFleet();

  it('platform: alpha (2 A100 nodes) and beta (1 A100 node + 2 H100 nodes)', async () => {
    fleet.sim.apply(...classes('nvidia-a100-80gb', 'nvidia-h100-80gb'), existingCluster('alpha', [a100(2)]), existingCluster('beta', [a100(1), h100(2)]));
    await settle(fleet.sim, 'platform');
  });

  it('the replica needs 3 nodes: alpha (first by name) has 2, so it lands on beta, prefill on a100 and decode on h100', async () => {
    fleet.sim.apply(wholeNodes());
    await settle(fleet.sim, 'create qwen3-8b-pd x1');
    const { world } = fleet.sim;
    const replicas = replicasOf(world, NS, DEP);
    expect(replicas.map((r) => ({ id: r.id, pools: r.pools, ready: r.ready }))).toEqual([{ id: 'beta#0', pools: { prefill: ['a100'], decode: ['h100'] }, ready: true }]);
    const r = world.find('ModelReplica', replicas[0]!.name, NS)!;
    expect(r.spec.serving).toEqual({ mode: 'PrefillDecode' });
    expect(r.spec.engines.map((e: any) => ({ name: e.name, phase: e.phase, copies: e.copies }))).toEqual([
      { name: 'prefill', phase: 'Prefill', copies: 1 },
      { name: 'decode', phase: 'Decode', copies: 2 },
    ]);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.placements).toEqual([
      {
        replica: replicas[0]!.name,
        cluster: 'beta',
        index: 0,
        engines: [
          { name: 'prefill', pools: ['a100'], why: 'the first published pool that fits' },
          // Prefill took beta's a100 node first (one trial copy of the free devices per replica).
          { name: 'decode', pools: ['h100'], why: 'the first published pool that fits; pool a100: largest free block 0 devices, a pod needs 8' },
        ],
        why: 'the first candidate that fits; ranked higher but did not fit: alpha (InsufficientDevices)',
      },
    ]);
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 1 of 1 replicas' });
    expect(endpointsOf(world, NS, DEP)).toHaveLength(1);

    // Two workloads on beta, one per engine, each pinned to its pool and labeled by role.
    const workloads = workloadsOf(world, NS, replicas[0]!.name).map((w) => {
      const pod = w.manifest.spec.template;
      const names = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c: any) => c.name);
      return {
        cluster: w.cluster,
        kind: w.kind,
        replicas: w.manifest.spec.replicas,
        role: pod.metadata.labels[LABEL.role],
        pool: pod.spec.nodeSelector[LABEL.pool],
        sidecar: names.some((n: string) => n !== 'engine'),
      };
    });
    expect(workloads.sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { cluster: 'beta', kind: 'Deployment', replicas: 2, role: 'decode', pool: 'h100', sidecar: true },
      { cluster: 'beta', kind: 'Deployment', replicas: 1, role: 'prefill', pool: 'a100', sidecar: false },
    ]);
    // The endpoint picker knows a prefill and a decode profile.
    const picker = remoteObjects(world).find((o) => o.kind === 'ConfigMap' && o.manifest.metadata?.labels?.[LABEL.replica] === replicas[0]!.name);
    const config = Object.values(picker?.manifest.data ?? {}).join('\n');
    expect(config).toMatch(/schedulingProfiles:[\s\S]*name: prefill/);
    expect(config).toMatch(/schedulingProfiles:[\s\S]*name: decode/);
  });

  it('scale to 2: neither cluster fits a whole second replica, and each says which engine does not fit', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 2));
    await settle(fleet.sim, 'scale 1 -> 2');
    const d = deploymentOf(fleet.sim.world, NS, DEP);
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['beta#0']);
    expect(condition(d, 'ReplicasScheduled')).toEqual({
      status: 'False',
      reason: 'PartiallyScheduled',
      message: '1 of 2 replicas scheduled; 0/2 clusters fit: 2 InsufficientDevices',
    });
    expect(d.status.unschedulable).toEqual([
      // Prefill takes one of alpha's two nodes in the trial; decode's first copy takes the other, its second finds none.
      { cluster: 'alpha', reason: expect.stringMatching(/^engine decode fits no pool: .*pool a100: largest free block 0 devices, a pod needs 8/) },
      {
        cluster: 'beta',
        reason: expect.stringMatching(
          /^engine prefill fits no pool: (?=.*pool a100: largest free block 0 devices, a pod needs 8)(?=.*pool h100: largest free block 0 devices, a pod needs 8)/,
        ),
      },
    ]);
  });

  it('the platform grows alpha to 3 A100 nodes: the second replica lands there with both engines on one pool', async () => {
    fleet.sim.edit('InferenceCluster', 'alpha', undefined, (c) => (c.spec.nodePools[0].nodeCount = 3));
    await settle(fleet.sim, 'alpha grows to 3 nodes');
    const { world } = fleet.sim;
    expect(replicasOf(world, NS, DEP).map((r) => ({ id: r.id, pools: r.pools }))).toEqual([
      { id: 'alpha#0', pools: { prefill: ['a100'], decode: ['a100'] } },
      { id: 'beta#0', pools: { prefill: ['a100'], decode: ['h100'] } },
    ]);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: 2, ready: 2 });
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 2 of 2 replicas' });
    expect(d.status.unschedulable).toEqual([]);
  });
});
