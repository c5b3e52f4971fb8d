// The allocation ledger contract: fn-inferencecluster packs the replicas pinned to its cluster
// (lib/capacity/ledger.ts) and publishes the result in InferenceCluster status.ledger; fn-schedule
// reads it back, with the same schema, instead of every ModelReplica of the fleet.
//
// Per pool, one holder entry per deployment, `<namespace>/<deployment> <node>:<devices>,...`: a
// reader subtracts its own deployment's entry and charges its replicas as it sees them now, so its
// own usage is never counted twice and a replica the ledger has not seen yet is still charged.
import { isReady, isRecord } from '../k8s/objects';
import { LABELS } from '../k8s/labels';
import { claimKey, type PackedLedgerPool, type PinnedClaim, type PinnedMember } from '../capacity';
import {
  clusterLedger,
  type ClusterLedger,
  type LedgerPool,
  type ModelReplicaSpec,
  type ReplicaEngine,
  type ReplicaMember,
  type ResolvedDeviceRequest,
  type WorkerSpec,
} from '../schema';
import { podsPerCopy } from './replica';
import { untrusted } from './untrusted';

/** Status.ledger from packed pools: pools with nothing allocated and nothing to say are left out. */
export function publishLedger(packed: readonly PackedLedgerPool[], replicas: number): ClusterLedger {
  const pools: LedgerPool[] = [];
  for (const p of packed) {
    if (p.holders.size === 0 && p.overcommitted.length === 0 && !p.full) continue;
    const { capacity, free } = p.bins.totals();
    const holders = [...p.holders]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([owner, rows]) =>
          `${owner} ${[...rows]
            .sort(([a], [b]) => a - b)
            .map(([node, d]) => `${node}:${d.join('+')}`)
            .join(',')}`,
      );
    pools.push({
      name: p.name,
      used: capacity - free,
      holders,
      ...(p.overcommitted.length > 0 ? { overcommitted: [...p.overcommitted] } : {}),
      ...(p.full ? { full: true } : {}),
    } satisfies LedgerPool);
  }
  return { replicas, pools } satisfies ClusterLedger;
}

/** One pool of a published ledger, as the scheduler charges it. */
export interface LedgerPoolRead {
  /** Per owner (`<namespace>/<deployment>`): [node, devices per class] it holds. */
  readonly holders: ReadonlyMap<string, readonly (readonly [number, readonly number[]])[]>;
  readonly overcommitted: ReadonlySet<string>;
  readonly full: boolean;
}

export type LedgerRead =
  { readonly state: 'present'; readonly pools: ReadonlyMap<string, LedgerPoolRead> } | { readonly state: 'missing' } | { readonly state: 'malformed'; readonly problem: string };

function readHolder(entry: string): [string, [number, number[]][]] {
  const space = entry.indexOf(' ');
  const rows = entry
    .slice(space + 1)
    .split(',')
    .map((cell): [number, number[]] => {
      const [node, devices] = cell.split(':');
      return [Number(node), devices!.split('+').map(Number)];
    });
  return [entry.slice(0, space), rows];
}

/** Reads status.ledger with the writer's schema: missing, malformed (and why), or its pools by name. */
export function readLedger(status: unknown): LedgerRead {
  const raw = isRecord(status) ? status.ledger : undefined;
  if (raw === undefined) return { state: 'missing' };
  const parsed = clusterLedger.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { state: 'malformed', problem: `status.ledger.${issue.path.join('.')}: ${issue.message}` };
  }
  const pools = new Map<string, LedgerPoolRead>();
  for (const p of parsed.data.pools) {
    pools.set(p.name, { holders: new Map(p.holders.map(readHolder)), overcommitted: new Set(p.overcommitted ?? []), full: p.full === true });
  }
  return { state: 'present', pools };
}

// ---- the replicas pinned to a cluster, as the ledger charges them ----------------------------

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function readMember(member: unknown): PinnedMember {
  const m = untrusted<ReplicaMember>(member);
  const role = str(m.role) ?? 'Standalone';
  const nodes = count(untrusted<WorkerSpec>(m.worker).nodes);
  const requests = list(m.deviceRequests).flatMap((r) => {
    const v = untrusted<ResolvedDeviceRequest>(r);
    return typeof v.deviceClassName === 'string' ? [{ deviceClassName: v.deviceClassName, count: count(v.count) }] : [];
  });
  return { role, nodePoolName: str(m.nodePoolName), pods: podsPerCopy({ role, worker: { nodes: nodes > 0 ? nodes : undefined } }), requests };
}

/** A pinned ModelReplica as the ledger charges it; undefined when it has no name. Never throws. */
export function readPinnedClaim(o: unknown): PinnedClaim | undefined {
  if (!isRecord(o)) return undefined;
  const meta = isRecord(o.metadata) ? o.metadata : {};
  const name = str(meta.name);
  if (!name) return undefined;
  const labels = isRecord(meta.labels) ? meta.labels : {};
  const spec = untrusted<ModelReplicaSpec>(o.spec);
  return {
    namespace: str(meta.namespace) ?? '',
    name,
    deployment: str(labels[LABELS.deployment]) ?? '',
    placedAt: str(meta.creationTimestamp),
    ready: isReady(o),
    engines: list(spec.engines).map((e) => {
      const v = untrusted<ReplicaEngine>(e);
      return { copies: count(v.copies) || 1, members: list(v.members).map(readMember) };
    }),
  };
}

export { claimKey };
