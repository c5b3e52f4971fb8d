// Whole-request health: observed remote workload status (and pods observed through observe-only
// Objects) become status.health, the ReplicaHealthy condition and a Warning event on entering Stuck.
// The remote status is written here as the Deployment controller and kubelet would report it
// (no kubelet runs offline).
import { describe, expect, it } from 'vitest';
import { CONDITION } from '../../../functions/fn-replica/conditions';
import { TOPOLOGIES, observedObject, type Json } from '../../fixtures/fn-replica';
import { conditionOf, desiredObjects, run } from '../../fixtures/fn-replica/run';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:04:00Z';
const xr = { ...TOPOLOGIES.standalone!, metadata: { ...TOPOLOGIES.standalone!.metadata, creationTimestamp: T0 } };
const composed = desiredObjects(run({ xr }));
const workloadKey = Object.keys(composed).find((k) => composed[k]!.spec.forProvider.manifest.kind === 'Deployment')!;

/** Every Object applied; the engine Deployment reports `remote` status, not Available. */
function observedWith(remote: Json, extra: Record<string, Json> = {}): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, o] of Object.entries(composed)) {
    const obs = observedObject(o, { ready: k !== workloadKey });
    if (k === workloadKey) obs.status.atProvider = { manifest: { ...o.spec.forProvider.manifest, status: remote } };
    out[k] = obs;
  }
  return { ...out, ...extra };
}
const podObject = (status: Json): Json => ({
  apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
  kind: 'Object',
  metadata: { name: 'pod-watch' },
  spec: { managementPolicies: ['Observe'], forProvider: { manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'engine-abc' } } } },
  status: { conditions: [{ type: 'Synced', status: 'True' }], atProvider: { manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'engine-abc' }, status } } },
});

const summary = (rsp: Json) => ({
  health: rsp.desired.composite.resource.status.health,
  healthy: conditionOf(rsp, CONDITION.healthy) && { status: conditionOf(rsp, CONDITION.healthy)!.status, reason: conditionOf(rsp, CONDITION.healthy)!.reason },
  warnings: ((rsp.results ?? []) as Json[]).filter((r) => r.severity === 'SEVERITY_WARNING').map((r) => r.reason),
});

describe('fn-replica health from the cluster', () => {
  it.each([
    {
      name: 'fresh replica: Progressing since placement',
      observed: {},
      want: { health: { state: 'Progressing', since: T0 }, healthy: { status: 'STATUS_CONDITION_UNKNOWN', reason: 'Progressing' }, warnings: [] },
    },
    {
      name: 'quota stops the Deployment: Stuck with the message, a Warning',
      observed: observedWith({ conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota: gpu-quota', lastTransitionTime: T1 }] }),
      want: {
        health: { state: 'Stuck', cause: 'ReplicaFailure', since: T1 },
        healthy: { status: 'STATUS_CONDITION_FALSE', reason: 'ReplicaFailure' },
        warnings: ['ReplicaFailure'],
      },
    },
    {
      name: 'an observed pod the scheduler cannot place',
      observed: observedWith(
        { conditions: [] },
        {
          'pod-watch': podObject({
            conditions: [
              { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/4 nodes are available: 4 Insufficient nvidia.com/gpu.', lastTransitionTime: T1 },
            ],
          }),
        },
      ),
      want: { health: { state: 'Stuck', cause: 'Unschedulable', since: T1 }, healthy: { status: 'STATUS_CONDITION_FALSE', reason: 'Unschedulable' }, warnings: ['Unschedulable'] },
    },
    {
      name: 'an observed pod that cannot pull its image',
      observed: observedWith({ conditions: [] }, { 'pod-watch': podObject({ containerStatuses: [{ name: 'vllm', state: { waiting: { reason: 'ImagePullBackOff' } } }] }) }),
      want: {
        health: { state: 'Stuck', cause: 'ImagePullBackOff', since: T0 },
        healthy: { status: 'STATUS_CONDITION_FALSE', reason: 'ImagePullBackOff' },
        warnings: ['ImagePullBackOff'],
      },
    },
    {
      name: 'serving: Ready since Available',
      observed: observedWith({ conditions: [{ type: 'Available', status: 'True', lastTransitionTime: T1 }] }),
      want: { health: { state: 'Ready', since: T1 }, healthy: { status: 'STATUS_CONDITION_TRUE', reason: 'Ready' }, warnings: [] },
    },
  ])('$name', ({ observed, want }) => {
    expect(summary(run({ xr, observed }))).toMatchObject(want);
  });

  it('already Stuck for the same cause: no new Warning, since kept', () => {
    const observed = observedWith({ conditions: [{ type: 'ReplicaFailure', status: 'True', message: 'exceeded quota', lastTransitionTime: T1 }] });
    const stuck = { ...xr, status: { health: { state: 'Stuck', cause: 'ReplicaFailure', since: T0 } } };
    expect(summary(run({ xr: stuck, observed }))).toMatchObject({ health: { state: 'Stuck', since: T0 }, warnings: [] });
  });
});
