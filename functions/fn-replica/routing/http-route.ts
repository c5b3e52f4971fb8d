// The replica's route on its cluster's inference-gateway: `/<namespace>/<replica>/...` (the
// replicaRoutePrefix contract, which fn-schedule's ModelEndpoint URL also starts with) reaches the
// InferencePool with the prefix rewritten to `/`, so `/<ns>/<replica>/v1/chat/completions` arrives
// at the engine as `/v1/chat/completions` (and any other path passes through the same way).
import { replicaRoutePrefix } from '../../lib/contracts';
import { INFERENCE_GATEWAY } from '../../lib/k8s/remote';
import type { Manifest, RemoteMeta } from '../manifest';
import type { ReplicaRef } from '../names';
import { INFERENCE_POOL_GROUP } from './constants';

export const HTTP_ROUTE_API_VERSION = 'gateway.networking.k8s.io/v1';

export function httpRoute(meta: RemoteMeta, replica: ReplicaRef, pool: string): Manifest {
  return {
    apiVersion: HTTP_ROUTE_API_VERSION,
    kind: 'HTTPRoute',
    metadata: { ...meta },
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: INFERENCE_GATEWAY.name, namespace: INFERENCE_GATEWAY.namespace }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: replicaRoutePrefix(replica) } }],
          filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
          backendRefs: [{ group: INFERENCE_POOL_GROUP, kind: 'InferencePool', name: pool }],
          // Completions stream for minutes: no gateway-side request timeout.
          timeouts: { request: '0s' },
        },
      ],
    },
  };
}
