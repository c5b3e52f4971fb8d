// Required resources to typed inputs: three-way requirements, defensive readers, the effective selector.
import { describe, expect, it } from 'vitest';
import {
  REQUIREMENT,
  type CacheInput,
  effectiveSelector,
  readCache,
  readCluster,
  readClusters,
  readFleetReplicas,
  readReplica,
  replicaIndex,
  requirements,
} from '../../../functions/fn-schedule/inputs';
import { replicaName } from '../../../functions/lib/k8s/names';
import { matchesSelector } from '../../../functions/lib/k8s/selectors';
import { classDevicesByName } from '../../../functions/lib/contracts';
import { H100, classObj, classObjects, clusterObj, deploymentSpec, engine, gpu, leader, pool, replicaObj, worker, type Obj } from '../../fixtures/fn-schedule/objects';

const req = (required: Record<string, Obj[] | null> | undefined) =>
  ({
    requiredResources: required ? Object.fromEntries(Object.entries(required).map(([k, items]) => [k, { items: (items ?? []).map((resource) => ({ resource })) }])) : {},
  }) as any;

describe('requirements', () => {
  it.each([
    {
      name: 'no selector, no cache',
      spec: deploymentSpec(),
      want: {
        clusters: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchLabels: {} },
        classes: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceClass', matchLabels: {} },
        replicas: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelReplica', matchLabels: { 'modelplane.ai/deployment': 'my-model' }, namespace: 'ml' },
      },
    },
    {
      name: 'matchLabels sent, matchExpressions applied locally, cache by name in the namespace',
      spec: deploymentSpec({
        clusterSelector: { matchLabels: { region: 'eu' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
        modelCacheRef: { name: 'weights' },
      }),
      want: {
        clusters: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchLabels: { region: 'eu' } },
        classes: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceClass', matchLabels: {} },
        replicas: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelReplica', matchLabels: { 'modelplane.ai/deployment': 'my-model' }, namespace: 'ml' },
        cache: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelCache', matchName: 'weights', namespace: 'ml' },
      },
    },
  ])('$name', ({ spec, want }) => {
    expect(requirements(spec, 'ml', 'my-model')).toEqual(want);
  });
});

describe('three-way required resources', () => {
  it.each([
    { name: 'unresolved', required: undefined, clusters: { state: 'unresolved' }, replicas: { state: 'unresolved' } },
    { name: 'resolved to none', required: { clusters: [], classes: [], replicas: null }, clusters: { state: 'resolved', items: [] }, replicas: { state: 'resolved', items: [] } },
    // The classes are part of every pool: clusters cannot be read before they are answered.
    { name: 'classes unresolved', required: { clusters: [clusterObj('a')], replicas: [] }, clusters: { state: 'unresolved' }, replicas: { state: 'resolved', items: [] } },
    {
      name: 'malformed items skipped',
      required: { clusters: [{ metadata: {} }, clusterObj('a', { pools: [] })], classes: [{ metadata: {} }, 7 as any], replicas: [{ metadata: { name: 'x' }, spec: {} }] },
      clusters: {
        state: 'resolved',
        items: [
          { name: 'a', labels: {}, ready: true, gatewayAddress: 'a.gw:80', taints: [], pools: [], poolsUnknown: 'status.gpuPools is empty', specPools: [], ledger: new Map() },
        ],
      },
      replicas: { state: 'resolved', items: [] },
    },
  ])('$name', ({ required, clusters, replicas }) => {
    const r = req(required);
    expect(readClusters(r)).toEqual(clusters);
    expect(readFleetReplicas(r)).toEqual(replicas);
  });

  it.each([
    { name: 'no ref', ref: undefined, required: {}, want: { state: 'none' } },
    { name: 'unresolved', ref: { name: 'w' }, required: undefined, want: { state: 'unresolved', name: 'w' } },
    { name: 'absent', ref: { name: 'w' }, required: { [REQUIREMENT.cache]: [] }, want: { state: 'absent', name: 'w' } },
    {
      name: 'present with selector',
      ref: { name: 'w' },
      required: { [REQUIREMENT.cache]: [{ metadata: { name: 'w' }, spec: { clusterSelector: { matchLabels: { region: 'eu', bad: 1 } } } }] },
      want: { state: 'present', name: 'w', selector: { matchLabels: { region: 'eu' } } },
    },
    {
      name: 'present, no selector',
      ref: { name: 'w' },
      required: { [REQUIREMENT.cache]: [{ metadata: { name: 'w' }, spec: {} }] },
      want: { state: 'present', name: 'w', selector: undefined },
    },
  ])('cache: $name', ({ ref, required, want }) => {
    expect(readCache(req(required as any), ref)).toEqual(want);
  });
});

describe('effectiveSelector', () => {
  const eu = { region: 'eu', tier: 'gpu' };
  it.each([
    { name: 'no cache', own: { matchLabels: { region: 'eu' } }, cache: { state: 'none' } as const, labels: eu, want: true },
    { name: 'cache narrows', own: undefined, cache: { state: 'present', name: 'w', selector: { matchLabels: { tier: 'cpu' } } } as const, labels: eu, want: false },
    {
      name: 'cache agrees',
      own: { matchLabels: { region: 'eu' } },
      cache: { state: 'present', name: 'w', selector: { matchLabels: { tier: 'gpu' } } } as const,
      labels: eu,
      want: true,
    },
    {
      name: 'same key, different values',
      own: { matchLabels: { region: 'eu' } },
      cache: { state: 'present', name: 'w', selector: { matchLabels: { region: 'us' } } } as const,
      labels: eu,
      want: false,
    },
    { name: 'unresolved cache ignored', own: undefined, cache: { state: 'unresolved', name: 'w' } as const, labels: eu, want: true },
  ])('$name', ({ own, cache, labels, want }) => {
    expect(matchesSelector(effectiveSelector(own, cache as CacheInput), labels)).toBe(want);
  });
});

describe('readCluster', () => {
  it.each([
    { name: 'no name', obj: { metadata: {} }, want: undefined },
    { name: 'being deleted', obj: { ...clusterObj('a'), metadata: { name: 'a', deletionTimestamp: '2026-01-01T00:00:00Z' } }, want: undefined },
    {
      name: 'no status',
      obj: { metadata: { name: 'a' } },
      want: { name: 'a', labels: {}, ready: false, gatewayAddress: undefined, taints: [], pools: [], poolsUnknown: 'status is missing', specPools: [] },
    },
    {
      name: 'counts clamped, unreadable entries left out and named',
      obj: clusterObj('a', {
        taints: [{ key: 'k', effect: 'NoSchedule' }, { effect: 'NoExecute' }],
        pools: [pool('p', -2, [gpu({ count: -1 }), gpu({ count: undefined })]), { nodes: 3 }, pool('q', 2.7, []), pool('r', 1, [gpu(), 'junk' as any])],
      }),
      want: {
        name: 'a',
        labels: {},
        ready: true,
        gatewayAddress: 'a.gw:80',
        taints: [{ key: 'k', value: undefined, effect: 'NoSchedule' }],
        pools: [
          {
            name: 'p',
            nodes: 0,
            devices: [
              { name: 'gpu', claim: 'DRA', deviceClassName: 'gpu.nvidia.com', count: 0, published: gpu({ count: -1 }) },
              { name: 'gpu', claim: 'DRA', deviceClassName: 'gpu.nvidia.com', count: 0, published: gpu({ count: undefined }) },
            ],
            // No per-node device count: node accounting.
            shape: { nodes: 0, classes: ['gpu.nvidia.com'], perNode: undefined },
          },
          { name: 'q', nodes: 2, devices: [], shape: { nodes: 2, classes: [], perNode: undefined } },
        ],
        // The first problem found is named; pool r (a device is not an object) is left out too.
        poolsUnknown: 'status.gpuPools[1] has no name',
        specPools: ['p', 'q', 'r'],
        ledger: new Map(),
      },
    },
    {
      name: 'empty gateway address',
      obj: clusterObj('a', { address: '', pools: [] }),
      want: { name: 'a', labels: {}, ready: true, gatewayAddress: undefined, taints: [], pools: [], poolsUnknown: 'status.gpuPools is empty', specPools: [], ledger: new Map() },
    },
  ])('$name', ({ obj, want }) => {
    expect(readCluster(obj as any, classDevicesByName(classObjects()))).toEqual(want);
  });

  // Published pools that cannot be trusted: the scheduler never reads them as "no pool".
  it.each([
    { name: 'well formed', status: { gpuPools: [pool('p')], ledger: { replicas: 0, pools: [] } }, want: undefined },
    // What the pools hold cannot be told without the cluster's allocation ledger.
    { name: 'ledger missing', status: { gpuPools: [pool('p')] }, want: 'status.ledger is missing' },
    {
      name: 'ledger malformed',
      status: { gpuPools: [pool('p')], ledger: { replicas: 0, pools: [{ name: 'p', used: 1, holders: ['ml/x 0'] }] } },
      want: expect.stringMatching(/^status\.ledger\.pools\.0\.holders\.0: /),
    },
    { name: 'ledger not an object', status: { gpuPools: [pool('p')], ledger: 'full' }, want: expect.stringMatching(/^status\.ledger\.: /) },
    { name: 'status missing', status: null, want: 'status is missing' },
    { name: 'status wiped', status: {}, want: 'status.gpuPools is missing' },
    { name: 'not a list', status: { gpuPools: { p: 1 } }, want: 'status.gpuPools is not a list' },
    { name: 'empty', status: { gpuPools: [] }, want: 'status.gpuPools is empty' },
    { name: 'pool without a name', status: { gpuPools: [pool('p'), { nodes: 1, devices: [] }] }, want: 'status.gpuPools[1] has no name' },
    { name: 'nodes not a number', status: { gpuPools: [{ ...pool('p'), nodes: '4' }] }, want: 'status.gpuPools[0].nodes is not a number' },
    { name: 'class not named', status: { gpuPools: [{ name: 'p', nodes: 1 }] }, want: 'status.gpuPools[0].className is missing' },
    // A pool whose class is gone cannot be told: its replicas stay, nothing new goes there.
    { name: 'class not listed', status: { gpuPools: [{ ...pool('p'), className: 'gone' }] }, want: 'status.gpuPools[0]: InferenceClass gone not found' },
    {
      name: 'class devices not a list',
      status: { gpuPools: [{ ...pool('p'), className: 'broken' }] },
      want: 'status.gpuPools[0]: InferenceClass broken: spec.devices is not a list',
    },
    {
      name: 'class device not an object',
      status: { gpuPools: [{ ...pool('p'), className: 'junk' }] },
      want: 'status.gpuPools[0]: InferenceClass junk: spec.devices[1] is not an object',
    },
  ])('pools unknown: $name', ({ status, want }) => {
    const classes = classDevicesByName([...classObjects(), classObj('broken', 'gpu'), classObj('junk', [gpu(), 'junk'])]);
    expect(readCluster(clusterObj('a', { status }), classes)!.poolsUnknown).toEqual(want);
  });
});

describe('readReplica', () => {
  const gang = deploymentSpec({ engines: [engine('g', [leader(), worker(3)], { copies: 2 })] });
  it.each([
    { name: 'no clusterName', obj: { metadata: { name: 'x' }, spec: {} }, want: undefined },
    {
      name: 'gang at observed shape',
      obj: replicaObj('a', { spec: gang, index: 2, ready: false }),
      want: {
        name: replicaName('my-model', 'a', 2),
        namespace: 'ml',
        deployment: 'my-model',
        clusterName: 'a',
        index: 2,
        ready: false,
        engines: [
          {
            name: 'g',
            copies: 2,
            members: [
              { role: 'Leader', nodePoolName: 'p1', pods: 1, claims: false, requests: [] },
              { role: 'Worker', nodePoolName: 'p1', pods: 3, claims: true, requests: [{ name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: [{ cel: H100 }] }] },
            ],
          },
        ],
      },
    },
    {
      name: 'missing fields default',
      obj: { metadata: { name: 'x', labels: {} }, spec: { clusterName: 'a', engines: [{ members: [{ role: 'Worker' }] }] } },
      want: {
        name: 'x',
        namespace: '',
        deployment: undefined,
        clusterName: 'a',
        index: 0,
        ready: false,
        engines: [{ name: '', copies: 1, members: [{ role: 'Worker', nodePoolName: undefined, pods: 1, claims: false, requests: [] }] }],
      },
    },
  ])('$name', ({ obj, want }) => {
    const got = readReplica(obj);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toEqual(want);
  });

  it.each([
    { name: 'integer', labels: { 'modelplane.ai/replica-index': '7' }, want: 7 },
    { name: 'missing', labels: {}, want: 0 },
    { name: 'not an integer', labels: { 'modelplane.ai/replica-index': '1.5' }, want: 0 },
    { name: 'negative', labels: { 'modelplane.ai/replica-index': '-1' }, want: 0 },
    { name: 'garbage', labels: { 'modelplane.ai/replica-index': 'x' }, want: 0 },
    { name: 'no labels', labels: undefined, want: 0 },
  ])('replicaIndex: $name', ({ labels, want }) => {
    expect(replicaIndex(labels as Record<string, string> | undefined)).toBe(want);
  });
});
