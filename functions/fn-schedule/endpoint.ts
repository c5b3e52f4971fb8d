// The composed ModelEndpoint of a ready replica and its desired-state key. Named and labeled like
// the replica; its URL is the replica's path on its cluster's inference gateway.
import { replicaName } from '../lib/k8s/names';
import { API_VERSION } from '../lib/schema';
import { replicaLabels, type DeploymentRef, type Manifest } from './replica';
import type { Placement } from './scheduler/types';

export const endpointKey = (cluster: string, index: number): string => `endpoint-${cluster}-${index}`;

/** The ModelEndpoint of a ready replica: its path on the cluster's inference gateway. */
export function buildEndpoint(d: Pick<DeploymentRef, 'name' | 'namespace'>, p: Pick<Placement, 'cluster' | 'index'>, gatewayAddress: string): Manifest {
  const name = replicaName(d.name, p.cluster, p.index);
  return {
    apiVersion: API_VERSION,
    kind: 'ModelEndpoint',
    metadata: { name, namespace: d.namespace, labels: replicaLabels(d.name, p.cluster, p.index) },
    spec: {
      url: `http://${gatewayAddress}/${d.namespace}/${name}/v1`,
      rewritePath: `/${d.namespace}/${name}/`,
    },
  };
}
