// Scenario: the examples' Qwen3-Coder-480B gang (a Leader and one Worker node, 8 H100 each) reading
// its weights from the examples' ModelCache, which covers only region us-east. The replica lands
// only where the cache is, as one LeaderWorkerSet of size 1 + worker.nodes with the cache PVC
// mounted, and every replica holds (1 + worker.nodes) x copies H100 nodes in the ledger.
// api.md (ModelCache, injected flags), scheduling.md (effective selector, node cost),
// composition.md (gang engine, cache mount).
import { describe, expect, it } from 'vitest';
import { cachePvcName, MODEL_MOUNT_PATH } from '../../../functions/lib/k8s/remote';
import { poolUsage } from '../../../sim/fleet/invariants';
import { classes, example, existingCluster, h100, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, endpointsOf, idsOf, LABEL, remoteObjects, replicasOf, workloadsOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-coder-480b';
const CACHE = 'qwen3-coder-480b';
const PVC = cachePvcName(NS, CACHE);

describe('fleet: multi-node gang with a model cache', () => {
  const fleet = useFleet();

  it('platform: us-east (examples: 4 H100 + 2 L4 nodes) and eu-central (4 H100 nodes, outside the cache)', async () => {
    fleet.sim.apply(...classes('nvidia-l4', 'nvidia-h100-80gb'), example('InferenceCluster', 'us-east'), existingCluster('eu-central', [h100(4)]));
    await settle(fleet.sim, 'platform');
  });

  it('the cache is staged on us-east only', async () => {
    fleet.sim.apply(example('ModelCache', CACHE));
    await settle(fleet.sim, 'create the cache');
    const { world } = fleet.sim;
    const cache = world.find('ModelCache', CACHE, NS)!;
    expect(cache.status.clusters.map((c: any) => ({ name: c.name, phase: c.phase }))).toEqual([{ name: 'us-east', phase: 'Ready' }]);
    expect(cache.status.summary).toMatchObject({ ready: 1, total: 1 });
    expect(condition(cache, 'ArtifactReady')).toMatchObject({ status: 'True' });
    const pvcs = remoteObjects(world).filter((o) => o.kind === 'PersistentVolumeClaim');
    expect(pvcs.map((o) => ({ cluster: o.cluster, name: o.name, modes: o.manifest.spec.accessModes, size: o.manifest.spec.resources.requests.storage }))).toEqual([
      { cluster: 'us-east', name: PVC, modes: ['ReadWriteMany'], size: '1200Gi' },
    ]);
  });

  it('one gang replica lands on us-east (eu-central sorts first but the cache does not cover it)', async () => {
    fleet.sim.apply(example('ModelDeployment', DEP));
    await settle(fleet.sim, 'create qwen3-coder-480b x1');
    const { world } = fleet.sim;
    const [replica, ...rest] = replicasOf(world, NS, DEP);
    expect(rest).toEqual([]);
    expect(replica).toMatchObject({ id: 'us-east#0', pools: { vllm: ['h100', 'h100'] }, ready: true });
    const d = deploymentOf(world, NS, DEP);
    expect(condition(d, 'ReplicasScheduled')).toEqual({ status: 'True', reason: 'ReplicasCreated', message: 'Scheduled 1 of 1 replicas' });
    expect(condition(d, 'ModelCacheResolved')).toMatchObject({ status: 'True', reason: 'ModelCacheResolved' });
    expect(endpointsOf(world, NS, DEP)).toHaveLength(1);

    // Both members claim their 8 GPUs through DRA; the InfiniBand NIC is Synthetic and claims nothing.
    const r = world.find('ModelReplica', replica!.name, NS)!;
    for (const member of r.spec.engines[0].members) {
      expect(member.deviceRequests.map((q: any) => ({ name: q.name, deviceClassName: q.deviceClassName, count: q.count }))).toEqual([
        { name: 'gpus', deviceClassName: 'gpu.nvidia.com', count: 8 },
      ]);
    }
    expect(r.spec.modelCacheRef).toEqual({ name: CACHE });

    // One LeaderWorkerSet: replicas = copies, size = 1 + worker.nodes, on us-east's h100 pool.
    const workloads = workloadsOf(world, NS, replica!.name);
    expect(workloads.map((w) => ({ cluster: w.cluster, kind: w.kind }))).toEqual([{ cluster: 'us-east', kind: 'LeaderWorkerSet' }]);
    const lws = workloads[0]!.manifest.spec;
    expect({ replicas: lws.replicas, size: lws.leaderWorkerTemplate.size }).toEqual({ replicas: 1, size: 2 });
    for (const [role, template] of [
      ['leader', lws.leaderWorkerTemplate.leaderTemplate],
      ['worker', lws.leaderWorkerTemplate.workerTemplate],
    ] as const) {
      const pod = template.spec;
      const engine = pod.containers.find((c: any) => c.name === 'engine');
      expect(pod.nodeSelector, `${role} pool`).toEqual({ [LABEL.pool]: 'h100' });
      // The cache PVC is mounted at /mnt/models, and --model points there (no command, no --model flag).
      const volume = pod.volumes.find((v: any) => v.persistentVolumeClaim?.claimName === PVC);
      expect(volume, `${role} mounts ${PVC}`).toBeDefined();
      expect(
        engine.volumeMounts.filter((m: any) => m.name === volume.name).map((m: any) => m.mountPath),
        `${role} mount path`,
      ).toEqual([MODEL_MOUNT_PATH]);
      expect(
        engine.args.filter((a: string) => a.startsWith('--model')),
        `${role} --model`,
      ).toEqual([`--model=${MODEL_MOUNT_PATH}`]);
      expect(
        engine.env.map((e: any) => e.name),
        `${role} env`,
      ).toEqual(expect.arrayContaining(['MODELPLANE_LEADER_ADDRESS', 'MODELPLANE_RANK']));
    }
    // The ledger: the gang holds 1 + worker.nodes = 2 H100 nodes of us-east; eu-central holds nothing.
    expect(poolUsage(world).get('us-east')?.get('h100')).toBe(2);
    expect(poolUsage(world).get('eu-central')?.get('h100') ?? 0).toBe(0);
  });

  it('scale to 3: two gangs fill us-east h100 (2 nodes each); the third fits nowhere the cache covers', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 3));
    await settle(fleet.sim, 'scale 1 -> 3');
    const { world } = fleet.sim;
    expect(idsOf(world, NS, DEP)).toEqual(['us-east#0', 'us-east#1']);
    expect(poolUsage(world).get('us-east')?.get('h100')).toBe(4);
    const d = deploymentOf(world, NS, DEP);
    expect(d.status.replicas).toEqual({ total: 2, ready: 2 });
    expect(condition(d, 'ReplicasScheduled')).toEqual({
      status: 'False',
      reason: 'PartiallyScheduled',
      message: '2 of 3 replicas scheduled; 0/2 clusters fit: 1 InsufficientDevices, 1 NotSelected',
    });
    expect(d.status.unschedulable).toEqual([
      { cluster: 'eu-central', reason: 'not selected' },
      {
        cluster: 'us-east',
        reason: expect.stringMatching(/^engine vllm fits no pool: (?=.*pool h100: largest free block 0 devices, a pod needs 8)(?=.*pool l4 lacks device for request gpus)/),
      },
    ]);
    expect(endpointsOf(world, NS, DEP)).toHaveLength(2);
  });
});
