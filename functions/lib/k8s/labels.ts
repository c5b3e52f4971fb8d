// Label and annotation keys that are part of Modelplane's public API. Users script against
// them, so they live here once and tests import them rather than retyping strings.

export const RESERVED_PREFIX = 'modelplane.ai/';

export const LABELS = {
  /** On ModelReplicas and ModelEndpoints: the owning ModelDeployment's name. */
  deployment: 'modelplane.ai/deployment',
  /** On ModelReplicas and ModelEndpoints: the InferenceCluster the replica is pinned to. */
  cluster: 'modelplane.ai/cluster',
  /** On ModelReplicas and ModelEndpoints: the replica's index on its cluster. */
  replicaIndex: 'modelplane.ai/replica-index',
  /** On nodes of a pool; serving pods select it. */
  pool: 'modelplane.ai/pool',
  /** On remote workloads: the control-plane namespace and name of the replica they serve. */
  replicaNamespace: 'modelplane.ai/replica-namespace',
  replica: 'modelplane.ai/replica',
  /** On remote pods: engine name and role (leader, worker, prefill, decode). */
  engine: 'modelplane.ai/engine',
  role: 'modelplane.ai/role',
  /** On remote serving pods (not gang workers): the replica's InferencePool, which selects them. */
  inferencePool: 'modelplane.ai/inference-pool',
  /** Annotations on a ModelCache's remote objects: `<namespace>/<name>` of the cache, and the artifact id. */
  cache: 'modelplane.ai/cache',
  artifact: 'modelplane.ai/artifact',
  /** On everything an InferenceCluster composes on the control plane (and as a cloud tag): its name. */
  inferenceCluster: 'modelplane.ai/inference-cluster',
  /** On InferenceClusters, organizational metadata the scheduler matches (by convention). */
  region: 'modelplane.ai/region',
  provider: 'modelplane.ai/provider',
  tier: 'modelplane.ai/tier',
} as const;

/** On every object Modelplane composes outside the workloads it serves (kubectl get -l). */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'modelplane' } as const;

/** The taint provisioned GPU nodes carry; serving pods tolerate it. */
export const GPU_TAINT = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' } as const;

export const isReservedKey = (key: string): boolean => key.startsWith(RESERVED_PREFIX);
