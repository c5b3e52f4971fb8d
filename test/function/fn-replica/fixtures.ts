// Factories for fn-replica tests: ModelReplicas per topology, their InferenceCluster, requests and
// observed Objects. Each factory takes overrides so a table row states only what it is about.
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { requestFromJson } from '../../harness/client';

export type Json = Record<string, any>;

export const NAMESPACE = 'ml-team';
export const CLUSTER = 'us-east';
export const PROVIDER_CONFIG = 'us-east';
export const GATEWAY = '203.0.113.10';

const selector = (cel: string) => [{ cel }];
export const gpuRequest = (count = 1) => ({ name: 'gpu', deviceClassName: 'gpu.nvidia.com', count, selectors: selector('device.attributes["gpu.nvidia.com"].productName.lowerAscii().contains("h100")') });
export const nicRequest = () => ({ name: 'nic', deviceClassName: 'rdma.nvidia.com', count: 1, selectors: selector('device.attributes["rdma.nvidia.com"].linkLayer == "InfiniBand"') });

export function engineContainer(overrides: Json = {}): Json {
  return {
    name: 'engine',
    image: 'vllm/vllm-openai:v0.11.0',
    args: ['--model=Qwen/Qwen3-8B', '--served-model-name=Qwen/Qwen3-8B'],
    env: [
      { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-token', key: 'HF_TOKEN' } } },
      { name: 'VLLM_HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    ],
    resources: { requests: { cpu: '4', memory: '24Gi' } },
    ...overrides,
  };
}

export const template = (container: Json = engineContainer(), spec: Json = {}, metadata?: Json): Json => ({
  ...(metadata ? { metadata } : {}),
  spec: { containers: [container], ...spec },
});

export const standaloneMember = (overrides: Json = {}): Json => ({
  role: 'Standalone',
  nodePoolName: 'h100',
  deviceRequests: [gpuRequest()],
  template: template(),
  ...overrides,
});

export function replica(spec: Json = {}, name = 'qwen3-8b-5ab63', namespace = NAMESPACE): Json {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelReplica',
    metadata: {
      name,
      namespace,
      labels: { 'modelplane.ai/deployment': 'qwen3-8b', 'modelplane.ai/cluster': CLUSTER, 'modelplane.ai/replica-index': '0' },
    },
    spec: { clusterName: CLUSTER, serving: { mode: 'Unified' }, engines: [{ name: 'vllm', copies: 1, members: [standaloneMember()] }], ...spec },
  };
}

/** The six acceptance topologies. */
export const TOPOLOGIES: Record<string, Json> = {
  standalone: replica(),
  'standalone-copies': replica({ engines: [{ name: 'vllm', copies: 3, members: [standaloneMember()] }] }),
  'gang-claimless-leader': replica(
    {
      engines: [
        {
          name: 'vllm',
          copies: 1,
          members: [
            {
              role: 'Leader',
              nodePoolName: 'cpu',
              template: template(engineContainer({ args: ['--model=Qwen/Qwen3-235B', '--nnodes=3', '--node-rank=0', '--master-addr=$(MODELPLANE_LEADER_ADDRESS)'] })),
            },
            {
              role: 'Worker',
              nodePoolName: 'h100',
              worker: { nodes: 2 },
              deviceRequests: [gpuRequest(8)],
              template: template(engineContainer({ args: ['--model=Qwen/Qwen3-235B', '--nnodes=3', '--node-rank=$(MODELPLANE_RANK)', '--headless'] })),
            },
          ],
        },
      ],
    },
    'qwen3-235b-1c2d3',
  ),
  'gang-cache-command': replica(
    {
      modelCacheRef: { name: 'qwen3-coder-480b' },
      engines: [
        {
          name: 'sglang',
          copies: 2,
          members: [
            {
              role: 'Leader',
              nodePoolName: 'h100',
              deviceRequests: [gpuRequest(8)],
              template: template(
                engineContainer({
                  image: 'lmsysorg/sglang:v0.5.4',
                  command: ['python3', '-m', 'sglang.launch_server'],
                  args: ['--model-path=/mnt/models', '--tp=16', '--nnodes=2', '--node-rank=0', '--dist-init-addr=$(MODELPLANE_LEADER_ADDRESS):5000', '--port=30000'],
                }),
                { serviceAccountName: 'engine', imagePullSecrets: [{ name: 'registry' }] },
                { labels: { team: 'coders' }, annotations: { 'example.com/owner': 'ml-team' } },
              ),
            },
            {
              role: 'Worker',
              nodePoolName: 'h100',
              worker: { nodes: 1 },
              deviceRequests: [gpuRequest(8)],
              template: template(engineContainer({ image: 'vllm/vllm-openai:v0.11.0', args: ['--tensor-parallel-size=8', '--headless'] })),
            },
          ],
        },
      ],
    },
    'qwen3-coder-480b-9f8e7',
  ),
  'prefill-decode': replica(
    {
      serving: { mode: 'PrefillDecode' },
      engines: [
        {
          name: 'prefill',
          phase: 'Prefill',
          copies: 1,
          members: [standaloneMember({ template: template(engineContainer({ args: ['--model=Qwen/Qwen3-8B', '--kv-transfer-config={"kv_connector":"NixlConnector","kv_role":"kv_both"}'] })) })],
        },
        {
          name: 'decode',
          phase: 'Decode',
          copies: 2,
          members: [
            standaloneMember({
              template: template(engineContainer({ args: ['--model=Qwen/Qwen3-8B', '--port=8200', '--kv-transfer-config={"kv_connector":"NixlConnector","kv_role":"kv_both"}'] })),
            }),
          ],
        },
      ],
    },
    'qwen3-8b-pd-0a1b2',
  ),
  'gpu-and-nic': replica({ engines: [{ name: 'vllm', copies: 1, members: [standaloneMember({ deviceRequests: [gpuRequest(8), nicRequest()] })] }] }, 'qwen3-8b-rdma-4d5e6'),
};

/** An InferenceCluster; `status: null` for one that has published nothing yet. */
export function cluster(status: Json | null = { providerConfigRef: { name: PROVIDER_CONFIG }, gateway: { address: GATEWAY } }, spec: Json = {}): Json {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'InferenceCluster',
    metadata: { name: CLUSTER },
    spec: { cluster: { source: 'Existing', existing: { secretRef: { name: 'kubeconfig' } } }, nodePools: [{ name: 'h100', className: 'nvidia-h100-80gb' }], ...spec },
    ...(status ? { status } : {}),
  };
}

export interface RequestInput {
  xr: Json;
  /** undefined: the requirement is unresolved; []: resolved to nothing. */
  clusters?: Json[] | undefined;
  observed?: Record<string, Json>;
}

export function request({ xr, clusters, observed = {} }: RequestInput): RunFunctionRequest {
  return requestFromJson({
    meta: { tag: 't' },
    observed: {
      composite: { resource: xr },
      resources: Object.fromEntries(Object.entries(observed).map(([k, resource]) => [k, { resource }])),
    },
    ...(clusters !== undefined ? { requiredResources: { cluster: { items: clusters.map((resource) => ({ resource })) } } } : {}),
  });
}

/** An Object as provider-kubernetes reports it: the desired one plus status. */
export function observedObject(desired: Json, { synced = true, ready = true }: { synced?: boolean; ready?: boolean } = {}): Json {
  return {
    ...desired,
    metadata: { ...desired.metadata, uid: 'u-1', resourceVersion: '7' },
    status: {
      conditions: [
        { type: 'Synced', status: synced ? 'True' : 'False', reason: synced ? 'ReconcileSuccess' : 'ReconcileError' },
        { type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'Available' : 'Unavailable' },
      ],
    },
  };
}
