// Every object fn-service's builders compose validates against its real upstream schema: core
// kinds with kubernetes-models, CRD kinds against the CRDs scripts/setup-crds.sh fetches.
import { describe, expect, it } from 'vitest';
import { backendEndpointSlice, backendService, backendTlsPolicy, headerMiddleware } from '../../../functions/fn-service/endpoint-objects';
import { controlObject, crdsInstaller, gateway, gatewayClass, metallbPool, metallbRelease, traefikRelease } from '../../../functions/fn-service/gateway-objects';
import { httpRoute } from '../../../functions/fn-service/httproute';
import { schemaErrors } from '../../fixtures/fn-service/validate';
import { backend } from '../../fixtures/fn-service';

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
