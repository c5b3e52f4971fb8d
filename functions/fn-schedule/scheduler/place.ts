// Fitting one whole replica on one cluster against the ledger.
//
// Invariants (scheduling.md, "Placing an engine on a cluster"):
// - an engine goes on exactly one pool: among the pools that pass every pool filter (device match,
//   free nodes), the best by the pool scorers, then the first in published order;
// - an engine with no member claimable anywhere on the cluster does not fit (reported as the pools'
//   missing devices when its requests match nothing, as "claims no DRA device" when they only
//   match Synthetic devices);
// - the engines are placed in deployment order against one trial copy of the cluster's free
//   devices per node: all fit, or the replica does not fit on that cluster.
import type { NodeBins, PodGroup } from '../../lib/capacity';
import type { PoolRejection, Rejection } from './explain';
import { compareScores, firstRejection, scoresOf, type Plugins, type PoolCandidate } from './framework';
import type { ClusterMatch } from './match';
import type { Cluster, EngineSpec, PlacedEngine } from './types';
import { poolWhy } from './why';
import { capacityNote } from './live';

export interface ReplicaFit {
  readonly ok: true;
  /** Chosen pool index per engine. */
  readonly pools: readonly number[];
  /** The pods charged per engine, on its pool. */
  readonly groups: readonly (readonly PodGroup[])[];
  /** Per engine: why that pool (why.ts). */
  readonly why: readonly string[];
}

interface Passing {
  readonly index: number;
  readonly scores: readonly number[];
}

/**
 * `bins` is asked for only once some engine matches a pool: a cluster whose pools match nothing
 * is rejected without touching the ledger.
 */
export function fitReplica(
  cluster: Cluster,
  engines: readonly EngineSpec[],
  match: ClusterMatch,
  bins: () => NodeBins[],
  plugins: Pick<Plugins, 'poolFilters' | 'poolScorers'>,
): ReplicaFit | Rejection {
  let trial: NodeBins[] | undefined;
  const binsOf = (i: number) => (trial ??= bins())[i]!;
  const pools: number[] = [];
  const groups: (readonly PodGroup[])[] = [];
  const why: string[] = [];
  for (let e = 0; e < engines.length; e++) {
    const em = match[e]!;
    const engine = engines[e]!;
    // Nothing claimable: either the requests find no device at all (say which pool lacks what), or
    // they only ever match Synthetic devices.
    if (!em.claimable && em.pools.some((p) => p.ok)) return { code: 'NoClaimableMember', cluster: cluster.name, engine: engine.name };
    const rejections: PoolRejection[] = [];
    let best: Passing | undefined;
    let second: Passing | undefined;
    for (let i = 0; i < cluster.pools.length; i++) {
      const candidate: PoolCandidate = { cluster, pool: cluster.pools[i]!, index: i, engine, match: em.pools[i]!, bins: () => binsOf(i) };
      const why = em.claimable ? firstRejection(plugins.poolFilters, candidate) : (em.pools[i] as { rejection: PoolRejection }).rejection;
      if (why !== undefined) {
        rejections.push(why);
        continue;
      }
      const scores = scoresOf(plugins.poolScorers, candidate);
      if (best === undefined || compareScores(scores, best.scores) < 0) [best, second] = [{ index: i, scores }, best];
      else if (second === undefined || compareScores(scores, second.scores) < 0) second = { index: i, scores };
      // Without pool scorers the first passing pool wins: the rest need not be looked at.
      if (plugins.poolScorers.length === 0) break;
    }
    if (best === undefined) return { code: 'NoMatchingPool', cluster: cluster.name, engine: engine.name, pools: rejections };
    const placed = (em.pools[best.index] as { groups: readonly PodGroup[] }).groups;
    binsOf(best.index).place(placed);
    pools.push(best.index);
    groups.push(placed);
    const ranked = (p: Passing | undefined) => p && { name: cluster.pools[p.index]!.name, scores: p.scores };
    const note = capacityNote(cluster.pools[best.index]!);
    why.push(`${poolWhy(plugins.poolScorers, ranked(best)!, ranked(second), rejections)}${note ? `; ${note}` : ''}`);
  }
  return { ok: true, pools, groups, why };
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
        return { nodePoolName: poolName, deviceRequests: mm.fits === true ? mm.dra : [] };
      }),
    };
  });
}
