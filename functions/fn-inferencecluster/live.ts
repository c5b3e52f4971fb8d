// Live capacity publication: the capacity report the observe-only Object brings back
// (lib/contracts/capacity-report.ts), turned into per-pool numbers in status.gpuPools[].live
// (lib/capacity/live.ts), and the CapacityReported condition saying whether a report is in effect.
//
// This function has no clock: it publishes the report with its reportedAt; whether the numbers are
// fresh enough to use is the scheduler's call (docs/scheduling.md, "Live capacity"). A report that
// is missing or malformed publishes no live numbers: the configured capacity stays in effect.
import { livePool, type RecipeDevice } from '../lib/capacity';
import { readCapacityReport, type CapacityReportRead, type ReportedNode } from '../lib/contracts';
import type { ObservedObject } from '../lib/request';
import { condition, count, type Condition } from '../lib/response';
import type { GpuPool, InferenceClusterSpec } from '../lib/schema';
import { CONDITION, REASON } from './conditions';
import type { PoolPlan } from './pools';

/** The report as the observe-only Object last saw it; undefined while the Object is not composed. */
export function observedReport(observer: ObservedObject | undefined): CapacityReportRead | undefined {
  if (observer === undefined) return undefined;
  const atProvider = (observer.status as { atProvider?: { manifest?: unknown } } | undefined)?.atProvider;
  return readCapacityReport(atProvider?.manifest);
}

const recipeOf = (plan: PoolPlan): RecipeDevice[] =>
  (plan.cls?.devices ?? []).map((d) => ({ claim: d.claim, driver: d.driver, deviceClassName: d.deviceClassName, count: d.count }));

/**
 * The pools with their live numbers: each pool whose class is ready gets the nodes reported with
 * its label; entries kept from last time (class unresolved) stay as they were.
 */
export function withLive(pools: readonly GpuPool[], plans: readonly PoolPlan[], spec: InferenceClusterSpec, report: CapacityReportRead | undefined): GpuPool[] {
  if (report?.state !== 'present') return pools.map(({ live: _dropped, ...p }) => p);
  const byPool = new Map<string, ReportedNode[]>();
  for (const n of report.nodes) byPool.set(n.pool, [...(byPool.get(n.pool) ?? []), n]);
  const ready = new Map(plans.filter((p) => p.state === 'ready').map((p) => [p.pool.name, p] as const));
  return pools.map((pool) => {
    const plan = ready.get(pool.name);
    if (plan === undefined) return pool;
    const max = spec.nodePools.find((p) => p.name === pool.name)?.maxNodeCount;
    const live = livePool(recipeOf(plan), byPool.get(pool.name) ?? [], max);
    return { ...pool, live: { reportedAt: report.reportedAt, ...live, free: [...live.free] } };
  });
}

/** CapacityReported: True while a readable report is published; else why the configured capacity is in effect. */
export function capacityCondition(report: CapacityReportRead | undefined): Condition {
  const t = CONDITION.capacityReported;
  if (report === undefined) return condition(t, 'False', REASON.waitingForReporter, 'The capacity reporter starts with the serving stack; configured capacity in effect');
  if (report.state === 'missing') return condition(t, 'False', REASON.reportMissing, `${report.problem}; configured capacity in effect`);
  if (report.state === 'malformed') return condition(t, 'False', REASON.reportMalformed, `Capacity report: ${report.problem}; configured capacity in effect`);
  const pools = new Set(report.nodes.map((n) => n.pool)).size;
  return condition(t, 'True', REASON.reported, `${count(report.nodes.length, 'node')} in ${count(pools, 'pool')} reported at ${report.reportedAt}`);
}
