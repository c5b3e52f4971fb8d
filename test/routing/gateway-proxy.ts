// A small HTTP proxy that serves composed Gateway API objects the way a conforming gateway would,
// for exactly the features fn-service uses: HTTPRoutes attached to the modelplane Gateway,
// PathPrefix matches (longest wins), weighted backendRefs, backendRef-level URLRewrite
// (ReplacePrefixMatch + hostname), RequestHeaderModifier, and ExtensionRef to a Traefik Middleware
// running the Modelplane header plugin (Secret references resolved like Traefik's CRD provider).
// Backends are Services resolved through their EndpointSlices. Test code only: a real Traefik
// needs a Kubernetes API server for its Gateway provider, which the test machines do not have.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchesPrefix, normalizePrefix, pickWeighted, replacePrefix } from './gateway-semantics';

export type Obj = Record<string, any>;

export interface GatewayState {
  readonly gateway: { readonly name: string; readonly namespace: string };
  readonly objects: readonly Obj[];
  /**
   * Where this test network reaches an endpoint address. ModelEndpoints may not point at loopback
   * (the API server refuses such EndpointSlices), so tests give them documentation addresses
   * (RFC 5737) and the proxy dials those on loopback, where the fake backends listen.
   */
  readonly dial?: Readonly<Record<string, string>>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);
const SECRET_URN = /^urn:k8s:secret:([^:]+):([^:]+)$/;

class RouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class GatewayProxy {
  private server: Server | undefined;

  constructor(
    private readonly state: GatewayState,
    private readonly random: () => number = Math.random,
  ) {}

  async listen(): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private find(kind: string, namespace: string, name: string): Obj | undefined {
    return this.state.objects.find((o) => o.kind === kind && o.metadata?.namespace === namespace && o.metadata?.name === name);
  }

  private attached(route: Obj): boolean {
    const gw = this.state.gateway;
    return (route.spec?.parentRefs ?? []).some((p: Obj) => p.name === gw.name && (p.namespace ?? route.metadata.namespace) === gw.namespace);
  }

  /** The rule whose PathPrefix match is longest among attached routes. */
  private match(path: string): { route: Obj; rule: Obj; prefix: string } | undefined {
    let best: { route: Obj; rule: Obj; prefix: string } | undefined;
    for (const route of this.state.objects.filter((o) => o.kind === 'HTTPRoute' && this.attached(o))) {
      for (const rule of route.spec.rules ?? []) {
        for (const m of rule.matches ?? [{ path: { type: 'PathPrefix', value: '/' } }]) {
          if (m.path?.type !== 'PathPrefix' || !matchesPrefix(path, m.path.value)) continue;
          if (!best || normalizePrefix(m.path.value).length > normalizePrefix(best.prefix).length) best = { route, rule, prefix: m.path.value };
        }
      }
    }
    return best;
  }

  /** Service + port -> host:port through the Service's EndpointSlices (ready endpoints only). */
  private resolve(namespace: string, ref: Obj): { host: string; port: number } {
    const svc = this.find('Service', namespace, ref.name);
    if (!svc) throw new RouteError(500, `Service ${namespace}/${ref.name} not found`);
    const svcPort = (svc.spec.ports ?? []).find((p: Obj) => p.port === ref.port);
    if (!svcPort) throw new RouteError(500, `Service ${ref.name} has no port ${ref.port}`);
    const slices = this.state.objects.filter(
      (o) => o.kind === 'EndpointSlice' && o.metadata.namespace === namespace && o.metadata.labels?.['kubernetes.io/service-name'] === ref.name,
    );
    for (const slice of slices) {
      const port = (slice.ports ?? []).find((p: Obj) => p.name === svcPort.name)?.port;
      const ep = (slice.endpoints ?? []).find((e: Obj) => e.conditions?.ready !== false);
      if (port && ep) return { host: this.state.dial?.[ep.addresses[0]] ?? ep.addresses[0], port };
    }
    throw new RouteError(503, `no ready endpoints for Service ${ref.name}`);
  }

  /** Applies backendRef filters: returns the new path and mutates headers. */
  private applyFilters(namespace: string, filters: readonly Obj[], path: string, prefix: string, headers: Record<string, string>): string {
    let out = path;
    for (const f of filters) {
      if (f.type === 'URLRewrite') {
        if (f.urlRewrite.path?.type === 'ReplacePrefixMatch') out = replacePrefix(path, prefix, f.urlRewrite.path.replacePrefixMatch);
        if (f.urlRewrite.path?.type === 'ReplaceFullPath') out = f.urlRewrite.path.replaceFullPath;
        if (f.urlRewrite.hostname) headers.host = f.urlRewrite.hostname;
      } else if (f.type === 'RequestHeaderModifier') {
        const m = f.requestHeaderModifier;
        for (const h of m.set ?? []) headers[h.name.toLowerCase()] = h.value;
        for (const h of m.add ?? []) headers[h.name.toLowerCase()] = headers[h.name.toLowerCase()] ? `${headers[h.name.toLowerCase()]},${h.value}` : h.value;
        for (const n of m.remove ?? []) delete headers[n.toLowerCase()];
      } else if (f.type === 'ExtensionRef' && f.extensionRef.group === 'traefik.io' && f.extensionRef.kind === 'Middleware') {
        const mw = this.find('Middleware', namespace, f.extensionRef.name);
        const plugin = mw?.spec?.plugin?.modelplaneheaders;
        if (!plugin) throw new RouteError(500, `Middleware ${f.extensionRef.name} not found or not a header plugin`);
        for (const h of plugin.headers) headers[h.name.toLowerCase()] = (h.prefix ?? '') + this.secretValue(namespace, h.value);
      } else {
        throw new RouteError(500, `unsupported filter ${f.type}`);
      }
    }
    return out;
  }

  /** `urn:k8s:secret:<name>:<key>` -> the Secret's value in the Middleware's namespace; literals unchanged. */
  private secretValue(namespace: string, value: string): string {
    const m = SECRET_URN.exec(value);
    if (!m) return value;
    const data = this.find('Secret', namespace, m[1]!)?.data?.[m[2]!];
    if (data === undefined) throw new RouteError(500, `Secret ${namespace}/${m[1]} has no key ${m[2]}`);
    return Buffer.from(data, 'base64').toString('utf8');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://gateway');
      const hit = this.match(url.pathname);
      if (!hit) throw new RouteError(404, `no route for ${url.pathname}`);
      const refs: Obj[] = hit.rule.backendRefs ?? [];
      const i = pickWeighted(refs, this.random);
      if (i === undefined) throw new RouteError(500, 'no backend with a weight');
      const ref = refs[i]!;
      const ns = hit.route.metadata.namespace;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && typeof v === 'string') headers[k] = v;
      const path = this.applyFilters(ns, ref.filters ?? [], url.pathname, hit.prefix, headers);
      const target = this.resolve(ns, ref);
      await this.forward(req, res, target, path + url.search, headers);
    } catch (err) {
      const status = err instanceof RouteError ? err.status : 502;
      res.writeHead(status, { 'content-type': 'text/plain' }).end((err as Error).message);
    }
  }

  private forward(req: IncomingMessage, res: ServerResponse, target: { host: string; port: number }, path: string, headers: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      const up = httpRequest({ host: target.host, port: target.port, method: req.method, path, headers }, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.on('end', resolve);
      });
      up.on('error', reject);
      req.pipe(up);
    });
  }
}
