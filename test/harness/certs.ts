// Throwaway PKI for mTLS tests: a CA, a server certificate for 127.0.0.1 and a client certificate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  readonly dir: string;
  /** Directory laid out as a function expects: tls.crt, tls.key, ca.crt. */
  readonly serverDir: string;
  readonly ca: Buffer;
  readonly clientKey: Buffer;
  readonly clientCert: Buffer;
  /**
   * Shaped like the client certificate `crossplane core init` generates: the CA's own subject as
   * subject and issuer, no authority key identifier. OpenSSL's chain builder takes it for
   * self-signed; functions must accept it all the same.
   */
  readonly crossplaneClientKey: Buffer;
  readonly crossplaneClientCert: Buffer;
  /** A client certificate from a CA the function does not trust. */
  readonly foreignClientKey: Buffer;
  readonly foreignClientCert: Buffer;
  /** The server certificate (serverAuth only), presented as a client certificate. */
  readonly serverKey: Buffer;
  readonly serverCert: Buffer;
}

const openssl = (cwd: string, ...args: string[]) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

function issue(dir: string, name: string, subject: string, ext: string, ca = 'ca') {
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.crt`);
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-pki-'));
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=modelplane-test-ca');
  issue(dir, 'server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  issue(dir, 'client', '/CN=crossplane', 'extendedKeyUsage=clientAuth\n');
  issue(dir, 'xp-client', '/CN=modelplane-test-ca', 'extendedKeyUsage=clientAuth\nauthorityKeyIdentifier=none\nsubjectKeyIdentifier=none\n');
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other-ca.key', '-out', 'other-ca.crt', '-days', '1', '-subj', '/CN=modelplane-test-ca');
  issue(dir, 'foreign-client', '/CN=crossplane', 'extendedKeyUsage=clientAuth\n', 'other-ca');
  const serverDir = join(dir, 'server');
  execFileSync('mkdir', ['-p', serverDir]);
  writeFileSync(join(serverDir, 'tls.crt'), readFileSync(join(dir, 'server.crt')));
  writeFileSync(join(serverDir, 'tls.key'), readFileSync(join(dir, 'server.key')));
  writeFileSync(join(serverDir, 'ca.crt'), readFileSync(join(dir, 'ca.crt')));
  return {
    dir,
    serverDir,
    ca: readFileSync(join(dir, 'ca.crt')),
    clientKey: readFileSync(join(dir, 'client.key')),
    clientCert: readFileSync(join(dir, 'client.crt')),
    crossplaneClientKey: readFileSync(join(dir, 'xp-client.key')),
    crossplaneClientCert: readFileSync(join(dir, 'xp-client.crt')),
    foreignClientKey: readFileSync(join(dir, 'foreign-client.key')),
    foreignClientCert: readFileSync(join(dir, 'foreign-client.crt')),
    serverKey: readFileSync(join(dir, 'server.key')),
    serverCert: readFileSync(join(dir, 'server.crt')),
  };
}
