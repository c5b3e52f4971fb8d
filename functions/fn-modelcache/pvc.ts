// The ReadWriteMany claim holding a cache's weights on one cluster; fn-replica mounts it by name.
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1';
import { WORKLOAD_NAMESPACE } from '../lib/k8s/remote';
import { LABELS } from '../lib/k8s/labels';
import { REMOTE_LABELS, remoteName, type CacheRef } from './names';

export function cachePvc(cache: CacheRef, storageClassName: string, sizeGiB: number): IPersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: remoteName.pvc(cache),
      namespace: WORKLOAD_NAMESPACE,
      labels: { ...REMOTE_LABELS },
      annotations: { [LABELS.cache]: `${cache.namespace}/${cache.name}` },
    },
    spec: {
      accessModes: ['ReadWriteMany'],
      storageClassName,
      volumeMode: 'Filesystem',
      resources: { requests: { storage: `${sizeGiB}Gi` } },
    },
  };
}
