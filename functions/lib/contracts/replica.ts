// The ModelReplica contract: fn-schedule writes it, fn-replica serves it, fn-schedule reads the
// fleet's replicas back as capacity, fn-inferencecluster finds the replicas pinned to a cluster
// by label, and the replica's route is built by fn-replica (the HTTPRoute) and fn-schedule (the
// ModelEndpoint URL). Every one of those facts is defined here.
import { LABELS } from '../k8s/labels';
import { API_VERSION, type ModelReplicaSpecInput } from '../schema';

/** What fn-schedule writes: the input side of the schema (defaults may be omitted). */
export type ModelReplicaManifest = {
  readonly apiVersion: typeof API_VERSION;
  readonly kind: 'ModelReplica';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: ModelReplicaSpecInput;
};

/** A replica's identity: the deployment, the cluster it is pinned to and its index there. */
export interface ReplicaIdentity {
  readonly deployment: string;
  readonly cluster: string;
  readonly index: number;
}

/** Identity lives in these labels (not in the name); they also select a cluster's replicas. */
export const replicaLabels = (id: ReplicaIdentity): Record<string, string> => ({
  [LABELS.deployment]: id.deployment,
  [LABELS.cluster]: id.cluster,
  [LABELS.replicaIndex]: String(id.index),
});

/** A ModelReplica (or its ModelEndpoint) on the control plane. */
export interface ReplicaRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * The replica's path on its cluster's inference gateway, `/<namespace>/<replica>`: fn-replica's
 * HTTPRoute matches it (and rewrites it to `/`), the ModelEndpoint's URL starts with it.
 */
export const replicaRoutePrefix = (replica: ReplicaRef): string => `/${replica.namespace}/${replica.name}`;

/** The replica's base URL through its cluster's gateway (`host[:port]`). */
export const replicaUrl = (gatewayAddress: string, replica: ReplicaRef): string => `http://${gatewayAddress}${replicaRoutePrefix(replica)}`;

/**
 * Pods (= nodes) one copy of a member runs: a Worker's `worker.nodes` (one without `worker` is
 * one node; api.md sets no default), every other role one.
 */
export const podsPerCopy = (member: { readonly role?: string | undefined; readonly worker?: { readonly nodes?: number | undefined } | undefined }): number =>
  member.role === 'Worker' ? (member.worker?.nodes ?? 1) : 1;

/** Nodes a member holds on its pool: pods per copy times the engine's copies. */
export const nodesHeld = (podsPerCopyOfMember: number, copies: number): number => podsPerCopyOfMember * copies;
