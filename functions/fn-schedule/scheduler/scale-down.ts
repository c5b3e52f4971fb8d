// Scale down: while more replicas are retained than wanted, remove the one with the largest
// (replicas of this deployment on its cluster, cluster name, index): the most loaded cluster first,
// then the greater cluster name, then the highest index. Counts are recomputed after each removal.
import type { Placement } from './types';

export interface ScaleDown {
  readonly kept: readonly Placement[];
  readonly removed: readonly Placement[];
}

function compareLoad(a: Placement, b: Placement, load: ReadonlyMap<string, number>): number {
  const la = load.get(a.cluster)!;
  const lb = load.get(b.cluster)!;
  if (la !== lb) return la - lb;
  if (a.cluster !== b.cluster) return a.cluster < b.cluster ? -1 : 1;
  return a.index - b.index;
}

export function scaleDown(retained: readonly Placement[], wanted: number): ScaleDown {
  const kept = [...retained];
  const removed: Placement[] = [];
  const load = new Map<string, number>();
  for (const p of kept) load.set(p.cluster, (load.get(p.cluster) ?? 0) + 1);
  while (kept.length > Math.max(0, wanted)) {
    let worst = 0;
    for (let i = 1; i < kept.length; i++) if (compareLoad(kept[i]!, kept[worst]!, load) > 0) worst = i;
    const [victim] = kept.splice(worst, 1);
    load.set(victim!.cluster, load.get(victim!.cluster)! - 1);
    removed.push(victim!);
  }
  return { kept, removed };
}
