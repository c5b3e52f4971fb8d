// `npm run release -- --registry HOST/ORG` against a local registry served over TLS with its own
// CA: five runtime images and six Crossplane packages are built without a container engine and
// pushed; the registry then serves each at the digest recorded, and what is pulled back is what was
// built (same config and layers, the runtime embedded under the package layer, the package.yaml
// content). A second build from the same checkout is byte-identical, so a re-release pushes the
// same digests.
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { FUNCTIONS, ROOT } from '../../sim/paths';
import { startRegistry, TOOLS, type LocalRegistry } from './registry';

const TAG = `v${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string}`;
const BUILD_TIMEOUT = 300_000;

let work: string;
let registry: LocalRegistry;
let org: string;
const trusted = (): ExecFileSyncOptions => ({ env: { ...process.env, SSL_CERT_FILE: registry.caFile }, stdio: 'pipe', maxBuffer: 256 * 2 ** 20 });
const crane = (...args: string[]) => execFileSync(join(TOOLS, 'crane'), args, { ...trusted(), encoding: 'utf8' }) as string;
const release = (...args: string[]) => execFileSync('bash', [join(ROOT, 'scripts/release.sh'), ...args], { ...trusted(), timeout: BUILD_TIMEOUT });
const read = (...path: string[]) => readFileSync(join(work, ...path), 'utf8');

interface Manifest {
  config: { digest: string };
  layers: { digest: string; annotations?: Record<string, string> }[];
}
/** The image a docker-archive (an image tarball or an .xpkg) holds: config digest, layer digests, tags. */
function archived(file: string) {
  const [m] = JSON.parse(execFileSync('tar', ['-xOf', file, 'manifest.json'], { encoding: 'utf8' })) as { Config: string; Layers: string[]; RepoTags: string[] | null }[];
  return { config: m!.Config, layers: m!.Layers.map((l) => `sha256:${l.replace(/\.tar\.gz$/, '')}`), tags: m!.RepoTags };
}
/** package.yaml from a pushed package, pulled by digest (crane checks what it pulls against it). */
const packageYaml = (ref: string) =>
  parseAllDocuments(execFileSync('sh', ['-c', `"$0" export "$1" - | tar -xO package.yaml`, join(TOOLS, 'crane'), ref], { ...trusted(), encoding: 'utf8' }) as string).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string }; spec?: Record<string, unknown> } | null,
  ).filter((d) => d !== null); // the CLI ends every object with ---
/** pushed.txt: REF@DIGEST per line, in push order. */
const pushed = () =>
  read('a', 'pushed.txt')
    .trim()
    .split('\n')
    .map((line) => {
      const [ref, digest] = line.split('@') as [string, string];
      return { ref, digest };
    });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'modelplane-release-'));
  registry = await startRegistry(join(work, 'registry'));
  org = `${registry.address}/modelplane`;
  release('--registry', org, '--out', join(work, 'a'));
}, BUILD_TIMEOUT + 60_000);
afterAll(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run release to a local TLS registry', () => {
  it('pushes five runtime images and five Function packages, then the Configuration', () => {
    expect(pushed().map((p) => p.ref)).toEqual([...FUNCTIONS.flatMap((fn) => [`${org}/${fn}-runtime:${TAG}`, `${org}/${fn}:${TAG}`]), `${org}/modelplane:${TAG}`]);
  });

  it('the registry serves every tag at the digest recorded; runtime images at the digest they were built with', () => {
    const built = new Map(
      read('a', 'images', 'digests.txt')
        .trim()
        .split('\n')
        .map((l) => l.split(' ') as [string, string]),
    );
    for (const { ref, digest } of pushed()) {
      expect(crane('digest', ref).trim(), ref).toBe(digest);
      const runtime = /\/(fn-[a-z]+)-runtime:/.exec(ref)?.[1];
      if (runtime) expect(digest, ref).toBe(built.get(runtime));
    }
  });

  it.each(FUNCTIONS)('%s: the pulled package is the built one, its runtime image embedded under package.yaml', (fn) => {
    const pkg = pushed().find((p) => p.ref === `${org}/${fn}:${TAG}`)!;
    const runtime = pushed().find((p) => p.ref === `${org}/${fn}-runtime:${TAG}`)!;
    const remote = JSON.parse(crane('manifest', `${org}/${fn}@${pkg.digest}`)) as Manifest;
    const local = archived(join(work, 'a', 'xpkgs', `${fn}.xpkg`));
    expect(remote.config.digest).toBe(local.config);
    expect(remote.layers.map((l) => l.digest)).toEqual(local.layers);
    // Bottom up: the runtime image's three layers (libraries, Node.js, bundle), then the package.
    const image = JSON.parse(crane('manifest', `${org}/${fn}-runtime@${runtime.digest}`)) as Manifest;
    expect(image.layers).toHaveLength(3);
    expect(remote.layers.slice(0, 3).map((l) => l.digest)).toEqual(image.layers.map((l) => l.digest));
    expect(remote.layers[3]!.annotations).toEqual({ 'io.crossplane.xpkg': 'base' });
    // The image tarball is tagged with the same version the packages are pushed under.
    expect(archived(join(work, 'a', 'images', `${fn}.tar`)).tags).toEqual([`modelplane/${fn}:${TAG}`]);
    const [meta, ...rest] = packageYaml(`${org}/${fn}@${pkg.digest}`);
    expect([meta!.kind, meta!.metadata.name, rest]).toEqual(['Function', fn, []]);
  });

  it('the pulled Configuration carries the XRDs, Compositions and Function dependencies at this version', () => {
    const cfg = pushed().at(-1)!;
    const docs = packageYaml(`${org}/modelplane@${cfg.digest}`);
    const [meta] = docs;
    expect([meta!.kind, meta!.metadata.name]).toEqual(['Configuration', 'modelplane']);
    const deps = (meta!.spec!.dependsOn as { function?: string; version: string }[]).filter((d) => d.function);
    expect(deps.map((d) => [d.function, d.version])).toEqual(FUNCTIONS.map((fn) => [`xpkg.crossplane.io/modelplane/${fn}`, TAG]));
    const count = (kind: string) => docs.filter((d) => d.kind === kind).length;
    expect([count('CompositeResourceDefinition'), count('Composition')]).toEqual([8, 8]);
    // Every XRD and Composition exactly as written (the builder adds only an empty creationTimestamp
    // and status): nothing the API declares, such as the ModelDeployment's scale subresource, is lost.
    const sources = [
      ...readdirSync(join(ROOT, 'apis')).map((d) => join(ROOT, 'apis', d, 'definition.yaml')),
      ...readdirSync(join(ROOT, 'compositions'))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(ROOT, 'compositions', f)),
    ];
    const bare = (o: Record<string, any>) => {
      const { status: _status, ...rest } = o;
      const { creationTimestamp: _created, ...metadata } = rest.metadata as Record<string, unknown>;
      return { ...rest, metadata };
    };
    for (const file of sources) {
      const want = parse(readFileSync(file, 'utf8')) as Record<string, any>;
      const got = (docs as Record<string, any>[]).find((d) => d.kind === want.kind && d.metadata.name === want.metadata.name);
      expect(got && bare(got), file).toEqual(want);
    }
    const md = (docs as Record<string, any>[]).find((d) => d.metadata.name === 'modeldeployments.modelplane.ai')!;
    expect(md.spec.versions[0].subresources.scale).toEqual({
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas.total',
      labelSelectorPath: '.status.labelSelector',
    });
  });

  it('a mirror made with crane copy serves the same digests', () => {
    for (const { ref, digest } of pushed()) {
      const mirrored = ref.replace(`${org}/`, `${registry.address}/mirror/`);
      crane('copy', ref, mirrored);
      expect(crane('digest', mirrored).trim(), mirrored).toBe(digest);
    }
  });

  it(
    'a second build from the same checkout gives byte-identical packages and the same image digests',
    () => {
      release('--out', join(work, 'b'));
      expect(read('b', 'xpkgs', 'SHA256SUMS')).toBe(read('a', 'xpkgs', 'SHA256SUMS'));
      expect(read('b', 'images', 'digests.txt')).toBe(read('a', 'images', 'digests.txt'));
      expect(read('a', 'xpkgs', 'SHA256SUMS').trim().split('\n')).toHaveLength(6);
    },
    BUILD_TIMEOUT,
  );

  it("clients verify the registry's certificate: without its CA a pull is refused", () => {
    const untrusted = () => execFileSync(join(TOOLS, 'crane'), ['digest', `${org}/modelplane:${TAG}`], { stdio: 'pipe', env: { ...process.env, SSL_CERT_FILE: '/dev/null' } });
    expect(untrusted).toThrow(/x509|certificate/);
  });
});
