// Every builder's output validates against the real upstream schema, and carries the fields the
// routing design depends on.
import { describe, expect, it } from 'vitest';
import { parseBackendUrl, type Backend } from '../../../functions/fn-service/backend';
import { backendEndpointSlice, backendService, backendTlsPolicy, headerMiddleware } from '../../../functions/fn-service/endpoint-objects';
import {
  controlObject,
  crdsInstaller,
  gateway,
  gatewayClass,
  metallbPool,
  metallbRelease,
  traefikRelease,
} from '../../../functions/fn-service/gateway-objects';
import { httpRoute } from '../../../functions/fn-service/httproute';
import { schemaErrors } from '../../fixtures/fn-service/validate';

const backend = (url: string): Backend => {
  const r = parseBackendUrl(url);
  if (!r.ok) throw new Error(r.message);
  return r.backend;
};

const together = backend('https://api.together.xyz/v1');
const replica = backend('http://10.0.0.1/ml-team/qwen-5ab63/v1');
const v6 = backend('http://[fd00::1]:8000/v1');

const installer = crdsInstaller();
const pool = metallbPool('172.18.255.200-172.18.255.250');

const objects: { name: string; obj: Record<string, unknown> }[] = [
  { name: 'Service (IPv4)', obj: backendService('ml-team', 'me-a', replica) },
  { name: 'Service (https)', obj: backendService('ml-team', 'me-t', together) },
  { name: 'EndpointSlice IPv4', obj: backendEndpointSlice('ml-team', 'me-a', replica) },
  { name: 'EndpointSlice IPv6', obj: backendEndpointSlice('ml-team', 'me-b', v6) },
  { name: 'EndpointSlice FQDN', obj: backendEndpointSlice('ml-team', 'me-t', together) },
  { name: 'BackendTLSPolicy', obj: backendTlsPolicy('ml-team', 'me-t', together) },
  {
    name: 'header Middleware',
    obj: headerMiddleware('ml-team', 'me-t', [
      { name: 'Authorization', valueFrom: { secretKeyRef: { name: 'together-api-key', key: 'api-key' } }, prefix: 'Bearer ' },
      { name: 'X-Org', value: 'ml-team' },
    ]),
  },
  {
    name: 'HTTPRoute',
    obj: httpRoute('ml-team', 'ms-qwen', 'qwen', [
      { name: 'a', backendName: 'me-a', port: 80, rewritePath: '/ml-team/a/', weight: 3 },
      { name: 't', backendName: 'me-t', port: 443, hostname: 'api.together.xyz', middleware: 'me-t', rewritePath: '/', weight: 1 },
    ]),
  },
  { name: 'Traefik Release', obj: traefikRelease('41.3.0') },
  { name: 'MetalLB Release', obj: metallbRelease() },
  { name: 'CRD installer ServiceAccount', obj: controlObject('sa', installer.serviceAccount) },
  { name: 'CRD installer ClusterRole', obj: controlObject('role', installer.clusterRole) },
  { name: 'CRD installer ClusterRoleBinding', obj: controlObject('binding', installer.binding) },
  { name: 'CRD installer Job', obj: controlObject('job', installer.job) },
  { name: 'GatewayClass', obj: controlObject('gc', gatewayClass()) },
  { name: 'Gateway', obj: controlObject('gw', gateway()) },
  { name: 'IPAddressPool', obj: controlObject('pool', pool.pool) },
  { name: 'L2Advertisement', obj: controlObject('l2', pool.l2) },
];

describe('composed objects validate against upstream schemas', () => {
  it.each(objects)('$name', ({ obj }) => {
    expect(schemaErrors(obj)).toEqual([]);
  });

  it('an invalid object is reported (the validator can fail)', () => {
    const broken = httpRoute('ml-team', 'ms-qwen', 'qwen', [{ name: 'a', backendName: 'me-a', port: 80, rewritePath: '/', weight: 2_000_000 }]);
    expect(schemaErrors(broken).join('\n')).toContain('weight');
  });
});

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
