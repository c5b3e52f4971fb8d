// How Modelplane reaches a cluster: Crossplane's provider-kubernetes (one manifest per Object) and
// provider-helm (one chart per Release), both namespaced (`.m.`) APIs, both authenticated by a
// ClusterProviderConfig of the same name (the InferenceCluster's name, or `in-cluster` for the
// control cluster itself).

/** provider-kubernetes: Objects and its ProviderConfigs. */
export const PROVIDER_KUBERNETES_API = 'kubernetes.m.crossplane.io/v1alpha1';
/** provider-helm: Releases and its ProviderConfigs. */
export const PROVIDER_HELM_API = 'helm.m.crossplane.io/v1beta1';

/** The kind of provider config every composed Object and Release references. */
export const PROVIDER_CONFIG_KIND = 'ClusterProviderConfig';

/** The provider configs (both providers) that target the control cluster itself. */
export const IN_CLUSTER_PROVIDER_CONFIG = 'in-cluster';

export interface ProviderConfigRef {
  readonly name: string;
  readonly kind: typeof PROVIDER_CONFIG_KIND;
}

export const providerConfigRef = (name: string): ProviderConfigRef => ({ name, kind: PROVIDER_CONFIG_KIND });
