// The pinned Gateway API (standard channel) and Inference Extension CRDs, applied server-side by a
// one-shot Job. They come before Envoy Gateway, which watches InferencePools from its first start
// (stack/envoy.ts) and would not become ready without their CRD. Envoy Gateway's chart then skips
// the Gateway API CRDs that exist and adds only the experimental-channel kinds it also ships.
import { INFERENCE_GATEWAY } from '../../lib/k8s/remote';
import { sha256Hex } from '../../lib/k8s/names';
import { binding, CRD_INSTALLER_RULES, role } from '../../lib/k8s/rbac';
import type { KubeObject } from '../../lib/response';
import type { StackSpec } from '../../lib/schema';
import { STACK_KEYS } from './keys';
import { remoteObject } from './objects';

const CRD_INSTALLER = 'modelplane-crd-installer';
/** The kubectl image of the CRD installer Job. */
export const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.34.1';

export const gatewayApiCrdsUrl = (v: string) => `https://github.com/kubernetes-sigs/gateway-api/releases/download/${v}/standard-install.yaml`;
export const inferenceExtensionCrdsUrl = (v: string) => `https://github.com/kubernetes-sigs/gateway-api-inference-extension/releases/download/${v}/v1-manifests.yaml`;

/**
 * The installer's account may write CRDs and, because Gateway API's standard-install.yaml (v1.5 and
 * later) also carries its `safe-upgrades` ValidatingAdmissionPolicy and binding, those two kinds.
 * The Job's name carries a hash of both versions, so a version change runs a new Job rather than
 * editing an immutable one.
 */
export function crdInstaller(cluster: string, stack: StackSpec): Record<string, KubeObject> {
  const ns = INFERENCE_GATEWAY.namespace;
  const versions = `${stack.gatewayApi.version}/${stack.inferenceExtension.version}`;
  const job = `${CRD_INSTALLER}-${sha256Hex(versions).slice(0, 8)}`;
  return {
    [STACK_KEYS.crdInstallerServiceAccount]: remoteObject(cluster, 'crds-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: CRD_INSTALLER, namespace: ns } }),
    [STACK_KEYS.crdInstallerClusterRole]: remoteObject(cluster, 'crds-role', role('ClusterRole', { name: CRD_INSTALLER }, CRD_INSTALLER_RULES)),
    [STACK_KEYS.crdInstallerBinding]: remoteObject(cluster, 'crds-binding', binding('ClusterRoleBinding', { name: CRD_INSTALLER }, CRD_INSTALLER, { name: CRD_INSTALLER, namespace: ns })),
    [STACK_KEYS.crdInstallerJob]: remoteObject(
      cluster,
      'crds-job',
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: job, namespace: ns },
        spec: {
          backoffLimit: 6,
          template: {
            spec: {
              serviceAccountName: CRD_INSTALLER,
              restartPolicy: 'OnFailure',
              containers: [
                {
                  name: 'kubectl',
                  image: KUBECTL_IMAGE,
                  args: ['apply', '--server-side', '--force-conflicts', '-f', gatewayApiCrdsUrl(stack.gatewayApi.version), '-f', inferenceExtensionCrdsUrl(stack.inferenceExtension.version)],
                },
              ],
            },
          },
        },
      },
      { policy: 'DeriveFromCelQuery', celQuery: 'has(object.status.succeeded) && object.status.succeeded >= 1' },
    ),
  };
}
