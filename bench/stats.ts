// Small timing helpers shared by the benchmarks.

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Timing {
  readonly median_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  readonly runs: number;
}

/** Times `fn` after `warmup` untimed runs; returns milliseconds. */
export async function time(fn: () => unknown, runs: number, warmup = Math.min(10, runs)): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { median_ms: round(percentile(samples, 50)), p95_ms: round(percentile(samples, 95)), p99_ms: round(percentile(samples, 99)), runs };
}

export const emit = (row: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(row)}\n`);
};
