// Filter: a cluster whose published pools cannot be read (status or status.gpuPools missing,
// empty or malformed) takes no new replica: a pool that cannot be judged is never used.
import type { ClusterFilter } from '../framework';

export const clusterStatusKnown: ClusterFilter = {
  name: 'ClusterStatusKnown',
  filter: ({ cluster }) => (cluster.poolsUnknown === undefined ? undefined : { code: 'ClusterStatusUnknown', cluster: cluster.name, problem: cluster.poolsUnknown }),
};
