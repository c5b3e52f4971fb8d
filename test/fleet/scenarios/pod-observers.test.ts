// Scenario (failures.md, "Which pods are read"): a gang replica whose LeaderWorkerSet does not become
// Available gets observe-only Objects for its leader pods. Nothing creates pods offline (no kubelet,
// no LWS controller), so the simulated provider-kubernetes reports such an Object as it reports a
// remote object that does not exist: Synced=False "observe failed: external resource does not
// exist", no observed manifest. That holds nothing back. Once the cluster reports the leader pod
// (simulated: Pending, unschedulable), its cause reaches the replica's health; once the
// LeaderWorkerSet is Available the observers go.
import { describe, expect, it } from 'vitest';
import type { Obj } from '../../../sim/fleet/world';
import { classes, example, existingCluster, h100, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, remoteObjects, replicasOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-coder-480b';
const T0 = '2026-01-01T00:00:00Z';
const UNSCHEDULABLE = '0/4 nodes are available: 4 Insufficient nvidia.com/gpu.';

/** alpha's LeaderWorkerSets report not Available; with `pods`, its leader pods report Pending, unschedulable. */
const gangNotStarting =
  (pods: boolean) =>
  (manifest: Obj): Obj | undefined => {
    if (manifest.kind === 'LeaderWorkerSet')
      return { replicas: 1, readyReplicas: 0, conditions: [{ type: 'Available', status: 'False', reason: 'GroupsProgressing', lastTransitionTime: T0 }] };
    if (manifest.kind === 'Pod' && pods)
      return { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: UNSCHEDULABLE, lastTransitionTime: T0 }] };
    return undefined;
  };

/** The replicas' pod observers (each cluster also observes its capacity report, which is not one of them). */
const observers = (w: Parameters<typeof remoteObjects>[0]) => remoteObjects(w).filter((o) => o.object.spec?.managementPolicies?.[0] === 'Observe' && o.kind === 'Pod');
const replica = (w: Parameters<typeof remoteObjects>[0]) => w.ofKind('ModelReplica').find((r) => r.metadata.labels?.['modelplane.ai/deployment'] === DEP)!;

describe('fleet: leader pods read through observe-only Objects', () => {
  const fleet = useFleet();

  it('a gang replica whose LeaderWorkerSet is not Available: its leader pod is observed, absent, and holds nothing back', async () => {
    fleet.sim.apply(...classes('nvidia-h100-80gb'), existingCluster('alpha', [h100(4)]));
    await settle(fleet.sim, 'platform');
    fleet.sim.setFault(gangNotStarting(false));
    const d = example('ModelDeployment', DEP);
    delete d.spec.modelCacheRef;
    fleet.sim.apply(d);
    await settle(fleet.sim, 'create the gang');
    const w = fleet.sim.world;
    expect(replicasOf(w, NS, DEP).map((r) => [r.id, r.ready])).toEqual([['alpha#0', false]]);
    const [observer, ...more] = observers(w);
    expect(more).toEqual([]);
    expect(observer!.kind).toBe('Pod');
    expect(condition(observer!.object, 'Synced')).toMatchObject({ status: 'False', reason: 'ReconcileError', message: 'observe failed: external resource does not exist' });
    expect(observer!.object.status.atProvider).toBeUndefined();
    // Applied means the replica's own Objects: the observer is not waited for.
    expect(condition(replica(w), 'ModelAccepted')?.status).toBe('True');
    expect(replica(w).status.health.state).toBe('Progressing');
  });

  it('the cluster reports the leader pod unschedulable: the cause reaches the replica', async () => {
    fleet.sim.setFault(gangNotStarting(true));
    await settle(fleet.sim, 'leader pod Pending');
    const w = fleet.sim.world;
    expect(condition(observers(w)[0]!.object, 'Synced')?.status).toBe('True');
    expect(replica(w).status.health).toMatchObject({ state: 'Stuck', cause: 'Unschedulable', message: expect.stringContaining(UNSCHEDULABLE) });
  });

  it('the LeaderWorkerSet becomes Available: the replica serves and the observers go', async () => {
    fleet.sim.setFault(undefined);
    await settle(fleet.sim, 'gang Available');
    const w = fleet.sim.world;
    expect(replicasOf(w, NS, DEP).map((r) => [r.id, r.ready])).toEqual([['alpha#0', true]]);
    expect(observers(w)).toEqual([]);
  });
});
