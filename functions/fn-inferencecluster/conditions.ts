// Condition types and reasons fn-inferencecluster reports. Part of the public API: users and
// other functions script against them; tests import them instead of retyping strings.

export const CONDITION = {
  /** InferenceClass: its devices and provisioning recipe are valid. */
  accepted: 'Accepted',
  /** InferenceCluster: the Kubernetes cluster exists and is reachable (kubeconfig available). */
  clusterReady: 'ClusterReady',
  /** InferenceCluster: provider configs, serving stack and inference gateway are in place. */
  backendReady: 'BackendReady',
  /** InferenceCluster: every node pool's InferenceClass resolved and fits the cluster. */
  poolsReady: 'PoolsReady',
  /** InferenceCluster: the cluster's capacity reporter's report is read and published (status.gpuPools[].live). */
  capacityReported: 'CapacityReported',
} as const;

export const REASON = {
  // Accepted
  accepted: 'Accepted',
  invalidDevices: 'InvalidDevices',
  invalidSpec: 'InvalidSpec',
  // ClusterReady
  available: 'Available',
  provisioning: 'Provisioning',
  waitingForSecret: 'WaitingForSecret',
  secretMissing: 'SecretMissing',
  // BackendReady
  serving: 'Serving',
  waitingForCluster: 'WaitingForCluster',
  waitingForProviderConfigs: 'WaitingForProviderConfigs',
  installingStack: 'InstallingStack',
  waitingForGatewayAddress: 'WaitingForGatewayAddress',
  /** The providers cannot read the stack or gateway on the cluster: what they last saw may be stale. */
  unreachable: 'Unreachable',
  // PoolsReady
  poolsResolved: 'Resolved',
  waitingForClasses: 'WaitingForClasses',
  invalidClass: 'InvalidClass',
  provisioningMismatch: 'ProvisioningMismatch',
  // CapacityReported
  reported: 'Reported',
  waitingForReporter: 'WaitingForReporter',
  reportMissing: 'ReportMissing',
  reportMalformed: 'ReportMalformed',
  // Normal events
  providerConfigsCreated: 'ProviderConfigsCreated',
} as const;

/** Reasons whose cause the platform team must fix: each gets a Warning event. */
export const USER_FIXABLE: ReadonlySet<string> = new Set([REASON.invalidDevices, REASON.invalidSpec, REASON.secretMissing, REASON.invalidClass, REASON.provisioningMismatch]);
