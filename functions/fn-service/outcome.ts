// The small vocabulary every fn-service kind decides in: a Decision for buildResponse, plus
// whether the XR itself must be reported not ready (Crossplane otherwise calls an XR with zero
// composed resources ready). Also the "nothing lost" helper that re-emits observed resources.
import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { Ready } from '@crossplane-org/function-sdk-typescript';
import type { ObservedObject } from '../lib/request';
import { buildResponse, keepObserved, warnOnFalse, type ComposedResource, type Decision } from '../lib/response';
import { USER_FIXABLE } from './conditions';

export interface Outcome {
  readonly decision: Decision;
  /** false forces the XR not ready; undefined leaves it to the composed resources. */
  readonly compositeReady?: false;
}

/** Re-emits observed composed resources unchanged, each marked ready by `ready(key, obj)`. */
export function keepAll(observed: Readonly<Record<string, ObservedObject>>, ready: (key: string, obj: ObservedObject) => boolean): Record<string, ComposedResource> {
  return Object.fromEntries(Object.entries(observed).map(([k, o]) => [k, { resource: keepObserved(o), ready: ready(k, o) }]));
}

/** Decision -> response: Warning events for user-fixable False conditions, XR readiness override. */
export function respond(req: RunFunctionRequest, outcome: Outcome): RunFunctionResponse {
  const conditions = outcome.decision.conditions ?? [];
  // Two conditions failing for one cause (e.g. InvalidSpec on both) make one event.
  const all = [...(outcome.decision.events ?? []), ...warnOnFalse(conditions, USER_FIXABLE)];
  const events = all.filter((e, i) => all.findIndex((o) => o.reason === e.reason && o.message === e.message) === i);
  const rsp = buildResponse(req, { ...outcome.decision, events });
  if (outcome.compositeReady === false && rsp.desired?.composite) rsp.desired.composite.ready = Ready.READY_FALSE;
  return rsp;
}
