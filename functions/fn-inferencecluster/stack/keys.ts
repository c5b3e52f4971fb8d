// Desired-resource keys of the serving stack. Stable: observed resources come back under them.

export const STACK_KEYS = {
  leaderWorkerSet: 'stack-lws',
  nvidiaDraDriver: 'stack-nvidia-dra-driver',
  nodeFeatureDiscovery: 'stack-nfd',
  certManager: 'stack-cert-manager',
  dynamo: 'stack-dynamo',
  workloadNamespace: 'stack-ns-workload',
  gatewayNamespace: 'stack-ns-gateway',
  eppServiceAccount: 'stack-epp-sa',
  eppRole: 'stack-epp-ns-role',
  eppRoleBinding: 'stack-epp-ns-binding',
  crdInstallerServiceAccount: 'stack-crds-sa',
  crdInstallerClusterRole: 'stack-crds-role',
  crdInstallerBinding: 'stack-crds-binding',
  crdInstallerJob: 'stack-crds-job',
  envoyGateway: 'stack-envoy-gateway',
  envoyGatewayPoolReader: 'stack-envoy-gateway-pools-role',
  envoyGatewayPoolReaderBinding: 'stack-envoy-gateway-pools-binding',
  envoyAIGatewayCrds: 'stack-envoy-ai-gateway-crds',
  envoyAIGateway: 'stack-envoy-ai-gateway',
  reporterServiceAccount: 'stack-reporter-sa',
  reporterClusterRole: 'stack-reporter-role',
  reporterClusterRoleBinding: 'stack-reporter-binding',
  reporterRole: 'stack-reporter-ns-role',
  reporterRoleBinding: 'stack-reporter-ns-binding',
  reporterDeployment: 'stack-reporter',
} as const;

/**
 * Keys earlier versions composed and this one deletes on purpose: the endpoint picker's
 * ClusterRole/ClusterRoleBinding, replaced by a Role/RoleBinding in the workload namespace.
 */
export const RETIRED_STACK_KEYS: readonly string[] = ['stack-epp-role', 'stack-epp-binding'];
