// Per-cluster phase, a pure function of what is observed:
//   Ready      latched: once status says Ready for this artifact it stays Ready while the cluster
//              stays matched (the Job is gone by then); or the hydration Job reports Complete.
//   Failed     the Job reports Failed (message: the Job's failure reason and message).
//   Hydrating  the Job exists on the cluster and has not finished.
//   Pending    everything else: nothing composable yet, or not applied on the cluster yet.
import type { CacheClusterPhase } from '../lib/schema';
import { findCondition, isConditionTrue, isRecord } from '../lib/k8s/objects';
import { applyError, observedManifest } from '../lib/delivery';

export interface ClusterStatus {
  readonly name: string;
  readonly phase: CacheClusterPhase;
  readonly message: string;
  readonly artifact: string;
}

export interface ClusterObservation {
  readonly name: string;
  readonly artifact: string;
  /** This cluster's entry in the observed XR status, if any. */
  readonly previous?: { readonly phase?: string; readonly artifact?: string };
  /** The observed provider-kubernetes Objects (not the remote objects) of the volume and of this artifact's Job. */
  readonly pvcObject?: unknown;
  readonly jobObject?: unknown;
  /** Why a Job for this artifact cannot be composed now, when it cannot. */
  readonly blocked?: string;
}

const MAX_MESSAGE = 240;
const clip = (s: string): string => (s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 3)}...` : s);

function failedAttempts(job: Record<string, unknown>): number {
  const status = isRecord(job.status) ? job.status : {};
  return typeof status.failed === 'number' ? status.failed : 0;
}

export function clusterPhase(o: ClusterObservation): ClusterStatus {
  const at = (phase: CacheClusterPhase, message: string): ClusterStatus => ({ name: o.name, phase, message: clip(message), artifact: o.artifact });
  if (o.previous?.phase === 'Ready' && o.previous.artifact === o.artifact) return at('Ready', `${o.artifact} is staged`);

  const job = observedManifest(o.jobObject);
  if (job) {
    if (isConditionTrue(job, 'Complete')) return at('Ready', `${o.artifact} is staged`);
    const failed = [findCondition(job, 'Failed'), findCondition(job, 'FailureTarget')].find((c) => c?.status === 'True');
    if (failed) return at('Failed', [failed.reason, failed.message].filter(Boolean).join(': ') || 'the hydration Job failed');
    const name = isRecord(job.metadata) && typeof job.metadata.name === 'string' ? job.metadata.name : 'hydration Job';
    const retries = failedAttempts(job);
    return at('Hydrating', `Job ${name} is downloading ${o.artifact}${retries > 0 ? ` (${retries} failed attempt${retries > 1 ? 's' : ''} so far)` : ''}`);
  }

  const pvcError = applyError(o.pvcObject);
  if (pvcError) return at('Pending', `cannot apply the volume: ${pvcError}`);
  const jobError = applyError(o.jobObject);
  if (jobError) return at('Pending', `cannot apply the hydration Job: ${jobError}`);
  if (o.blocked) return at('Pending', o.blocked);
  return at('Pending', `waiting for the hydration Job of ${o.artifact} to start`);
}
