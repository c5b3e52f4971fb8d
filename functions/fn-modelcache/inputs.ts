// Typed reads of what a ModelCache needs besides its spec: the InferenceClusters its selector
// matches and, when it names one, the auth Secret. Three-way, like required resources themselves:
// unresolved (Crossplane has not answered yet) is never the same as absent.
import type { ResourceRequirement } from '../lib/response';
import type { ObservedObject, Required } from '../lib/request';
import { nonEmptyString, readClusterStatus } from '../lib/contracts';
import { compact } from '../lib/k8s/compact';
import { isRecord } from '../lib/k8s/objects';
import { API_VERSION } from '../lib/schema';
import type { AuthSecretRef } from './sources';

export const CLUSTERS_REQUIREMENT = 'inference-clusters';
export const AUTH_SECRET_REQUIREMENT = 'auth-secret';

export interface MatchedCluster {
  readonly name: string;
  /** status.providerConfigRef.name: the provider-kubernetes config targeting the cluster. */
  readonly providerConfigName?: string;
  /** status.cache.storageClassName: the cluster's ReadWriteMany class. */
  readonly storageClassName?: string;
}

export type ClustersInput = { readonly state: 'unresolved' } | { readonly state: 'resolved'; readonly clusters: readonly MatchedCluster[] };

/** `none`: the cache names no Secret. `missing`: no such Secret. `missingKey`: it lacks the key. */
export type AuthSecretState = 'none' | 'unresolved' | 'present' | 'missing' | 'missingKey';

export function requirements(namespace: string, matchLabels: Readonly<Record<string, string>>, authSecret: AuthSecretRef | undefined): Record<string, ResourceRequirement> {
  return {
    // InferenceClusters are cluster-scoped: no namespace. Empty matchLabels selects every cluster.
    [CLUSTERS_REQUIREMENT]: { apiVersion: API_VERSION, kind: 'InferenceCluster', matchLabels: { ...matchLabels } },
    ...(authSecret ? { [AUTH_SECRET_REQUIREMENT]: { apiVersion: 'v1', kind: 'Secret', matchName: authSecret.name, namespace } } : {}),
  };
}

function labelsOf(obj: ObservedObject): Record<string, unknown> {
  const labels = obj.metadata?.labels;
  return isRecord(labels) ? labels : {};
}

/**
 * The matched clusters, sorted by name. Crossplane already filtered by label; the filter is applied
 * again so a stale answer to an older selector can never place a cache where it was not asked to be.
 */
export function readClusters(required: Required, matchLabels: Readonly<Record<string, string>>): ClustersInput {
  if (required.state === 'unresolved') return required;
  const byName = new Map<string, MatchedCluster>();
  for (const obj of required.items) {
    const name = nonEmptyString(obj.metadata?.name);
    if (!name || obj.kind !== 'InferenceCluster') continue;
    const labels = labelsOf(obj);
    if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) continue;
    const status = readClusterStatus(obj.status);
    byName.set(name, compact({ name, providerConfigName: status.providerConfigRef?.name, storageClassName: status.cache?.storageClassName }));
  }
  return { state: 'resolved', clusters: [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

/** Whether the named Secret exists with the key. Only key names are read, never values. */
export function readAuthSecret(required: Required | undefined, ref: AuthSecretRef | undefined): AuthSecretState {
  if (!ref) return 'none';
  if (!required || required.state === 'unresolved') return 'unresolved';
  const secret = required.items.find((s) => s.kind === 'Secret' && s.metadata?.name === ref.name);
  if (!secret) return 'missing';
  // A Secret read from the API server carries `data` only (stringData is write-only).
  const data = isRecord(secret.data) ? secret.data : {};
  return Object.hasOwn(data, ref.key) ? 'present' : 'missingKey';
}
