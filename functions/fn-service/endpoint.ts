// ModelEndpoint -> a routable backend on the control cluster, in the endpoint's namespace:
//   Service `me-<name>` (selectorless) + EndpointSlice for spec.url's host and port,
//   BackendTLSPolicy for https DNS hosts, Traefik Middleware for spec.headers.
// Publishes status.routing.backendName (the Service). A bad spec.url is InvalidURL and whatever
// was composed before is kept. Headers read from Secrets are checked for presence only: the
// value is never copied, logged or written anywhere by this function.
import type { ObservedObject, Required } from '../lib/request';
import { condition, normal, type ComposedResource, type Condition, type Event, type ResourceRequirement } from '../lib/response';
import { formatIssues, parseModelEndpointSpec, type EndpointHeader, type ModelEndpointStatus } from '../lib/schema';
import { isRecord } from '../lib/k8s/objects';
import { parseBackendUrl, type Backend } from './backend';
import { ENDPOINT } from './conditions';
import { backendEndpointSlice, backendService, backendTlsPolicy, headerMiddleware, needsTlsPolicy } from './endpoint-objects';
import { backendName } from './names';
import { keepAll, type Outcome } from './outcome';
import { SECRET_URN_PREFIX } from './traefik-plugin';

export interface EndpointInput {
  readonly name: string;
  readonly namespace: string;
  readonly spec: unknown;
  /** The XR's current status (what was published last time). */
  readonly status: unknown;
  readonly observed: Readonly<Record<string, ObservedObject>>;
  /** Required-resource lookup for a Secret in the endpoint's namespace, by name. */
  readonly secret: (name: string) => Required;
}

export const ENDPOINT_KEYS = { service: 'service', tlsPolicy: 'tls-policy', headers: 'headers' } as const;
/** The slice's address type is immutable, so the key and name carry it: a change replaces the slice. */
export const sliceKey = (b: Pick<Backend, 'addressType'>): string => `endpointslice-${b.addressType.toLowerCase()}`;
export const secretRequirementKey = (secret: string): string => `secret-${secret}`;

const { type, reasons } = ENDPOINT;

export function composeEndpoint(input: EndpointInput): Outcome {
  const parsed = parseModelEndpointSpec(input.spec);
  if (!parsed.ok) {
    const urlIssue = parsed.issues.some((i) => i.path === 'spec.url' || i.path.startsWith('spec.url.'));
    return keepWithCondition(input, condition(type, 'False', urlIssue ? reasons.InvalidURL : reasons.InvalidSpec, formatIssues(parsed.issues)));
  }
  const url = parseBackendUrl(parsed.value.url);
  if (!url.ok) return keepWithCondition(input, condition(type, 'False', reasons.InvalidURL, url.message));
  const headers = parsed.value.headers ?? [];
  const urnLiteral = headers.findIndex((h) => h.value?.startsWith(SECRET_URN_PREFIX));
  if (urnLiteral >= 0) {
    const msg = `spec.headers[${urnLiteral}].value must not start with ${SECRET_URN_PREFIX}; use valueFrom.secretKeyRef`;
    return keepWithCondition(input, condition(type, 'False', reasons.InvalidSpec, msg));
  }

  const name = backendName(input.name);
  const backend = url.backend;
  const secrets = checkSecrets(headers, input.namespace, input.secret);
  const seen = (key: string) => input.observed[key] !== undefined;
  const resources: Record<string, ComposedResource> = {
    [ENDPOINT_KEYS.service]: { resource: backendService(input.namespace, name, backend), ready: seen(ENDPOINT_KEYS.service) },
    [sliceKey(backend)]: {
      resource: backendEndpointSlice(input.namespace, name, backend),
      ready: seen(sliceKey(backend)),
    },
  };
  if (needsTlsPolicy(backend)) {
    resources[ENDPOINT_KEYS.tlsPolicy] = { resource: backendTlsPolicy(input.namespace, name, backend), ready: seen(ENDPOINT_KEYS.tlsPolicy) };
  }
  if (headers.length > 0) {
    resources[ENDPOINT_KEYS.headers] = {
      resource: headerMiddleware(input.namespace, name, headers),
      // Routing through a Middleware whose Secret is missing would fail every request it gets.
      ready: seen(ENDPOINT_KEYS.headers) && secrets.missing.length === 0 && !secrets.unresolved,
    };
  }

  const allReady = Object.values(resources).every((r) => r.ready);
  const cond =
    secrets.missing.length > 0
      ? condition(type, 'False', reasons.SecretMissing, secrets.missing.join('; '))
      : allReady
        ? condition(type, 'True', reasons.Routable, `${backend.scheme}://${backend.host}:${backend.port} via Service ${name}`)
        : condition(
            type,
            'False',
            reasons.Provisioning,
            `waiting for ${Object.keys(resources)
              .filter((k) => !resources[k]!.ready)
              .join(', ')}`,
          );
  const events: Event[] = seen(ENDPOINT_KEYS.service) ? [] : [normal('BackendComposed', `Service ${name} routes to ${backend.scheme}://${backend.host}:${backend.port}`)];
  return {
    decision: {
      resources,
      status: { routing: { backendName: name } } satisfies ModelEndpointStatus,
      conditions: [cond],
      events,
      requirements: secrets.requirements,
    },
  };
}

interface SecretCheck {
  readonly requirements: Record<string, ResourceRequirement>;
  readonly unresolved: boolean;
  /** One message per missing Secret or key, naming the header field. */
  readonly missing: string[];
}

function checkSecrets(headers: readonly EndpointHeader[], namespace: string, lookup: (name: string) => Required): SecretCheck {
  const requirements: Record<string, ResourceRequirement> = {};
  const missing: string[] = [];
  let unresolved = false;
  headers.forEach((h, i) => {
    const ref = h.valueFrom?.secretKeyRef;
    if (!ref) return;
    requirements[secretRequirementKey(ref.name)] = { apiVersion: 'v1', kind: 'Secret', matchName: ref.name, namespace };
    const found = lookup(ref.name);
    if (found.state === 'unresolved') {
      unresolved = true;
      return;
    }
    const field = `spec.headers[${i}].valueFrom.secretKeyRef`;
    const secret = found.items[0];
    if (!secret) missing.push(`${field}: Secret ${ref.name} not found`);
    else if (!hasKey(secret, ref.key)) missing.push(`${field}: Secret ${ref.name} has no key ${ref.key}`);
  });
  return { requirements, unresolved, missing };
}

const hasKey = (secret: ObservedObject, key: string): boolean => [secret.data, (secret as Record<string, unknown>).stringData].some((d) => isRecord(d) && Object.hasOwn(d, key));

/** Nothing lost on bad input: keep what is composed and what was published. */
function keepWithCondition(input: EndpointInput, cond: Condition): Outcome {
  const routing = isRecord(input.status) && isRecord(input.status.routing) ? input.status.routing : undefined;
  const kept = keepAll(input.observed, () => true);
  return {
    decision: { resources: kept, conditions: [cond], ...(routing ? { status: { routing } } : {}) },
    ...(Object.keys(kept).length === 0 ? { compositeReady: false as const } : {}),
  };
}
