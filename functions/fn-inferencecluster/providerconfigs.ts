// The provider-kubernetes and provider-helm ClusterProviderConfigs that target an inference
// cluster. Both are named after the InferenceCluster (status.providerConfigRef.name) and read the
// kubeconfig from a Secret: the user's for Existing, the managed cluster's connection secret for
// clouds. Every Object and Release that targets the cluster references them by that name.
import type { KubeObject } from '../lib/response';
import { PROVIDER_CONFIG_KIND, PROVIDER_HELM_API, PROVIDER_KUBERNETES_API } from '../lib/delivery';
import { clusterLabels } from './names';

export interface KubeconfigRef {
  readonly name: string;
  readonly namespace: string;
  readonly key: string;
}

/** How the provider authenticates beyond the kubeconfig (GKE kubeconfigs carry no credentials). */
export interface Identity {
  readonly type: 'GoogleApplicationCredentials';
  readonly source: 'InjectedIdentity';
}

function providerConfig(apiVersion: string, cluster: string, kubeconfig: KubeconfigRef, identity?: Identity): KubeObject {
  return {
    apiVersion,
    kind: PROVIDER_CONFIG_KIND,
    metadata: { name: cluster, labels: clusterLabels(cluster) },
    spec: {
      credentials: { source: 'Secret', secretRef: { namespace: kubeconfig.namespace, name: kubeconfig.name, key: kubeconfig.key } },
      ...(identity ? { identity: { type: identity.type, source: identity.source } } : {}),
    },
  };
}

export const kubernetesProviderConfig = (cluster: string, kubeconfig: KubeconfigRef, identity?: Identity): KubeObject =>
  providerConfig(PROVIDER_KUBERNETES_API, cluster, kubeconfig, identity);

export const helmProviderConfig = (cluster: string, kubeconfig: KubeconfigRef, identity?: Identity): KubeObject => providerConfig(PROVIDER_HELM_API, cluster, kubeconfig, identity);
