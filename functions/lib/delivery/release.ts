// The provider-helm Release: one chart installed on the cluster its provider config targets.
// `wait` makes Ready mean the chart's workloads are up.
import { compact } from '../k8s/compact';
import { PROVIDER_HELM_API, providerConfigRef, type ProviderConfigRef } from './providers';

export interface Chart {
  /** A Helm repository URL or an OCI registry path (oci://...). */
  readonly repository: string;
  readonly name: string;
  readonly version: string;
}

export interface ReleaseInput {
  /** The Release's own name and namespace on the control plane. */
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly providerConfig: string;
  readonly chart: Chart;
  /** Where the chart is installed on the target cluster. */
  readonly targetNamespace: string;
  readonly values?: Readonly<Record<string, unknown>> | undefined;
}

export const RELEASE_WAIT_TIMEOUT = '10m';

export type HelmRelease = {
  readonly apiVersion: typeof PROVIDER_HELM_API;
  readonly kind: 'Release';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec: {
    readonly forProvider: {
      readonly chart: Chart;
      readonly namespace: string;
      readonly wait: true;
      readonly waitTimeout: string;
      readonly values?: Readonly<Record<string, unknown>>;
    };
    readonly providerConfigRef: ProviderConfigRef;
  };
};

export function helmRelease(r: ReleaseInput): HelmRelease {
  return {
    apiVersion: PROVIDER_HELM_API,
    kind: 'Release',
    metadata: compact({ name: r.name, namespace: r.namespace, labels: r.labels && { ...r.labels } }),
    spec: {
      forProvider: compact({
        chart: { repository: r.chart.repository, name: r.chart.name, version: r.chart.version },
        namespace: r.targetNamespace,
        wait: true as const,
        waitTimeout: RELEASE_WAIT_TIMEOUT,
        values: r.values,
      }),
      providerConfigRef: providerConfigRef(r.providerConfig),
    },
  };
}
