// The envelope every cloud managed resource shares (Upbound provider families, namespaced
// `.m.upbound.io` APIs): control namespace, cluster label, the platform team's cloud provider
// config, optional external name and connection secret.
import type { ObservedObject } from '../../lib/request';
import type { KubeObject } from '../../lib/response';
import { clusterLabels, CONTROL_NAMESPACE } from '../names';

export interface CloudCredentials {
  readonly kind: string;
  readonly name: string;
}

export const DEFAULT_CREDENTIALS: CloudCredentials = { kind: 'ClusterProviderConfig', name: 'default' };

export interface ManagedOptions {
  readonly credentials: CloudCredentials;
  /** Sets crossplane.io/external-name: the resource's name in the cloud. */
  readonly externalName?: string;
  /** Name of the connection secret (in the control namespace). */
  readonly connectionSecret?: string;
}

export function managed(apiVersion: string, kind: string, name: string, cluster: string, forProvider: Record<string, unknown>, opts: ManagedOptions): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace: CONTROL_NAMESPACE,
      labels: clusterLabels(cluster),
      ...(opts.externalName ? { annotations: { 'crossplane.io/external-name': opts.externalName } } : {}),
    },
    spec: {
      forProvider,
      providerConfigRef: { kind: opts.credentials.kind, name: opts.credentials.name },
      ...(opts.connectionSecret ? { writeConnectionSecretToRef: { name: opts.connectionSecret } } : {}),
    },
  };
}

/** A reference to another managed resource of this cluster (same namespace). */
export const ref = (name: string) => ({ name });

/** A string field of an observed managed resource's status.atProvider (e.g. an EFS id). */
export function atProvider(o: ObservedObject | undefined, field: string): string | undefined {
  const s = o?.status as { atProvider?: Record<string, unknown> } | undefined;
  const v = s?.atProvider?.[field];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
