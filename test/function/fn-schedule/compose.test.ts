// fn-schedule's RunFunction, whole request in, whole response out.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-schedule/compose';
import { REASON } from '../../../functions/fn-schedule/conditions';
import { replicaName } from '../../../functions/lib/k8s/names';
import { clusterObj, deploymentXr, observedReplicas, pool, replicaObj, wholeGpuPool, request, view, type Obj } from '../../fixtures/fn-schedule';

const run = (xr: Obj, o: Parameters<typeof request>[1] = {}) => view(compose(request(xr, o)));
const REQUIREMENTS = {
  clusters: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchLabels: { labels: {} } },
  // Every class: pools name theirs, the class carries the devices.
  classes: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceClass', matchLabels: { labels: {} } },
  // Only this deployment's replicas: the clusters' ledgers carry the rest of the fleet.
  replicas: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelReplica', matchLabels: { labels: { 'modelplane.ai/deployment': 'my-model' } }, namespace: 'ml' },
};
const a = clusterObj('cluster-a', { address: '10.0.0.1' });
const b = clusterObj('cluster-b', { address: '10.0.0.2' });

const FIRST_POOL = 'the first published pool that fits';

describe('fn-schedule compose', () => {
  it('first call: asks for clusters, fleet replicas and the cache, keeps what is composed, says nothing', () => {
    const existing = replicaObj('cluster-a');
    const got = run(deploymentXr({ modelCacheRef: { name: 'weights' } }), { observed: observedReplicas(existing) });
    expect(got).toEqual({
      resources: { 'replica-cluster-a-0': { ready: true, resource: replicaObjWithoutStatus('cluster-a', 0) } },
      status: undefined,
      conditions: [],
      events: [],
      requirements: { ...REQUIREMENTS, cache: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelCache', matchName: 'weights', namespace: 'ml' } },
    });
  });

  it('places new replicas: spread, no endpoints until Ready, Scheduling until observed', () => {
    const got = run(deploymentXr({ replicas: 3 }), { clusters: [b, a], replicas: [] });
    expect(Object.keys(got.resources)).toEqual(['replica-cluster-a-0', 'replica-cluster-a-1', 'replica-cluster-b-0']);
    expect(got.resources['replica-cluster-a-0']).toEqual({ ready: false, resource: replicaObjWithoutStatus('cluster-a', 0) });
    expect(got.status).toEqual({
      replicas: { total: 3, ready: 0 },
      placements: [
        {
          replica: 'my-model-5ab63',
          cluster: 'cluster-a',
          index: 0,
          engines: [{ name: 'vllm', pools: ['p1'], why: FIRST_POOL }],
          why: 'tie with cluster-b on Spread (0 replicas); cluster-a sorts first',
        },
        {
          replica: replicaName('my-model', 'cluster-a', 1),
          cluster: 'cluster-a',
          index: 1,
          engines: [{ name: 'vllm', pools: ['p1'], why: FIRST_POOL }],
          why: 'tie with cluster-b on Spread (1 replica); cluster-a sorts first',
        },
        {
          replica: replicaName('my-model', 'cluster-b', 0),
          cluster: 'cluster-b',
          index: 0,
          engines: [{ name: 'vllm', pools: ['p1'], why: FIRST_POOL }],
          why: 'Spread: 0 replicas here, 1 replica on cluster-a',
        },
      ],
      unschedulable: [],
      labelSelector: 'modelplane.ai/deployment=my-model',
    });
    expect(got.conditions).toEqual([
      `ReplicasScheduled=False ${REASON.scheduling}: Scheduled 3 of 3 replicas; none observed yet`,
      'ReplicasReady=False ModelStarting: 0 of 3 ready',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ]);
    expect(got.events).toEqual([]);
    expect(got.requirements).toEqual(REQUIREMENTS);
  });

  it('ready replicas get endpoints; the first True emits one Normal event', () => {
    const ra = replicaObj('cluster-a');
    const rb = replicaObj('cluster-b', { ready: false });
    const got = run(deploymentXr({ replicas: 2 }), { clusters: [a, b], replicas: [ra, rb], observed: observedReplicas(ra, rb) });
    expect(Object.keys(got.resources)).toEqual(['endpoint-cluster-a-0', 'replica-cluster-a-0', 'replica-cluster-b-0']);
    expect(got.resources['endpoint-cluster-a-0']).toEqual({
      ready: false,
      resource: {
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'ModelEndpoint',
        metadata: { name: 'my-model-5ab63', namespace: 'ml', labels: ra.metadata.labels },
        spec: { url: 'http://10.0.0.1/ml/my-model-5ab63/v1', rewritePath: '/ml/my-model-5ab63/' },
      },
    });
    expect([got.resources['replica-cluster-a-0']!.ready, got.resources['replica-cluster-b-0']!.ready]).toEqual([true, false]);
    expect(got.conditions.slice(0, 2)).toEqual(['ReplicasScheduled=True ReplicasCreated: Scheduled 2 of 2 replicas', 'ReplicasReady=False ModelStarting: 1 of 2 ready']);
    expect(got.events).toEqual(['Normal Scheduled: Scheduled 2 replicas across 2 clusters: cluster-a, cluster-b']);

    const again = run(deploymentXr({ replicas: 2 }, { conditions: [{ type: 'ReplicasScheduled', status: 'True', reason: 'ReplicasCreated' }] }), {
      clusters: [a, b],
      replicas: [ra, rb],
      observed: observedReplicas(ra, rb),
    });
    expect(again.events).toEqual([]);
  });

  it.each([
    { name: 'replica not ready', cluster: a, replica: replicaObj('cluster-a', { ready: false }) },
    { name: 'cluster lost its gateway address', cluster: clusterObj('cluster-a', { address: null }), replica: replicaObj('cluster-a') },
  ])('withdraws the endpoint: $name', ({ cluster, replica }) => {
    const observed = { ...observedReplicas(replica), 'endpoint-cluster-a-0': { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelEndpoint', metadata: { name: 'x' } } };
    const got = run(deploymentXr(), { clusters: [cluster], replicas: [replica], observed });
    expect(Object.keys(got.resources)).toEqual(['replica-cluster-a-0']);
  });

  it('keeps a composed replica the fleet list does not show yet', () => {
    const ra = replicaObj('cluster-b');
    const got = run(deploymentXr(), { clusters: [a, b], replicas: [], observed: observedReplicas(ra) });
    expect(Object.keys(got.resources)).toEqual(['endpoint-cluster-b-0', 'replica-cluster-b-0']);
  });

  it("never adopts a same-named deployment's replicas from another namespace, but counts their capacity", () => {
    const theirs = replicaObj('cluster-a', { namespace: 'other-team' });
    const small = clusterObj('cluster-a', { pools: [wholeGpuPool('p1', 1)] });
    const got = run(deploymentXr(), { clusters: [small, b], replicas: [theirs] });
    expect(Object.keys(got.resources)).toEqual(['replica-cluster-b-0']);
  });

  it('answers the same whatever order clusters, fleet replicas and observed resources arrive in', () => {
    const clusters = ['c', 'a', 'd', 'b'].map((n) => clusterObj(`cluster-${n}`, { pools: [pool('p1', 2), pool('p2', 1)] }));
    const replicas = [
      replicaObj('cluster-a'),
      replicaObj('cluster-c', { ready: false }),
      replicaObj('cluster-b', { deployment: 'other' }),
      replicaObj('cluster-d', { namespace: 'elsewhere', pools: ['p2'] }),
      replicaObj('cluster-a', { index: 4 }),
    ];
    const own = replicas.filter((r) => r.metadata.namespace === 'ml' && r.metadata.labels['modelplane.ai/deployment'] === 'my-model');
    const xr = deploymentXr({ replicas: 6 });
    const forward = run(xr, { clusters, replicas, observed: observedReplicas(...own) });
    const backward = run(xr, { clusters: [...clusters].reverse(), replicas: [...replicas].reverse(), observed: observedReplicas(...[...own].reverse()) });
    expect(backward).toEqual(forward);
    expect(Object.keys(forward.resources).filter((k) => k.startsWith('replica-'))).toHaveLength(6);
  });

  it('logs one line per call at the default level: outcome, counts and the top unschedulable reasons', () => {
    const lines: Obj[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const ra = replicaObj('cluster-a');
    const gone = replicaObj('cluster-x', { ready: false });
    compose(
      request(deploymentXr({ replicas: 3 }), {
        clusters: [clusterObj('cluster-a', { pools: [wholeGpuPool('p1', 2)] })],
        replicas: [ra, gone],
        observed: observedReplicas(ra, gone),
      }),
      { log },
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'schedule',
      outcome: 'PartiallyScheduled',
      replicas: 2,
      ready: 1,
      placed: 1,
      retained: 1,
      keptAsIs: 0,
      replacing: 0,
      dropped: 1,
      droppedWhy: [`${gone.metadata.name}: cluster cluster-x is not selected; not Ready`],
      unschedulable: '0/1 clusters fit: 1 InsufficientDevices',
    });
  });

  it('replicas: 0 composes nothing and reports ScaledToZero', () => {
    const ra = replicaObj('cluster-a');
    const got = run(deploymentXr({ replicas: 0 }), { clusters: [a], replicas: [ra], observed: observedReplicas(ra) });
    expect(got.resources).toEqual({});
    expect(got.status!.replicas).toEqual({ total: 0, ready: 0 });
    expect(got.conditions).toEqual([
      'ReplicasScheduled=True ScaledToZero: Scaled to zero replicas',
      'ReplicasReady=True ScaledToZero: Scaled to zero replicas',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ]);
    expect(got.events).toEqual([]);
  });
});

function replicaObjWithoutStatus(cluster: string, index: number): Obj {
  const { status: _s, ...rest } = replicaObj(cluster, { index });
  return rest;
}
