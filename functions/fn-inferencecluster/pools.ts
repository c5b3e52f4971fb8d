// Node pools: which pools can be provisioned and published, and what the scheduler sees.
//
// A pool is `ready` when its class resolved, is valid and (for a provisioned cluster) provisions
// for the cluster's cloud. Anything else is a per-pool problem: it is reported, that pool is not
// provisioned anew, and the other pools proceed. A pool whose class is only unresolved or missing
// keeps what it had: its observed node pool and its last published gpuPools entry (nodes do not
// vanish because a class object did); an invalid or mismatched class is not published.
import { condition, count, warning, type Condition, type Event } from '../lib/response';
import type { GpuPool, InferenceClassSpec, InferenceClusterSpec, NodePool } from '../lib/schema';
import { summarize } from './class';
import { REASON, CONDITION } from './conditions';
import type { ClassLookup } from './inputs';

export type PoolState = 'ready' | 'unresolved' | 'missing' | 'invalid' | 'mismatch';

export interface PoolPlan {
  readonly pool: NodePool;
  readonly state: PoolState;
  /** The class, when state is ready. */
  readonly cls?: InferenceClassSpec;
  /** Why the pool is not ready, naming the pool and the class. */
  readonly problem?: string;
}

export function planPools(spec: InferenceClusterSpec, classes: ReadonlyMap<string, ClassLookup>): PoolPlan[] {
  const source = spec.cluster.source;
  return spec.nodePools.map((pool, i): PoolPlan => {
    const where = `spec.nodePools[${i}] (${pool.name})`;
    const found = classes.get(pool.className) ?? { state: 'unresolved' as const };
    if (found.state === 'unresolved') return { pool, state: 'unresolved', problem: `${where}: waiting for InferenceClass ${pool.className}` };
    if (found.state === 'missing') return { pool, state: 'missing', problem: `${where}.className: InferenceClass ${pool.className} not found` };
    if (!found.ok) return { pool, state: 'invalid', problem: `${where}.className: InferenceClass ${pool.className} is invalid (${summarize(found.problems)})` };
    if (source !== 'Existing') {
      const provider = found.spec.provisioning?.provider;
      if (provider !== source) {
        const has = provider ? `provisions for ${provider}` : 'has no provisioning recipe';
        return { pool, state: 'mismatch', problem: `${where}.className: InferenceClass ${pool.className} ${has}, but the cluster's source is ${source}` };
      }
    }
    return { pool, state: 'ready', cls: found.spec };
  });
}

/** A pool's capacity in nodes: maxNodeCount when set, else nodeCount. */
export const poolCapacity = (pool: NodePool): number => pool.maxNodeCount ?? pool.nodeCount;

/**
 * status.gpuPools in spec order: name, capacity in nodes and the class (whose devices readers join
 * through lib/contracts). `published` are the entries the XR status carries now; a pool whose
 * class is unresolved or missing keeps its published capacity.
 */
export function gpuPools(plans: readonly PoolPlan[], published: readonly GpuPool[]): GpuPool[] {
  const previous = new Map(published.map((p) => [p.name, p]));
  const out: GpuPool[] = [];
  for (const plan of plans) {
    const { name, className } = plan.pool;
    if (plan.state === 'ready' && plan.cls && plan.cls.devices.length > 0) {
      out.push({ name, nodes: poolCapacity(plan.pool), className });
    } else if (plan.state === 'unresolved' || plan.state === 'missing') {
      const kept = previous.get(name);
      if (kept && typeof kept.nodes === 'number') out.push({ name, nodes: kept.nodes, className });
    }
  }
  return out;
}

const REASON_ORDER: readonly [PoolState, string][] = [
  ['invalid', REASON.invalidClass],
  ['mismatch', REASON.provisioningMismatch],
  ['missing', REASON.waitingForClasses],
  ['unresolved', REASON.waitingForClasses],
];

/** PoolsReady: True when every pool is ready; else the most serious reason and every problem. */
export function poolsCondition(plans: readonly PoolPlan[]): Condition {
  const bad = plans.filter((p) => p.state !== 'ready');
  if (bad.length === 0) {
    return condition(CONDITION.poolsReady, 'True', REASON.poolsResolved, `${count(plans.length, 'pool')} resolved`);
  }
  const reason = REASON_ORDER.find(([state]) => bad.some((p) => p.state === state))![1];
  return condition(CONDITION.poolsReady, 'False', reason, summarize(bad.map((p) => p.problem ?? p.pool.name)));
}

const WARN_REASON: Partial<Record<PoolState, string>> = {
  missing: REASON.waitingForClasses,
  invalid: REASON.invalidClass,
  mismatch: REASON.provisioningMismatch,
};

/** One Warning per pool the platform team must fix (a class not yet answered for is no warning). */
export function poolWarnings(plans: readonly PoolPlan[]): Event[] {
  return plans.flatMap((p) => {
    const reason = WARN_REASON[p.state];
    return reason ? [warning(reason, p.problem ?? p.pool.name)] : [];
  });
}
