// Where and under which names an InferenceCluster's composed resources live on the control plane.
//
// InferenceCluster is cluster-scoped, but managed resources (cloud MRs, provider-kubernetes
// Objects, provider-helm Releases) are namespaced in Crossplane v2: they all go to
// CONTROL_NAMESPACE, named `<cluster>-<part>` so that clusters never collide there.
import { LABELS } from '../lib/k8s/labels';
import { truncateName, uniqueName } from '../lib/k8s/names';

/** The control-plane namespace holding every namespaced resource an InferenceCluster composes. */
export const CONTROL_NAMESPACE = 'crossplane-system';

/** The name of every kind of resource composed per cluster, unique across clusters, <= 63 chars. */
export function controlName(cluster: string, part: string, max = 63): string {
  const plain = `${cluster}-${part}`;
  return plain.length <= max ? plain : uniqueName([cluster, part], max);
}

/**
 * A cloud-side name (GKE cluster: <= 40, lower-case, starts with a letter): the readable name
 * when it already fits, else a truncated readable prefix plus a hash of the full name.
 */
export function cloudName(name: string, max: number): string {
  const clean = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const lettered = /^[a-z]/.test(clean) ? clean : `c-${clean}`;
  if (lettered.length <= max && lettered === name) return lettered;
  return truncateName(uniqueName([lettered], max), max);
}

/** Desired-resource keys: stable, because observed resources come back under them. */
export const KEYS = {
  providerConfigKubernetes: 'provider-config-kubernetes',
  providerConfigHelm: 'provider-config-helm',
  usage: 'cluster-usage',
  /** The observe-only Object bringing back the cluster's capacity report (not part of the stack's readiness). */
  capacityReport: 'capacity-report',
  nodePoolPrefix: 'nodepool-',
  nodePool: (pool: string) => `nodepool-${pool}`,
  stackPrefix: 'stack-',
  gatewayPrefix: 'gateway-',
} as const;

/** Keys of manifests a source puts on the cluster (e.g. a StorageClass) get this prefix. */
export const REMOTE_PREFIX = 'remote-';

/** Labels of everything a cluster composes on the control plane (kubectl get -l), also its cloud tags. */
export const clusterLabels = (cluster: string): Record<string, string> => ({ [LABELS.inferenceCluster]: cluster });
