// The InferenceCluster core: typed inputs in, desired resources + status + conditions out.
// Pure; compose.ts reads the request and writes the response.
//
// Nothing is lost on missing input: an observed composed resource that is not desired this round
// is re-emitted as observed, unless it was removed on purpose (a node pool removed from
// spec.nodePools, the Dynamo release after opting out, the ClusterUsage once no replica is pinned,
// stack resources an earlier version composed and this one replaced).
import { compact } from '../lib/k8s/compact';
import type { ObservedObject } from '../lib/request';
import { keepObserved, warnOnFalse, type ComposedResource, type Condition, type Event, type KubeObject } from '../lib/response';
import type { InferenceClusterSpec } from '../lib/schema';
import { USER_FIXABLE } from './conditions';
import type { ClassLookup, ReplicaLookup, SecretLookup } from './inputs';
import { KEYS } from './names';
import { gpuPools, planPools, poolsCondition, poolWarnings, type PoolPlan } from './pools';
import { composedReady } from '../lib/delivery';
import { provision } from './provision';
import { stages } from './stages';
import { RETIRED_STACK_KEYS, STACK_KEYS } from './stack/keys';
import { GATEWAY_KEYS, gatewayAddress } from './stack/gateway';
import { backendCondition, clusterCondition, isClusterReady, type PublishedStatus } from './status';
import { usageFor } from './usage';
import { ledgerOf } from './ledger';
import { readClassDevices, type ClassDevicesRead } from '../lib/contracts';
import { capacityCondition, observedReport, withLive } from './live';

export interface ClusterInput {
  readonly name: string;
  readonly spec: InferenceClusterSpec;
  readonly classes: ReadonlyMap<string, ClassLookup>;
  /** The kubeconfig Secret (source Existing only). */
  readonly secret?: SecretLookup;
  readonly replicas: ReplicaLookup;
  readonly observed: Readonly<Record<string, ObservedObject>>;
  /** The XR's current status (what was published last time). */
  readonly published: PublishedStatus;
}

export interface ClusterDecision {
  readonly resources: Record<string, ComposedResource>;
  readonly status: PublishedStatus;
  readonly conditions: Condition[];
  readonly events: Event[];
  /** The XR's readiness. */
  readonly ready: boolean;
}

/** Observed keys this round removes on purpose. */
function removedOnPurpose(input: ClusterInput, key: string): boolean {
  if (key.startsWith(KEYS.nodePoolPrefix)) return !input.spec.nodePools.some((p) => KEYS.nodePool(p.name) === key);
  if (key === STACK_KEYS.dynamo) return !input.spec.stack.dynamo.enabled;
  if (key === KEYS.usage) return input.replicas.state === 'resolved';
  if (RETIRED_STACK_KEYS.includes(key)) return true;
  return false;
}

/** Readiness of a composed resource from what is observed (provider configs have no conditions). */
function readiness(key: string, observed: ObservedObject | undefined): boolean {
  if (key === KEYS.providerConfigKubernetes || key === KEYS.providerConfigHelm) return observed !== undefined;
  return composedReady(observed);
}

/** The devices of every class that resolved and is valid, read the way fn-schedule reads them. */
function readableClasses(classes: ReadonlyMap<string, ClassLookup>): Map<string, ClassDevicesRead> {
  const out = new Map<string, ClassDevicesRead>();
  for (const [name, found] of classes) if (found.state === 'found' && found.ok) out.set(name, readClassDevices({ spec: found.spec }));
  return out;
}

export function composeCluster(input: ClusterInput): ClusterDecision {
  const { name, spec, observed } = input;
  const plans: PoolPlan[] = planPools(spec, input.classes);
  const provisionable = plans.filter((p) => p.state === 'ready' && p.cls).map((p) => ({ pool: p.pool, cls: p.cls! }));
  const source = provision({ name, spec, pools: provisionable, observed, ...(input.secret ? { secret: input.secret } : {}) });
  const staged = stages(name, spec, source, observed);

  const desired: Record<string, KubeObject> = { ...staged.resources };
  const usage = usageFor(name, input.replicas, observed[KEYS.usage]);
  if (usage) desired[KEYS.usage] = usage;
  for (const [key, obj] of Object.entries(observed)) {
    if (!Object.hasOwn(desired, key) && !removedOnPurpose(input, key)) desired[key] = keepObserved(obj);
  }
  const resources = Object.fromEntries(Object.entries(desired).map(([k, resource]) => [k, { resource, ready: readiness(k, observed[k]) }]));

  const gatewayObserved = observed[GATEWAY_KEYS.gateway];
  const address = gatewayAddress(gatewayObserved, spec.stack.gateway.listenerPort) ?? (gatewayObserved ? input.published.gateway?.address : undefined);
  const backend = { reachable: source.reachable, providerConfigsObserved: staged.providerConfigsObserved, backendKeys: staged.backendKeys, observed, address };

  const report = observedReport(observed[KEYS.capacityReport]);
  const pools = withLive(gpuPools(plans, input.published.gpuPools ?? []), plans, spec, report);
  const status = compact({
    gateway: address ? { address } : undefined,
    providerConfigRef: staged.providerConfigsObserved ? { name } : undefined,
    cache: source.storageClassName ? { storageClassName: source.storageClassName } : undefined,
    gpuPools: pools,
    ledger: input.replicas.state === 'resolved' ? ledgerOf(pools, readableClasses(input.classes), input.replicas.claims, input.published.ledger) : input.published.ledger,
  }) satisfies PublishedStatus;
  const conditions = [clusterCondition(source, input.secret), backendCondition(backend), poolsCondition(plans), capacityCondition(report)];
  const events = [...warnOnFalse(conditions.slice(0, 2), USER_FIXABLE), ...poolWarnings(plans)];
  return { resources, status, conditions, events, ready: isClusterReady(backend) };
}
