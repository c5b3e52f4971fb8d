// Fill: place new replicas until the deployment has as many as it wants or nothing fits.
//
// Invariants (scheduling.md, "Phases / Fill"):
// - a candidate cluster is selected, passes every cluster filter (Ready, gateway address, no
//   untolerated NoSchedule/NoExecute taint) and fits the whole replica against the ledger;
// - the pick is the best by the cluster scorers (Spread: fewest replicas of this deployment), then
//   the cluster name that sorts first;
// - the new replica takes the lowest index not used on that cluster, and is charged to the ledger;
//   an index whose replica name (5 hex digits of a hash) would equal another replica's of this
//   deployment is skipped, so two replicas never share a name;
// - placing fewer than wanted is not an error.
// Free counts only ever decrease during fill and only on the cluster just charged, so a cluster
// that does not fit is dropped from the candidates for good, and fits are evaluated lazily in pick
// order: a 50-replica deployment on 1,000 clusters matches about 50 clusters, not 1,000. Picks
// come from a heap keyed by (scores, name), so a pass is O((placements + clusters) log clusters).
import type { Rejection } from './explain';
import { compareScores, firstRejection, scoresOf, type ClusterCandidate, type Plugins } from './framework';
import type { Ledger } from './ledger';
import type { MatchCache } from './match';
import { fitReplica, placedEngines, type ReplicaFit } from './place';
import type { Cluster, DeploymentSpec, Placement } from './types';
import { clusterWhy } from './why';

export interface FillContext {
  readonly deployment: DeploymentSpec;
  readonly plugins: Plugins;
  readonly matches: MatchCache;
  readonly ledger: Ledger;
  /** Selected clusters, sorted by name. */
  readonly candidates: readonly Cluster[];
  /** Identities (cluster, index) held by replicas being replaced: not reused, not counted as load. */
  readonly reserved: readonly { readonly cluster: string; readonly index: number }[];
  /** The replica name of (cluster, index) for this deployment. */
  readonly nameOf: (cluster: string, index: number) => string;
}

export interface Fill {
  readonly placed: readonly Placement[];
  /** Why each candidate cannot take another replica (final: checked against the final ledger). */
  readonly rejections: ReadonlyMap<string, Rejection>;
}

interface Pick extends ClusterCandidate {
  readonly scores: readonly number[];
}

const before = (a: Pick, b: Pick): boolean => {
  const d = compareScores(a.scores, b.scores);
  return d < 0 || (d === 0 && a.cluster.name < b.cluster.name);
};

/** A binary min-heap of candidates by (scores, name): each pick is O(log clusters). */
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

  peek(): Pick | undefined {
    return this.heap[0];
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
  const usedOn = (cluster: string) => used.get(cluster) ?? used.set(cluster, new Set()).get(cluster)!;
  const names = new Set([...kept, ...ctx.reserved].map((p) => ctx.nameOf(p.cluster, p.index)));
  for (const p of kept) load.set(p.cluster, (load.get(p.cluster) ?? 0) + 1);
  for (const p of [...kept, ...ctx.reserved]) usedOn(p.cluster).add(p.index);
  const { deployment, plugins } = ctx;
  const pick = (cluster: Cluster, n: number): Pick => {
    const candidate = { cluster, load: n };
    return { ...candidate, scores: scoresOf(plugins.clusterScorers, candidate) };
  };
  const rejections = new Map<string, Rejection>();
  const queue = new PickQueue();
  for (const cluster of ctx.candidates) {
    const why = firstRejection(plugins.clusterFilters, { cluster, deployment });
    if (why) rejections.set(cluster.name, why);
    else queue.push(pick(cluster, load.get(cluster.name) ?? 0));
  }
  const placed: Placement[] = [];
  /** Candidates that ranked above the next pick but did not fit. */
  let passedOver: Rejection[] = [];
  while (kept.length + placed.length < wanted) {
    const next = queue.pop();
    if (next === undefined) break;
    const { cluster } = next;
    const match = ctx.matches.of(cluster);
    const fit: ReplicaFit | Rejection = fitReplica(cluster, deployment.engines, match, () => ctx.ledger.trial(cluster.name), plugins);
    if (!('ok' in fit)) {
      rejections.set(cluster.name, fit);
      passedOver.push(fit);
      continue;
    }
    const indices = usedOn(cluster.name);
    const index = lowestUnused(indices, (i) => names.has(ctx.nameOf(cluster.name, i)));
    indices.add(index);
    names.add(ctx.nameOf(cluster.name, index));
    fit.pools.forEach((p, e) => ctx.ledger.charge(cluster.name, p, fit.groups[e]!));
    const runnerUp = queue.peek();
    const why = {
      cluster: clusterWhy(plugins.clusterScorers, { name: cluster.name, scores: next.scores }, runnerUp && { name: runnerUp.cluster.name, scores: runnerUp.scores }, passedOver),
      pools: fit.why,
    };
    passedOver = [];
    queue.push(pick(cluster, next.load + 1));
    placed.push({ cluster: cluster.name, index, engines: placedEngines(cluster, deployment.engines, match, fit.pools), retained: undefined, why });
  }
  return { placed, rejections };
}
