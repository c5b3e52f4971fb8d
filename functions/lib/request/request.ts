// Typed reads of a RunFunctionRequest. Required resources are three-way: Crossplane may not have
// resolved a requirement yet (first call), or resolved it to nothing; the two mean different things.
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';

export type KubeObject = Record<string, unknown>;

export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly uid?: string;
  readonly generation?: number;
  readonly deletionTimestamp?: string;
}

export interface ObservedObject extends KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: ObjectMeta;
  readonly spec?: unknown;
  readonly status?: unknown;
}

export type Required = { readonly state: 'unresolved' } | { readonly state: 'resolved'; readonly items: readonly ObservedObject[] };

export function observedComposite(req: RunFunctionRequest): ObservedObject | undefined {
  return req.observed?.composite?.resource;
}

/** Observed composed resources by desired-resource key. */
export function observedResources(req: RunFunctionRequest): Record<string, ObservedObject> {
  const out: Record<string, ObservedObject> = {};
  for (const [key, r] of Object.entries(req.observed?.resources ?? {})) {
    if (r?.resource) out[key] = r.resource;
  }
  return out;
}

/** Secret-like connection details of an observed composed resource, decoded as UTF-8. */
export function connectionDetails(req: RunFunctionRequest, key: string): Record<string, string> {
  const details = req.observed?.resources?.[key]?.connectionDetails ?? {};
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));
}

export function requiredResources(req: RunFunctionRequest, key: string): Required {
  // Crossplane v2 fills required_resources; older callers use the deprecated extra_resources.
  const entry = req.requiredResources?.[key] ?? req.extraResources?.[key];
  if (entry === undefined) return { state: 'unresolved' };
  const items = (entry.items ?? []).map((r) => r.resource).filter((r): r is ObservedObject => r !== undefined && r !== null);
  return { state: 'resolved', items };
}
