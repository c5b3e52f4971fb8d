// Builders for what targets an inference cluster from the control plane: provider-kubernetes
// Objects (one manifest each) and provider-helm Releases, all in the control namespace and all
// using the cluster's ClusterProviderConfigs.
import type { KubeObject } from '../../lib/response';
import { CLUSTER_LABEL, CONTROL_NAMESPACE, controlName } from '../names';
import { providerConfigRef } from '../providerconfigs';

export interface Readiness {
  readonly policy: 'SuccessfulCreate' | 'DeriveFromObject' | 'AllTrue' | 'DeriveFromCelQuery';
  readonly celQuery?: string;
}

export function remoteObject(cluster: string, part: string, manifest: KubeObject, readiness?: Readiness): KubeObject {
  return {
    apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
    kind: 'Object',
    metadata: { name: controlName(cluster, part), namespace: CONTROL_NAMESPACE, labels: { [CLUSTER_LABEL]: cluster } },
    spec: {
      forProvider: { manifest },
      ...(readiness ? { readiness: { ...readiness } } : {}),
      providerConfigRef: providerConfigRef(cluster),
    },
  };
}

export interface Chart {
  /** A Helm repository URL or an OCI registry path (oci://...). */
  readonly repository: string;
  readonly name: string;
  readonly version: string;
}

export function release(cluster: string, part: string, chart: Chart, namespace: string, values?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'helm.m.crossplane.io/v1beta1',
    kind: 'Release',
    metadata: { name: controlName(cluster, part), namespace: CONTROL_NAMESPACE, labels: { [CLUSTER_LABEL]: cluster } },
    spec: {
      forProvider: {
        chart: { repository: chart.repository, name: chart.name, version: chart.version },
        namespace,
        wait: true,
        waitTimeout: '10m',
        ...(values && Object.keys(values).length > 0 ? { values } : {}),
      },
      providerConfigRef: providerConfigRef(cluster),
    },
  };
}
