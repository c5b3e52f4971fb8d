// Readiness from what provider-kubernetes reports on each Object:
//   applied   = Synced=True (the manifest was applied on the cluster);
//   ready     = Ready=True (for workloads our readiness policy derives it from the remote
//               Available condition; the remote status in status.atProvider.manifest also counts).
// ModelAccepted: every Object applied. ModelReady: additionally every workload (engine
// Deployments/LeaderWorkerSets and the endpoint picker) Available.
import { composedApplied, desiredManifest, remoteConditionTrue } from '../lib/delivery';
import { isReady } from '../lib/k8s/objects';
import { condition, type Condition } from '../lib/response';
import { CONDITION, REASON } from './conditions';

const WORKLOAD_KINDS = new Set(['Deployment', 'LeaderWorkerSet']);

export const isWorkloadManifest = (manifest: Record<string, unknown> | undefined): boolean => WORKLOAD_KINDS.has(String(manifest?.kind ?? ''));
export const isWorkload = (object: unknown): boolean => isWorkloadManifest(desiredManifest(object));

export interface ObjectState {
  readonly key: string;
  readonly workload: boolean;
  readonly applied: boolean;
  readonly ready: boolean;
}

/** The state of a composed Object, from its observed counterpart (undefined: not created yet). */
export function objectState(key: string, desired: unknown, observed: unknown): ObjectState {
  const workload = isWorkload(desired);
  return {
    key,
    workload,
    applied: composedApplied(observed),
    ready: isReady(observed) || (workload && remoteConditionTrue(observed, 'Available')),
  };
}

const MAX_LISTED = 5;
const list = (keys: readonly string[]): string => (keys.length > MAX_LISTED ? `${keys.slice(0, MAX_LISTED).join(', ')} and ${keys.length - MAX_LISTED} more` : keys.join(', '));

export function acceptedCondition(states: readonly ObjectState[], cluster: string): Condition {
  const pending = states.filter((s) => !s.applied).map((s) => s.key);
  if (pending.length === 0) return condition(CONDITION.accepted, 'True', REASON.applied, `${states.length} objects applied on cluster ${cluster}`);
  return condition(
    CONDITION.accepted,
    'False',
    REASON.applying,
    `${states.length - pending.length}/${states.length} objects applied on cluster ${cluster}; waiting for ${list(pending)}`,
  );
}

/** True when the replica serves: something is composed, all of it applied, every workload ready. */
export const isServing = (states: readonly ObjectState[]): boolean => states.some((s) => s.workload) && states.every((s) => s.applied && (!s.workload || s.ready));

export function readyCondition(states: readonly ObjectState[]): Condition {
  if (isServing(states)) return condition(CONDITION.ready, 'True', REASON.serving, 'every workload is Available');
  const workloads = states.filter((s) => s.workload);
  if (workloads.length === 0) return condition(CONDITION.ready, 'False', REASON.waitingForWorkloads, 'no workloads composed yet');
  const pending = states.filter((s) => !s.applied || (s.workload && !s.ready)).map((s) => s.key);
  return condition(CONDITION.ready, 'False', REASON.waitingForWorkloads, `waiting for ${list(pending)}`);
}
