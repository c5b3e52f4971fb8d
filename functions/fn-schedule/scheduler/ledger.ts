// The capacity ledger: free devices per node of every (cluster, pool).
//
// Invariants (scheduling.md, "Capacity ledger"):
// - a pool is its nodes as bins of devices (lib/capacity): a pod claims its devices on one node,
//   pods of different replicas share a node when its devices allow, a gang copy's pods sit on
//   distinct nodes; a pool that publishes no per-node device count keeps node accounting (a pod
//   holds a whole node);
// - the start is the cluster's published ledger (status.ledger, written by fn-inferencecluster
//   from the replicas pinned there): every holder entry but this deployment's own is taken on the
//   nodes it names. This deployment's replicas are then charged as observed now, so its usage is
//   never counted twice and a replica the (lagging) ledger has not seen yet is still charged;
// - the replicas given are charged at their observed shape, oldest first (creation time, then
//   namespace/name: the same replicas always pack the same way), to (spec.clusterName,
//   member.nodePoolName); a pin to an unknown cluster or pool charges nothing;
// - overcommit (two deployments placed at the same instant on a pool's last devices): a replica
//   that does not fit once the older ones are packed, or that the cluster's ledger names as
//   overcommitted, holds nothing when it is not Ready and is named in `overcommitted`, so its
//   deployment re-places it; one that is Ready is never evicted by this rule, and its pool is then
//   taken as full (the cluster disagrees with the ledger: place nothing more there). A pool the
//   published ledger marks full is full here too;
// - a pool whose live report is in effect (live.ts) packs the same holdings into what the cluster
//   reports free (livePacked, below): fewer usable nodes or devices held by other tenants leave less
//   room for new replicas, and nothing placed is ever moved for it.
import { liveBins, NodeBins, oldestFirst, podGroups, type PodGroup } from '../../lib/capacity';
import type { LedgerPoolRead } from '../../lib/contracts';
import type { Cluster, ObservedReplica, Pool } from './types';

export class Ledger {
  /** Bins per pool, computed on first use: fill usually looks at a few clusters of many. */
  private readonly bins = new Map<string, NodeBins[]>();
  private readonly younger = new Map<string, string>();

  private constructor(
    private readonly clusters: ReadonlyMap<string, Cluster>,
    private readonly holders: ReadonlyMap<string, readonly ObservedReplica[]>,
    private readonly own: string | undefined,
  ) {}

  /**
   * The ledger after charging every replica in `holders` on top of the clusters' published
   * ledgers; `own` (`<namespace>/<deployment>`) names the holder entry those replicas replace.
   */
  static build(clusters: readonly Cluster[], holders: Iterable<ObservedReplica>, own?: string): Ledger {
    const byName = new Map(clusters.map((c) => [c.name, c] as const));
    const byCluster = new Map<string, ObservedReplica[]>();
    for (const r of holders) {
      if (!byName.has(r.clusterName)) continue;
      const list = byCluster.get(r.clusterName);
      if (list) list.push(r);
      else byCluster.set(r.clusterName, [r]);
    }
    for (const list of byCluster.values()) list.sort(oldestFirst);
    return new Ledger(byName, byCluster, own);
  }

  /**
   * Why a replica that is not Ready does not fit among the older ones on its cluster (it holds
   * nothing and should be placed again), or undefined.
   */
  overcommitted(r: Pick<ObservedReplica, 'clusterName' | 'namespace' | 'name' | 'ready'>): string | undefined {
    this.entry(r.clusterName);
    const key = `${r.namespace}/${r.name}`;
    const younger = this.younger.get(key);
    if (younger !== undefined || r.ready) return younger;
    for (const [pool, entry] of this.clusters.get(r.clusterName)?.ledger ?? []) {
      if (entry.overcommitted.has(key))
        return `pool ${pool} of ${r.clusterName} is overcommitted and the cluster's ledger names this replica among the youngest claims that do not fit`;
    }
    return undefined;
  }

  /** Copies of a cluster's pool bins (aligned with its pools), for a trial the caller may change. */
  trial(cluster: string): NodeBins[] {
    return (this.entry(cluster) ?? []).map((b) => b.clone());
  }

  /** Free capacity of one pool by name; undefined for an unknown cluster or pool. */
  freeIn(cluster: string, pool: string): { readonly capacity: number; readonly free: number } | undefined {
    const i = this.clusters.get(cluster)?.pools.findIndex((p) => p.name === pool) ?? -1;
    const bins = i < 0 ? undefined : this.entry(cluster)?.[i];
    return bins?.totals();
  }

  /** Charges pods placed on a pool; false (and nothing charged) when they do not fit. */
  charge(cluster: string, poolIdx: number, groups: readonly PodGroup[]): boolean {
    const bins = this.entry(cluster)?.[poolIdx];
    return bins !== undefined && bins.place(groups);
  }

  private entry(cluster: string): NodeBins[] | undefined {
    const known = this.bins.get(cluster);
    if (known !== undefined) return known;
    const c = this.clusters.get(cluster);
    if (c === undefined) return undefined;
    const bins = c.pools.map((p) => published(p.shape, c.ledger?.get(p.name), this.own));
    const full = c.pools.map((p) => c.ledger?.get(p.name)?.full === true);
    const index = new Map(c.pools.map((p, i) => [p.name, i] as const));
    this.bins.set(cluster, bins);
    const charged: [number, PodGroup[]][][] = [];
    for (const r of this.holders.get(cluster) ?? []) {
      const held = heldGroups(r, c.pools, index);
      const trial = bins.map((b) => b.clone());
      const misfit = held.find(([i, groups]) => !trial[i]!.place(groups));
      if (misfit === undefined) {
        held.forEach(([i, groups]) => bins[i]!.place(groups));
        charged.push(held);
        continue;
      }
      const pool = c.pools[misfit[0]]!.name;
      if (r.ready) {
        bins[misfit[0]] = bins[misfit[0]]!.drained();
        full[misfit[0]] = true;
      } else this.younger.set(`${r.namespace}/${r.name}`, `pool ${pool} of ${cluster} is overcommitted and this replica is the youngest claim that does not fit`);
    }
    c.pools.forEach((p, i) => {
      const live = p.capacity?.source === 'Live' && p.live !== undefined && 'rows' in p.live ? p.live : undefined;
      if (live === undefined) return;
      const own = charged.map((held) => held.filter(([j]) => j === i).flatMap(([, groups]) => groups));
      bins[i] = livePacked(p.shape, live, full[i]!, c.ledger?.get(p.name), this.own, own);
    });
    return bins;
  }
}

/**
 * A pool's bins while its live report is in effect: the usable nodes' free devices (never more
 * nodes than configured, lib/capacity/live.ts), less what Modelplane holds there, packed the same
 * way as the configured bins. The configured packing alone decides overcommit and fullness:
 * - a pool full by the configured ledger is full here too;
 * - what other deployments hold (the cluster's ledger) is taken per node row, first fit; this
 *   deployment's replicas (those the configured packing kept) then take their pods;
 * - a holding that no longer fits sits on a node the report does not count (NotReady, cordoned,
 *   tainted) or on devices the report already counts as foreign: it is not charged again and its
 *   replica is never moved for it.
 */
function livePacked(
  shape: Pool['shape'],
  live: { readonly rows: readonly (readonly [number, readonly number[]])[]; readonly headroomNodes: number },
  full: boolean,
  entry: LedgerPoolRead | undefined,
  own: string | undefined,
  ownGroups: readonly (readonly PodGroup[])[],
): NodeBins {
  const bins = liveBins(shape, live.rows, live.headroomNodes);
  if (full) return bins.drained();
  for (const [owner, rows] of entry?.holders ?? []) {
    if (owner === own) continue;
    for (const [, demand] of rows) bins.place([[demand]]);
  }
  for (const groups of ownGroups) if (groups.length > 0) bins.place(groups);
  return bins;
}

/** The pod groups an observed replica holds, per pool index of its cluster. */
export function heldGroups(r: ObservedReplica, pools: readonly Pool[], index: ReadonlyMap<string, number>): [number, PodGroup[]][] {
  const out = new Map<number, PodGroup[]>();
  for (const e of r.engines) {
    const byPool = new Map<number, number[]>();
    e.members.forEach((m, k) => {
      const i = m.claims && m.nodePoolName !== undefined ? index.get(m.nodePoolName) : undefined;
      if (i !== undefined) byPool.set(i, [...(byPool.get(i) ?? []), k]);
    });
    for (const [i, members] of byPool) {
      const claim = { copies: e.copies, members: e.members.map((m) => ({ role: m.role, pods: m.pods, requests: m.requests })) };
      const groups = podGroups(pools[i]!.shape, claim, (k) => members.includes(k));
      out.set(i, [...(out.get(i) ?? []), ...groups]);
    }
  }
  return [...out];
}

/** A pool's bins after taking what the published ledger says other deployments hold there. */
function published(shape: Pool['shape'], entry: LedgerPoolRead | undefined, own: string | undefined): NodeBins {
  const bins = NodeBins.empty(shape);
  if (entry === undefined) return bins;
  if (entry.full) return bins.drained();
  for (const [owner, rows] of entry.holders) {
    if (owner === own) continue;
    for (const [node, demand] of rows) bins.hold(node, demand);
  }
  return bins;
}
