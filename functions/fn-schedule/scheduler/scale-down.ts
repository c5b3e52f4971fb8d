// Scale down: while more replicas are retained than wanted, remove the one whose cluster ranks
// last by the cluster scorers (with Spread: the most loaded cluster), then the greater cluster
// name, then the highest index: exactly the reverse of the order fill places in. Loads are
// recomputed after each removal.
import { compareScores } from './framework';
import type { Placement } from './types';

/** A cluster's scores given this deployment's load on it (framework.ts, cluster scorers). */
export type ClusterRank = (cluster: string, load: number) => readonly number[];

export interface ScaleDown {
  readonly kept: readonly Placement[];
  readonly removed: readonly Placement[];
}

export function scaleDown(retained: readonly Placement[], wanted: number, rank: ClusterRank): ScaleDown {
  const kept = [...retained];
  const removed: Placement[] = [];
  const load = new Map<string, number>();
  for (const p of kept) load.set(p.cluster, (load.get(p.cluster) ?? 0) + 1);
  const order = (a: Placement, b: Placement): number =>
    compareScores(rank(a.cluster, load.get(a.cluster)!), rank(b.cluster, load.get(b.cluster)!)) || (a.cluster !== b.cluster ? (a.cluster < b.cluster ? -1 : 1) : a.index - b.index);
  while (kept.length > Math.max(0, wanted)) {
    let worst = 0;
    for (let i = 1; i < kept.length; i++) if (order(kept[i]!, kept[worst]!) > 0) worst = i;
    const [victim] = kept.splice(worst, 1);
    load.set(victim!.cluster, load.get(victim!.cluster)! - 1);
    removed.push(victim!);
  }
  return { kept, removed };
}
