// A loopback stand-in for Hugging Face and NGC: only the endpoints hydrate.py calls, serving a tiny
// fake repository, recording every request (path + Authorization) so tests can count downloads
// and see where a token went. Listens on 127.0.0.1 only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly path: string;
  readonly host: string;
  readonly authorization: string | undefined;
}

export interface StubFile {
  readonly path: string;
  readonly content: string;
  /** Serve it through a redirect to another origin (localhost vs 127.0.0.1), like a signed CDN URL. */
  readonly viaCdn?: boolean;
}

export interface StubOptions {
  readonly hfRepo?: string;
  readonly hfRevision?: string;
  readonly hfCommit?: string;
  /** org/[team/]name and version of the NGC model. */
  readonly ngcModel?: string;
  readonly ngcVersion?: string;
  readonly files: readonly StubFile[];
  /** When set, every API and file request must carry `Authorization: <requireAuth>` (else 401). */
  readonly requireAuth?: string;
  /** NGC legacy key exchange: Basic credentials accepted by /token and the token it returns. */
  readonly ngcExchange?: { readonly basic: string; readonly token: string };
  /** Requests to these paths fail once with a body cut short (a dropped connection). */
  readonly truncateOnce?: readonly string[];
  /** Paths answered with this status instead. */
  readonly failWith?: Readonly<Record<string, number>>;
}

export interface Stub {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Requests that fetched a file's bytes (not listings or token exchanges). */
  fileDownloads(): SeenRequest[];
  close(): Promise<void>;
}

export async function startStub(opts: StubOptions): Promise<Stub> {
  const requests: SeenRequest[] = [];
  const truncated = new Set<string>();
  let port = 0;
  const byPath = new Map(opts.files.map((f) => [f.path, f]));
  const hfPrefix = opts.hfRepo ? `/${opts.hfRepo}/resolve/${opts.hfCommit ?? 'main'}/` : undefined;
  const ngcFiles = opts.ngcModel ? `${ngcBase(opts.ngcModel, opts.ngcVersion ?? '1')}` : undefined;

  const send = (res: ServerResponse, status: number, body: string, type = 'application/octet-stream') => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  const serveFile = (req: IncomingMessage, res: ServerResponse, pathname: string, file: StubFile | undefined) => {
    if (!file) return send(res, 404, 'no such file');
    if (file.viaCdn && !pathname.startsWith('/cdn/')) {
      res.writeHead(302, { Location: `http://localhost:${port}/cdn/${encodeURIComponent(file.path)}?signature=abc` });
      return res.end();
    }
    if (opts.truncateOnce?.includes(file.path) && !truncated.has(file.path)) {
      truncated.add(file.path);
      res.writeHead(200, { 'Content-Length': Buffer.byteLength(file.content) + 100 });
      res.write(file.content.slice(0, 1));
      return req.socket.destroy();
    }
    send(res, 200, file.content);
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const pathname = url.pathname;
    requests.push({ path: pathname, host: req.headers.host ?? '', authorization: req.headers.authorization });
    const failure = opts.failWith?.[pathname];
    if (failure) return send(res, failure, 'stub failure');
    if (pathname.startsWith('/cdn/')) return serveFile(req, res, pathname, byPath.get(decodeURIComponent(pathname.slice(5))));
    if (pathname === '/token') {
      if (!opts.ngcExchange || req.headers.authorization !== `Basic ${opts.ngcExchange.basic}`) return send(res, 401, 'bad key');
      return send(res, 200, JSON.stringify({ token: opts.ngcExchange.token }), 'application/json');
    }
    if (opts.requireAuth && req.headers.authorization !== opts.requireAuth) return send(res, 401, 'unauthorized');
    if (opts.hfRepo && pathname === `/api/models/${opts.hfRepo}/revision/${encodeURIComponent(opts.hfRevision ?? 'main')}`) {
      const info = { id: opts.hfRepo, sha: opts.hfCommit, siblings: opts.files.map((f) => ({ rfilename: f.path })) };
      return send(res, 200, JSON.stringify(info), 'application/json');
    }
    if (hfPrefix && pathname.startsWith(hfPrefix)) return serveFile(req, res, pathname, byPath.get(decodeURIComponent(pathname.slice(hfPrefix.length))));
    if (ngcFiles && pathname === ngcFiles) {
      const listing = { modelFiles: opts.files.map((f) => ({ path: f.path, sizeInBytes: f.content.length })), paginationInfo: { totalPages: 1 } };
      return send(res, 200, JSON.stringify(listing), 'application/json');
    }
    if (ngcFiles && pathname.startsWith(`${ngcFiles}/`)) return serveFile(req, res, pathname, byPath.get(decodeURIComponent(pathname.slice(ngcFiles.length + 1))));
    send(res, 404, 'unknown endpoint');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const isListing = (p: string) => p.startsWith('/api/') || p === '/token' || p === ngcFiles;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fileDownloads: () => requests.filter((r) => !isListing(r.path) && r.path !== '/' && !r.path.endsWith('/')),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The NGC files endpoint of a model version, as hydrate.py builds it. */
export function ngcBase(model: string, version: string): string {
  const parts = model.split('/');
  const [org, team, name] = parts.length === 3 ? parts : [parts[0], undefined, parts[1]];
  return `/v2/org/${org}${team ? `/team/${team}` : ''}/models/${name}/versions/${version}/files`;
}
