// Events of a pass: a Warning per False condition the user (or platform team) must fix, and one
// Normal event when ReplicasScheduled first turns True.
import { isConditionTrue } from '../lib/k8s/objects';
import { normal, warning, type Condition, type Event } from '../lib/response';
import { EVENT, REASON, CONDITION, USER_FIXABLE } from './conditions';
import type { ReplicaView } from './status';

export function deploymentEvents(opts: {
  readonly conditions: readonly Condition[];
  readonly replicas: readonly ReplicaView[];
  /** The XR as observed before this pass (its conditions tell whether this is a transition). */
  readonly observedXr: unknown;
  /** Appended to the InsufficientCapacity warning, e.g. `0/4 clusters fit: 3 InsufficientNodes, ...`. */
  readonly summary?: string;
}): Event[] {
  const events: Event[] = [];
  const warned = new Set<string>();
  for (const c of opts.conditions) {
    // ReplicasReady only restates what ReplicasScheduled warns about.
    if (c.type === CONDITION.ready || c.status !== 'False' || !USER_FIXABLE.has(c.reason) || warned.has(c.reason)) continue;
    warned.add(c.reason);
    const detail = c.reason === REASON.insufficientCapacity && opts.summary ? `: ${opts.summary}` : '';
    events.push(warning(c.reason, `${c.message ?? c.reason}${detail}`));
  }
  const scheduled = opts.conditions.find((c) => c.type === CONDITION.scheduled);
  if (scheduled?.status === 'True' && scheduled.reason === REASON.replicasCreated && !isConditionTrue(opts.observedXr, CONDITION.scheduled)) {
    const clusters = [...new Set(opts.replicas.map((r) => r.cluster))].sort();
    events.push(normal(EVENT.scheduled, `Scheduled ${opts.replicas.length} replicas across ${clusters.length} clusters: ${clusters.join(', ')}`));
  }
  return events;
}
