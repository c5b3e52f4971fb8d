// Envoy Gateway and Envoy AI Gateway: what makes the inference-gateway route an HTTPRoute
// backendRef of kind InferencePool (fn-replica's routes) through the pool's endpoint picker.
// Envoy Gateway alone does not: it hands such backends to an extension server registered in its
// extension manager, and Envoy AI Gateway's controller is that server. Values follow Envoy AI
// Gateway v1.1's own files (manifests/envoy-gateway-values.yaml plus the InferencePool add-on,
// examples/inference-pool/envoy-gateway-values-addon.yaml) and its installation guide (the CRD
// chart, then the controller chart, in envoy-ai-gateway-system).
import { binding, READ_VERBS, role } from '../../lib/k8s/rbac';
import type { KubeObject } from '../../lib/response';
import type { StackSpec } from '../../lib/schema';
import { STACK_KEYS } from './keys';
import type { Chart } from '../../lib/delivery';
import { release, remoteObject } from './objects';

export const ENVOY_GATEWAY_NAMESPACE = 'envoy-gateway-system';
/** Envoy Gateway's chart names its controller's ServiceAccount this, whatever the release name. */
export const ENVOY_GATEWAY_SERVICE_ACCOUNT = 'envoy-gateway';
export const AI_GATEWAY_NAMESPACE = 'envoy-ai-gateway-system';
/** The AI Gateway controller's Deployment/Service name (set, not left to the chart's default). */
export const AI_GATEWAY_CONTROLLER = 'ai-gateway-controller';
/** The controller Service's gRPC port Envoy Gateway's extension manager calls. */
export const AI_GATEWAY_EXTENSION_PORT = 1063;
const POOL_READER = 'modelplane-envoy-gateway-inference-pools';

const CHARTS = {
  envoyGateway: (v: string): Chart => ({ repository: 'oci://docker.io/envoyproxy', name: 'gateway-helm', version: v }),
  envoyAIGatewayCrds: (v: string): Chart => ({ repository: 'oci://docker.io/envoyproxy', name: 'ai-gateway-crds-helm', version: v }),
  envoyAIGateway: (v: string): Chart => ({ repository: 'oci://docker.io/envoyproxy', name: 'ai-gateway-helm', version: v }),
};

/** The InferencePool kind Envoy Gateway hands to the extension server as a route backend. */
export const INFERENCE_POOL_BACKEND = { group: 'inference.networking.k8s.io', kind: 'InferencePool', version: 'v1' } as const;

/** Envoy Gateway's EnvoyGateway configuration (the chart merges it over its defaults). */
export function envoyGatewayConfig(): Record<string, unknown> {
  return {
    extensionApis: { enableEnvoyPatchPolicy: true, enableBackend: true },
    extensionManager: {
      // The AI Gateway fine-tunes the xDS Envoy Gateway generates: every listener, route, cluster
      // and secret passes through it, after translation and per cluster and route.
      hooks: {
        xdsTranslator: {
          translation: { listener: { includeAll: true }, route: { includeAll: true }, cluster: { includeAll: true }, secret: { includeAll: true } },
          post: ['Translation', 'Cluster', 'Route'],
        },
      },
      service: { fqdn: { hostname: `${AI_GATEWAY_CONTROLLER}.${AI_GATEWAY_NAMESPACE}.svc.cluster.local`, port: AI_GATEWAY_EXTENSION_PORT } },
      backendResources: [{ ...INFERENCE_POOL_BACKEND }],
    },
  };
}

export function envoyGatewayRelease(cluster: string, stack: StackSpec): KubeObject {
  return release(cluster, 'envoy-gateway', CHARTS.envoyGateway(stack.envoyGateway.version), ENVOY_GATEWAY_NAMESPACE, { config: { envoyGateway: envoyGatewayConfig() } });
}

/**
 * Envoy Gateway watches InferencePools from its first start (a backend resource) and is not ready
 * until it may. The AI Gateway chart grants the same, but it installs after Envoy Gateway is ready,
 * so this grant comes first, under a name of its own (the chart looks up its own name).
 */
export function envoyGatewayPoolReader(cluster: string): Record<string, KubeObject> {
  return {
    [STACK_KEYS.envoyGatewayPoolReader]: remoteObject(
      cluster,
      'envoy-gateway-pools-role',
      role('ClusterRole', { name: POOL_READER }, [{ apiGroups: [INFERENCE_POOL_BACKEND.group], resources: ['inferencepools'], verbs: READ_VERBS }]),
    ),
    [STACK_KEYS.envoyGatewayPoolReaderBinding]: remoteObject(
      cluster,
      'envoy-gateway-pools-binding',
      binding('ClusterRoleBinding', { name: POOL_READER }, POOL_READER, { name: ENVOY_GATEWAY_SERVICE_ACCOUNT, namespace: ENVOY_GATEWAY_NAMESPACE }),
    ),
  };
}

export function envoyAIGatewayCrds(cluster: string, stack: StackSpec): KubeObject {
  return release(cluster, 'envoy-ai-gateway-crds', CHARTS.envoyAIGatewayCrds(stack.envoyAIGateway.version), AI_GATEWAY_NAMESPACE);
}

export function envoyAIGatewayController(cluster: string, stack: StackSpec): KubeObject {
  return release(cluster, 'envoy-ai-gateway', CHARTS.envoyAIGateway(stack.envoyAIGateway.version), AI_GATEWAY_NAMESPACE, {
    controller: { fullnameOverride: AI_GATEWAY_CONTROLLER },
    envoyGateway: { namespace: ENVOY_GATEWAY_NAMESPACE },
  });
}
