// The replica's InferencePool (Gateway API Inference Extension, inference.networking.k8s.io/v1):
// every serving pod of the replica (Standalone pods, gang leaders, prefill and decode pods) on one
// target port, with the replica's endpoint picker choosing the pod per request.
// Pods join the pool by the label LABELS.inferencePool, valued with the pool's name (unique per
// cluster); only pods that receive traffic carry it (gang workers do not).
import { LABELS } from '../../lib/k8s/labels';
import type { Manifest, RemoteMeta } from '../manifest';
import { EPP_EXT_PROC_PORT, INFERENCE_POOL_GROUP } from './constants';
export const INFERENCE_POOL_API_VERSION = `${INFERENCE_POOL_GROUP}/v1`;

export function inferencePool(meta: RemoteMeta, port: number, pickerService: string): Manifest {
  return {
    apiVersion: INFERENCE_POOL_API_VERSION,
    kind: 'InferencePool',
    metadata: { ...meta },
    spec: {
      selector: { matchLabels: { [LABELS.inferencePool]: meta.name } },
      targetPorts: [{ number: port }],
      endpointPickerRef: {
        group: '',
        kind: 'Service',
        name: pickerService,
        port: { number: EPP_EXT_PROC_PORT },
        // A restarting picker should not take the replica offline: the gateway then picks a pod itself.
        failureMode: 'FailOpen',
      },
    },
  };
}
