// End to end over real HTTP on loopback: what fn-service composes, served by a proxy with the
// Gateway API semantics of a conforming gateway (see gateway-proxy.ts for why not Traefik itself).
//
// Two fake replica backends (each standing in for an inference cluster's edge, which strips the
// replica prefix) and one fake provider (checks its API key). fn-service composes their
// ModelEndpoints and a ModelService `qwen` weighting the replicas' entry 6 and the provider 1:
// contract weights 3:3:1. 1,000 POSTs to /ml-team/qwen/v1/chat/completions must each reach a
// backend's /v1/chat/completions with the body intact, and the split must match the weights
// within 5 binomial standard deviations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../functions/fn-service/compose';
import { endpointXr, gatewayXr, NS, request, secret, serviceXr, view, type Obj } from '../fixtures/fn-service';
import { schemaErrors } from '../fixtures/fn-service/validate';
import { FakeBackend } from './fake-backends';
import { GatewayProxy } from './gateway-proxy';

const API_KEY = 'sk-routing-test-0123456789';
const REQUESTS = 1000;
const SIGMAS = 5;

const replicaA = new FakeBackend('qwen-a', { host: '127.0.0.1', edgePrefix: `/${NS}/qwen-a/` });
const replicaB = new FakeBackend('qwen-b', { host: '127.0.0.1', edgePrefix: `/${NS}/qwen-b/` });
const provider = new FakeBackend('provider', { host: 'localhost', authorization: `Bearer ${API_KEY}` });
const backends = [replicaA, replicaB, provider];
/** The replicas' endpoint addresses (RFC 5737), which the proxy dials on loopback. */
const ADDRESS = { a: '192.0.2.11', b: '192.0.2.12' } as const;

let proxy: GatewayProxy;
let base: string;
let composed: Obj[] = [];
let route: Obj;

/** Composes one ModelEndpoint and returns it as a ready XR (as Crossplane would report it) plus its objects. */
function composeEndpoint(name: string, labels: Record<string, string>, spec: Obj, required?: Record<string, Obj[]>) {
  const v = view(compose(request({ xr: endpointXr(name, spec), ...(required ? { required } : {}) })));
  const xr = endpointXr(name, spec, { ...v.status, conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }] });
  xr.metadata.labels = labels;
  return { xr, objects: Object.values(v.resources).map((r) => r.resource) };
}

async function post(path: string, body: string) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, backend: res.headers.get('x-backend'), text: await res.text() };
}

beforeAll(async () => {
  await Promise.all(backends.map((b) => b.listen()));
  const keySecret = secret('provider-key', { 'api-key': API_KEY });
  const a = composeEndpoint('qwen-a', { model: 'qwen', hosting: 'self' }, { url: `http://${ADDRESS.a}:${replicaA.port}/${NS}/qwen-a/v1`, rewritePath: `/${NS}/qwen-a/` });
  const b = composeEndpoint('qwen-b', { model: 'qwen', hosting: 'self' }, { url: `http://${ADDRESS.b}:${replicaB.port}/${NS}/qwen-b/v1`, rewritePath: `/${NS}/qwen-b/` });
  const p = composeEndpoint(
    'provider',
    { model: 'qwen', hosting: 'provider' },
    {
      url: `http://localhost:${provider.port}/v1`,
      rewritePath: '/',
      headers: [{ name: 'Authorization', valueFrom: { secretKeyRef: { name: 'provider-key', key: 'api-key' } }, prefix: 'Bearer ' }],
    },
    { 'secret-provider-key': [keySecret] },
  );
  const svc = view(
    compose(
      request({
        xr: serviceXr('qwen', [
          { selector: { matchLabels: { model: 'qwen', hosting: 'self' } }, weight: 6 },
          { selector: { matchLabels: { hosting: 'provider' } }, weight: 1 },
        ]),
        required: { 'inference-gateway': [gatewayXr('127.0.0.1')], 'endpoints-0': [a.xr, b.xr], 'endpoints-1': [p.xr] },
      }),
    ),
  );
  route = svc.resources.route!.resource;
  composed = [...a.objects, ...b.objects, ...p.objects, route];
  proxy = new GatewayProxy({
    gateway: { name: 'modelplane', namespace: 'modelplane-system' },
    objects: [...composed, keySecret],
    dial: { [ADDRESS.a]: '127.0.0.1', [ADDRESS.b]: '127.0.0.1' },
  });
  base = `http://127.0.0.1:${await proxy.listen()}`;
});

afterAll(async () => {
  await proxy?.close();
  await Promise.all(backends.map((b) => b.close()));
});

describe('routing through the composed HTTPRoute', () => {
  it('the composed objects are valid and hold no credential', () => {
    for (const o of composed) expect(schemaErrors(o)).toEqual([]);
    expect(JSON.stringify(composed)).not.toContain(API_KEY);
    expect(route.spec.rules[0].backendRefs.map((r: Obj) => [r.name, r.weight])).toEqual([
      ['me-qwen-a', 3],
      ['me-qwen-b', 3],
      ['me-provider', 1],
    ]);
  });

  it(`${REQUESTS} chat completions reach /v1/chat/completions intact, split by the weights`, async () => {
    const sent: string[] = [];
    const statuses: number[] = [];
    for (let batch = 0; batch < REQUESTS; batch += 50) {
      const results = await Promise.all(
        Array.from({ length: Math.min(50, REQUESTS - batch) }, async (_, j) => {
          const body = JSON.stringify({ model: 'qwen', messages: [{ role: 'user', content: `request ${batch + j} ✓` }] });
          sent.push(body);
          return post(`/${NS}/qwen/v1/chat/completions`, body);
        }),
      );
      statuses.push(...results.map((r) => r.status));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const received = backends.flatMap((b) => b.received);
    expect(received).toHaveLength(REQUESTS);
    expect(new Set(received.map((r) => r.path))).toEqual(new Set(['/v1/chat/completions']));
    expect(received.map((r) => r.body).sort()).toEqual([...sent].sort());
    // The key is added for the provider only, with the provider's Host.
    expect(provider.received.every((r) => r.headers.authorization === `Bearer ${API_KEY}` && r.headers.host === 'localhost')).toBe(true);
    expect([...replicaA.received, ...replicaB.received].some((r) => r.headers.authorization !== undefined)).toBe(false);

    const weights = route.spec.rules[0].backendRefs.map((r: Obj) => r.weight as number);
    const total = weights.reduce((s: number, w: number) => s + w, 0);
    backends.forEach((b, i) => {
      const p = weights[i]! / total;
      const mean = REQUESTS * p;
      const sd = Math.sqrt(REQUESTS * p * (1 - p));
      expect(Math.abs(b.received.length - mean), `${b.name}: ${b.received.length} of ${REQUESTS}, expected ${mean.toFixed(0)} ± ${(SIGMAS * sd).toFixed(0)}`).toBeLessThanOrEqual(
        SIGMAS * sd,
      );
    });
  });

  it('other OpenAI/Anthropic paths pass through the same rewrite', async () => {
    const before = backends.map((b) => b.received.length);
    const results = await Promise.all(Array.from({ length: 30 }, () => post(`/${NS}/qwen/v1/messages`, '{"max_tokens":1}')));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const paths = backends.flatMap((b, i) => b.received.slice(before[i]).map((r) => r.path));
    expect(new Set(paths)).toEqual(new Set(['/v1/messages']));
  });

  it('a path that only shares a string prefix is not routed', async () => {
    const r = await post(`/${NS}/qwenx/v1/chat/completions`, '{}');
    expect(r.status).toBe(404);
  });
});
