// Filter: the pool has enough free nodes for the engine (pods x copies of its claiming members),
// counting what this replica's earlier engines already took.
import type { PoolFilter } from '../framework';

export const freeNodes: PoolFilter = {
  name: 'FreeNodes',
  filter: (c) => {
    if (!c.match.ok) return undefined;
    const free = c.freeNodes();
    return free >= c.match.cost ? undefined : { kind: 'InsufficientNodes', pool: c.pool.name, needed: c.match.cost, free };
  },
};
