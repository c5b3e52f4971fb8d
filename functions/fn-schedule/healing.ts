// The request side of self-healing: the request's clock, the healing decisions for this pass
// (scheduler/healing.ts) and the events that explain them.
import { warning, type Event } from '../lib/response';
import type { ObservedObject } from '../lib/request';
import { placementSpec, type ModelDeploymentSpec } from '../lib/schema';
import { activeBackoffs, heal, newest, timestampsOf, type Healing } from './scheduler/healing';
import type { ObservedReplica } from './scheduler/types';

export const EVENT = {
  replacingStuck: 'ReplacingStuckReplica',
  stuckNotMoved: 'StuckReplicaNotMoved',
} as const;

/** The newest timestamp in the deployment and its observed replicas: the pass's "now". */
export function requestClock(xr: ObservedObject, replicas: readonly ObservedObject[]): string | undefined {
  return newest([...timestampsOf(xr), ...replicas.flatMap((r) => [...timestampsOf(r)])]);
}

export function healingPass(spec: ModelDeploymentSpec, xr: ObservedObject, own: readonly ObservedReplica[], observedReplicas: readonly ObservedObject[]): Healing {
  const placement = spec.placement ?? placementSpec.parse({});
  return heal(own, placement, xr.status, requestClock(xr, observedReplicas));
}

/** A Warning when a backoff is new (a stuck replica starts being replaced), one per replica reported and not moved. */
export function healingEvents(h: Healing, xr: ObservedObject): Event[] {
  const before = new Set(activeBackoffs(xr.status, undefined).map((b) => `${b.cluster}/${b.until}`));
  const events: Event[] = [];
  for (const b of h.backoffs) {
    if (!before.has(`${b.cluster}/${b.until}`))
      events.push(warning(EVENT.replacingStuck, `replica stuck on cluster ${b.cluster} (${b.cause}): replacing it elsewhere; cluster backed off until ${b.until}`));
  }
  for (const r of h.reported) events.push(warning(EVENT.stuckNotMoved, r));
  return events;
}
