// The pinned Gateway API (standard channel) and Inference Extension CRDs, applied server-side by
// the shared CRD installer (lib/delivery). They come before Envoy Gateway, which watches
// InferencePools from its first start (stack/envoy.ts) and would not become ready without their
// CRD. Envoy Gateway's chart then skips the Gateway API CRDs that exist and adds only the
// experimental-channel kinds it also ships.
import { crdInstaller, gatewayApiInstallUrl, READINESS } from '../../lib/delivery';
import { INFERENCE_GATEWAY } from '../../lib/k8s/remote';
import type { KubeObject } from '../../lib/response';
import type { StackSpec } from '../../lib/schema';
import { STACK_KEYS } from './keys';
import { remoteObject } from './objects';

const CRD_INSTALLER = 'modelplane-crd-installer';

export const inferenceExtensionCrdsUrl = (v: string) => `https://github.com/kubernetes-sigs/gateway-api-inference-extension/releases/download/${v}/v1-manifests.yaml`;

/**
 * The installer's account may write CRDs and, because Gateway API's standard-install.yaml (v1.5 and
 * later) also carries its `safe-upgrades` ValidatingAdmissionPolicy and binding, those two kinds.
 * The Job is named after its content: a version change (or a change to the Job itself) runs a new
 * Job rather than editing an immutable one.
 */
export function crdInstallerResources(cluster: string, stack: StackSpec): Record<string, KubeObject> {
  const installer = crdInstaller({
    name: CRD_INSTALLER,
    namespace: INFERENCE_GATEWAY.namespace,
    urls: [gatewayApiInstallUrl(stack.gatewayApi.version), inferenceExtensionCrdsUrl(stack.inferenceExtension.version)],
  });
  return {
    [STACK_KEYS.crdInstallerServiceAccount]: remoteObject(cluster, 'crds-sa', installer.serviceAccount),
    [STACK_KEYS.crdInstallerClusterRole]: remoteObject(cluster, 'crds-role', installer.clusterRole),
    [STACK_KEYS.crdInstallerBinding]: remoteObject(cluster, 'crds-binding', installer.binding),
    [STACK_KEYS.crdInstallerJob]: remoteObject(cluster, 'crds-job', installer.job, READINESS.jobSucceeded),
  };
}
