// Stuck replicas through the whole function: a replica Stuck for a cause on its cluster, past the
// progress deadline by the request's own clock, is replaced on another cluster and kept until the
// replacement is Ready; its cluster is backed off in status until the backoff expires. A cause
// that follows the replica (a bad image) is reported, never chased.
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-schedule/compose';
import { EVENT } from '../../../functions/fn-schedule/healing';
import { clusterObj, deploymentXr, observedReplicas, replicaObj, request, view, type Obj } from '../../fixtures/fn-schedule';

const PLACED = '2026-01-01T00:00:00Z';
const a = clusterObj('cluster-a');
const b = clusterObj('cluster-b');
const stuckReplica = (cause: string, since: string, o: { cluster?: string; index?: number } = {}): Obj => {
  const r = replicaObj(o.cluster ?? 'cluster-a', { ready: false, ...(o.index !== undefined ? { index: o.index } : {}) });
  return {
    ...r,
    metadata: { ...r.metadata, creationTimestamp: PLACED },
    status: { ...r.status, health: { state: 'Stuck', cause, message: 'pod x: 0/4 nodes are available', since } },
  };
};
const run = (replicas: Obj[], xrStatus?: Obj, spec: Obj = {}, endpoints: Record<string, Obj> = {}) => {
  const xr = deploymentXr(spec);
  if (xrStatus) xr.status = xrStatus;
  return view(compose(request(xr, { clusters: [a, b], replicas, observed: { ...observedReplicas(...replicas), ...endpoints } })));
};
/** The observed ModelEndpoint of the replica at (cluster, 0), Ready or not. */
const endpointAt = (cluster: string, ready: boolean) => ({
  [`endpoint-${cluster}-0`]: {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelEndpoint',
    metadata: { name: `e-${cluster}` },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: 'x' }] },
  },
});
const replicaKeys = (v: ReturnType<typeof run>) => Object.keys(v.resources).filter((k) => k.startsWith('replica-'));

describe('stuck replicas are replaced on another cluster', () => {
  it.each([
    { name: 'within the deadline: waits', cause: 'Unschedulable', since: '2026-01-01T00:10:00Z', keys: ['replica-cluster-a-0'], backoff: false },
    {
      name: 'past the deadline, cluster-local: replaced elsewhere, old kept',
      cause: 'Unschedulable',
      since: '2026-01-01T00:15:00Z',
      keys: ['replica-cluster-a-0', 'replica-cluster-b-0'],
      backoff: true,
    },
    {
      name: 'claim allocation failure counts as cluster-local',
      cause: 'ClaimAllocationFailed',
      since: '2026-01-01T00:20:00Z',
      keys: ['replica-cluster-a-0', 'replica-cluster-b-0'],
      backoff: true,
    },
    { name: 'a bad image is reported, not chased', cause: 'ImagePullBackOff', since: '2026-01-01T01:00:00Z', keys: ['replica-cluster-a-0'], backoff: false },
    { name: 'a crash loop is reported, not chased', cause: 'CrashLoopBackOff', since: '2026-01-01T01:00:00Z', keys: ['replica-cluster-a-0'], backoff: false },
  ])('$name', ({ cause, since, keys, backoff }) => {
    const v = run([stuckReplica(cause, since)]);
    expect(replicaKeys(v)).toEqual(keys);
    expect(v.status?.backoffs?.length ?? 0).toBe(backoff ? 1 : 0);
    if (backoff) {
      expect(v.status!.backoffs[0]).toMatchObject({ cluster: 'cluster-a', pools: ['p1'], cause });
      expect(v.events).toContainEqual(expect.stringMatching(new RegExp(`^Warning ${EVENT.replacingStuck}: replica stuck on cluster cluster-a`)));
      const state = v.status!.placements.find((p: Obj) => p.cluster === 'cluster-a').state;
      expect(state).toMatch(/^Replacing: stuck on cluster cluster-a: /);
    }
    if (cause.endsWith('BackOff')) expect(v.events).toContainEqual(expect.stringMatching(new RegExp(`^Warning ${EVENT.stuckNotMoved}: ${cause} would follow`)));
  });

  it('the deadline is spec.placement.progressDeadlineSeconds', () => {
    const v = run([stuckReplica('Unschedulable', '2026-01-01T00:02:00Z')], undefined, { placement: { progressDeadlineSeconds: 60 } });
    expect(replicaKeys(v)).toEqual(['replica-cluster-a-0', 'replica-cluster-b-0']);
  });

  it('the stuck replica goes once its replacement is Ready behind its endpoint, with the cause recorded', () => {
    const replacement = replicaObj('cluster-b');
    const v = run([stuckReplica('Unschedulable', '2026-01-01T00:30:00Z'), replacement], undefined, {}, endpointAt('cluster-b', true));
    expect(replicaKeys(v)).toEqual(['replica-cluster-b-0']);
    expect(v.status!.backoffs[0]).toMatchObject({ cluster: 'cluster-a' });
  });

  it('a replacement whose endpoint is not Ready yet does not count: the stuck replica stays', () => {
    const replacement = replicaObj('cluster-b');
    const v = run([stuckReplica('Unschedulable', '2026-01-01T00:30:00Z'), replacement], undefined, {}, endpointAt('cluster-b', false));
    expect(replicaKeys(v)).toEqual(['replica-cluster-a-0', 'replica-cluster-b-0']);
  });

  it('an active backoff keeps new replicas off the cluster; an expired one is dropped', () => {
    const backoff = { cluster: 'cluster-b', pools: ['p1'], cause: 'Unschedulable', until: '2026-01-01T01:00:00Z' };
    const clock = (at: string) => ({ conditions: [{ type: 'ReplicasScheduled', status: 'True', reason: 'ReplicasCreated', lastTransitionTime: at }], backoffs: [backoff] });
    const active = run([], clock('2026-01-01T00:30:00Z'), { replicas: 2 });
    expect(replicaKeys(active)).toEqual(['replica-cluster-a-0', 'replica-cluster-a-1']);
    expect(active.status!.backoffs).toEqual([backoff]);
    const expired = run([], clock('2026-01-01T01:00:00Z'), { replicas: 2 });
    expect(replicaKeys(expired)).toEqual(['replica-cluster-a-0', 'replica-cluster-b-0']);
    expect(expired.status!.backoffs).toBeUndefined();
  });

  it('same request, same response', () => {
    const replicas = [stuckReplica('Unschedulable', '2026-01-01T00:15:00Z')];
    expect(run(replicas)).toEqual(run(structuredClone(replicas)));
  });
});
