// Member versus pool, and engine versus pool: what fits where, independent of capacity.
//
// Invariants (scheduling.md, "Matching a member to a pool" and "Placing an engine on a cluster"):
// - a member's requests are walked in order; each takes the first pool device (pool order) with
//   enough count left whose selectors all return true, and uses up that count;
// - a device whose selectors cannot be evaluated (a runtime error, invalid device data, a spent
//   budget) is never taken; a request that then finds no device is "cannot tell", not "does not
//   fit": retention keeps a replica it cannot judge, and fill never uses such a pool;
// - a member without a nodeSelector fits every pool and claims nothing;
// - a DRA device yields a resolved request, a Synthetic one only constrains placement;
// - an engine fits a pool when every member fits it and every member that is claimable somewhere
//   on the cluster resolves a non-empty DRA list on that pool; its cost is pods x copies of the
//   members that resolved DRA requests (claimless members ride along for free).
// Results depend on the cluster's published pools only, so they are computed once per cluster per
// reconcile (MatchCache) and reused for every replica and phase.
import { podGroups, type PodGroup } from '../../lib/capacity';
import { nodesHeld } from '../../lib/contracts';
import type { PoolRejection } from './explain';
import type { Cluster, DeviceMatcher, EngineSpec, MemberSpec, Pool, ResolvedRequest } from './types';

export type MemberMatch =
  | { readonly fits: true; readonly dra: readonly ResolvedRequest[] }
  | { readonly fits: false; readonly request: string }
  | { readonly fits: 'unknown'; readonly request: string; readonly cannotTell: CannotTell };

/** Why a request cannot be judged on a pool: the selector (as a field path), the device, the error. */
export interface CannotTell {
  readonly field: string;
  readonly device: string;
  readonly error: string;
}

export type EngineOnPool =
  | {
      readonly ok: true;
      /** Nodes the engine holds under node accounting (pods x copies of its claiming members). */
      readonly cost: number;
      /** The pods it claims on this pool, grouped for packing (lib/capacity). */
      readonly groups: readonly PodGroup[];
    }
  | { readonly ok: false; readonly rejection: PoolRejection };

export interface EngineMatch {
  /** Some member resolves a non-empty DRA list on some pool of the cluster. */
  readonly claimable: boolean;
  /** Aligned with the cluster's pools. */
  readonly pools: readonly EngineOnPool[];
  /** members[pool][member]. */
  readonly members: readonly (readonly MemberMatch[])[];
}

/** One EngineMatch per deployment engine, in deployment order. */
export type ClusterMatch = readonly EngineMatch[];

const CLAIMS_NOTHING: MemberMatch = { fits: true, dra: [] };

export function matchMember(member: MemberSpec, pool: Pool, devices: DeviceMatcher): MemberMatch {
  if (member.requests === undefined) return CLAIMS_NOTHING;
  const left = pool.devices.map((d) => d.count);
  const dra: ResolvedRequest[] = [];
  for (const request of member.requests) {
    let found = -1;
    let cannotTell: CannotTell | undefined;
    for (let i = 0; i < pool.devices.length; i++) {
      const device = pool.devices[i]!;
      // A DRA device without a class cannot be claimed, so it cannot satisfy a request either.
      if (device.claim === 'DRA' && device.deviceClassName === undefined) continue;
      if (left[i]! < request.count) continue;
      const verdict = devices.judge(request.programs, device);
      if (verdict === true) {
        found = i;
        break;
      }
      if (verdict !== false) {
        cannotTell ??= { field: `${request.field}.selectors[${request.programs.indexOf(verdict.program)}].cel`, device: device.name, error: verdict.error };
      }
    }
    if (found < 0) return cannotTell ? { fits: 'unknown', request: request.name, cannotTell } : { fits: false, request: request.name };
    left[found]! -= request.count;
    const device = pool.devices[found]!;
    if (device.claim === 'DRA') {
      dra.push({ name: request.name, deviceClassName: device.deviceClassName!, count: request.count, selectors: request.selectors });
    }
  }
  return { fits: true, dra };
}

const claimsOn = (m: MemberMatch): boolean => m.fits === true && m.dra.length > 0;

export function matchEngine(engine: EngineSpec, pools: readonly Pool[], devices: DeviceMatcher): EngineMatch {
  const members = pools.map((pool) => engine.members.map((m) => matchMember(m, pool, devices)));
  const claimableMember = engine.members.map((_, i) => members.some((perPool) => claimsOn(perPool[i]!)));
  const onPools = pools.map((pool, p): EngineOnPool => {
    let cost = 0;
    for (let i = 0; i < engine.members.length; i++) {
      const m = members[p]![i]!;
      if (m.fits === false) return { ok: false, rejection: { kind: 'LacksDevice', pool: pool.name, request: m.request } };
      if (m.fits === 'unknown') return { ok: false, rejection: { kind: 'CannotEvaluate', pool: pool.name, request: m.request, ...m.cannotTell } };
      if (claimableMember[i] && m.dra.length === 0) {
        return { ok: false, rejection: { kind: 'NoDraDevice', pool: pool.name, role: engine.members[i]!.role } };
      }
      if (m.dra.length > 0) cost += nodesHeld(engine.members[i]!.pods, engine.copies);
    }
    const claim = {
      copies: engine.copies,
      members: engine.members.map((m, i) => ({ role: m.role, pods: m.pods, requests: (members[p]![i] as { dra: readonly ResolvedRequest[] }).dra })),
    };
    return { ok: true, cost, groups: podGroups(pool.shape, claim) };
  });
  return { claimable: claimableMember.some(Boolean), pools: onPools, members };
}

/** Per-reconcile memo of cluster matches: each cluster's pools are matched at most once. */
export class MatchCache {
  private readonly byCluster = new Map<string, ClusterMatch>();

  constructor(
    private readonly engines: readonly EngineSpec[],
    private readonly devices: DeviceMatcher,
  ) {}

  of(cluster: Cluster): ClusterMatch {
    let m = this.byCluster.get(cluster.name);
    if (m === undefined) {
      m = this.engines.map((e) => matchEngine(e, cluster.pools, this.devices));
      this.byCluster.set(cluster.name, m);
    }
    return m;
  }
}
