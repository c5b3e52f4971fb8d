// What targets an inference cluster from the control plane: provider-kubernetes Objects and
// provider-helm Releases, all in the control namespace, labelled with the cluster and using its
// ClusterProviderConfigs (named after the cluster).
import { nonEmpty } from '../../lib/k8s/compact';
import { helmRelease, providerObject, type Chart, type HelmRelease, type ProviderObject, type Readiness } from '../../lib/delivery';
import { clusterLabels, CONTROL_NAMESPACE, controlName } from '../names';

export function remoteObject(cluster: string, part: string, manifest: object, readiness?: Readiness): ProviderObject {
  return providerObject({ name: controlName(cluster, part), namespace: CONTROL_NAMESPACE, labels: clusterLabels(cluster), providerConfig: cluster, manifest, readiness });
}

export function release(cluster: string, part: string, chart: Chart, namespace: string, values?: Record<string, unknown>): HelmRelease {
  return helmRelease({
    name: controlName(cluster, part),
    namespace: CONTROL_NAMESPACE,
    labels: clusterLabels(cluster),
    providerConfig: cluster,
    chart,
    targetNamespace: namespace,
    values: nonEmpty(values),
  });
}
