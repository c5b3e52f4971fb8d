// The per-cluster inference gateway: an EnvoyProxy (the gateway Service type), a GatewayClass
// for Envoy Gateway and the Gateway `inference-gateway` whose first address is published as
// status.gateway.address. Routes attach from the workload namespace only.
import { READINESS, remoteGatewayAddress } from '../../lib/delivery';
import { INFERENCE_GATEWAY, WORKLOAD_NAMESPACE } from '../../lib/k8s/remote';
import type { ObservedObject } from '../../lib/request';
import type { KubeObject } from '../../lib/response';
import type { StackSpec } from '../../lib/schema';
import { remoteObject } from './objects';

export const GATEWAY_KEYS = { proxy: 'gateway-proxy', gatewayClass: 'gateway-class', gateway: 'gateway' } as const;
export const GATEWAY_CLASS = 'modelplane-envoy';
const ENVOY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';

export function gatewayResources(cluster: string, stack: StackSpec): Record<string, KubeObject> {
  const { name, namespace } = INFERENCE_GATEWAY;
  return {
    [GATEWAY_KEYS.proxy]: remoteObject(cluster, 'gateway-proxy', {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'EnvoyProxy',
      metadata: { name, namespace },
      spec: { provider: { type: 'Kubernetes', kubernetes: { envoyService: { type: stack.gateway.serviceType } } } },
    }),
    [GATEWAY_KEYS.gatewayClass]: remoteObject(cluster, 'gateway-class', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: GATEWAY_CLASS },
      spec: { controllerName: ENVOY_CONTROLLER, parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name, namespace } },
    }),
    [GATEWAY_KEYS.gateway]: remoteObject(
      cluster,
      'gateway',
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name, namespace },
        spec: {
          gatewayClassName: GATEWAY_CLASS,
          listeners: [
            {
              name: 'http',
              protocol: 'HTTP',
              port: stack.gateway.listenerPort,
              allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': WORKLOAD_NAMESPACE } } } },
            },
          ],
        },
      },
      READINESS.addressed,
    ),
  };
}

/** host[:port] of the observed Gateway (port omitted when it is 80), or undefined. */
export function gatewayAddress(observed: ObservedObject | undefined, listenerPort: number): string | undefined {
  const host = remoteGatewayAddress(observed);
  if (!host) return undefined;
  const bracketed = host.includes(':') ? `[${host}]` : host;
  return listenerPort === 80 ? host : `${bracketed}:${listenerPort}`;
}
