// The schedule turned into desired composed resources and the status's view of each replica.
//
// - A placement that fits is written from the current spec (buildReplica): new replicas, and
//   retained ones (so a template change rolls out in place).
// - A replica kept as it is (its fit cannot be told) or kept while it is replaced is re-emitted
//   exactly as observed: the function cannot vouch for a rewrite of it.
// - An endpoint exists for a replica observed Ready on a cluster with a gateway address. When the
//   cluster's published status cannot be read, an observed endpoint is kept as it is rather than
//   withdrawn on a status that says nothing.
import { isReady } from '../lib/k8s/objects';
import type { ObservedObject } from '../lib/request';
import { keepObserved, type ComposedResource } from '../lib/response';
import { buildEndpoint, endpointKey } from './endpoint';
import { buildReplica, replicaKey, type DeploymentRef } from './replica';
import type { Cluster, ObservedReplica, Placement, ScheduleResult } from './scheduler/types';
import type { PreviousWhy, ReplicaView } from './status';

export interface DesiredContext {
  readonly ref: DeploymentRef;
  /** Observed composed resources by key. */
  readonly observed: Readonly<Record<string, ObservedObject>>;
  /** One of this deployment's replicas as observed, by name (composed ones, else from the fleet list). */
  readonly objectOf: (name: string) => ObservedObject | undefined;
  readonly clusters: ReadonlyMap<string, Cluster>;
  /** Explanations carried from the observed status, by replica name. */
  readonly previous: ReadonlyMap<string, PreviousWhy>;
}

export interface Desired {
  readonly resources: Record<string, ComposedResource>;
  /** Sorted by (cluster, index). */
  readonly views: readonly ReplicaView[];
}

const byIdentity = (a: ReplicaView, b: ReplicaView) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : a.index - b.index);

export function desiredState(result: ScheduleResult, ctx: DesiredContext): Desired {
  const resources: Record<string, ComposedResource> = {};
  const views: ReplicaView[] = [];

  /** The replica's manifest (written or kept) and the endpoint that goes with it. */
  const emit = (cluster: string, index: number, seen: ObservedReplica | undefined, write: (() => Record<string, unknown>) | undefined, keepEndpoint = false) => {
    const kept = seen && !write ? ctx.objectOf(seen.name) : undefined;
    const resource = write ? write() : keepObserved(kept ?? {});
    resources[replicaKey(cluster, index)] = { resource, ready: seen?.ready ?? false };
    const key = endpointKey(cluster, index);
    const c = ctx.clusters.get(cluster);
    if (seen?.ready && c?.gatewayAddress) resources[key] = { resource: buildEndpoint(ctx.ref, { cluster, index }, c.gatewayAddress), ready: isReady(ctx.observed[key]) };
    // Cannot tell (the cluster's status cannot be read, or a replica being replaced on a cluster no
    // longer listed): an observed endpoint is kept as it is, so traffic moves only once the replacement serves.
    else if (ctx.observed[key] && (c?.poolsUnknown !== undefined || (c === undefined && keepEndpoint && seen?.ready === true)))
      resources[key] = { resource: keepObserved(ctx.observed[key]), ready: isReady(ctx.observed[key]) };
    return (resource.metadata as { name?: string } | undefined)?.name ?? seen?.name ?? '';
  };

  for (const p of result.placements) {
    const seen = p.retained;
    const replica = emit(p.cluster, p.index, seen, p.keptAsIs ? undefined : () => buildReplica(ctx.ref, p));
    views.push(view(replica, p, seen, ctx.previous.get(replica)));
  }
  for (const s of result.replacing) {
    const r = s.replica;
    const replica = emit(r.clusterName, r.index, r, undefined, true);
    const before = ctx.previous.get(r.name);
    const pools = r.engines.map((e) => ({
      name: e.name,
      pools: [...new Set(e.members.flatMap((m) => (m.nodePoolName ? [m.nodePoolName] : [])))],
      why: before?.engines.get(e.name),
    }));
    views.push({
      replica,
      cluster: r.clusterName,
      index: r.index,
      engines: pools,
      observed: true,
      ready: r.ready,
      why: ctx.previous.get(replica)?.why,
      replacing: s.why,
      ...(s.stranded ? { stranded: true } : {}),
    });
  }
  return { resources, views: views.sort(byIdentity) };
}

function view(replica: string, p: Placement, seen: ObservedReplica | undefined, previous: PreviousWhy | undefined): ReplicaView {
  const engines = p.engines.map((e, i) => ({
    name: e.name,
    pools: [...new Set(e.members.flatMap((m) => (m.nodePoolName ? [m.nodePoolName] : [])))],
    why: p.why?.pools[i] ?? previous?.engines.get(e.name),
  }));
  return {
    replica,
    cluster: p.cluster,
    index: p.index,
    engines,
    observed: seen !== undefined,
    ready: seen?.ready ?? false,
    why: p.why?.cluster ?? previous?.why,
    keptAsIs: p.keptAsIs,
  };
}
