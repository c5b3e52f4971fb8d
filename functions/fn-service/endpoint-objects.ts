// Builders for what a ModelEndpoint composes in its own namespace: a selectorless Service, its
// EndpointSlice, a BackendTLSPolicy for https DNS hosts, and a Traefik Middleware for headers.
// Pure functions returning plain objects; compose.ts decides which ones exist.
import { MANAGED_BY } from '../lib/k8s/labels';
import type { KubeObject } from '../lib/response';
import type { EndpointHeader } from '../lib/schema';
import { portName, type Backend } from './backend';
import { HEADER_PLUGIN, secretUrn } from './traefik-plugin';

const meta = (namespace: string, name: string, labels: Record<string, string> = {}) => ({
  name,
  namespace,
  labels: { ...MANAGED_BY, ...labels },
});

/** A Service with no selector: its only endpoints are the EndpointSlice below. */
export function backendService(namespace: string, name: string, b: Backend): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(namespace, name),
    spec: {
      type: 'ClusterIP',
      ports: [{ name: portName(b), protocol: 'TCP', port: b.port, targetPort: b.port, appProtocol: b.scheme }],
    },
  };
}

/** The slice's name carries its address type, which is immutable: a change replaces the slice. */
export const sliceName = (service: string, b: Pick<Backend, 'addressType'>): string => `${service}-${b.addressType.toLowerCase()}`;

/** The endpoint's host and port; FQDN slices are read by Traefik, not by kube-proxy. */
export function backendEndpointSlice(namespace: string, service: string, b: Backend): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta(namespace, sliceName(service, b), {
      'kubernetes.io/service-name': service,
      'endpointslice.kubernetes.io/managed-by': 'modelplane.ai',
    }),
    addressType: b.addressType,
    endpoints: [{ addresses: [b.host], conditions: { ready: true } }],
    ports: [{ name: portName(b), protocol: 'TCP', port: b.port, appProtocol: b.scheme }],
  };
}

/**
 * TLS to an https DNS host, verified against the system CAs for that hostname (which is also
 * the SNI). Standard Gateway API since v1.4; Traefik turns it into a ServersTransport.
 */
export function backendTlsPolicy(namespace: string, name: string, b: Backend): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'BackendTLSPolicy',
    metadata: meta(namespace, name),
    spec: {
      targetRefs: [{ group: '', kind: 'Service', name, sectionName: portName(b) }],
      validation: { hostname: b.host, wellKnownCACertificates: 'System' },
    },
  };
}

/**
 * The endpoint's headers as a Traefik Middleware running the Modelplane header plugin. Secret
 * values are `urn:k8s:secret:` references that Traefik resolves; the token itself is never
 * written here.
 */
export function headerMiddleware(namespace: string, name: string, headers: readonly EndpointHeader[]): KubeObject {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: meta(namespace, name),
    spec: {
      plugin: {
        [HEADER_PLUGIN]: {
          headers: headers.map((h) => {
            const ref = h.valueFrom?.secretKeyRef;
            const value = ref ? secretUrn(ref.name, ref.key) : (h.value ?? '');
            return { name: h.name, value, ...(h.prefix ? { prefix: h.prefix } : {}) };
          }),
        },
      },
    },
  };
}

/** Whether a backend gets a BackendTLSPolicy (IP hosts over https rely on appProtocol https). */
export const needsTlsPolicy = (b: Backend): boolean => b.scheme === 'https' && b.addressType === 'FQDN';
