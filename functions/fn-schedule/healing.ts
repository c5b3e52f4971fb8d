// The request side of self-healing: the request's clock, the healing decisions for this pass
// (scheduler/healing.ts, scheduler/failover.ts), the status they keep and the events that explain them.
import { normal, warning, type Event } from '../lib/response';
import type { ObservedObject } from '../lib/request';
import { placementSpec, type ModelDeploymentSpec } from '../lib/schema';
import { afterPass, failoverInput, OUTAGE_PHASE, previousOutages, trackOutages, type Outage } from './scheduler/failover';
import { activeBackoffs, heal, newest, timestampsOf, type Healing } from './scheduler/healing';
import type { Cluster, ObservedReplica } from './scheduler/types';

export const EVENT = {
  replacingStuck: 'ReplacingStuckReplica',
  stuckNotMoved: 'StuckReplicaNotMoved',
  clusterDown: 'ClusterDown',
  clusterFailover: 'ClusterFailover',
  clusterRecovered: 'ClusterRecovered',
} as const;

export interface HealingPass extends Healing {
  /** Outages of the clusters hosting this deployment's replicas, this pass. */
  readonly outages: readonly Outage[];
}

/** The newest timestamp in the deployment and its observed replicas: the pass's "now". */
export function requestClock(xr: ObservedObject, replicas: readonly ObservedObject[]): string | undefined {
  return newest([...timestampsOf(xr), ...replicas.flatMap((r) => [...timestampsOf(r)])]);
}

export function healingPass(
  spec: ModelDeploymentSpec,
  xr: ObservedObject,
  own: readonly ObservedReplica[],
  observedReplicas: readonly ObservedObject[],
  clusters: readonly Cluster[],
): HealingPass {
  const placement = spec.placement ?? placementSpec.parse({});
  const now = requestClock(xr, observedReplicas);
  const h = heal(own, placement, xr.status, now);
  const tolerance = placement.clusterFailureToleration;
  const outages = trackOutages(clusters, new Set(own.map((r) => r.clusterName)), previousOutages(xr.status), now, tolerance);
  return { ...h, input: { ...h.input, ...failoverInput(outages, tolerance) }, outages };
}

/** The status fields healing keeps: active backoffs, and outages still in progress after this pass (`held` replicas, `wanted`). */
export function healingStatus(h: HealingPass, held: number, wanted: number): Record<string, unknown> {
  const outages = afterPass(h.outages, held, wanted);
  return { ...(h.backoffs.length > 0 ? { backoffs: h.backoffs } : {}), ...(outages.length > 0 ? { outages } : {}) };
}

/** Events: a new backoff, a stuck replica not moved, and each outage in progress (down, failed over, failing back). */
export function healingEvents(h: HealingPass, xr: ObservedObject): Event[] {
  const before = new Set(activeBackoffs(xr.status, undefined).map((b) => `${b.cluster}/${b.until}`));
  const events: Event[] = [];
  for (const b of h.backoffs) {
    if (!before.has(`${b.cluster}/${b.until}`))
      events.push(warning(EVENT.replacingStuck, `replica stuck on cluster ${b.cluster} (${b.cause}): replacing it elsewhere; cluster backed off until ${b.until}`));
  }
  for (const r of h.reported) events.push(warning(EVENT.stuckNotMoved, r));
  // Repeated every pass while the phase lasts (the message is stable, so the API server aggregates them).
  for (const o of h.outages) {
    if (o.phase === OUTAGE_PHASE.down) events.push(warning(EVENT.clusterDown, `${o.reason} since ${o.since}: its replicas are kept; they fail over if it stays down`));
    else if (o.phase === OUTAGE_PHASE.failedOver)
      events.push(warning(EVENT.clusterFailover, `${o.reason} since ${o.since}: replacing its replicas on other clusters; they are kept until it recovers`));
    else events.push(normal(EVENT.clusterRecovered, `cluster ${o.cluster} recovered: keeping its replicas, removing the replacements once they serve`));
  }
  return events;
}
