// fn-replica: a ModelReplica becomes the workloads that serve it on its pinned InferenceCluster.
//
//   read the replica and its cluster (required resource, by name)
//   gate: the cluster must publish status.providerConfigRef before anything is composed; until then,
//         and whenever the spec cannot be served as written, what is already composed is kept
//   plan: engines -> Deployments / LeaderWorkerSets (+ ResourceClaimTemplates), routing -> endpoint
//         picker + InferencePool + HTTPRoute; each wrapped in a provider-kubernetes Object
//   report: ModelAccepted / ModelReady from the Objects' observed status, status.endpoint once serving
import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { readReplicaHealth, replicaUrl } from '../lib/contracts';
import { observedManifest } from '../lib/delivery';
import { findCondition } from '../lib/k8s/objects';
import { selectorIssues } from './selectors';
import { checkComposite, observedResources, type ObservedObject } from '../lib/request';
import {
  buildResponse,
  condition,
  fatalResponse,
  keepObserved,
  normal,
  warning,
  warnOnFalse,
  type ComposedResource,
  type Condition,
  type Event,
  type ResourceRequirement,
} from '../lib/response';
import { FUNCTION_NAMES, formatIssues, type ModelReplicaStatus } from '../lib/schema';
import { CONDITION, REASON, USER_FIXABLE } from './conditions';
import { CLUSTER_REQUIREMENT, clusterRequirement, readCluster, readReplica, type ClusterRead } from './inputs';
import type { ReplicaRef } from './names';
import { observeInObject, wrapInObject } from './object';
import { isPodObserverKey, leaderPodObservers } from './pods';
import { healthCondition, replicaHealth } from './health';
import { planReplica } from './plan';
import { acceptedCondition, isServing, isWorkloadManifest, objectState, readyCondition, type ObjectState } from './readiness';

/** While waiting on the cluster, look again sooner than the default minute. */
const WAIT_TTL_SECONDS = 15;

interface Outcome {
  readonly resources: Record<string, ComposedResource>;
  readonly states: ObjectState[];
  /** ModelAccepted when it is not derived from the Objects. */
  readonly accepted?: Condition;
  readonly events?: Event[];
  readonly ttlSeconds?: number;
}

function withStates(desired: Record<string, Record<string, unknown>>, observed: Record<string, ObservedObject>) {
  const resources: Record<string, ComposedResource> = {};
  const states: ObjectState[] = [];
  for (const [key, resource] of Object.entries(desired)) {
    // An observer reads a pod that may not exist (yet): it never holds the replica back.
    if (isPodObserverKey(key)) {
      resources[key] = { resource, ready: true };
      continue;
    }
    const state = objectState(key, resource, observed[key]);
    states.push(state);
    resources[key] = { resource, ready: state.ready };
  }
  return { resources, states };
}

/** Nothing lost on missing input: re-emit what is observed as composed. */
function keep(observed: Record<string, ObservedObject>, accepted: Condition, extra: Partial<Outcome> = {}): Outcome {
  const kept = Object.fromEntries(Object.entries(observed).map(([k, o]) => [k, keepObserved(o)]));
  return { ...withStates(kept, observed), accepted, ...extra };
}

function decide(replica: ReplicaRef, read: ReturnType<typeof readReplica>, cluster: ClusterRead, observed: Record<string, ObservedObject>, clusterName: string): Outcome {
  if (!read.ok) return keep(observed, condition(CONDITION.accepted, 'False', REASON.invalidSpec, formatIssues(read.issues)));
  // Keep what runs (the observed claim templates included) rather than compose a selector the cluster would reject.
  const badSelectors = selectorIssues(read.spec.engines);
  if (badSelectors.length > 0) return keep(observed, condition(CONDITION.accepted, 'False', REASON.invalidSpec, `Invalid device selector: ${badSelectors.join('; ')}`));
  if (cluster.state !== 'present') {
    const message = `InferenceCluster ${clusterName} does not exist`;
    return keep(observed, condition(CONDITION.accepted, 'False', REASON.clusterNotFound, message), {
      events: [warning(REASON.clusterNotFound, message)],
    });
  }
  if (!cluster.providerConfigName) {
    const message = `InferenceCluster ${clusterName} has not published status.providerConfigRef yet`;
    return keep(observed, condition(CONDITION.accepted, 'False', REASON.waitingForCluster, message), { ttlSeconds: WAIT_TTL_SECONDS });
  }
  const plan = planReplica({ replica, spec: read.spec, routerVersion: cluster.routerVersion });
  if (!plan.ok) return keep(observed, condition(CONDITION.accepted, 'False', REASON.invalidSpec, formatIssues(plan.issues)));
  const providerConfig = cluster.providerConfigName;
  const desired = Object.fromEntries(plan.objects.map((o) => [o.key, wrapInObject(replica, providerConfig, o)]));
  const composed = withStates(desired, observed);
  if (isServing(composed.states)) return composed;
  for (const o of leaderPodObservers(plan.objects)) composed.resources[o.key] = { resource: observeInObject(replica, providerConfig, o), ready: true };
  return composed;
}

/** Health from the observed remote workloads and any observed pods (observe-only Objects). */
function healthOf(xr: ObservedObject, observed: Record<string, ObservedObject>, serving: boolean) {
  const manifests = Object.values(observed).flatMap((o) => {
    const m = observedManifest(o);
    return m ? [m] : [];
  });
  const created: unknown = (xr.metadata as Record<string, unknown> | undefined)?.creationTimestamp;
  const previous = readReplicaHealth(xr.status);
  return replicaHealth({
    serving,
    workloads: manifests.filter((m) => isWorkloadManifest(m)),
    pods: manifests.filter((m) => m.kind === 'Pod'),
    ...(previous ? { previous } : {}),
    ...(typeof created === 'string' ? { placedAt: created } : {}),
  });
}

export function compose(req: RunFunctionRequest): RunFunctionResponse {
  const checked = checkComposite(req, FUNCTION_NAMES.replica);
  if (!checked.ok) return fatalResponse(req, checked.message);
  const xr = checked.xr;
  const observed = observedResources(req);
  const read = readReplica(xr);
  const replica = read.replica;
  const clusterName = read.ok ? read.spec.clusterName : read.clusterName;
  const requirements: Record<string, ResourceRequirement> = clusterName ? { [CLUSTER_REQUIREMENT]: clusterRequirement(clusterName) } : {};
  const cluster: ClusterRead = clusterName ? readCluster(req, clusterName) : { state: 'missing' };

  // Crossplane answers the requirement and calls again within the same reconcile: wait quietly.
  if (cluster.state === 'unresolved') {
    const kept = keep(observed, condition(CONDITION.accepted, 'Unknown', REASON.waitingForCluster));
    return buildResponse(req, { resources: kept.resources, requirements });
  }

  const outcome = decide(replica, read, cluster, observed, clusterName ?? '');
  const accepted = outcome.accepted ?? acceptedCondition(outcome.states, clusterName ?? '');
  const ready = readyCondition(outcome.states);
  const serving = isServing(outcome.states);
  const address = cluster.state === 'present' ? cluster.gatewayAddress : undefined;
  const endpoint = serving && address ? replicaUrl(address, replica) : undefined;

  const health = healthOf(xr, observed, serving);
  const previous = readReplicaHealth(xr.status);
  const events: Event[] = [...warnOnFalse([accepted], USER_FIXABLE), ...(outcome.events ?? [])];
  if (health.state === 'Stuck' && (previous?.state !== 'Stuck' || previous.cause !== health.cause)) {
    events.push(warning(health.cause ?? 'Stuck', health.message ?? 'stuck'));
  }
  if (serving && findCondition(xr, CONDITION.ready)?.status !== 'True') {
    events.push(normal(REASON.serving, endpoint ? `serving at ${endpoint}` : 'every workload is Available'));
  }
  return buildResponse(req, {
    resources: outcome.resources,
    status: { health, ...(endpoint ? { endpoint } : {}) } satisfies ModelReplicaStatus,
    conditions: [accepted, ready, healthCondition(health)],
    events,
    requirements,
    ...(outcome.ttlSeconds !== undefined ? { ttlSeconds: outcome.ttlSeconds } : {}),
  });
}
