// The hydration Job: runs hydrate.py (embedded, stdlib-only Python) in a pinned slim Python image
// with the cache's volume mounted where engines mount it. Its name carries the artifact's digest:
// Job templates are immutable, so a new artifact is a new Job.
import type { IJob } from 'kubernetes-models/batch/v1';
import type { IEnvVar } from 'kubernetes-models/v1';
import { PYTHON_IMAGE } from '../lib/delivery';
import { GPU_TAINT, LABELS } from '../lib/k8s/labels';
import { MODEL_MOUNT_PATH, WORKLOAD_NAMESPACE } from '../lib/k8s/remote';
import { HYDRATE_SCRIPT } from './hydrate/script';
import { REMOTE_LABELS, remoteName, type CacheRef } from './names';
import type { Artifact } from './sources';

/** The script needs nothing beyond the stdlib: the shared pinned Python image. */
export const HYDRATE_IMAGE = PYTHON_IMAGE;
/** Attempts for failures worth retrying (network, 5xx); hydrate.py exits 2/3 for the others. */
export const BACKOFF_LIMIT = 4;
/**
 * A finished Job is removed after an hour. A Ready cache drops its Job from desired state long
 * before; a Failed one keeps it for inspection, and once the TTL removes it provider-kubernetes
 * recreates it: a failed hydration is retried hourly until fixed (or at once by deleting the Object).
 */
export const TTL_SECONDS_AFTER_FINISHED = 3600;
/** hydrate.py's exit codes for bad configuration and failures a retry cannot fix. */
export const PERMANENT_EXIT_CODES = [2, 3];
const CONTAINER = 'hydrate';

export function hydrationJob(cache: CacheRef, artifact: Artifact): IJob {
  const annotations = { [LABELS.cache]: `${cache.namespace}/${cache.name}`, [LABELS.artifact]: artifact.id };
  const token: IEnvVar[] = artifact.authSecret
    ? [{ name: artifact.authSecret.envName, valueFrom: { secretKeyRef: { name: remoteName.token(cache), key: artifact.authSecret.envName } } }]
    : [];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: remoteName.job(cache, artifact.digest), namespace: WORKLOAD_NAMESPACE, labels: { ...REMOTE_LABELS }, annotations },
    spec: {
      backoffLimit: BACKOFF_LIMIT,
      ttlSecondsAfterFinished: TTL_SECONDS_AFTER_FINISHED,
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: CONTAINER, operator: 'In', values: PERMANENT_EXIT_CODES } }] },
      template: {
        metadata: { labels: { ...REMOTE_LABELS }, annotations },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          // Downloads need no GPU, but some clusters only have GPU nodes.
          tolerations: [{ ...GPU_TAINT }],
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: CONTAINER,
              image: HYDRATE_IMAGE,
              command: ['python3', '-c', HYDRATE_SCRIPT],
              env: [
                ...artifact.env.map((e) => ({ ...e })),
                { name: 'MODELPLANE_ARTIFACT', value: artifact.id },
                { name: 'MODELPLANE_TARGET', value: MODEL_MOUNT_PATH },
                { name: 'PYTHONDONTWRITEBYTECODE', value: '1' },
                ...token,
              ],
              volumeMounts: [{ name: 'models', mountPath: MODEL_MOUNT_PATH }],
              resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { memory: '1Gi' } },
              // Root without privileges: DAC_OVERRIDE/FOWNER let it write into volumes provisioned
              // with another owner (NFS/EFS access points), nothing else.
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'], add: ['DAC_OVERRIDE', 'FOWNER'] },
              },
              terminationMessagePolicy: 'FallbackToLogsOnError',
            },
          ],
          volumes: [{ name: 'models', persistentVolumeClaim: { claimName: remoteName.pvc(cache) } }],
        },
      },
    },
  };
}
