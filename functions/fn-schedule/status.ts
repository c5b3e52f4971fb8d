// The ModelDeployment's status fields (scheduling.md, "Reading the status"): counts, one entry per
// replica with why it runs where it runs, and why the other clusters could not take one more.
import { LABELS } from '../lib/k8s/labels';
import { isRecord } from '../lib/k8s/objects';
import { formatMatchLabels } from '../lib/k8s/selectors';
import type { UnschedulableEntry } from './scheduler/explain';
import type { CannotTellWhy } from './scheduler/types';

/** One replica as the status shows it. */
export interface ReplicaView {
  readonly replica: string;
  readonly cluster: string;
  readonly index: number;
  readonly engines: readonly { readonly name: string; readonly pools: readonly string[]; readonly why?: string | undefined }[];
  /** Exists as an observed ModelReplica. */
  readonly observed: boolean;
  /** Observed with Ready=True. */
  readonly ready: boolean;
  /** Why this cluster, decided when the replica was placed and carried while it stays. */
  readonly why?: string | undefined;
  /** Set when the replica is kept exactly as observed because its fit cannot be told. */
  readonly keptAsIs?: CannotTellWhy | undefined;
  /** Set while the replica no longer fits the spec and is kept until a replacement is Ready. */
  readonly replacing?: string | undefined;
  /** With `replacing`: on a down cluster, kept as it is until the cluster recovers (failover). */
  readonly stranded?: boolean | undefined;
}

/** The longest explanation carried over from the observed status (it is our own output). */
const MAX_WHY = 1024;

export interface PreviousWhy {
  readonly why: string | undefined;
  /** Per engine name. */
  readonly engines: ReadonlyMap<string, string>;
}

const shortString = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= MAX_WHY ? v : undefined);

/** The explanations the observed XR's status carries per replica name: placement decisions outlive the pass. */
export function previousWhy(xrStatus: unknown): ReadonlyMap<string, PreviousWhy> {
  const out = new Map<string, PreviousWhy>();
  const placements = isRecord(xrStatus) && Array.isArray(xrStatus.placements) ? xrStatus.placements : [];
  for (const p of placements) {
    if (!isRecord(p) || typeof p.replica !== 'string') continue;
    const engines = new Map<string, string>();
    for (const e of Array.isArray(p.engines) ? p.engines : []) {
      const why = isRecord(e) && typeof e.name === 'string' ? shortString(e.why) : undefined;
      if (why !== undefined) engines.set((e as { name: string }).name, why);
    }
    out.set(p.replica, { why: shortString(p.why), engines });
  }
  return out;
}

/** What a replica's `state` says when it is not simply running to spec. */
function state(v: ReplicaView): string | undefined {
  if (v.keptAsIs) return `KeptAsIs: ${v.keptAsIs.reason}: ${v.keptAsIs.message}`;
  if (v.replacing && v.stranded) return `FailingOver: ${v.replacing}; kept as it is until the cluster recovers`;
  if (v.replacing) return `Replacing: ${v.replacing}; kept until a replacement is Ready`;
  return undefined;
}

export function deploymentStatus(name: string, replicas: readonly ReplicaView[], unschedulable: readonly UnschedulableEntry[]): Record<string, unknown> {
  return {
    replicas: { total: replicas.length, ready: replicas.filter((r) => r.ready).length },
    placements: replicas.map((r) => {
      const s = state(r);
      return {
        replica: r.replica,
        cluster: r.cluster,
        index: r.index,
        engines: r.engines.map((e) => ({ name: e.name, pools: [...e.pools], ...(e.why !== undefined ? { why: e.why } : {}) })),
        ...(r.why !== undefined ? { why: r.why } : {}),
        ...(s !== undefined ? { state: s } : {}),
      };
    }),
    unschedulable: unschedulable.map((u) => ({ cluster: u.cluster, reason: u.reason })),
    labelSelector: formatMatchLabels({ [LABELS.deployment]: name }),
  };
}
