// Placeholder until this function's issue lands: it validates nothing yet and composes nothing.
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { buildResponse, condition } from '../lib/response';
import { observedResources } from '../lib/request';

export function compose(req: RunFunctionRequest) {
  // Keep whatever is already composed so an upgrade never deletes running resources.
  const resources = Object.fromEntries(Object.entries(observedResources(req)).map(([k, resource]) => [k, { resource }]));
  return buildResponse(req, { resources, conditions: [condition('Accepted', 'True', 'Accepted')] });
}
