// Live or configured: which capacity each pool is packed into this pass (docs/scheduling.md,
// "Live capacity").
//
// - The clock is the request's own (healing.ts: the newest timestamp the request carries) and
//   every live report's reportedAt: the newest evidence the fleet gives. Never the wall clock, so
//   the same request always gets the same answer.
// - A pool's live numbers are in effect while fresh: reported at most LIVE_FRESHNESS_SECONDS before
//   the clock. A stale, unreadable or missing report leaves the configured capacity in effect,
//   which is never smaller than what the pool's replicas hold (the ledger is packed against it).
// - Live numbers only decide where new replicas go (ledger.ts packs into them); they never move,
//   evict or drop a placed replica.
import { newest } from './healing';
import type { CapacitySource, Cluster, Pool } from './types';

/** Ten reporter intervals (30 s): a report survives a few missed passes and a slow provider poll. */
export const LIVE_FRESHNESS_SECONDS = 300;

/** The pass's clock for capacity: the request's clock and every published reportedAt. */
export function capacityClock(requestClock: string | undefined, clusters: readonly Cluster[]): string | undefined {
  const reported = clusters.flatMap((c) => c.pools.flatMap((p) => (p.live && 'reportedAt' in p.live ? [p.live.reportedAt] : [])));
  return newest([requestClock, ...reported]);
}

/** Which capacity a pool is packed into at `clock`. */
export function capacitySource(pool: Pool, clock: string | undefined): CapacitySource {
  const live = pool.live;
  if (live === undefined) return { source: 'Configured', why: undefined };
  if ('problem' in live) return { source: 'Configured', why: `live numbers unreadable: ${live.problem}` };
  const age = clock === undefined ? 0 : (Date.parse(clock) - Date.parse(live.reportedAt)) / 1000;
  if (age > LIVE_FRESHNESS_SECONDS) return { source: 'Configured', why: `live report from ${live.reportedAt} is stale (more than ${LIVE_FRESHNESS_SECONDS}s before ${clock})` };
  return { source: 'Live', reportedAt: live.reportedAt };
}

/** The clusters with each pool's capacity source for this pass. */
export function withCapacitySources(clusters: readonly Cluster[], clock: string | undefined): Cluster[] {
  return clusters.map((c) => (c.pools.some((p) => p.live !== undefined) ? { ...c, pools: c.pools.map((p) => ({ ...p, capacity: capacitySource(p, clock) })) } : c));
}

/** How a pool's capacity is described in explanations; undefined for a pool that reports nothing. */
export function capacityNote(pool: Pool): string | undefined {
  const c = pool.capacity;
  if (c === undefined || (c.source === 'Configured' && c.why === undefined)) return undefined;
  return c.source === 'Live' ? `live capacity reported ${c.reportedAt}` : `configured capacity: ${c.why}`;
}
