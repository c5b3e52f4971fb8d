// The capacity reporter: a one-replica Deployment in the system namespace that lists what the
// cluster really has (pool nodes, DRA ResourceSlices, ResourceClaims) every REPORT_INTERVAL_SECONDS
// and writes one ConfigMap (lib/contracts/capacity-report.ts), which an observe-only Object brings
// back. It runs reporter.py in the Python image model caches already use (the kubectl image has no
// shell to turn a listing into a write), hardened like the CRD installer.
//
// Least privilege: cluster-wide `list` on nodes, resourceslices and resourceclaims (nothing it
// reads is namespaced to one place, and it never watches or reads Secrets); in its own namespace
// get/create/patch on the one ConfigMap, by name (server-side apply authorizes a create by the
// object's name, so resourceNames holds for it too).
import type { IDeployment } from 'kubernetes-models/apps/v1';
import { CAPACITY_REPORT } from '../../lib/contracts';
import { NONROOT_UID, PYTHON_IMAGE, providerObject, type ProviderObject } from '../../lib/delivery';
import { GPU_TAINT, LABELS, MANAGED_BY } from '../../lib/k8s/labels';
import { binding, role, type PolicyRule } from '../../lib/k8s/rbac';
import { SYSTEM_NAMESPACE, WORKLOAD_NAMESPACE } from '../../lib/k8s/remote';
import type { KubeObject } from '../../lib/response';
import { clusterLabels, CONTROL_NAMESPACE, controlName } from '../names';
import { REPORTER_SCRIPT } from '../reporter/script';
import { STACK_KEYS } from './keys';
import { remoteObject } from './objects';

export const REPORTER = 'modelplane-capacity-reporter';
/** Seconds between two reports; the scheduler's freshness window is a multiple of it. */
export const REPORT_INTERVAL_SECONDS = 30;

export const REPORTER_CLUSTER_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['nodes'], verbs: ['list'] },
  { apiGroups: ['resource.k8s.io'], resources: ['resourceslices', 'resourceclaims'], verbs: ['list'] },
];

export const REPORTER_NAMESPACE_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['configmaps'], resourceNames: [CAPACITY_REPORT.name], verbs: ['get', 'create', 'patch'] },
];

const podLabels = { 'app.kubernetes.io/name': REPORTER, ...MANAGED_BY };

export function reporterDeployment(): IDeployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: REPORTER, namespace: SYSTEM_NAMESPACE, labels: { ...podLabels } },
    spec: {
      replicas: 1,
      // One writer at a time.
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { 'app.kubernetes.io/name': REPORTER } },
      template: {
        metadata: { labels: { ...podLabels } },
        spec: {
          serviceAccountName: REPORTER,
          enableServiceLinks: false,
          // Some clusters only have GPU nodes.
          tolerations: [{ ...GPU_TAINT }],
          securityContext: { runAsNonRoot: true, runAsUser: NONROOT_UID, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'report',
              image: PYTHON_IMAGE,
              command: ['python3', '-c', REPORTER_SCRIPT],
              env: [
                { name: 'MODELPLANE_REPORT_NAMESPACE', value: CAPACITY_REPORT.namespace },
                { name: 'MODELPLANE_REPORT_NAME', value: CAPACITY_REPORT.name },
                { name: 'MODELPLANE_POOL_LABEL', value: LABELS.pool },
                { name: 'MODELPLANE_WORKLOAD_NAMESPACE', value: WORKLOAD_NAMESPACE },
                { name: 'MODELPLANE_INTERVAL_SECONDS', value: String(REPORT_INTERVAL_SECONDS) },
                { name: 'PYTHONDONTWRITEBYTECODE', value: '1' },
              ],
              resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            },
          ],
        },
      },
    },
  };
}

/** The reporter's account, grants and Deployment, delivered like the rest of the stack. */
export function capacityReporterResources(cluster: string): Record<string, KubeObject> {
  const account = { name: REPORTER, namespace: SYSTEM_NAMESPACE };
  const labels = { ...MANAGED_BY };
  return {
    [STACK_KEYS.reporterServiceAccount]: remoteObject(cluster, 'reporter-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { ...account, labels } }),
    [STACK_KEYS.reporterClusterRole]: remoteObject(cluster, 'reporter-role', role('ClusterRole', { name: REPORTER, labels }, REPORTER_CLUSTER_RULES)),
    [STACK_KEYS.reporterClusterRoleBinding]: remoteObject(cluster, 'reporter-binding', binding('ClusterRoleBinding', { name: REPORTER, labels }, REPORTER, account)),
    [STACK_KEYS.reporterRole]: remoteObject(cluster, 'reporter-ns-role', role('Role', { ...account, labels }, REPORTER_NAMESPACE_RULES)),
    [STACK_KEYS.reporterRoleBinding]: remoteObject(cluster, 'reporter-ns-binding', binding('RoleBinding', { ...account, labels }, REPORTER, account)),
    [STACK_KEYS.reporterDeployment]: remoteObject(cluster, 'reporter', reporterDeployment()),
  };
}

/** The observe-only Object that brings the report back (never creates, changes or deletes it). */
export function capacityReportObserver(cluster: string): ProviderObject {
  return providerObject({
    name: controlName(cluster, 'capacity-report'),
    namespace: CONTROL_NAMESPACE,
    labels: clusterLabels(cluster),
    providerConfig: cluster,
    manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: CAPACITY_REPORT.name, namespace: CAPACITY_REPORT.namespace } },
    observeOnly: true,
  });
}
