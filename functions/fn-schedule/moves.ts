// Events for every move of a pass (docs/failures.md, "Explain"): a replica kept while it is
// replaced, and a replica removed, each with its cause. Repeated every pass while they hold (the
// messages are stable, so the API server aggregates them); a removal is reported by the pass that
// removes it.
import { normal, type Event } from '../lib/response';
import type { ScheduleResult } from './scheduler/types';

export const MOVE_EVENT = {
  replacing: 'ReplacingReplica',
  removed: 'RemovedReplica',
} as const;

/** Events naming each replica being replaced or removed this pass, and why. */
export function moveEvents(result: ScheduleResult, wanted: number): Event[] {
  const events: Event[] = [];
  for (const s of result.replacing) {
    if (s.stranded) continue; // The outage events (healing.ts) say why.
    events.push(normal(MOVE_EVENT.replacing, `replica ${s.replica.name} on ${s.replica.clusterName}: ${s.why}; kept until a replacement is Ready`));
  }
  for (const d of result.dropped) events.push(normal(MOVE_EVENT.removed, `replica ${d.replica.name} on ${d.replica.clusterName} removed: ${d.why}`));
  for (const r of result.scaledDown) events.push(normal(MOVE_EVENT.removed, `replica ${r.name} on ${r.clusterName} removed: more replicas than spec.replicas (${wanted})`));
  return events;
}
