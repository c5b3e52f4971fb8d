// ModelService -> one HTTPRoute on the control-cluster Gateway:
//   requires the ModelEndpoints each selector entry matches (one requirement per entry, in the
//   service's namespace) and the InferenceGateway `default` (for the address);
//   routes PathPrefix /<namespace>/<name> to one weighted backendRef per ready endpoint;
//   publishes status.address = http://<gateway address>/<namespace>/<name>.
// With no ready endpoint it reports NoEndpoints and keeps the last good route as observed.
import type { ObservedObject, Required } from '../lib/request';
import { keepObserved, normal, warning, condition, type ComposedResource, type Condition, type Event, type ResourceRequirement } from '../lib/response';
import { formatIssues, parseModelServiceSpec, API_VERSION, INFERENCE_GATEWAY_NAME, type ModelServiceStatus } from '../lib/schema';
import { isRecord } from '../lib/k8s/objects';
import { SERVICE } from './conditions';
import { httpRoute, servicePathPrefix, type WeightedBackend } from './httproute';
import { routeName } from './names';
import { limitBackends, MAX_BACKENDS } from './limit';
import { keepAll, type Outcome } from './outcome';
import { routeAccepted } from './readiness';
import { selectEndpoints, type SelectedGroup } from './selection';
import { distributeWeights } from './weights';

export interface ServiceInput {
  readonly name: string;
  readonly namespace: string;
  readonly spec: unknown;
  readonly status: unknown;
  readonly observed: Readonly<Record<string, ObservedObject>>;
  readonly required: (key: string) => Required;
}

export const ROUTE_KEY = 'route';
export const GATEWAY_REQUIREMENT = 'inference-gateway';
export const endpointsRequirementKey = (entry: number): string => `endpoints-${entry}`;

const { endpoints: EP, routing: RT } = SERVICE;

export function composeService(input: ServiceInput): Outcome {
  const previousAddress = addressOf(input.status);
  const keepStatus = previousAddress ? { address: previousAddress } : undefined;
  const parsed = parseModelServiceSpec(input.spec);
  if (!parsed.ok) {
    const msg = formatIssues(parsed.issues);
    return keep(input, keepStatus, [condition(EP.type, 'False', EP.reasons.InvalidSpec, msg), condition(RT.type, 'False', RT.reasons.InvalidSpec, msg)]);
  }
  const entries = parsed.value.endpoints;
  const requirements: Record<string, ResourceRequirement> = {
    [GATEWAY_REQUIREMENT]: { apiVersion: API_VERSION, kind: 'InferenceGateway', matchName: INFERENCE_GATEWAY_NAME },
  };
  entries.forEach((e, i) => {
    requirements[endpointsRequirementKey(i)] = {
      apiVersion: API_VERSION,
      kind: 'ModelEndpoint',
      matchLabels: e.selector.matchLabels,
      namespace: input.namespace,
    };
  });
  const answers = entries.map((_, i) => input.required(endpointsRequirementKey(i)));
  const gateway = input.required(GATEWAY_REQUIREMENT);
  if (gateway.state === 'unresolved' || answers.some((a) => a.state === 'unresolved')) {
    // First call: Crossplane answers the requirements on the next one. Change nothing yet.
    return keep(input, keepStatus, [], requirements);
  }

  const groups = selectEndpoints(
    entries.map((e, i) => ({ weight: e.weight, items: (answers[i] as Extract<Required, { state: 'resolved' }>).items })),
    input.namespace,
  );
  const limited = limitBackends(groups);
  const backends = weightedBackends(limited.groups);
  const gatewayAddress = addressOf(gateway.items[0]?.status);
  const address = gatewayAddress ? `http://${gatewayAddress}${servicePathPrefix(input.namespace, input.name)}` : previousAddress;
  const observedRoute = input.observed[ROUTE_KEY];
  const resources: Record<string, ComposedResource> = {};
  if (backends.length > 0) {
    resources[ROUTE_KEY] = { resource: httpRoute(input.namespace, routeName(input.name), input.name, backends), ready: routeAccepted(observedRoute) };
  } else if (observedRoute) {
    resources[ROUTE_KEY] = { resource: keepObserved(observedRoute), ready: routeAccepted(observedRoute) };
  }

  const conditions = [
    endpointsCondition(groups, backends, limited.dropped),
    routingCondition(backends, gatewayAddress, observedRoute, `${input.namespace}/${routeName(input.name)}`),
  ];
  const events: Event[] = [];
  if (backends.length > 0 && !observedRoute) {
    events.push(normal('Routing', `Routing ${servicePathPrefix(input.namespace, input.name)}/ to ${backends.length} endpoint(s)`));
  }
  if (limited.dropped > 0) {
    events.push(warning('TooManyEndpoints', `${limited.dropped} ready endpoint(s) not routed: an HTTPRoute rule holds at most ${MAX_BACKENDS} backends`));
  }
  if (groups.every((g) => g.claimed === 0)) {
    events.push(warning(EP.reasons.NoEndpoints, conditions[0]!.message ?? EP.reasons.NoEndpoints));
  }
  return {
    decision: { resources, requirements, conditions, events, ...(address ? { status: { address } satisfies ModelServiceStatus } : {}) },
    ...(resources[ROUTE_KEY] ? {} : { compositeReady: false as const }),
  };
}

/** Weights per contract, attached to the routable endpoints in entry order. */
export function weightedBackends(groups: readonly SelectedGroup[]): WeightedBackend[] {
  const weights = distributeWeights(groups.map((g) => ({ weight: g.weight, count: g.routable.length })));
  return groups.flatMap((g, i) => g.routable.map((e, j) => ({ ...e, weight: weights[i]![j]! })));
}

function endpointsCondition(groups: readonly SelectedGroup[], backends: readonly WeightedBackend[], dropped: number): Condition {
  const claimed = groups.reduce((n, g) => n + g.claimed, 0);
  if (claimed === 0) {
    return condition(EP.type, 'False', EP.reasons.NoEndpoints, 'no ModelEndpoint in this namespace matches any spec.endpoints[].selector');
  }
  const perEntry = groups.map((g) => `spec.endpoints[${g.entry}]: ${g.routable.length}/${g.claimed} ready`).join(', ');
  if (backends.length === 0) return condition(EP.type, 'False', EP.reasons.NoEndpoints, `none of ${claimed} matched endpoints is ready (${perEntry})`);
  const limit = dropped > 0 ? `; routing ${backends.length}, ${dropped} left out (at most ${MAX_BACKENDS} backends per HTTPRoute rule)` : '';
  return condition(EP.type, 'True', EP.reasons.Resolved, `${backends.length + dropped} ready endpoint(s) (${perEntry})${limit}`);
}

function routingCondition(backends: readonly WeightedBackend[], gatewayAddress: string | undefined, observedRoute: ObservedObject | undefined, route: string): Condition {
  if (backends.length === 0) {
    const kept = observedRoute ? '; keeping the last routed backends' : '';
    return condition(RT.type, 'False', RT.reasons.NoEndpoints, `no ready endpoint to route to${kept}`);
  }
  if (!gatewayAddress) {
    return condition(RT.type, 'False', RT.reasons.WaitingForGateway, `InferenceGateway ${INFERENCE_GATEWAY_NAME} is missing or has no address yet`);
  }
  if (!routeAccepted(observedRoute)) {
    return condition(RT.type, 'False', RT.reasons.RoutePending, `HTTPRoute ${route} is not accepted by the gateway yet`);
  }
  return condition(RT.type, 'True', RT.reasons.Routed, `${backends.length} weighted backend(s)`);
}

function addressOf(status: unknown): string | undefined {
  const a = isRecord(status) ? status.address : undefined;
  return typeof a === 'string' && a !== '' ? a : undefined;
}

function keep(input: ServiceInput, status: Record<string, unknown> | undefined, conditions: Condition[], requirements?: Record<string, ResourceRequirement>): Outcome {
  const resources = keepAll(input.observed, (_k, o) => routeAccepted(o));
  return {
    decision: { resources, conditions, ...(status ? { status } : {}), ...(requirements ? { requirements } : {}) },
    ...(Object.keys(resources).length === 0 ? { compositeReady: false as const } : {}),
  };
}
