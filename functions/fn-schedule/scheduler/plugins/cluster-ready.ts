// Filter: new replicas only go to clusters whose Ready condition is True. Retention does not ask:
// a degraded cluster keeps the replicas it has.
import type { ClusterFilter } from '../framework';

export const clusterReady: ClusterFilter = {
  name: 'ClusterReady',
  filter: ({ cluster }) => (cluster.ready ? undefined : { code: 'ClusterNotReady', cluster: cluster.name }),
};
