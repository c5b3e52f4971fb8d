// Filter: the engine's members match the pool's devices (match.ts computed it once per cluster,
// independent of capacity): every member fits, and every member that can claim a DRA device
// somewhere on the cluster claims one here.
import type { PoolFilter } from '../framework';

export const deviceMatch: PoolFilter = {
  name: 'DeviceMatch',
  filter: ({ match }) => (match.ok ? undefined : match.rejection),
};
