// What to compose for one matched cluster, given its phase. Pure.
//
// - The volume: whenever the cluster can take it (provider config + RWX class); once composed it
//   is kept even if those flicker away (gate, then latch). Ready with the cluster's phase.
// - The hydration Job of the current artifact: until the phase is Ready. A Failed Job stays (for
//   inspection; its TTL turns it into an hourly retry). Jobs of earlier artifacts are dropped once
//   the current one can be composed.
// - The token Secret: only while Pending or Hydrating; dropped once Ready or Failed.
// - When something blocks hydration (no provider config or storage, auth Secret missing or not yet
//   resolved), nothing new is composed for it and what is observed is kept as it is.
import { composedReady, providerObject } from '../lib/delivery';
import { keepObserved, type ComposedResource, type KubeObject } from '../lib/response';
import type { AuthSecretState, MatchedCluster } from './inputs';
import { hydrationJob } from './job';
import { KEY, objectName, type CacheRef } from './names';
import type { ClusterStatus } from './phases';
import { cachePvc } from './pvc';
import { tokenPatch, tokenSecret } from './secret';
import type { Artifact } from './sources';

export interface ObservedForCluster {
  readonly pvc?: KubeObject;
  /** Hydration Objects by key, of every artifact seen for this cluster. */
  readonly jobs: Readonly<Record<string, KubeObject>>;
  readonly token?: KubeObject;
}

export interface ClusterPlanInput {
  readonly cache: CacheRef;
  readonly sizeGiB: number;
  readonly artifact: Artifact;
  readonly cluster: MatchedCluster;
  readonly status: ClusterStatus;
  readonly observed: ObservedForCluster;
  readonly auth: AuthSecretState;
}

/** Why no new hydration can be composed for this cluster right now; undefined when it can. */
export function hydrationBlocker(cluster: MatchedCluster, artifact: Artifact, auth: AuthSecretState): string | undefined {
  if (!cluster.providerConfigName) return `waiting for InferenceCluster ${cluster.name} to publish status.providerConfigRef`;
  if (!cluster.storageClassName) return `InferenceCluster ${cluster.name} has no ReadWriteMany storage (status.cache.storageClassName)`;
  const ref = artifact.authSecret;
  if (!ref) return undefined;
  if (auth === 'unresolved') return `resolving Secret ${ref.name} (${ref.field}.name)`;
  if (auth === 'missing') return `Secret ${ref.name} (${ref.field}.name) does not exist`;
  if (auth === 'missingKey') return `Secret ${ref.name} has no key ${ref.key} (${ref.field}.key)`;
  return undefined;
}

export function planCluster(p: ClusterPlanInput): Record<string, ComposedResource> {
  const { cache, cluster, artifact, status, observed } = p;
  const out: Record<string, ComposedResource> = {};
  const cacheReady = status.phase === 'Ready';
  const target =
    cluster.providerConfigName && cluster.storageClassName ? { providerConfigName: cluster.providerConfigName, storageClassName: cluster.storageClassName } : undefined;
  const canHydrate = hydrationBlocker(cluster, artifact, p.auth) === undefined;

  if (target) {
    const manifest = cachePvc(cache, target.storageClassName, p.sizeGiB);
    out[KEY.pvc(cluster.name)] = {
      resource: providerObject({ name: objectName.pvc(cache, cluster.name), namespace: cache.namespace, providerConfig: target.providerConfigName, manifest }),
      ready: cacheReady,
    };
  } else if (observed.pvc) {
    out[KEY.pvc(cluster.name)] = { resource: keepObserved(observed.pvc), ready: cacheReady };
  }

  const jobKey = KEY.job(cluster.name, artifact.digest);
  if (!cacheReady) {
    if (canHydrate && target) {
      const manifest = hydrationJob(cache, artifact);
      const name = objectName.job(cache, cluster.name, artifact.digest);
      out[jobKey] = { resource: providerObject({ name, namespace: cache.namespace, providerConfig: target.providerConfigName, manifest }), ready: false };
    } else {
      // Blocked: keep every hydration Object as observed, of this artifact and earlier ones.
      for (const [key, obj] of Object.entries(observed.jobs)) out[key] = { resource: keepObserved(obj), ready: false };
    }
  }

  const ref = artifact.authSecret;
  const tokenKey = KEY.token(cluster.name);
  if (ref && (status.phase === 'Pending' || status.phase === 'Hydrating')) {
    if (canHydrate && target) {
      const resource = providerObject({
        name: objectName.token(cache, cluster.name),
        namespace: cache.namespace,
        providerConfig: target.providerConfigName,
        manifest: tokenSecret(cache),
        patchesFrom: [tokenPatch(cache, ref)],
      });
      out[tokenKey] = { resource, ready: composedReady(observed.token) };
    } else if (observed.token) {
      out[tokenKey] = { resource: keepObserved(observed.token), ready: composedReady(observed.token) };
    }
  }
  return out;
}
