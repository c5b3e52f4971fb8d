// A local OCI registry for tests: scripts/package/setup-package-tools.sh's ociregistry
// (go-containerregistry's registry behind TLS) on a free loopback port, with a private CA from
// scripts/package/registry-certs.sh. Clients trust it through SSL_CERT_FILE=caFile.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../sim/paths';

export interface LocalRegistry {
  /** HOST:PORT, e.g. 127.0.0.1:40123. */
  readonly address: string;
  /** The CA that signed the registry's certificate. */
  readonly caFile: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export const TOOLS = join(ROOT, '.tools', 'bin');

/** Builds (or reuses) the pinned tools and serves a registry whose certificates and blobs live in dir. */
export async function startRegistry(dir: string): Promise<LocalRegistry> {
  execFileSync('bash', [join(ROOT, 'scripts/package/setup-package-tools.sh')], { stdio: 'pipe' });
  execFileSync('bash', [join(ROOT, 'scripts/package/registry-certs.sh'), join(dir, 'pki')], { stdio: 'pipe' });
  const child = spawn(join(TOOLS, 'ociregistry'), ['-cert', join(dir, 'pki/tls.crt'), '-key', join(dir, 'pki/tls.key'), '-disk', join(dir, 'blobs')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^https:\/\/(\S+)\n/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`ociregistry exited with ${code}: ${err}`)));
  });
  return {
    address,
    caFile: join(dir, 'pki/ca.crt'),
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
