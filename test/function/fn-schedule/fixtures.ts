// Whole RunFunctionRequests for fn-schedule and a readable view of the whole response.
import { Ready, Severity, Status, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { requestFromJson } from '../../harness/client';
import { REQUIREMENT } from '../../../functions/fn-schedule/inputs';
import type { Obj } from '../../unit/fn-schedule/fixtures';

export * from '../../unit/fn-schedule/fixtures';

export function deploymentXr(spec: Obj = {}, o: { name?: string; namespace?: string; conditions?: Obj[] } = {}): Obj {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelDeployment',
    metadata: { name: o.name ?? 'my-model', namespace: o.namespace ?? 'ml', uid: 'uid-1' },
    spec: {
      replicas: 1,
      engines: [
        {
          name: 'vllm',
          members: [
            {
              nodeSelector: { devices: [{ name: 'gpu', selectors: [{ cel: 'device.attributes["gpu.nvidia.com"].productName == "H100"' }] }] },
              template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } },
            },
          ],
        },
      ],
      ...spec,
    },
    ...(o.conditions ? { status: { conditions: o.conditions } } : {}),
  };
}

export interface RequestOpts {
  /** Observed composed resources by key. */
  observed?: Record<string, Obj>;
  /** undefined: not resolved yet (first call); null: resolved to nothing. */
  clusters?: Obj[] | null;
  replicas?: Obj[] | null;
  cache?: Obj[] | null;
}

const items = (xs: Obj[] | null) => ({ items: (xs ?? []).map((resource) => ({ resource })) });

export function request(xr: Obj, o: RequestOpts = {}) {
  const required: Obj = {};
  if (o.clusters !== undefined) required[REQUIREMENT.clusters] = items(o.clusters);
  if (o.replicas !== undefined) required[REQUIREMENT.replicas] = items(o.replicas);
  if (o.cache !== undefined) required[REQUIREMENT.cache] = items(o.cache);
  return requestFromJson({
    meta: { tag: 't' },
    observed: {
      composite: { resource: xr },
      resources: Object.fromEntries(Object.entries(o.observed ?? {}).map(([k, resource]) => [k, { resource }])),
    },
    requiredResources: required,
  });
}

const STATUS: Record<number, string> = { [Status.STATUS_CONDITION_TRUE]: 'True', [Status.STATUS_CONDITION_FALSE]: 'False', [Status.STATUS_CONDITION_UNKNOWN]: 'Unknown' };
const SEVERITY: Record<number, string> = { [Severity.SEVERITY_NORMAL]: 'Normal', [Severity.SEVERITY_WARNING]: 'Warning', [Severity.SEVERITY_FATAL]: 'Fatal' };
const READY: Record<number, boolean | undefined> = { [Ready.READY_TRUE]: true, [Ready.READY_FALSE]: false, [Ready.READY_UNSPECIFIED]: undefined };

/** The whole response in plain terms: what a reader of the XR and its composed resources sees. */
export function view(rsp: RunFunctionResponse) {
  const resources = Object.fromEntries(
    Object.entries(rsp.desired?.resources ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, r]) => [k, { ready: READY[r.ready ?? 0], resource: r.resource as Obj }]),
  );
  const requirements = rsp.requirements?.resources
    ? Object.fromEntries(Object.entries(rsp.requirements.resources).map(([k, s]) => [k, s as Obj]))
    : undefined;
  return {
    resources,
    status: ((rsp.desired?.composite?.resource as Obj | undefined)?.status ?? undefined) as Obj | undefined,
    conditions: (rsp.conditions ?? []).map((c) => `${c.type}=${STATUS[c.status]} ${c.reason}: ${c.message ?? ''}`),
    events: (rsp.results ?? []).map((r) => `${SEVERITY[r.severity]} ${r.reason ?? ''}: ${r.message}`),
    requirements,
  };
}

/** Observed composed resources keyed like fn-schedule keys them. */
export function observedReplicas(...rs: Obj[]): Record<string, Obj> {
  return Object.fromEntries(rs.map((r) => [`replica-${r.spec.clusterName}-${r.metadata.labels['modelplane.ai/replica-index'] ?? 0}`, r]));
}
