// The serving stack every inference cluster runs, with the versions pinned in spec.stack:
// LeaderWorkerSet, the NVIDIA DRA driver, Node Feature Discovery, cert-manager and Envoy Gateway
// as Helm Releases; the workload and gateway namespaces and the llm-d endpoint picker's RBAC as
// Objects; the Gateway API and Inference Extension CRDs applied by a one-shot Job once Envoy
// Gateway runs; NVIDIA Dynamo's platform chart only when stack.dynamo.enabled.
import { GPU_TAINT } from '../../lib/k8s/labels';
import { INFERENCE_GATEWAY, WORKLOAD_NAMESPACE } from '../../lib/k8s/remote';
import { sha256Hex } from '../../lib/k8s/names';
import type { KubeObject } from '../../lib/response';
import type { StackSpec } from '../../lib/schema';
import { release, remoteObject, type Chart } from './objects';

/** Stack resource keys. `envoyGateway` gates the CRD installer and the gateway. */
export const STACK_KEYS = {
  leaderWorkerSet: 'stack-lws',
  nvidiaDraDriver: 'stack-nvidia-dra-driver',
  nodeFeatureDiscovery: 'stack-nfd',
  certManager: 'stack-cert-manager',
  envoyGateway: 'stack-envoy-gateway',
  dynamo: 'stack-dynamo',
  workloadNamespace: 'stack-ns-workload',
  gatewayNamespace: 'stack-ns-gateway',
  eppServiceAccount: 'stack-epp-sa',
  eppClusterRole: 'stack-epp-role',
  eppBinding: 'stack-epp-binding',
  crdInstallerServiceAccount: 'stack-crds-sa',
  crdInstallerClusterRole: 'stack-crds-role',
  crdInstallerBinding: 'stack-crds-binding',
  crdInstallerJob: 'stack-crds-job',
} as const;

/** The ServiceAccount (in the workload namespace) replicas' llm-d endpoint pickers run as. */
export const ENDPOINT_PICKER_SERVICE_ACCOUNT = 'modelplane-endpoint-picker';
const CRD_INSTALLER = 'modelplane-crd-installer';
/** The kubectl image of the CRD installer Job. */
export const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.34.1';

const CHARTS = {
  leaderWorkerSet: (v: string): Chart => ({ repository: 'oci://registry.k8s.io/lws/charts', name: 'lws', version: v }),
  nvidiaDraDriver: (v: string): Chart => ({ repository: 'https://helm.ngc.nvidia.com/nvidia', name: 'nvidia-dra-driver-gpu', version: v }),
  nodeFeatureDiscovery: (v: string): Chart => ({ repository: 'oci://registry.k8s.io/nfd/charts', name: 'node-feature-discovery', version: v }),
  certManager: (v: string): Chart => ({ repository: 'oci://quay.io/jetstack/charts', name: 'cert-manager', version: v }),
  envoyGateway: (v: string): Chart => ({ repository: 'oci://docker.io/envoyproxy', name: 'gateway-helm', version: v }),
  dynamo: (v: string): Chart => ({ repository: 'https://helm.ngc.nvidia.com/nvidia/ai-dynamo', name: 'dynamo-platform', version: v }),
};

const gpuToleration = { key: GPU_TAINT.key, operator: 'Exists', effect: GPU_TAINT.effect };

const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** Releases and Objects that need only the provider configs. */
export function stackResources(cluster: string, stack: StackSpec, draDriverValues: Readonly<Record<string, unknown>> = {}): Record<string, KubeObject> {
  const out: Record<string, KubeObject> = {
    [STACK_KEYS.workloadNamespace]: remoteObject(cluster, 'ns-workload', namespace(WORKLOAD_NAMESPACE)),
    [STACK_KEYS.gatewayNamespace]: remoteObject(cluster, 'ns-gateway', namespace(INFERENCE_GATEWAY.namespace)),
    [STACK_KEYS.leaderWorkerSet]: release(cluster, 'lws', CHARTS.leaderWorkerSet(stack.leaderWorkerSet.version), 'lws-system'),
    [STACK_KEYS.nvidiaDraDriver]: release(cluster, 'nvidia-dra-driver', CHARTS.nvidiaDraDriver(stack.nvidiaDraDriver.version), 'nvidia-dra-driver-gpu', {
      resources: { gpus: { enabled: true } },
      gpuResourcesEnabledOverride: true,
      kubeletPlugin: { tolerations: [gpuToleration] },
      ...draDriverValues,
    }),
    [STACK_KEYS.nodeFeatureDiscovery]: release(cluster, 'nfd', CHARTS.nodeFeatureDiscovery(stack.nodeFeatureDiscovery.version), 'node-feature-discovery', {
      worker: { tolerations: [gpuToleration] },
    }),
    [STACK_KEYS.certManager]: release(cluster, 'cert-manager', CHARTS.certManager(stack.certManager.version), 'cert-manager', { crds: { enabled: true } }),
    [STACK_KEYS.envoyGateway]: release(cluster, 'envoy-gateway', CHARTS.envoyGateway(stack.envoyGateway.version), 'envoy-gateway-system', {
      config: { envoyGateway: { extensionApis: { enableBackend: true } } },
    }),
    ...endpointPickerRbac(cluster),
  };
  if (stack.dynamo.enabled) out[STACK_KEYS.dynamo] = release(cluster, 'dynamo', CHARTS.dynamo(stack.dynamo.version), 'dynamo-system');
  return out;
}

/** What the llm-d endpoint picker of every replica needs cluster-wide: read pods and inference pools. */
function endpointPickerRbac(cluster: string): Record<string, KubeObject> {
  const role = 'modelplane-endpoint-picker';
  return {
    [STACK_KEYS.eppServiceAccount]: remoteObject(cluster, 'epp-sa', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: ENDPOINT_PICKER_SERVICE_ACCOUNT, namespace: WORKLOAD_NAMESPACE },
    }),
    [STACK_KEYS.eppClusterRole]: remoteObject(cluster, 'epp-role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: role },
      rules: [
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['inference.networking.k8s.io', 'inference.networking.x-k8s.io'], resources: ['inferencepools', 'inferenceobjectives', 'inferencemodelrewrites'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] },
        { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
        { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
      ],
    }),
    [STACK_KEYS.eppBinding]: remoteObject(cluster, 'epp-binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: role },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'ServiceAccount', name: ENDPOINT_PICKER_SERVICE_ACCOUNT, namespace: WORKLOAD_NAMESPACE }],
    }),
  };
}

export const gatewayApiCrdsUrl = (v: string) => `https://github.com/kubernetes-sigs/gateway-api/releases/download/${v}/standard-install.yaml`;
export const inferenceExtensionCrdsUrl = (v: string) => `https://github.com/kubernetes-sigs/gateway-api-inference-extension/releases/download/${v}/v1-manifests.yaml`;

/**
 * The pinned Gateway API (standard channel) and Inference Extension CRDs, applied server-side by a
 * Job once Envoy Gateway (which ships an older Gateway API bundle) runs. The Job's name carries a
 * hash of both versions, so a version change runs a new Job rather than editing an immutable one.
 */
export function crdInstaller(cluster: string, stack: StackSpec): Record<string, KubeObject> {
  const ns = INFERENCE_GATEWAY.namespace;
  const versions = `${stack.gatewayApi.version}/${stack.inferenceExtension.version}`;
  const job = `${CRD_INSTALLER}-${sha256Hex(versions).slice(0, 8)}`;
  return {
    [STACK_KEYS.crdInstallerServiceAccount]: remoteObject(cluster, 'crds-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: CRD_INSTALLER, namespace: ns } }),
    [STACK_KEYS.crdInstallerClusterRole]: remoteObject(cluster, 'crds-role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: CRD_INSTALLER },
      rules: [{ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list', 'create', 'update', 'patch'] }],
    }),
    [STACK_KEYS.crdInstallerBinding]: remoteObject(cluster, 'crds-binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: CRD_INSTALLER },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: CRD_INSTALLER },
      subjects: [{ kind: 'ServiceAccount', name: CRD_INSTALLER, namespace: ns }],
    }),
    [STACK_KEYS.crdInstallerJob]: remoteObject(
      cluster,
      'crds-job',
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: job, namespace: ns },
        spec: {
          backoffLimit: 6,
          template: {
            spec: {
              serviceAccountName: CRD_INSTALLER,
              restartPolicy: 'OnFailure',
              containers: [
                {
                  name: 'kubectl',
                  image: KUBECTL_IMAGE,
                  args: ['apply', '--server-side', '--force-conflicts', '-f', gatewayApiCrdsUrl(stack.gatewayApi.version), '-f', inferenceExtensionCrdsUrl(stack.inferenceExtension.version)],
                },
              ],
            },
          },
        },
      },
      { policy: 'DeriveFromCelQuery', celQuery: 'has(object.status.succeeded) && object.status.succeeded >= 1' },
    ),
  };
}
