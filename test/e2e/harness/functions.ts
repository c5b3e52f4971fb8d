// Our five functions as Crossplane runs them with the External package runtime: the package
// manager installs each Function from its package (found offline in Crossplane's package cache,
// keyed by digest, as a pulled package would be), and this harness plays the runtime: it runs the
// function bundle with a server certificate signed by Crossplane's CA and reports the endpoint on
// the active FunctionRevision. Crossplane then calls RunFunction over mutual TLS.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, FUNCTIONS, ROOT, functionRefName, type FunctionName } from '../../../sim/paths';
import { freePort } from '../../../sim/process';
import type { ApiServer } from './apiservers';
import type { Crossplane } from './crossplane';
import type { Obj } from './kube';
import { serverTlsDir } from './pki';
import { until, type ProcessGroup } from './processes';

/** The registry host in package references: never contacted, packages resolve from the cache by digest. */
export const PACKAGE_REGISTRY = 'xpkg.modelplane.test/modelplane';

/** Crossplane's package-cache file name for a package source and digest (xpkg.FriendlyID). */
export function packageCacheId(source: string, digest: string): string {
  const s = `${source.slice(0, 50)}-${digest.slice(0, 12)}`;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (/[a-z0-9]/.test(c)) out += c;
    if ('./:-'.includes(c) && i !== 0 && i !== 62 && i !== s.length - 1) out += '-';
    if (i === 62) break;
  }
  return out.replace(/^-+|-+$/g, '');
}

export interface RunningFunctions {
  readonly ports: ReadonlyMap<FunctionName, number>;
  /** Reports each function's endpoint on its active revision (idempotent; the simulator repeats it). */
  publishEndpoints(): Promise<void>;
}

export async function installFunctions(group: ProcessGroup, control: ApiServer, xp: Crossplane, dir: string): Promise<RunningFunctions> {
  const ports = new Map<FunctionName, number>();
  for (const fn of FUNCTIONS) {
    const tls = serverTlsDir(dir, fn, xp.caCert, xp.caKey);
    const port = await freePort();
    ports.set(fn, port);
    const p = group.start(fn, process.execPath, [join(DIST, `${fn}.js`), '--address', `127.0.0.1:${port}`, '--tls-server-certs-dir', tls, '--metrics-address', 'off']);
    await until(`${fn} serving`, () => (p.log().includes('"msg":"serving"') ? true : undefined), 20_000, 100);

    const meta = readFileSync(join(ROOT, 'package', fn, 'crossplane.yaml'), 'utf8');
    const digest = `sha256:${createHash('sha256').update(meta).digest('hex')}`;
    const source = `${PACKAGE_REGISTRY}/${fn}`;
    writeFileSync(join(xp.xpkgCacheDir, `${packageCacheId(source, digest)}.gz`), gzipSync(meta));
    await control.kube.apply([
      {
        apiVersion: 'pkg.crossplane.io/v1',
        kind: 'Function',
        metadata: { name: functionRefName(fn) },
        spec: { package: `${source}@${digest}`, packagePullPolicy: 'IfNotPresent' },
      },
    ]);
  }
  const publishEndpoints = async () => {
    const revisions = await control.kube.list('functionrevisions');
    for (const fn of FUNCTIONS) {
      const endpoint = `dns:///127.0.0.1:${ports.get(fn)}`;
      const active = revisions.find((r: Obj) => r.metadata.labels?.['pkg.crossplane.io/package'] === functionRefName(fn) && r.spec.desiredState === 'Active');
      if (active && active.status?.endpoint !== endpoint) await control.kube.patchStatus('functionrevisions', active.metadata.name, undefined, { endpoint });
    }
  };
  await until(
    'an active FunctionRevision with an endpoint for every function',
    async () => {
      await publishEndpoints();
      const revisions = await control.kube.list('functionrevisions');
      return FUNCTIONS.every((fn) => revisions.some((r: Obj) => r.metadata.labels?.['pkg.crossplane.io/package'] === functionRefName(fn) && r.status?.endpoint)) ? true : undefined;
    },
    120_000,
    1_000,
  );
  return { ports, publishEndpoints };
}
