// Properties every simulation pass must keep.
import { nodesHeld as nodesOf, podsPerCopy } from '../../functions/lib/contracts';
import { packFleet } from './packing';
import type { Invariant } from './simulator';
import type { Obj, World } from './world';

/** Nodes a replica holds per (pool), by the contract's rule, for every member that claims devices. */
export function nodesHeld(replica: Obj): Map<string, number> {
  const held = new Map<string, number>();
  for (const engine of replica.spec?.engines ?? []) {
    for (const member of engine.members ?? []) {
      if (!member.deviceRequests?.length) continue;
      const pool = String(member.nodePoolName);
      held.set(pool, (held.get(pool) ?? 0) + nodesOf(podsPerCopy(member), engine.copies ?? 1));
    }
  }
  return held;
}

/** used[cluster][pool] over every ModelReplica in the world. */
export function poolUsage(world: World): Map<string, Map<string, number>> {
  const usage = new Map<string, Map<string, number>>();
  for (const r of world.ofKind('ModelReplica')) {
    const cluster = String(r.spec?.clusterName);
    const pools = usage.get(cluster) ?? new Map<string, number>();
    for (const [pool, n] of nodesHeld(r)) pools.set(pool, (pools.get(pool) ?? 0) + n);
    usage.set(cluster, pools);
  }
  return usage;
}

/** No pool holds more than its devices (or, under node accounting, its nodes), packed as the ledger packs. */
export const noPoolOvercommitted: Invariant = {
  name: 'no pool overcommitted',
  check(_before, after) {
    const out: string[] = [];
    for (const [cluster, pools] of packFleet(after)) {
      for (const [pool, packed] of pools) {
        if (packed.overcommitted.length > 0) out.push(`${cluster}/${pool}: ${packed.overcommitted.join(', ')} do not fit`);
      }
    }
    return out;
  },
};

const replicaId = (r: Obj) =>
  `${r.metadata.namespace}/${r.metadata.labels?.['modelplane.ai/deployment']}@${r.spec?.clusterName}#${r.metadata.labels?.['modelplane.ai/replica-index']}`;

/** A replica may only disappear when `allowed` says the step gave it a cause. */
export function noMoveWithoutCause(allowed: (replica: Obj) => boolean = () => false): Invariant {
  return {
    name: 'no replica moved without cause',
    check(before, after) {
      const kept = new Set(after.ofKind('ModelReplica').map(replicaId));
      return before
        .ofKind('ModelReplica')
        .filter((r) => !kept.has(replicaId(r)) && !allowed(r))
        .map((r) => `${replicaId(r)} was removed`);
    },
  };
}
