// How many ModelReplicas one response can carry. Every replica carries the deployment's engines
// (pod templates included), so a large template times a large spec.replicas can exceed the 4 MiB
// Crossplane accepts from a function, which would fail every reconcile of the deployment. The cap
// is a pure function of the spec (same request, same answer) and never below what is composed
// (nothing running is dropped to make room; the runtime's backstop then answers Fatal instead).
import { COMPOSED_BUDGET_BYTES, jsonBytes } from '../lib/response';
import type { ModelDeploymentSpec } from '../lib/schema';

/** A replica's bytes beyond its engines: metadata, labels, its status entry, protobuf overhead. */
const PER_REPLICA_OVERHEAD_BYTES = 1024;

/** What one composed replica of this spec costs in the response, estimated from the spec. */
export function replicaBytes(spec: Pick<ModelDeploymentSpec, 'engines' | 'serving'>): number {
  return jsonBytes(spec.engines) + jsonBytes(spec.serving) + PER_REPLICA_OVERHEAD_BYTES;
}

export interface ReplicaCap {
  /** The most replicas this pass places (composed ones included). */
  readonly max: number;
  /** The estimated size of one replica, for the condition message. */
  readonly bytesEach: number;
}

export function replicaCap(spec: Pick<ModelDeploymentSpec, 'engines' | 'serving'>, composed: number): ReplicaCap {
  const bytesEach = replicaBytes(spec);
  return { max: Math.max(composed, Math.floor(COMPOSED_BUDGET_BYTES / bytesEach)), bytesEach };
}
