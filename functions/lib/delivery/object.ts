// The provider-kubernetes Object: one manifest applied to the cluster its provider config targets.
// Every function delivers remote manifests through `providerObject`; only names and labels differ.
import { compact, nonEmpty } from '../k8s/compact';
import { PROVIDER_KUBERNETES_API, providerConfigRef, type ProviderConfigRef } from './providers';
import type { Readiness } from './readiness';

/** provider-kubernetes `spec.references[].patchesFrom`: copy a field of a control-plane object at apply time. */
export interface PatchFrom {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly fieldPath: string;
  readonly toFieldPath: string;
}

export interface ObjectInput {
  /** The Object's own name and namespace on the control plane. */
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** The ClusterProviderConfig (both providers share the name) of the target cluster. */
  readonly providerConfig: string;
  /** Any manifest (plain or a kubernetes-models interface); sent as JSON. */
  readonly manifest: object;
  /** How the Object's Ready condition is derived; omitted: provider-kubernetes' default. */
  readonly readiness?: Readiness | undefined;
  readonly patchesFrom?: readonly PatchFrom[] | undefined;
  /** Only read the remote object (managementPolicies: [Observe]): never create, update or delete it. */
  readonly observeOnly?: boolean | undefined;
}

export type ProviderObject = {
  readonly apiVersion: typeof PROVIDER_KUBERNETES_API;
  readonly kind: 'Object';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec: {
    readonly managementPolicies?: readonly ['Observe'];
    readonly references?: readonly { readonly patchesFrom: Omit<PatchFrom, 'toFieldPath'>; readonly toFieldPath: string }[];
    readonly forProvider: { readonly manifest: object };
    readonly readiness?: Readiness;
    readonly providerConfigRef: ProviderConfigRef;
  };
};

export function providerObject(o: ObjectInput): ProviderObject {
  const references = nonEmpty(o.patchesFrom?.map(({ toFieldPath, ...from }) => ({ patchesFrom: from, toFieldPath })));
  return {
    apiVersion: PROVIDER_KUBERNETES_API,
    kind: 'Object',
    metadata: compact({ name: o.name, namespace: o.namespace, labels: o.labels && { ...o.labels } }),
    spec: compact({
      managementPolicies: o.observeOnly ? (['Observe'] as const) : undefined,
      references,
      forProvider: { manifest: o.manifest },
      readiness: o.readiness && { ...o.readiness },
      providerConfigRef: providerConfigRef(o.providerConfig),
    }),
  };
}
