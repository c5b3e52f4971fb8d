// The token Secret on the cluster, copied Secret-to-Secret at apply time: the Object names the
// control-plane Secret in `spec.references[].patchesFrom`, and provider-kubernetes copies the
// base64 value into the remote Secret's data when it applies. The token never appears in the
// Object's spec, in this function's output, or in its logs.
import type { ISecret } from 'kubernetes-models/v1';
import { WORKLOAD_NAMESPACE } from '../lib/k8s/remote';
import type { PatchFrom } from '../lib/delivery';
import { LABELS } from '../lib/k8s/labels';
import { REMOTE_LABELS, remoteName, type CacheRef } from './names';
import type { AuthSecretRef } from './sources';

/** The remote Secret, without data: provider-kubernetes patches `data[<envName>]` in. */
export function tokenSecret(cache: CacheRef): ISecret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: remoteName.token(cache),
      namespace: WORKLOAD_NAMESPACE,
      labels: { ...REMOTE_LABELS },
      annotations: { [LABELS.cache]: `${cache.namespace}/${cache.name}` },
    },
    type: 'Opaque',
  };
}

/**
 * The Crossplane fieldpath of a Secret key. Keys match [-._a-zA-Z0-9]+: brackets keep dots literal,
 * and quotes keep an all-digit key from being read as a list index.
 */
export const secretDataPath = (key: string): string => (/^[0-9]+$/.test(key) ? `data['${key}']` : `data[${key}]`);

/** Copy the cache's Secret key into the remote Secret under the env var name the Job reads. */
export function tokenPatch(cache: CacheRef, ref: AuthSecretRef): PatchFrom {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    name: ref.name,
    namespace: cache.namespace,
    fieldPath: secretDataPath(ref.key),
    toFieldPath: `data.${ref.envName}`,
  };
}
