// status.ledger: what the replicas pinned to this cluster hold per published pool (lib/capacity
// packs them, lib/contracts publishes them). Computed against the very gpuPools published in the
// same status, so a reader always interprets it against the shape it was packed into.
// Nothing is lost on partial input: while the pinned replicas are unresolved the ledger published
// last time is kept as it was.
import { packLedger, poolShape, type LedgerPoolInput, type PinnedClaim } from '../lib/capacity';
import { publishLedger, readPinnedClaim, untrusted } from '../lib/contracts';
import type { ClassDevice, ClusterLedger, GpuPool } from '../lib/schema';

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/** A published pool's name and shape, read the way fn-schedule reads it; undefined when it has no name. */
function poolInput(pool: unknown): LedgerPoolInput | undefined {
  const p = untrusted<GpuPool>(pool);
  if (typeof p.name !== 'string' || p.name === '') return undefined;
  const devices = (Array.isArray(p.devices) ? p.devices : []).map((d) => {
    const v = untrusted<ClassDevice>(d);
    return {
      claim: v.claim === 'Synthetic' ? ('Synthetic' as const) : ('DRA' as const),
      deviceClassName: typeof v.deviceClassName === 'string' && v.deviceClassName !== '' ? v.deviceClassName : undefined,
      count: count(v.count),
    };
  });
  return { name: p.name, shape: poolShape(count(p.nodes), devices) };
}

/** The ledger of the given pools after packing the claims pinned to the cluster. */
export function ledgerOf(gpuPools: readonly unknown[], claims: readonly PinnedClaim[]): ClusterLedger {
  const pools = gpuPools.map(poolInput).filter((p): p is LedgerPoolInput => p !== undefined);
  return publishLedger(packLedger(pools, claims), claims.length);
}

/** The ledger for pinned replica objects as listed (tests and the fleet simulation build clusters with it). */
export const ledgerOfObjects = (gpuPools: readonly unknown[], replicas: readonly unknown[]): ClusterLedger =>
  ledgerOf(
    gpuPools,
    replicas.map(readPinnedClaim).filter((c): c is PinnedClaim => c !== undefined),
  );
