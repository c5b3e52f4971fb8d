// fn-modelcache: stage a ModelCache's weights once per matched InferenceCluster.
// The thin shell: read the request -> parse -> per cluster: phase, then plan -> status -> response.
import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { checkComposite, observedResources, requiredResources, type ObservedObject } from '../lib/request';
import { buildResponse, COMPOSED_BUDGET_BYTES, condition, fatalResponse, jsonBytes, keepObserved, warnOnFalse, type ComposedResource, type KubeObject } from '../lib/response';
import { FUNCTION_NAMES, formatIssues, parseModelCacheSpec, type ModelCacheSpec, type ModelCacheStatus } from '../lib/schema';
import { CONDITION, REASON, USER_FIXABLE } from './conditions';
import { AUTH_SECRET_REQUIREMENT, CLUSTERS_REQUIREMENT, readAuthSecret, readClusters, requirements } from './inputs';
import { KEY, parseKey, type CacheRef } from './names';
import { clusterPhase, type ClusterStatus } from './phases';
import { hydrationBlocker, planCluster, type ObservedForCluster } from './plan';
import { artifactOf } from './sources';
import { artifactReady, cacheEvents, cacheStatus, clustersMatched, observedStatusFields, previousStatus } from './status';

type Logger = { debug: (obj: object, msg?: string) => void };

/** Every observed composed resource, unchanged: for runs that cannot compute desired state. */
function keepAll(observed: Record<string, ObservedObject>): Record<string, ComposedResource> {
  return Object.fromEntries(Object.entries(observed).map(([k, obj]) => [k, { resource: keepObserved(obj) }]));
}

function groupByCluster(observed: Record<string, ObservedObject>): Map<string, ObservedForCluster> {
  const out = new Map<string, { pvc?: KubeObject; jobs: Record<string, KubeObject>; token?: KubeObject }>();
  for (const [key, obj] of Object.entries(observed)) {
    const parsed = parseKey(key);
    if (!parsed) continue;
    const entry = out.get(parsed.cluster) ?? { jobs: {} };
    if (parsed.kind === 'pvc') entry.pvc = obj;
    else if (parsed.kind === 'token') entry.token = obj;
    else entry.jobs[key] = obj;
    out.set(parsed.cluster, entry);
  }
  return out;
}

/** Clusters already holding this cache's objects first (they always stay), then the rest; each by name. */
function budgetOrder<C extends { readonly name: string }>(clusters: readonly C[], held: ReadonlyMap<string, unknown>): C[] {
  return [...clusters.filter((c) => held.has(c.name)), ...clusters.filter((c) => !held.has(c.name))];
}

function invalidSpec(req: RunFunctionRequest, xrStatus: unknown, observed: Record<string, ObservedObject>, message: string): RunFunctionResponse {
  const conditions = [condition(CONDITION.clustersMatched, 'Unknown', REASON.invalidSpec, message), condition(CONDITION.artifactReady, 'False', REASON.invalidSpec, message)];
  return buildResponse(req, { resources: keepAll(observed), status: observedStatusFields(xrStatus), conditions, events: warnOnFalse(conditions, USER_FIXABLE) });
}

export function compose(req: RunFunctionRequest, ctx?: { log: Logger }): RunFunctionResponse {
  const checked = checkComposite(req, FUNCTION_NAMES.modelcache);
  if (!checked.ok) return fatalResponse(req, checked.message);
  const { xr, name, namespace } = checked;
  const cache: CacheRef = { namespace, name };
  const observed = observedResources(req);
  const parsed = parseModelCacheSpec(xr?.spec);
  if (!parsed.ok) return invalidSpec(req, xr?.status, observed, `invalid spec: ${formatIssues(parsed.issues)}`);
  const spec: ModelCacheSpec = parsed.value;
  const artifact = artifactOf(spec);
  if (!artifact) return invalidSpec(req, xr?.status, observed, `invalid spec: spec.${spec.source === 'NGC' ? 'ngc' : 'huggingFace'} is required`);

  const matchLabels = spec.clusterSelector?.matchLabels;
  const reqs = requirements(namespace, matchLabels ?? {}, artifact.authSecret);
  const clusters = readClusters(requiredResources(req, CLUSTERS_REQUIREMENT), matchLabels ?? {});
  const auth = readAuthSecret(artifact.authSecret ? requiredResources(req, AUTH_SECRET_REQUIREMENT) : undefined, artifact.authSecret);

  if (clusters.state === 'unresolved') {
    const conditions = [
      condition(CONDITION.clustersMatched, 'Unknown', REASON.resolving, 'waiting for Crossplane to resolve the matching InferenceClusters'),
      condition(CONDITION.artifactReady, 'Unknown', REASON.resolving, 'waiting for Crossplane to resolve the matching InferenceClusters'),
    ];
    return buildResponse(req, { resources: keepAll(observed), status: observedStatusFields(xr?.status), conditions, requirements: reqs });
  }

  const previous = previousStatus(xr?.status);
  const byCluster = groupByCluster(observed);
  const staged = new Map<string, { status: ClusterStatus; planned: Record<string, ComposedResource> }>();
  let spent = 0;
  const deferred: string[] = [];
  for (const cluster of budgetOrder(clusters.clusters, byCluster)) {
    const held = byCluster.has(cluster.name);
    // Past the response budget, clusters that hold nothing yet wait (not even planned: time and
    // memory stay flat in the clusters left out); clusters already holding a copy always stay.
    if (!held && deferred.length > 0) {
      deferred.push(cluster.name);
      continue;
    }
    const seen: ObservedForCluster = byCluster.get(cluster.name) ?? { jobs: {} };
    const blocked = hydrationBlocker(cluster, artifact, auth);
    const status = clusterPhase({
      name: cluster.name,
      artifact: artifact.id,
      ...(previous.has(cluster.name) ? { previous: previous.get(cluster.name)! } : {}),
      pvcObject: seen.pvc,
      jobObject: seen.jobs[KEY.job(cluster.name, artifact.digest)],
      ...(blocked ? { blocked } : {}),
    });
    const planned = planCluster({ cache, sizeGiB: spec.sizeGiB, artifact, cluster, status, observed: seen, auth });
    const bytes = jsonBytes(planned);
    if (!held && spent + bytes > COMPOSED_BUDGET_BYTES) {
      deferred.push(cluster.name);
      continue;
    }
    spent += bytes;
    staged.set(cluster.name, { status, planned });
  }
  // Emitted in cluster-name order whatever order the budget visited them in: same input, same bytes.
  const inOrder = clusters.clusters.flatMap((c) => staged.get(c.name) ?? []);
  const statuses: ClusterStatus[] = inOrder.map((s) => s.status);
  let resources: Record<string, ComposedResource> = Object.assign({}, ...inOrder.map((s) => s.planned));
  // A cluster that leaves the selector loses its volume (and the weights) like any dropped key. But
  // when nothing at all would remain (no cluster matches, or none can hold the cache right now),
  // keep what exists rather than delete every copy on one answer.
  if (Object.keys(resources).length === 0) resources = keepAll(observed);
  // Keys this function does not make (an older version's, another step's) are not ours to delete.
  for (const [key, obj] of Object.entries(observed)) if (!parseKey(key) && !Object.hasOwn(resources, key)) resources[key] = { resource: keepObserved(obj) };

  const status = cacheStatus(statuses);
  const conditions = [clustersMatched(statuses.length, matchLabels, deferred.length), artifactReady(status, auth, artifact.authSecret)];
  ctx?.log.debug({ ready: status.summary.ready, total: status.summary.total, artifact: artifact.id }, 'model cache');
  return buildResponse(req, {
    resources,
    status: { summary: status.summary, clusters: [...status.clusters] } satisfies ModelCacheStatus,
    conditions,
    events: cacheEvents(conditions, status.clusters, previous),
    requirements: reqs,
  });
}
