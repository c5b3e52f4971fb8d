// Facts about inference clusters that several functions must agree on: where workloads live on a
// cluster and the shared names on it (how manifests reach it: lib/delivery).
import { uniqueName } from './names';

/** Namespace on every inference cluster that holds serving workloads and model caches. */
export const WORKLOAD_NAMESPACE = 'modelplane-serving';

/** Modelplane's own namespace, on the control cluster and on every inference cluster. */
export const SYSTEM_NAMESPACE = 'modelplane-system';

/** The Gateway every inference cluster runs for replica routing, and its namespace. */
export const INFERENCE_GATEWAY = { name: 'inference-gateway', namespace: SYSTEM_NAMESPACE } as const;

/**
 * The ServiceAccount (in WORKLOAD_NAMESPACE) every replica's llm-d endpoint picker runs as.
 * fn-inferencecluster creates it with a namespaced read-only Role; fn-replica's pickers use it.
 */
export const ENDPOINT_PICKER_SERVICE_ACCOUNT = 'modelplane-endpoint-picker';

/** The ReadWriteMany claim holding a ModelCache's weights on a cluster (shared by fn-modelcache and fn-replica). */
export const cachePvcName = (namespace: string, cache: string): string => uniqueName(['cache', namespace, cache]);

/** Where engines find the weights. */
export const MODEL_MOUNT_PATH = '/mnt/models';
