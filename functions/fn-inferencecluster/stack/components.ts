// The serving stack every inference cluster runs, with the versions pinned in spec.stack:
// LeaderWorkerSet, the NVIDIA DRA driver, Node Feature Discovery and cert-manager as Helm
// Releases; the workload and gateway namespaces and the llm-d endpoint pickers' account as Objects;
// NVIDIA Dynamo's platform chart only when stack.dynamo.enabled. What needs no other part of the
// stack starts here too: Envoy Gateway's InferencePool RBAC and the Envoy AI Gateway CRDs
// (stack/envoy.ts). The CRD installer (stack/crds.ts), Envoy Gateway, Envoy AI Gateway and the
// gateway follow in the order stages.ts gates.
import { GPU_TAINT } from '../../lib/k8s/labels';
import { binding, READ_VERBS, role } from '../../lib/k8s/rbac';
import { ENDPOINT_PICKER_SERVICE_ACCOUNT, INFERENCE_GATEWAY, WORKLOAD_NAMESPACE } from '../../lib/k8s/remote';
import type { KubeObject } from '../../lib/response';
import type { StackSpec } from '../../lib/schema';
import { envoyAIGatewayCrds, envoyGatewayPoolReader } from './envoy';
import { STACK_KEYS } from './keys';
import type { Chart } from '../../lib/delivery';
import { release, remoteObject } from './objects';

export { STACK_KEYS } from './keys';

const CHARTS = {
  leaderWorkerSet: (v: string): Chart => ({ repository: 'oci://registry.k8s.io/lws/charts', name: 'lws', version: v }),
  nvidiaDraDriver: (v: string): Chart => ({ repository: 'https://helm.ngc.nvidia.com/nvidia', name: 'nvidia-dra-driver-gpu', version: v }),
  nodeFeatureDiscovery: (v: string): Chart => ({ repository: 'oci://registry.k8s.io/nfd/charts', name: 'node-feature-discovery', version: v }),
  certManager: (v: string): Chart => ({ repository: 'oci://quay.io/jetstack/charts', name: 'cert-manager', version: v }),
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
    ...endpointPickerAccount(cluster),
    ...envoyGatewayPoolReader(cluster),
    [STACK_KEYS.envoyAIGatewayCrds]: envoyAIGatewayCrds(cluster, stack),
  };
  if (stack.dynamo.enabled) out[STACK_KEYS.dynamo] = release(cluster, 'dynamo', CHARTS.dynamo(stack.dynamo.version), 'dynamo-system');
  return out;
}

/**
 * The account every replica's llm-d endpoint picker runs as (fn-replica sets it on the picker's
 * pods), with what llm-d's own chart grants a picker, scoped to the workload namespace where all
 * replicas, pools and pickers live: read pods, InferencePools and the objective/rewrite objects.
 * Nothing cluster-wide: pickers run without leader election and without metrics authentication
 * (--metrics-endpoint-auth=false), which are what leases and token/access reviews would be for.
 */
function endpointPickerAccount(cluster: string): Record<string, KubeObject> {
  const name = ENDPOINT_PICKER_SERVICE_ACCOUNT;
  const meta = { name, namespace: WORKLOAD_NAMESPACE };
  return {
    [STACK_KEYS.eppServiceAccount]: remoteObject(cluster, 'epp-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta }),
    [STACK_KEYS.eppRole]: remoteObject(
      cluster,
      'epp-ns-role',
      role('Role', meta, [
        { apiGroups: [''], resources: ['pods'], verbs: READ_VERBS },
        { apiGroups: ['inference.networking.k8s.io'], resources: ['inferencepools'], verbs: READ_VERBS },
        { apiGroups: ['inference.networking.x-k8s.io', 'llm-d.ai'], resources: ['inferenceobjectives', 'inferencemodelrewrites'], verbs: READ_VERBS },
      ]),
    ),
    [STACK_KEYS.eppRoleBinding]: remoteObject(cluster, 'epp-ns-binding', binding('RoleBinding', meta, name, meta)),
  };
}
