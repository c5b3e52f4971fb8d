// Names of everything fn-replica composes. Remote names (on the inference cluster, all in
// WORKLOAD_NAMESPACE) hash the control-plane namespace and replica name in, so two replicas named
// alike in two namespaces never collide on one cluster. Desired-resource keys are stable: observed
// Objects come back under them.
import type { ReplicaRef } from '../lib/contracts';
import { uniqueName } from '../lib/k8s/names';

/**
 * A LeaderWorkerSet's name ends up in `<lws>-<group>` StatefulSets whose pods carry a
 * `controller-revision-hash: <statefulset>-<10 chars>` label (<= 63), so it must stay <= 49.
 */
export const GANG_NAME_MAX = 45;

/**
 * A DNS label that also starts with a letter (DNS-1035), as Service names need: LWS creates a
 * headless Service named after the set, and the endpoint picker is reached through one.
 */
export function remoteName(parts: readonly string[], max = 63): string {
  const name = uniqueName(parts, max);
  return /^[a-z]/.test(name) ? name : `m${uniqueName(parts, max - 1)}`;
}

export type { ReplicaRef };

export const workloadName = (r: ReplicaRef, engine: string, gang: boolean): string => remoteName([r.namespace, r.name, engine], gang ? GANG_NAME_MAX : 63);

/**
 * ResourceClaimTemplates are immutable: the digest of the device requests is part of the name and
 * of the key, so re-resolved requests make a new template (and a rollout) instead of a failed update.
 */
export const claimTemplateName = (r: ReplicaRef, engine: string, role: string, digest: string): string => remoteName([r.namespace, r.name, engine, role.toLowerCase(), digest]);

/** The InferencePool and its HTTPRoute. */
export const poolName = (r: ReplicaRef): string => remoteName([r.namespace, r.name]);

/** The endpoint picker's Deployment, Service and ConfigMap. */
export const pickerName = (r: ReplicaRef): string => remoteName(['epp', r.namespace, r.name]);

/** Keys of the observe-only Objects that read pods (pods.ts). */
export const POD_OBSERVER_PREFIX = 'pod-';

/** Desired-resource keys. */
export const KEYS = {
  workload: (engine: string) => `workload-${engine}`,
  /** An observe-only Object reading the leader pod of one LeaderWorkerSet group (pods.ts). */
  leaderPod: (engine: string, group: number) => `${POD_OBSERVER_PREFIX}${engine}-${group}`,
  claims: (engine: string, role: string, digest: string) => `claims-${engine}-${role.toLowerCase()}-${digest}`,
  pickerConfig: 'epp-config',
  pickerDeployment: 'epp-deployment',
  pickerService: 'epp-service',
  pool: 'inference-pool',
  route: 'http-route',
} as const;

/** The control-plane Object wrapping a remote manifest: unique within the replica's namespace. */
export const objectName = (r: ReplicaRef, key: string): string => uniqueName([r.name, key]);
