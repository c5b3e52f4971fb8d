// The install path a user takes, for real: `npm run release` pushes the six packages to a local
// registry (TLS, its own CA), and `crossplane xpkg install configuration` installs the Configuration
// through Crossplane's package manager, which resolves the five Functions and the ten Providers it
// depends on from that registry (ImageConfigs rewrite the canonical repositories to it; Crossplane
// trusts its CA through CA_BUNDLE_PATH), and creates the XRDs and Compositions from the package.
// Providers cannot be fetched offline: the registry gets minimal provider packages built here from
// the pinned providers' CRDs (provider-kubernetes' and provider-helm's namespaced ones; the cloud
// families' metadata only), so dependency resolution and CRD installation are real. The Functions
// run from their package images, unpacked and started in isolation (own PID namespace, chroot, the
// image's user and environment) as the External package runtime, with a server certificate signed
// by Crossplane's CA; an InferenceClass is then composed through them.
// A separate small stack (etcd, one API server, Crossplane): the tour (tour.e2e.ts) runs on its own.
import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CROSSPLANE, FUNCTIONS, ROOT, functionRefName } from '../../sim/paths';
import { freePort } from '../../sim/process';
import { startRegistry, type LocalRegistry } from '../package/registry';
import { unpackImage } from '../package/rootfs';
import { startApiServer, startEtcd, type ApiServer } from './harness/apiservers';
import { CROSSPLANE_NAMESPACE, startCrossplane, type Crossplane } from './harness/crossplane';
import { isTrue, type Obj } from './harness/kube';
import { ARTIFACTS, CONTROLPLANE_CRDS } from './harness/paths';
import { serverTlsDir } from './harness/pki';
import { ProcessGroup, until } from './harness/processes';
import { POLL_INTERVAL } from './harness/stack';

const TAG = `v${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string}`;
const INSTALL = 240_000;
const CHROOT = execFileSync('sh', ['-c', 'command -v chroot'], { encoding: 'utf8' }).trim();
const deps = (parse(readFileSync(join(ROOT, 'crossplane.yaml'), 'utf8')).spec.dependsOn as { function?: string; provider?: string; version: string }[]).filter((d) => d.provider);

let dir: string;
let group: ProcessGroup;
let registry: LocalRegistry;
let control: ApiServer;
let xp: Crossplane;

/** The local repository a canonical one (xpkg.upbound.io/upbound/x) is mirrored to: <registry>/upbound/x. */
const local = (ref: string) => `${registry.address}/${ref.split('/').slice(1).join('/')}`;

function providerPackage(ref: string, version: string): void {
  const name = ref.split('/').at(-1)!;
  const root = join(dir, 'providers', name);
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'crossplane.yaml'),
    `apiVersion: meta.pkg.crossplane.io/v1\nkind: Provider\nmetadata:\n  name: ${name}\n  annotations:\n    meta.crossplane.io/description: Minimal stand-in built by test/e2e/install.e2e.ts\n`,
  );
  const crds = join(CONTROLPLANE_CRDS, name);
  const files = existsSync(crds) ? readdirSync(crds).filter((f) => f.includes('.m.crossplane.io_')) : [];
  for (const f of files) copyFileSync(join(crds, f), join(root, f));
  const out = join(dir, 'providers', `${name}.xpkg`);
  mkdirSync(join(dir, 'no-examples'), { recursive: true });
  execFileSync(CROSSPLANE, ['xpkg', 'build', '-f', root, '-e', join(dir, 'no-examples'), '-o', out], { stdio: 'pipe' });
  execFileSync(CROSSPLANE, ['xpkg', 'push', '-f', out, `${local(ref)}:${version}`], { stdio: 'pipe', env: { ...process.env, SSL_CERT_FILE: registry.caFile } });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'modelplane-install-'));
  group = new ProcessGroup(join(ARTIFACTS, 'install'));
  registry = await startRegistry(join(dir, 'registry'));
  execFileSync('bash', [join(ROOT, 'scripts/release.sh'), '--registry', `${registry.address}/modelplane`, '--out', join(dir, 'release')], {
    stdio: 'pipe',
    env: { ...process.env, SSL_CERT_FILE: registry.caFile },
  });
  for (const d of deps) providerPackage(d.provider!, d.version);

  await startEtcd(group, join(dir, 'etcd'));
  control = await startApiServer(group, 'control', 6443, join(dir, 'control'));
  xp = await startCrossplane(group, control, join(dir, 'crossplane'), POLL_INTERVAL, { CA_BUNDLE_PATH: registry.caFile });
  const prefixes = [...new Set(['xpkg.crossplane.io/modelplane', ...deps.map((d) => d.provider!.split('/').slice(0, 2).join('/'))])];
  await control.kube.apply(
    prefixes.map((prefix) => ({
      apiVersion: 'pkg.crossplane.io/v1beta1',
      kind: 'ImageConfig',
      metadata: { name: prefix.replace(/[./]/g, '-') },
      spec: { matchImages: [{ type: 'Prefix', prefix }], rewriteImage: { prefix: local(prefix) } },
    })),
  );
  execFileSync(CROSSPLANE, ['xpkg', 'install', 'configuration', `xpkg.crossplane.io/modelplane/modelplane:${TAG}`, 'modelplane'], {
    stdio: 'pipe',
    env: { ...process.env, KUBECONFIG: control.kube.kubeconfig },
  });
}, 600_000);

afterAll(async () => {
  await group?.stopAll();
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Plays the package runtime's part for every Function and Provider revision: a TLS server Secret
 * signed by Crossplane's CA, named in the revision's status (the package manager waits for it
 * before establishing the package's objects; it would also be the CA bundle of conversion webhooks).
 */
async function provideRuntimeTls(): Promise<void> {
  for (const kind of ['functionrevisions', 'providerrevisions']) {
    for (const r of await control.kube.list(kind)) {
      if (r.status?.tlsServerSecretName) continue;
      const pkg = r.metadata.labels?.['pkg.crossplane.io/package'] as string;
      const name = `${pkg}-tls-server`;
      if (!secrets.has(name)) {
        const tls = serverTlsDir(join(dir, 'tls'), pkg, xp.caCert, xp.caKey);
        const data = Object.fromEntries(['tls.crt', 'tls.key', 'ca.crt'].map((f) => [f, readFileSync(join(tls, f)).toString('base64')]));
        await control.kube.apply([{ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: CROSSPLANE_NAMESPACE }, type: 'kubernetes.io/tls', data }]);
        secrets.set(name, tls);
      }
      await control.kube.patchStatus(kind, r.metadata.name, undefined, { tlsServerSecretName: name });
    }
  }
}
const secrets = new Map<string, string>();

/** Every package and revision, their conditions also written to test-results/e2e/install/packages.txt. */
async function packages(): Promise<{ pkgs: Obj[]; revs: Obj[] }> {
  const list = async (...kinds: string[]) => (await Promise.all(kinds.map((k) => control.kube.list(k)))).flat();
  const pkgs = await list('configurations', 'functions', 'providers');
  const revs = await list('configurationrevisions', 'functionrevisions', 'providerrevisions');
  const line = (p: Obj) => `${p.kind} ${p.metadata.name}: ${(p.status?.conditions ?? []).map((c: Obj) => `${c.type}=${c.status} ${c.reason} ${c.message ?? ''}`).join('; ')}`;
  writeFileSync(join(ARTIFACTS, 'install', 'packages.txt'), [...pkgs, ...revs].map(line).join('\n'));
  return { pkgs, revs };
}

/** What the runtime reports once a package's process serves: the RuntimeHealthy condition. */
async function markRuntimeHealthy(kind: string, revision: Obj): Promise<void> {
  const others = (revision.status?.conditions ?? []).filter((c: Obj) => c.type !== 'RuntimeHealthy');
  const healthy = { type: 'RuntimeHealthy', status: 'True', reason: 'HealthyPackageRevision', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  await control.kube.patchStatus(kind, revision.metadata.name, undefined, { conditions: [...others, healthy] });
}

const healthy = (p: Obj) => isTrue(p, 'Installed') && isTrue(p, 'Healthy');

describe('crossplane xpkg install from a local registry', () => {
  it(
    'installs the Configuration and resolves its five Functions and ten Providers from the local registry: every revision Healthy',
    async () => {
      const all = await until(
        'every package Installed, every revision Healthy',
        async () => {
          group.assertRunning();
          await provideRuntimeTls();
          const { pkgs, revs } = await packages();
          const config = pkgs.find((p) => p.kind === 'Configuration');
          const done = pkgs.length === 1 + FUNCTIONS.length + deps.length && config && healthy(config) && pkgs.every((p) => isTrue(p, 'Installed'));
          return done && revs.length === pkgs.length && revs.every((r) => isTrue(r, 'RevisionHealthy')) ? pkgs : undefined;
        },
        INSTALL,
        2_000,
      );
      expect(
        all
          .filter((p) => p.kind === 'Function')
          .map((p) => p.metadata.name)
          .sort(),
      ).toEqual(FUNCTIONS.map(functionRefName).sort());
      // Resolved through the ImageConfigs: from the local registry.
      for (const p of all) expect(JSON.stringify(p.status), p.metadata.name).toContain(registry.address);
    },
    INSTALL + 30_000,
  );

  it('creates the XRDs and Compositions from the package, and the providers their CRDs', async () => {
    const xrds = await until(
      'eight XRDs Established',
      async () => {
        const xrds = await control.kube.list('compositeresourcedefinitions');
        return xrds.length === 8 && xrds.every((x: Obj) => isTrue(x, 'Established')) ? xrds : undefined;
      },
      120_000,
    );
    expect(xrds.every((x) => x.metadata.ownerReferences?.some((o: Obj) => o.kind === 'ConfigurationRevision'))).toBe(true);
    expect(await control.kube.list('compositions')).toHaveLength(8);
    expect(await control.kube.get('crd', 'objects.kubernetes.m.crossplane.io')).toBeDefined();
  });

  it(
    'runs the Functions from their package images: every package Healthy, and an InferenceClass composed through them',
    async () => {
      for (const fn of FUNCTIONS) {
        const { rootfs, config } = unpackImage(join(dir, 'release', 'xpkgs', `${fn}.xpkg`), join(dir, 'rootfs', fn));
        const tls = secrets.get(`${functionRefName(fn)}-tls-server`)!;
        for (const f of ['tls.crt', 'tls.key', 'ca.crt']) {
          copyFileSync(join(tls, f), join(rootfs, 'tls/server', f));
          chownSync(join(rootfs, 'tls/server', f), 65532, 65532);
        }
        mkdirSync(join(rootfs, 'proc'), { recursive: true });
        const port = await freePort();
        // The image's entrypoint, user and environment, chrooted in its own PID namespace; it listens
        // on loopback here, where Crossplane dials the endpoint the revision reports.
        const p = group.start(fn, 'unshare', [
          '--pid',
          '--fork',
          '--kill-child',
          `--mount-proc=${join(rootfs, 'proc')}`,
          'env',
          '-i',
          ...config.Env,
          CHROOT,
          `--userspec=${config.User}`,
          rootfs,
          ...config.Entrypoint,
          '--address',
          `127.0.0.1:${port}`,
          '--metrics-address',
          'off',
        ]);
        await until(`${fn} serving from its image`, () => (p.log().includes('"msg":"serving"') ? true : undefined), 30_000, 100);
        await until(
          `${fn} endpoint on its active revision`,
          async () => {
            const revisions = await control.kube.list('functionrevisions');
            const active = revisions.find((r: Obj) => r.metadata.labels?.['pkg.crossplane.io/package'] === functionRefName(fn) && r.spec.desiredState === 'Active');
            if (!active) return undefined;
            await control.kube.patchStatus('functionrevisions', active.metadata.name, undefined, { endpoint: `dns:///127.0.0.1:${port}` });
            await markRuntimeHealthy('functionrevisions', active);
            return true;
          },
          60_000,
          1_000,
        );
      }
      // The providers' controllers do not run here (stand-in packages): their runtime is declared healthy.
      for (const r of await control.kube.list('providerrevisions')) await markRuntimeHealthy('providerrevisions', r);
      await until(
        'every package Installed and Healthy',
        async () => {
          const { pkgs } = await packages();
          return pkgs.length === 1 + FUNCTIONS.length + deps.length && pkgs.every(healthy) ? true : undefined;
        },
        120_000,
        2_000,
      );
      await control.kube.applyFiles([join(ROOT, 'examples', '01-inferenceclass-nvidia-l4.yaml')]);
      const cls = await until(
        'InferenceClass nvidia-l4 Ready',
        async () => {
          group.assertRunning();
          const c = await control.kube.get('inferenceclass', 'nvidia-l4');
          return isTrue(c, 'Ready') ? c : undefined;
        },
        180_000,
        1_000,
      );
      expect(isTrue(cls, 'Synced')).toBe(true);
    },
    INSTALL,
  );
});
