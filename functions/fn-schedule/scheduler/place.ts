// Fitting one whole replica on one cluster against the ledger.
//
// Invariants (scheduling.md, "Placing an engine on a cluster"):
// - an engine goes on exactly one pool: the first (published order) that it matches and whose
//   free nodes cover its cost;
// - an engine with no member claimable anywhere on the cluster does not fit (reported as the pools'
//   missing devices when its requests match nothing, as "claims no DRA device" when they only
//   match Synthetic devices);
// - the engines are placed in deployment order against one trial copy of the cluster's free
//   counts: all fit, or the replica does not fit on that cluster.
import type { PoolRejection, Rejection } from './explain';
import type { ClusterMatch } from './match';
import type { Cluster, EngineSpec, PlacedEngine } from './types';

export interface ReplicaFit {
  readonly ok: true;
  /** Chosen pool index per engine. */
  readonly pools: readonly number[];
  /** Nodes charged per engine. */
  readonly costs: readonly number[];
}

/**
 * `free` is asked for only once some engine matches a pool: a cluster whose pools match nothing
 * is rejected without touching the ledger.
 */
export function fitReplica(cluster: Cluster, engines: readonly EngineSpec[], match: ClusterMatch, free: () => readonly number[]): ReplicaFit | Rejection {
  let trial: number[] | undefined;
  const pools: number[] = [];
  const costs: number[] = [];
  for (let e = 0; e < engines.length; e++) {
    const em = match[e]!;
    const engine = engines[e]!.name;
    // Nothing claimable: either the requests find no device at all (say which pool lacks what), or
    // they only ever match Synthetic devices.
    if (!em.claimable && em.pools.some((p) => p.ok)) return { code: 'NoClaimableMember', cluster: cluster.name, engine };
    if (!em.claimable) return { code: 'NoMatchingPool', cluster: cluster.name, engine, pools: em.pools.map((p) => (p as { rejection: PoolRejection }).rejection) };
    if (em.pools.some((p) => p.ok)) trial ??= [...free()];
    const t = trial;
    const chosen = t === undefined ? -1 : em.pools.findIndex((p, i) => p.ok && t[i]! >= p.cost);
    if (chosen < 0) {
      const pools = em.pools.map((p, i) =>
        p.ok ? { kind: 'InsufficientNodes' as const, pool: cluster.pools[i]!.name, needed: p.cost, free: t![i]! } : p.rejection,
      );
      return { code: 'NoMatchingPool', cluster: cluster.name, engine, pools };
    }
    const cost = (em.pools[chosen] as { cost: number }).cost;
    t![chosen]! -= cost;
    pools.push(chosen);
    costs.push(cost);
  }
  return { ok: true, pools, costs };
}

/** The engines of a fitted replica as the output describes them. */
export function placedEngines(cluster: Cluster, engines: readonly EngineSpec[], match: ClusterMatch, pools: readonly number[]): PlacedEngine[] {
  return engines.map((engine, e) => {
    const p = pools[e]!;
    const poolName = cluster.pools[p]!.name;
    return {
      name: engine.name,
      members: engine.members.map((_, m) => {
        const mm = match[e]!.members[p]![m]!;
        return { nodePoolName: poolName, deviceRequests: mm.fits ? mm.dra : [] };
      }),
    };
  });
}
