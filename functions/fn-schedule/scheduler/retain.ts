// Retain: which of this deployment's replicas keep their cluster.
//
// Invariants (scheduling.md, "Phases / Retain"): a replica stays while
// - its cluster is still in the selected set and has no untolerated NoExecute taint;
// - its engines line up with the deployment (same count, matched by name, same member count,
//   members matched by position with equal roles);
// - every member's pinned pool is still published and still matches the member's nodeSelector;
// - every engine still claims something on its pinned pools.
// Readiness and capacity are not checked (a degraded cluster keeps its replicas). Device requests
// are re-resolved from the current selectors. Replicas are taken in name order, so on a duplicate
// identity (cluster, index) the first by name wins.
import { formatTaint, untoleratedTaints, type TolerationLike } from '../../lib/k8s/tolerations';
import type { MatchCache } from './match';
import type { Cluster, Dropped, EngineSpec, ObservedReplica, PlacedEngine, Placement } from './types';

export interface RetainContext {
  readonly engines: readonly EngineSpec[];
  /** Selected clusters by name. */
  readonly selected: ReadonlyMap<string, Cluster>;
  readonly tolerations: readonly TolerationLike[];
  readonly matches: MatchCache;
}

export interface Retention {
  readonly retained: readonly Placement[];
  readonly dropped: readonly Dropped[];
}

const byName = (a: ObservedReplica, b: ObservedReplica) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The engines the replica keeps, or why it cannot keep its cluster. */
export function retainedEngines(replica: ObservedReplica, ctx: RetainContext): PlacedEngine[] | string {
  const cluster = ctx.selected.get(replica.clusterName);
  if (cluster === undefined) return `cluster ${replica.clusterName} is not selected`;
  const drain = untoleratedTaints(cluster.taints, ctx.tolerations, ['NoExecute']);
  if (drain.length > 0) return `cluster ${cluster.name} has untolerated taint ${drain.map(formatTaint).join(', ')}`;
  if (replica.engines.length !== ctx.engines.length) return `engine count changed from ${replica.engines.length} to ${ctx.engines.length}`;
  const match = ctx.matches.of(cluster);
  const out: PlacedEngine[] = [];
  for (let e = 0; e < ctx.engines.length; e++) {
    const engine = ctx.engines[e]!;
    const observed = replica.engines.find((o) => o.name === engine.name);
    if (observed === undefined) return `engine ${engine.name} is new`;
    if (observed.members.length !== engine.members.length) return `engine ${engine.name} changed its member count`;
    const members = [];
    let claims = false;
    for (let m = 0; m < engine.members.length; m++) {
      const pinned = observed.members[m]!;
      if (pinned.role !== engine.members[m]!.role) return `engine ${engine.name} member ${m} changed role`;
      const p = pinned.nodePoolName === undefined ? -1 : cluster.pools.findIndex((pool) => pool.name === pinned.nodePoolName);
      if (p < 0) return `engine ${engine.name} pool ${pinned.nodePoolName ?? '(none)'} is no longer published`;
      const mm = match[e]!.members[p]![m]!;
      if (!mm.fits) return `engine ${engine.name} pool ${pinned.nodePoolName} lacks device for request ${mm.request}`;
      claims ||= mm.dra.length > 0;
      members.push({ nodePoolName: pinned.nodePoolName!, deviceRequests: mm.dra });
    }
    if (!claims) return `engine ${engine.name} claims no DRA device on its pools`;
    out.push({ name: engine.name, members });
  }
  return out;
}

export function retainReplicas(own: readonly ObservedReplica[], ctx: RetainContext): Retention {
  const retained: Placement[] = [];
  const dropped: Dropped[] = [];
  const seen = new Set<string>();
  for (const replica of [...own].sort(byName)) {
    const identity = `${replica.clusterName}\u0000${replica.index}`;
    if (seen.has(identity)) {
      dropped.push({ replica, why: `duplicate of replica ${replica.index} on cluster ${replica.clusterName}` });
      continue;
    }
    seen.add(identity);
    const engines = retainedEngines(replica, ctx);
    if (typeof engines === 'string') dropped.push({ replica, why: engines });
    else retained.push({ cluster: replica.clusterName, index: replica.index, engines, retained: replica });
  }
  return { retained, dropped };
}
