// Arbitrary and malformed input never makes fn-service throw or go FATAL, and never empties the
// desired state while something it composes is observed (that would delete a serving route).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Severity } from '@crossplane-org/function-sdk-typescript';
import { compose } from '../../../functions/fn-service/compose';
import { GATEWAY_KEYS } from '../../../functions/fn-service/gateway';
import { ENDPOINT_KEYS } from '../../../functions/fn-service/endpoint';
import { ROUTE_KEY } from '../../../functions/fn-service/service';
import { endpoint, gatewayXr, request } from '../../fixtures/fn-service';

const KEYS: Record<string, string[]> = {
  InferenceGateway: Object.values(GATEWAY_KEYS),
  ModelEndpoint: [...Object.values(ENDPOINT_KEYS), 'endpointslice-ipv4', 'endpointslice-fqdn'],
  ModelService: [ROUTE_KEY],
};

const json = fc.jsonValue({ maxDepth: 4 });
// Kubernetes never sends an XR without a name; an empty one is Fatal (test/unit/request/composite.test.ts).
const name = fc.oneof(fc.constantFrom('default', 'qwen', 'together-qwen3-coder'), fc.string({ minLength: 1, maxLength: 70 }));
const url = fc.oneof(
  fc.constantFrom('http://10.0.0.1/ml-team/q/v1', 'https://api.together.xyz/v1', 'http://[fd00::1]:8000/v1', 'http://my_host/v1', 'ftp://x', 'https://u:p@h/v1'),
  fc.webUrl(),
  fc.string(),
);
const header = fc.record(
  {
    name: fc.oneof(fc.constant('Authorization'), fc.string()),
    value: fc.string(),
    prefix: fc.string(),
    valueFrom: fc.record({ secretKeyRef: fc.record({ name: fc.string(), key: fc.string() }) }),
  },
  { requiredKeys: [] },
);
const specFor: Record<string, fc.Arbitrary<unknown>> = {
  InferenceGateway: fc.oneof(
    json,
    fc.record(
      {
        backend: fc.oneof(fc.constant('Traefik'), json),
        traefik: fc.oneof(
          json,
          fc.record(
            {
              version: fc.oneof(fc.constantFrom('41.3.0', '38.0.2', 'v40.0.0'), fc.string()),
              loadBalancer: fc.constantFrom('MetalLB', 'x'),
              metallb: fc.record({ addressPool: fc.string() }),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
  ),
  ModelEndpoint: fc.oneof(
    json,
    fc.record({ url, rewritePath: fc.oneof(fc.constant('/'), fc.string()), headers: fc.oneof(fc.array(header, { maxLength: 3 }), json) }, { requiredKeys: [] }),
  ),
  ModelService: fc.oneof(
    json,
    fc.record(
      {
        endpoints: fc.oneof(
          json,
          fc.array(
            fc.record(
              { selector: fc.oneof(json, fc.record({ matchLabels: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }) })), weight: fc.oneof(fc.integer(), json) },
              { requiredKeys: [] },
            ),
            { maxLength: 20 },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
  ),
};

/** Something observed under a key: a plausible object or junk. */
const observedObj = fc.oneof(
  fc.record(
    { apiVersion: fc.string(), kind: fc.string(), metadata: fc.record({ name: fc.string(), namespace: fc.string() }, { requiredKeys: [] }), spec: json, status: json },
    { requiredKeys: ['metadata'] },
  ),
  fc.dictionary(fc.string(), json, { maxKeys: 4 }),
);
const requiredItem = fc.oneof(
  fc.constantFrom(
    endpoint('a'),
    endpoint('b', { ready: false }),
    endpoint('c', { url: 'https://api.x.ai/v1', headers: [{ name: 'A', value: 'b' }] }),
    gatewayXr('192.0.2.1'),
    gatewayXr(),
  ),
  observedObj,
);

const input = fc.constantFrom('InferenceGateway', 'ModelEndpoint', 'ModelService').chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    name,
    // Any non-empty namespace (Kubernetes never sends a namespaced XR without one; an empty one is Fatal).
    namespace: fc.oneof(fc.constant('ml-team'), fc.string({ minLength: 1 })),
    spec: specFor[kind]!,
    status: fc.oneof(json, fc.record({ address: fc.string(), routing: fc.record({ backendName: fc.string() }) }, { requiredKeys: [] })),
    observed: fc.dictionary(fc.constantFrom(...KEYS[kind]!), observedObj, { maxKeys: 5 }),
    required: fc.dictionary(
      fc.constantFrom('inference-gateway', 'endpoints-0', 'endpoints-1', 'endpoints-2', 'secret-k', 'secret-together-api-key'),
      fc.array(requiredItem, { maxLength: 4 }),
      { maxKeys: 6 },
    ),
  }),
);

describe('fn-service robustness', () => {
  it('never throws, never FATAL, never empties what it observed as composed', () => {
    fc.assert(
      fc.property(input, (i) => {
        const xr = { apiVersion: 'modelplane.ai/v1alpha1', kind: i.kind, metadata: { name: i.name, namespace: i.namespace }, spec: i.spec, status: i.status };
        const rsp = compose(request({ xr, observed: i.observed, required: i.required }));
        expect(rsp.results.some((r) => r.severity === Severity.SEVERITY_FATAL)).toBe(false);
        const desired = Object.keys(rsp.desired?.resources ?? {});
        if (Object.keys(i.observed).length > 0) expect(desired.length).toBeGreaterThan(0);
        for (const r of Object.values(rsp.desired?.resources ?? {})) expect(r.resource).toBeTypeOf('object');
      }),
      { numRuns: 1500 },
    );
  });

  it('a request with no composite kind is answered with a Fatal result, not thrown', () => {
    const rsp = compose(request({ xr: {} }));
    expect(rsp.results.map((r) => r.severity)).toEqual([Severity.SEVERITY_FATAL]);
    expect(rsp.results[0]!.message).toMatch(/^fn-service composes modelplane\.ai\/v1alpha1 .+; got apiVersion/);
  });
});
