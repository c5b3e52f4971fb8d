// The leader pods of a gang replica are read through observe-only Objects while it does not serve,
// so pod-level causes (image pull, crash loop, unschedulable) reach status.health. The pod status
// is written here as the kubelet would report it (no kubelet runs offline).
import { describe, expect, it } from 'vitest';
import { MAX_OBSERVED_GROUPS } from '../../../functions/fn-replica/pods';
import { WORKLOAD_NAMESPACE } from '../../../functions/lib/k8s/remote';
import { TOPOLOGIES, observedObject, type Json } from '../../fixtures/fn-replica';
import { conditionOf, desiredObjects, observedRemotes, remoteManifests, run } from '../../fixtures/fn-replica/run';

const gang = TOPOLOGIES['gang-claimless-leader']!;
const withCopies = (copies: number): Json => {
  const xr = structuredClone(gang);
  xr.spec.engines[0].copies = copies;
  return xr;
};
const lwsName = (rsp: Json) => Object.values(remoteManifests(rsp)).find((m) => m.kind === 'LeaderWorkerSet')!.metadata.name as string;

/** Every applied Object observed Synced; `ready` decides whether the workloads are Available. */
function observedFor(xr: Json, ready: boolean, pods: Record<string, Json> = {}): Record<string, Json> {
  const objects = desiredObjects(run({ xr }));
  const out: Record<string, Json> = {};
  for (const [k, o] of Object.entries(objects)) {
    if (o.spec.managementPolicies) continue;
    out[k] = observedObject(o, { ready: ready || o.spec.forProvider.manifest.kind !== 'LeaderWorkerSet' });
  }
  for (const [k, status] of Object.entries(pods)) {
    const o = objects[k]!;
    out[k] = { ...o, status: { conditions: [{ type: 'Synced', status: 'True' }], atProvider: { manifest: { ...o.spec.forProvider.manifest, status } } } };
  }
  return out;
}

describe('observe-only Objects for the leader pods', () => {
  it.each([
    { name: 'a gang replica that does not serve yet: one per group', xr: withCopies(2), serving: false, want: 2 },
    { name: `many groups: at most ${MAX_OBSERVED_GROUPS}`, xr: withCopies(6), serving: false, want: MAX_OBSERVED_GROUPS },
    { name: 'a serving gang replica: none', xr: withCopies(2), serving: true, want: 0 },
    { name: 'a standalone replica (generated pod names): none', xr: TOPOLOGIES.standalone!, serving: false, want: 0 },
  ])('$name', ({ xr, serving, want }) => {
    const rsp = run({ xr, observed: serving ? observedFor(xr, true) : {} });
    const observers = observedRemotes(rsp);
    expect(Object.keys(observers)).toHaveLength(want);
    if (want === 0) return;
    expect(Object.entries(observers).map(([k, m]) => [k, m])).toEqual(
      Array.from({ length: want }, (_, i) => [`pod-vllm-${i}`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${lwsName(rsp)}-${i}`, namespace: WORKLOAD_NAMESPACE } }]),
    );
    for (const k of Object.keys(observers)) {
      const composed = rsp.desired.resources[k];
      expect({ policies: composed.resource.spec.managementPolicies, readiness: composed.resource.spec.readiness, ready: composed.ready }).toEqual({
        policies: ['Observe'],
        readiness: undefined,
        ready: 'READY_TRUE',
      });
    }
  });

  it('a pod that does not exist yet does not hold the replica back: ModelAccepted counts only what it applies', () => {
    const xr = withCopies(1);
    const rsp = run({ xr, observed: observedFor(xr, false) });
    expect(Object.keys(observedRemotes(rsp))).toEqual(['pod-vllm-0']);
    expect(conditionOf(rsp, 'ModelAccepted')).toMatchObject({ status: 'STATUS_CONDITION_TRUE', reason: 'Applied' });
  });

  it('a leader pod in ImagePullBackOff makes the replica Stuck with that cause', () => {
    const xr = withCopies(1);
    const waiting = { state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "vllm:typo"' } }, name: 'engine' };
    const rsp = run({ xr, observed: observedFor(xr, false, { 'pod-vllm-0': { phase: 'Pending', containerStatuses: [waiting] } }) });
    expect(rsp.desired.composite.resource.status.health).toMatchObject({ state: 'Stuck', cause: 'ImagePullBackOff' });
    expect(conditionOf(rsp, 'ReplicaHealthy')).toMatchObject({ status: 'STATUS_CONDITION_FALSE', reason: 'ImagePullBackOff' });
  });
});
