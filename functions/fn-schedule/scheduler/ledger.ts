// The capacity ledger: free nodes per (cluster, pool).
//
// Invariants (scheduling.md, "Capacity ledger"):
// - free = published nodes minus, for every replica that holds capacity, each member's cost at its
//   observed shape (pods x copies, only for members that claim devices), charged to
//   (spec.clusterName, member.nodePoolName);
// - a pin to an unknown cluster or pool charges nothing;
// - free counts may go negative (such a pool fits nothing);
// - whole nodes: one pod claiming one of eight GPUs holds the whole node.
import { nodesHeld } from '../../lib/contracts';
import type { Cluster, ObservedReplica } from './types';

export class Ledger {
  /** Free nodes per pool, computed on first use: fill usually looks at a few clusters of many. */
  private readonly free = new Map<string, number[]>();
  private readonly poolIndex = new Map<string, Map<string, number>>();

  private constructor(
    private readonly clusters: ReadonlyMap<string, Cluster>,
    private readonly holders: ReadonlyMap<string, readonly ObservedReplica[]>,
  ) {}

  /** The ledger after charging every replica in `holders`. */
  static build(clusters: readonly Cluster[], holders: Iterable<ObservedReplica>): Ledger {
    const byName = new Map(clusters.map((c) => [c.name, c] as const));
    const byCluster = new Map<string, ObservedReplica[]>();
    for (const r of holders) {
      if (!byName.has(r.clusterName)) continue;
      const list = byCluster.get(r.clusterName);
      if (list) list.push(r);
      else byCluster.set(r.clusterName, [r]);
    }
    return new Ledger(byName, byCluster);
  }

  /** Free nodes per pool of a cluster (aligned with its pools); a copy the caller may change. */
  freeNodes(cluster: string): number[] {
    return [...(this.entry(cluster) ?? [])];
  }

  /** Free nodes of one pool by name; undefined for an unknown cluster or pool. */
  freeIn(cluster: string, pool: string): number | undefined {
    const f = this.entry(cluster);
    const i = this.poolIndex.get(cluster)?.get(pool);
    return f === undefined || i === undefined ? undefined : f[i];
  }

  charge(cluster: string, poolIdx: number, nodes: number): void {
    const f = this.entry(cluster);
    if (f !== undefined && poolIdx >= 0 && poolIdx < f.length) f[poolIdx]! -= nodes;
  }

  chargeByName(cluster: string, pool: string | undefined, nodes: number): void {
    if (pool === undefined) return;
    const f = this.entry(cluster);
    const i = this.poolIndex.get(cluster)?.get(pool);
    if (f !== undefined && i !== undefined) f[i]! -= nodes;
  }

  private entry(cluster: string): number[] | undefined {
    const known = this.free.get(cluster);
    if (known !== undefined) return known;
    const c = this.clusters.get(cluster);
    if (c === undefined) return undefined;
    const free = c.pools.map((p) => p.nodes);
    const index = new Map(c.pools.map((p, i) => [p.name, i] as const));
    this.free.set(cluster, free);
    this.poolIndex.set(cluster, index);
    for (const r of this.holders.get(cluster) ?? []) {
      for (const e of r.engines) {
        for (const m of e.members) {
          const i = m.claims && m.nodePoolName !== undefined ? index.get(m.nodePoolName) : undefined;
          if (i !== undefined) free[i]! -= nodesHeld(m.pods, e.copies);
        }
      }
    }
    return free;
  }
}

/** Nodes a replica holds at its observed shape (for tests and diagnostics). */
export function observedCost(r: ObservedReplica): number {
  return r.engines.reduce((sum, e) => sum + e.members.reduce((s, m) => s + (m.claims ? nodesHeld(m.pods, e.copies) : 0), 0), 0);
}
