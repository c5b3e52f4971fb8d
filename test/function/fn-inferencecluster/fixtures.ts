// Factories for fn-inferencecluster tests: classes, clusters, requests, and a simulated provider
// that turns desired resources into observed ones (Ready, gateway address, EFS id).
import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { compose } from '../../../functions/fn-inferencecluster/compose';
import { REQUIREMENT_KEYS } from '../../../functions/fn-inferencecluster/inputs';

type Obj = Record<string, any>;

const device = (extra: Obj = {}) => ({
  name: 'gpu',
  driver: 'gpu.nvidia.com',
  deviceClassName: 'gpu.nvidia.com',
  count: 1,
  attributes: { productName: { string: 'NVIDIA L4' }, driverVersion: { version: '570.133.20' } },
  capacity: { memory: { value: '23034Mi' } },
  ...extra,
});

export const CLASSES: Record<string, Obj> = {
  'nvidia-l4': { description: 'GKE L4', devices: [device()], provisioning: { provider: 'GKE', gke: { machineType: 'g2-standard-8', diskSizeGb: 200, accelerator: { type: 'nvidia-l4', count: 1 } } } },
  'nvidia-a100': {
    devices: [device({ attributes: { productName: { string: 'NVIDIA A100' } }, capacity: { memory: { value: '80Gi' } }, count: 8 })],
    provisioning: { provider: 'EKS', eks: { instanceType: 'p4de.24xlarge', accelerator: { type: 'nvidia-a100', count: 8 } } },
  },
  'nvidia-h100': {
    devices: [device({ attributes: { productName: { string: 'NVIDIA H100' } }, capacity: { memory: { value: '80Gi' } }, count: 8 })],
    provisioning: { provider: 'AKS', aks: { vmSize: 'Standard_ND96isr_H100_v5', accelerator: { type: 'nvidia-h100', count: 8 } } },
  },
  'byo-l4': { devices: [device()] },
};

export const classObj = (name: string, spec: Obj = CLASSES[name]!): Obj => ({
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'InferenceClass',
  metadata: { name },
  spec,
});

export const CLUSTERS: Record<string, Obj> = {
  existing: {
    cluster: { source: 'Existing', existing: { secretRef: { name: 'edge-kubeconfig', namespace: 'crossplane-system', key: 'kubeconfig' }, cache: { storageClassName: 'cephfs' } } },
    nodePools: [{ name: 'l4', className: 'byo-l4', nodeCount: 2 }],
  },
  gke: {
    cluster: { source: 'GKE', gke: { project: 'ml-prod', region: 'us-central1', kubernetesVersion: '1.34' } },
    nodePools: [{ name: 'l4', className: 'nvidia-l4', nodeCount: 2, minNodeCount: 1, maxNodeCount: 4, zones: ['us-central1-a', 'us-central1-b'] }],
  },
  eks: {
    cluster: { source: 'EKS', eks: { region: 'us-west-2', kubernetesVersion: '1.34' } },
    nodePools: [{ name: 'a100', className: 'nvidia-a100', nodeCount: 2, zones: ['us-west-2a'] }],
  },
  aks: {
    cluster: { source: 'AKS', aks: { location: 'eastus', kubernetesVersion: '1.34' } },
    nodePools: [{ name: 'h100-pool', className: 'nvidia-h100', nodeCount: 1, maxNodeCount: 3, zones: ['1'] }],
  },
};

export const clusterXr = (name: string, spec: Obj, status?: Obj): Obj => ({
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'InferenceCluster',
  metadata: { name, labels: { 'modelplane.ai/region': 'test' } },
  spec,
  ...(status ? { status } : {}),
});

export const kubeconfigSecret = (name = 'edge-kubeconfig', data: Obj = { kubeconfig: Buffer.from('apiVersion: v1').toString('base64') }): Obj => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'crossplane-system' },
  data,
});

export const replica = (ns: string, name: string, cluster: string): Obj => ({
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'ModelReplica',
  metadata: { name, namespace: ns, labels: { 'modelplane.ai/cluster': cluster } },
  spec: { clusterName: cluster },
});

export interface RequestInput {
  readonly xr: Obj;
  readonly observed?: Record<string, Obj>;
  /** Required resources by requirement key; a key left out is unresolved. */
  readonly required?: Record<string, Obj[]>;
}

export function request({ xr, observed = {}, required = {} }: RequestInput): RunFunctionRequest {
  return {
    meta: { tag: 't' },
    observed: {
      composite: { resource: xr, connectionDetails: {} },
      resources: Object.fromEntries(Object.entries(observed).map(([k, resource]) => [k, { resource, connectionDetails: {} }])),
    },
    requiredResources: Object.fromEntries(Object.entries(required).map(([k, items]) => [k, { items: items.map((resource) => ({ resource })) }])),
  } as unknown as RunFunctionRequest;
}

/** Every requirement of a cluster resolved: its classes (from CLASSES), its Secret, its replicas. */
export function allRequired(spec: Obj, opts: { replicas?: Obj[]; secret?: Obj | null; classes?: Record<string, Obj | null> } = {}): Record<string, Obj[]> {
  const out: Record<string, Obj[]> = {};
  for (const p of spec.nodePools as Obj[]) {
    const override = opts.classes?.[p.className];
    const cls = override === undefined ? CLASSES[p.className] : override;
    out[REQUIREMENT_KEYS.class(p.className)] = cls ? [classObj(p.className, cls)] : [];
  }
  if (spec.cluster.source === 'Existing') out[REQUIREMENT_KEYS.kubeconfig] = opts.secret === null ? [] : [opts.secret ?? kubeconfigSecret()];
  out[REQUIREMENT_KEYS.replicas] = opts.replicas ?? [];
  return out;
}

export const desired = (rsp: RunFunctionResponse): Record<string, Obj> =>
  Object.fromEntries(Object.entries(rsp.desired?.resources ?? {}).map(([k, r]) => [k, r.resource as Obj]));

export const desiredStatus = (rsp: RunFunctionResponse): Obj => ((rsp.desired?.composite?.resource as Obj | undefined)?.status ?? {}) as Obj;

const ready = { conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }, { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' }] };

/**
 * A provider that makes everything it is given exist and become Ready: what Crossplane would
 * observe next time. The Gateway gets an address, the EFS file system an id.
 */
export function simulateProviders(resources: Record<string, Obj>, gatewayAddress = '203.0.113.10'): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  for (const [key, r] of Object.entries(resources)) {
    const status: Obj = { ...ready };
    if (key === 'gateway') status.atProvider = { manifest: { status: { addresses: [{ type: 'IPAddress', value: gatewayAddress }] } } };
    if (key === 'efs') status.atProvider = { id: 'fs-0123456789abcdef0' };
    out[key] = { ...r, metadata: { ...r.metadata, uid: `uid-${key}`, resourceVersion: '1' }, status };
  }
  return out;
}

/** Runs compose until the desired keys stop changing, feeding desired back as observed. */
export function converge(xr: Obj, required: Record<string, Obj[]>, maxPasses = 10): RunFunctionResponse[] {
  const responses: RunFunctionResponse[] = [];
  let observed: Record<string, Obj> = {};
  let status: Obj | undefined;
  for (let i = 0; i < maxPasses; i++) {
    const rsp = compose(request({ xr: status ? { ...xr, status } : xr, observed, required }));
    responses.push(rsp);
    const next = simulateProviders(desired(rsp));
    status = desiredStatus(rsp);
    const done = Object.keys(next).sort().join() === Object.keys(observed).sort().join() && rsp.desired?.composite?.ready === 1;
    observed = next;
    if (done) break;
  }
  return responses;
}
