// Typed reads of the request: the ModelReplica (parsed with the schema, defaults filled in) and
// its pinned InferenceCluster (a required resource, asked for by name).
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { nonEmptyString, readClusterStatus, untrusted } from '../lib/contracts';
import { compact } from '../lib/k8s/compact';
import { isRecord } from '../lib/k8s/objects';
import { requiredResources, type ObservedObject } from '../lib/request';
import type { ResourceRequirement } from '../lib/response';
import { API_VERSION, STACK_VERSIONS, parseModelReplicaSpec, type InferenceClusterSpec, type ModelReplicaSpec, type SchemaIssue, type StackSpec } from '../lib/schema';
import type { ReplicaRef } from './names';

export const CLUSTER_REQUIREMENT = 'cluster';

export const clusterRequirement = (name: string): ResourceRequirement => ({ apiVersion: API_VERSION, kind: 'InferenceCluster', matchName: name });

export type ReplicaRead =
  | { readonly ok: true; readonly replica: ReplicaRef; readonly spec: ModelReplicaSpec }
  | { readonly ok: false; readonly replica: ReplicaRef; readonly issues: readonly SchemaIssue[]; readonly clusterName?: string };

export function readReplica(xr: ObservedObject): ReplicaRead {
  const replica = { namespace: xr.metadata?.namespace ?? '', name: xr.metadata?.name ?? '' };
  const parsed = parseModelReplicaSpec(xr.spec);
  if (parsed.ok) return { ok: true, replica, spec: parsed.value };
  // Still find the cluster when the rest is broken: its gateway address keeps the endpoint published.
  const raw = isRecord(xr.spec) ? xr.spec.clusterName : undefined;
  return { ok: false, replica, issues: parsed.issues, ...(typeof raw === 'string' && raw !== '' ? { clusterName: raw } : {}) };
}

export type ClusterRead =
  | { readonly state: 'unresolved' }
  | { readonly state: 'missing' }
  | {
      readonly state: 'present';
      /** status.providerConfigRef.name: composing waits for it. */
      readonly providerConfigName?: string;
      readonly gatewayAddress?: string;
      /** spec.stack.llmdRouter.version, else the pinned default. */
      readonly routerVersion: string;
    };

const VERSION_RE = /^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$/;

export function readCluster(req: RunFunctionRequest, name: string): ClusterRead {
  const required = requiredResources(req, CLUSTER_REQUIREMENT);
  if (required.state === 'unresolved') return { state: 'unresolved' };
  const cluster = required.items.find((c) => c.metadata?.name === name);
  if (!cluster) return { state: 'missing' };
  const status = readClusterStatus(cluster.status);
  const stack = untrusted<StackSpec>(untrusted<InferenceClusterSpec>(cluster.spec).stack);
  const version = nonEmptyString(untrusted<StackSpec['llmdRouter']>(stack.llmdRouter).version);
  return compact({
    state: 'present' as const,
    providerConfigName: status.providerConfigRef?.name,
    gatewayAddress: status.gateway?.address,
    routerVersion: version && VERSION_RE.test(version) ? version : STACK_VERSIONS.llmdRouter,
  });
}
