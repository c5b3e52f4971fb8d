// fn-service: one OpenAI-compatible endpoint across the fleet. The thin shell: reads the request,
// dispatches on the XR's kind to a pure core, writes the response.
//   InferenceGateway -> gateway.ts   ModelEndpoint -> endpoint.ts   ModelService -> service.ts
import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { observedComposite, observedResources, requiredResources } from '../lib/request';
import { buildResponse, keepObserved, warning } from '../lib/response';
import { composeEndpoint, secretRequirementKey } from './endpoint';
import { composeGateway } from './gateway';
import { respond } from './outcome';
import { composeService } from './service';

export function compose(req: RunFunctionRequest): RunFunctionResponse {
  const xr = observedComposite(req);
  const name = String(xr?.metadata?.name ?? '');
  const namespace = String(xr?.metadata?.namespace ?? '');
  const observed = observedResources(req);
  switch (xr?.kind) {
    case 'InferenceGateway':
      return respond(req, composeGateway({ name, spec: xr.spec, status: xr.status, observed }));
    case 'ModelEndpoint':
      return respond(
        req,
        composeEndpoint({ name, namespace, spec: xr.spec, status: xr.status, observed, secret: (s) => requiredResources(req, secretRequirementKey(s)) }),
      );
    case 'ModelService':
      return respond(req, composeService({ name, namespace, spec: xr.spec, status: xr.status, observed, required: (k) => requiredResources(req, k) }));
    default: {
      // A Composition pointing the wrong kind here: change nothing, say so.
      const resources = Object.fromEntries(Object.entries(observed).map(([k, o]) => [k, { resource: keepObserved(o) }]));
      const msg = `fn-service composes InferenceGateway, ModelEndpoint and ModelService, not ${String(xr?.kind ?? 'an unknown kind')}`;
      return buildResponse(req, { resources, events: [warning('UnsupportedKind', msg)] });
    }
  }
}
