// Small factories for whole RunFunctionRequests to fn-modelcache: a ModelCache, InferenceClusters,
// the auth Secret, and observed Objects as provider-kubernetes reports them.
import { Ready, Severity, Status, type RunFunctionRequest, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { requestFromJson } from '../../harness/client';
import { AUTH_SECRET_REQUIREMENT, CLUSTERS_REQUIREMENT } from '../../../functions/fn-modelcache/inputs';

export type Obj = Record<string, any>;

export const NS = 'ml-team';
export const CACHE = 'qwen';

export const hfSpec = (extra: Obj = {}): Obj => ({ source: 'HuggingFace', huggingFace: { repo: 'Qwen/Qwen3-8B', revision: 'main', ...extra }, sizeGiB: 40 });
export const ngcSpec = (extra: Obj = {}): Obj => ({ source: 'NGC', ngc: { resource: 'nvidia/nim/llama-3.1-8b:1.0', ...extra }, sizeGiB: 40 });

export function cacheXr(spec: Obj, status?: Obj): Obj {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelCache',
    metadata: { name: CACHE, namespace: NS },
    spec,
    ...(status ? { status } : {}),
  };
}

export interface ClusterOpts {
  labels?: Record<string, string>;
  providerConfig?: string | null;
  storageClass?: string | null;
}

export function cluster(name: string, opts: ClusterOpts = {}): Obj {
  const status: Obj = {};
  const pc = opts.providerConfig === undefined ? `${name}-pc` : opts.providerConfig;
  const sc = opts.storageClass === undefined ? 'rwx' : opts.storageClass;
  if (pc) status.providerConfigRef = { name: pc };
  if (sc) status.cache = { storageClassName: sc };
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'InferenceCluster',
    metadata: { name, labels: opts.labels ?? { 'modelplane.ai/region': 'us-east' } },
    spec: {},
    status,
  };
}

export const TOKEN_VALUE = 'aGZfc2VjcmV0LXRva2Vu'; // base64("hf_secret-token")

export function authSecret(name = 'hf-token', data: Obj = { HF_TOKEN: TOKEN_VALUE }): Obj {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: NS }, data };
}

/** An observed Object: the desired one, plus the remote object's status and the Object's conditions. */
export function observedObject(desired: Obj, opts: { remoteStatus?: Obj; applied?: boolean; synced?: { status: string; message?: string } } = {}): Obj {
  const manifest = desired.spec.forProvider.manifest;
  const applied = opts.applied ?? true;
  const conditions = [
    { type: 'Synced', status: opts.synced?.status ?? 'True', reason: opts.synced ? 'ReconcileError' : 'ReconcileSuccess', ...(opts.synced?.message ? { message: opts.synced.message } : {}) },
    { type: 'Ready', status: applied ? 'True' : 'False', reason: applied ? 'Available' : 'Creating' },
  ];
  return {
    ...desired,
    metadata: { ...desired.metadata, uid: 'uid-1', resourceVersion: '7' },
    status: {
      ...(applied ? { atProvider: { manifest: { ...manifest, metadata: { ...manifest.metadata, uid: 'remote-uid' }, ...(opts.remoteStatus ? { status: opts.remoteStatus } : {}) } } } : {}),
      conditions,
    },
  };
}

export const jobStatus = {
  running: { active: 1 },
  retrying: { active: 1, failed: 2 },
  complete: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
  failed: {
    failed: 1,
    conditions: [{ type: 'Failed', status: 'True', reason: 'PodFailurePolicy', message: 'Container hydrate for pod x failed with exit code 3 matching FailJob rule at index 0' }],
  },
} as const;

export interface RequestInput {
  xr: Obj;
  /** undefined: Crossplane has not resolved the requirement yet. */
  clusters?: Obj[];
  secrets?: Obj[];
  observed?: Record<string, Obj>;
}

export function request(input: RequestInput): RunFunctionRequest {
  const required: Obj = {};
  if (input.clusters) required[CLUSTERS_REQUIREMENT] = { items: input.clusters.map((resource) => ({ resource })) };
  if (input.secrets) required[AUTH_SECRET_REQUIREMENT] = { items: input.secrets.map((resource) => ({ resource })) };
  return requestFromJson({
    meta: { tag: 't' },
    observed: {
      composite: { resource: input.xr },
      resources: Object.fromEntries(Object.entries(input.observed ?? {}).map(([k, resource]) => [k, { resource }])),
    },
    requiredResources: required,
  });
}

const READY: Record<number, string | undefined> = { [Ready.READY_TRUE]: 'True', [Ready.READY_FALSE]: 'False' };
const CONDITION_STATUS: Record<number, string> = { [Status.STATUS_CONDITION_TRUE]: 'True', [Status.STATUS_CONDITION_FALSE]: 'False', [Status.STATUS_CONDITION_UNKNOWN]: 'Unknown' };
const SEVERITY: Record<number, string> = { [Severity.SEVERITY_NORMAL]: 'Normal', [Severity.SEVERITY_WARNING]: 'Warning', [Severity.SEVERITY_FATAL]: 'Fatal' };

export interface View {
  resources: Record<string, { resource: Obj; ready?: string }>;
  status: Obj | undefined;
  conditions: { type: string; status: string; reason: string; message?: string }[];
  results: { severity: string; reason?: string; message: string }[];
  requirements: Obj | undefined;
}

/** The parts of a response tests compare, as plain JSON with readable enums. */
export function view(rsp: RunFunctionResponse): View {
  const plain = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  return {
    resources: Object.fromEntries(
      Object.entries(rsp.desired?.resources ?? {}).map(([k, r]) => {
        const ready = READY[r.ready];
        return [k, { resource: plain(r.resource as Obj), ...(ready ? { ready } : {}) }];
      }),
    ),
    status: plain((rsp.desired?.composite?.resource as Obj | undefined)?.status),
    conditions: (rsp.conditions ?? []).map((c) => ({ type: c.type, status: CONDITION_STATUS[c.status]!, reason: c.reason, ...(c.message ? { message: c.message } : {}) })),
    results: (rsp.results ?? []).map((r) => ({ severity: SEVERITY[r.severity]!, ...(r.reason ? { reason: r.reason } : {}), message: r.message })),
    requirements: rsp.requirements ? plain(rsp.requirements.resources) : undefined,
  };
}
