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

/** The Object for a remote manifest: applied (with its readiness policy), or only read when `observeOnly`. */
function replicaObject(replica: ReplicaRef, providerConfigName: string, key: string, manifest: Manifest, how: { readiness: Readiness } | { observeOnly: true }): ProviderObject {
  return providerObject({
    name: objectName(replica, key),
    namespace: replica.namespace,
    labels: { [LABELS.replica]: replica.name },
    providerConfig: providerConfigName,
    manifest,
    ...how,
  });
}

export const wrapInObject = (replica: ReplicaRef, providerConfigName: string, remote: RemoteObject): ProviderObject =>
  replicaObject(replica, providerConfigName, remote.key, remote.manifest, { readiness: remote.readiness });

/** An observe-only Object: provider-kubernetes reads the remote object and never changes it. */
export const observeInObject = (replica: ReplicaRef, providerConfigName: string, observer: PodObserver): ProviderObject =>
  replicaObject(replica, providerConfigName, observer.key, observer.manifest, { observeOnly: true });
