// ModelEndpoint: whole RunFunction request -> whole response.
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-service/compose';
import { ENDPOINT } from '../../../functions/fn-service/conditions';
import { endpointXr, NS, request, secret, view, type Obj } from '../../fixtures/fn-service';
import { schemaErrors } from '../../fixtures/fn-service/validate';

const R = ENDPOINT.reasons;
const replicaSpec = { url: `http://10.0.0.1/${NS}/qwen-5ab63/v1`, rewritePath: `/${NS}/qwen-5ab63/` };
const togetherSpec = {
  url: 'https://api.together.xyz/v1',
  rewritePath: '/',
  headers: [{ name: 'Authorization', valueFrom: { secretKeyRef: { name: 'together-api-key', key: 'api-key' } }, prefix: 'Bearer ' }],
};

const run = (xr: Obj, observed?: Record<string, Obj>, required?: Record<string, Obj[]>) =>
  view(compose(request({ xr, ...(observed ? { observed } : {}), ...(required ? { required } : {}) })));
/** Feed the desired resources back as observed (the provider created them). */
const observedFrom = (v: ReturnType<typeof run>) => Object.fromEntries(Object.entries(v.resources).map(([k, r]) => [k, r.resource]));

describe('ModelEndpoint', () => {
  it('a composed replica endpoint gets a selectorless Service and an IPv4 EndpointSlice', () => {
    const v = run(endpointXr('qwen-5ab63', replicaSpec));
    expect(v).toEqual({
      keys: ['endpointslice-ipv4', 'service'],
      resources: {
        service: {
          ready: false,
          resource: {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'me-qwen-5ab63', namespace: NS, labels: { 'app.kubernetes.io/managed-by': 'modelplane' } },
            spec: { type: 'ClusterIP', ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 80, appProtocol: 'http' }] },
          },
        },
        'endpointslice-ipv4': {
          ready: false,
          resource: {
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: {
              name: 'me-qwen-5ab63-ipv4',
              namespace: NS,
              labels: {
                'app.kubernetes.io/managed-by': 'modelplane',
                'kubernetes.io/service-name': 'me-qwen-5ab63',
                'endpointslice.kubernetes.io/managed-by': 'modelplane.ai',
              },
            },
            addressType: 'IPv4',
            endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
            ports: [{ name: 'http', protocol: 'TCP', port: 80, appProtocol: 'http' }],
          },
        },
      },
      status: { routing: { backendName: 'me-qwen-5ab63' } },
      compositeReady: 'unspecified',
      conditions: [{ type: 'RoutingReady', status: 'False', reason: R.Provisioning, message: 'waiting for service, endpointslice-ipv4' }],
      events: [{ severity: 'Normal', reason: 'BackendComposed', message: 'Service me-qwen-5ab63 routes to http://10.0.0.1:80' }],
      requirements: {},
    });
    for (const r of Object.values(v.resources)) expect(schemaErrors(r.resource)).toEqual([]);
  });

  it('once observed, every resource is ready and the endpoint is Routable', () => {
    const first = run(endpointXr('qwen-5ab63', replicaSpec));
    const v = run(endpointXr('qwen-5ab63', replicaSpec), observedFrom(first));
    expect(Object.values(v.resources).map((r) => r.ready)).toEqual([true, true]);
    expect(v.conditions).toEqual([{ type: 'RoutingReady', status: 'True', reason: R.Routable, message: 'http://10.0.0.1:80 via Service me-qwen-5ab63' }]);
    expect(v.events).toEqual([]);
  });

  it('a managed provider: TLS policy, header Middleware, and a requirement for its Secret', () => {
    const v = run(endpointXr('together-qwen3-coder', togetherSpec));
    expect(v.keys).toEqual(['endpointslice-fqdn', 'headers', 'service', 'tls-policy']);
    expect(v.requirements).toEqual({
      'secret-together-api-key': { apiVersion: 'v1', kind: 'Secret', matchName: 'together-api-key', namespace: NS },
    });
    expect(v.resources['tls-policy']!.resource.spec).toEqual({
      targetRefs: [{ group: '', kind: 'Service', name: 'me-together-qwen3-coder', sectionName: 'https' }],
      validation: { hostname: 'api.together.xyz', wellKnownCACertificates: 'System' },
    });
    expect(JSON.stringify(v)).not.toContain('s3cr3t');
    for (const r of Object.values(v.resources)) expect(schemaErrors(r.resource)).toEqual([]);
  });

  const togetherObserved = () => observedFrom(run(endpointXr('together-qwen3-coder', togetherSpec)));

  it.each([
    {
      name: 'Secret present: Routable',
      secrets: [secret('together-api-key', { 'api-key': 's3cr3t' })],
      want: { type: 'RoutingReady', status: 'True', reason: R.Routable, message: 'https://api.together.xyz:443 via Service me-together-qwen3-coder' },
      middlewareReady: true,
      warnings: [],
    },
    {
      name: 'Secret missing: SecretMissing and a Warning',
      secrets: [],
      want: {
        type: 'RoutingReady',
        status: 'False',
        reason: R.SecretMissing,
        message: 'spec.headers[0].valueFrom.secretKeyRef: Secret together-api-key not found',
      },
      middlewareReady: false,
      warnings: [R.SecretMissing],
    },
    {
      name: 'key missing: SecretMissing names the key',
      secrets: [secret('together-api-key', { token: 's3cr3t' })],
      want: {
        type: 'RoutingReady',
        status: 'False',
        reason: R.SecretMissing,
        message: 'spec.headers[0].valueFrom.secretKeyRef: Secret together-api-key has no key api-key',
      },
      middlewareReady: false,
      warnings: [R.SecretMissing],
    },
  ])('$name', ({ secrets, want, middlewareReady, warnings }) => {
    const v = run(endpointXr('together-qwen3-coder', togetherSpec), togetherObserved(), { 'secret-together-api-key': secrets });
    expect(v.conditions).toEqual([want]);
    expect(v.resources.headers!.ready).toBe(middlewareReady);
    expect(v.resources.service!.ready).toBe(true);
    expect(v.events.filter((e) => e.severity === 'Warning').map((e) => e.reason)).toEqual(warnings);
    // The secret value never leaves the Secret.
    expect(JSON.stringify(v)).not.toContain('s3cr3t');
  });

  it('a key named like an Object member (toString) is missing unless the Secret has it', () => {
    const spec = { ...togetherSpec, headers: [{ ...togetherSpec.headers[0]!, valueFrom: { secretKeyRef: { name: 'together-api-key', key: 'toString' } } }] };
    const v = run(endpointXr('together-qwen3-coder', spec), togetherObserved(), { 'secret-together-api-key': [secret('together-api-key', { 'api-key': 's3cr3t' })] });
    expect(v.conditions.map((c) => [c.reason, c.message])).toEqual([[R.SecretMissing, 'spec.headers[0].valueFrom.secretKeyRef: Secret together-api-key has no key toString']]);
  });

  it.each([
    { name: 'schema-invalid url', spec: { url: 'ftp://10.0.0.1/v1' }, reason: R.InvalidURL, message: /^spec\.url: must be an absolute http/ },
    { name: 'url with a query string', spec: { url: 'https://api.example.com/v1?key=abc' }, reason: R.InvalidURL, message: /^spec\.url: must be an absolute/ },
    { name: 'url host the schema allows but DNS does not', spec: { url: 'http://my_host.example/v1' }, reason: R.InvalidURL, message: /not a DNS name or IP address/ },
    {
      name: 'literal header looking like a Secret reference',
      spec: { url: 'https://a.example/v1', headers: [{ name: 'X', value: 'urn:k8s:secret:s:k' }] },
      reason: R.InvalidSpec,
      message: /spec\.headers\[0\]\.value/,
    },
    {
      name: 'header with both value and valueFrom',
      spec: { url: 'https://a.example/v1', headers: [{ name: 'X', value: 'v', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] },
      reason: R.InvalidSpec,
      message: /exactly one of value or valueFrom/,
    },
  ])('bad input keeps what was composed: $name', ({ spec, reason, message }) => {
    const observed = observedFrom(run(endpointXr('qwen-5ab63', replicaSpec)));
    const v = run(endpointXr('qwen-5ab63', spec, { routing: { backendName: 'me-qwen-5ab63' } }), observed);
    expect(v.keys).toEqual(['endpointslice-ipv4', 'service']);
    expect(v.resources.service!.resource).toEqual(observed.service);
    expect(v.status).toEqual({ routing: { backendName: 'me-qwen-5ab63' } });
    expect(v.conditions).toHaveLength(1);
    expect(v.conditions[0]).toMatchObject({ type: 'RoutingReady', status: 'False', reason });
    expect(v.conditions[0]!.message).toMatch(message);
    expect(v.events).toEqual([{ severity: 'Warning', reason, message: v.conditions[0]!.message }]);
    expect(v.compositeReady).toBe('unspecified');
  });

  it('a new endpoint with a bad url composes nothing and is not ready', () => {
    const v = run(endpointXr('broken', { url: 'http://my_host/v1' }));
    expect(v.keys).toEqual([]);
    expect(v.compositeReady).toBe(false);
    expect(v.conditions[0]).toMatchObject({ reason: R.InvalidURL, message: 'spec.url host "my_host" is not a DNS name or IP address' });
  });

  it('moving from an IP to a DNS name replaces the slice (address type is immutable)', () => {
    const observed = observedFrom(run(endpointXr('e', { url: 'http://10.0.0.1/v1' })));
    const v = run(endpointXr('e', { url: 'http://models.internal:8000/v1' }), observed);
    expect(v.keys).toEqual(['endpointslice-fqdn', 'service']);
    expect(v.resources['endpointslice-fqdn']!.resource.metadata.name).toBe('me-e-fqdn');
    expect(v.resources.service!.resource.spec.ports[0].port).toBe(8000);
  });
});
