// The capacity ledger: free nodes per (cluster, pool).
//
// Invariants (scheduling.md, "Capacity ledger"):
// - free = published nodes minus, for every replica that holds capacity, each member's cost at its
//   observed shape (pods x copies, only for members that claim devices), charged to
//   (spec.clusterName, member.nodePoolName);
// - a pin to an unknown cluster or pool charges nothing;
// - free counts may go negative (such a pool fits nothing);
// - whole nodes: one pod claiming one of eight GPUs holds the whole node.
import type { Cluster, ObservedReplica } from './types';

export class Ledger {
  private constructor(
    private readonly free: Map<string, number[]>,
    private readonly poolIndex: Map<string, Map<string, number>>,
  ) {}

  /** The ledger after charging every replica in `holders`. */
  static build(clusters: readonly Cluster[], holders: Iterable<ObservedReplica>): Ledger {
    const free = new Map<string, number[]>();
    const poolIndex = new Map<string, Map<string, number>>();
    for (const c of clusters) {
      free.set(c.name, c.pools.map((p) => p.nodes));
      poolIndex.set(c.name, new Map(c.pools.map((p, i) => [p.name, i] as const)));
    }
    const ledger = new Ledger(free, poolIndex);
    for (const r of holders) ledger.chargeObserved(r);
    return ledger;
  }

  /** Free nodes per pool of a cluster (aligned with its pools); a copy the caller may change. */
  freeNodes(cluster: string): number[] {
    return [...(this.free.get(cluster) ?? [])];
  }

  /** Free nodes of one pool by name; undefined for an unknown cluster or pool. */
  freeIn(cluster: string, pool: string): number | undefined {
    const i = this.poolIndex.get(cluster)?.get(pool);
    return i === undefined ? undefined : this.free.get(cluster)![i];
  }

  charge(cluster: string, poolIdx: number, nodes: number): void {
    const f = this.free.get(cluster);
    if (f !== undefined && poolIdx >= 0 && poolIdx < f.length) f[poolIdx]! -= nodes;
  }

  chargeByName(cluster: string, pool: string | undefined, nodes: number): void {
    if (pool === undefined) return;
    const i = this.poolIndex.get(cluster)?.get(pool);
    if (i !== undefined) this.charge(cluster, i, nodes);
  }

  private chargeObserved(r: ObservedReplica): void {
    if (!this.free.has(r.clusterName)) return;
    for (const e of r.engines) {
      for (const m of e.members) if (m.claims) this.chargeByName(r.clusterName, m.nodePoolName, m.pods * e.copies);
    }
  }
}

/** Nodes a replica holds at its observed shape (for tests and diagnostics). */
export function observedCost(r: ObservedReplica): number {
  return r.engines.reduce((sum, e) => sum + e.members.reduce((s, m) => s + (m.claims ? m.pods * e.copies : 0), 0), 0);
}
