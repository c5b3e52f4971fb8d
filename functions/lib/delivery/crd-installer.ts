// The one CRD installer: a ServiceAccount, a ClusterRole that may write CRDs (and the
// ValidatingAdmissionPolicies CRD bundles ship with them), its binding, and a one-shot Job that
// server-side applies release manifests by URL. The Job runs hardened: non-root, read-only root
// filesystem, every capability dropped, RuntimeDefault seccomp, its own field manager, and a
// backoff long enough to ride out a registry or GitHub hiccup.
import type { IJob } from 'kubernetes-models/batch/v1';
import { compact } from '../k8s/compact';
import { sha256Hex } from '../k8s/names';
import { APPLY_VERBS, binding, role, type PolicyRule } from '../k8s/rbac';
import type { KubeObject } from '../response';

/** The shell-free official kubectl image. */
export const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.34.1';
/** Server-side apply field manager of everything Modelplane applies with kubectl. */
export const FIELD_MANAGER = 'modelplane';
/** The distroless `nonroot` user the kubectl image provides. */
export const NONROOT_UID = 65532;
export const CRD_INSTALLER_BACKOFF_LIMIT = 10;

/** A Gateway API release's standard-channel CRDs. */
export const gatewayApiInstallUrl = (version: string): string => `https://github.com/kubernetes-sigs/gateway-api/releases/download/${version}/standard-install.yaml`;

/** The installer's grant: CRDs, and the ValidatingAdmissionPolicies CRD bundles ship with them. */
export const CRD_INSTALLER_RULES: readonly PolicyRule[] = [
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: APPLY_VERBS },
  { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingadmissionpolicies', 'validatingadmissionpolicybindings'], verbs: APPLY_VERBS },
];

export interface CrdInstallerInput {
  /** Name of the ServiceAccount, ClusterRole and ClusterRoleBinding. */
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** The manifests to apply, in order. */
  readonly urls: readonly string[];
  /**
   * The Job's name. Job templates are immutable: omitted, the name is `<name>-<hash of the Job's
   * spec>`, so any change (a version, the hardening) runs a new Job instead of failing to edit one.
   */
  readonly jobName?: string | undefined;
}

export interface CrdInstaller {
  readonly serviceAccount: KubeObject;
  readonly clusterRole: KubeObject;
  readonly binding: KubeObject;
  readonly job: IJob;
}

function jobSpec(i: CrdInstallerInput): NonNullable<IJob['spec']> {
  return {
    backoffLimit: CRD_INSTALLER_BACKOFF_LIMIT,
    template: {
      ...(i.labels ? { metadata: { labels: { ...i.labels } } } : {}),
      spec: {
        serviceAccountName: i.name,
        restartPolicy: 'OnFailure',
        securityContext: { runAsNonRoot: true, runAsUser: NONROOT_UID, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'apply',
            image: KUBECTL_IMAGE,
            command: ['/bin/kubectl'],
            args: ['apply', '--server-side', '--force-conflicts', `--field-manager=${FIELD_MANAGER}`, ...i.urls.flatMap((url) => ['-f', url])],
            // kubectl caches discovery under $HOME: a writable emptyDir, the root filesystem stays read-only.
            env: [{ name: 'HOME', value: '/tmp' }],
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          },
        ],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    },
  };
}

export function crdInstaller(i: CrdInstallerInput): CrdInstaller {
  const labels = i.labels && { ...i.labels };
  const spec = jobSpec(i);
  const jobName = i.jobName ?? `${i.name}-${sha256Hex(JSON.stringify(spec)).slice(0, 8)}`;
  return {
    serviceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: compact({ name: i.name, namespace: i.namespace, labels }) },
    clusterRole: role('ClusterRole', compact({ name: i.name, labels }), CRD_INSTALLER_RULES),
    binding: binding('ClusterRoleBinding', compact({ name: i.name, labels }), i.name, { name: i.name, namespace: i.namespace }),
    job: { apiVersion: 'batch/v1', kind: 'Job', metadata: compact({ name: jobName, namespace: i.namespace, labels }), spec },
  };
}
