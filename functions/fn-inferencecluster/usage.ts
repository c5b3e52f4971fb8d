// Deletion guard: while ModelReplicas are pinned to an InferenceCluster, a ClusterUsage blocks
// deleting it.
//
// Why `reason` and not `by`: ModelReplicas are namespaced and the InferenceCluster is not. A
// ClusterUsage's `by` cannot name a namespaced resource (no namespace field), and a namespaced
// Usage indexes its cluster-scoped `of` under the Usage's own namespace, so it would never match
// the deletion of the cluster. Instead this function requires the pinned replicas (label
// modelplane.ai/cluster=<name>, every namespace) and composes a reason-only ClusterUsage while
// there is at least one; when the last one is gone it drops the usage and `replayDeletion`
// lets a deletion that was blocked proceed.
import { LABELS } from '../lib/k8s/labels';
import type { ObservedObject } from '../lib/request';
import { keepObserved, type KubeObject } from '../lib/response';
import { API_VERSION } from '../lib/schema';
import type { ReplicaLookup } from './inputs';
import { clusterLabels, controlName } from './names';

export function clusterUsage(cluster: string): KubeObject {
  return {
    apiVersion: 'protection.crossplane.io/v1beta1',
    kind: 'ClusterUsage',
    metadata: { name: controlName(cluster, 'in-use'), labels: clusterLabels(cluster) },
    spec: {
      of: { apiVersion: API_VERSION, kind: 'InferenceCluster', resourceRef: { name: cluster } },
      reason: `ModelReplicas are pinned to this InferenceCluster (label ${LABELS.cluster}=${cluster})`,
      replayDeletion: true,
    },
  };
}

/** The usage to compose: while replicas are pinned, kept as observed while they are unknown. */
export function usageFor(cluster: string, replicas: ReplicaLookup, observed: ObservedObject | undefined): KubeObject | undefined {
  if (replicas.state === 'unresolved') return observed ? keepObserved(observed) : undefined;
  return replicas.replicas.length > 0 ? clusterUsage(cluster) : undefined;
}
