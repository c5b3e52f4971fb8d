// Names of everything fn-service puts on the control cluster. Fixed names for the singleton
// gateway stack; derived, stable names for per-endpoint and per-service objects.
import { sha256Hex, truncateName } from '../lib/k8s/names';
import { SYSTEM_NAMESPACE } from '../lib/k8s/remote';

/** Where the gateway stack lives on the control cluster (created by the platform team). */
export { SYSTEM_NAMESPACE };

/** The GatewayClass and Gateway every ModelService attaches to. */
export const CONTROL_GATEWAY = { className: 'modelplane', name: 'modelplane', namespace: SYSTEM_NAMESPACE } as const;

/**
 * The Gateway listener: Traefik binds Gateway listeners to its entry points by port, and the
 * chart's `web` entry point listens on 8000 inside the pod and is exposed on port 80.
 */
export const LISTENER = { name: 'web', port: 8000, exposedPort: 80 } as const;

/** Names of the gateway stack's composed objects (Releases, Objects and what they carry). */
export const STACK = {
  crdsInstaller: 'modelplane-gateway-api-crds',
  traefik: 'modelplane-traefik',
  metallb: 'modelplane-metallb',
  metallbPool: 'modelplane',
  gatewayClassObject: 'modelplane-gatewayclass',
  gatewayObject: 'modelplane-gateway',
  metallbPoolObject: 'modelplane-metallb-pool',
  metallbL2Object: 'modelplane-metallb-l2',
} as const;

export const METALLB_NAMESPACE = 'metallb-system';

/** RFC 1035 label: what a Service name must be (starts with a letter). */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `<prefix>-<name>` when that is a valid RFC 1035 label of <= 63 chars; otherwise a readable cut
 * of it plus 8 hex chars of sha256(name), so dotted or long names still map to a stable label.
 */
export function prefixedLabel(prefix: string, name: string): string {
  const plain = `${prefix}-${name}`;
  if (plain.length <= 63 && DNS_1035_LABEL.test(plain)) return plain;
  const hash = sha256Hex(name).slice(0, 8);
  const readable = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return `${truncateName(`${prefix}-${readable}`, 63 - hash.length - 1)}-${hash}`;
}

/** The Service (and EndpointSlice, TLS policy, header middleware) for a ModelEndpoint. */
export const backendName = (endpoint: string): string => prefixedLabel('me', endpoint);

/** The HTTPRoute of a ModelService. */
export const routeName = (service: string): string => prefixedLabel('ms', service);
