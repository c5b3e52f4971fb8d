// Whole-request behaviour around the gates: the cluster requirement, waiting states that keep what
// is composed, invalid specs, readiness from observed Object status, and the endpoint.
import { describe, expect, it } from 'vitest';
import { CONDITION, REASON } from '../../../functions/fn-replica/conditions';
import { CLUSTER, GATEWAY, NAMESPACE, TOPOLOGIES, cluster, observedObject, replica, standaloneMember, type Json } from '../../fixtures/fn-replica';
import { conditionOf, desiredObjects, run } from '../../fixtures/fn-replica/run';

const xr = TOPOLOGIES.standalone!;
/** Everything a fresh compose produces, observed back as provider-kubernetes reports it. */
const composedObjects = (x: Json = xr) => desiredObjects(run({ xr: x }));
const observeAll = (opts: { synced?: boolean; ready?: boolean } = {}, x: Json = xr): Record<string, Json> =>
  Object.fromEntries(Object.entries(composedObjects(x)).map(([k, o]) => [k, observedObject(o, opts)]));
const previouslyComposed = observeAll();

const summary = (rsp: Json) => ({
  keys: Object.keys(rsp.desired?.resources ?? {}).sort(),
  accepted: conditionOf(rsp, CONDITION.accepted)?.reason,
  ready: conditionOf(rsp, CONDITION.ready)?.reason,
  endpoint: rsp.desired?.composite?.resource?.status?.endpoint,
  events: ((rsp.results ?? []) as Json[]).map((r) => `${r.severity}:${r.reason}`),
});

describe('gates: nothing new is composed until the cluster can take it, nothing composed is lost', () => {
  const allKeys = Object.keys(previouslyComposed).sort();
  it.each([
    {
      name: 'requirement unresolved, nothing composed',
      why: 'Crossplane answers the requirement within the reconcile: wait quietly',
      input: { clusters: undefined },
      want: { keys: [], accepted: undefined, ready: undefined, endpoint: undefined, events: [] },
    },
    {
      name: 'requirement unresolved, already composed',
      input: { clusters: undefined, observed: previouslyComposed },
      want: { keys: allKeys, accepted: undefined, ready: undefined, endpoint: undefined, events: [] },
    },
    {
      name: 'cluster missing',
      input: { clusters: [], observed: previouslyComposed },
      want: {
        keys: allKeys,
        accepted: REASON.clusterNotFound,
        ready: REASON.serving,
        endpoint: undefined,
        events: ['SEVERITY_WARNING:ClusterNotFound', 'SEVERITY_NORMAL:Serving'],
      },
    },
    {
      name: 'cluster without status, nothing composed',
      input: { clusters: [cluster(null)] },
      want: { keys: [], accepted: REASON.waitingForCluster, ready: REASON.waitingForWorkloads, endpoint: undefined, events: [] },
    },
    {
      name: 'cluster lost its provider config, already composed',
      why: 'gate, then latch: a flickering dependency never deletes what runs',
      input: { clusters: [cluster({ gateway: { address: GATEWAY } })], observed: previouslyComposed },
      want: {
        keys: allKeys,
        accepted: REASON.waitingForCluster,
        ready: REASON.serving,
        endpoint: `http://${GATEWAY}/${NAMESPACE}/qwen3-8b-5ab63`,
        events: ['SEVERITY_NORMAL:Serving'],
      },
    },
    {
      name: 'invalid spec, already composed',
      input: { xr: replica({ engines: [] }), observed: previouslyComposed },
      want: {
        keys: allKeys,
        accepted: REASON.invalidSpec,
        ready: REASON.serving,
        endpoint: `http://${GATEWAY}/${NAMESPACE}/qwen3-8b-5ab63`,
        events: ['SEVERITY_WARNING:InvalidSpec', 'SEVERITY_NORMAL:Serving'],
      },
    },
    {
      name: 'fresh compose, nothing observed yet',
      input: {},
      want: { keys: allKeys, accepted: REASON.applying, ready: REASON.waitingForWorkloads, endpoint: undefined, events: [] },
    },
    {
      name: 'applied, workloads not Available',
      input: { observed: observeAll({ ready: false }) },
      want: { keys: allKeys, accepted: REASON.applied, ready: REASON.waitingForWorkloads, endpoint: undefined, events: [] },
    },
    {
      name: 'applied and Available',
      input: { observed: previouslyComposed },
      want: { keys: allKeys, accepted: REASON.applied, ready: REASON.serving, endpoint: `http://${GATEWAY}/${NAMESPACE}/qwen3-8b-5ab63`, events: ['SEVERITY_NORMAL:Serving'] },
    },
    {
      name: 'serving, cluster without a gateway address',
      input: { clusters: [cluster({ providerConfigRef: { name: 'us-east' } })], observed: previouslyComposed },
      want: { keys: allKeys, accepted: REASON.applied, ready: REASON.serving, endpoint: undefined, events: ['SEVERITY_NORMAL:Serving'] },
    },
  ])('$name', ({ input, want }) => {
    expect(summary(run({ xr, ...input }))).toEqual(want);
  });

  it.each([
    { name: 'a syntax error', cel: 'device.attributes["gpu.nvidia.com"].productName.lowerAscii(.contains("l4")', says: 'syntax error' },
    { name: 'a selector that is not a bool', cel: 'device.driver', says: 'must evaluate to bool' },
    { name: 'a type error', cel: 'device.driver + 1 == 2', says: 'no such overload' },
    {
      name: 'a selector over the DRA cost limit',
      cel: '[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, device.attributes["x"].y == a + b + c + d + e + f))))))',
      says: 'exceeds the limit',
    },
  ])('a device selector with $name keeps the running claim template and names the field', ({ cel, says }) => {
    const bad: Json = structuredClone(xr);
    bad.spec.engines[0].members[0].deviceRequests[0].selectors[0].cel = cel;
    const rsp = run({ xr: bad, observed: previouslyComposed });
    // Claim templates are named by a hash of their content: the same keys mean nothing was replaced.
    expect(summary(rsp).keys).toEqual(allKeys);
    expect(conditionOf(rsp, CONDITION.accepted)).toMatchObject({ status: 'STATUS_CONDITION_FALSE', reason: REASON.invalidSpec });
    expect(conditionOf(rsp, CONDITION.accepted)?.message).toContain(`spec.engines[0].members[0].deviceRequests[0].selectors[0].cel: `);
    expect(conditionOf(rsp, CONDITION.accepted)?.message).toContain(says);
  });

  it('re-emits observed Objects unchanged, minus server metadata and status', () => {
    const rsp = run({ xr, clusters: [cluster({})], observed: previouslyComposed });
    expect(desiredObjects(rsp)).toEqual(composedObjects());
  });

  it('asks for the pinned cluster by name', () => {
    expect(run({ xr, clusters: undefined }).requirements).toEqual({
      resources: { cluster: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchName: CLUSTER } },
    });
  });

  it('asks Crossplane to look again soon while the cluster has no provider config', () => {
    expect(run({ xr, clusters: [cluster({})] }).meta.ttl).toEqual({ seconds: 15 });
  });

  it('marks each Object ready from its observed status', () => {
    const observed = { ...previouslyComposed, 'workload-vllm': observedObject(previouslyComposed['workload-vllm']!, { ready: false }) };
    const ready = Object.fromEntries(Object.entries(run({ xr, observed }).desired.resources as Record<string, Json>).map(([k, r]) => [k, r.ready]));
    expect(ready).toEqual(Object.fromEntries(Object.keys(previouslyComposed).map((k) => [k, k === 'workload-vllm' ? 'READY_FALSE' : 'READY_TRUE'])));
  });

  it('counts a workload as Available from the remote status the provider observed', () => {
    const workload = observedObject(previouslyComposed['workload-vllm']!, { ready: false });
    workload.status.atProvider = { manifest: { status: { conditions: [{ type: 'Available', status: 'True' }] } } };
    const rsp = run({ xr, observed: { ...previouslyComposed, 'workload-vllm': workload } });
    expect(conditionOf(rsp, CONDITION.ready)?.reason).toBe(REASON.serving);
  });

  it('sends no Serving event when the replica already served', () => {
    const served = { ...xr, status: { conditions: [{ type: CONDITION.ready, status: 'True', reason: REASON.serving }] } };
    expect(summary(run({ xr: served, observed: previouslyComposed })).events).toEqual([]);
  });

  it.each([
    { name: 'an engine removed from the spec', stale: ['workload-old'] },
    { name: 'the per-replica picker RBAC of earlier versions (the picker now uses the shared account)', stale: ['epp-serviceaccount', 'epp-role', 'epp-rolebinding'] },
  ])('drops Objects the replica no longer needs: $name', ({ stale }) => {
    const observed = { ...previouslyComposed, ...Object.fromEntries(stale.map((k) => [k, previouslyComposed['epp-config']!])) };
    const keys = Object.keys(run({ xr, observed }).desired.resources);
    expect(keys.filter((k) => stale.includes(k))).toEqual([]);
    expect(keys.sort()).toEqual(Object.keys(previouslyComposed).sort());
  });

  it('names the field of an invalid spec', () => {
    const rsp = run({ xr: replica({ engines: [{ name: 'vllm', members: [standaloneMember({ role: 'Worker' })] }] }) });
    expect(conditionOf(rsp, CONDITION.accepted)).toMatchObject({
      status: 'STATUS_CONDITION_FALSE',
      reason: REASON.invalidSpec,
      message: 'spec.engines[0].members: an engine is exactly one Standalone member, or exactly one Leader plus one Worker',
    });
  });

  it('uses the llm-d router version of the cluster stack', () => {
    const rsp = run({ xr, clusters: [cluster(undefined, { stack: { llmdRouter: { version: 'v0.11.2' } } })] });
    const picker = desiredObjects(rsp)['epp-deployment']!.spec.forProvider.manifest;
    expect(picker.spec.template.spec.containers[0].image).toBe('ghcr.io/llm-d/llm-d-router-endpoint-picker:v0.11.2');
  });
});

describe('remote names', () => {
  it('two deployments named alike in two namespaces on one cluster never collide', () => {
    const names = (namespace: string) =>
      Object.values(desiredObjects(run({ xr: replica({}, 'qwen-5ab63', namespace) }))).map(
        (o) => `${o.spec.forProvider.manifest.kind}/${o.spec.forProvider.manifest.metadata.name}`,
      );
    const [a, b] = [names('team-a'), names('team-b')];
    expect(a.filter((n) => b.includes(n))).toEqual([]);
    expect(new Set(a).size).toBe(a.length);
  });

  it.each(Object.entries(TOPOLOGIES).map(([name, x]) => ({ name, x })))('$name: every remote name is a DNS label starting with a letter', ({ x }) => {
    for (const o of Object.values(desiredObjects(run({ xr: x })))) {
      expect(o.spec.forProvider.manifest.metadata.name).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
      expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    }
  });
});
