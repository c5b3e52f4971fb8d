// Turns a function's decision (plain values) into a RunFunctionResponse. Desired state is
// assigned, never deep-merged: merging would concatenate lists and resurrect removed fields.
import {
  Ready,
  Severity as ProtoSeverity,
  Status as ProtoStatus,
  Target as ProtoTarget,
  type ResourceSelector,
  type RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import type { Condition, Event, Severity, Target } from './conditions';

export type KubeObject = Record<string, unknown>;

export interface ComposedResource {
  readonly resource: KubeObject;
  /** Observed readiness; undefined lets Crossplane decide (it treats unknown as not ready). */
  readonly ready?: boolean;
}

/** A label or name query Crossplane resolves into required resources on the next call. */
export interface ResourceRequirement {
  readonly apiVersion: string;
  readonly kind: string;
  readonly matchName?: string;
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly namespace?: string;
}

export interface Decision {
  /** Every composed resource this function wants, keyed by stable desired-resource name. */
  readonly resources: Readonly<Record<string, ComposedResource>>;
  /** Top-level status fields of the XR this function owns (conditions excluded). */
  readonly status?: Readonly<Record<string, unknown>>;
  readonly conditions?: readonly Condition[];
  readonly events?: readonly Event[];
  readonly requirements?: Readonly<Record<string, ResourceRequirement>>;
  /** How soon Crossplane should call again even if nothing changes. */
  readonly ttlSeconds?: number;
  /**
   * The composite's readiness, when the function decides it: false keeps the XR from Ready=True
   * whatever its composed resources say; true marks it ready; undefined lets Crossplane derive it.
   */
  readonly ready?: boolean | undefined;
}

const SEVERITY: Record<Severity, ProtoSeverity> = {
  Normal: ProtoSeverity.SEVERITY_NORMAL,
  Warning: ProtoSeverity.SEVERITY_WARNING,
  Fatal: ProtoSeverity.SEVERITY_FATAL,
};
const STATUS = { True: ProtoStatus.STATUS_CONDITION_TRUE, False: ProtoStatus.STATUS_CONDITION_FALSE, Unknown: ProtoStatus.STATUS_CONDITION_UNKNOWN };
const TARGET: Record<Target, ProtoTarget> = {
  Composite: ProtoTarget.TARGET_COMPOSITE,
  CompositeAndClaim: ProtoTarget.TARGET_COMPOSITE_AND_CLAIM,
};

function selector(r: ResourceRequirement): ResourceSelector {
  return {
    apiVersion: r.apiVersion,
    kind: r.kind,
    ...(r.matchName !== undefined ? { matchName: r.matchName } : { matchLabels: { labels: { ...(r.matchLabels ?? {}) } } }),
    ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
  };
}

/** JSON round trip: the protobuf Struct codec only accepts plain JSON values. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function baseResponse(req: RunFunctionRequest): RunFunctionResponse {
  return {
    meta: { tag: req.meta?.tag ?? '', ttl: { seconds: 60, nanos: 0 } },
    desired: {
      composite: req.desired?.composite ? plain(req.desired.composite) : undefined,
      resources: plain(req.desired?.resources ?? {}),
    },
    results: [],
    context: req.context,
    requirements: undefined,
    conditions: [],
  };
}

export function buildResponse(req: RunFunctionRequest, decision: Decision): RunFunctionResponse {
  const rsp = baseResponse(req);
  const observed = req.observed?.composite?.resource ?? {};
  const desiredXr = rsp.desired!.composite?.resource ?? { apiVersion: observed.apiVersion, kind: observed.kind };
  if (decision.status) {
    desiredXr.status = { ...(desiredXr.status ?? {}), ...plain(decision.status) };
  }
  const xrReady = decision.ready === undefined ? Ready.READY_UNSPECIFIED : decision.ready ? Ready.READY_TRUE : Ready.READY_FALSE;
  rsp.desired!.composite = { resource: desiredXr, connectionDetails: {}, ready: xrReady };
  for (const [key, composed] of Object.entries(decision.resources)) {
    rsp.desired!.resources[key] = {
      resource: plain(composed.resource),
      connectionDetails: {},
      ready: composed.ready === undefined ? Ready.READY_UNSPECIFIED : composed.ready ? Ready.READY_TRUE : Ready.READY_FALSE,
    };
  }
  rsp.conditions = (decision.conditions ?? []).map((c) => ({
    type: c.type,
    status: STATUS[c.status],
    reason: c.reason,
    ...(c.message !== undefined ? { message: c.message } : {}),
    target: TARGET[c.target ?? 'Composite'],
  }));
  rsp.results = (decision.events ?? []).map((e) => ({
    severity: SEVERITY[e.severity],
    message: e.message,
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    target: TARGET[e.target ?? 'Composite'],
  }));
  if (decision.requirements && Object.keys(decision.requirements).length > 0) {
    const resources = Object.fromEntries(Object.entries(decision.requirements).map(([k, r]) => [k, selector(r)]));
    rsp.requirements = { extraResources: {}, resources, schemas: {} };
  }
  if (decision.ttlSeconds !== undefined) rsp.meta!.ttl = { seconds: decision.ttlSeconds, nanos: 0 };
  return rsp;
}

/** For broken requests and bugs only: user errors are conditions, never fatal results. */
export function fatalResponse(req: RunFunctionRequest, message: string): RunFunctionResponse {
  const rsp = baseResponse(req);
  rsp.results = [{ severity: ProtoSeverity.SEVERITY_FATAL, message, target: ProtoTarget.TARGET_COMPOSITE }];
  return rsp;
}

const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'ownerReferences',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
];

/**
 * An observed composed resource turned back into desired state, unchanged: what a function
 * re-emits when it cannot compute that part (nothing lost on missing input). Server-set metadata
 * and status are dropped; they are not ours to apply.
 */
export function keepObserved(observed: KubeObject): KubeObject {
  const { status: _status, ...rest } = observed;
  const metadata = { ...((rest.metadata as KubeObject | undefined) ?? {}) };
  for (const key of SERVER_METADATA) delete metadata[key];
  return { ...rest, metadata };
}
