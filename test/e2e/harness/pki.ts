// Certificates the e2e stack needs, made with openssl: a cluster CA per API server (serving cert
// for 127.0.0.1), a service-account signing key, and server certificates for our functions signed
// by the CA Crossplane generated (so Crossplane's function client trusts them).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const openssl = (cwd: string, ...args: string[]) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

export interface ServingCerts {
  readonly dir: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly saKeyFile: string;
  readonly saPubFile: string;
}

/** A CA, a serving certificate for 127.0.0.1 signed by it, and a service-account key pair. */
export function apiServerCerts(dir: string): ServingCerts {
  mkdirSync(dir, { recursive: true });
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=modelplane-e2e-ca');
  signServer(dir, 'serving', 'ca.crt', 'ca.key', 'IP:127.0.0.1,DNS:localhost');
  openssl(dir, 'genrsa', '-out', 'sa.key', '2048');
  openssl(dir, 'rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub');
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    certFile: join(dir, 'serving.crt'),
    keyFile: join(dir, 'serving.key'),
    saKeyFile: join(dir, 'sa.key'),
    saPubFile: join(dir, 'sa.pub'),
  };
}

/** Issues `<name>.crt`/`<name>.key` in dir for the given subjectAltName, signed by caCrt/caKey. */
export function signServer(dir: string, name: string, caCrt: string, caKey: string, san: string): void {
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n`);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', caCrt, '-CAkey', caKey, '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.crt`);
}

/**
 * A server TLS directory as Crossplane's runtime mounts one (tls.crt, tls.key, ca.crt) for a process
 * reached at 127.0.0.1, signed by the given CA. Returns the directory.
 */
export function serverTlsDir(dir: string, name: string, caCert: string, caKey: string): string {
  const work = join(dir, '.pki');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'ca.crt'), caCert);
  writeFileSync(join(work, 'ca.key'), caKey, { mode: 0o600 });
  signServer(work, name, 'ca.crt', 'ca.key', 'IP:127.0.0.1');
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'tls.crt'), readFileSync(join(work, `${name}.crt`)));
  writeFileSync(join(out, 'tls.key'), readFileSync(join(work, `${name}.key`)));
  writeFileSync(join(out, 'ca.crt'), caCert);
  return out;
}
