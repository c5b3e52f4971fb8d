// Every builder's output carries the fields the routing design depends on (validation against the
// upstream schemas is in test/schema/upstream/fn-service.test.ts).
import { describe, expect, it } from 'vitest';
import { backendEndpointSlice, backendService, headerMiddleware } from '../../../functions/fn-service/endpoint-objects';
import { gateway, traefikRelease } from '../../../functions/fn-service/gateway-objects';
import { backend } from '../../fixtures/fn-service';

const together = backend('https://api.together.xyz/v1');

describe('what routing relies on', () => {
  it('the Service and its slice agree on port name, number and protocol', () => {
    const svc = backendService('ml-team', 'me-t', together) as any;
    const slice = backendEndpointSlice('ml-team', 'me-t', together) as any;
    expect(svc.spec.selector).toBeUndefined();
    expect(svc.spec.ports).toEqual([{ name: 'https', protocol: 'TCP', port: 443, targetPort: 443, appProtocol: 'https' }]);
    expect(slice.ports).toEqual([{ name: 'https', protocol: 'TCP', port: 443, appProtocol: 'https' }]);
    expect(slice.metadata.name).toBe('me-t-fqdn');
    expect(slice.metadata.labels['kubernetes.io/service-name']).toBe('me-t');
    expect(slice.endpoints).toEqual([{ addresses: ['api.together.xyz'], conditions: { ready: true } }]);
  });

  it('the Middleware holds a Secret reference, never a value', () => {
    const mw = headerMiddleware('ml-team', 'me-t', [{ name: 'Authorization', valueFrom: { secretKeyRef: { name: 'k', key: 'api-key' } }, prefix: 'Bearer ' }]) as any;
    expect(mw.spec.plugin.modelplaneheaders.headers).toEqual([{ name: 'Authorization', value: 'urn:k8s:secret:k:api-key', prefix: 'Bearer ' }]);
  });

  it('the Gateway accepts HTTPRoutes from every namespace on the web entry point', () => {
    expect((gateway() as any).spec.listeners).toEqual([
      {
        name: 'web',
        protocol: 'HTTP',
        port: 8000,
        allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] },
      },
    ]);
  });

  it('Traefik runs the Gateway API provider, not the chart Gateway, with the header plugin', () => {
    const values = (traefikRelease('41.3.0') as any).spec.forProvider.values;
    expect(values.providers.kubernetesGateway.enabled).toBe(true);
    expect([values.gateway.enabled, values.gatewayClass.enabled, values.api.dashboard]).toEqual([false, false, false]);
    expect(Object.keys(values.experimental.localPlugins.modelplaneheaders.source).sort()).toEqual(['.traefik.yml', 'go.mod', 'headers.go']);
  });
});
