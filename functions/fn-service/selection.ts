// Which ModelEndpoints a ModelService routes to, per selector entry.
//
// Rules (documented in docs/functions/fn-service.md):
// - An endpoint belongs to the FIRST entry whose selector matches it; later entries that also
//   match ignore it, so overlapping selectors never count an endpoint twice. The claim does not
//   depend on readiness, so an endpoint never hops between entries as it becomes ready.
// - An endpoint is routable when its XR is Ready=True, it publishes status.routing.backendName,
//   its spec parses, and it is not being deleted.
// - Within an entry endpoints are ordered by name (deterministic output for any input order).
import type { ObservedObject } from '../lib/request';
import { isRecord, isReady } from '../lib/k8s/objects';
import { parseModelEndpointSpec } from '../lib/schema';
import { parseBackendUrl } from './backend';

export interface RoutableEndpoint {
  readonly name: string;
  /** The Service the endpoint published in status.routing.backendName. */
  readonly backendName: string;
  readonly port: number;
  /** Host header for DNS-named endpoints (see backend.ts). */
  readonly hostname?: string;
  /** The endpoint's header Middleware, when it has headers. */
  readonly middleware?: string;
  readonly rewritePath: string;
}

export interface EntryCandidates {
  readonly weight: number;
  readonly items: readonly ObservedObject[];
}

export interface SelectedGroup {
  readonly entry: number;
  readonly weight: number;
  /** Endpoints this entry claimed (ready or not). */
  readonly claimed: number;
  readonly routable: readonly RoutableEndpoint[];
}

export function selectEndpoints(entries: readonly EntryCandidates[], namespace: string): SelectedGroup[] {
  const claimed = new Set<string>();
  return entries.map((entry, index) => {
    const mine = [...entry.items]
      .filter((o) => inNamespace(o, namespace) && typeof o.metadata?.name === 'string')
      .sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!))
      .filter((o) => {
        const name = o.metadata!.name!;
        if (claimed.has(name)) return false;
        claimed.add(name);
        return true;
      });
    const routable = mine.map(routableEndpoint).filter((e): e is RoutableEndpoint => e !== undefined);
    return { entry: index, weight: entry.weight, claimed: mine.length, routable };
  });
}

const inNamespace = (o: ObservedObject, namespace: string): boolean => o.metadata?.namespace === undefined || o.metadata.namespace === namespace;

export function routableEndpoint(o: ObservedObject): RoutableEndpoint | undefined {
  if (!isReady(o) || o.metadata?.deletionTimestamp) return undefined;
  const status = isRecord(o.status) ? o.status : {};
  const routing = isRecord(status.routing) ? status.routing : {};
  const backendName = routing.backendName;
  if (typeof backendName !== 'string' || backendName === '') return undefined;
  const spec = parseModelEndpointSpec(o.spec);
  if (!spec.ok) return undefined;
  const url = parseBackendUrl(spec.value.url);
  if (!url.ok) return undefined;
  return {
    name: o.metadata!.name!,
    backendName,
    port: url.backend.port,
    ...(url.backend.hostname ? { hostname: url.backend.hostname } : {}),
    ...((spec.value.headers ?? []).length > 0 ? { middleware: backendName } : {}),
    rewritePath: spec.value.rewritePath,
  };
}
