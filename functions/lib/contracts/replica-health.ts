// A replica's health: fn-replica writes it to ModelReplica status.health (and the Healthy
// condition), fn-schedule reads it back to decide whether a replica is stuck on its cluster.
import { isRecord } from '../k8s/objects';

export const HEALTH_STATE = { progressing: 'Progressing', ready: 'Ready', stuck: 'Stuck' } as const;
export type HealthState = (typeof HEALTH_STATE)[keyof typeof HEALTH_STATE];

/** Why a replica is stuck. The first group is local to the cluster; the second follows the replica anywhere. */
export const STUCK_CAUSE = {
  unschedulable: 'Unschedulable',
  claimAllocationFailed: 'ClaimAllocationFailed',
  replicaFailure: 'ReplicaFailure',
  progressDeadlineExceeded: 'ProgressDeadlineExceeded',
  imagePullBackOff: 'ImagePullBackOff',
  crashLoopBackOff: 'CrashLoopBackOff',
} as const;
export type StuckCause = (typeof STUCK_CAUSE)[keyof typeof STUCK_CAUSE];

/** Causes that would follow the replica to any cluster (bad image, bad args): reported, never chased. */
export const FOLLOWS_REPLICA: ReadonlySet<string> = new Set<string>([STUCK_CAUSE.imagePullBackOff, STUCK_CAUSE.crashLoopBackOff]);

export interface ReplicaHealth {
  readonly state: HealthState;
  readonly cause?: StuckCause;
  readonly message?: string;
  /** RFC 3339: since when the replica has been in this state with this cause (from observed timestamps). */
  readonly since?: string;
  /** RFC 3339: the newest time the cluster reported on the evidence; fn-schedule's clock reads it. */
  readonly observedAt?: string;
}

const STATES: ReadonlySet<string> = new Set(Object.values(HEALTH_STATE));
const CAUSES: ReadonlySet<string> = new Set(Object.values(STUCK_CAUSE));

/** Reads status.health of an observed ModelReplica; undefined when absent or malformed. */
export function readReplicaHealth(status: unknown): ReplicaHealth | undefined {
  const health = isRecord(status) ? status.health : undefined;
  if (!isRecord(health) || typeof health.state !== 'string' || !STATES.has(health.state)) return undefined;
  const cause = typeof health.cause === 'string' && CAUSES.has(health.cause) ? (health.cause as StuckCause) : undefined;
  return {
    state: health.state as HealthState,
    ...(cause ? { cause } : {}),
    ...(typeof health.message === 'string' ? { message: health.message } : {}),
    ...(typeof health.since === 'string' && !Number.isNaN(Date.parse(health.since)) ? { since: health.since } : {}),
    ...(typeof health.observedAt === 'string' && !Number.isNaN(Date.parse(health.observedAt)) ? { observedAt: health.observedAt } : {}),
  };
}
