// The fleet's pools packed at device level, the way the scheduler's ledger packs them (lib/capacity):
// every ModelReplica's pods on its pinned pool, oldest first (creation time, then namespace/name).
// A replica that does not fit is overcommitted when Ready (a broken invariant) and pending when
// not (it lost a race for the last devices; its deployment places it again). The simulation's
// invariants, its scheduler-like kubelet faults and the fleet map read it.
import { NodeBins, podGroups, poolShape, type PoolShape } from '../../functions/lib/capacity';
import { podsPerCopy } from '../../functions/lib/contracts';
import type { Obj, World } from './world';

export interface PackedPool {
  readonly shape: PoolShape;
  readonly bins: NodeBins;
  /** Per node, the replicas holding devices there, in packing order. */
  readonly holders: string[][];
  /** Ready replicas whose pods did not fit (an overcommitted pool). */
  readonly overcommitted: string[];
  /** Names of the replicas that are not Ready and do not fit: their pods could not get their devices. */
  readonly pending: string[];
}

const isReady = (o: Obj) => (o.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
export const replicaLabel = (r: Obj) => `${r.metadata.namespace}/${r.metadata.labels?.['modelplane.ai/deployment']} #${r.metadata.labels?.['modelplane.ai/replica-index']}`;

function shapeOf(pool: Obj): PoolShape {
  const devices = (pool.devices ?? []).map((d: Obj) => ({
    claim: d.claim === 'Synthetic' ? ('Synthetic' as const) : ('DRA' as const),
    deviceClassName: d.deviceClassName,
    count: Number(d.count) || 0,
  }));
  return poolShape(Number(pool.nodes) || 0, devices);
}

/** packed[cluster][pool] for every published pool of every InferenceCluster. */
export function packFleet(world: World): Map<string, Map<string, PackedPool>> {
  const out = new Map<string, Map<string, PackedPool>>();
  const key = (r: Obj) => `${r.metadata.creationTimestamp ?? '\uffff'} ${r.metadata.namespace}/${r.metadata.name}`;
  const replicas = [...world.ofKind('ModelReplica')].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const c of world.ofKind('InferenceCluster')) {
    const pools = new Map<string, PackedPool>();
    for (const p of c.status?.gpuPools ?? []) {
      const shape = shapeOf(p);
      pools.set(p.name, { shape, bins: NodeBins.empty(shape), holders: Array.from({ length: shape.nodes }, () => []), overcommitted: [], pending: [] });
    }
    for (const r of replicas.filter((x) => x.spec?.clusterName === c.metadata.name)) {
      for (const e of r.spec?.engines ?? []) {
        const members: Obj[] = e.members ?? [];
        // Every member goes in (a claimless Leader still makes the copy a gang); onPool picks this pool's.
        const claim = { copies: e.copies ?? 1, members: members.map((m) => ({ role: String(m.role), pods: podsPerCopy(m), requests: m.deviceRequests ?? [] })) };
        for (const name of new Set(members.filter((m) => m.deviceRequests?.length).map((m) => String(m.nodePoolName)))) {
          const pool = pools.get(name);
          if (!pool) continue;
          const before = pool.bins.freePerNode();
          if (!pool.bins.place(podGroups(pool.shape, claim, (k) => String(members[k]!.nodePoolName) === name))) {
            if (isReady(r)) pool.overcommitted.push(replicaLabel(r));
            else pool.pending.push(String(r.metadata.name));
            continue;
          }
          pool.bins.freePerNode().forEach((free, n) => {
            if (free.some((f, k) => f !== before[n]![k])) pool.holders[n]!.push(replicaLabel(r));
          });
        }
      }
    }
    out.set(c.metadata.name, pools);
  }
  return out;
}
