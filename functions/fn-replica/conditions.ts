// Condition types and reasons fn-replica reports on a ModelReplica. Tests import these rather than
// retyping strings; users and fn-schedule read them.

export const CONDITION = {
  /** Every remote object of the replica is applied on its cluster. */
  accepted: 'ModelAccepted',
  /** Every workload (engines and endpoint picker) reports Available: the replica serves. */
  ready: 'ModelReady',
  /** Ready (True), Progressing (Unknown) or Stuck (False, the reason names the cause): health.ts. */
  healthy: 'ReplicaHealthy',
} as const;

export const REASON = {
  /** The InferenceCluster has not published status.providerConfigRef yet. */
  waitingForCluster: 'WaitingForCluster',
  /** The pinned InferenceCluster does not exist. */
  clusterNotFound: 'ClusterNotFound',
  /** The replica's spec fails validation, or its engines cannot be served as written. */
  invalidSpec: 'InvalidSpec',
  /** Some remote objects are not yet observed applied. */
  applying: 'Applying',
  /** Every remote object is observed applied. */
  applied: 'Applied',
  /** Some workloads are not Available yet. */
  waitingForWorkloads: 'WaitingForWorkloads',
  /** Every workload is Available. */
  serving: 'Serving',
} as const;

/** Reasons the ModelDeployment's author must act on: they also raise a Warning event. */
export const USER_FIXABLE: ReadonlySet<string> = new Set([REASON.invalidSpec]);
