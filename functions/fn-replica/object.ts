// A remote manifest wrapped in a provider-kubernetes Object that targets the replica's cluster.
import { LABELS } from '../lib/k8s/labels';
import { PROVIDER_CONFIG_KIND } from '../lib/k8s/remote';
import type { Manifest } from './manifest';
import { objectName, type ReplicaRef } from './names';

export const OBJECT_API_VERSION = 'kubernetes.m.crossplane.io/v1alpha1';

/**
 * How the Object's own Ready condition is derived. `available`: from the remote workload's
 * Available condition (Deployment and LeaderWorkerSet both publish one), so the Object, and with it
 * the ModelReplica, is Ready only once the engine serves. `created`: Ready once applied.
 */
export type Readiness = 'available' | 'created';

/** CEL over the observed remote object (provider-kubernetes binds it as `object`). */
export const AVAILABLE_CEL =
  "has(object.status) && has(object.status.conditions) && object.status.conditions.exists(c, c.type == 'Available' && c.status == 'True')";

export interface RemoteObject {
  readonly key: string;
  readonly manifest: Manifest;
  readonly readiness: Readiness;
}

export function wrapInObject(replica: ReplicaRef, providerConfigName: string, remote: RemoteObject): Manifest {
  return {
    apiVersion: OBJECT_API_VERSION,
    kind: 'Object',
    metadata: {
      name: objectName(replica, remote.key),
      namespace: replica.namespace,
      labels: { [LABELS.replica]: replica.name },
    },
    spec: {
      forProvider: { manifest: remote.manifest },
      providerConfigRef: { name: providerConfigName, kind: PROVIDER_CONFIG_KIND },
      readiness:
        remote.readiness === 'available' ? { policy: 'DeriveFromCelQuery', celQuery: AVAILABLE_CEL } : { policy: 'SuccessfulCreate' },
    },
  };
}
