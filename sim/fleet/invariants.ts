// Properties every simulation pass must keep.
import { nodesHeld as nodesOf, podsPerCopy } from '../../functions/lib/contracts';
import { isDeepStrictEqual } from 'node:util';
import { ledgerOfObjects } from '../../functions/fn-inferencecluster/ledger';
import { resolveStrategy } from '../../functions/fn-schedule/scheduler/strategy';
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

const deploymentOf = (r: Obj) => `${r.metadata?.namespace}/${r.metadata?.labels?.['modelplane.ai/deployment']}`;
const isReady = (o: Obj) => (o.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');

/** spec.strategy.maxUnavailable as the count the scheduler resolves it to for `wanted` (0 when unset). */
export function maxUnavailableOf(d: Obj, wanted: number): number {
  const s = d.spec?.strategy;
  return s ? resolveStrategy({ maxSurge: s.maxSurge ?? 1, maxUnavailable: s.maxUnavailable ?? 0 }, wanted).maxUnavailable : 0;
}

/**
 * In a pass that removes a Ready replica of a deployment (a voluntary move: drain, spec
 * edit, stuck, fail-back, scale-down), the deployment's Ready replicas never drop below
 * min(Ready before, spec.replicas) - maxUnavailable. Replicas that stop being Ready on their own
 * (a cluster outage, a crash) are not moves.
 */
export const readyFloor: Invariant = {
  name: 'Ready replicas never drop below min(before, wanted) - maxUnavailable during a move',
  check(before, after) {
    const out: string[] = [];
    const kept = new Set(after.ofKind('ModelReplica').map(replicaId));
    const moved = new Set(
      before
        .ofKind('ModelReplica')
        .filter((r) => isReady(r) && !kept.has(replicaId(r)))
        .map(deploymentOf),
    );
    for (const key of moved) {
      const [ns, name] = key.split('/') as [string, string];
      const d = after.find('ModelDeployment', name, ns);
      if (d === undefined || d.metadata?.deletionTimestamp) continue;
      const wanted = typeof d.spec?.replicas === 'number' ? d.spec.replicas : 1;
      const ready = (w: World) => w.ofKind('ModelReplica').filter((r) => deploymentOf(r) === key && isReady(r)).length;
      const floor = Math.min(ready(before), wanted) - maxUnavailableOf(d, wanted);
      if (ready(after) < floor) out.push(`${key}: Ready ${ready(before)} -> ${ready(after)}, floor ${floor}`);
    }
    return out;
  },
};
/**
 * Clusters whose published allocation ledger (status.ledger) is not the one their pinned replicas
 * make now. A ledger lags by a reconcile while the fleet moves; once it has settled, none may.
 */
export function staleLedgers(world: World): string[] {
  const replicas = world.ofKind('ModelReplica');
  return world
    .ofKind('InferenceCluster')
    .filter((c) => c.status?.ledger !== undefined && !c.metadata?.deletionTimestamp)
    .flatMap((c) => {
      const pinned = replicas.filter((r) => r.metadata?.labels?.['modelplane.ai/cluster'] === c.metadata.name);
      const want = ledgerOfObjects(c.status.gpuPools ?? [], world.ofKind('InferenceClass'), pinned);
      return isDeepStrictEqual(c.status.ledger, want) ? [] : [`cluster ${c.metadata.name}: status.ledger ${JSON.stringify(c.status.ledger)} != ${JSON.stringify(want)}`];
    });
}

/** The backends of a ModelService's route (its HTTPRoute on the control cluster), by name. */
export function serviceBackends(world: World, service: Obj): string[] {
  const route = world
    .all()
    .find((o) => o.kind === 'HTTPRoute' && o.metadata?.namespace === service.metadata?.namespace && o.metadata?.labels?.['crossplane.io/composite'] === service.metadata?.name);
  return (route?.spec?.rules ?? []).flatMap((r: Obj) => (r.backendRefs ?? []).map((b: Obj) => String(b.name)));
}

/** The backends of a ModelService whose ModelEndpoint is Ready: where its traffic is served. */
export function answeringBackends(world: World, service: Obj): string[] {
  const ready = new Set(
    world
      .ofKind('ModelEndpoint')
      .filter((e) => e.metadata?.namespace === service.metadata?.namespace && isReady(e))
      .map((e) => String(e.status?.routing?.backendName)),
  );
  return serviceBackends(world, service).filter((b) => ready.has(b));
}

/** A ModelService that routed to a Ready endpoint before a pass still does after it: it keeps answering through every move. */
export const serviceKeepsAnswering: Invariant = {
  name: 'a ModelService that answered keeps a Ready backend',
  check(before, after) {
    return after.ofKind('ModelService').flatMap((s) => {
      const was = before.find('ModelService', s.metadata.name, s.metadata.namespace);
      if (!was || s.metadata?.deletionTimestamp || answeringBackends(before, was).length === 0 || answeringBackends(after, s).length > 0) return [];
      return [`${s.metadata.namespace}/${s.metadata.name}: no Ready backend left (route: ${serviceBackends(after, s).join(' ') || 'none'})`];
    });
  },
};
