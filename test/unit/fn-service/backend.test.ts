// spec.url -> the backend the control cluster routes to (host, address type, port, Host header).
import { describe, expect, it } from 'vitest';
import { parseBackendUrl, type BackendResult } from '../../../functions/fn-service/backend';

interface Case {
  name: string;
  url: string;
  want: BackendResult;
}

const ok = (backend: Record<string, unknown>): BackendResult => ({ ok: true, backend }) as unknown as BackendResult;
const bad = (message: string): BackendResult => ({ ok: false, message });

const cases: Case[] = [
  {
    name: 'composed replica endpoint (IPv4, default port)',
    url: 'http://10.0.0.1/ml-team/qwen-5ab63/v1',
    want: ok({ scheme: 'http', host: '10.0.0.1', addressType: 'IPv4', port: 80 }),
  },
  { name: 'IPv4 with port', url: 'http://192.0.2.7:8080/v1', want: ok({ scheme: 'http', host: '192.0.2.7', addressType: 'IPv4', port: 8080 }) },
  {
    name: 'IPv4 canonicalized by WHATWG',
    url: 'http://0x0a.0.0.1/v1',
    want: ok({ scheme: 'http', host: '10.0.0.1', addressType: 'IPv4', port: 80 }),
  },
  { name: 'IPv6 loses its brackets', url: 'http://[fd00::1]:8000/v1', want: ok({ scheme: 'http', host: 'fd00::1', addressType: 'IPv6', port: 8000 }) },
  {
    name: 'managed provider over https',
    url: 'https://api.together.xyz/v1',
    want: ok({ scheme: 'https', host: 'api.together.xyz', addressType: 'FQDN', port: 443, hostname: 'api.together.xyz' }),
  },
  {
    name: 'DNS name is lower-cased, trailing dot dropped',
    url: 'HTTPS://API.Fireworks.AI.:8443/inference/v1',
    want: ok({ scheme: 'https', host: 'api.fireworks.ai', addressType: 'FQDN', port: 8443, hostname: 'api.fireworks.ai' }),
  },
  { name: 'https IP', url: 'https://203.0.113.5/v1', want: ok({ scheme: 'https', host: '203.0.113.5', addressType: 'IPv4', port: 443 }) },
  {
    name: 'explicit default port',
    url: 'http://models.internal:80/v1',
    want: ok({ scheme: 'http', host: 'models.internal', addressType: 'FQDN', port: 80, hostname: 'models.internal' }),
  },
  { name: 'not a URL', url: 'api.together.xyz/v1', want: bad('spec.url is not an absolute URL (expected e.g. http://10.0.0.1/ns/replica/v1)') },
  { name: 'wrong scheme', url: 'ftp://10.0.0.1/v1', want: bad('spec.url must use http or https, not ftp') },
  { name: 'credentials', url: 'https://user:pw@api.example.com/v1', want: bad('spec.url must not carry credentials; use spec.headers with valueFrom.secretKeyRef') },
  { name: 'query string is refused and not echoed', url: 'https://api.example.com/v1?key=s3cret', want: bad('spec.url must not have a query string or fragment') },
  { name: 'fragment', url: 'https://api.example.com/v1#x', want: bad('spec.url must not have a query string or fragment') },
  { name: 'port 0', url: 'http://10.0.0.1:0/v1', want: bad('spec.url has port 0, expected 1-65535') },
  { name: 'underscore host', url: 'http://my_host.example/v1', want: bad('spec.url host "my_host.example" is not a DNS name or IP address') },
  { name: 'label longer than 63', url: `http://${'a'.repeat(64)}.example/v1`, want: bad(`spec.url host "${'a'.repeat(64)}.example" is not a DNS name or IP address`) },
  // The API server refuses these in an EndpointSlice: a clear InvalidURL instead of a failed apply.
  ...(
    [
      ['loopback', 'http://127.0.0.1:8000/v1', '127.0.0.1 is a loopback'],
      ['loopback range', 'http://127.4.5.6/v1', '127.4.5.6 is a loopback'],
      ['link-local', 'http://169.254.169.254/v1', '169.254.169.254 is a link-local'],
      ['unspecified', 'http://0.0.0.0/v1', '0.0.0.0 is an unspecified'],
      ['link-local multicast', 'http://224.0.0.251/v1', '224.0.0.251 is a link-local multicast'],
      ['IPv6 loopback', 'http://[::1]:8000/v1', '::1 is a loopback'],
      ['IPv6 link-local', 'http://[fe80::1]/v1', 'fe80::1 is a link-local'],
    ] as const
  ).map(([name, url, what]) => ({
    name: `${name} address`,
    url,
    want: bad(`spec.url host ${what} address, which Kubernetes does not accept as an EndpointSlice endpoint; use an address the gateway reaches`),
  })),
  {
    name: 'multicast outside the link-local block is an address like any other',
    url: 'http://224.0.1.1/v1',
    want: ok({ scheme: 'http', host: '224.0.1.1', addressType: 'IPv4', port: 80 }),
  },
];

describe('parseBackendUrl', () => {
  it.each(cases)('$name', ({ url, want }) => {
    expect(parseBackendUrl(url)).toEqual(want);
  });
});
