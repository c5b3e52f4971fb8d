// Mutual TLS in front of the gRPC server (unless the operator explicitly asks for --insecure). We
// terminate TLS ourselves so the client certificate is judged by client-cert.ts rather than by
// OpenSSL's chain builder, then hand the decrypted connection to grpc-js. A refused client is
// logged with the reason (what an operator needs when Crossplane reports only a timeout).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tls from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { judgeClientCertificate, splitPem } from './client-cert';
import type { Logger } from './logger';

export interface Listener {
  /** Stops accepting connections and lets in-flight calls finish within graceMs. */
  close(graceMs: number): void;
}

function hostPort(address: string): { host: string | undefined; port: number } {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i).replace(/^\[|\]$/g, '');
  return { host: host === '' || host === '0.0.0.0' || host === '::' ? undefined : host, port: Number(address.slice(i + 1)) };
}

export function listenInsecure(server: grpc.Server, address: string): Promise<Listener> {
  return new Promise((resolve, reject) => server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve({ close: () => undefined }))));
}

export function listenMutualTls(server: grpc.Server, address: string, certsDir: string, log: Logger): Promise<Listener> {
  const read = (file: string) => readFileSync(join(certsDir, file), 'utf8');
  const ca = read('ca.crt');
  const cas = splitPem(ca).map((pem) => new X509Certificate(pem));
  if (cas.length === 0) throw new Error(`${join(certsDir, 'ca.crt')} holds no certificate`);
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  const refused = new Set<string>();
  const tlsServer = tls.createServer(
    { key: read('tls.key'), cert: read('tls.crt'), ca, requestCert: true, rejectUnauthorized: false, ALPNProtocols: ['h2'], minVersion: 'TLSv1.2' },
    (socket) => {
      const verdict = judgeClientCertificate(socket.getPeerX509Certificate(), cas, new Date());
      if (!verdict.trusted) {
        // One line per distinct reason: a misconfigured client retries constantly.
        if (!refused.has(verdict.reason)) log.warn({ reason: verdict.reason, peer: socket.remoteAddress }, 'refused a client');
        refused.add(verdict.reason);
        socket.destroy();
        return;
      }
      injector.injectConnection(socket);
    },
  );
  tlsServer.on('tlsClientError', () => undefined);
  const { host, port } = hostPort(address);
  return new Promise((resolve, reject) => {
    tlsServer.once('error', reject);
    tlsServer.listen(port, host, () => {
      tlsServer.off('error', reject);
      resolve({
        close: (graceMs) => {
          tlsServer.close();
          injector.drain(graceMs);
        },
      });
    });
  });
}
