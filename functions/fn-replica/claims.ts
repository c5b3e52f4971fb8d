// One DRA ResourceClaimTemplate per claiming member: one request per resolved device request,
// each asking for exactly `count` devices of the matched pool's DeviceClass that pass every CEL
// selector the deployment wrote (copied verbatim; they are Kubernetes DRA selectors).
import type { ResolvedDeviceRequest } from '../lib/schema';
import type { Manifest, RemoteMeta } from './manifest';

export const RESOURCE_CLAIM_API_VERSION = 'resource.k8s.io/v1';

/** The pod-level claim name every claiming engine container references. */
export const POD_CLAIM_NAME = 'modelplane-devices';

export function resourceClaimTemplate(meta: RemoteMeta, requests: readonly ResolvedDeviceRequest[]): Manifest {
  return {
    apiVersion: RESOURCE_CLAIM_API_VERSION,
    kind: 'ResourceClaimTemplate',
    metadata: { ...meta },
    spec: {
      metadata: { labels: { ...meta.labels } },
      spec: {
        devices: {
          requests: requests.map((r) => ({
            name: r.name,
            exactly: {
              deviceClassName: r.deviceClassName,
              allocationMode: 'ExactCount',
              count: r.count,
              selectors: r.selectors.map((s) => ({ cel: { expression: s.cel } })),
            },
          })),
        },
      },
    },
  };
}
