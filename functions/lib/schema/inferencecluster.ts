// InferenceCluster: one Kubernetes cluster of the fleet, either brought (source: Existing, a
// kubeconfig Secret) or provisioned on a cloud (clouds/) with one node pool per `nodePools[]` entry.
// Its labels (modelplane.ai/region, tier, provider, compliance...) are what deployments select on.
import { z } from 'zod';
import { dnsLabel, int, objectName, taint } from './common';
import { blockRules, optionalBlocks, orList } from './blocks';
import { CLOUDS } from './clouds';
import { listMap, parseWith, withRules, type ParseResult } from './rules';
import { stackSpec } from './stack';

export const DEFAULT_KUBECONFIG_KEY = 'kubeconfig';
/** InferenceCluster is cluster-scoped, so its Secret references carry a namespace. */
export const DEFAULT_SECRET_NAMESPACE = 'crossplane-system';

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

/** Every source: Existing (no cloud) and the clouds, in registry order. */
export const SOURCES = [{ source: 'Existing', field: 'existing', cluster: existingCluster }, ...CLOUDS] as const;
export const CLUSTER_SOURCES = SOURCES.map((s) => s.source) as unknown as readonly [ClusterSource, ...ClusterSource[]];
export type ClusterSource = (typeof SOURCES)[number]['source'];
/** The block a source needs, e.g. gke for GKE. */
export type SourceField = (typeof SOURCES)[number]['field'];

export const clusterSource = withRules(
  z.object({
    source: z.enum(CLUSTER_SOURCES).describe(`${orList(CLUSTER_SOURCES)}.`),
    ...optionalBlocks(SOURCES, 'cluster'),
  }),
  blockRules(
    'source',
    'block',
    SOURCES.map((s) => ({ value: s.source, field: s.field })),
  ),
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

/** Usable nodes grouped by free devices: `<nodes>x<devices per DRA class, sorted class names, joined by +>`. */
export const LIVE_FREE_ROW_RE = /^\d{1,4}x(\d{1,4}(\+\d{1,4})*)?$/;

export const livePool = z.object({
  reportedAt: z.string().max(64).describe("When the cluster's capacity reporter listed it (RFC 3339, the reporter's clock)."),
  nodes: int(0).describe('Nodes carrying the pool label.'),
  schedulableNodes: int(0).describe('Of those, Ready, not cordoned and without a NoSchedule/NoExecute taint other than the GPU taint.'),
  devices: int(0).describe("Devices the class's DRA drivers publish in ResourceSlices on schedulable nodes."),
  foreignDevices: int(0).describe("Of those, allocated by ResourceClaims that are not Modelplane's (outside the workload namespace)."),
  free: z
    .array(z.string().max(64).regex(LIVE_FREE_ROW_RE))
    .max(64)
    .describe('Schedulable nodes by devices free to Modelplane, freest first: "<nodes>x<devices per device class>".'),
  headroomNodes: int(0).describe('Nodes the autoscaler may still add (maxNodeCount minus the nodes that exist); 0 for a fixed pool.'),
});
export type LivePool = z.output<typeof livePool>;

export const gpuPool = z.object({
  name: z.string().describe('Pool name.'),
  nodes: int(0).describe('Capacity in nodes: maxNodeCount when set, else nodeCount.'),
  className: z.string().describe('The InferenceClass whose devices every node of the pool carries (the class is their one home).'),
  live: livePool.optional().describe("What the cluster's capacity reporter last saw in this pool. The scheduler uses it while fresh, never above the configured capacity."),
});
export type GpuPool = z.output<typeof gpuPool>;

/**
 * One deployment's devices on a pool, `<namespace>/<deployment> <node>:<devices>[,<node>:<devices>]`:
 * node indexes in packing order, devices per DRA device class of the pool (sorted class names,
 * joined by `+`; a pool without per-node device counts: `1` per node held).
 */
export const LEDGER_HOLDER_RE = /^[a-z0-9.-]*\/[a-z0-9.-]* \d{1,4}:\d{1,4}(\+\d{1,4})*(,\d{1,4}:\d{1,4}(\+\d{1,4})*)*$/;

export const ledgerPool = z.object({
  name: z.string().describe('Pool name (a status.gpuPools entry).'),
  used: int(0).describe('Devices in use (nodes, for a pool that does not say how many devices a node carries).'),
  holders: z
    .array(z.string().max(8192).regex(LEDGER_HOLDER_RE))
    .max(1000)
    .describe('Per deployment, the devices its replicas hold per node: "<namespace>/<deployment> <node>:<devices>,...".'),
  overcommitted: z
    .array(z.string().max(317))
    .max(1000)
    .optional()
    .describe('Replicas (<namespace>/<name>), not Ready, that do not fit once older claims are packed: their deployments place them again.'),
  full: z.boolean().optional().describe('A Ready replica does not fit: the pool takes nothing new until the cluster agrees with the ledger again.'),
});
export type LedgerPool = z.output<typeof ledgerPool>;

export const clusterLedger = z.object({
  replicas: int(0).describe('ModelReplicas pinned to the cluster when the ledger was computed.'),
  pools: z.array(ledgerPool).max(8).describe('Pools something is allocated on; a published pool not listed is free.'),
});
export type ClusterLedger = z.output<typeof clusterLedger>;

export const inferenceClusterStatus = z.object({
  gateway: z.object({ address: z.string().optional().describe("The cluster inference gateway's address (host[:port]).") }).optional(),
  providerConfigRef: z.object({ name: z.string().optional().describe('provider-kubernetes/helm config targeting this cluster.') }).optional(),
  cache: z.object({ storageClassName: z.string().optional().describe('ReadWriteMany class for ModelCaches.') }).optional(),
  gpuPools: z.array(gpuPool).max(8).optional().describe('What the scheduler matches: pools whose class has devices.'),
  ledger: clusterLedger
    .optional()
    .describe(
      'The allocation ledger: what the replicas pinned here hold per pool, packed oldest first. The scheduler reads it instead of every replica of the fleet; it lags the replicas by one reconcile.',
    ),
});

export type ExistingCluster = z.output<typeof existingCluster>;
export type ClusterSourceSpec = z.output<typeof clusterSource>;
export type InferenceClusterSpec = z.output<typeof inferenceClusterSpec>;
export type InferenceClusterStatus = z.output<typeof inferenceClusterStatus>;

export function parseInferenceClusterSpec(obj: unknown): ParseResult<InferenceClusterSpec> {
  return parseWith(inferenceClusterSpec, obj, 'spec');
}
