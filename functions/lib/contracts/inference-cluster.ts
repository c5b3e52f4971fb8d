// The InferenceCluster status contract: fn-inferencecluster publishes it; fn-replica (provider
// config, gateway address), fn-modelcache (provider config, cache storage class) and fn-schedule
// (gateway address, GPU pools) read it. The type is the schema's; readers go through
// `readClusterStatus` or read `Untrusted<GpuPool>`, never restating field names by hand.
import { compact } from '../k8s/compact';
import type { InferenceClusterStatus } from '../schema';
import { nonEmptyString, untrusted } from './untrusted';

/** The strings of a published status every reader needs; each absent when not published (yet). */
export type ClusterStatusRead = Pick<InferenceClusterStatus, 'gateway' | 'providerConfigRef' | 'cache'>;

/** Reads a published status defensively: an empty or odd value is absent, never an error. */
export function readClusterStatus(status: unknown): ClusterStatusRead {
  const s = untrusted<InferenceClusterStatus>(status);
  const address = nonEmptyString(untrusted<NonNullable<InferenceClusterStatus['gateway']>>(s.gateway).address);
  const providerConfig = nonEmptyString(untrusted<NonNullable<InferenceClusterStatus['providerConfigRef']>>(s.providerConfigRef).name);
  const storageClass = nonEmptyString(untrusted<NonNullable<InferenceClusterStatus['cache']>>(s.cache).storageClassName);
  return compact({
    gateway: address ? { address } : undefined,
    providerConfigRef: providerConfig ? { name: providerConfig } : undefined,
    cache: storageClass ? { storageClassName: storageClass } : undefined,
  });
}
