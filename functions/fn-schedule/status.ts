// The ModelDeployment's status fields and conditions (scheduling.md, "What the function returns").
import { LABELS } from '../lib/k8s/labels';
import { formatMatchLabels } from '../lib/k8s/selectors';
import { condition, type Condition } from '../lib/response';
import { REASONS, TYPES } from './conditions';
import type { CacheInput } from './inputs';
import type { UnschedulableEntry } from './scheduler/explain';

/** One replica as the status shows it. */
export interface ReplicaView {
  readonly replica: string;
  readonly cluster: string;
  readonly index: number;
  readonly engines: readonly { readonly name: string; readonly pools: readonly string[] }[];
  /** Exists as an observed ModelReplica. */
  readonly observed: boolean;
  /** Observed with Ready=True. */
  readonly ready: boolean;
}

export function deploymentStatus(name: string, replicas: readonly ReplicaView[], unschedulable: readonly UnschedulableEntry[]): Record<string, unknown> {
  return {
    replicas: { total: replicas.length, ready: replicas.filter((r) => r.ready).length },
    placements: replicas.map((r) => ({
      replica: r.replica,
      cluster: r.cluster,
      index: r.index,
      engines: r.engines.map((e) => ({ name: e.name, pools: [...e.pools] })),
    })),
    unschedulable: unschedulable.map((u) => ({ cluster: u.cluster, reason: u.reason })),
    labelSelector: formatMatchLabels({ [LABELS.deployment]: name }),
  };
}

/** Why this pass scheduled what it did; each kind maps to one ReplicasScheduled reason. */
export type Outcome =
  | { readonly kind: 'ScaledToZero' }
  | { readonly kind: 'InvalidSpec'; readonly message: string }
  | { readonly kind: 'InvalidNodeSelector'; readonly errors: readonly string[] }
  | { readonly kind: 'NoClusters'; readonly resolved: number }
  | { readonly kind: 'Scheduled'; readonly wanted: number; readonly checked: number; readonly cache: CacheInput };

function scheduledCondition(outcome: Outcome, replicas: readonly ReplicaView[]): Condition {
  const T = TYPES.scheduled;
  switch (outcome.kind) {
    case 'ScaledToZero':
      return condition(T, 'True', REASONS.scaledToZero, 'Scaled to zero replicas');
    case 'InvalidSpec':
      return condition(T, 'False', REASONS.invalidSpec, outcome.message);
    case 'InvalidNodeSelector':
      return condition(T, 'False', REASONS.invalidNodeSelector, `Invalid nodeSelector CEL expression: ${outcome.errors.join('; ')}`);
    case 'NoClusters':
      return condition(
        T,
        'False',
        REASONS.noClusters,
        outcome.resolved === 0
          ? 'No InferenceCluster matches spec.clusterSelector; keeping the current replicas'
          : `None of the ${outcome.resolved} InferenceClusters found matches the effective cluster selector; keeping the current replicas`,
      );
    case 'Scheduled': {
      const placed = replicas.length;
      const { wanted, cache } = outcome;
      if (placed === 0 && cache.state === 'unresolved') {
        return condition(T, 'False', REASONS.cacheUnresolved, `0 of ${wanted} replicas scheduled: waiting for ModelCache ${cache.name}`);
      }
      if (placed === 0 && cache.state === 'absent') {
        return condition(T, 'False', REASONS.cacheNotFound, `0 of ${wanted} replicas scheduled: ModelCache ${cache.name} not found`);
      }
      if (placed === 0) {
        return condition(T, 'False', REASONS.insufficientCapacity, `0 of ${wanted} replicas scheduled (checked ${outcome.checked} clusters)`);
      }
      if (!replicas.some((r) => r.observed)) {
        return condition(T, 'False', REASONS.scheduling, `Scheduled ${placed} of ${wanted} replicas; none observed yet`);
      }
      return condition(T, 'True', REASONS.replicasCreated, `Scheduled ${placed} of ${wanted} replicas`);
    }
  }
}

function readyCondition(outcome: Outcome, replicas: readonly ReplicaView[]): Condition {
  const T = TYPES.ready;
  if (outcome.kind === 'ScaledToZero') return condition(T, 'True', REASONS.scaledToZero, 'Scaled to zero replicas');
  const m = replicas.length;
  const r = replicas.filter((x) => x.ready).length;
  const message = `${r} of ${m} ready`;
  if (m === 0) return condition(T, 'False', REASONS.noReplicasScheduled, message);
  if (r === m) return condition(T, 'True', REASONS.allReplicasReady, message);
  return condition(T, 'False', REASONS.modelStarting, message);
}

export function cacheCondition(cache: CacheInput): Condition {
  const T = TYPES.cache;
  switch (cache.state) {
    case 'none':
      return condition(T, 'True', REASONS.cacheResolved, 'No ModelCache referenced');
    case 'present':
      return condition(T, 'True', REASONS.cacheResolved, `ModelCache ${cache.name} found`);
    case 'unresolved':
      return condition(T, 'False', REASONS.cacheUnresolved, `Waiting for ModelCache ${cache.name}; new replicas are not placed until it resolves`);
    case 'absent':
      return condition(T, 'False', REASONS.cacheNotFound, `ModelCache ${cache.name} (spec.modelCacheRef.name) not found in this namespace; new replicas are not placed`);
  }
}

export function deploymentConditions(outcome: Outcome, replicas: readonly ReplicaView[], cache: CacheInput | undefined): Condition[] {
  const out = [scheduledCondition(outcome, replicas), readyCondition(outcome, replicas)];
  if (cache !== undefined) out.push(cacheCondition(cache));
  return out;
}
