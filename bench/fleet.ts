// Synthetic fleets for the end-to-end benchmarks: a ModelDeployment request for fn-schedule with N
// clusters of 8 pools each and a population of other deployments' replicas.

import { AUTH_SECRET_REQUIREMENT, CLUSTERS_REQUIREMENT } from '../functions/fn-modelcache/inputs';

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

export function cluster(i: number, pools = 8) {
  const name = `cluster-${String(i).padStart(4, '0')}`;
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
      gpuPools: Array.from({ length: pools }, (_, p) => ({ name: `pool-${p}`, nodes: 16, devices: [device(p)] })),
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
      labels: { 'modelplane.ai/deployment': deployment, 'modelplane.ai/cluster': c, 'modelplane.ai/replica-index': String(Math.floor(i / clusters)) },
    },
    spec: {
      clusterName: c,
      serving: { mode: 'Unified' },
      engines: [
        {
          name: 'engine',
          copies: 1,
          members: [{ role: 'Standalone', nodePoolName: `pool-${i % 8}`, template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } } }],
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
  const clusters = Array.from({ length: opts.clusters }, (_, i) => cluster(i));
  const replicas = Array.from({ length: opts.otherReplicas }, (_, i) => replica(i, opts.clusters));
  return {
    meta: { tag: 'bench' },
    observed: { composite: { resource: deployment(opts.replicas, opts.env) } },
    requiredResources: {
      clusters: { items: clusters.map((resource) => ({ resource })) },
      replicas: { items: replicas.map((resource) => ({ resource })) },
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
