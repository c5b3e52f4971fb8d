// InferenceGateway `default` -> the control-cluster gateway every ModelService address is built on.
//
// Composes, in order (gate, then latch: each step once its dependency is observed ready, and
// kept from then on even if the dependency flickers):
//   1. the Gateway API standard CRDs, applied by a kubectl Job (ServiceAccount + ClusterRole);
//   2. Traefik (Helm) with the Gateway API provider, after the CRDs;
//   [MetalLB (Helm), then its IPAddressPool + L2Advertisement, when loadBalancer: MetalLB;]
//   3. GatewayClass `modelplane` and Gateway `modelplane` (modelplane-system), after CRDs and Traefik.
// Publishes status.address from the Gateway's status.addresses[0].
import { composedReady, remoteGatewayAddress } from '../lib/delivery';
import type { ObservedObject } from '../lib/request';
import { condition, keepObserved, normal, type ComposedResource, type Condition, type Event } from '../lib/response';
import { formatIssues, INFERENCE_GATEWAY_NAME, parseInferenceGatewaySpec, type InferenceGatewayStatus } from '../lib/schema';
import { isRecord } from '../lib/k8s/objects';
import { GATEWAY } from './conditions';
import {
  controlObject,
  crdsInstaller,
  gateway,
  gatewayClass,
  GATEWAY_API_VERSION,
  metallbPool,
  metallbRelease,
  MIN_TRAEFIK_CHART_MAJOR,
  traefikRelease,
  versionLabel,
} from './gateway-objects';
import { CONTROL_GATEWAY, STACK } from './names';
import { keepAll, type Outcome } from './outcome';
import { gatewayClassAccepted, gatewayProgrammed, jobComplete } from './readiness';

export interface GatewayInput {
  readonly name: string;
  readonly spec: unknown;
  readonly status: unknown;
  readonly observed: Readonly<Record<string, ObservedObject>>;
}

export const GATEWAY_KEYS = {
  crdsServiceAccount: 'crds-serviceaccount',
  crdsRole: 'crds-clusterrole',
  crdsBinding: 'crds-clusterrolebinding',
  /** Versioned: a new Gateway API version replaces the Job instead of mutating a finished one. */
  crdsJob: `crds-job-${versionLabel(GATEWAY_API_VERSION)}`,
  traefik: 'traefik',
  metallb: 'metallb',
  metallbPool: 'metallb-pool',
  metallbL2: 'metallb-l2',
  gatewayClass: 'gatewayclass',
  gateway: 'gateway',
} as const;

const { type, reasons } = GATEWAY;
const K = GATEWAY_KEYS;

/** Readiness of each key from what is observed under it. */
function observedReady(key: string, o: ObservedObject | undefined): boolean {
  if (!o) return false;
  if (key === K.crdsJob) return jobComplete(o);
  if (key === K.gatewayClass) return gatewayClassAccepted(o);
  if (key === K.gateway) return gatewayProgrammed(o) && remoteGatewayAddress(o) !== undefined;
  return composedReady(o);
}

export const traefikChartMajor = (version: string): number => Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN);

export function composeGateway(input: GatewayInput): Outcome {
  const previous = isRecord(input.status) && typeof input.status.address === 'string' ? input.status.address : undefined;
  if (input.name !== INFERENCE_GATEWAY_NAME) {
    const msg = `only the InferenceGateway named ${INFERENCE_GATEWAY_NAME} is served; rename metadata.name ${input.name} to ${INFERENCE_GATEWAY_NAME}`;
    return keep(input, previous, condition(type, 'False', reasons.NotDefault, msg), true);
  }
  const parsed = parseInferenceGatewaySpec(input.spec);
  if (!parsed.ok) return keep(input, previous, condition(type, 'False', reasons.InvalidSpec, formatIssues(parsed.issues)));
  const spec = parsed.value;

  const obs = input.observed;
  const resources: Record<string, ComposedResource> = {};
  const add = (key: string, resource: Record<string, unknown>) => {
    resources[key] = { resource, ready: observedReady(key, obs[key]) };
  };
  const ready = (key: string) => observedReady(key, obs[key]);
  const latched = (key: string) => obs[key] !== undefined;

  const installer = crdsInstaller();
  add(K.crdsServiceAccount, controlObject(`${STACK.crdsInstaller}-sa`, installer.serviceAccount));
  add(K.crdsRole, controlObject(`${STACK.crdsInstaller}-role`, installer.clusterRole));
  add(K.crdsBinding, controlObject(`${STACK.crdsInstaller}-binding`, installer.binding));
  add(K.crdsJob, controlObject(`${STACK.crdsInstaller}-job-${versionLabel(GATEWAY_API_VERSION)}`, installer.job));
  const crdsReady = ready(K.crdsJob);

  const supported = traefikChartMajor(spec.traefik.version) >= MIN_TRAEFIK_CHART_MAJOR;
  if (supported && (crdsReady || latched(K.traefik))) add(K.traefik, traefikRelease(spec.traefik.version));
  else if (!supported && obs[K.traefik]) resources[K.traefik] = { resource: keepObserved(obs[K.traefik]!), ready: ready(K.traefik) };
  const traefikReady = ready(K.traefik);

  if (spec.traefik.loadBalancer === 'MetalLB' && spec.traefik.metallb) {
    add(K.metallb, metallbRelease());
    const pool = metallbPool(spec.traefik.metallb.addressPool);
    if (ready(K.metallb) || latched(K.metallbPool)) add(K.metallbPool, controlObject(STACK.metallbPoolObject, pool.pool));
    if (ready(K.metallb) || latched(K.metallbL2)) add(K.metallbL2, controlObject(STACK.metallbL2Object, pool.l2));
  }
  const stackReady = crdsReady && traefikReady;
  if (stackReady || latched(K.gatewayClass)) add(K.gatewayClass, controlObject(STACK.gatewayClassObject, gatewayClass()));
  if (stackReady || latched(K.gateway)) add(K.gateway, controlObject(STACK.gatewayObject, gateway()));

  const observedAddress = obs[K.gateway] ? remoteGatewayAddress(obs[K.gateway]) : undefined;
  const address = observedAddress ?? previous;
  const cond = !supported
    ? condition(
        type,
        'False',
        reasons.UnsupportedVersion,
        `spec.traefik.version ${spec.traefik.version}: routing needs Traefik chart ${MIN_TRAEFIK_CHART_MAJOR}.0.0 or later (Traefik v3.7, HTTPRoute backendRef filters)`,
      )
    : statusCondition(resources, observedAddress);
  const events: Event[] =
    observedAddress && observedAddress !== previous
      ? [normal('GatewayAddress', `Gateway ${CONTROL_GATEWAY.namespace}/${CONTROL_GATEWAY.name} is reachable at ${observedAddress}`)]
      : [];
  return { decision: { resources, conditions: [cond], events, ...(address ? { status: { address } satisfies InferenceGatewayStatus } : {}) } };
}

const COMPONENT: Record<string, string> = {
  [K.crdsServiceAccount]: 'CRD installer ServiceAccount',
  [K.crdsRole]: 'CRD installer ClusterRole',
  [K.crdsBinding]: 'CRD installer ClusterRoleBinding',
  [K.crdsJob]: `Gateway API ${GATEWAY_API_VERSION} CRDs`,
  [K.traefik]: `Traefik (Release ${STACK.traefik})`,
  [K.metallb]: `MetalLB (Release ${STACK.metallb})`,
  [K.metallbPool]: 'MetalLB IPAddressPool',
  [K.metallbL2]: 'MetalLB L2Advertisement',
  [K.gatewayClass]: `GatewayClass ${CONTROL_GATEWAY.className}`,
};

function statusCondition(resources: Readonly<Record<string, ComposedResource>>, address: string | undefined): Condition {
  const gw = resources[K.gateway];
  if (gw?.ready && address) return condition(type, 'True', reasons.Available, `Gateway ${CONTROL_GATEWAY.namespace}/${CONTROL_GATEWAY.name} at ${address}`);
  // Not yet composed steps count as pending too: they wait on the ones before them.
  const usesMetallb = resources[K.metallb] !== undefined;
  const pending = Object.keys(COMPONENT).filter((k) => (usesMetallb || !k.startsWith('metallb')) && !resources[k]?.ready);
  if (pending.length > 0) return condition(type, 'False', reasons.Installing, `waiting for ${pending.map((k) => COMPONENT[k]).join(', ')}`);
  return condition(
    type,
    'False',
    reasons.WaitingForAddress,
    `Gateway ${CONTROL_GATEWAY.namespace}/${CONTROL_GATEWAY.name} is not programmed or has no address yet (check the load balancer: MetalLB pool or cloud LB)`,
  );
}

function keep(input: GatewayInput, address: string | undefined, cond: Condition, notServed = false): Outcome {
  const resources = keepAll(input.observed, observedReady);
  return {
    decision: { resources, conditions: [cond], ...(address ? { status: { address } } : {}) },
    ...(notServed || Object.keys(resources).length === 0 ? { compositeReady: false as const } : {}),
  };
}
