// The ModelCache's status and conditions from the per-cluster phases. Pure.
//
// ArtifactReady is True only when every matched cluster is Ready. Otherwise, most pressing first:
// NoClusters, AuthSecretMissing (while some cluster still needs the token), Failed, Partial.
import { condition, count, CROSSPLANE_MAX_RESPONSE_BYTES, mib, normal, warnOnFalse, type Condition, type Event } from '../lib/response';
import { isRecord } from '../lib/k8s/objects';
import { CONDITION, EVENT, REASON, USER_FIXABLE } from './conditions';
import type { AuthSecretState } from './inputs';
import type { ClusterStatus } from './phases';
import type { AuthSecretRef } from './sources';

export interface CacheStatus {
  readonly summary: { readonly ready: number; readonly total: number; readonly text: string };
  readonly clusters: readonly ClusterStatus[];
}

export function cacheStatus(clusters: readonly ClusterStatus[]): CacheStatus {
  const ready = clusters.filter((c) => c.phase === 'Ready').length;
  return { summary: { ready, total: clusters.length, text: `${ready}/${clusters.length}` }, clusters };
}

const selectorText = (matchLabels: Readonly<Record<string, string>> | undefined): string =>
  matchLabels === undefined
    ? 'spec.clusterSelector (omitted: every cluster)'
    : `spec.clusterSelector.matchLabels {${Object.entries(matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}}`;

export function clustersMatched(total: number, matchLabels: Readonly<Record<string, string>> | undefined, deferred = 0): Condition {
  if (deferred > 0) {
    const matched = total + deferred;
    return condition(
      CONDITION.clustersMatched,
      'False',
      REASON.tooManyClusters,
      `${count(matched, 'InferenceCluster')} match ${selectorText(matchLabels)}; staging on ${total} (clusters already holding a copy, then by name): ` +
        `one ModelCache's objects must fit the ${mib(CROSSPLANE_MAX_RESPONSE_BYTES)} Crossplane accepts from a function. Narrow spec.clusterSelector or split the cache`,
    );
  }
  return total === 0
    ? condition(CONDITION.clustersMatched, 'False', REASON.noClusters, `no InferenceCluster matches ${selectorText(matchLabels)}`)
    : condition(CONDITION.clustersMatched, 'True', REASON.matched, `${count(total, 'InferenceCluster')} ${total === 1 ? 'matches' : 'match'} ${selectorText(matchLabels)}`);
}

const names = (clusters: readonly ClusterStatus[]) => clusters.map((c) => c.name).join(', ');

export function artifactReady(status: CacheStatus, auth: AuthSecretState, ref: AuthSecretRef | undefined): Condition {
  const { ready, total } = status.summary;
  const notReady = status.clusters.filter((c) => c.phase !== 'Ready');
  const staged = `staged on ${ready} of ${count(total, 'cluster')}`;
  if (total === 0) return condition(CONDITION.artifactReady, 'False', REASON.noClusters, 'no InferenceCluster matches: the artifact is staged nowhere');
  if (notReady.length === 0) return condition(CONDITION.artifactReady, 'True', REASON.ready, staged);
  if (ref && (auth === 'missing' || auth === 'missingKey')) {
    const what = auth === 'missing' ? `Secret ${ref.name} (${ref.field}.name) does not exist` : `Secret ${ref.name} has no key ${ref.key} (${ref.field}.key)`;
    return condition(CONDITION.artifactReady, 'False', REASON.authSecretMissing, `${what}; ${staged}`);
  }
  const failed = notReady.filter((c) => c.phase === 'Failed');
  if (failed.length > 0) {
    return condition(CONDITION.artifactReady, 'False', REASON.failed, `${staged}; failed on ${names(failed)}: ${failed[0]!.message}`);
  }
  const parts = (['Hydrating', 'Pending'] as const)
    .map((phase) => [phase, notReady.filter((c) => c.phase === phase)] as const)
    .filter(([, cs]) => cs.length > 0)
    .map(([phase, cs]) => `${phase.toLowerCase()} on ${names(cs)}`);
  return condition(CONDITION.artifactReady, 'False', REASON.partial, `${staged}; ${parts.join('; ')}`);
}

/** Warnings for user-fixable False conditions, and one Normal event per cluster that just became Ready. */
export function cacheEvents(conditions: readonly Condition[], clusters: readonly ClusterStatus[], previous: PreviousStatus): Event[] {
  const staged = clusters
    .filter((c) => c.phase === 'Ready' && !(previous.get(c.name)?.phase === 'Ready' && previous.get(c.name)?.artifact === c.artifact))
    .map((c) => normal(EVENT.staged, `${c.artifact} is staged on InferenceCluster ${c.name}`));
  // Both conditions can be False for the same reason (NoClusters): one Warning per reason.
  const warnings = warnOnFalse(conditions, USER_FIXABLE).filter((w, i, all) => all.findIndex((o) => o.reason === w.reason) === i);
  return [...warnings, ...staged];
}

export type PreviousStatus = ReadonlyMap<string, { readonly phase?: string; readonly artifact?: string }>;

/** The observed XR status' per-cluster entries, tolerant of any shape. */
export function previousStatus(status: unknown): PreviousStatus {
  const out = new Map<string, { phase?: string; artifact?: string }>();
  const clusters = isRecord(status) && Array.isArray(status.clusters) ? status.clusters : [];
  for (const c of clusters) {
    if (!isRecord(c) || typeof c.name !== 'string') continue;
    out.set(c.name, {
      ...(typeof c.phase === 'string' ? { phase: c.phase } : {}),
      ...(typeof c.artifact === 'string' ? { artifact: c.artifact } : {}),
    });
  }
  return out;
}

/** The observed summary and clusters, re-emitted unchanged when this run cannot recompute them. */
export function observedStatusFields(status: unknown): Record<string, unknown> {
  if (!isRecord(status)) return {};
  return {
    ...(isRecord(status.summary) ? { summary: status.summary } : {}),
    ...(Array.isArray(status.clusters) ? { clusters: status.clusters } : {}),
  };
}
