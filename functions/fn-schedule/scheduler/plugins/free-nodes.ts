// Filter: the pool has room for the engine's pods, counting what this replica's earlier engines
// already took: free devices on some node for each pod (device accounting), distinct nodes for a
// gang copy's pods, or whole free nodes where the pool publishes no per-node device count. The
// bins are the live ones while the cluster's report is fresh (ledger.ts); the rejection says which.
import type { PoolFilter } from '../framework';
import { capacityNote } from '../live';

export const freeNodes: PoolFilter = {
  name: 'FreeCapacity',
  filter: (c) => {
    if (!c.match.ok) return undefined;
    const misfit = c.bins().misfit(c.match.groups);
    if (misfit === undefined) return undefined;
    const capacity = capacityNote(c.pool);
    return misfit.kind === 'devices'
      ? { kind: 'InsufficientDevices', pool: c.pool.name, needed: misfit.needed, largestFree: misfit.largestFree, ...(capacity ? { capacity } : {}) }
      : { kind: 'InsufficientNodes', pool: c.pool.name, needed: misfit.needed, free: misfit.free, ...(capacity ? { capacity } : {}) };
  },
};
