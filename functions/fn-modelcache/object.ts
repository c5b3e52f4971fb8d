// A remote manifest wrapped in a provider-kubernetes Object that targets one inference cluster.
import type { KubeObject } from '../lib/response';
import { PROVIDER_CONFIG_KIND } from '../lib/k8s/remote';

export const OBJECT_API_VERSION = 'kubernetes.m.crossplane.io/v1alpha1';

/** provider-kubernetes `spec.references[]`: copy a field of a control-plane object at apply time. */
export interface PatchFrom {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly fieldPath: string;
  readonly toFieldPath: string;
}

export interface RemoteObjectInput {
  /** The Object's name in the cache's namespace. */
  readonly name: string;
  readonly namespace: string;
  readonly providerConfigName: string;
  // Any typed manifest (kubernetes-models interfaces); sent as plain JSON.
  readonly manifest: object;
  readonly patchesFrom?: readonly PatchFrom[];
}

export function remoteObject(input: RemoteObjectInput): KubeObject {
  const references = (input.patchesFrom ?? []).map(({ toFieldPath, ...from }) => ({ patchesFrom: from, toFieldPath }));
  return {
    apiVersion: OBJECT_API_VERSION,
    kind: 'Object',
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      ...(references.length > 0 ? { references } : {}),
      forProvider: { manifest: input.manifest },
      providerConfigRef: { name: input.providerConfigName, kind: PROVIDER_CONFIG_KIND },
    },
  };
}

/** The remote object as provider-kubernetes last observed it (status.atProvider.manifest). */
export function observedRemote(object: unknown): Record<string, unknown> | undefined {
  const status = (object as { status?: { atProvider?: { manifest?: unknown } } } | undefined)?.status;
  const manifest = status?.atProvider?.manifest;
  return typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest) ? (manifest as Record<string, unknown>) : undefined;
}
