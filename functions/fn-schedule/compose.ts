// fn-schedule: the fleet scheduler for ModelDeployment. A thin shell around the pure scheduler:
//
//   request -> requirements / typed inputs (inputs.ts, compile.ts) -> schedule() ->
//   desired ModelReplicas + ModelEndpoints (desired.ts) -> status, conditions, readiness, events
//
// Nothing is lost on bad or missing input: until the fleet requirements resolve, on a spec that
// does not parse, a selector that does not compile, or when no cluster is selected, the function
// re-emits what it observes as composed, unchanged, and reports why. Each call logs one line with
// the outcome and the decision (placed, retained, dropped, and the top unschedulable reasons).
import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { isReady } from '../lib/k8s/objects';
import { matchesSelector } from '../lib/k8s/selectors';
import { checkComposite, observedResources, requiredResources, type ObservedObject } from '../lib/request';
import { buildResponse, fatalResponse, keepObserved, type ComposedResource, type Decision } from '../lib/response';
import { counter, type ComposeContext } from '../lib/runtime';
import { FUNCTION_NAMES, formatIssues, parseModelDeploymentSpec } from '../lib/schema';
import { replicaCap } from './budget';
import { compileEngines } from './compile';
import { desiredState } from './desired';
import { endpointKey } from './endpoint';
import { deploymentEvents } from './events';
import { effectiveSelector, readCache, readClusters, readFleetReplicas, readReplica, REQUIREMENT, requirements, type CacheInput } from './inputs';
import { healingEvents, healingPass, healingStatus, requestClock, type HealingPass } from './healing';
import { capacityClock, withCapacitySources } from './scheduler/live';
import { moveEvents } from './moves';
import { compositeReady, deploymentConditions, type Outcome } from './outcome';
import type { DeploymentRef } from './replica';
import { CompiledSelectors } from './scheduler/devices';
import { summarize, unschedulableEntry, type UnschedulableEntry } from './scheduler/explain';
import { isOwnedBy, schedule } from './scheduler/schedule';
import { resolveStrategy } from './scheduler/strategy';
import type { ObservedReplica, ScheduleResult } from './scheduler/types';
import { deploymentStatus, previousWhy, type ReplicaView } from './status';

const scheduledReplicas = counter('modelplane_schedule_replicas_scheduled_total', 'Replicas newly placed on a cluster by fn-schedule.', []);
const unschedulableReplicas = counter('modelplane_schedule_replicas_unschedulable_total', 'Replicas fn-schedule wanted but found no cluster for, per pass.', []);
const celCompileErrors = counter('modelplane_schedule_cel_compile_errors_total', 'nodeSelector CEL expressions that failed to compile.', []);

const MODEL_REPLICA = 'ModelReplica';

interface Pass {
  readonly req: RunFunctionRequest;
  readonly ctx: ComposeContext | undefined;
  readonly xr: ObservedObject;
  readonly name: string;
  readonly namespace: string;
  readonly observed: Readonly<Record<string, ObservedObject>>;
  /** This XR's composed ModelReplicas, read as scheduler input (ours by construction). */
  readonly composed: readonly ObservedReplica[];
}

export function compose(req: RunFunctionRequest, ctx?: ComposeContext): RunFunctionResponse {
  const checked = checkComposite(req, FUNCTION_NAMES.schedule);
  if (!checked.ok) return fatalResponse(req, checked.message);
  const { xr, name, namespace } = checked;
  const observed = observedResources(req);
  const composed = Object.values(observed)
    .filter((o) => o.kind === MODEL_REPLICA)
    .map(readReplica)
    .filter((r): r is ObservedReplica => r !== undefined)
    .map((r) => ({ ...r, namespace, deployment: name }));
  const pass: Pass = { req, ctx, xr, name, namespace, observed, composed };

  const parsed = parseModelDeploymentSpec(xr.spec);
  if (!parsed.ok) return keepComposed(pass, { kind: 'InvalidSpec', message: `Invalid spec: ${formatIssues(parsed.issues)}` }, undefined);
  const spec = parsed.value;
  const wanted = requirements(spec, namespace, name);
  const clusters = readClusters(req);
  const fleet = readFleetReplicas(req);
  const cache = readCache(req, spec.modelCacheRef);
  // First call: Crossplane has not answered yet. Wait quietly; never read it as an empty fleet.
  if (clusters.state === 'unresolved' || fleet.state === 'unresolved') {
    ctx?.log.info({ outcome: 'WaitingForRequirements' }, 'schedule');
    return buildResponse(req, { resources: kept(observed), requirements: wanted });
  }

  const ref: DeploymentRef = { name, namespace, spec };
  if (spec.replicas === 0) return respond(pass, ref, [], [], { kind: 'ScaledToZero' }, cache, wanted, undefined);

  const selectors = new CompiledSelectors();
  const compiled = compileEngines(spec, selectors);
  if (!compiled.ok) {
    celCompileErrors.inc(compiled.errors.length);
    return keepComposed(pass, { kind: 'InvalidNodeSelector', errors: compiled.errors, wanted: spec.replicas }, cache, wanted);
  }
  const selector = effectiveSelector(spec.clusterSelector, cache);
  if (!clusters.items.some((c) => matchesSelector(selector, c.labels))) {
    return keepComposed(pass, { kind: 'NoClusters', resolved: clusters.items.length, wanted: spec.replicas }, cache, wanted);
  }

  const observedReplicas = Object.values(observed).filter((o) => o.kind === MODEL_REPLICA);
  // Each pool's capacity for this pass: live while its report is fresh by the request's clock, else configured.
  const fleetClusters = withCapacitySources(clusters.items, capacityClock(requestClock(xr, observedReplicas), clusters.items));
  const healing = healingPass(spec, xr, composed, observedReplicas, fleetClusters);
  const composedNames = new Set(composed.map((r) => r.name));
  // Only this deployment's replicas count here (anything else listed is not ours to charge: the clusters' ledgers hold the fleet).
  const replicas = [...fleet.items.filter((r) => r.namespace === namespace && r.deployment === name && !composedNames.has(r.name)), ...composed];
  // Never more replicas than one response can carry (Crossplane's 4 MiB limit); the cap is in the condition.
  const cap = replicaCap(spec, composed.length);
  const replicasWanted = Math.min(spec.replicas, cap.max);
  const result = schedule({
    deployment: { name, namespace, replicas: replicasWanted, engines: compiled.engines, tolerations: spec.tolerations ?? [] },
    selector,
    clusters: fleetClusters,
    replicas,
    fill: cache.state === 'none' || cache.state === 'present',
    devices: selectors,
    healing: healing.input,
    serving: servingReplicas(composed, observed),
    strategy: resolveStrategy(spec.strategy, replicasWanted),
  });
  scheduledReplicas.inc(result.placements.filter((p) => p.retained === undefined).length);
  if (result.unschedulable.length > 0) unschedulableReplicas.inc(Math.max(0, spec.replicas - result.placements.length));

  const { resources, views } = desiredState(result, {
    ref,
    observed,
    objectOf: ownObjects(pass),
    clusters: new Map(fleetClusters.map((c) => [c.name, c] as const)),
    previous: previousWhy(xr.status),
  });
  const summary = result.unschedulable.length > 0 ? summarize(result.unschedulable, result.checked) : undefined;
  const outcome: Outcome = {
    kind: 'Scheduled',
    wanted: spec.replicas,
    checked: result.checked,
    cache,
    ...(summary ? { summary } : {}),
    ...(cap.max < spec.replicas ? { cap } : {}),
  };
  return respond(pass, ref, views, result.unschedulable.map(unschedulableEntry), outcome, cache, wanted, resources, result, healing);
}

/** Composed replicas whose observed ModelEndpoint is Ready: the ones the ModelService routes to. */
function servingReplicas(composed: readonly ObservedReplica[], observed: Readonly<Record<string, ObservedObject>>): Set<string> {
  const out = new Set<string>();
  for (const r of composed) {
    const endpoint = observed[endpointKey(r.clusterName, r.index)];
    if (r.ready && endpoint !== undefined && isReady(endpoint)) out.add(r.name);
  }
  return out;
}

/**
 * This deployment's replicas as observed, by name: composed ones first, else from the fleet list.
 * Built on first use: only replicas kept as they are need their observed object.
 */
function ownObjects(pass: Pass): (name: string) => ObservedObject | undefined {
  let byName: Map<string, ObservedObject> | undefined;
  return (name) => {
    if (byName === undefined) {
      byName = new Map();
      for (const o of Object.values(pass.observed)) if (o.kind === MODEL_REPLICA && typeof o.metadata?.name === 'string') byName.set(o.metadata.name, o);
      const fleet = requiredResources(pass.req, REQUIREMENT.replicas);
      for (const o of fleet.state === 'resolved' ? fleet.items : []) {
        const r = o.kind === MODEL_REPLICA ? readReplica(o) : undefined;
        if (r !== undefined && isOwnedBy(r, pass) && !byName.has(r.name)) byName.set(r.name, o);
      }
    }
    return byName.get(name);
  };
}

/** Observed composed resources re-emitted unchanged (server metadata and status dropped). */
function kept(observed: Readonly<Record<string, ObservedObject>>): Record<string, ComposedResource> {
  return Object.fromEntries(Object.entries(observed).map(([k, o]) => [k, { resource: keepObserved(o), ready: isReady(o) }]));
}

/** Nothing lost: keep every composed replica and endpoint as observed, and report why. */
function keepComposed(pass: Pass, outcome: Outcome, cache: CacheInput | undefined, wanted?: Decision['requirements']): RunFunctionResponse {
  const previous = previousWhy(pass.xr.status);
  const views = [...pass.composed]
    .sort((a, b) => (a.clusterName < b.clusterName ? -1 : a.clusterName > b.clusterName ? 1 : a.index - b.index || (a.name < b.name ? -1 : 1)))
    .map((r) => ({
      replica: r.name,
      cluster: r.clusterName,
      index: r.index,
      engines: r.engines.map((e) => ({
        name: e.name,
        pools: [...new Set(e.members.flatMap((m) => (m.nodePoolName ? [m.nodePoolName] : [])))],
        why: previous.get(r.name)?.engines.get(e.name),
      })),
      observed: true,
      ready: r.ready,
      why: previous.get(r.name)?.why,
    }));
  const ref = { name: pass.name, namespace: pass.namespace };
  return respond(pass, ref, views, [], outcome, cache, wanted, kept(pass.observed));
}

function respond(
  pass: Pass,
  ref: Pick<DeploymentRef, 'name' | 'namespace'>,
  views: readonly ReplicaView[],
  unschedulable: readonly UnschedulableEntry[],
  outcome: Outcome,
  cache: CacheInput | undefined,
  wanted: Decision['requirements'],
  resources: Record<string, ComposedResource> | undefined,
  result?: ScheduleResult,
  healing?: HealingPass,
): RunFunctionResponse {
  const conditions = deploymentConditions(outcome, views, cache);
  const summary = outcome.kind === 'Scheduled' ? outcome.summary : undefined;
  const events = [
    ...deploymentEvents({ conditions, replicas: views, observedXr: pass.xr, ...(summary ? { summary } : {}) }),
    ...(healing ? healingEvents(healing, pass.xr) : []),
    ...(result ? moveEvents(result, outcome.kind === 'Scheduled' ? outcome.wanted : views.length) : []),
  ];
  const status = deploymentStatus(ref.name, views, unschedulable);
  pass.ctx?.log.info(decisionLog(conditions[0]!.reason, views, result, summary), 'schedule');
  return buildResponse(pass.req, {
    resources: resources ?? {},
    status: healing ? { ...status, ...healingStatus(healing, views.length, outcome.kind === 'Scheduled' ? outcome.wanted : views.length) } : status,
    conditions,
    events,
    ready: compositeReady(conditions, Object.values(resources ?? {})),
    ...(wanted ? { requirements: wanted } : {}),
  });
}

/** The one line a pass logs at the default level: what it decided, in counts and top reasons. */
function decisionLog(outcome: string, views: readonly ReplicaView[], result: ScheduleResult | undefined, unschedulable: string | undefined) {
  return {
    outcome,
    replicas: views.length,
    ready: views.filter((v) => v.ready).length,
    placed: result?.placements.filter((p) => p.retained === undefined).length ?? 0,
    retained: result?.placements.filter((p) => p.retained !== undefined && !p.keptAsIs).length ?? views.length,
    keptAsIs: views.filter((v) => v.keptAsIs).length,
    replacing: views.filter((v) => v.replacing).length,
    dropped: (result?.dropped.length ?? 0) + (result?.scaledDown.length ?? 0),
    ...(result && result.dropped.length > 0 ? { droppedWhy: result.dropped.slice(0, 3).map((d) => `${d.replica.name}: ${d.why}`) } : {}),
    ...(unschedulable ? { unschedulable } : {}),
  };
}
