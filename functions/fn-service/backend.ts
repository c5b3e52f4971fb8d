// What a ModelEndpoint's spec.url means on the control cluster: scheme, the host an EndpointSlice
// can carry (IPv4, IPv6 or a DNS name), the Service port, and how the gateway must talk to it.
// Pure; shared by the ModelEndpoint (which builds the objects) and the ModelService (which
// routes to them), so both always agree.
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export type AddressType = 'IPv4' | 'IPv6' | 'FQDN';
export type Scheme = 'http' | 'https';

export interface Backend {
  readonly scheme: Scheme;
  /** The EndpointSlice address: an IP without brackets, or a lower-case DNS name without a trailing dot. */
  readonly host: string;
  readonly addressType: AddressType;
  /** The URL's port, else 80 (http) or 443 (https): the Service and EndpointSlice port. */
  readonly port: number;
  /**
   * For DNS names: the Host header the gateway sends (virtual hosting, and the TLS SNI of https
   * providers). IP hosts are routed by path only and keep the client's Host.
   */
  readonly hostname?: string;
}

export type BackendResult = { readonly ok: true; readonly backend: Backend } | { readonly ok: false; readonly message: string };

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const invalid = (why: string): BackendResult => ({ ok: false, message: `spec.url ${why}` });

// Addresses the API server refuses in an EndpointSlice (Kubernetes' non-special IP rule): an
// endpoint there would only ever surface as a failed apply on the composed slice.
const SPECIAL: readonly (readonly [string, number, 'ipv4' | 'ipv6', string])[] = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local'],
  ['224.0.0.0', 24, 'ipv4', 'a link-local multicast'],
  ['::', 128, 'ipv6', 'an unspecified'],
  ['::1', 128, 'ipv6', 'a loopback'],
  ['fe80::', 10, 'ipv6', 'a link-local'],
  ['ff02::', 16, 'ipv6', 'a link-local multicast'],
];
const specialKind = (ip: string, family: 'ipv4' | 'ipv6'): string | undefined =>
  SPECIAL.find(([net, prefix, f]) => {
    if (f !== family) return false;
    const list = new BlockList();
    list.addSubnet(net, prefix, f);
    return list.check(ip, f);
  })?.[3];
const refuseSpecial = (ip: string, family: 'ipv4' | 'ipv6'): BackendResult | undefined => {
  const kind = specialKind(ip, family);
  return kind ? invalid(`host ${ip} is ${kind} address, which Kubernetes does not accept as an EndpointSlice endpoint; use an address the gateway reaches`) : undefined;
};

/**
 * Parses spec.url with the WHATWG URL parser. The URL's path is informational (the OpenAI base);
 * the gateway reaches the endpoint by host and port and rewrites paths with spec.rewritePath.
 * Messages never echo the whole URL: a query string could carry a credential.
 */
export function parseBackendUrl(url: string): BackendResult {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return invalid('is not an absolute URL (expected e.g. http://10.0.0.1/ns/replica/v1)');
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') return invalid(`must use http or https, not ${scheme}`);
  if (parsed.username !== '' || parsed.password !== '') {
    return invalid('must not carry credentials; use spec.headers with valueFrom.secretKeyRef');
  }
  if (parsed.search !== '' || parsed.hash !== '') return invalid('must not have a query string or fragment');
  const port = parsed.port === '' ? (scheme === 'https' ? 443 : 80) : Number(parsed.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return invalid(`has port ${parsed.port}, expected 1-65535`);

  const raw = parsed.hostname;
  if (raw.startsWith('[') && raw.endsWith(']')) {
    const ip = raw.slice(1, -1);
    if (!isIPv6(ip)) return invalid(`host ${raw} is not an IPv6 address`);
    return refuseSpecial(ip, 'ipv6') ?? { ok: true, backend: { scheme, host: ip, addressType: 'IPv6', port } };
  }
  if (isIPv4(raw)) return refuseSpecial(raw, 'ipv4') ?? { ok: true, backend: { scheme, host: raw, addressType: 'IPv4', port } };
  const host = raw.replace(/\.$/, '');
  if (host === '' || host.length > 253 || !DNS_SUBDOMAIN.test(host) || host.split('.').some((l) => l.length > 63)) {
    return invalid(`host ${JSON.stringify(raw)} is not a DNS name or IP address`);
  }
  return { ok: true, backend: { scheme, host, addressType: 'FQDN', port, hostname: host } };
}

/** The Service/EndpointSlice port name; Traefik also reads it (and appProtocol) to pick TLS. */
export const portName = (b: Backend): Scheme => b.scheme;
