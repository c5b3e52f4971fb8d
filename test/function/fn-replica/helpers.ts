// Running fn-replica's compose on a request and reading its response in test-friendly shapes.
import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { compose } from '../../../functions/fn-replica/compose';
import { cluster, request, type Json, type RequestInput } from './fixtures';

/** The response as the proto's JSON mapping (enums as names): what golden files hold. */
export const responseJson = (rsp: RunFunctionResponse): Json => RunFunctionResponse.toJSON(rsp) as Json;

export function run(input: Partial<RequestInput> & { xr: Json }): Json {
  return responseJson(compose(request({ clusters: [cluster()], ...input })));
}

/** Desired composed resources by key (the Object wrappers). */
export const desiredObjects = (rsp: Json): Record<string, Json> =>
  Object.fromEntries(Object.entries((rsp.desired?.resources ?? {}) as Record<string, Json>).map(([k, r]) => [k, r.resource as Json]));

/** The remote manifests inside the Objects, by key. */
export const remoteManifests = (rsp: Json): Record<string, Json> =>
  Object.fromEntries(Object.entries(desiredObjects(rsp)).map(([k, o]) => [k, o.spec.forProvider.manifest as Json]));

export const conditionOf = (rsp: Json, type: string): Json | undefined => (rsp.conditions as Json[] | undefined)?.find((c) => c.type === type);
