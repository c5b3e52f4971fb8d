// fn-schedule: the fleet scheduler for ModelDeployment. A thin shell around the pure scheduler:
//
//   request -> requirements / typed inputs (inputs.ts, compile.ts) -> schedule() ->
//   ModelReplicas + ModelEndpoints (replica.ts, endpoint.ts) -> status, conditions, events
//
// Nothing is lost on bad or missing input: until the fleet requirements resolve, on a spec that
// does not parse, a selector that does not compile, or when no cluster is selected, the function
// re-emits what it observes as composed, unchanged, and reports why.
import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { isReady } from '../lib/k8s/objects';
import { matchesSelector } from '../lib/k8s/selectors';
import { observedComposite, observedResources, type ObservedObject } from '../lib/request';
import { buildResponse, fatalResponse, keepObserved, type ComposedResource, type Decision } from '../lib/response';
import { counter, type ComposeContext } from '../lib/runtime';
import { formatIssues, parseModelDeploymentSpec } from '../lib/schema';
import { compileEngines } from './compile';
import { endpointKey, buildEndpoint } from './endpoint';
import { deploymentEvents } from './events';
import { effectiveSelector, readCache, readClusters, readFleetReplicas, readReplica, requirements, type CacheInput } from './inputs';
import { buildReplica, replicaKey, type DeploymentRef } from './replica';
import { CompiledSelectors } from './scheduler/devices';
import { summarize, unschedulableEntry, type UnschedulableEntry } from './scheduler/explain';
import { isOwnedBy, schedule } from './scheduler/schedule';
import type { ObservedReplica, Placement } from './scheduler/types';
import { deploymentConditions, deploymentStatus, type Outcome, type ReplicaView } from './status';

const scheduledReplicas = counter('modelplane_schedule_replicas_scheduled_total', 'Replicas newly placed on a cluster by fn-schedule.', []);
const unschedulableReplicas = counter('modelplane_schedule_replicas_unschedulable_total', 'Replicas fn-schedule wanted but found no cluster for, per pass.', []);
const celCompileErrors = counter('modelplane_schedule_cel_compile_errors_total', 'nodeSelector CEL expressions that failed to compile.', []);

const MODEL_REPLICA = 'ModelReplica';

interface Pass {
  readonly req: RunFunctionRequest;
  readonly xr: ObservedObject;
  readonly name: string;
  readonly namespace: string;
  readonly observed: Readonly<Record<string, ObservedObject>>;
  /** This XR's composed ModelReplicas, read as scheduler input (ours by construction). */
  readonly composed: readonly ObservedReplica[];
}

export function compose(req: RunFunctionRequest, ctx?: ComposeContext): RunFunctionResponse {
  const xr = observedComposite(req);
  const name = xr?.metadata?.name;
  if (xr === undefined || typeof name !== 'string' || name === '') return fatalResponse(req, 'fn-schedule: the request has no observed ModelDeployment');
  const namespace = typeof xr.metadata?.namespace === 'string' ? xr.metadata.namespace : '';
  const observed = observedResources(req);
  const composed = Object.values(observed)
    .filter((o) => o.kind === MODEL_REPLICA)
    .map(readReplica)
    .filter((r): r is ObservedReplica => r !== undefined)
    .map((r) => ({ ...r, namespace, deployment: name }));
  const pass: Pass = { req, xr, name, namespace, observed, composed };

  const parsed = parseModelDeploymentSpec(xr.spec);
  if (!parsed.ok) return keepComposed(pass, { kind: 'InvalidSpec', message: `Invalid spec: ${formatIssues(parsed.issues)}` }, undefined);
  const spec = parsed.value;
  const wanted = requirements(spec, namespace);
  const clusters = readClusters(req);
  const fleet = readFleetReplicas(req);
  const cache = readCache(req, spec.modelCacheRef);
  // First call: Crossplane has not answered yet. Wait quietly; never read it as an empty fleet.
  if (clusters.state === 'unresolved' || fleet.state === 'unresolved') return buildResponse(req, { resources: kept(observed), requirements: wanted });

  const ref: DeploymentRef = { name, namespace, spec };
  if (spec.replicas === 0) return respond(pass, ref, [], [], { kind: 'ScaledToZero' }, cache, wanted, undefined);

  const selectors = new CompiledSelectors();
  const compiled = compileEngines(spec, selectors);
  if (!compiled.ok) {
    celCompileErrors.inc(compiled.errors.length);
    return keepComposed(pass, { kind: 'InvalidNodeSelector', errors: compiled.errors }, cache, wanted);
  }
  const selector = effectiveSelector(spec.clusterSelector, cache);
  if (!clusters.items.some((c) => matchesSelector(selector, c.labels))) {
    return keepComposed(pass, { kind: 'NoClusters', resolved: clusters.items.length }, cache, wanted);
  }

  const composedNames = new Set(composed.map((r) => r.name));
  const replicas = [...fleet.items.filter((r) => !(r.namespace === namespace && composedNames.has(r.name))), ...composed];
  const result = schedule({
    deployment: { name, namespace, replicas: spec.replicas, engines: compiled.engines, tolerations: spec.tolerations ?? [] },
    selector,
    clusters: clusters.items,
    replicas,
    fill: cache.state === 'none' || cache.state === 'present',
    devices: selectors,
  });
  for (const d of result.dropped) ctx?.log.info({ replica: d.replica.name, cluster: d.replica.clusterName, why: d.why }, 'replica no longer fits its cluster; re-placing it');
  scheduledReplicas.inc(result.placements.filter((p) => p.retained === undefined).length);
  if (result.unschedulable.length > 0) unschedulableReplicas.inc(Math.max(0, spec.replicas - result.placements.length));

  const own = new Map(replicas.filter((r) => isOwnedBy(r, { name, namespace })).map((r) => [r.name, r] as const));
  const gateways = new Map(clusters.items.map((c) => [c.name, c.gatewayAddress] as const));
  const resources: Record<string, ComposedResource> = {};
  const views: ReplicaView[] = [];
  for (const p of result.placements) {
    const resource = buildReplica(ref, p);
    const replica = (resource.metadata as { name: string }).name;
    const seen = own.get(replica);
    resources[replicaKey(p.cluster, p.index)] = { resource, ready: seen?.ready ?? false };
    const address = gateways.get(p.cluster);
    if (seen?.ready && address) {
      const key = endpointKey(p.cluster, p.index);
      resources[key] = { resource: buildEndpoint(ref, p, address), ready: isReady(observed[key]) };
    }
    views.push(view(replica, p, seen));
  }
  const summary = result.unschedulable.length > 0 ? summarize(result.unschedulable, result.checked) : undefined;
  const outcome: Outcome = { kind: 'Scheduled', wanted: spec.replicas, checked: result.checked, cache };
  return respond(pass, ref, views, result.unschedulable.map(unschedulableEntry), outcome, cache, wanted, resources, summary);
}

function view(replica: string, p: Placement, seen: ObservedReplica | undefined): ReplicaView {
  const engines = p.engines.map((e) => ({ name: e.name, pools: [...new Set(e.members.map((m) => m.nodePoolName))] }));
  return { replica, cluster: p.cluster, index: p.index, engines, observed: seen !== undefined, ready: seen?.ready ?? false };
}

/** Observed composed resources re-emitted unchanged (server metadata and status dropped). */
function kept(observed: Readonly<Record<string, ObservedObject>>): Record<string, ComposedResource> {
  return Object.fromEntries(Object.entries(observed).map(([k, o]) => [k, { resource: keepObserved(o), ready: isReady(o) }]));
}

/** Nothing lost: keep every composed replica and endpoint as observed, and report why. */
function keepComposed(pass: Pass, outcome: Outcome, cache: CacheInput | undefined, wanted?: Decision['requirements']): RunFunctionResponse {
  const views = [...pass.composed]
    .sort((a, b) => (a.clusterName < b.clusterName ? -1 : a.clusterName > b.clusterName ? 1 : a.index - b.index || (a.name < b.name ? -1 : 1)))
    .map((r) => ({
      replica: r.name,
      cluster: r.clusterName,
      index: r.index,
      engines: r.engines.map((e) => ({ name: e.name, pools: [...new Set(e.members.flatMap((m) => (m.nodePoolName ? [m.nodePoolName] : [])))] })),
      observed: true,
      ready: r.ready,
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
  summary?: string,
): RunFunctionResponse {
  const conditions = deploymentConditions(outcome, views, cache);
  const events = deploymentEvents({ conditions, replicas: views, observedXr: pass.xr, ...(summary ? { summary } : {}) });
  return buildResponse(pass.req, {
    resources: resources ?? {},
    status: deploymentStatus(ref.name, views, unschedulable),
    conditions,
    events,
    ...(wanted ? { requirements: wanted } : {}),
  });
}
