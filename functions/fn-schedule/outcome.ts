// The deployment's conditions and readiness for one pass (scheduling.md, "Conditions").
//
// Ready means ready: the composite is never Ready=True while one of its conditions is False (a bad
// spec, a selector that does not compile, fewer Ready replicas than wanted, a replica kept because
// its fit cannot be told, replicas being replaced, nothing placed). Crossplane derives readiness
// from the composed resources; where that would say ready, the function says not ready.
import { condition, CROSSPLANE_MAX_RESPONSE_BYTES, mib, type Condition } from '../lib/response';
import { REASON, CONDITION } from './conditions';
import type { ReplicaCap } from './budget';
import type { CacheInput } from './inputs';
import type { ReplicaView } from './status';

/** Why this pass scheduled what it did; each kind maps to one ReplicasScheduled reason. */
export type Outcome =
  | { readonly kind: 'ScaledToZero' }
  | { readonly kind: 'InvalidSpec'; readonly message: string }
  | { readonly kind: 'InvalidNodeSelector'; readonly errors: readonly string[]; readonly wanted: number }
  | { readonly kind: 'NoClusters'; readonly resolved: number; readonly wanted: number }
  | {
      readonly kind: 'Scheduled';
      readonly wanted: number;
      readonly checked: number;
      readonly cache: CacheInput;
      /** The unschedulable summary, e.g. `0/4 clusters fit: 3 InsufficientNodes, 1 UntoleratedTaint`. */
      readonly summary?: string;
      /** Set when spec.replicas ModelReplicas would not fit one response. */
      readonly cap?: ReplicaCap;
    };

/** Replicas named in a condition message, at most: the rest are counted. */
const NAMED = 3;

function listed(items: readonly string[]): string {
  return items.length > NAMED ? `${items.slice(0, NAMED).join('; ')}; and ${items.length - NAMED} more` : items.join('; ');
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Replicas that count towards spec.replicas: all but those being replaced. */
const counted = (views: readonly ReplicaView[]) => views.filter((v) => v.replacing === undefined);

function scheduledCondition(outcome: Outcome, views: readonly ReplicaView[]): Condition {
  const T = CONDITION.scheduled;
  switch (outcome.kind) {
    case 'ScaledToZero':
      return condition(T, 'True', REASON.scaledToZero, 'Scaled to zero replicas');
    case 'InvalidSpec':
      return condition(T, 'False', REASON.invalidSpec, outcome.message);
    case 'InvalidNodeSelector':
      return condition(T, 'False', REASON.invalidNodeSelector, `Invalid nodeSelector CEL expression: ${outcome.errors.join('; ')}`);
    case 'NoClusters':
      return condition(
        T,
        'False',
        REASON.noClusters,
        outcome.resolved === 0
          ? 'No InferenceCluster matches spec.clusterSelector; keeping the current replicas'
          : `None of the ${outcome.resolved} InferenceClusters found matches the effective cluster selector; keeping the current replicas`,
      );
    case 'Scheduled':
      return placedCondition(outcome, views);
  }
}

function placedCondition(outcome: Extract<Outcome, { kind: 'Scheduled' }>, views: readonly ReplicaView[]): Condition {
  const T = CONDITION.scheduled;
  const { wanted, cache } = outcome;
  const placed = counted(views).length;
  const asIs = views.filter((v) => v.keptAsIs !== undefined);
  if (asIs.length > 0) {
    const reason = asIs.some((v) => v.keptAsIs!.reason === 'SelectorError') ? REASON.selectorError : REASON.clusterStatusUnknown;
    const named = asIs.map((v) => `replica ${v.replica} on ${v.cluster}: ${v.keptAsIs!.message}`);
    return condition(T, 'False', reason, `Keeping ${plural(asIs.length, 'replica')} as ${asIs.length === 1 ? 'it is' : 'they are'}, fit cannot be told: ${listed(named)}`);
  }
  const waiting =
    cache.state === 'unresolved'
      ? { reason: REASON.cacheUnresolved, text: `waiting for ModelCache ${cache.name}` }
      : cache.state === 'absent'
        ? { reason: REASON.cacheNotFound, text: `ModelCache ${cache.name} not found` }
        : undefined;
  if (placed < wanted && waiting) return condition(T, 'False', waiting.reason, `${placed} of ${wanted} replicas scheduled: ${waiting.text}`);
  if (placed === 0) return condition(T, 'False', REASON.insufficientCapacity, `0 of ${wanted} replicas scheduled (checked ${outcome.checked} clusters)`);
  const replacing = views.filter((v) => v.replacing !== undefined);
  if (placed < wanted && outcome.cap && placed >= outcome.cap.max) {
    return condition(
      T,
      'False',
      REASON.tooManyReplicas,
      `${placed} of ${wanted} replicas scheduled: at most ${outcome.cap.max} ModelReplicas of this spec (~${Math.ceil(outcome.cap.bytesEach / 1024)} KiB each) ` +
        `fit the ${mib(CROSSPLANE_MAX_RESPONSE_BYTES)} Crossplane accepts from a function. Lower spec.replicas, shrink spec.engines[*].members[*].template, or split the deployment`,
    );
  }
  // Fewer placed with nothing short of room: spec.strategy holds replacements back while moves run.
  const rolling = replacing.length > 0 && outcome.summary === undefined;
  if (placed < wanted && !rolling) {
    const also = replacing.length > 0 ? `; keeping ${plural(replacing.length, 'replica')} until replaced` : '';
    return condition(T, 'False', REASON.partiallyScheduled, `${placed} of ${wanted} replicas scheduled${outcome.summary ? `; ${outcome.summary}` : ''}${also}`);
  }
  if (replacing.length > 0) {
    const named = replacing.map((v) => `replica ${v.replica} on ${v.cluster}: ${v.replacing}`);
    return condition(
      T,
      'False',
      REASON.replacing,
      `Replacing ${plural(replacing.length, 'replica')}, kept until replacements are Ready${placed < wanted ? ` (${placed} of ${wanted} scheduled; spec.strategy bounds how many move at once)` : ''}: ${listed(named)}`,
    );
  }
  if (!views.some((v) => v.observed)) return condition(T, 'False', REASON.scheduling, `Scheduled ${placed} of ${wanted} replicas; none observed yet`);
  return condition(T, 'True', REASON.replicasCreated, `Scheduled ${placed} of ${wanted} replicas`);
}

function readyCondition(outcome: Outcome, views: readonly ReplicaView[]): Condition {
  const T = CONDITION.ready;
  if (outcome.kind === 'ScaledToZero') return condition(T, 'True', REASON.scaledToZero, 'Scaled to zero replicas');
  const placed = counted(views);
  const wanted = outcome.kind === 'InvalidSpec' ? placed.length : outcome.wanted;
  const ready = placed.filter((v) => v.ready).length;
  const message = `${ready} of ${wanted} ready`;
  if (placed.length === 0) return condition(T, 'False', REASON.noReplicasScheduled, message);
  if (ready >= wanted) return condition(T, 'True', REASON.allReplicasReady, message);
  if (ready < placed.length) return condition(T, 'False', REASON.modelStarting, message);
  return condition(T, 'False', REASON.partiallyScheduled, `${message}; ${placed.length} of ${wanted} scheduled`);
}

export function cacheCondition(cache: CacheInput): Condition {
  const T = CONDITION.cache;
  switch (cache.state) {
    case 'none':
      return condition(T, 'True', REASON.cacheResolved, 'No ModelCache referenced');
    case 'present':
      return condition(T, 'True', REASON.cacheResolved, `ModelCache ${cache.name} found`);
    case 'unresolved':
      return condition(T, 'False', REASON.cacheUnresolved, `Waiting for ModelCache ${cache.name}; new replicas are not placed until it resolves`);
    case 'absent':
      return condition(T, 'False', REASON.cacheNotFound, `ModelCache ${cache.name} (spec.modelCacheRef.name) not found in this namespace; new replicas are not placed`);
  }
}

export function deploymentConditions(outcome: Outcome, views: readonly ReplicaView[], cache: CacheInput | undefined): Condition[] {
  const out = [scheduledCondition(outcome, views), readyCondition(outcome, views)];
  if (cache !== undefined) out.push(cacheCondition(cache));
  return out;
}

/**
 * False when a condition is False and every composed resource is ready (Crossplane would say
 * Ready=True); otherwise undefined: Crossplane decides, and names the unready resources itself.
 */
export function compositeReady(conditions: readonly Condition[], resources: readonly { readonly ready?: boolean | undefined }[]): false | undefined {
  return conditions.some((c) => c.status === 'False') && resources.every((r) => r.ready === true) ? false : undefined;
}
