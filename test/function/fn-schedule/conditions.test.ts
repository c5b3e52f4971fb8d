// Every condition and reason of the contract, with the whole set of composed resources: bad or
// missing input never loses a serving replica, and each user-fixable False condition warns once.
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-schedule/compose';
import { a100, clusterObj, deploymentXr, observedReplicas, pool, replicaObj, wholeGpuPool, request, view, type Obj } from '../../fixtures/fn-schedule';

const a = clusterObj('cluster-a', { labels: { region: 'eu' } });
const b = clusterObj('cluster-b', { labels: { region: 'us' } });
const serving = replicaObj('cluster-a');
const endpoint = { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelEndpoint', metadata: { name: 'my-model-5ab63', namespace: 'ml' }, spec: { url: 'http://x/v1' } };
const observed = { ...observedReplicas(serving), 'endpoint-cluster-a-0': endpoint };
const cache = (selector?: Obj) => ({
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'ModelCache',
  metadata: { name: 'weights', namespace: 'ml' },
  spec: { ...(selector ? { clusterSelector: selector } : {}) },
});
const badCel = (cel: string) => ({
  engines: [
    {
      name: 'vllm',
      members: [
        {
          nodeSelector: { devices: [{ name: 'gpu', selectors: [{ cel: 'device.driver == "gpu.nvidia.com"' }, { cel }] }] },
          template: { spec: { containers: [{ name: 'engine', image: 'x' }] } },
        },
      ],
    },
  ],
});

interface Case {
  name: string;
  why: string;
  spec?: Obj;
  req: Parameters<typeof request>[1];
  resources: string[];
  conditions: string[];
  events: string[];
  unschedulable?: Obj[];
}

const cases: Case[] = [
  {
    name: 'NoClusters keeps the fleet',
    why: 'the clusters requirement resolved to none: nothing is deleted',
    req: { clusters: null, replicas: [serving], observed },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0'],
    conditions: [
      'ReplicasScheduled=False NoClusters: No InferenceCluster matches spec.clusterSelector; keeping the current replicas',
      'ReplicasReady=True AllReplicasReady: 1 of 1 ready',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ],
    events: ['Warning NoClusters: No InferenceCluster matches spec.clusterSelector; keeping the current replicas'],
  },
  {
    name: 'NoClusters when the selector excludes every resolved cluster',
    why: 'region In [asia] matches neither cluster: a typo must not delete the fleet',
    spec: { clusterSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['asia'] }] } },
    req: { clusters: [a, b], replicas: [serving], observed },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0'],
    conditions: [
      'ReplicasScheduled=False NoClusters: None of the 2 InferenceClusters found matches the effective cluster selector; keeping the current replicas',
      'ReplicasReady=True AllReplicasReady: 1 of 1 ready',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ],
    events: ['Warning NoClusters: None of the 2 InferenceClusters found matches the effective cluster selector; keeping the current replicas'],
  },
  {
    name: 'InvalidNodeSelector keeps the fleet',
    why: 'a syntax error: not scheduled this pass, nothing deleted, the field named',
    spec: badCel('device.driver =='),
    req: { clusters: [a, b], replicas: [serving], observed },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0'],
    conditions: [
      expect.stringMatching(
        /^ReplicasScheduled=False InvalidNodeSelector: Invalid nodeSelector CEL expression: spec\.engines\[0\]\.members\[0\]\.nodeSelector\.devices\[0\]\.selectors\[1\]\.cel \(engine vllm, Standalone member, request gpu\): syntax error/,
      ),
      'ReplicasReady=True AllReplicasReady: 1 of 1 ready',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ],
    events: [expect.stringMatching(/^Warning InvalidNodeSelector: Invalid nodeSelector CEL expression: spec\.engines\[0\]/)],
  },
  {
    name: 'InvalidNodeSelector on a type error',
    why: 'a misspelled field of device is a compile error, not a non-match',
    spec: badCel('device.atributes["x"].y == 1'),
    req: { clusters: [a], replicas: [], observed: {} },
    resources: [],
    conditions: [
      expect.stringMatching(/^ReplicasScheduled=False InvalidNodeSelector: .*selectors\[1\]\.cel .*type error/),
      'ReplicasReady=False NoReplicasScheduled: 0 of 1 ready',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ],
    events: [expect.stringMatching(/^Warning InvalidNodeSelector: /)],
  },
  {
    name: 'InvalidSpec keeps the fleet',
    why: 'the XRD normally prevents this; the function still never deletes on it',
    spec: { engines: [] },
    req: { clusters: [a], replicas: [serving], observed },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0'],
    conditions: [expect.stringMatching(/^ReplicasScheduled=False InvalidSpec: Invalid spec: spec\.engines: /), 'ReplicasReady=True AllReplicasReady: 1 of 1 ready'],
    events: [expect.stringMatching(/^Warning InvalidSpec: Invalid spec: spec\.engines/)],
  },
  {
    name: 'InsufficientCapacity',
    why: 'nothing fits: every cluster explained, one Warning with the summary',
    spec: { replicas: 2 },
    req: { clusters: [clusterObj('cluster-a', { pools: [pool('p1', 0)] }), clusterObj('cluster-b', { ready: false })], replicas: [] },
    resources: [],
    conditions: [
      'ReplicasScheduled=False InsufficientCapacity: 0 of 2 replicas scheduled (checked 2 clusters)',
      'ReplicasReady=False NoReplicasScheduled: 0 of 2 ready',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ],
    events: ['Warning InsufficientCapacity: 0 of 2 replicas scheduled (checked 2 clusters): 0/2 clusters fit: 1 ClusterNotReady, 1 InsufficientDevices'],
    unschedulable: [
      { cluster: 'cluster-a', reason: 'engine vllm fits no pool: pool p1: largest free block 0 devices, a pod needs 1' },
      { cluster: 'cluster-b', reason: 'not Ready' },
    ],
  },
  {
    name: 'partial placement is not success',
    why: 'one of two fits: PartiallyScheduled names the top reason, warns, and the placed replica stays',
    spec: { replicas: 2 },
    req: { clusters: [clusterObj('cluster-a', { pools: [wholeGpuPool('p1', 1)] })], replicas: [serving], observed: observedReplicas(serving) },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0'],
    conditions: [
      'ReplicasScheduled=False PartiallyScheduled: 1 of 2 replicas scheduled; 0/1 clusters fit: 1 InsufficientDevices',
      'ReplicasReady=False PartiallyScheduled: 1 of 2 ready; 1 of 2 scheduled',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ],
    events: ['Warning PartiallyScheduled: 1 of 2 replicas scheduled; 0/1 clusters fit: 1 InsufficientDevices'],
    unschedulable: [{ cluster: 'cluster-a', reason: 'engine vllm fits no pool: pool p1: largest free block 0 devices, a pod needs 1' }],
  },
  {
    name: 'SelectorError keeps the replica and its endpoint as they are',
    why: 'the edited selector errors on the pinned pool (no such attribute): cannot tell is not false',
    spec: badCel('device.attributes["gpu.nvidia.com"].arch == "Hopper"'),
    req: { clusters: [a], replicas: [serving], observed },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0'],
    conditions: [
      'ReplicasScheduled=False SelectorError: Keeping 1 replica as it is, fit cannot be told: replica my-model-5ab63 on cluster-a: ' +
        'spec.engines[0].members[0].nodeSelector.devices[0].selectors[1].cel cannot be evaluated on device gpu of pool p1 (cluster cluster-a): No such key: arch',
      'ReplicasReady=True AllReplicasReady: 1 of 1 ready',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ],
    events: [expect.stringMatching(/^Warning SelectorError: Keeping 1 replica as it is, fit cannot be told: replica my-model-5ab63 on cluster-a: spec\.engines\[0\]/)],
  },
  {
    name: 'ClusterStatusUnknown keeps the replica and its endpoint as they are',
    why: 'the hosting cluster\'s status was wiped: nothing is read as "no longer fits"',
    req: { clusters: [{ ...a, status: {} }], replicas: [serving], observed },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0'],
    conditions: [
      'ReplicasScheduled=False ClusterStatusUnknown: Keeping 1 replica as it is, fit cannot be told: replica my-model-5ab63 on cluster-a: cluster cluster-a: status.gpuPools is missing',
      'ReplicasReady=True AllReplicasReady: 1 of 1 ready',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ],
    events: ['Warning ClusterStatusUnknown: Keeping 1 replica as it is, fit cannot be told: replica my-model-5ab63 on cluster-a: cluster cluster-a: status.gpuPools is missing'],
  },
  {
    name: 'a valid edit that no longer matches replaces before it removes',
    why: 'the new selector wants an A100: the H100 replica and its endpoint stay until the replacement on cluster-b is Ready',
    spec: badCel('device.attributes["gpu.nvidia.com"].productName == "A100"'),
    req: { clusters: [a, clusterObj('cluster-b', { labels: { region: 'us' }, pools: [pool('p1', 4, [a100()])] })], replicas: [serving], observed },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0', 'replica-cluster-b-0'],
    conditions: [
      'ReplicasScheduled=False Replacing: Replacing 1 replica, kept until replacements are Ready: replica my-model-5ab63 on cluster-a: engine vllm pool p1 lacks device for request gpu',
      'ReplicasReady=False ModelStarting: 0 of 1 ready',
      'ModelCacheResolved=True ModelCacheResolved: No ModelCache referenced',
    ],
    events: ['Normal ReplacingReplica: replica my-model-5ab63 on cluster-a: engine vllm pool p1 lacks device for request gpu; kept until a replacement is Ready'],
  },
  {
    name: 'cache unresolved: retain only',
    why: 'the cache requirement has not been answered: keep what runs, place nothing new',
    spec: { replicas: 2, modelCacheRef: { name: 'weights' } },
    req: { clusters: [a, b], replicas: [serving], observed: observedReplicas(serving) },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0'],
    conditions: [
      'ReplicasScheduled=False ModelCacheUnresolved: 1 of 2 replicas scheduled: waiting for ModelCache weights',
      'ReplicasReady=False PartiallyScheduled: 1 of 2 ready; 1 of 2 scheduled',
      'ModelCacheResolved=False ModelCacheUnresolved: Waiting for ModelCache weights; new replicas are not placed until it resolves',
    ],
    events: [],
  },
  {
    name: 'cache not found: nothing placed',
    why: 'resolved to nothing: warn, place nothing',
    spec: { replicas: 2, modelCacheRef: { name: 'weights' } },
    req: { clusters: [a, b], replicas: [], cache: null },
    resources: [],
    conditions: [
      'ReplicasScheduled=False ModelCacheNotFound: 0 of 2 replicas scheduled: ModelCache weights not found',
      'ReplicasReady=False NoReplicasScheduled: 0 of 2 ready',
      'ModelCacheResolved=False ModelCacheNotFound: ModelCache weights (spec.modelCacheRef.name) not found in this namespace; new replicas are not placed',
    ],
    events: ['Warning ModelCacheNotFound: 0 of 2 replicas scheduled: ModelCache weights not found'],
  },
  {
    name: 'cache present narrows the clusters',
    why: 'the cache only covers region us: the replica goes to cluster-b and carries the cache ref',
    spec: { replicas: 1, modelCacheRef: { name: 'weights' } },
    req: { clusters: [a, b], replicas: [], cache: [cache({ matchLabels: { region: 'us' } })] },
    resources: ['replica-cluster-b-0'],
    conditions: [
      'ReplicasScheduled=False Scheduling: Scheduled 1 of 1 replicas; none observed yet',
      'ReplicasReady=False ModelStarting: 0 of 1 ready',
      'ModelCacheResolved=True ModelCacheResolved: ModelCache weights found',
    ],
    events: [],
  },
  {
    name: "cache selector conflicts with the deployment's",
    why: 'same key, different values: nothing is selected, so nothing is lost',
    spec: { replicas: 1, modelCacheRef: { name: 'weights' }, clusterSelector: { matchLabels: { region: 'eu' } } },
    req: { clusters: [a], replicas: [serving], observed, cache: [cache({ matchLabels: { region: 'us' } })] },
    resources: ['endpoint-cluster-a-0', 'replica-cluster-a-0'],
    conditions: [
      'ReplicasScheduled=False NoClusters: None of the 1 InferenceClusters found matches the effective cluster selector; keeping the current replicas',
      'ReplicasReady=True AllReplicasReady: 1 of 1 ready',
      'ModelCacheResolved=True ModelCacheResolved: ModelCache weights found',
    ],
    events: ['Warning NoClusters: None of the 1 InferenceClusters found matches the effective cluster selector; keeping the current replicas'],
  },
];

describe('fn-schedule conditions', () => {
  it.each(cases)('$name', (c) => {
    const got = view(compose(request(deploymentXr(c.spec ?? {}), c.req)));
    expect(Object.keys(got.resources)).toEqual(c.resources);
    expect(got.conditions).toEqual(c.conditions);
    expect(got.events).toEqual(c.events);
    expect(got.status?.unschedulable).toEqual(c.unschedulable ?? []);
    // Ready means ready: a False condition always holds the composite back (Crossplane already
    // does when a composed resource is not ready).
    const anyFalse = got.conditions.some((x: string) => /^\w+=False /.test(x));
    const allReady = Object.values(got.resources).every((r) => r.ready === true);
    expect(got.xrReady).toBe(anyFalse && allReady ? false : undefined);
    expect(anyFalse && got.xrReady === undefined && allReady).toBe(false);
  });

  it('keeps kept-as-is resources exactly as observed (no rewrite from the current spec)', () => {
    const got = view(compose(request(deploymentXr(badCel('int("abc") == 1')), { clusters: [a], replicas: [serving], observed })));
    const { status: _s, ...asObserved } = serving;
    expect(got.resources['replica-cluster-a-0']).toEqual({ ready: true, resource: asObserved });
    expect(got.resources['endpoint-cluster-a-0']!.resource.spec).toEqual({ url: 'http://cluster-a.gw:80/ml/my-model-5ab63/v1', rewritePath: '/ml/my-model-5ab63/' });
  });

  it('re-emits kept resources unchanged, minus server metadata and status', () => {
    const withServerFields = { ...serving, metadata: { ...serving.metadata, uid: 'u', resourceVersion: '7', managedFields: [{}] } };
    const got = view(compose(request(deploymentXr(), { clusters: null, replicas: [], observed: observedReplicas(withServerFields) })));
    const { status: _s, ...spec } = serving;
    expect(got.resources['replica-cluster-a-0']).toEqual({ ready: true, resource: spec });
  });
});
