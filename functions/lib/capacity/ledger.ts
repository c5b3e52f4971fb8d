// The allocation ledger of one cluster: the replicas pinned to it packed into its pools' node bins,
// oldest first (creation time, then namespace/name), the same rule the scheduler packs by.
// fn-inferencecluster computes it from the replicas pinned to its cluster and publishes it
// (lib/contracts/ledger.ts); fn-schedule starts from it instead of reading every replica of the fleet.
// - a replica's pods are charged to (its cluster, member.nodePoolName); a pool the cluster does not
//   publish charges nothing;
// - a replica that does not fit once the older ones are packed holds nothing: when it is not
//   Ready it is named overcommitted (its deployment places it again); when it is Ready (the
//   cluster disagrees with the ledger) it is never evicted, and the pool is marked full.
import { NodeBins, type PodDemand, type PodGroup, type PoolShape } from './bins';
import { podGroups, type ClaimMember } from './claims';

export interface PinnedMember extends ClaimMember {
  readonly nodePoolName: string | undefined;
}

export interface PinnedEngine {
  readonly copies: number;
  readonly members: readonly PinnedMember[];
}

/** A replica pinned to a cluster, as the ledger charges it. */
export interface PinnedClaim {
  readonly namespace: string;
  readonly name: string;
  /** The owning deployment (label modelplane.ai/deployment), '' when none. */
  readonly deployment: string;
  /** Creation time (RFC 3339); a claim without one is the youngest. */
  readonly placedAt: string | undefined;
  readonly ready: boolean;
  readonly engines: readonly PinnedEngine[];
}

export interface LedgerPoolInput {
  readonly name: string;
  readonly shape: PoolShape;
}

export interface PackedLedgerPool {
  readonly name: string;
  readonly shape: PoolShape;
  readonly bins: NodeBins;
  /** Per owner (`<namespace>/<deployment>`): devices held per node, node -> per-class demand. */
  readonly holders: ReadonlyMap<string, ReadonlyMap<number, readonly number[]>>;
  /** Claims (`<namespace>/<name>`) not Ready that do not fit: youngest first is the order they failed in. */
  readonly overcommitted: readonly string[];
  /** A Ready claim does not fit. */
  readonly full: boolean;
}

export const claimKey = (c: Pick<PinnedClaim, 'namespace' | 'name'>): string => `${c.namespace}/${c.name}`;
export const ownerKey = (namespace: string, deployment: string): string => `${namespace}/${deployment}`;

/** Creation time (a claim without one is the youngest), then namespace/name. */
export function oldestFirst(a: { readonly placedAt?: string | undefined; readonly namespace: string; readonly name: string }, b: typeof a): number {
  const ta = a.placedAt ?? '\uffff';
  const tb = b.placedAt ?? '\uffff';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ka = `${a.namespace}/${a.name}`;
  const kb = `${b.namespace}/${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The pod groups a claim holds, per pool index (members without devices or pool hold nothing). */
export function claimGroups(engines: readonly PinnedEngine[], pools: readonly LedgerPoolInput[], index: ReadonlyMap<string, number>): [number, PodGroup[]][] {
  const out = new Map<number, PodGroup[]>();
  for (const e of engines) {
    const byPool = new Map<number, Set<number>>();
    e.members.forEach((m, k) => {
      const i = m.requests.length > 0 && m.nodePoolName !== undefined ? index.get(m.nodePoolName) : undefined;
      if (i !== undefined) byPool.set(i, (byPool.get(i) ?? new Set()).add(k));
    });
    for (const [i, members] of byPool) {
      const groups = podGroups(pools[i]!.shape, e, (k) => members.has(k));
      out.set(i, [...(out.get(i) ?? []), ...groups]);
    }
  }
  return [...out];
}

/** Packs the claims pinned to one cluster into its pools, oldest first. Same claims, same ledger, in any order. */
export function packLedger(pools: readonly LedgerPoolInput[], claims: readonly PinnedClaim[]): PackedLedgerPool[] {
  const bins = pools.map((p) => NodeBins.empty(p.shape));
  const holders = pools.map(() => new Map<string, Map<number, number[]>>());
  const overcommitted = pools.map((): string[] => []);
  const full = pools.map(() => false);
  const index = new Map(pools.map((p, i) => [p.name, i] as const));
  for (const c of [...claims].sort(oldestFirst)) {
    const held = claimGroups(c.engines, pools, index);
    const trial = bins.map((b) => b.clone());
    const misfit = held.find(([i, groups]) => !trial[i]!.place(groups));
    if (misfit !== undefined) {
      if (c.ready) full[misfit[0]] = true;
      else overcommitted[misfit[0]]!.push(claimKey(c));
      continue;
    }
    const owner = ownerKey(c.namespace, c.deployment);
    for (const [i, groups] of held) {
      const plan = bins[i]!.assign(groups)!;
      const rows = holders[i]!.get(owner) ?? holders[i]!.set(owner, new Map()).get(owner)!;
      for (const [node, demand] of plan) rows.set(node, add(rows.get(node), demand));
    }
  }
  return pools.map((p, i) => ({ name: p.name, shape: p.shape, bins: bins[i]!, holders: holders[i]!, overcommitted: overcommitted[i]!, full: full[i]! }));
}

const add = (a: readonly number[] | undefined, b: PodDemand): number[] => b.map((d, c) => d + (a?.[c] ?? 0));
