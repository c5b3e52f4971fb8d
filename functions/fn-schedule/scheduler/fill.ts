// Fill: place new replicas until the deployment has as many as it wants or nothing fits.
//
// Invariants (scheduling.md, "Phases / Fill"):
// - a candidate cluster is selected, Ready, has a gateway address, carries no untolerated
//   NoSchedule/NoExecute taint, and fits the whole replica against the ledger;
// - the pick is the smallest (replicas of this deployment on it, cluster name): spread, then pack;
// - the new replica takes the lowest index not used on that cluster, and is charged to the ledger;
//   an index whose replica name (5 hex digits of a hash) would equal another replica's of this
//   deployment is skipped, so two replicas never share a name;
// - placing fewer than wanted is not an error.
// Free counts only ever decrease during fill and only on the cluster just charged, so a cluster
// that does not fit is dropped from the candidates for good, and fits are evaluated lazily in pick
// order: a 50-replica deployment on 1,000 clusters matches about 50 clusters, not 1,000. Picks
// come from a heap keyed by (load, name), so a pass is O((placements + clusters) log clusters).
import { untoleratedTaints, type TolerationLike } from '../../lib/k8s/tolerations';
import type { Rejection } from './explain';
import type { Ledger } from './ledger';
import type { MatchCache } from './match';
import { fitReplica, placedEngines, type ReplicaFit } from './place';
import type { Cluster, EngineSpec, Placement } from './types';

export interface FillContext {
  readonly engines: readonly EngineSpec[];
  readonly tolerations: readonly TolerationLike[];
  readonly matches: MatchCache;
  readonly ledger: Ledger;
  /** Selected clusters, sorted by name. */
  readonly candidates: readonly Cluster[];
  /** The replica name of (cluster, index) for this deployment. */
  readonly nameOf: (cluster: string, index: number) => string;
}

export interface Fill {
  readonly placed: readonly Placement[];
  /** Why each candidate cannot take another replica (final: checked against the final ledger). */
  readonly rejections: ReadonlyMap<string, Rejection>;
}

/** Why a selected cluster takes no new replica regardless of capacity, if it does not. */
export function ineligibility(cluster: Cluster, tolerations: readonly TolerationLike[]): Rejection | undefined {
  if (!cluster.ready) return { code: 'ClusterNotReady', cluster: cluster.name };
  if (!cluster.gatewayAddress) return { code: 'NoGatewayAddress', cluster: cluster.name };
  const taints = untoleratedTaints(cluster.taints, tolerations, ['NoSchedule', 'NoExecute']);
  if (taints.length > 0) return { code: 'UntoleratedTaint', cluster: cluster.name, taints };
  return undefined;
}

interface Pick {
  readonly cluster: Cluster;
  /** Replicas of this deployment on the cluster. */
  readonly load: number;
}

const before = (a: Pick, b: Pick): boolean => a.load < b.load || (a.load === b.load && a.cluster.name < b.cluster.name);

/** A binary min-heap of candidates by (load, name): each pick is O(log clusters). */
class PickQueue {
  private readonly heap: Pick[] = [];

  push(p: Pick): void {
    const h = this.heap;
    let i = h.push(p) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  pop(): Pick | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

function lowestUnused(used: ReadonlySet<number>, nameTaken: (index: number) => boolean): number {
  let i = 0;
  while (used.has(i) || nameTaken(i)) i++;
  return i;
}

export function fillShortfall(kept: readonly Placement[], wanted: number, ctx: FillContext): Fill {
  const load = new Map<string, number>();
  const used = new Map<string, Set<number>>();
  const names = new Set(kept.map((p) => ctx.nameOf(p.cluster, p.index)));
  for (const p of kept) {
    load.set(p.cluster, (load.get(p.cluster) ?? 0) + 1);
    (used.get(p.cluster) ?? used.set(p.cluster, new Set()).get(p.cluster)!).add(p.index);
  }
  const rejections = new Map<string, Rejection>();
  const queue = new PickQueue();
  for (const c of ctx.candidates) {
    const why = ineligibility(c, ctx.tolerations);
    if (why) rejections.set(c.name, why);
    else queue.push({ cluster: c, load: load.get(c.name) ?? 0 });
  }
  const placed: Placement[] = [];
  while (kept.length + placed.length < wanted) {
    const next = queue.pop();
    if (next === undefined) break;
    const { cluster } = next;
    const match = ctx.matches.of(cluster);
    const fit: ReplicaFit | Rejection = fitReplica(cluster, ctx.engines, match, () => ctx.ledger.freeNodes(cluster.name));
    if (!('ok' in fit)) {
      rejections.set(cluster.name, fit);
      continue;
    }
    const indices = used.get(cluster.name) ?? used.set(cluster.name, new Set()).get(cluster.name)!;
    const index = lowestUnused(indices, (i) => names.has(ctx.nameOf(cluster.name, i)));
    indices.add(index);
    names.add(ctx.nameOf(cluster.name, index));
    fit.pools.forEach((p, e) => ctx.ledger.charge(cluster.name, p, fit.costs[e]!));
    queue.push({ cluster, load: next.load + 1 });
    placed.push({ cluster: cluster.name, index, engines: placedEngines(cluster, ctx.engines, match, fit.pools), retained: undefined });
  }
  return { placed, rejections };
}
