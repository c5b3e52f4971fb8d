// fn-service: one OpenAI-compatible endpoint across the fleet. The thin shell: reads the request,
// dispatches on the XR's kind to a pure core, writes the response.
//   InferenceGateway -> gateway.ts   ModelEndpoint -> endpoint.ts   ModelService -> service.ts
import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { checkComposite, observedResources, requiredResources } from '../lib/request';
import { fatalResponse } from '../lib/response';
import { FUNCTION_NAMES } from '../lib/schema';
import { composeEndpoint, secretRequirementKey } from './endpoint';
import { composeGateway } from './gateway';
import { respond } from './outcome';
import { composeService } from './service';

export function compose(req: RunFunctionRequest): RunFunctionResponse {
  const checked = checkComposite(req, FUNCTION_NAMES.service);
  if (!checked.ok) return fatalResponse(req, checked.message);
  const { xr, name, namespace } = checked;
  const observed = observedResources(req);
  switch (checked.kind) {
    case 'InferenceGateway':
      return respond(req, composeGateway({ name, spec: xr.spec, status: xr.status, observed }));
    case 'ModelEndpoint':
      return respond(req, composeEndpoint({ name, namespace, spec: xr.spec, status: xr.status, observed, secret: (s) => requiredResources(req, secretRequirementKey(s)) }));
    case 'ModelService':
      return respond(req, composeService({ name, namespace, spec: xr.spec, status: xr.status, observed, required: (k) => requiredResources(req, k) }));
    default:
      // The registry assigns fn-service a kind this switch does not know: a bug, said plainly.
      return fatalResponse(req, `fn-service has no composer for ${checked.kind}`);
  }
}
