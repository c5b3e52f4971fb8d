// fn-inferencecluster: the thin shell. Reads the request, dispatches on the XR's kind
// (InferenceClass: validate; InferenceCluster: provision, stack, gateway, status), writes the
// response. Everything that decides lives in pure modules.
import { Ready, type RunFunctionRequest, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { checkComposite, observedResources, type ObservedObject } from '../lib/request';
import { buildResponse, condition, fatalResponse, keepObserved, warnOnFalse, type Decision } from '../lib/response';
import { readClusterStatus, readLedger, untrusted } from '../lib/contracts';
import { FUNCTION_NAMES, formatIssues, parseInferenceClusterSpec, type ClusterLedger, type GpuPool, type InferenceClusterStatus } from '../lib/schema';
import { counter } from '../lib/runtime';
import { checkClass, classCondition } from './class';
import { composeCluster } from './cluster';
import { REASON, CONDITION, USER_FIXABLE } from './conditions';
import { lookupClasses, lookupReplicas, lookupSecret, requirements } from './inputs';
import type { PublishedStatus } from './status';

const POLL_WHILE_NOT_READY_SECONDS = 30;

const invalid = counter('modelplane_inferencecluster_invalid_total', 'InferenceClasses and InferenceClusters rejected as invalid', ['kind']);

/** The XR's readiness decided here (supersedes Crossplane's all-composed-ready default). */
function withReadiness(rsp: RunFunctionResponse, ready: boolean): RunFunctionResponse {
  if (rsp.desired?.composite) rsp.desired.composite.ready = ready ? Ready.READY_TRUE : Ready.READY_FALSE;
  return rsp;
}

/** The status published last time: read like any reader would, plus the pools to keep. */
function publishedStatus(xr: ObservedObject): PublishedStatus {
  const gpuPools = untrusted<InferenceClusterStatus>(xr.status).gpuPools;
  // Entries are re-published as they were (a pool whose class is unresolved keeps its entry).
  const pools = Array.isArray(gpuPools) ? (gpuPools.filter((p) => typeof untrusted<GpuPool>(p).name === 'string') as GpuPool[]) : undefined;
  const ledger = untrusted<InferenceClusterStatus>(xr.status).ledger;
  // The ledger is re-published as it was while the pinned replicas are unresolved (or the spec is invalid).
  const keptLedger = readLedger(xr.status).state === 'present' ? { ledger: ledger as ClusterLedger } : {};
  return { ...readClusterStatus(xr.status), ...(pools ? { gpuPools: pools } : {}), ...keptLedger };
}

function composeClass(req: RunFunctionRequest, xr: ObservedObject): RunFunctionResponse {
  const check = checkClass(xr.spec);
  if (!check.ok) invalid.inc({ kind: 'InferenceClass' });
  const conditions = [classCondition(check)];
  return withReadiness(buildResponse(req, { resources: {}, conditions, events: warnOnFalse(conditions, USER_FIXABLE) }), check.ok);
}

function composeClusterXr(req: RunFunctionRequest, xr: ObservedObject): RunFunctionResponse {
  const observed = observedResources(req);
  const published = publishedStatus(xr);
  const name = xr.metadata?.name ?? '';
  const parsed = parseInferenceClusterSpec(xr.spec);
  if (!parsed.ok || name === '') {
    invalid.inc({ kind: 'InferenceCluster' });
    // Keep everything and everything published: a bad edit must not tear the cluster down.
    const message = parsed.ok ? 'metadata.name: missing' : formatIssues(parsed.issues);
    const conditions = [condition(CONDITION.clusterReady, 'False', REASON.invalidSpec, message)];
    const resources = Object.fromEntries(Object.entries(observed).map(([k, o]) => [k, { resource: keepObserved(o) }]));
    const decision: Decision = { resources, status: { ...published }, conditions, events: warnOnFalse(conditions, USER_FIXABLE) };
    return withReadiness(buildResponse(req, decision), false);
  }
  const spec = parsed.value;
  const out = composeCluster({
    name,
    spec,
    classes: lookupClasses(req, spec),
    ...(spec.cluster.source === 'Existing' && spec.cluster.existing ? { secret: lookupSecret(req, spec.cluster.existing) } : {}),
    replicas: lookupReplicas(req),
    observed,
    published,
  });
  const decision: Decision = {
    resources: out.resources,
    status: { ...out.status },
    conditions: out.conditions,
    events: out.events,
    requirements: requirements(name, spec),
    ...(out.ready ? {} : { ttlSeconds: POLL_WHILE_NOT_READY_SECONDS }),
  };
  return withReadiness(buildResponse(req, decision), out.ready);
}

export function compose(req: RunFunctionRequest): RunFunctionResponse {
  const checked = checkComposite(req, FUNCTION_NAMES.inferencecluster);
  if (!checked.ok) return fatalResponse(req, checked.message);
  return checked.kind === 'InferenceClass' ? composeClass(req, checked.xr) : composeClusterXr(req, checked.xr);
}
