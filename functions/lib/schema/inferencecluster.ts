// InferenceCluster: one Kubernetes cluster of the fleet, either brought (source: Existing, a
// kubeconfig Secret) or provisioned (GKE, EKS, AKS) with one node pool per `nodePools[]` entry.
// Its labels (modelplane.ai/region, tier, provider, compliance...) are what deployments select on.
import { z } from 'zod';
import { dnsLabel, int, objectName, taint } from './common';
import { classDevice } from './inferenceclass';
import { listMap, parseWith, withRules, type ParseResult } from './rules';
import { stackSpec } from './stack';

export const CLUSTER_SOURCES = ['Existing', 'GKE', 'EKS', 'AKS'] as const;
export type ClusterSource = (typeof CLUSTER_SOURCES)[number];
export const DEFAULT_KUBECONFIG_KEY = 'kubeconfig';
/** InferenceCluster is cluster-scoped, so its Secret references carry a namespace. */
export const DEFAULT_SECRET_NAMESPACE = 'crossplane-system';

const kubernetesVersion = () => z.string().min(1).max(32).regex(/^v?[0-9]+\.[0-9]+(\.[0-9]+)?([-+][0-9A-Za-z.-]+)?$/, { message: 'must be a Kubernetes version, e.g. 1.34' });

/** Which ProviderConfig of the cloud's Crossplane provider family to use. */
export const cloudCredentials = z
  .object({
    kind: z.enum(['ClusterProviderConfig', 'ProviderConfig']).default('ClusterProviderConfig').describe('ClusterProviderConfig (default) or ProviderConfig.'),
    name: objectName().default('default').describe('Name of the provider config (default "default").'),
  })
  .describe('The cloud provider config the managed resources use.');

export const existingCluster = z.object({
  secretRef: z
    .object({
      name: objectName().describe('Secret holding the kubeconfig.'),
      namespace: dnsLabel().default(DEFAULT_SECRET_NAMESPACE).describe(`Namespace of the Secret (default ${DEFAULT_SECRET_NAMESPACE}).`),
      key: z.string().min(1).max(253).default(DEFAULT_KUBECONFIG_KEY).describe('Key holding the kubeconfig (default kubeconfig).'),
    })
    .describe('The kubeconfig of the existing cluster.'),
  cache: z
    .object({ storageClassName: objectName().describe('A ReadWriteMany StorageClass on the cluster.') })
    .optional()
    .describe('Storage for ModelCaches; omitted: caches cannot be placed on this cluster.'),
});

export const gkeCluster = z.object({
  project: z.string().min(1).max(64).optional().describe('GCP project; default: the provider config\'s.'),
  region: z.string().min(1).max(64).describe('GCP region, e.g. us-central1.'),
  kubernetesVersion: kubernetesVersion().optional(),
  credentials: cloudCredentials.optional(),
});
export const eksCluster = z.object({
  region: z.string().min(1).max(64).describe('AWS region, e.g. us-east-1.'),
  kubernetesVersion: kubernetesVersion().optional(),
  credentials: cloudCredentials.optional(),
});
export const aksCluster = z.object({
  location: z.string().min(1).max(64).describe('Azure location, e.g. eastus.'),
  kubernetesVersion: kubernetesVersion().optional(),
  credentials: cloudCredentials.optional(),
});

type ClusterLike = { source?: string; existing?: unknown; gke?: unknown; eks?: unknown; aks?: unknown };
const sourceRule = (source: ClusterSource, field: 'existing' | 'gke' | 'eks' | 'aks') => ({
  rule: `self.source != '${source}' || has(self.${field})`,
  message: `source ${source} needs ${field}`,
  fieldPath: `.${field}`,
  check: (c: ClusterLike) => c.source !== source || c[field] !== undefined || [field],
});

export const clusterSource = withRules(
  z.object({
    source: z.enum(CLUSTER_SOURCES).describe('Existing, GKE, EKS or AKS.'),
    existing: existingCluster.optional(),
    gke: gkeCluster.optional(),
    eks: eksCluster.optional(),
    aks: aksCluster.optional(),
  }),
  [
    sourceRule('Existing', 'existing'),
    sourceRule('GKE', 'gke'),
    sourceRule('EKS', 'eks'),
    sourceRule('AKS', 'aks'),
    {
      rule: '(has(self.existing) ? 1 : 0) + (has(self.gke) ? 1 : 0) + (has(self.eks) ? 1 : 0) + (has(self.aks) ? 1 : 0) <= 1',
      message: 'set only the block of the chosen source',
      check: (c) => [c.existing, c.gke, c.eks, c.aks].filter((v) => v !== undefined).length <= 1 || [],
    },
  ],
).describe('Where the cluster comes from.');

export const nodePool = withRules(
  z.object({
    name: dnsLabel().max(40).describe('Pool name (<= 40); nodes carry modelplane.ai/pool=<name>.'),
    className: objectName().describe('The InferenceClass of this pool.'),
    nodeCount: int(0, 1000).default(1).describe('Nodes in the pool (default 1); the published capacity unless maxNodeCount is set.'),
    minNodeCount: int(0, 1000).optional().describe('Autoscaling lower bound.'),
    maxNodeCount: int(1, 1000).optional().describe('Autoscaling upper bound; the published capacity when set.'),
    zones: z.array(z.string().min(1).max(64)).max(16).optional().describe('Zones to place the nodes in.'),
  }),
  [
    {
      rule: '!has(self.minNodeCount) || !has(self.maxNodeCount) || self.minNodeCount <= self.maxNodeCount',
      message: 'minNodeCount must not exceed maxNodeCount',
      fieldPath: '.minNodeCount',
      check: (p) => p.minNodeCount === undefined || p.maxNodeCount === undefined || p.minNodeCount <= p.maxNodeCount || ['minNodeCount'],
    },
  ],
);
export type NodePool = z.output<typeof nodePool>;

export const inferenceClusterSpec = z.object({
  cluster: clusterSource,
  nodePools: listMap(nodePool, 1, 8).describe('GPU node pools, keyed by name.'),
  taints: z.array(taint).max(32).optional().describe('Cluster taints: NoSchedule cordons, NoExecute drains.'),
  stack: stackSpec,
});

export const gpuPool = z.object({
  name: z.string().describe('Pool name.'),
  nodes: int(0).describe('Capacity in nodes: maxNodeCount when set, else nodeCount.'),
  devices: z.array(classDevice).max(16).describe('The class devices, copied.'),
});
export type GpuPool = z.output<typeof gpuPool>;

export const inferenceClusterStatus = z.object({
  gateway: z.object({ address: z.string().optional().describe('The cluster inference gateway\'s address (host[:port]).') }).optional(),
  providerConfigRef: z.object({ name: z.string().optional().describe('provider-kubernetes/helm config targeting this cluster.') }).optional(),
  cache: z.object({ storageClassName: z.string().optional().describe('ReadWriteMany class for ModelCaches.') }).optional(),
  gpuPools: z.array(gpuPool).max(8).optional().describe('What the scheduler matches: pools whose class has devices.'),
});

export type ExistingCluster = z.output<typeof existingCluster>;
export type ClusterSourceSpec = z.output<typeof clusterSource>;
export type InferenceClusterSpec = z.output<typeof inferenceClusterSpec>;
export type InferenceClusterStatus = z.output<typeof inferenceClusterStatus>;

export function parseInferenceClusterSpec(obj: unknown): ParseResult<InferenceClusterSpec> {
  return parseWith(inferenceClusterSpec, obj, 'spec');
}
