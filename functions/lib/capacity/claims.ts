// From published devices and a replica's engines to what packing needs: a pool's shape (devices per
// node by class) and the pod groups one engine claims on it. One home for the rules, used by the
// scheduler (new placements) and by fn-inferencecluster (the ledger of pinned replicas):
// - a pod claims, per device class, the sum of its member's resolved requests of that class;
// - a member that claims no DRA device holds nothing (it rides on the gang's nodes);
// - each copy of an engine with a Leader or Worker member is a gang: its claiming pods go on
//   distinct nodes; every other pod is a group of its own.
import type { PodDemand, PodGroup, PoolShape } from './bins';

/** A published device as packing sees it. */
export interface ShapeDevice {
  readonly claim: 'DRA' | 'Synthetic';
  readonly deviceClassName: string | undefined;
  /** Devices per node; 0 when the publisher did not say. */
  readonly count: number;
}

/**
 * Devices per node by DRA device class. A DRA device without a per-node count makes the pool's
 * devices unknown: node accounting.
 */
export function poolShape(nodes: number, devices: readonly ShapeDevice[]): PoolShape {
  const per = new Map<string, number>();
  let known = true;
  for (const d of devices) {
    if (d.claim !== 'DRA' || d.deviceClassName === undefined) continue;
    if (!(d.count > 0)) known = false;
    per.set(d.deviceClassName, (per.get(d.deviceClassName) ?? 0) + Math.max(0, d.count));
  }
  const classes = [...per.keys()].sort();
  return { nodes: Math.max(0, Math.floor(nodes)), classes, perNode: known && classes.length > 0 ? classes.map((c) => per.get(c)!) : undefined };
}

/** A resolved device request: what a pod claims through DRA. */
export interface ClaimRequest {
  readonly deviceClassName: string;
  readonly count: number;
}

export interface ClaimMember {
  readonly role: string;
  /** Pods per copy (worker.nodes for a Worker, else 1). */
  readonly pods: number;
  readonly requests: readonly ClaimRequest[];
}

export interface ClaimEngine {
  readonly copies: number;
  readonly members: readonly ClaimMember[];
}

/** A pod's devices per class of the pool; classes the pool does not publish claim nothing here. */
export function podDemand(shape: PoolShape, requests: readonly ClaimRequest[]): PodDemand {
  const out = shape.classes.map(() => 0);
  for (const r of requests) {
    const c = shape.classes.indexOf(r.deviceClassName);
    if (c >= 0) out[c]! += Math.max(0, r.count);
  }
  return out;
}

export const isGang = (engine: Pick<ClaimEngine, 'members'>): boolean => engine.members.some((m) => m.role === 'Leader' || m.role === 'Worker');

/**
 * The pod groups of an engine's members on one pool. `onPool(m)` says whether member m is pinned to
 * this pool (an engine uses one pool, but an observed replica may say otherwise).
 */
export function podGroups(shape: PoolShape, engine: ClaimEngine, onPool: (member: number) => boolean = () => true): PodGroup[] {
  const pods: PodDemand[] = [];
  engine.members.forEach((m, i) => {
    if (m.requests.length === 0 || !onPool(i)) return;
    const demand = podDemand(shape, m.requests);
    for (let p = 0; p < Math.max(1, m.pods); p++) pods.push(demand);
  });
  if (pods.length === 0) return [];
  const copies = Math.max(1, engine.copies);
  const groups: PodGroup[] = [];
  for (let c = 0; c < copies; c++) {
    if (isGang(engine)) groups.push(pods);
    else for (const p of pods) groups.push([p]);
  }
  return groups;
}
