// The install path a user takes, checked on what it produced: the stack (harness/stack.ts) pushed
// the six packages with `npm run release` to a local TLS registry, pointed Crossplane at it with
// ImageConfigs and ran `crossplane xpkg install configuration`; the package manager resolved the
// five Functions and ten Providers from the registry, and the harness, playing the External package
// runtime, runs each Function revision from its image.
import { expect, it } from 'vitest';
import { FUNCTIONS, functionRefName } from '../../../sim/paths';
import { isTrue, type Obj } from '../harness/kube';
import { CONFIGURATION, MODELPLANE_REPOSITORY, parentOf, type Release } from '../harness/packages';
import { PACKAGE_COUNT } from '../harness/stack';
import { stack } from './context';

/** The digest a release pushed for a repository (modelplane, fn-schedule, …). */
export function pushedDigest(release: Release, repository: string): string {
  const line = release.pushed.find((p) => p.split('@')[0]!.endsWith(`/${repository}:v${release.version}`));
  if (!line) throw new Error(`release v${release.version} pushed no ${repository}`);
  return line.split('@')[1]!;
}

/** The controller owner of an object, as kind/name. */
export const controllerOf = (o: Obj): string | undefined => {
  const ref = (o.metadata.ownerReferences as Obj[] | undefined)?.find((r) => r.controller);
  return ref && `${ref.kind}/${ref.name}`;
};

/** The package's current revision: Active and Healthy, its image the one the release pushed, from the local registry. */
export function expectCurrentRevision(pkg: Obj, revisions: readonly Obj[], release: Release, repository: string): Obj {
  const rev = revisions.find((r) => r.metadata.name === pkg.status?.currentRevision);
  expect(rev, `${pkg.metadata.name}'s current revision`).toBeDefined();
  expect(rev!.spec.desiredState).toBe('Active');
  expect(isTrue(rev!, 'RevisionHealthy'), `${rev!.metadata.name} RevisionHealthy`).toBe(true);
  const digest = pushedDigest(release, repository);
  // Crossplane names a revision after its package digest, and records where it resolved the package.
  expect(rev!.metadata.name).toBe(`${pkg.metadata.name}-${digest.replace('sha256:', '').slice(0, 12)}`);
  expect(pkg.status.resolvedPackage, pkg.metadata.name).toContain(stack().registry.address);
  // Named by its canonical repository (the ImageConfig rewrites it), at the release's tag or digest.
  expect([`${MODELPLANE_REPOSITORY}/${repository}:v${release.version}`, `${MODELPLANE_REPOSITORY}/${repository}@${digest}`]).toContain(pkg.spec.package);
  return rev!;
}

export function installSteps(): void {
  it('1. crossplane xpkg install resolves the Configuration, its five Functions and ten Providers from the local registry: every package Installed and Healthy', async () => {
    const s = stack();
    const { packages, revisions } = await s.packages();
    expect(packages).toHaveLength(PACKAGE_COUNT);
    for (const p of packages) expect([p.metadata.name, isTrue(p, 'Installed'), isTrue(p, 'Healthy')]).toEqual([p.metadata.name, true, true]);
    expect(revisions.every((r) => isTrue(r, 'RevisionHealthy'))).toBe(true);
    expect(
      packages
        .filter((p) => p.kind === 'Function')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(FUNCTIONS.map(functionRefName).sort());
    // Resolved through the ImageConfigs: from the local registry.
    for (const p of packages) expect(JSON.stringify(p.status), p.metadata.name).toContain(s.registry.address);
    const config = packages.find((p) => p.kind === 'Configuration')!;
    expectCurrentRevision(config, revisions, s.installed, CONFIGURATION);
    for (const fn of FUNCTIONS)
      expectCurrentRevision(
        packages.find((p) => p.metadata.name === functionRefName(fn))!,
        revisions,
        s.installed,
        fn,
      );
  });

  it('2. the XRDs and Compositions come from the Configuration package, the providers CRDs from theirs', async () => {
    const kube = stack().control.kube;
    const config = (await kube.get('configuration', CONFIGURATION))!;
    const owner = `ConfigurationRevision/${config.status.currentRevision as string}`;
    const xrds = await kube.list('compositeresourcedefinitions');
    const compositions = await kube.list('compositions');
    expect(xrds).toHaveLength(8);
    expect(compositions).toHaveLength(8);
    for (const o of [...xrds, ...compositions]) expect(controllerOf(o), o.metadata.name).toBe(owner);
    expect(xrds.every((x) => isTrue(x, 'Established'))).toBe(true);
    const crd = (await kube.get('crd', 'objects.kubernetes.m.crossplane.io'))!;
    expect(controllerOf(crd)).toMatch(/^ProviderRevision\/crossplane-contrib-provider-kubernetes-/);
  });

  it('3. each Function runs from its package image, at the endpoint its active revision reports', async () => {
    const s = stack();
    const revisions = await s.control.kube.list('functionrevisions');
    for (const fn of FUNCTIONS) {
      const active = revisions.filter((r) => parentOf(r) === functionRefName(fn) && r.spec.desiredState === 'Active');
      expect(active, fn).toHaveLength(1);
      const run = s.runtime.running.get(active[0]!.metadata.name);
      expect(run, `${fn} running`).toBeDefined();
      expect(run!.image).toContain(`@${pushedDigest(s.installed, fn)}`);
      expect(run!.version).toBe(`v${s.installed.version}`);
      expect(active[0]!.status.endpoint).toBe(run!.endpoint);
      expect(isTrue(active[0]!, 'RuntimeHealthy')).toBe(true);
    }
    expect(s.runtime.running.size).toBe(FUNCTIONS.length);
  });
}
