// Filter: a new replica needs a cluster that publishes its inference gateway's address, or it
// could never get an endpoint.
import type { ClusterFilter } from '../framework';

export const gatewayAddress: ClusterFilter = {
  name: 'GatewayAddress',
  filter: ({ cluster }) => (cluster.gatewayAddress ? undefined : { code: 'NoGatewayAddress', cluster: cluster.name }),
};
