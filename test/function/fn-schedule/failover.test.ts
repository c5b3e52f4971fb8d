// Cluster failover and fail-back through the whole function: a cluster hosting a replica goes down;
// within spec.placement.clusterFailureToleration (by the request's own clock) nothing moves; past
// it the replica is kept as it is and replaced elsewhere; once the cluster recovers the original
// placement is kept and the replacement removed only after the original serves again.
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-schedule/compose';
import { EVENT } from '../../../functions/fn-schedule/healing';
import { clusterObj, deploymentXr, observedReplicas, replicaObj, request, view, type Obj } from '../../fixtures/fn-schedule';

const T0 = '2026-01-01T00:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();
/** The deployment's status at the request's clock `now`, with the outages it recorded. */
const xrStatus = (now: string, outages: Obj[] = []) => ({
  conditions: [{ type: 'ReplicasScheduled', status: 'True', reason: 'ReplicasCreated', lastTransitionTime: now }],
  ...(outages.length > 0 ? { outages } : {}),
});
const outage = (phase: string, since = T0) => ({ cluster: 'cluster-a', since, reason: 'cluster cluster-a is not Ready', phase });
const endpointAt = (cluster: string, ready = true): Record<string, Obj> => ({
  [`endpoint-${cluster}-0`]: {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelEndpoint',
    metadata: { name: `e-${cluster}` },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: 'x' }] },
  },
});
const placed = (cluster: string, ready: boolean, when = T0): Obj => {
  const r = replicaObj(cluster, { ready });
  return { ...r, metadata: { ...r.metadata, creationTimestamp: when } };
};

function run(o: { aReady: boolean; replicas: Obj[]; status: Obj; spec?: Obj; endpoints?: Record<string, Obj> }) {
  const xr = deploymentXr(o.spec ?? {});
  xr.status = o.status;
  const clusters = [clusterObj('cluster-a', { ready: o.aReady }), clusterObj('cluster-b'), clusterObj('cluster-c')];
  return view(compose(request(xr, { clusters, replicas: o.replicas, observed: { ...observedReplicas(...o.replicas), ...(o.endpoints ?? {}) } })));
}
const replicaKeys = (v: ReturnType<typeof run>) => Object.keys(v.resources).filter((k) => k.startsWith('replica-'));

describe('a cluster that stops being Ready', () => {
  it('first seen down: the outage starts now, nothing moves, a Warning says so', () => {
    const v = run({ aReady: false, replicas: [placed('cluster-a', false)], status: xrStatus(at(10)) });
    expect(replicaKeys(v)).toEqual(['replica-cluster-a-0']);
    expect(v.status!.outages).toEqual([outage('Down', at(10))]);
    expect(v.events).toContainEqual(expect.stringMatching(new RegExp(`^Warning ${EVENT.clusterDown}: cluster cluster-a is not Ready since`)));
  });

  it('no clock in the request: cannot tell how long, nothing recorded, nothing moves', () => {
    const v = run({ aReady: false, replicas: [replicaObj('cluster-a', { ready: false })], status: {} });
    expect(replicaKeys(v)).toEqual(['replica-cluster-a-0']);
    expect(v.status!.outages).toBeUndefined();
  });

  it.each([
    { name: 'within the default toleration (300 s): waits', now: at(299), spec: {}, keys: ['replica-cluster-a-0'], phase: 'Down' },
    { name: 'past it: kept as it is and replaced elsewhere', now: at(300), spec: {}, keys: ['replica-cluster-a-0', 'replica-cluster-b-0'], phase: 'FailedOver' },
    {
      name: 'the toleration is spec.placement.clusterFailureToleration',
      now: at(60),
      spec: { placement: { clusterFailureToleration: 60 } },
      keys: ['replica-cluster-a-0', 'replica-cluster-b-0'],
      phase: 'FailedOver',
    },
  ])('$name', ({ now, spec, keys, phase }) => {
    const v = run({ aReady: false, replicas: [placed('cluster-a', false)], status: xrStatus(now, [outage('Down')]), spec });
    expect(replicaKeys(v)).toEqual(keys);
    expect(v.status!.outages).toEqual([outage(phase)]);
    if (phase === 'FailedOver') {
      const a = v.status!.placements.find((p: Obj) => p.cluster === 'cluster-a');
      expect(a.state).toMatch(/^FailingOver: failing over: cluster cluster-a is not Ready since .*; kept as it is until the cluster recovers$/);
      expect(v.events).toContainEqual(expect.stringMatching(new RegExp(`^Warning ${EVENT.clusterFailover}: cluster cluster-a is not Ready since`)));
      // The kept replica is re-emitted exactly as observed.
      expect(v.resources['replica-cluster-a-0']!.resource.spec).toEqual(placed('cluster-a', false).spec);
    }
  });

  it('the replica on the failed cluster is never removed, even once its replacement is Ready', () => {
    const v = run({
      aReady: false,
      replicas: [placed('cluster-a', false), placed('cluster-b', true, at(400))],
      status: xrStatus(at(900), [outage('FailedOver')]),
      endpoints: endpointAt('cluster-b'),
    });
    expect(replicaKeys(v)).toEqual(['replica-cluster-a-0', 'replica-cluster-b-0']);
    expect(v.conditions).toContainEqual(expect.stringMatching(/^ReplicasReady=True/));
  });

  it('recovered: the original stays; the replacement goes only once the original serves', () => {
    const replicas = [placed('cluster-a', true), placed('cluster-b', true, at(400))];
    const starting = run({ aReady: true, replicas, status: xrStatus(at(900), [outage('FailedOver')]), endpoints: endpointAt('cluster-b') });
    expect(replicaKeys(starting)).toEqual(['replica-cluster-a-0', 'replica-cluster-b-0']);
    expect(starting.status!.outages).toEqual([outage('FailingBack')]);
    expect(starting.events).toContainEqual(expect.stringMatching(new RegExp(`^Normal ${EVENT.clusterRecovered}: cluster cluster-a recovered`)));
    const serving = run({
      aReady: true,
      replicas,
      status: xrStatus(at(960), [outage('FailingBack')]),
      endpoints: { ...endpointAt('cluster-a'), ...endpointAt('cluster-b') },
    });
    expect(replicaKeys(serving)).toEqual(['replica-cluster-a-0']);
    expect(serving.status!.outages).toBeUndefined();
  });

  it('a toleration out of range is an invalid spec: everything is kept', () => {
    const v = run({
      aReady: false,
      replicas: [placed('cluster-a', false)],
      status: xrStatus(at(900), [outage('FailedOver')]),
      spec: { placement: { clusterFailureToleration: 5 } },
    });
    expect(replicaKeys(v)).toEqual(['replica-cluster-a-0']);
    expect(v.conditions[0]).toMatch(/^ReplicasScheduled=False InvalidSpec: .*clusterFailureToleration/);
  });

  it('same request, same response', () => {
    const o = { aReady: false, replicas: [placed('cluster-a', false)], status: xrStatus(at(300), [outage('Down')]) };
    expect(run(o)).toEqual(run(structuredClone(o)));
  });
});
