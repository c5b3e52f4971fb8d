// Names and desired-resource keys. Keys are stable per (cluster, artifact) so observed resources
// come back under the key that made them; remote names are unique per inference cluster across
// control-plane namespaces; Object names are unique within the cache's namespace.
import { MANAGED_BY } from '../lib/k8s/labels';
import { uniqueName } from '../lib/k8s/names';
import { cachePvcName } from '../lib/k8s/remote';

export interface CacheRef {
  readonly namespace: string;
  readonly name: string;
}

export const KEY = {
  pvc: (cluster: string) => `pvc-${cluster}`,
  /** The digest is part of the key: a new artifact is a new Job (Job templates are immutable). */
  job: (cluster: string, digest: string) => `hydrate-${cluster}-${digest}`,
  token: (cluster: string) => `token-${cluster}`,
} as const;

export type KeyKind = 'pvc' | 'job' | 'token';

/** Which cluster (and kind) an observed key belongs to; undefined for keys this function never makes. */
export function parseKey(key: string): { kind: KeyKind; cluster: string; digest?: string } | undefined {
  const job = /^hydrate-(.+)-([0-9a-f]{8})$/.exec(key);
  if (job) return { kind: 'job', cluster: job[1]!, digest: job[2]! };
  if (key.startsWith('pvc-') && key.length > 4) return { kind: 'pvc', cluster: key.slice(4) };
  if (key.startsWith('token-') && key.length > 6) return { kind: 'token', cluster: key.slice(6) };
  return undefined;
}

/** Names of the provider-kubernetes Objects in the cache's namespace. */
export const objectName = {
  pvc: (cache: CacheRef, cluster: string) => uniqueName([cache.name, cluster, 'pvc']),
  job: (cache: CacheRef, cluster: string, digest: string) => uniqueName([cache.name, cluster, 'hydrate', digest]),
  token: (cache: CacheRef, cluster: string) => uniqueName([cache.name, cluster, 'token']),
} as const;

/** Names of the objects on the inference cluster (in WORKLOAD_NAMESPACE). */
export const remoteName = {
  /** The claim fn-replica mounts: the shared formula. */
  pvc: (cache: CacheRef) => cachePvcName(cache.namespace, cache.name),
  job: (cache: CacheRef, digest: string) => uniqueName(['hydrate', cache.namespace, cache.name, digest]),
  token: (cache: CacheRef) => uniqueName(['cache-token', cache.namespace, cache.name]),
} as const;

/** Labels on every remote object, so operators can find what a cache made (annotations: LABELS.cache, LABELS.artifact). */
export const REMOTE_LABELS = { ...MANAGED_BY, 'app.kubernetes.io/component': 'model-cache' } as const;
