// Factories for fn-service tests: XRs, observed composed resources, required resources, and a
// readable view of a RunFunctionResponse. Small defaults, overridden per case.
import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { requestFromJson } from '../../harness/client';

export type Obj = Record<string, any>;
export const NS = 'ml-team';
export const GROUP_VERSION = 'modelplane.ai/v1alpha1';

const readyConditions = (ready: boolean) => [
  { type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'Available' : 'Creating' },
  { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
];

export interface EndpointOptions {
  labels?: Record<string, string>;
  url?: string;
  rewritePath?: string;
  ready?: boolean;
  /** null: no status.routing published. */
  backendName?: string | null;
  headers?: Obj[];
  namespace?: string;
  deleting?: boolean;
}

/** A ModelEndpoint as Crossplane returns it in required resources. */
export function endpoint(name: string, o: EndpointOptions = {}): Obj {
  const backendName = o.backendName === undefined ? `me-${name}` : o.backendName;
  return {
    apiVersion: GROUP_VERSION,
    kind: 'ModelEndpoint',
    metadata: {
      name,
      namespace: o.namespace ?? NS,
      labels: o.labels ?? { 'modelplane.ai/deployment': 'qwen' },
      ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: {
      url: o.url ?? `http://10.0.0.1/${NS}/${name}/v1`,
      rewritePath: o.rewritePath ?? `/${NS}/${name}/`,
      ...(o.headers ? { headers: o.headers } : {}),
    },
    status: {
      conditions: readyConditions(o.ready ?? true),
      ...(backendName === null ? {} : { routing: { backendName } }),
    },
  };
}

export const gatewayXr = (address?: string, name = 'default'): Obj => ({
  apiVersion: GROUP_VERSION,
  kind: 'InferenceGateway',
  metadata: { name },
  spec: { backend: 'Traefik', traefik: { version: '41.3.0' } },
  status: { ...(address ? { address } : {}), conditions: readyConditions(true) },
});

export const serviceXr = (name: string, endpoints: Obj[], status: Obj = {}): Obj => ({
  apiVersion: GROUP_VERSION,
  kind: 'ModelService',
  metadata: { name, namespace: NS },
  spec: { endpoints },
  status,
});

export const endpointXr = (name: string, spec: Obj, status: Obj = {}): Obj => ({
  apiVersion: GROUP_VERSION,
  kind: 'ModelEndpoint',
  metadata: { name, namespace: NS },
  spec,
  status,
});

export const secret = (name: string, data: Record<string, string>, namespace = NS): Obj => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});

export interface RequestParts {
  xr: Obj;
  /** Observed composed resources by key. */
  observed?: Record<string, Obj>;
  /** Required resources by requirement key; a key that is absent is unresolved. */
  required?: Record<string, Obj[]>;
}

export function request(p: RequestParts): RunFunctionRequest {
  return requestFromJson({
    meta: { tag: 't' },
    observed: {
      composite: { resource: p.xr },
      resources: Object.fromEntries(Object.entries(p.observed ?? {}).map(([k, r]) => [k, { resource: r }])),
    },
    desired: {},
    requiredResources: Object.fromEntries(Object.entries(p.required ?? {}).map(([k, items]) => [k, { items: items.map((resource) => ({ resource })) }])),
  });
}

const READY: readonly ('unspecified' | boolean)[] = ['unspecified', true, false];
const STATUS: readonly string[] = ['Unspecified', 'Unknown', 'True', 'False'];
const SEVERITY: readonly string[] = ['Unspecified', 'Fatal', 'Warning', 'Normal'];

/** The response in test-friendly terms. */
export function view(rsp: RunFunctionResponse) {
  const resources = Object.fromEntries(
    Object.entries(rsp.desired?.resources ?? {}).map(([k, r]) => [k, { resource: r.resource as Obj, ready: READY[Number(r.ready ?? 0)] }]),
  );
  return {
    resources,
    keys: Object.keys(resources).sort(),
    status: ((rsp.desired?.composite?.resource as Obj | undefined)?.status ?? {}) as Obj,
    compositeReady: READY[Number(rsp.desired?.composite?.ready ?? 0)],
    conditions: (rsp.conditions ?? []).map((c) => ({ type: c.type, status: STATUS[Number(c.status)], reason: c.reason, message: c.message })),
    events: (rsp.results ?? []).map((r) => ({ severity: SEVERITY[Number(r.severity)], reason: r.reason, message: r.message })),
    requirements: Object.fromEntries(Object.entries(rsp.requirements?.resources ?? {}).map(([k, s]) => [k, s as Obj])),
  };
}

/** Status of the manifest inside a provider-kubernetes Object, as the provider would report it. */
export const observedObject = (object: Obj, manifestStatus?: Obj, ready = true): Obj => ({
  ...object,
  status: {
    conditions: readyConditions(ready),
    atProvider: { manifest: { ...object.spec.forProvider.manifest, ...(manifestStatus ? { status: manifestStatus } : {}) } },
  },
});

/** A managed resource (Release) observed with the given readiness. */
export const observedManaged = (mr: Obj, ready = true): Obj => ({ ...mr, status: { conditions: readyConditions(ready) } });

/** A directly composed object observed (Service, HTTPRoute...), with an optional status. */
export const observedPlain = (obj: Obj, status?: Obj): Obj => ({ ...obj, ...(status ? { status } : {}) });

export const acceptedRoute = (route: Obj): Obj =>
  observedPlain(route, { parents: [{ parentRef: { name: 'modelplane', namespace: 'modelplane-system' }, controllerName: 'traefik.io/gateway-controller', conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }] }] });
