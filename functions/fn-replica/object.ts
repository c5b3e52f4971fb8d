// A remote manifest wrapped in a provider-kubernetes Object that targets the replica's cluster.
import { LABELS } from '../lib/k8s/labels';
import { providerObject, type ProviderObject, type Readiness } from '../lib/delivery';
import type { Manifest } from './manifest';
import { objectName, type ReplicaRef } from './names';
import type { PodObserver } from './pods';

/**
 * A manifest for the replica's cluster and how its Object's own Ready condition is derived:
 * workloads use READINESS.available (the remote Available condition), so the Object, and with it
 * the ModelReplica, is Ready only once the engine serves; everything else READINESS.created.
 */
export interface RemoteObject {
  readonly key: string;
  readonly manifest: Manifest;
  readonly readiness: Readiness;
}

export function wrapInObject(replica: ReplicaRef, providerConfigName: string, remote: RemoteObject): ProviderObject {
  return providerObject({
    name: objectName(replica, remote.key),
    namespace: replica.namespace,
    labels: { [LABELS.replica]: replica.name },
    providerConfig: providerConfigName,
    manifest: remote.manifest,
    readiness: remote.readiness,
  });
}

/** An observe-only Object: provider-kubernetes reads the remote object and never changes it. */
export function observeInObject(replica: ReplicaRef, providerConfigName: string, observer: PodObserver): ProviderObject {
  return providerObject({
    name: objectName(replica, observer.key),
    namespace: replica.namespace,
    labels: { [LABELS.replica]: replica.name },
    providerConfig: providerConfigName,
    manifest: observer.manifest,
    observeOnly: true,
  });
}
