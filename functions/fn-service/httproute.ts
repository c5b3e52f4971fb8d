// The HTTPRoute of a ModelService: one rule matching the service's path prefix, one weighted
// backendRef per routable endpoint, each with its own URLRewrite (ReplacePrefixMatch to the
// endpoint's rewritePath, Host for DNS-named endpoints) and, for endpoints with headers, an
// ExtensionRef to their Traefik Middleware.
//
// Why backendRef-level filters: a rule-level URLRewrite applies to every backend of the rule,
// and splitting backends into one rule per rewritePath would need separate matches, losing the
// weighted split. HTTPBackendRef.filters is standard-channel Gateway API; Traefik implements
// it from v3.7 (chart 40), which is why the gateway refuses older charts.
import type { KubeObject } from '../lib/response';
import { MANAGED_BY } from '../lib/k8s/labels';
import { CONTROL_GATEWAY, LISTENER } from './names';
import type { RoutableEndpoint } from './selection';

export interface WeightedBackend extends RoutableEndpoint {
  readonly weight: number;
}

/**
 * `/<namespace>/<name>`: PathPrefix matches whole path elements, so this matches `/ns/svc` and
 * `/ns/svc/...` but not `/ns/svcx`. No trailing slash: with one, Traefik's prefix rewrite would
 * mangle a request for the bare base path.
 */
export const servicePathPrefix = (namespace: string, name: string): string => `/${namespace}/${name}`;

function backendFilters(b: WeightedBackend): KubeObject[] {
  const rewrite = {
    type: 'URLRewrite',
    urlRewrite: {
      ...(b.hostname ? { hostname: b.hostname } : {}),
      path: { type: 'ReplacePrefixMatch', replacePrefixMatch: b.rewritePath },
    },
  };
  const headers = b.middleware ? [{ type: 'ExtensionRef', extensionRef: { group: 'traefik.io', kind: 'Middleware', name: b.middleware } }] : [];
  return [rewrite, ...headers];
}

export function httpRoute(namespace: string, routeName: string, service: string, backends: readonly WeightedBackend[]): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: routeName, namespace, labels: { ...MANAGED_BY } },
    spec: {
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          namespace: CONTROL_GATEWAY.namespace,
          name: CONTROL_GATEWAY.name,
          sectionName: LISTENER.name,
        },
      ],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: servicePathPrefix(namespace, service) } }],
          backendRefs: backends.map((b) => ({
            group: '',
            kind: 'Service',
            name: b.backendName,
            port: b.port,
            weight: b.weight,
            filters: backendFilters(b),
          })),
        },
      ],
    },
  };
}
