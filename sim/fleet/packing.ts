// The fleet's pools packed at device level, the way the scheduler's ledger packs them (lib/capacity):
// every ModelReplica's pods on its pinned pool, oldest first (creation time, then namespace/name).
// A replica that does not fit is overcommitted when Ready (a broken invariant) and pending when
// not (it lost a race for the last devices; its deployment places it again). The simulation's
// invariants, its scheduler-like kubelet faults and the fleet map read it.
import { NodeBins, podGroups, poolShape, type PoolShape } from '../../functions/lib/capacity';
import { classDevicesByName, podsPerCopy, readPublishedPool, type ClassDeviceRead } from '../../functions/lib/contracts';
import type { Obj, World } from './world';

export interface PackedPool {
  /** What each node carries, from the pool's InferenceClass. */
  readonly devices: readonly ClassDeviceRead[];
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

/** The product a pool's first device names (its productName attribute, else the device name). */
export function productOf(pool: PackedPool | undefined): string {
  const first = pool?.devices[0];
  const attrs = first?.published['attributes'] as Obj | undefined;
  return attrs?.productName?.string ?? first?.name ?? '';
}

/** packed[cluster][pool] for every published pool of every InferenceCluster. */
export function packFleet(world: World): Map<string, Map<string, PackedPool>> {
  const out = new Map<string, Map<string, PackedPool>>();
  const key = (r: Obj) => `${r.metadata.creationTimestamp ?? '\uffff'} ${r.metadata.namespace}/${r.metadata.name}`;
  const replicas = [...world.ofKind('ModelReplica')].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const classes = classDevicesByName(world.ofKind('InferenceClass'));
  for (const c of world.ofKind('InferenceCluster')) {
    const pools = new Map<string, PackedPool>();
    for (const entry of c.status?.gpuPools ?? []) {
      // Read as the scheduler reads it: a pool whose class cannot be read is not packed.
      const p = readPublishedPool(entry, c.metadata.name, classes);
      if (typeof p === 'string') continue;
      const shape = poolShape(p.nodes, p.devices);
      pools.set(p.name, { devices: p.devices, shape, bins: NodeBins.empty(shape), holders: Array.from({ length: shape.nodes }, () => []), overcommitted: [], pending: [] });
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
