// fn-service through the real `crossplane render`, for each of its three kinds, from the examples:
// - InferenceGateway default (07, MetalLB): first pass, then everything observed ready (one golden:
//   the last pass in full, a row per pass of what it composed and how it differed);
// - ModelEndpoint for Together (12) with its Secret, and a composed replica endpoint;
// - ModelService qwen3-coder (14): a ready replica endpoint plus Together, the gateway for the
//   address; then the route accepted; then no endpoint ready (the route is kept).
// Required and observed resources come from fixture objects; golden files in test/golden/fn-service/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GATEWAY, ENDPOINT, SERVICE } from '../../functions/fn-service/conditions';
import { expectGolden } from '../harness/golden';
import { ROOT } from '../../sim/paths';
import type { Manifest, RenderOutput } from '../../sim/render';
import { expectGoldenPasses, renderView } from '../harness/passes';
import { renderSuite } from '../harness/render-suite';
import { schemaErrors } from '../fixtures/fn-service/validate';

const example = (file: string): Manifest => parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as Manifest;
const conditionsOf = (xr: Manifest) => Object.fromEntries(((xr.status?.conditions ?? []) as Manifest[]).map((c) => [c.type, [c.status, c.reason]]));
const keyOf = (r: Manifest) => r.metadata.annotations['crossplane.io/composition-resource-name'] as string;
const keys = (out: RenderOutput) => out.resources.map(keyOf).sort();
const ready = [
  { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
  { type: 'Ready', status: 'True', reason: 'Available' },
];

/** What the providers and Traefik would report for a composed resource once applied. */
function applied(r: Manifest, address = '192.0.2.10'): Manifest {
  if (r.kind === 'Object') {
    const manifest = r.spec.forProvider.manifest;
    const remote: Record<string, Manifest> = {
      Job: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
      GatewayClass: { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }] },
      Gateway: { addresses: [{ type: 'IPAddress', value: address }], conditions: [{ type: 'Programmed', status: 'True', reason: 'Programmed' }] },
    };
    const status = remote[manifest.kind];
    return { ...r, status: { conditions: ready, atProvider: { manifest: { ...manifest, ...(status ? { status } : {}) } } } };
  }
  if (r.kind === 'Release') return { ...r, status: { conditions: ready, atProvider: { state: 'deployed', revision: 1 } } };
  if (r.kind === 'HTTPRoute') {
    return {
      ...r,
      status: {
        parents: [{ parentRef: r.spec.parentRefs[0], controllerName: 'traefik.io/gateway-controller', conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }] }],
      },
    };
  }
  return r;
}

describe('fn-service through crossplane render', () => {
  const { render } = renderSuite('fn-service');

  describe('InferenceGateway', () => {
    const gw = example('07-inferencegateway-default.yaml');
    const input = { xr: gw };

    it('first pass: the CRD installer and MetalLB, Installing', async () => {
      const out = await render(input);
      expect(keys(out)).toEqual(['crds-clusterrole', 'crds-clusterrolebinding', 'crds-job-v1-5-1', 'crds-serviceaccount', 'metallb']);
      expect(conditionsOf(out.xr)[GATEWAY.type]).toEqual(['False', GATEWAY.reasons.Installing]);
      for (const r of out.resources) expect(schemaErrors(r)).toEqual([]);
    });

    it('everything observed ready: the whole stack, Available at the Gateway address', async () => {
      // Three rounds of "apply what was desired, observe it ready" reach the end of the chain.
      const passes = [await render(input)];
      for (let i = 0; i < 3; i++) passes.push(await render({ ...input, observed: passes.at(-1)!.resources.map((r) => applied(r)) }));
      expectGoldenPasses('fn-service/gateway', passes, renderView);
      const out = passes.at(-1)!;
      expect(keys(out)).toEqual([
        'crds-clusterrole',
        'crds-clusterrolebinding',
        'crds-job-v1-5-1',
        'crds-serviceaccount',
        'gateway',
        'gatewayclass',
        'metallb',
        'metallb-l2',
        'metallb-pool',
        'traefik',
      ]);
      expect(out.xr.status.address).toBe('192.0.2.10');
      expect(conditionsOf(out.xr)).toMatchObject({ [GATEWAY.type]: ['True', GATEWAY.reasons.Available], Ready: ['True', 'Available'] });
      for (const r of out.resources) expect(schemaErrors(r)).toEqual([]);
    });
  });

  describe('ModelEndpoint', () => {
    const together = example('12-modelendpoint-together.yaml');
    const key = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'together-api-key', namespace: 'ml-team' }, data: { 'api-key': 'cmVuZGVyLXRlc3Qta2V5' } };

    it('a managed provider: Service, FQDN slice, TLS policy, header Middleware; the key never copied', async () => {
      const out = await render({ xr: together, required: [key] });
      expectGolden('fn-service/endpoint-together', out);
      expect(keys(out)).toEqual(['endpointslice-fqdn', 'headers', 'service', 'tls-policy']);
      expect(out.xr.status.routing).toEqual({ backendName: 'me-together-qwen3-coder' });
      for (const r of out.resources) expect(schemaErrors(r)).toEqual([]);
      expect(JSON.stringify(out)).not.toContain(key.data['api-key']);
      expect(JSON.stringify(out)).not.toContain('render-test-key');
    });

    it('observed and the Secret present: Routable and Ready', async () => {
      const first = await render({ xr: together, required: [key] });
      const out = await render({ xr: together, required: [key], observed: first.resources });
      expect(conditionsOf(out.xr)).toMatchObject({ [ENDPOINT.type]: ['True', ENDPOINT.reasons.Routable], Ready: ['True', 'Available'] });
    });

    it('the Secret missing: SecretMissing, a Warning, not Ready', async () => {
      const first = await render({ xr: together, required: [key] });
      const out = await render({ xr: together, observed: first.resources });
      expect(conditionsOf(out.xr)[ENDPOINT.type]).toEqual(['False', ENDPOINT.reasons.SecretMissing]);
      expect(conditionsOf(out.xr).Ready?.[0]).toBe('False');
      expect(out.results.map((r) => [r.severity, r.message])).toEqual([['SEVERITY_WARNING', 'spec.headers[0].valueFrom.secretKeyRef: Secret together-api-key not found']]);
    });

    it('a composed replica endpoint: Service and IPv4 slice', async () => {
      const replica = {
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'ModelEndpoint',
        metadata: {
          name: 'qwen3-coder-480b-1c2d3',
          namespace: 'ml-team',
          labels: { 'modelplane.ai/deployment': 'qwen3-coder-480b', 'modelplane.ai/cluster': 'us-east', 'modelplane.ai/replica-index': '0' },
        },
        spec: { url: 'http://10.1.2.3/ml-team/qwen3-coder-480b-1c2d3/v1', rewritePath: '/ml-team/qwen3-coder-480b-1c2d3/' },
      };
      const out = await render({ xr: replica });
      expectGolden('fn-service/endpoint-replica', out);
      expect(keys(out)).toEqual(['endpointslice-ipv4', 'service']);
    });
  });

  describe('ModelService', () => {
    const svc = example('14-modelservice-qwen3-coder.yaml');
    const gateway = { ...example('07-inferencegateway-default.yaml'), status: { address: '192.0.2.10' } };
    const endpointStatus = (backendName: string, isReady = true) => ({
      routing: { backendName },
      conditions: [{ type: 'Ready', status: isReady ? 'True' : 'False', reason: isReady ? 'Available' : 'Creating' }],
    });
    const replica = (isReady = true) => ({
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'ModelEndpoint',
      metadata: { name: 'qwen3-coder-480b-1c2d3', namespace: 'ml-team', labels: { 'modelplane.ai/deployment': 'qwen3-coder-480b' } },
      spec: { url: 'http://10.1.2.3/ml-team/qwen3-coder-480b-1c2d3/v1', rewritePath: '/ml-team/qwen3-coder-480b-1c2d3/' },
      status: endpointStatus('me-qwen3-coder-480b-1c2d3', isReady),
    });
    const together = (isReady = true) => ({ ...example('12-modelendpoint-together.yaml'), status: endpointStatus('me-together-qwen3-coder', isReady) });
    const unrelated = { ...replica(), metadata: { name: 'other', namespace: 'ml-team', labels: { 'modelplane.ai/deployment': 'llama' } } };

    it('a replica and Together at 4:1 behind one HTTPRoute, the address published', async () => {
      const out = await render({ xr: svc, required: [gateway, replica(), together(), unrelated] });
      expectGolden('fn-service/service-routed', out);
      expect(keys(out)).toEqual(['route']);
      const route = out.resources[0]!;
      expect(route.spec.rules[0].backendRefs.map((b: Manifest) => [b.name, b.weight])).toEqual([
        ['me-qwen3-coder-480b-1c2d3', 4],
        ['me-together-qwen3-coder', 1],
      ]);
      expect(out.xr.status.address).toBe('http://192.0.2.10/ml-team/qwen3-coder');
      expect(schemaErrors(route)).toEqual([]);
    });

    it('the route accepted: Routed and Ready', async () => {
      const first = await render({ xr: svc, required: [gateway, replica(), together()] });
      const out = await render({ xr: svc, required: [gateway, replica(), together()], observed: first.resources.map((r) => applied(r)) });
      expect(conditionsOf(out.xr)).toMatchObject({
        [SERVICE.endpoints.type]: ['True', SERVICE.endpoints.reasons.Resolved],
        [SERVICE.routing.type]: ['True', SERVICE.routing.reasons.Routed],
        Ready: ['True', 'Available'],
      });
    });

    it('no endpoint ready any more: NoEndpoints, the last good route kept', async () => {
      const first = await render({ xr: svc, required: [gateway, replica(), together()] });
      const observed = first.resources.map((r) => applied(r));
      const out = await render({ xr: { ...svc, status: first.xr.status }, required: [gateway, replica(false), together(false)], observed });
      expectGolden('fn-service/service-no-endpoints', out);
      expect(out.resources[0]!.spec).toEqual(first.resources[0]!.spec);
      expect(conditionsOf(out.xr)[SERVICE.routing.type]).toEqual(['False', SERVICE.routing.reasons.NoEndpoints]);
      expect(out.xr.status.address).toBe('http://192.0.2.10/ml-team/qwen3-coder');
    });
  });
});
