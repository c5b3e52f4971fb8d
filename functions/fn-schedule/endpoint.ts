// The composed ModelEndpoint of a ready replica and its desired-state key. Named and labeled like
// the replica; its URL is the replica's path on its cluster's inference gateway.
import { replicaLabels, replicaRoutePrefix, replicaUrl } from '../lib/contracts';
import { replicaName } from '../lib/k8s/names';
import { API_VERSION, type ModelEndpointSpecInput } from '../lib/schema';
import type { DeploymentRef } from './replica';
import type { Placement } from './scheduler/types';

export const endpointKey = (cluster: string, index: number): string => `endpoint-${cluster}-${index}`;

/** The ModelEndpoint of a ready replica: its path on the cluster's inference gateway. */
export function buildEndpoint(d: Pick<DeploymentRef, 'name' | 'namespace'>, p: Pick<Placement, 'cluster' | 'index'>, gatewayAddress: string) {
  const replica = { namespace: d.namespace, name: replicaName(d.name, p.cluster, p.index) };
  return {
    apiVersion: API_VERSION,
    kind: 'ModelEndpoint',
    metadata: { name: replica.name, namespace: replica.namespace, labels: replicaLabels({ deployment: d.name, cluster: p.cluster, index: p.index }) },
    spec: {
      url: `${replicaUrl(gatewayAddress, replica)}/v1`,
      rewritePath: `${replicaRoutePrefix(replica)}/`,
    } satisfies ModelEndpointSpecInput,
  };
}
