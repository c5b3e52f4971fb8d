// The RunFunction codec accepts what Crossplane sends: Structs nested far deeper than the SDK's
// generated decoder allows on its own, up to a stated limit, and refuses beyond it with a clear error.
import { FunctionRunnerServiceService, RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { decodeRequest, decodeResponse, MAX_JSON_DEPTH } from '../../../functions/lib/runtime/codec';

/** `{a: {a: … {leaf: 'x'}}}`, `levels` objects deep (an observed Object's manifest, say). */
function nested(levels: number): Record<string, unknown> {
  let o: Record<string, unknown> = { leaf: 'x' };
  for (let i = 1; i < levels; i++) o = { a: o };
  return o;
}
const requestBytes = (levels: number) =>
  FunctionRunnerServiceService.runFunction.requestSerialize(RunFunctionRequest.fromPartial({ observed: { resources: { object: { resource: nested(levels) } } } }));

describe('RunFunction codec', () => {
  it.each([1, 31, 100, 300, MAX_JSON_DEPTH])('decodes a request nested %i JSON levels deep, unchanged', (levels) => {
    const decoded = decodeRequest(requestBytes(levels));
    expect(decoded.observed?.resources.object?.resource).toEqual(nested(levels));
  });

  it('refuses a request deeper than its limit with a decode error, not a crash', () => {
    expect(() => decodeRequest(requestBytes(MAX_JSON_DEPTH + 20))).toThrow(/recursion limit/);
  });

  it('is needed: the generated decoder alone refuses 100 levels', () => {
    expect(() => FunctionRunnerServiceService.runFunction.requestDeserialize(requestBytes(100))).toThrow(/recursion limit/);
  });

  it('decodes deep responses too (clients read what a function echoes back)', () => {
    const rsp = RunFunctionResponse.fromPartial({ desired: { resources: { object: { resource: nested(100) } } } });
    const bytes = FunctionRunnerServiceService.runFunction.responseSerialize(rsp);
    expect(decodeResponse(bytes).desired?.resources.object?.resource).toEqual(nested(100));
  });
});
