// status.ledger: what the replicas pinned to this cluster hold per published pool (lib/capacity
// packs them, lib/contracts publishes them). Pools are read exactly as fn-schedule reads them: the
// status.gpuPools entry joined with its InferenceClass's devices (lib/contracts/inference-class.ts).
// Nothing is lost on partial input: while the pinned replicas are unresolved the ledger published
// last time is kept as it was, and a pool whose class cannot be read now keeps its last entry.
import { packLedger, poolShape, type LedgerPoolInput, type PinnedClaim } from '../lib/capacity';
import { classDevicesByName, publishLedger, readPinnedClaim, readPublishedPool, untrusted, type ClassDevicesRead } from '../lib/contracts';
import type { ClusterLedger, GpuPool, LedgerPool } from '../lib/schema';

/**
 * The ledger of the published pools after packing the claims pinned to the cluster. `previous` is
 * the ledger published last time: its entry for a pool that cannot be read now is kept.
 */
export function ledgerOf(gpuPools: readonly unknown[], classes: ReadonlyMap<string, ClassDevicesRead>, claims: readonly PinnedClaim[], previous?: ClusterLedger): ClusterLedger {
  const packable: LedgerPoolInput[] = [];
  const unreadable = new Set<string>();
  gpuPools.forEach((entry, i) => {
    const p = readPublishedPool(entry, `status.gpuPools[${i}]`, classes);
    if (typeof p !== 'string') packable.push({ name: p.name, shape: poolShape(p.nodes, p.devices) });
    else {
      const name = untrusted<GpuPool>(entry).name;
      if (typeof name === 'string') unreadable.add(name);
    }
  });
  const packed = publishLedger(packLedger(packable, claims), claims.length);
  const kept: LedgerPool[] = (previous?.pools ?? []).filter((p) => unreadable.has(p.name));
  if (kept.length === 0) return packed;
  const order = new Map(gpuPools.map((e, i) => [untrusted<GpuPool>(e).name, i] as const));
  const pools = [...packed.pools, ...kept].sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  return { ...packed, pools };
}

/** The ledger for pinned replica and class objects as listed (tests, benchmarks and the fleet simulation build clusters with it). */
export const ledgerOfObjects = (gpuPools: readonly unknown[], classes: readonly unknown[], replicas: readonly unknown[]): ClusterLedger =>
  ledgerOf(
    gpuPools,
    classDevicesByName(classes),
    replicas.map(readPinnedClaim).filter((c): c is PinnedClaim => c !== undefined),
  );
