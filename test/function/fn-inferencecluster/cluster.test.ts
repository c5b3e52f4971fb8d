// InferenceCluster behaviour beyond the happy path: per-pool problems, latching, missing
// Secrets, the deletion guard, invalid specs, opt-outs. Each row runs a whole RunFunction.
import { describe, expect, it } from 'vitest';
import { Ready, Severity } from '@crossplane-org/function-sdk-typescript';
import { compose } from '../../../functions/fn-inferencecluster/compose';
import { REASON, CONDITION } from '../../../functions/fn-inferencecluster/conditions';
import { REQUIREMENT_KEYS } from '../../../functions/fn-inferencecluster/inputs';
import { KEYS } from '../../../functions/fn-inferencecluster/names';
import { replicaObj } from '../../fixtures/fn-schedule/objects';
import { STACK_KEYS } from '../../../functions/fn-inferencecluster/stack/components';
import {
  allRequired,
  CLASSES,
  CLUSTERS,
  clusterXr,
  converge,
  desired,
  desiredStatus,
  kubeconfigSecret,
  replica,
  request,
  simulateProviders,
} from '../../fixtures/fn-inferencecluster';

type Obj = Record<string, any>;

/** The observed state of a fully converged cluster, and its published status. */
function converged(name: string, spec: Obj) {
  const passes = converge(clusterXr(name, spec), allRequired(spec));
  const last = passes.at(-1)!;
  return { observed: simulateProviders(desired(last)), status: desiredStatus(last) };
}

const cond = (rsp: ReturnType<typeof compose>, type: string) => {
  const c = rsp.conditions?.find((x) => x.type === type);
  return c ? { reason: c.reason, message: c.message } : undefined;
};
const warnings = (rsp: ReturnType<typeof compose>) => (rsp.results ?? []).filter((r) => r.severity === Severity.SEVERITY_WARNING).map((r) => r.reason);

const gke = CLUSTERS.gke!;
const twoPools = { ...gke, nodePools: [...gke.nodePools, { name: 'extra', className: 'nvidia-a100', nodeCount: 1 }] };
const gkeDone = converged('gke-1', gke);
const twoDone = converged('gke-1', { ...twoPools, nodePools: [...gke.nodePools, { name: 'extra', className: 'nvidia-l4', nodeCount: 1 }] });

describe('per-pool problems', () => {
  const cases = [
    {
      name: 'class provisions for another cloud',
      why: 'the mismatched pool is not provisioned or published; the other pool proceeds',
      spec: twoPools,
      classes: {},
      observed: gkeDone.observed,
      want: {
        reason: REASON.provisioningMismatch,
        message: /spec\.nodePools\[1\] \(extra\)\.className: InferenceClass nvidia-a100 provisions for EKS, but the cluster's source is GKE/,
        pools: ['l4'],
        nodepools: ['nodepool-l4'],
        warn: [REASON.provisioningMismatch],
      },
    },
    {
      name: 'class missing',
      why: 'WaitingForClasses; the already provisioned pool and its published entry are kept',
      spec: { ...gke, nodePools: [...gke.nodePools, { name: 'extra', className: 'nvidia-l4', nodeCount: 1 }] },
      classes: { 'nvidia-l4': null },
      observed: twoDone.observed,
      status: twoDone.status,
      want: {
        reason: REASON.waitingForClasses,
        message: /InferenceClass nvidia-l4 not found/,
        pools: ['l4', 'extra'],
        nodepools: ['nodepool-extra', 'nodepool-l4'],
        warn: [REASON.waitingForClasses, REASON.waitingForClasses],
      },
    },
    {
      name: 'class invalid',
      why: 'InvalidClass names the field; the pool is not published, its observed node pool is kept',
      spec: gke,
      classes: { 'nvidia-l4': { ...CLASSES['nvidia-l4'], devices: [{ ...CLASSES['nvidia-l4']!.devices[0], capacity: { memory: { value: 'lots' } } }] } },
      observed: gkeDone.observed,
      status: gkeDone.status,
      want: { reason: REASON.invalidClass, message: /spec\.devices\[0\]\.capacity\.memory\.value/, pools: [], nodepools: ['nodepool-l4'], warn: [REASON.invalidClass] },
    },
  ];
  it.each(cases)('$name: $why', ({ spec, classes, observed, status, want }) => {
    const rsp = compose(request({ xr: clusterXr('gke-1', spec, status), observed, required: allRequired(spec, { classes: classes as Record<string, Obj | null> }) }));
    const c = cond(rsp, CONDITION.poolsReady)!;
    expect(c.reason).toBe(want.reason);
    expect(c.message).toMatch(want.message);
    expect(desiredStatus(rsp).gpuPools.map((p: Obj) => p.name)).toEqual(want.pools);
    expect(
      Object.keys(desired(rsp))
        .filter((k) => k.startsWith(KEYS.nodePoolPrefix))
        .sort(),
    ).toEqual(want.nodepools);
    expect(warnings(rsp)).toEqual(want.warn);
    // The cluster itself is unaffected.
    expect(rsp.desired?.composite?.ready).toBe(Ready.READY_TRUE);
  });
});

describe('gate, then latch', () => {
  it('keeps provider configs, stack and gateway when the cloud cluster flickers unready', () => {
    const observed = { ...gkeDone.observed, cluster: { ...gkeDone.observed.cluster, status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Unavailable' }] } } };
    const rsp = compose(request({ xr: clusterXr('gke-1', gke, gkeDone.status), observed, required: allRequired(gke) }));
    expect(Object.keys(desired(rsp)).sort()).toEqual(Object.keys(gkeDone.observed).sort());
    expect(cond(rsp, CONDITION.clusterReady)!.reason).toBe(REASON.provisioning);
    expect(rsp.desired?.composite?.ready).toBe(Ready.READY_FALSE);
  });

  it('keeps the gateway when Envoy Gateway flickers unready, and keeps the last address while the Gateway exists', () => {
    const observed = { ...gkeDone.observed };
    observed[STACK_KEYS.envoyGateway] = { ...observed[STACK_KEYS.envoyGateway], status: {} };
    observed.gateway = { ...observed.gateway, status: {} };
    const rsp = compose(request({ xr: clusterXr('gke-1', gke, gkeDone.status), observed, required: allRequired(gke) }));
    expect(desired(rsp).gateway).toBeDefined();
    expect(desiredStatus(rsp).gateway).toEqual({ address: '203.0.113.10' });
    expect(cond(rsp, CONDITION.backendReady)!.reason).toBe(REASON.installingStack);
  });

  it('does not compose provider configs before the cluster is Ready', () => {
    const rsp = compose(request({ xr: clusterXr('gke-1', gke), observed: {}, required: allRequired(gke) }));
    expect(desired(rsp)[KEYS.providerConfigKubernetes]).toBeUndefined();
    expect(desiredStatus(rsp).providerConfigRef).toBeUndefined();
    expect(cond(rsp, CONDITION.backendReady)!.reason).toBe(REASON.waitingForCluster);
  });
});

describe('a cluster whose API server stops answering', () => {
  // What provider-kubernetes and provider-helm report then: Synced=False from a failed observe, the
  // last observed status (Ready, the gateway's address) kept as it was.
  const REFUSED = 'observe failed: cannot get object: Get "https://10.0.0.1/api": dial tcp 10.0.0.1:443: connect: connection refused';
  const remote = (o: Obj) => /^(kubernetes|helm)\.m\.crossplane\.io\//.test(String(o.apiVersion));
  const synced = (status: string, message?: string) => ({
    type: 'Synced',
    status,
    reason: status === 'True' ? 'ReconcileSuccess' : 'ReconcileError',
    ...(message ? { message } : {}),
  });
  const withSynced = (o: Obj, c: Obj) => ({ ...o, status: { ...o.status, conditions: [...(o.status?.conditions ?? []).filter((x: Obj) => x.type !== 'Synced'), c] } });
  const cases: { name: string; change: (key: string, o: Obj) => Obj; ready: boolean; reason: string; message?: RegExp }[] = [
    {
      name: 'every remote resource Synced=False from a failed observe: not Ready, Unreachable',
      change: (_k, o) => (remote(o) ? withSynced(o, synced('False', REFUSED)) : o),
      ready: false,
      reason: REASON.unreachable,
      message: /^Cannot read \S+ on the cluster: observe failed: cannot get object: .*connection refused$/,
    },
    {
      name: 'only the gateway: not Ready, Unreachable naming it',
      change: (k, o) => (k === 'gateway' ? withSynced(o, synced('False', REFUSED)) : o),
      ready: false,
      reason: REASON.unreachable,
      message: /^Cannot read gateway on the cluster: /,
    },
    {
      name: 'a failed connect counts too',
      change: (k, o) => (k === 'gateway' ? withSynced(o, synced('False', 'connect failed: cannot create REST config: no kubeconfig')) : o),
      ready: false,
      reason: REASON.unreachable,
    },
    {
      name: 'an apply error is not a read error: still Ready',
      change: (k, o) => (k === 'gateway' ? withSynced(o, synced('False', 'update failed: cannot apply object: admission webhook denied the request')) : o),
      ready: true,
      reason: REASON.serving,
    },
    { name: 'everything read: Ready', change: (_k, o) => o, ready: true, reason: REASON.serving },
  ];
  it.each(cases)('$name', ({ change, ready, reason, message }) => {
    const observed = Object.fromEntries(Object.entries(gkeDone.observed).map(([k, o]) => [k, change(k, o as Obj)]));
    const rsp = compose(request({ xr: clusterXr('gke-1', gke, gkeDone.status), observed, required: allRequired(gke) }));
    expect(cond(rsp, CONDITION.backendReady)!.reason).toBe(reason);
    if (message) expect(cond(rsp, CONDITION.backendReady)!.message).toMatch(message);
    expect(rsp.desired?.composite?.ready).toBe(ready ? Ready.READY_TRUE : Ready.READY_FALSE);
    // Nothing is dropped and the last address stays published: the cluster may come back as it was.
    expect(Object.keys(desired(rsp)).sort()).toEqual(Object.keys(gkeDone.observed).sort());
    expect(desiredStatus(rsp).gateway).toEqual(gkeDone.status.gateway);
  });
});

describe('existing clusters and their Secret', () => {
  const existing = CLUSTERS.existing!;
  const done = converged('edge', existing);
  const cases = [
    { name: 'unresolved Secret', secret: 'unresolved', want: REASON.waitingForSecret, warn: [] as string[], keys: [] as string[] },
    { name: 'Secret not found', secret: null, want: REASON.secretMissing, warn: [REASON.secretMissing], keys: [] },
    { name: 'Secret without the key', secret: kubeconfigSecret('edge-kubeconfig', { other: 'eA==' }), want: REASON.secretMissing, warn: [REASON.secretMissing], keys: [] },
    { name: 'Secret deleted after composing', secret: null, observed: done.observed, want: REASON.secretMissing, warn: [REASON.secretMissing], keys: Object.keys(done.observed) },
  ];
  it.each(cases)('$name', ({ secret, observed, want, warn, keys }) => {
    const required = allRequired(existing, secret === 'unresolved' ? {} : { secret: secret as Obj | null });
    if (secret === 'unresolved') delete required[REQUIREMENT_KEYS.kubeconfig];
    const rsp = compose(request({ xr: clusterXr('edge', existing), observed: observed ?? {}, required }));
    expect(cond(rsp, CONDITION.clusterReady)!.reason).toBe(want);
    expect(warnings(rsp)).toEqual(warn);
    expect(Object.keys(desired(rsp)).sort()).toEqual([...keys].sort());
    expect(rsp.requirements?.resources?.[REQUIREMENT_KEYS.kubeconfig]).toEqual({ apiVersion: 'v1', kind: 'Secret', matchName: 'edge-kubeconfig', namespace: 'crossplane-system' });
  });
});

describe('deletion guard', () => {
  const existing = CLUSTERS.existing!;
  const done = converged('edge', existing);
  const usage = {
    apiVersion: 'protection.crossplane.io/v1beta1',
    kind: 'ClusterUsage',
    metadata: { name: 'edge-in-use', labels: { 'modelplane.ai/inference-cluster': 'edge' } },
    spec: {
      of: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', resourceRef: { name: 'edge' } },
      reason: 'ModelReplicas are pinned to this InferenceCluster (label modelplane.ai/cluster=edge)',
      replayDeletion: true,
    },
  };
  const cases = [
    { name: 'replicas pinned', replicas: [replica('team-a', 'qwen-1', 'edge')], observedUsage: false, want: usage },
    { name: 'replicas unknown yet, usage observed: kept', replicas: undefined, observedUsage: true, want: usage },
    { name: 'replicas unknown yet, no usage: none', replicas: undefined, observedUsage: false, want: undefined },
    { name: 'last replica gone: dropped', replicas: [], observedUsage: true, want: undefined },
  ];
  it.each(cases)('$name', ({ replicas, observedUsage, want }) => {
    const required = allRequired(existing, { replicas: replicas ?? [] });
    if (!replicas) delete required[REQUIREMENT_KEYS.replicas];
    const observed = observedUsage ? { ...done.observed, [KEYS.usage]: { ...usage, metadata: { ...usage.metadata, uid: 'u1' }, status: {} } } : done.observed;
    const rsp = compose(request({ xr: clusterXr('edge', existing, done.status), observed, required }));
    expect(desired(rsp)[KEYS.usage]).toEqual(want);
    expect(rsp.requirements?.resources?.[REQUIREMENT_KEYS.replicas]).toEqual({
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'ModelReplica',
      matchLabels: { labels: { 'modelplane.ai/cluster': 'edge' } },
    });
  });
});

describe('allocation ledger (status.ledger)', () => {
  const existing = CLUSTERS.existing!;
  const done = converged('edge', existing);
  const pinned = [0, 1].map((index) => {
    const r = replicaObj('edge', { index, pools: ['l4'] });
    return { ...r, metadata: { ...r.metadata, creationTimestamp: '2026-01-01T00:00:00Z' } };
  });
  const previous = { replicas: 7, pools: [{ name: 'l4', used: 1, holders: ['team/old 0:1'] }] };
  it.each([
    { name: 'the pinned replicas, packed per pool and deployment', replicas: pinned, want: { replicas: 2, pools: [{ name: 'l4', used: 2, holders: ['ml/my-model 0:1,1:1'] }] } },
    { name: 'nothing pinned: an empty ledger, never a missing one', replicas: [], want: { replicas: 0, pools: [] } },
    { name: 'replicas unknown yet: the published ledger is kept as it was', replicas: undefined, want: previous },
  ])('$name', ({ replicas, want }) => {
    const required = allRequired(existing, { replicas: replicas ?? [] });
    if (!replicas) delete required[REQUIREMENT_KEYS.replicas];
    const rsp = compose(request({ xr: clusterXr('edge', existing, { ...done.status, ledger: previous }), observed: done.observed, required }));
    expect(desiredStatus(rsp).ledger).toEqual(want);
  });
});

describe('spec changes', () => {
  it('an invalid spec keeps everything composed and published, with InvalidSpec naming the field', () => {
    const bad = { ...gke, nodePools: [{ ...gke.nodePools[0], minNodeCount: 9, maxNodeCount: 4 }] };
    const rsp = compose(request({ xr: clusterXr('gke-1', bad, gkeDone.status), observed: gkeDone.observed, required: allRequired(gke) }));
    expect(Object.keys(desired(rsp)).sort()).toEqual(Object.keys(gkeDone.observed).sort());
    expect(desiredStatus(rsp)).toEqual(gkeDone.status);
    expect(cond(rsp, CONDITION.clusterReady)).toEqual({ reason: REASON.invalidSpec, message: 'spec.nodePools[0].minNodeCount: minNodeCount must not exceed maxNodeCount' });
    expect(warnings(rsp)).toEqual([REASON.invalidSpec]);
    expect(rsp.desired?.composite?.ready).toBe(Ready.READY_FALSE);
  });

  it('a pool removed from spec.nodePools is deleted; the rest stays', () => {
    const rsp = compose(request({ xr: clusterXr('gke-1', gke, twoDone.status), observed: twoDone.observed, required: allRequired(gke) }));
    expect(desired(rsp)['nodepool-extra']).toBeUndefined();
    expect(desired(rsp)['nodepool-l4']).toBeDefined();
    expect(desiredStatus(rsp).gpuPools.map((p: Obj) => p.name)).toEqual(['l4']);
  });

  it.each([
    { name: 'opting in installs Dynamo', enabled: true, want: true },
    { name: 'opting out removes it', enabled: false, want: false },
  ])('$name', ({ enabled, want }) => {
    const observed = { ...gkeDone.observed, [STACK_KEYS.dynamo]: { ...gkeDone.observed[STACK_KEYS.envoyGateway], metadata: { name: 'gke-1-dynamo' } } };
    const spec = { ...gke, stack: { dynamo: { enabled } } };
    const rsp = compose(request({ xr: clusterXr('gke-1', spec, gkeDone.status), observed, required: allRequired(spec) }));
    expect(STACK_KEYS.dynamo in desired(rsp)).toBe(want);
  });

  it('pinned versions are overridable per component', () => {
    const spec = { ...gke, stack: { leaderWorkerSet: { version: '0.9.1' } } };
    const rsp = compose(request({ xr: clusterXr('gke-1', spec, gkeDone.status), observed: gkeDone.observed, required: allRequired(spec) }));
    expect(desired(rsp)[STACK_KEYS.leaderWorkerSet]!.spec.forProvider.chart).toEqual({ repository: 'oci://registry.k8s.io/lws/charts', name: 'lws', version: '0.9.1' });
  });
});
