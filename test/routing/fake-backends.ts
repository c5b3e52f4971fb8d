// Fake OpenAI-compatible backends on loopback for the routing test. A replica backend stands in
// for an inference cluster's edge: it only accepts paths under its replica prefix and strips it,
// as the cluster gateway does before the pods. A provider backend checks the Authorization header.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  /** The path the model server sees (after the simulated cluster-edge rewrite, if any). */
  readonly path: string;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

export interface FakeBackendOptions {
  /** Listen address: 127.0.0.1 for IP endpoints, localhost for DNS-named ones. */
  readonly host: string;
  /** Simulated cluster edge: requests must start with this prefix, which is replaced by `/`. */
  readonly edgePrefix?: string;
  /** Exact Authorization header required (a provider's API key). */
  readonly authorization?: string;
}

export class FakeBackend {
  readonly received: Received[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(
    readonly name: string,
    private readonly opts: FakeBackendOptions,
  ) {}

  async listen(): Promise<number> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let path = new URL(req.url ?? '/', 'http://backend').pathname;
        const edge = this.opts.edgePrefix;
        if (edge) {
          if (!path.startsWith(edge)) return void res.writeHead(404).end(`${this.name}: ${path} is not under ${edge}`);
          path = `/${path.slice(edge.length)}`;
        }
        if (this.opts.authorization !== undefined && req.headers.authorization !== this.opts.authorization) {
          return void res.writeHead(401).end(`${this.name}: bad or missing Authorization`);
        }
        this.received.push({ path, body, headers: req.headers });
        const reply = {
          id: `chatcmpl-${this.received.length}`,
          object: 'chat.completion',
          model: this.name,
          choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        };
        res.writeHead(200, { 'content-type': 'application/json', 'x-backend': this.name }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, this.opts.host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
