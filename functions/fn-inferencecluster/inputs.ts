// What an InferenceCluster needs from the control plane besides itself, as required resources:
// - the InferenceClasses its pools name (one requirement per class name, matchName);
// - for source Existing, the kubeconfig Secret (spec.cluster.existing.secretRef: Secrets are
//   namespaced and the cluster is not, so the reference carries a namespace, default
//   crossplane-system);
// - the ModelReplicas pinned to it (label modelplane.ai/cluster=<name>, every namespace), which
//   decide whether its deletion is blocked.
// Each lookup is three-way: Crossplane may not have answered yet (`unresolved`), which never
// counts as absent.
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import type { ResourceRequirement } from '../lib/response';
import { requiredResources } from '../lib/request';
import { LABELS } from '../lib/k8s/labels';
import type { PinnedClaim } from '../lib/capacity';
import { readPinnedClaim } from '../lib/contracts';
import { API_VERSION, type ExistingCluster, type InferenceClusterSpec } from '../lib/schema';
import { checkClass, type ClassCheck } from './class';

export const REQUIREMENT_KEYS = {
  class: (name: string) => `class-${name}`,
  kubeconfig: 'kubeconfig-secret',
  replicas: 'pinned-replicas',
} as const;

export type ClassLookup = { readonly state: 'unresolved' } | { readonly state: 'missing' } | ({ readonly state: 'found' } & ClassCheck);

export type SecretLookup = { readonly state: 'unresolved' } | { readonly state: 'missing' } | { readonly state: 'keyMissing' } | { readonly state: 'present' };

/** The pinned replicas: `namespace/name` each (sorted), and as the allocation ledger charges them. */
export type ReplicaLookup = { readonly state: 'unresolved' } | { readonly state: 'resolved'; readonly replicas: readonly string[]; readonly claims: readonly PinnedClaim[] };

export const classNames = (spec: InferenceClusterSpec): string[] => [...new Set(spec.nodePools.map((p) => p.className))].sort();

export function requirements(name: string, spec: InferenceClusterSpec): Record<string, ResourceRequirement> {
  const out: Record<string, ResourceRequirement> = {};
  for (const cls of classNames(spec)) {
    out[REQUIREMENT_KEYS.class(cls)] = { apiVersion: API_VERSION, kind: 'InferenceClass', matchName: cls };
  }
  const existing = spec.cluster.source === 'Existing' ? spec.cluster.existing : undefined;
  if (existing) {
    out[REQUIREMENT_KEYS.kubeconfig] = { apiVersion: 'v1', kind: 'Secret', matchName: existing.secretRef.name, namespace: existing.secretRef.namespace };
  }
  out[REQUIREMENT_KEYS.replicas] = { apiVersion: API_VERSION, kind: 'ModelReplica', matchLabels: { [LABELS.cluster]: name } };
  return out;
}

export function lookupClasses(req: RunFunctionRequest, spec: InferenceClusterSpec): Map<string, ClassLookup> {
  const out = new Map<string, ClassLookup>();
  for (const cls of classNames(spec)) {
    const r = requiredResources(req, REQUIREMENT_KEYS.class(cls));
    if (r.state === 'unresolved') out.set(cls, { state: 'unresolved' });
    else {
      const obj = r.items.find((i) => i.metadata?.name === cls) ?? r.items[0];
      out.set(cls, obj ? { state: 'found', ...checkClass(obj.spec) } : { state: 'missing' });
    }
  }
  return out;
}

/** Whether the kubeconfig Secret exists and holds the key. Its content is never read further. */
export function lookupSecret(req: RunFunctionRequest, existing: ExistingCluster): SecretLookup {
  const r = requiredResources(req, REQUIREMENT_KEYS.kubeconfig);
  if (r.state === 'unresolved') return { state: 'unresolved' };
  const secret = r.items[0];
  if (!secret) return { state: 'missing' };
  const key = existing.secretRef.key;
  const has = (m: unknown) => typeof m === 'object' && m !== null && typeof (m as Record<string, unknown>)[key] === 'string' && (m as Record<string, string>)[key] !== '';
  return has(secret.data) || has(secret.stringData) ? { state: 'present' } : { state: 'keyMissing' };
}

export function lookupReplicas(req: RunFunctionRequest): ReplicaLookup {
  const r = requiredResources(req, REQUIREMENT_KEYS.replicas);
  if (r.state === 'unresolved') return r;
  const replicas = r.items.map((i) => `${i.metadata?.namespace ?? ''}/${i.metadata?.name ?? ''}`).sort();
  const claims = r.items.map(readPinnedClaim).filter((c): c is PinnedClaim => c !== undefined);
  return { state: 'resolved', replicas, claims };
}
