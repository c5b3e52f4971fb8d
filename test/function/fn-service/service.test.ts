// ModelService: whole RunFunction request -> whole response.
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-service/compose';
import { SERVICE } from '../../../functions/fn-service/conditions';
import { acceptedRoute, endpoint, gatewayXr, NS, request, serviceXr, view, type Obj } from '../../fixtures/fn-service';
import { schemaErrors } from '../../fixtures/fn-service/validate';

const EP = SERVICE.endpoints.reasons;
const RT = SERVICE.routing.reasons;
const GW = '192.0.2.10';

const sel = (labels: Record<string, string>, weight?: number) => ({ selector: { matchLabels: labels }, ...(weight !== undefined ? { weight } : {}) });
const qwen = { 'modelplane.ai/deployment': 'qwen' };
const pd = { 'modelplane.ai/deployment': 'qwen-pd' };

interface Run {
  entries: Obj[];
  /** Items per entry (requirement endpoints-<i>); omit to leave the requirements unresolved. */
  answers?: Obj[][];
  gateway?: Obj[];
  observed?: Record<string, Obj>;
  status?: Obj;
}
const run = ({ entries, answers, gateway = [gatewayXr(GW)], observed, status }: Run) => {
  const required = answers ? { 'inference-gateway': gateway, ...Object.fromEntries(answers.map((items, i) => [`endpoints-${i}`, items])) } : undefined;
  return view(compose(request({ xr: serviceXr('qwen', entries, status), ...(observed ? { observed } : {}), ...(required ? { required } : {}) })));
};

/** backendRefs in test terms: [name, weight, rewrite, extra filters]. */
const refs = (route: Obj) => route.spec.rules[0].backendRefs.map((b: Obj) => [b.name, b.weight, b.filters[0].urlRewrite.path.replacePrefixMatch, b.filters.length]);

describe('ModelService', () => {
  it('first call: asks for the gateway and one requirement per selector entry, changes nothing', () => {
    const v = run({ entries: [sel(qwen, 3), sel(pd, 1)] });
    expect(v.requirements).toEqual({
      'inference-gateway': { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceGateway', matchName: 'default' },
      'endpoints-0': { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelEndpoint', matchLabels: { labels: qwen }, namespace: NS },
      'endpoints-1': { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelEndpoint', matchLabels: { labels: pd }, namespace: NS },
    });
    expect([v.keys, v.conditions, v.events, v.status]).toEqual([[], [], [], {}]);
    expect(v.compositeReady).toBe(false);
  });

  it('routes /ns/name to every ready endpoint with per-backend rewrites and contract weights', () => {
    const v = run({
      entries: [sel(qwen, 3), sel(pd, 1)],
      answers: [[endpoint('qwen-b'), endpoint('qwen-a'), endpoint('qwen-c', { ready: false })], [endpoint('pd-a', { labels: pd })]],
    });
    const route = v.resources.route!.resource;
    expect(route).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'ms-qwen', namespace: NS, labels: { 'app.kubernetes.io/managed-by': 'modelplane' } },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'modelplane-system', name: 'modelplane', sectionName: 'web' }],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: `/${NS}/qwen` } }],
            backendRefs: ['qwen-a', 'qwen-b']
              .map((n) => ({
                group: '',
                kind: 'Service',
                name: `me-${n}`,
                port: 80,
                // 3 split over two -> 1.5 each vs 1: scaled by 2 -> 3, 3, 2.
                weight: 3,
                filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: `/${NS}/${n}/` } } }],
              }))
              .concat([
                {
                  group: '',
                  kind: 'Service',
                  name: 'me-pd-a',
                  port: 80,
                  weight: 2,
                  filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: `/${NS}/pd-a/` } } }],
                },
              ]),
          },
        ],
      },
    });
    expect(schemaErrors(route)).toEqual([]);
    expect(v.resources.route!.ready).toBe(false);
    expect(v.status).toEqual({ address: `http://${GW}/${NS}/qwen` });
    expect(v.conditions).toEqual([
      { type: 'EndpointsResolved', status: 'True', reason: EP.Resolved, message: '3 ready endpoint(s) (spec.endpoints[0]: 2/3 ready, spec.endpoints[1]: 1/1 ready)' },
      { type: 'RoutingReady', status: 'False', reason: RT.RoutePending, message: `HTTPRoute ${NS}/ms-qwen is not accepted by the gateway yet` },
    ]);
    expect(v.events).toEqual([{ severity: 'Normal', reason: 'Routing', message: `Routing /${NS}/qwen/ to 3 endpoint(s)` }]);
  });

  it('an accepted route makes the service Routed', () => {
    const first = run({ entries: [sel(qwen)], answers: [[endpoint('qwen-a')]] });
    const v = run({ entries: [sel(qwen)], answers: [[endpoint('qwen-a')]], observed: { route: acceptedRoute(first.resources.route!.resource) } });
    expect(v.resources.route!.ready).toBe(true);
    expect(v.conditions[1]).toEqual({ type: 'RoutingReady', status: 'True', reason: RT.Routed, message: '1 weighted backend(s)' });
    expect(v.events).toEqual([]);
  });

  it('an endpoint matched by two entries counts once, for the first', () => {
    const shared = endpoint('shared', { labels: { ...qwen, tier: 'x' } });
    const v = run({
      entries: [sel(qwen, 1), sel({ tier: 'x' }, 1)],
      answers: [
        [shared, endpoint('qwen-a')],
        [shared, endpoint('x-only', { labels: { tier: 'x' } })],
      ],
    });
    // Entry 0: 1 over two endpoints (1/2 each); entry 1: 1 over one -> 1:1:2.
    expect(refs(v.resources.route!.resource)).toEqual([
      ['me-qwen-a', 1, `/${NS}/qwen-a/`, 1],
      ['me-shared', 1, `/${NS}/shared/`, 1],
      ['me-x-only', 2, `/${NS}/x-only/`, 1],
    ]);
  });

  it('external endpoints: Host rewrite and the header Middleware on their backendRef', () => {
    const together = endpoint('together', {
      labels: { provider: 'together' },
      url: 'https://api.together.xyz/v1',
      rewritePath: '/',
      headers: [{ name: 'Authorization', valueFrom: { secretKeyRef: { name: 'together-api-key', key: 'api-key' } }, prefix: 'Bearer ' }],
    });
    const v = run({ entries: [sel(qwen, 4), sel({ provider: 'together' }, 1)], answers: [[endpoint('qwen-a')], [together]] });
    const route = v.resources.route!.resource;
    expect(route.spec.rules[0].backendRefs[1]).toEqual({
      group: '',
      kind: 'Service',
      name: 'me-together',
      port: 443,
      weight: 1,
      filters: [
        { type: 'URLRewrite', urlRewrite: { hostname: 'api.together.xyz', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } },
        { type: 'ExtensionRef', extensionRef: { group: 'traefik.io', kind: 'Middleware', name: 'me-together' } },
      ],
    });
    expect(refs(route).map((r: unknown[]) => r[1])).toEqual([4, 1]);
    expect(schemaErrors(route)).toEqual([]);
  });

  it.each([
    {
      name: 'matched but none ready: keeps the last good route',
      answers: [[endpoint('qwen-a', { ready: false })]],
      keptRoute: true,
      endpoints: { type: 'EndpointsResolved', status: 'False', reason: EP.NoEndpoints, message: 'none of 1 matched endpoints is ready (spec.endpoints[0]: 0/1 ready)' },
      routing: { type: 'RoutingReady', status: 'False', reason: RT.NoEndpoints, message: 'no ready endpoint to route to; keeping the last routed backends' },
      warnings: [],
    },
    {
      name: 'nothing matched: keeps the route and warns about the selector',
      answers: [[]],
      keptRoute: true,
      endpoints: { type: 'EndpointsResolved', status: 'False', reason: EP.NoEndpoints, message: 'no ModelEndpoint in this namespace matches any spec.endpoints[].selector' },
      routing: { type: 'RoutingReady', status: 'False', reason: RT.NoEndpoints, message: 'no ready endpoint to route to; keeping the last routed backends' },
      warnings: [EP.NoEndpoints],
    },
  ])('$name', ({ answers, endpoints, routing, warnings }) => {
    const good = run({ entries: [sel(qwen)], answers: [[endpoint('qwen-a'), endpoint('qwen-b')]] });
    const observedRoute = acceptedRoute(good.resources.route!.resource);
    const v = run({ entries: [sel(qwen)], answers, observed: { route: observedRoute } });
    const { status: _s, ...kept } = observedRoute;
    expect(v.resources.route).toEqual({ resource: kept, ready: true });
    expect(refs(v.resources.route!.resource).map((r: unknown[]) => r[0])).toEqual(['me-qwen-a', 'me-qwen-b']);
    expect(v.conditions).toEqual([endpoints, routing]);
    expect(v.events.filter((e) => e.severity === 'Warning').map((e) => e.reason)).toEqual(warnings);
    expect(v.compositeReady).toBe('unspecified');
  });

  it('no endpoint ever: no route, not ready, address still published', () => {
    const v = run({ entries: [sel(qwen)], answers: [[endpoint('qwen-a', { backendName: null })]] });
    expect(v.keys).toEqual([]);
    expect(v.compositeReady).toBe(false);
    expect(v.status).toEqual({ address: `http://${GW}/${NS}/qwen` });
  });

  it('no InferenceGateway: the route is composed, the address waits', () => {
    const v = run({ entries: [sel(qwen)], answers: [[endpoint('qwen-a')]], gateway: [] });
    expect(v.keys).toEqual(['route']);
    expect(v.status).toEqual({});
    expect(v.conditions[1]).toEqual({ type: 'RoutingReady', status: 'False', reason: RT.WaitingForGateway, message: 'InferenceGateway default is missing or has no address yet' });
  });

  it('the gateway losing its address keeps the published one', () => {
    const v = run({ entries: [sel(qwen)], answers: [[endpoint('qwen-a')]], gateway: [gatewayXr()], status: { address: `http://${GW}/${NS}/qwen` } });
    expect(v.status).toEqual({ address: `http://${GW}/${NS}/qwen` });
  });

  it('invalid spec: keeps route and address, reports both conditions and warns', () => {
    const good = run({ entries: [sel(qwen)], answers: [[endpoint('qwen-a')]] });
    const observed = { route: acceptedRoute(good.resources.route!.resource) };
    const v = run({ entries: [{ selector: { matchLabels: {} }, weight: 0 }], answers: [[]], observed, status: { address: 'http://x/ml-team/qwen' } });
    expect(v.keys).toEqual(['route']);
    expect(v.status).toEqual({ address: 'http://x/ml-team/qwen' });
    expect(v.conditions.map((c) => [c.type, c.reason])).toEqual([
      ['EndpointsResolved', EP.InvalidSpec],
      ['RoutingReady', RT.InvalidSpec],
    ]);
    expect(v.conditions[0]!.message).toMatch(/spec\.endpoints\[0\]\.selector\.matchLabels: selector\.matchLabels needs at least one label/);
    expect(v.events.map((e) => e.severity)).toEqual(['Warning']);
    expect(v.requirements).toEqual({});
  });

  it('more than 16 ready endpoints: 16 routed, shares kept, a Warning', () => {
    const many = Array.from({ length: 20 }, (_, i) => endpoint(`r${String(i).padStart(2, '0')}`));
    const v = run({ entries: [sel(qwen, 3), sel(pd, 1)], answers: [many, [endpoint('pd-a', { labels: pd }), endpoint('pd-b', { labels: pd })]] });
    const route = v.resources.route!.resource;
    expect(route.spec.rules[0].backendRefs).toHaveLength(16);
    // D'Hondt: 14 slots for weight 3, 2 for weight 1; 3/14 vs 1/2 -> 3:7 per backend.
    expect(refs(route).map((r: unknown[]) => r[1])).toEqual([...Array(14).fill(3), 7, 7]);
    expect(schemaErrors(route)).toEqual([]);
    expect(v.events).toContainEqual({ severity: 'Warning', reason: 'TooManyEndpoints', message: '6 ready endpoint(s) not routed: an HTTPRoute rule holds at most 16 backends' });
    expect(v.conditions[0]!.message).toBe(
      '22 ready endpoint(s) (spec.endpoints[0]: 20/20 ready, spec.endpoints[1]: 2/2 ready); routing 16, 6 left out (at most 16 backends per HTTPRoute rule)',
    );
  });
});
