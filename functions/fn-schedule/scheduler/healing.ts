// Self-healing decisions (docs/failures.md), pure:
// - a replica placed at least progressDeadlineSeconds ago (by the request's own clock, below),
//   not Ready, Stuck for a cause local to its cluster (unschedulable, a claim that cannot be
//   allocated, the workload cannot create pods) is replaced elsewhere: kept until its replacement
//   is Ready, its (cluster, pools) backed off so the next placement goes elsewhere;
// - a Stuck cause that follows the replica (image pull, crash loop), or a replica Progressing with
//   no cause, is reported and never chased;
// - backoffs expire at `until`; an active one is never extended while it lasts.
// The request's clock: the newest timestamp the request carries (condition transitions, health
// "since" and "observedAt" (the newest time the replica's cluster reported), creation times). Never the wall clock, so the same request always gets the same answer;
// time moves forward only as the clusters report something new.
import { FOLLOWS_REPLICA, HEALTH_STATE, STUCK_CAUSE } from '../../lib/contracts';
import { isRecord } from '../../lib/k8s/objects';
import type { PlacementSpec } from '../../lib/schema';
import type { Retention } from './retain';
import type { HealingInput, ObservedReplica } from './types';

export interface Backoff {
  readonly cluster: string;
  readonly pools: readonly string[];
  readonly cause: string;
  readonly until: string;
}

/** Causes local to the cluster: another cluster may well run the same replica. */
const CLUSTER_LOCAL: ReadonlySet<string> = new Set<string>([STUCK_CAUSE.unschedulable, STUCK_CAUSE.claimAllocationFailed, STUCK_CAUSE.replicaFailure]);

const ms = (t: string | undefined): number | undefined => {
  const v = t === undefined ? NaN : Date.parse(t);
  return Number.isNaN(v) ? undefined : v;
};

/** The newest of the given RFC 3339 times (ignoring junk), or undefined. */
export function newest(times: Iterable<unknown>): string | undefined {
  let best: { at: number; text: string } | undefined;
  for (const t of times) {
    const at = typeof t === 'string' ? ms(t) : undefined;
    if (at !== undefined && (best === undefined || at > best.at)) best = { at, text: new Date(at).toISOString() };
  }
  return best?.text;
}

/** Timestamps of an observed object: creation, its conditions' transitions, its health "since". */
export function* timestampsOf(o: unknown): Generator<unknown> {
  if (!isRecord(o)) return;
  if (isRecord(o.metadata)) yield o.metadata.creationTimestamp;
  const status = isRecord(o.status) ? o.status : undefined;
  if (!status) return;
  if (Array.isArray(status.conditions)) for (const c of status.conditions) if (isRecord(c)) yield c.lastTransitionTime;
  if (isRecord(status.health)) {
    yield status.health.since;
    yield status.health.observedAt;
  }
}

export type StuckVerdict = { readonly replace: string; readonly cause: string } | { readonly report: string } | undefined;

/** What to do about one replica of the deployment, at the request's clock `now`. */
export function judgeHealth(r: ObservedReplica, placement: PlacementSpec, now: string | undefined): StuckVerdict {
  const h = r.health;
  if (r.ready || h === undefined || h.state !== HEALTH_STATE.stuck || h.cause === undefined) return undefined;
  if (FOLLOWS_REPLICA.has(h.cause)) return { report: `${h.cause} would follow replica ${r.name} to any cluster: ${h.message ?? ''}` };
  if (!CLUSTER_LOCAL.has(h.cause)) return { report: `replica ${r.name} is stuck (${h.cause}) for a cause that does not show which cluster is at fault` };
  const placed = ms(r.placedAt);
  const at = ms(now);
  // Cannot tell how long it has been: wait (never read as "deadline passed").
  if (placed === undefined || at === undefined || at - placed < placement.progressDeadlineSeconds * 1000) return undefined;
  return { replace: `stuck on cluster ${r.clusterName}: ${h.cause}: ${h.message ?? ''} (not Ready ${placement.progressDeadlineSeconds}s after placement)`, cause: h.cause };
}

/** Backoffs from the observed status, expired ones left out. */
export function activeBackoffs(previous: unknown, now: string | undefined): Backoff[] {
  const list = isRecord(previous) && Array.isArray(previous.backoffs) ? previous.backoffs : [];
  const at = ms(now);
  return list.flatMap((b): Backoff[] => {
    if (!isRecord(b) || typeof b.cluster !== 'string' || typeof b.cause !== 'string' || typeof b.until !== 'string') return [];
    const until = ms(b.until);
    // No clock yet: keep it (it cannot be told expired).
    if (until === undefined || (at !== undefined && at >= until)) return [];
    const pools = Array.isArray(b.pools) ? b.pools.filter((p): p is string => typeof p === 'string') : [];
    return [{ cluster: b.cluster, pools, cause: b.cause, until: b.until }];
  });
}

export interface Healing {
  readonly input: HealingInput;
  readonly backoffs: readonly Backoff[];
  /** Stuck replicas that are reported and not moved, with why. */
  readonly reported: readonly string[];
}

/** The healing decisions of one pass for this deployment's replicas. */
export function heal(own: readonly ObservedReplica[], placement: PlacementSpec, previousStatus: unknown, now: string | undefined): Healing {
  const backoffs = activeBackoffs(previousStatus, now);
  const stuck = new Map<string, string>();
  const reported: string[] = [];
  for (const r of [...own].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const v = judgeHealth(r, placement, now);
    if (v === undefined) continue;
    if ('report' in v) {
      reported.push(v.report);
      continue;
    }
    stuck.set(r.name, v.replace);
    if (now !== undefined && !backoffs.some((b) => b.cluster === r.clusterName)) {
      const pools = [...new Set(r.engines.flatMap((e) => e.members.flatMap((m) => (m.nodePoolName ? [m.nodePoolName] : []))))].sort();
      backoffs.push({ cluster: r.clusterName, pools, cause: v.cause, until: new Date(ms(now)! + placement.backoffSeconds * 1000).toISOString() });
    }
  }
  backoffs.sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0));
  return { input: { stuck, avoid: new Set(backoffs.map((b) => b.cluster)) }, backoffs, reported };
}

/** Retained replicas that are stuck become superseded: replaced before they are removed. */
export function withStuck(retention: Retention, healing: HealingInput | undefined): Retention {
  if (!healing || healing.stuck.size === 0) return retention;
  const retained = retention.retained.filter((p) => p.keptAsIs !== undefined || !healing.stuck.has(p.retained!.name));
  const moved = retention.retained.filter((p) => p.keptAsIs === undefined && healing.stuck.has(p.retained!.name));
  return { ...retention, retained, superseded: [...retention.superseded, ...moved.map((p) => ({ replica: p.retained!, why: healing.stuck.get(p.retained!.name)! }))] };
}
