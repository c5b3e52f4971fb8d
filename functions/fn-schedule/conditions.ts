// Condition types, reasons and event reasons of fn-schedule (scheduling.md, "What the function
// returns"). Tests import these instead of retyping strings.

export const CONDITION = {
  scheduled: 'ReplicasScheduled',
  ready: 'ReplicasReady',
  cache: 'ModelCacheResolved',
} as const;

export const REASON = {
  // ReplicasScheduled
  noClusters: 'NoClusters',
  invalidNodeSelector: 'InvalidNodeSelector',
  insufficientCapacity: 'InsufficientCapacity',
  /** Some but not all wanted replicas placed (also on ReplicasReady). */
  partiallyScheduled: 'PartiallyScheduled',
  /** A selector cannot be evaluated on a placed replica's pool: the replica is kept as it is. */
  selectorError: 'SelectorError',
  /** A placed replica's cluster status cannot be read: the replica is kept as it is. */
  clusterStatusUnknown: 'ClusterStatusUnknown',
  /** Replicas a valid spec change made unfit are kept until their replacements are Ready. */
  replacing: 'Replacing',
  /** spec.replicas ModelReplicas would not fit the 4 MiB Crossplane accepts from a function. */
  tooManyReplicas: 'TooManyReplicas',
  scheduling: 'Scheduling',
  replicasCreated: 'ReplicasCreated',
  /** The spec failed schema validation (the XRD normally prevents this). */
  invalidSpec: 'InvalidSpec',
  // ReplicasReady
  allReplicasReady: 'AllReplicasReady',
  modelStarting: 'ModelStarting',
  noReplicasScheduled: 'NoReplicasScheduled',
  // Both, with replicas: 0
  scaledToZero: 'ScaledToZero',
  // ModelCacheResolved
  cacheResolved: 'ModelCacheResolved',
  cacheUnresolved: 'ModelCacheUnresolved',
  cacheNotFound: 'ModelCacheNotFound',
} as const;

/** Event reasons that are not condition reasons. */
export const EVENT = {
  /** Normal, once, when ReplicasScheduled first turns True. */
  scheduled: 'Scheduled',
} as const;

/** False conditions whose cause the user (or platform team) must fix: each gets a Warning event. */
export const USER_FIXABLE: ReadonlySet<string> = new Set([
  REASON.noClusters,
  REASON.invalidNodeSelector,
  REASON.insufficientCapacity,
  REASON.partiallyScheduled,
  REASON.tooManyReplicas,
  REASON.selectorError,
  REASON.clusterStatusUnknown,
  REASON.invalidSpec,
  REASON.cacheNotFound,
]);
