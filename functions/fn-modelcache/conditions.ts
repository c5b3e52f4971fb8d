// Condition types and reasons fn-modelcache reports on a ModelCache. Tests import these.

export const CONDITION = {
  /** Whether any InferenceCluster matches spec.clusterSelector. */
  clustersMatched: 'ClustersMatched',
  /** True only when the artifact is staged on every matched cluster. */
  artifactReady: 'ArtifactReady',
} as const;

export const REASON = {
  matched: 'Matched',
  noClusters: 'NoClusters',
  /** Crossplane has not answered a requirement yet (clusters or the auth Secret). */
  resolving: 'Resolving',
  invalidSpec: 'InvalidSpec',
  ready: 'Ready',
  partial: 'Partial',
  failed: 'Failed',
  authSecretMissing: 'AuthSecretMissing',
  /** More clusters match than one response can carry (Crossplane's 4 MiB limit); the rest wait. */
  tooManyClusters: 'TooManyClusters',
} as const;

/** Event reasons that are not condition reasons. */
export const EVENT = {
  /** Normal: the artifact reached Ready on a cluster (emitted on the transition only). */
  staged: 'Staged',
} as const;

/** False conditions with these reasons are the user's to fix: each comes with a Warning event. */
export const USER_FIXABLE: ReadonlySet<string> = new Set([REASON.noClusters, REASON.invalidSpec, REASON.failed, REASON.authSecretMissing, REASON.tooManyClusters]);
