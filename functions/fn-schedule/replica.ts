// The composed ModelReplica manifest and its desired-state key: the writer's side of the
// ModelReplica contract (lib/contracts/replica.ts), checked against the schema fn-replica parses.
// Plain objects in a fixed key order, so golden files diff cleanly.
import { replicaLabels, type ModelReplicaManifest } from '../lib/contracts';
import { replicaName } from '../lib/k8s/names';
import { API_VERSION, type ModelDeploymentSpec, type ModelReplicaSpecInput } from '../lib/schema';
import type { Placement } from './scheduler/types';

export interface DeploymentRef {
  readonly name: string;
  readonly namespace: string;
  readonly spec: ModelDeploymentSpec;
}

/** Stable desired-resource keys: identity is (cluster, index), so a key never changes meaning. */
export const replicaKey = (cluster: string, index: number): string => `replica-${cluster}-${index}`;

type ReplicaEngineWritten = ModelReplicaSpecInput['engines'][number];
type ReplicaMemberWritten = ReplicaEngineWritten['members'][number];

/** The ModelReplica for a placement: the deployment's engines with the pools and requests chosen. */
export function buildReplica(d: DeploymentRef, p: Placement): ModelReplicaManifest {
  const engines = d.spec.engines.map((engine, e): ReplicaEngineWritten => {
    const placed = p.engines[e]!;
    return {
      name: engine.name,
      runtime: engine.runtime,
      ...(engine.phase !== undefined ? { phase: engine.phase } : {}),
      copies: engine.copies,
      members: engine.members.map((member, m): ReplicaMemberWritten => {
        const pm = placed.members[m]!;
        return {
          role: member.role,
          nodePoolName: pm.nodePoolName,
          ...(pm.deviceRequests.length > 0
            ? {
                deviceRequests: pm.deviceRequests.map((r) => ({
                  name: r.name,
                  deviceClassName: r.deviceClassName,
                  count: r.count,
                  selectors: r.selectors.map((s) => ({ cel: s.cel })),
                })),
              }
            : {}),
          ...(member.worker !== undefined ? { worker: { nodes: member.worker.nodes } } : {}),
          template: member.template,
        };
      }),
    };
  });
  return {
    apiVersion: API_VERSION,
    kind: 'ModelReplica',
    metadata: {
      name: replicaName(d.name, p.cluster, p.index),
      namespace: d.namespace,
      labels: replicaLabels({ deployment: d.name, cluster: p.cluster, index: p.index }),
    },
    spec: {
      clusterName: p.cluster,
      serving: { mode: d.spec.serving.mode },
      ...(d.spec.modelCacheRef ? { modelCacheRef: { name: d.spec.modelCacheRef.name } } : {}),
      engines,
    } satisfies ModelReplicaSpecInput,
  };
}
