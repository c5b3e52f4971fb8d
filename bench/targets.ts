// The performance targets of the quality contract, in one place, and how a run measures up to them.
// Benchmarks emit measurements only; this file says which figure is held to what.

export type Row = Readonly<Record<string, unknown>> & { readonly name: string };

export interface Target {
  /** What the figure is, as the report prints it. */
  readonly figure: string;
  /** The benchmark row (its `name`) and field that hold the figure. */
  readonly row: string;
  readonly field: string;
  /** The figure must stay at or below `max` (`strict`: below). */
  readonly max: number;
  readonly strict?: boolean;
  readonly unit: 'ms' | 'MiB' | '×';
}

export const TARGETS: readonly Target[] = [
  { figure: 'scheduler, 100 clusters × 8 pools, 50 replicas (median)', row: 'schedule-100x8-fresh-50', field: 'median_ms', max: 5, strict: true, unit: 'ms' },
  { figure: 'scheduler, 1,000 clusters × 8 pools, 50 replicas (median)', row: 'schedule-1000x8-fresh-50', field: 'median_ms', max: 50, strict: true, unit: 'ms' },
  { figure: 'RunFunction p50, fn-schedule vs a no-op function', row: 'runfunction-ratio-to-noop', field: 'p50_ratio', max: 1.5, unit: '×' },
  { figure: 'RunFunction p99, fn-schedule vs a no-op function', row: 'runfunction-ratio-to-noop', field: 'p99_ratio', max: 1.5, unit: '×' },
  { figure: 'cold start, bundle, to first RunFunction (median)', row: 'cold-start-bundle', field: 'median_ms', max: 300, strict: true, unit: 'ms' },
  // Issue 14: the fleet at scale, 1,000 clusters x 8 pools with 10,000 replicas fleet-wide, over loopback gRPC, request pre-encoded.
  { figure: 'scheduler request, 1,000 clusters × 8 pools, 10,000 replicas', row: 'runfunction-fn-schedule-1000-clusters', field: 'request_mib', max: 4, unit: 'MiB' },
  { figure: 'RunFunction p50, fn-schedule at 1,000 clusters (pre-encoded)', row: 'runfunction-fn-schedule-1000-clusters', field: 'median_ms', max: 100, unit: 'ms' },
  { figure: 'peak RSS, fn-schedule at 1,000 clusters', row: 'runfunction-fn-schedule-1000-clusters', field: 'peak_rss_mib', max: 150, unit: 'MiB' },
  ...(['fn-schedule', 'fn-replica', 'fn-inferencecluster', 'fn-service'] as const).map((fn): Target => ({
    figure: `largest response in the tour, ${fn}`,
    row: `largest-response-${fn}-tour`,
    field: 'response_mib',
    max: 4,
    strict: true,
    unit: 'MiB',
  })),
  {
    figure: 'largest response, fn-schedule, 1,000 replicas of a 32 KiB pod template',
    row: 'largest-response-fn-schedule-1000-replicas',
    field: 'response_mib',
    max: 4,
    strict: true,
    unit: 'MiB',
  },
  {
    figure: 'largest response, fn-modelcache, 10,000 matching clusters',
    row: 'largest-response-fn-modelcache-10000-clusters',
    field: 'response_mib',
    max: 4,
    strict: true,
    unit: 'MiB',
  },
  { figure: 'peak RSS, fn-modelcache, 10,000 matching clusters', row: 'largest-response-fn-modelcache-10000-clusters', field: 'peak_rss_mib', max: 200, strict: true, unit: 'MiB' },
  { figure: 'scheduler request size, 100 clusters', row: 'compose-100x8-fresh-50', field: 'request_mib', max: 4, strict: true, unit: 'MiB' },
  { figure: 'scheduler request size, 1,000 clusters', row: 'compose-1000x8-fresh-50', field: 'request_mib', max: 4, strict: true, unit: 'MiB' },
  { figure: 'Function package size, compressed (largest of five)', row: 'image-size-max', field: 'compressed_mib', max: 64, strict: true, unit: 'MiB' },
  { figure: 'Function package size, unpacked (fn-schedule, the largest bundle)', row: 'image-size-max', field: 'unpacked_mib', max: 160, strict: true, unit: 'MiB' },
  { figure: 'cold start in the package image, isolated, mTLS, fn-schedule (median)', row: 'cold-start-image-fn-schedule', field: 'median_ms', max: 1500, strict: true, unit: 'ms' },
  { figure: 'release build, 5 images + 6 packages, warm caches', row: 'package-build', field: 'build_ms', max: 60_000, strict: true, unit: 'ms' },
];

export type Verdict = { readonly status: 'met' } | { readonly status: 'missed'; readonly by: number } | { readonly status: 'not run' };

export interface Assessment {
  readonly target: Target;
  readonly value?: number;
  readonly verdict: Verdict;
}

/** How each target fares against the rows of a run (rows of benchmarks not run: `not run`). */
export function assess(rows: readonly Row[], targets: readonly Target[] = TARGETS): Assessment[] {
  return targets.map((target) => {
    const value = rows.find((r) => r.name === target.row)?.[target.field];
    if (typeof value !== 'number' || !Number.isFinite(value)) return { target, verdict: { status: 'not run' } };
    const ok = target.strict ? value < target.max : value <= target.max;
    return { target, value, verdict: ok ? { status: 'met' } : { status: 'missed', by: value - target.max } };
  });
}

const num = (n: number): string => (Math.abs(n) >= 100 ? String(Math.round(n)) : String(Math.round(n * 100) / 100));
const withUnit = (n: number, unit: Target['unit']): string => (unit === '×' ? `${num(n)}×` : `${num(n)} ${unit}`);

/** One table row: figure, measured, target, result ("missed by 48 ms (16%)"). */
export function describe(a: Assessment): [string, string, string, string] {
  const { target, value, verdict } = a;
  const limit = `${target.strict ? '<' : '≤'} ${withUnit(target.max, target.unit)}`;
  const measured = value === undefined ? '-' : withUnit(value, target.unit);
  const result = verdict.status === 'missed' ? `missed by ${withUnit(verdict.by, target.unit)} (${Math.round((verdict.by / target.max) * 100)}%)` : verdict.status;
  return [target.figure, measured, limit, result];
}
