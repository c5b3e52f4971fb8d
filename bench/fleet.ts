// Synthetic fleets for the end-to-end benchmarks: a ModelDeployment request for fn-schedule with N
// clusters of 8 pools each and a population of other deployments' replicas. As in a real fleet,
// the other deployments' replicas reach fn-schedule only through each cluster's allocation ledger
// (status.ledger, computed here by fn-inferencecluster's own code); the request lists only the
// deployment's own replicas.

import { ledgerOfObjects } from '../functions/fn-inferencecluster/ledger';
import { AUTH_SECRET_REQUIREMENT, CLUSTERS_REQUIREMENT } from '../functions/fn-modelcache/inputs';

import type { Obj } from '../sim/fleet/world';

const device = (i: number) => ({
  name: 'gpu',
  driver: 'gpu.nvidia.com',
  deviceClassName: 'gpu.nvidia.com',
  count: 8,
  attributes: {
    productName: { string: i % 2 === 0 ? 'NVIDIA A100-SXM4-80GB' : 'NVIDIA H100 80GB HBM3' },
    architecture: { string: i % 2 === 0 ? 'Ampere' : 'Hopper' },
    driverVersion: { version: '570.86.15' },
  },
  capacity: { memory: { value: '80Gi' } },
});

/** The fleet's two InferenceClasses: A100 and H100 nodes of 8 GPUs. */
export const CLASSES = [0, 1].map((k) => ({
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'InferenceClass',
  metadata: { name: k === 0 ? 'a100-80gb' : 'h100-80gb' },
  spec: { devices: [device(k)] },
}));

/** Cluster i, publishing the ledger of the replicas pinned to it. */
export function cluster(i: number, pools = 8, pinned: readonly Obj[] = []) {
  const name = `cluster-${String(i).padStart(4, '0')}`;
  // Each pool as its cluster's capacity reporter last saw it (fresh: the scheduler uses it).
  const live = { reportedAt: '2026-01-01T00:00:00Z', nodes: 16, schedulableNodes: 16, devices: 128, foreignDevices: 0, free: ['16x8'], headroomNodes: 0 };
  const gpuPools = Array.from({ length: pools }, (_, p) => ({ name: `pool-${p}`, nodes: 16, className: CLASSES[p % 2]!.metadata.name, live }));
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'InferenceCluster',
    metadata: { name, labels: { 'modelplane.ai/region': `region-${i % 10}` } },
    spec: { cluster: { source: 'Existing' }, nodePools: [] },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }],
      gateway: { address: `10.0.${Math.floor(i / 250)}.${i % 250}` },
      providerConfigRef: { name },
      cache: { storageClassName: 'rwx' },
      gpuPools,
      ledger: ledgerOfObjects(gpuPools, CLASSES, pinned),
    },
  };
}

export function replica(i: number, clusters: number) {
  const c = `cluster-${String(i % clusters).padStart(4, '0')}`;
  const deployment = `other-${i % 500}`;
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelReplica',
    metadata: {
      name: `${deployment}-${i}`,
      namespace: `team-${i % 7}`,
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { 'modelplane.ai/deployment': deployment, 'modelplane.ai/cluster': c, 'modelplane.ai/replica-index': String(Math.floor(i / clusters)) },
    },
    spec: {
      clusterName: c,
      serving: { mode: 'Unified' },
      engines: [
        {
          name: 'engine',
          copies: 1,
          members: [
            {
              role: 'Standalone',
              nodePoolName: `pool-${i % 8}`,
              deviceRequests: [{ name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: [{ cel: 'device.driver == "gpu.nvidia.com"' }] }],
              template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } },
            },
          ],
        },
      ],
    },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }] },
  };
}

/** A pod template: vLLM, plus `env` environment variables of ~120 bytes each (a heavy real-world spec). */
export function engineTemplate(env = 0) {
  const vars = Array.from({ length: env }, (_, i) => ({ name: `SETTING_${String(i).padStart(4, '0')}`, value: 'v'.repeat(100) }));
  return { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0', args: ['--model=Qwen/Qwen3-8B'], ...(env > 0 ? { env: vars } : {}) }] } };
}

export function deployment(replicas: number, env = 0) {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelDeployment',
    metadata: { name: 'qwen3-8b', namespace: 'ml-team', uid: 'bench' },
    spec: {
      replicas,
      serving: { mode: 'Unified' },
      engines: [
        {
          name: 'engine',
          copies: 1,
          members: [
            {
              role: 'Standalone',
              nodeSelector: {
                devices: [
                  {
                    name: 'gpu',
                    count: 1,
                    selectors: [{ cel: 'device.driver == "gpu.nvidia.com"' }, { cel: 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("40Gi")) >= 0' }],
                  },
                ],
              },
              template: engineTemplate(env),
            },
          ],
        },
      ],
    },
  };
}

/** A RunFunctionRequest in the proto's JSON mapping. */
export function scheduleRequest(opts: { clusters: number; otherReplicas: number; replicas: number; env?: number }) {
  const pinned: Obj[][] = Array.from({ length: opts.clusters }, () => []);
  for (let i = 0; i < opts.otherReplicas; i++) pinned[i % opts.clusters]!.push(replica(i, opts.clusters));
  const clusters = pinned.map((replicas, i) => cluster(i, 8, replicas));
  return {
    meta: { tag: 'bench' },
    observed: { composite: { resource: deployment(opts.replicas, opts.env) } },
    requiredResources: {
      clusters: { items: clusters.map((resource) => ({ resource })) },
      classes: { items: CLASSES.map((resource) => ({ resource })) },
      // A new deployment: none of its own yet (the others' are in the clusters' ledgers).
      replicas: { items: [] },
    },
  };
}

/** A ModelCache request for fn-modelcache matching every one of N clusters (the fan-out worst case). */
export function modelCacheRequest(clusters: number) {
  const cache = {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelCache',
    metadata: { name: 'qwen3-coder-480b', namespace: 'ml-team', uid: 'bench' },
    spec: { source: 'HuggingFace', huggingFace: { repo: 'Qwen/Qwen3-Coder-480B-A35B-Instruct', revision: 'main', authSecret: { name: 'hf-token' } }, sizeGiB: 1200 },
  };
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'hf-token', namespace: 'ml-team' }, data: { HF_TOKEN: 'aGZfYmVuY2g=' } };
  return {
    meta: { tag: 'bench' },
    observed: { composite: { resource: cache } },
    requiredResources: {
      [CLUSTERS_REQUIREMENT]: { items: Array.from({ length: clusters }, (_, i) => ({ resource: cluster(i, 1) })) },
      [AUTH_SECRET_REQUIREMENT]: { items: [{ resource: secret }] },
    },
  };
}
