// Replica health from what the cluster reports: Ready (every workload Available), Stuck (a cause
// that will not clear by waiting: pods unschedulable, a claim that cannot be allocated, an image
// that cannot be pulled, a crash loop, the workload's own failure conditions) or Progressing.
// Pure: the evidence is the observed remote status of the workloads (Deployment/LeaderWorkerSet)
// and of any pods observed through observe-only Objects. "Since" comes from observed timestamps
// (the evidence's lastTransitionTime, the previous status, the replica's creation), never the
// clock, so the same request always gets the same answer.
import { FOLLOWS_REPLICA, HEALTH_STATE, STUCK_CAUSE, type ReplicaHealth, type StuckCause } from '../lib/contracts';
import { compact } from '../lib/k8s/compact';
import { isRecord } from '../lib/k8s/objects';
import { condition, type Condition } from '../lib/response';
import { CONDITION } from './conditions';

interface Evidence {
  readonly cause: StuckCause;
  readonly message: string;
  readonly at?: string;
}

type Json = Record<string, unknown>;
const records = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const time = (v: unknown): string | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined);
const statusOf = (o: Json): Json => (isRecord(o.status) ? o.status : {});
const nameOf = (o: Json): string => str(isRecord(o.metadata) ? o.metadata.name : undefined) ?? String(o.kind ?? 'object');
const cond = (o: Json, type: string): Json | undefined => records(statusOf(o).conditions).find((c) => c.type === type);

const PULL_REASONS = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName']);
/** The scheduler's messages for a DRA claim it cannot allocate. */
const CLAIM_RE = /resourceclaim|cannot allocate all claims|claim.*(allocat|not available)/i;

function podEvidence(pod: Json): Evidence[] {
  const out: Evidence[] = [];
  const name = nameOf(pod);
  const readyAt = time(cond(pod, 'Ready')?.lastTransitionTime);
  for (const c of [...records(statusOf(pod).initContainerStatuses), ...records(statusOf(pod).containerStatuses)]) {
    const waiting = isRecord(c.state) && isRecord(c.state.waiting) ? c.state.waiting : undefined;
    const reason = str(waiting?.reason);
    const detail = `pod ${name} container ${str(c.name) ?? '?'}: ${reason}${str(waiting?.message) ? ` (${str(waiting?.message)})` : ''}`;
    if (reason && PULL_REASONS.has(reason)) out.push(compact({ cause: STUCK_CAUSE.imagePullBackOff, message: detail, at: readyAt }));
    if (reason === 'CrashLoopBackOff') out.push(compact({ cause: STUCK_CAUSE.crashLoopBackOff, message: detail, at: readyAt }));
  }
  const scheduled = cond(pod, 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    const message = str(scheduled.message) ?? 'no node fits';
    const at = time(scheduled.lastTransitionTime);
    const cause = CLAIM_RE.test(message) ? STUCK_CAUSE.claimAllocationFailed : STUCK_CAUSE.unschedulable;
    out.push(compact({ cause, message: `pod ${name}: ${message}`, at }));
  }
  return out;
}

function workloadEvidence(workload: Json): Evidence[] {
  const out: Evidence[] = [];
  const name = `${String(workload.kind ?? 'workload')} ${nameOf(workload)}`;
  const failure = cond(workload, 'ReplicaFailure');
  if (failure?.status === 'True') {
    const at = time(failure.lastTransitionTime);
    const message = str(failure.message) ?? str(failure.reason) ?? 'cannot create pods';
    const cause = CLAIM_RE.test(message) ? STUCK_CAUSE.claimAllocationFailed : STUCK_CAUSE.replicaFailure;
    out.push(compact({ cause, message: `${name}: ${message}`, at }));
  }
  const progressing = cond(workload, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    const at = time(progressing.lastTransitionTime);
    out.push(compact({ cause: STUCK_CAUSE.progressDeadlineExceeded, message: `${name}: ${str(progressing.message) ?? 'progress deadline exceeded'}`, at }));
  }
  return out;
}

/** Most telling first: a cause that follows the replica explains everything after it. */
const PRECEDENCE: readonly StuckCause[] = [
  STUCK_CAUSE.imagePullBackOff,
  STUCK_CAUSE.crashLoopBackOff,
  STUCK_CAUSE.claimAllocationFailed,
  STUCK_CAUSE.unschedulable,
  STUCK_CAUSE.replicaFailure,
  STUCK_CAUSE.progressDeadlineExceeded,
];

export interface HealthInput {
  /** Every workload applied and Available (readiness.ts). */
  readonly serving: boolean;
  /** Observed remote workload manifests (with status). */
  readonly workloads: readonly Json[];
  /** Observed remote pods, from observe-only Objects. */
  readonly pods: readonly Json[];
  /** status.health as last written. */
  readonly previous?: ReplicaHealth;
  /** When the replica was placed (its creationTimestamp). */
  readonly placedAt?: string;
}

const earliest = (times: readonly (string | undefined)[]): string | undefined => times.filter((t): t is string => t !== undefined).sort((a, b) => Date.parse(a) - Date.parse(b))[0];

/** The newest time the cluster reported on any condition of the workloads and pods. */
function observedAt(input: HealthInput): string | undefined {
  const times: string[] = [];
  for (const o of [...input.workloads, ...input.pods]) {
    for (const c of records(statusOf(o).conditions)) for (const t of [c.lastTransitionTime, c.lastUpdateTime, c.lastProbeTime]) if (time(t)) times.push(t as string);
  }
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

export function replicaHealth(input: HealthInput): ReplicaHealth {
  const at = observedAt(input);
  const h = classify(input);
  return at ? { ...h, observedAt: at } : h;
}

function classify(input: HealthInput): ReplicaHealth {
  const { previous } = input;
  const keepSince = (state: string, cause?: string): string | undefined => (previous && previous.state === state && previous.cause === cause ? previous.since : undefined);
  if (input.serving) {
    const at = earliest(input.workloads.map((w) => time(cond(w, 'Available')?.lastTransitionTime)));
    const since = keepSince(HEALTH_STATE.ready) ?? at;
    return { state: HEALTH_STATE.ready, ...(since ? { since } : {}) };
  }
  const evidence = [...input.pods.flatMap(podEvidence), ...input.workloads.flatMap(workloadEvidence)];
  for (const cause of PRECEDENCE) {
    const found = evidence.filter((e) => e.cause === cause);
    if (found.length === 0) continue;
    const since = keepSince(HEALTH_STATE.stuck, cause) ?? earliest(found.map((e) => e.at)) ?? input.placedAt;
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
    return { state: HEALTH_STATE.stuck, cause, message: `${found[0]!.message}${more}`, ...(since ? { since } : {}) };
  }
  const since = keepSince(HEALTH_STATE.progressing) ?? input.placedAt;
  return { state: HEALTH_STATE.progressing, message: 'waiting for workloads to become Available', ...(since ? { since } : {}) };
}

/** True when the cause would follow the replica to any cluster. */
export const followsReplica = (h: ReplicaHealth): boolean => h.cause !== undefined && FOLLOWS_REPLICA.has(h.cause);

export function healthCondition(h: ReplicaHealth): Condition {
  const since = h.since ? ` since ${h.since}` : '';
  if (h.state === HEALTH_STATE.ready) return condition(CONDITION.healthy, 'True', HEALTH_STATE.ready, `serving${since}`);
  if (h.state === HEALTH_STATE.progressing) return condition(CONDITION.healthy, 'Unknown', HEALTH_STATE.progressing, `${h.message ?? 'progressing'}${since}`);
  const where = followsReplica(h) ? 'follows the replica to any cluster' : 'local to the cluster';
  return condition(CONDITION.healthy, 'False', h.cause ?? HEALTH_STATE.stuck, `Stuck${since}: ${h.message ?? ''} (${where})`);
}
