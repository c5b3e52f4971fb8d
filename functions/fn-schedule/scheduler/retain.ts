// Retain: which of this deployment's replicas keep their cluster, and what happens to the rest.
//
// Invariants (scheduling.md, "When existing replicas move or go"). For each replica, in name
// order (so on a duplicate identity (cluster, index) the first by name wins):
// - keep, rewritten to the current spec, while: its cluster is selected and has no untolerated
//   NoExecute taint; its engines line up with the deployment (same count, matched by name, same
//   member count, members by position with equal roles); every member's pinned pool is published
//   and still matches the member's nodeSelector; every engine still claims something. Device
//   requests are re-resolved from the current selectors, and the observed ones kept when they
//   claim the same (sameClaims). Readiness and capacity are not checked.
// - keep as it is when the answer is "cannot tell": a selector that cannot be evaluated on the
//   pinned pool (SelectorError), or a pinned pool missing from a cluster whose published status is
//   missing, malformed or lags its spec (ClusterStatusUnknown). Never read as "no longer fits".
// - superseded when a valid change means it no longer fits (cluster no longer selected, pool gone
//   or no longer matching, engines changed) or its cluster is drained (an untolerated NoExecute
//   taint): it is replaced before it is removed (schedule.ts), like every voluntary move.
// - dropped at once on a duplicate identity.
// A definite mismatch anywhere in the replica outweighs a "cannot tell" elsewhere in it.
import { formatTaint, untoleratedTaints, type TolerationLike } from '../../lib/k8s/tolerations';
import type { MatchCache } from './match';
import type { CannotTellWhy, Cluster, Dropped, EngineSpec, ObservedReplica, PlacedEngine, Placement, ResolvedRequest, Superseded } from './types';

export interface RetainContext {
  readonly engines: readonly EngineSpec[];
  /** Selected clusters by name. */
  readonly selected: ReadonlyMap<string, Cluster>;
  readonly tolerations: readonly TolerationLike[];
  readonly matches: MatchCache;
}

export interface Retention {
  /** Kept: rewritten to the current spec, or kept as it is (`keptAsIs`). */
  readonly retained: readonly Placement[];
  readonly superseded: readonly Superseded[];
  readonly dropped: readonly Dropped[];
}

export type RetainVerdict = { readonly keep: readonly PlacedEngine[] } | { readonly cannotTell: CannotTellWhy } | { readonly supersede: string };

/** Name order; on a duplicate name (junk input) the same one first in any input order. */
const byName = (a: ObservedReplica, b: ObservedReplica) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;

/**
 * The current selectors resolve to the same claims (names, device classes, counts) as the replica
 * carries. Every node of a pool carries the same devices, so what runs already satisfies the new
 * selectors: the replica keeps its requests, and a selector edit restarts nothing.
 */
const sameClaims = (observed: readonly ResolvedRequest[], resolved: readonly ResolvedRequest[]): boolean =>
  observed.length === resolved.length &&
  observed.every((o, i) => o.name === resolved[i]!.name && o.deviceClassName === resolved[i]!.deviceClassName && o.count === resolved[i]!.count);

/** Why a pinned pool the cluster does not publish cannot be judged, if it cannot. */
function missingPoolUnknown(cluster: Cluster, pool: string): CannotTellWhy | undefined {
  if (cluster.poolsUnknown !== undefined) return { reason: 'ClusterStatusUnknown', message: `cluster ${cluster.name}: ${cluster.poolsUnknown}` };
  if (cluster.specPools.includes(pool)) {
    return { reason: 'ClusterStatusUnknown', message: `cluster ${cluster.name}: pool ${pool} is in spec.nodePools but not in status.gpuPools` };
  }
  return undefined;
}

/** What becomes of one replica of this deployment. */
export function judgeReplica(replica: ObservedReplica, ctx: RetainContext): RetainVerdict {
  const cluster = ctx.selected.get(replica.clusterName);
  if (cluster === undefined) return { supersede: `cluster ${replica.clusterName} is not selected` };
  const drain = untoleratedTaints(cluster.taints, ctx.tolerations, ['NoExecute']);
  // A drain is a voluntary move: make before break, like a spec edit.
  if (drain.length > 0) return { supersede: `cluster ${cluster.name} has untolerated taint ${drain.map(formatTaint).join(', ')}` };
  if (replica.engines.length !== ctx.engines.length) return { supersede: `engine count changed from ${replica.engines.length} to ${ctx.engines.length}` };
  const match = ctx.matches.of(cluster);
  const out: PlacedEngine[] = [];
  let unknown: CannotTellWhy | undefined;
  for (let e = 0; e < ctx.engines.length; e++) {
    const engine = ctx.engines[e]!;
    const observed = replica.engines.find((o) => o.name === engine.name);
    if (observed === undefined) return { supersede: `engine ${engine.name} is new` };
    if (observed.members.length !== engine.members.length) return { supersede: `engine ${engine.name} changed its member count` };
    const members = [];
    let claims = false;
    let engineUnknown = false;
    for (let m = 0; m < engine.members.length; m++) {
      const pinned = observed.members[m]!;
      if (pinned.role !== engine.members[m]!.role) return { supersede: `engine ${engine.name} member ${m} changed role` };
      const p = pinned.nodePoolName === undefined ? -1 : cluster.pools.findIndex((pool) => pool.name === pinned.nodePoolName);
      if (p < 0) {
        const why = pinned.nodePoolName === undefined ? undefined : missingPoolUnknown(cluster, pinned.nodePoolName);
        if (why === undefined) return { supersede: `engine ${engine.name} pool ${pinned.nodePoolName ?? '(none)'} is no longer published` };
        unknown ??= why;
        engineUnknown = true;
        continue;
      }
      const mm = match[e]!.members[p]![m]!;
      if (mm.fits === false) return { supersede: `engine ${engine.name} pool ${pinned.nodePoolName} lacks device for request ${mm.request}` };
      if (mm.fits === 'unknown') {
        const { field, device, error } = mm.cannotTell;
        unknown ??= { reason: 'SelectorError', message: `${field} cannot be evaluated on device ${device} of pool ${pinned.nodePoolName} (cluster ${cluster.name}): ${error}` };
        engineUnknown = true;
        continue;
      }
      claims ||= mm.dra.length > 0;
      members.push({ nodePoolName: pinned.nodePoolName!, deviceRequests: sameClaims(pinned.requests, mm.dra) ? pinned.requests : mm.dra });
    }
    if (engineUnknown) continue;
    if (!claims) return { supersede: `engine ${engine.name} claims no DRA device on its pools` };
    out.push({ name: engine.name, members });
  }
  return unknown !== undefined ? { cannotTell: unknown } : { keep: out };
}

/** The engines of a replica kept as it is, as observed (pools only: its requests are not re-resolved). */
const observedEngines = (r: ObservedReplica): PlacedEngine[] =>
  r.engines.map((e) => ({ name: e.name, members: e.members.map((m) => ({ nodePoolName: m.nodePoolName ?? '', deviceRequests: [] })) }));

export function retainReplicas(own: readonly ObservedReplica[], ctx: RetainContext): Retention {
  const retained: Placement[] = [];
  const superseded: Superseded[] = [];
  const dropped: Dropped[] = [];
  const seen = new Set<string>();
  for (const replica of [...own].sort(byName)) {
    const identity = `${replica.clusterName}\u0000${replica.index}`;
    if (seen.has(identity)) {
      dropped.push({ replica, why: `duplicate of replica ${replica.index} on cluster ${replica.clusterName}` });
      continue;
    }
    seen.add(identity);
    const v = judgeReplica(replica, ctx);
    const at = { cluster: replica.clusterName, index: replica.index, retained: replica };
    if ('keep' in v) retained.push({ ...at, engines: v.keep });
    else if ('cannotTell' in v) retained.push({ ...at, engines: observedEngines(replica), keptAsIs: v.cannotTell });
    else superseded.push({ replica, why: v.supersede });
  }
  return { retained, superseded, dropped };
}
