// The runtime's backstop for Crossplane's 4 MiB response limit: a response that would fail the
// reconcile with a transport error is answered with a Fatal result naming the limit (Crossplane then
// applies nothing, so nothing running is deleted); anything within the limit passes unchanged.
import { RunFunctionResponse, Severity } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { buildResponse } from '../../../functions/lib/response';
import { CROSSPLANE_MAX_RESPONSE_BYTES } from '../../../functions/lib/response/budget';
import { withinResponseLimit } from '../../../functions/lib/runtime/serve';
import { requestFromJson } from '../../../sim/client';

const req = requestFromJson({ observed: { composite: { resource: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelCache', metadata: { name: 'c', namespace: 'ml' } } } } });

/** A response composing `count` ConfigMaps of `each` bytes of data. */
function composing(count: number, each: number): RunFunctionResponse {
  const resources = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`cm-${i}`, { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { blob: 'x'.repeat(each) } } }]),
  );
  return buildResponse(req, { resources });
}

describe('the 4 MiB response limit', () => {
  it.each([
    { name: '3.9 MiB passes unchanged', count: 39, each: 100 * 1024, fatal: false },
    { name: '4.3 MiB is refused with a Fatal result naming the limit', count: 43, each: 100 * 1024, fatal: true },
    { name: 'a single oversized object is refused too', count: 1, each: CROSSPLANE_MAX_RESPONSE_BYTES, fatal: true },
  ])('$name', ({ count, each, fatal }) => {
    const rsp = composing(count, each);
    const { rsp: out, bytes } = withinResponseLimit(req, rsp);
    expect(bytes).toBe(RunFunctionResponse.encode(rsp).finish().length);
    if (!fatal) {
      expect(out).toBe(rsp);
      return;
    }
    expect(out.desired?.resources ?? {}).toEqual({});
    expect(out.results).toHaveLength(1);
    expect(out.results[0]!.severity).toBe(Severity.SEVERITY_FATAL);
    expect(out.results[0]!.message).toMatch(new RegExp(`response of [\\d.]+ MiB \\(${count} composed resources\\) exceeds the 4 MiB Crossplane accepts`));
    expect(out.results[0]!.message).toContain('nothing was changed');
  });
});
