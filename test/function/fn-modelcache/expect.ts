// Expected desired resources, built from the function's own (separately unit-tested) manifest
// builders, so function tests compare whole responses without retyping a 300-line Job.
import { hydrationJob } from '../../../functions/fn-modelcache/job';
import { KEY, objectName } from '../../../functions/fn-modelcache/names';
import { remoteObject } from '../../../functions/fn-modelcache/object';
import { cachePvc } from '../../../functions/fn-modelcache/pvc';
import { tokenPatch, tokenSecret } from '../../../functions/fn-modelcache/secret';
import type { Artifact } from '../../../functions/fn-modelcache/sources';
import { CACHE, NS, type Obj } from './fixtures';

export const cacheRef = { namespace: NS, name: CACHE };
const pc = (cluster: string) => `${cluster}-pc`;

export const pvcObject = (cluster: string, sizeGiB = 40, storageClass = 'rwx'): Obj =>
  remoteObject({ name: objectName.pvc(cacheRef, cluster), namespace: NS, providerConfigName: pc(cluster), manifest: cachePvc(cacheRef, storageClass, sizeGiB) });

export const jobObject = (cluster: string, artifact: Artifact): Obj =>
  remoteObject({ name: objectName.job(cacheRef, cluster, artifact.digest), namespace: NS, providerConfigName: pc(cluster), manifest: hydrationJob(cacheRef, artifact) });

export const tokenObject = (cluster: string, artifact: Artifact): Obj =>
  remoteObject({
    name: objectName.token(cacheRef, cluster),
    namespace: NS,
    providerConfigName: pc(cluster),
    manifest: tokenSecret(cacheRef),
    patchesFrom: [tokenPatch(cacheRef, artifact.authSecret!)],
  });

/** The desired-resource entries of a cluster that is hydrating (or about to). */
export function hydrating(cluster: string, artifact: Artifact, opts: { tokenReady?: boolean } = {}): Record<string, { resource: Obj; ready: string }> {
  return {
    [KEY.pvc(cluster)]: { resource: pvcObject(cluster), ready: 'False' },
    [KEY.job(cluster, artifact.digest)]: { resource: jobObject(cluster, artifact), ready: 'False' },
    ...(artifact.authSecret ? { [KEY.token(cluster)]: { resource: tokenObject(cluster, artifact), ready: opts.tokenReady ? 'True' : 'False' } } : {}),
  };
}
