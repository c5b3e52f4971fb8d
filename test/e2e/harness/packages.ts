// The packages the e2e control plane installs, as a user's registry would serve them: `npm run
// release` pushes the six Modelplane packages to a local TLS registry (test/package/registry.ts), and
// minimal stand-in packages for the ten Providers the Configuration depends on, built here from the
// pinned providers' CRDs (provider-kubernetes' and provider-helm's namespaced ones; the cloud
// families' metadata only), since providers cannot be fetched offline. ImageConfigs send the
// canonical repositories (xpkg.crossplane.io/modelplane, …/crossplane-contrib, xpkg.upbound.io/upbound)
// to the registry, whose CA Crossplane trusts through CA_BUNDLE_PATH.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { CROSSPLANE, ROOT } from '../../../sim/paths';
import type { LocalRegistry } from '../../package/registry';
import type { Kube, Obj } from './kube';
import { CONTROLPLANE_CRDS } from './paths';

/** Where the Configuration and its Functions are published; the Configuration names its Functions here. */
export const MODELPLANE_REPOSITORY = 'xpkg.crossplane.io/modelplane';
export const CONFIGURATION = 'modelplane';
/** The version this checkout releases (package.json's). */
export const CHECKOUT_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

/** The Configuration's Provider dependencies, from crossplane.yaml. */
export const PROVIDER_DEPENDENCIES = (parse(readFileSync(join(ROOT, 'crossplane.yaml'), 'utf8')).spec.dependsOn as { provider?: string; version: string }[])
  .filter((d): d is { provider: string; version: string } => d.provider !== undefined)
  .map((d) => ({ ref: d.provider, version: d.version }));

/** The local repository a canonical one is mirrored to: xpkg.upbound.io/upbound/x -> <registry>/upbound/x. */
export const mirrored = (registry: LocalRegistry, ref: string): string => `${registry.address}/${ref.split('/').slice(1).join('/')}`;

export interface Release {
  readonly version: string;
  /** `release.sh --out`: images/, xpkgs/, pushed.txt. */
  readonly dir: string;
  /** REF@DIGEST per push, read back from the registry. */
  readonly pushed: readonly string[];
}

/** `npm run release -- --registry <registry>/modelplane [--version X.Y.Z]`, as a maintainer runs it. */
export async function release(registry: LocalRegistry, out: string, version = CHECKOUT_VERSION): Promise<Release> {
  await promisify(execFile)('bash', [join(ROOT, 'scripts/release.sh'), '--registry', mirrored(registry, MODELPLANE_REPOSITORY), '--out', out, '--version', version], {
    env: { ...process.env, SSL_CERT_FILE: registry.caFile },
    maxBuffer: 64 << 20,
  });
  const pushed = readFileSync(join(out, 'pushed.txt'), 'utf8').trim().split('\n');
  return { version, dir: out, pushed };
}

/** Builds and pushes one stand-in Provider package: its metadata and the pinned provider's namespaced CRDs, if fetched. */
function pushStandInProvider(registry: LocalRegistry, dir: string, ref: string, version: string): void {
  const name = ref.split('/').at(-1)!;
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'crossplane.yaml'),
    `apiVersion: meta.pkg.crossplane.io/v1\nkind: Provider\nmetadata:\n  name: ${name}\n  annotations:\n    meta.crossplane.io/description: Minimal stand-in built by test/e2e/harness/packages.ts\n`,
  );
  // Only the namespaced (.m.) CRDs: the legacy cluster-scoped ones need a conversion webhook served
  // by the provider's pod, and no pod runs here.
  const crds = join(CONTROLPLANE_CRDS, name);
  const files = existsSync(crds) ? readdirSync(crds).filter((f) => f.includes('.m.crossplane.io_')) : [];
  for (const f of files) copyFileSync(join(crds, f), join(root, f));
  const out = join(dir, `${name}.xpkg`);
  mkdirSync(join(dir, 'no-examples'), { recursive: true });
  execFileSync(CROSSPLANE, ['xpkg', 'build', '-f', root, '-e', join(dir, 'no-examples'), '-o', out], { stdio: 'pipe' });
  execFileSync(CROSSPLANE, ['xpkg', 'push', '-f', out, `${mirrored(registry, ref)}:${version}`], { stdio: 'pipe', env: { ...process.env, SSL_CERT_FILE: registry.caFile } });
}

export function pushStandInProviders(registry: LocalRegistry, dir: string): void {
  for (const d of PROVIDER_DEPENDENCIES) pushStandInProvider(registry, dir, d.ref, d.version);
}

/** One ImageConfig per canonical source prefix, rewriting it to the local registry (docs/operating.md, mirrors). */
export function imageConfigs(registry: LocalRegistry): Obj[] {
  const prefixes = [...new Set([MODELPLANE_REPOSITORY, ...PROVIDER_DEPENDENCIES.map((d) => d.ref.split('/').slice(0, 2).join('/'))])];
  return prefixes.map((prefix) => ({
    apiVersion: 'pkg.crossplane.io/v1beta1',
    kind: 'ImageConfig',
    metadata: { name: prefix.replace(/[./]/g, '-') },
    spec: { matchImages: [{ type: 'Prefix', prefix }], rewriteImage: { prefix: mirrored(registry, prefix) } },
  }));
}

/** `crossplane xpkg install configuration`, as a user types it (the ImageConfigs do the rest). */
export function installConfiguration(kube: Kube, version: string): void {
  execFileSync(CROSSPLANE, ['xpkg', 'install', 'configuration', `${MODELPLANE_REPOSITORY}/${CONFIGURATION}:v${version}`, CONFIGURATION], {
    stdio: 'pipe',
    env: { ...process.env, KUBECONFIG: kube.kubeconfig },
  });
}

export interface Packages {
  readonly packages: Obj[];
  readonly revisions: Obj[];
}

/** Every package and revision; their conditions are also written to `file` for the artifacts. */
export async function listPackages(kube: Kube, file: string): Promise<Packages> {
  const list = async (...kinds: string[]) => (await Promise.all(kinds.map((k) => kube.list(k)))).flat();
  const packages = await list('configurations', 'functions', 'providers');
  const revisions = await list('configurationrevisions', 'functionrevisions', 'providerrevisions');
  const line = (p: Obj) =>
    `${p.kind} ${p.metadata.name} ${p.spec?.desiredState ?? ''}: ${(p.status?.conditions ?? []).map((c: Obj) => `${c.type}=${c.status} ${c.reason} ${c.message ?? ''}`).join('; ')}`;
  writeFileSync(file, `${[...packages, ...revisions].map(line).join('\n')}\n`);
  return { packages, revisions };
}

/** The package a revision belongs to (Crossplane's parent label). */
export const parentOf = (revision: Obj): string => revision.metadata.labels?.['pkg.crossplane.io/package'] as string;
