// ModelDeployment through the real `crossplane render` and the fn-schedule bundle: required
// resources (clusters with published pools, the fleet's replicas, the cache) and observed composed
// replicas in, ModelReplicas, ModelEndpoints, status and events out. Golden files in
// test/golden/fn-schedule/ (UPDATE_GOLDEN=1 rewrites them).
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../harness/golden';
import type { Manifest } from '../../sim/render';
import { renderSuite } from '../harness/render-suite';
import { deploymentXr } from '../fixtures/fn-schedule';
import { a100, classObjects, clusterObj, gpu, nic, pool, replicaObj, withLedgers, type Obj } from '../fixtures/fn-schedule/objects';

/** An observed composed resource as Crossplane shows it: keyed by its composition-resource-name. */
const composed = (key: string, obj: Obj): Obj => ({
  ...obj,
  metadata: { ...obj.metadata, annotations: { 'crossplane.io/composition-resource-name': key } },
});
const observedReplica = (cluster: string, o: Parameters<typeof replicaObj>[1] = {}) => composed(`replica-${cluster}-${o.index ?? 0}`, replicaObj(cluster, o));

const fleet = [
  clusterObj('eu-1', { labels: { region: 'eu' }, address: '10.0.1.1', pools: [pool('h100', 2, [gpu(), nic()]), pool('a100', 4, [a100()])] }),
  clusterObj('eu-2', { labels: { region: 'eu' }, address: '10.0.2.1', pools: [pool('h100', 1, [gpu()])] }),
  clusterObj('eu-3', { labels: { region: 'eu' }, ready: false }),
  clusterObj('us-1', { labels: { region: 'us' }, address: '10.1.1.1', taints: [{ key: 'maintenance', value: 'true', effect: 'NoSchedule' }] }),
];
// Another team's same-named deployment holds one of the eight H100s of eu-2's only node: capacity,
// never adopted.
const theirs = replicaObj('eu-2', { namespace: 'other-team', pools: ['h100'] });

/** The default engine, claiming all eight GPUs of a node. */
const wholeNodeEngine = {
  name: 'vllm',
  members: [
    {
      nodeSelector: { devices: [{ name: 'gpu', count: 8, selectors: [{ cel: 'device.attributes["gpu.nvidia.com"].productName == "H100"' }] }] },
      template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } },
    },
  ],
};

interface Case {
  name: string;
  why: string;
  xr: Obj;
  required: Obj[];
  observed?: Obj[];
  check: (out: { xr: Manifest; resources: readonly Manifest[]; results: readonly Manifest[] }) => void;
}

const kinds = (rs: readonly Manifest[]) => rs.map((r) => `${r.kind}/${r.metadata.annotations['crossplane.io/composition-resource-name']}`).sort();

const cases: Case[] = [
  {
    name: 'fresh-placement',
    why: 'whole-node (8-GPU) replicas spread over the Ready, uncordoned eu clusters with room; the rest explained',
    xr: deploymentXr({ replicas: 3, engines: [wholeNodeEngine], clusterSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu', 'us'] }] } }),
    required: [...fleet, theirs],
    check: (out) => {
      expect(kinds(out.resources)).toEqual(['ModelReplica/replica-eu-1-0', 'ModelReplica/replica-eu-1-1']);
      expect(out.xr.status.unschedulable).toEqual([
        { cluster: 'eu-1', reason: 'engine vllm fits no pool: pool h100: largest free block 0 devices, a pod needs 8; pool a100 lacks device for request gpu' },
        { cluster: 'eu-2', reason: 'engine vllm fits no pool: pool h100: largest free block 7 devices, a pod needs 8' },
        { cluster: 'eu-3', reason: 'not Ready' },
        { cluster: 'us-1', reason: 'untolerated taint maintenance=true:NoSchedule' },
      ]);
    },
  },
  {
    name: 'steady-state',
    why: 'observed Ready replicas keep their clusters, get endpoints, and the first True emits one event',
    xr: deploymentXr({ replicas: 2, tolerations: [{ key: 'maintenance', operator: 'Exists' }] }),
    required: [...fleet, replicaObj('eu-1', { pools: ['h100'] }), replicaObj('us-1', { ready: false })],
    observed: [observedReplica('eu-1', { pools: ['h100'] }), observedReplica('us-1', { ready: false })],
    check: (out) => {
      expect(kinds(out.resources)).toEqual(['ModelEndpoint/endpoint-eu-1-0', 'ModelReplica/replica-eu-1-0', 'ModelReplica/replica-us-1-0']);
      expect(out.results.map((r) => `${r.severity}: ${r.message}`)).toEqual(['SEVERITY_NORMAL: Scheduled 2 replicas across 2 clusters: eu-1, us-1']);
    },
  },
  {
    name: 'drain-replaces',
    why: 'a NoExecute taint on us-1: a replacement on eu-1 first; the Ready replica on us-1 stays (with its endpoint) until it is Ready',
    xr: deploymentXr({ replicas: 1 }),
    required: [...fleet.slice(0, 3), clusterObj('us-1', { labels: { region: 'us' }, taints: [{ key: 'maintenance', effect: 'NoExecute' }] })],
    observed: [observedReplica('us-1')],
    check: (out) => {
      expect(kinds(out.resources)).toEqual(['ModelEndpoint/endpoint-us-1-0', 'ModelReplica/replica-eu-1-0', 'ModelReplica/replica-us-1-0']);
      expect(out.xr.status.conditions).toContainEqual(expect.objectContaining({ type: 'ReplicasScheduled', status: 'False', reason: 'Replacing' }));
    },
  },
  {
    name: 'gang-with-cache',
    why: 'a claimless leader plus two H100+NIC workers on the one pool with both; the cache narrows to eu',
    xr: deploymentXr({
      replicas: 1,
      modelCacheRef: { name: 'qwen-weights' },
      engines: [
        {
          name: 'gang',
          members: [
            { role: 'Leader', template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } } },
            {
              role: 'Worker',
              worker: { nodes: 2 },
              nodeSelector: {
                devices: [
                  { name: 'gpu', count: 8, selectors: [{ cel: 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("80Gi")) >= 0' }] },
                  { name: 'ib', selectors: [{ cel: 'device.driver == "ib.mellanox.com"' }] },
                ],
              },
              template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } },
            },
          ],
        },
      ],
    }),
    required: [
      ...fleet,
      {
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'ModelCache',
        metadata: { name: 'qwen-weights', namespace: 'ml' },
        spec: { source: 'HuggingFace', huggingFace: { repo: 'Qwen/Qwen3-8B' }, sizeGiB: 20, clusterSelector: { matchLabels: { region: 'eu' } } },
      },
    ],
    check: (out) => {
      expect(kinds(out.resources)).toEqual(['ModelReplica/replica-eu-1-0']);
      const spec = out.resources[0]!.spec;
      expect(spec.modelCacheRef).toEqual({ name: 'qwen-weights' });
      expect(spec.engines[0].members.map((m: Obj) => [m.role, m.nodePoolName, m.deviceRequests?.length ?? 0])).toEqual([
        ['Leader', 'h100', 0],
        ['Worker', 'h100', 1],
      ]);
    },
  },
  {
    name: 'no-clusters-keeps-replicas',
    why: 'the selector matches no cluster: the serving replica is kept, a Warning explains',
    xr: deploymentXr({ replicas: 1, clusterSelector: { matchLabels: { region: 'asia' } } }),
    required: [...fleet],
    observed: [observedReplica('eu-1', { pools: ['h100'] })],
    check: (out) => {
      expect(kinds(out.resources)).toEqual(['ModelReplica/replica-eu-1-0']);
      expect(out.results.map((r) => `${r.severity}: ${r.message}`)).toEqual(['SEVERITY_WARNING: No InferenceCluster matches spec.clusterSelector; keeping the current replicas']);
    },
  },
  {
    name: 'nothing-fits-not-ready',
    why: '0 of 2 placed: the composite is not Ready, whatever Crossplane would derive from no composed resources',
    xr: deploymentXr({ replicas: 2, clusterSelector: { matchLabels: { region: 'us' } } }),
    required: [...fleet],
    check: (out) => {
      expect(out.resources).toEqual([]);
      expect(out.xr.status.conditions.find((c: Obj) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'Creating' });
    },
  },
  {
    name: 'status-wiped-keeps-replica',
    why: 'the hosting cluster publishes no status: the replica and its endpoint are kept as they are, and the deployment says why',
    xr: deploymentXr({ replicas: 1 }),
    required: [{ ...fleet[0]!, status: {} }, ...fleet.slice(1), replicaObj('eu-1', { pools: ['h100'] })],
    observed: [
      observedReplica('eu-1', { pools: ['h100'] }),
      composed('endpoint-eu-1-0', {
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'ModelEndpoint',
        metadata: { name: 'my-model-82bc6', namespace: 'ml' },
        spec: { url: 'http://10.0.1.1/ml/my-model-82bc6/v1', rewritePath: '/ml/my-model-82bc6/' },
        status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }] },
      }),
    ],
    check: (out) => {
      expect(kinds(out.resources)).toEqual(['ModelEndpoint/endpoint-eu-1-0', 'ModelReplica/replica-eu-1-0']);
      expect(out.xr.status.conditions.find((c: Obj) => c.type === 'ReplicasScheduled')).toMatchObject({ status: 'False', reason: 'ClusterStatusUnknown' });
      expect(out.xr.status.conditions.find((c: Obj) => c.type === 'Ready')).toMatchObject({ status: 'False' });
    },
  },
];

describe('fn-schedule render', () => {
  const { render } = renderSuite('fn-schedule');

  it.each(cases)('$name', async (c) => {
    // Each cluster publishes the ledger of the replicas pinned to it, as fn-inferencecluster would.
    const pinned = [...c.required, ...(c.observed ?? [])].filter((o) => o.kind === 'ModelReplica');
    // The InferenceClasses the pools name are listed too: the class is where a pool's devices live.
    const required = [...withLedgers(c.required, pinned), ...classObjects()];
    const out = await render({ xr: c.xr, required, ...(c.observed ? { observed: c.observed } : {}) });
    c.check(out);
    expectGolden(`fn-schedule/${c.name}`, out);
  });
});
