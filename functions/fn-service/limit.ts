// Gateway API allows at most 16 backendRefs per HTTPRoute rule, and a weighted split cannot span
// rules (only the first matching rule serves a request). So a ModelService routes to at most 16
// endpoints. When more are ready, the entries' traffic shares are what must survive; only the
// spread inside an entry shrinks:
// - at most 16 entries keep endpoints: the highest weights (ties: earlier entry);
// - each kept entry gets one slot, the rest go one at a time to the entry with the largest
//   weight / (slots + 1) that still has unrouted endpoints (D'Hondt; ties: earlier entry);
// - an entry routes its first endpoints by name.
// Because the contract splits an entry's weight evenly over its routed endpoints, every kept
// entry still gets exactly its configured share of traffic.
import type { SelectedGroup } from './selection';

export const MAX_BACKENDS = 16;

export interface Limited {
  readonly groups: SelectedGroup[];
  /** Ready endpoints left out because of the limit. */
  readonly dropped: number;
}

export function limitBackends(groups: readonly SelectedGroup[], max = MAX_BACKENDS): Limited {
  const total = groups.reduce((n, g) => n + g.routable.length, 0);
  if (total <= max) return { groups: [...groups], dropped: 0 };
  const kept = groups
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => g.routable.length > 0)
    .sort((a, b) => b.g.weight - a.g.weight || a.i - b.i)
    .slice(0, max)
    .map(({ i }) => i);
  const slots = new Map<number, number>(kept.map((i) => [i, 1]));
  for (let left = max - kept.length; left > 0; left--) {
    let best: number | undefined;
    for (const i of [...kept].sort((a, b) => a - b)) {
      const g = groups[i]!;
      const s = slots.get(i)!;
      if (s >= g.routable.length) continue;
      if (best === undefined || g.weight / (s + 1) > groups[best]!.weight / (slots.get(best)! + 1)) best = i;
    }
    if (best === undefined) break;
    slots.set(best, slots.get(best)! + 1);
  }
  const limited = groups.map((g, i) => ({ ...g, routable: g.routable.slice(0, slots.get(i) ?? 0) }));
  return { groups: limited, dropped: total - limited.reduce((n, g) => n + g.routable.length, 0) };
}
