// Cluster failover and fail-back (docs/failures.md, "A cluster that stops being Ready"), pure.
//
// A cluster hosting replicas of the deployment is down when it is not Ready or publishes no
// gateway address. Each down cluster gets an outage in the deployment's status, `since` the first
// pass that saw it down by the request's clock (never the wall clock; no clock: no outage yet, so
// nothing moves). Phases:
// - Down: within spec.placement.clusterFailureToleration. Its replicas are kept and still count.
// - FailedOver: down at least the toleration. Its replicas are kept exactly as observed (nothing
//   is ever deleted on a cluster that may merely be unreachable), no longer count towards
//   spec.replicas, and replacements are placed on other clusters.
// - FailingBack: a failed-over cluster is Ready again. Its replicas count again, so the deployment
//   holds more than spec.replicas; the surplus is removed by one rule: the original placements
//   (the replicas on the recovered cluster, whose caches are warm) are kept, and the surplus is the
//   youngest of the others (newest placement first, then greater name), each removed only once the
//   replicas kept are serving (make before break, schedule.ts). The outage is dropped once the
//   deployment is back to spec.replicas.
// A cluster that goes down again starts a new outage and waits the whole toleration again, so a
// flapping cluster never moves replicas faster than once per toleration.
import { isRecord } from '../../lib/k8s/objects';
import type { Retention } from './retain';
import type { Cluster, HealingInput, ObservedReplica, Placement, Superseded } from './types';

export const OUTAGE_PHASE = { down: 'Down', failedOver: 'FailedOver', failingBack: 'FailingBack' } as const;
export type OutagePhase = (typeof OUTAGE_PHASE)[keyof typeof OUTAGE_PHASE];

export interface Outage {
  readonly cluster: string;
  /** RFC 3339: the first pass that saw the cluster down. */
  readonly since: string;
  /** Why the cluster counts as down (kept through fail-back: why it failed over). */
  readonly reason: string;
  readonly phase: OutagePhase;
}

const PHASES: ReadonlySet<string> = new Set(Object.values(OUTAGE_PHASE));

const ms = (t: string | undefined): number | undefined => {
  const v = t === undefined ? NaN : Date.parse(t);
  return Number.isNaN(v) ? undefined : v;
};

/** Why a cluster counts as down, or undefined when it is up. */
export function clusterDown(c: Cluster): string | undefined {
  if (!c.ready) return `cluster ${c.name} is not Ready`;
  if (c.gatewayAddress === undefined) return `cluster ${c.name} publishes no gateway address`;
  return undefined;
}

/** Outages as the observed status records them; junk entries are left out. */
export function previousOutages(status: unknown): Outage[] {
  const list = isRecord(status) && Array.isArray(status.outages) ? status.outages : [];
  return list.flatMap((o): Outage[] => {
    if (!isRecord(o) || typeof o.cluster !== 'string' || typeof o.since !== 'string' || ms(o.since) === undefined) return [];
    if (typeof o.phase !== 'string' || !PHASES.has(o.phase)) return [];
    return [{ cluster: o.cluster, since: o.since, reason: typeof o.reason === 'string' ? o.reason : '', phase: o.phase as OutagePhase }];
  });
}

/**
 * This pass's outages: for every cluster that hosts a replica of the deployment (`hosting`), from
 * the resolved clusters, the previous outages and the request's clock. Sorted by cluster.
 */
export function trackOutages(
  clusters: readonly Cluster[],
  hosting: ReadonlySet<string>,
  previous: readonly Outage[],
  now: string | undefined,
  tolerationSeconds: number,
): Outage[] {
  const byName = new Map(clusters.map((c) => [c.name, c] as const));
  const before = new Map(previous.map((o) => [o.cluster, o] as const));
  const out: Outage[] = [];
  for (const name of [...hosting].sort()) {
    const c = byName.get(name);
    // A cluster that is gone (deleted, or no longer resolved) is not an outage: retain decides.
    if (c === undefined) continue;
    const prev = before.get(name);
    const reason = clusterDown(c);
    if (reason === undefined) {
      if (prev !== undefined && prev.phase !== OUTAGE_PHASE.down) out.push({ ...prev, phase: OUTAGE_PHASE.failingBack });
      continue;
    }
    // Down again while failing back: a new outage, the whole toleration again.
    const ongoing = prev !== undefined && prev.phase !== OUTAGE_PHASE.failingBack ? prev : undefined;
    const since = ongoing?.since ?? now;
    if (since === undefined) {
      if (prev !== undefined) out.push(prev);
      continue;
    }
    const at = ms(now);
    const elapsed = at === undefined ? undefined : at - ms(since)!;
    const failed = ongoing?.phase === OUTAGE_PHASE.failedOver || (elapsed !== undefined && elapsed >= tolerationSeconds * 1000);
    out.push({ cluster: name, since: new Date(ms(since)!).toISOString(), reason, phase: failed ? OUTAGE_PHASE.failedOver : OUTAGE_PHASE.down });
  }
  return out;
}

/** The scheduler's view of the outages (HealingInput fields). */
export function failoverInput(outages: readonly Outage[], tolerationSeconds: number): Pick<HealingInput, 'failedOver' | 'down' | 'failingBack'> {
  const failedOver = new Map<string, string>();
  const down = new Set<string>();
  const failingBack = new Set<string>();
  for (const o of outages) {
    if (o.phase === OUTAGE_PHASE.failingBack) failingBack.add(o.cluster);
    else down.add(o.cluster);
    if (o.phase === OUTAGE_PHASE.failedOver) failedOver.set(o.cluster, `failing over: ${o.reason} since ${o.since} (longer than ${tolerationSeconds}s)`);
  }
  return { failedOver, down, failingBack };
}

/** Outages after the pass: a fail-back is over once the deployment holds no more than it wants. */
export function afterPass(outages: readonly Outage[], held: number, wanted: number): Outage[] {
  return outages.filter((o) => o.phase !== OUTAGE_PHASE.failingBack || held > wanted);
}

export interface Stranding {
  readonly retention: Retention;
  /** Replicas on down clusters taken out of the count: kept exactly as observed, never removed. */
  readonly stranded: readonly Superseded[];
}

/**
 * Replicas retained on a failed-over cluster, and replicas that would be replaced on any down
 * cluster, are stranded: kept as they are (removing them would delete on a cluster that may merely
 * be unreachable), not counted, and replaced elsewhere.
 */
export function strand(retention: Retention, healing: HealingInput | undefined): Stranding {
  const failed = healing?.failedOver;
  const down = healing?.down;
  if ((failed === undefined || failed.size === 0) && (down === undefined || down.size === 0)) return { retention, stranded: [] };
  const retained: Placement[] = [];
  const stranded: Superseded[] = [];
  for (const p of retention.retained) {
    const why = failed?.get(p.cluster);
    if (why === undefined) retained.push(p);
    else stranded.push({ replica: p.retained!, why, stranded: true });
  }
  const superseded: Superseded[] = [];
  for (const s of retention.superseded) {
    if (down?.has(s.replica.clusterName) === true) stranded.push({ replica: s.replica, why: `${s.why}; cluster ${s.replica.clusterName} is down`, stranded: true });
    else superseded.push(s);
  }
  return { retention: { ...retention, retained, superseded }, stranded };
}

const newestFirst = (a: ObservedReplica, b: ObservedReplica): number => {
  const ta = ms(a.placedAt) ?? -Infinity;
  const tb = ms(b.placedAt) ?? -Infinity;
  return tb - ta || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);
};

/**
 * Fail-back: while more replicas are retained than wanted and a cluster is failing back, the
 * surplus is chosen among the replicas not on a failing-back cluster, newest placement first. It is
 * superseded (removed once the replicas kept are serving), never removed at once.
 */
export function failBack(retained: readonly Placement[], wanted: number, failingBack: ReadonlySet<string> | undefined): { retained: Placement[]; surplus: Superseded[] } {
  const excess = retained.length - Math.max(0, wanted);
  if (failingBack === undefined || failingBack.size === 0 || excess <= 0) return { retained: [...retained], surplus: [] };
  const clusters = [...failingBack].sort().join(', ');
  const candidates = retained
    .filter((p) => !failingBack.has(p.cluster) && p.keptAsIs === undefined)
    .map((p) => p.retained!)
    .sort(newestFirst)
    .slice(0, excess);
  const chosen = new Set(candidates.map((r) => r.name));
  return {
    retained: retained.filter((p) => !chosen.has(p.retained!.name)),
    surplus: candidates.map((replica) => ({ replica, why: `surplus since cluster ${clusters} recovered: the original placements are kept` })),
  };
}
