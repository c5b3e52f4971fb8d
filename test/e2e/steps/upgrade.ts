// A second version installed over the first, with the tour's deployment running, the way
// docs/operating.md tells a user to upgrade without Crossplane's alpha dependency-upgrade flag:
// `npm run release -- --version <next patch>` pushes the same checkout as the next version (its
// images carry the new version label, so every package gets a new digest), then each Function's
// spec.package moves to it, then the Configuration's. The package manager must make the new
// revisions Active and Healthy and hand the XRDs and Compositions to the new Configuration
// revision; the harness's package runtime runs the new images and stops the old ones. Nothing the
// tour created may be deleted, recreated or changed: every XR, composed Object and workload on the
// inference clusters keeps its UID and generation and stays Ready throughout, and the new Function
// revisions reconcile them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FUNCTIONS, functionRefName } from '../../../sim/paths';
import type { ApiServer } from '../harness/apiservers';
import { condition, isTrue, type Obj } from '../harness/kube';
import { CHECKOUT_VERSION, CONFIGURATION, MODELPLANE_REPOSITORY, type Release } from '../harness/packages';
import { ARTIFACTS } from '../harness/paths';
import { until } from '../harness/processes';
import { INSTALL_TIMEOUT } from '../harness/stack';
import { controllerOf, expectCurrentRevision } from './install';
import { CONVERGE, NS, stack } from './context';

/** The next patch version of this checkout: what the upgrade installs. */
export const UPGRADE_VERSION = CHECKOUT_VERSION.replace(/^(\d+)\.(\d+)\.(\d+).*$/, (_, major: string, minor: string, patch: string) => `${major}.${minor}.${Number(patch) + 1}`);

let pending: Promise<Release> | undefined;
/** Starts building and pushing the next version, so the build overlaps the tour. */
export function startUpgradeRelease(): void {
  pending = stack().release(UPGRADE_VERSION);
  // Awaited by the upgrade step; a failure is reported there.
  pending.catch(() => undefined);
}

/** What must stay as it is, per API server: the XRs, composed Objects and Releases, and the workloads and routes they applied. */
const WATCHED: readonly { api: 'control' | 'inference'; resources: string; namespace: string | 'all' }[] = [
  { api: 'control', resources: 'modelplane', namespace: 'all' },
  { api: 'control', resources: 'objects.kubernetes.m.crossplane.io,releases.helm.m.crossplane.io', namespace: 'all' },
  { api: 'control', resources: 'services,endpointslices.discovery.k8s.io,httproutes.gateway.networking.k8s.io', namespace: NS },
  {
    api: 'inference',
    resources: 'deployments.apps,jobs.batch,httproutes.gateway.networking.k8s.io,inferencepools.inference.networking.k8s.io,resourceclaimtemplates.resource.k8s.io',
    namespace: 'all',
  },
];

interface Snapshot {
  /** kind/namespace/name on an API server -> uid@generation. */
  readonly ids: Record<string, string>;
  /** XRs and composed Objects whose Ready condition is not True, with its reason. */
  readonly notReady: string[];
  /** XRs whose Synced condition is not True, with its reason. */
  readonly notSynced: string[];
}

const key = (api: ApiServer, o: Obj) => `${api.name} ${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
/**
 * XRs and the Objects Modelplane applies. An observe-only Object only reads what someone else
 * writes on the cluster (the capacity report, which no reporter writes here: no kubelet runs it),
 * so its readiness says nothing about the upgrade.
 */
const hasReady = (o: Obj) => o.apiVersion.includes('modelplane.ai') || (o.kind === 'Object' && !isObserveOnly(o));
const isObserveOnly = (o: Obj) => Array.isArray(o.spec?.managementPolicies) && o.spec.managementPolicies.length === 1 && o.spec.managementPolicies[0] === 'Observe';

async function snapshot(): Promise<Snapshot> {
  const s = stack();
  const ids: Record<string, string> = {};
  const notReady: string[] = [];
  const notSynced: string[] = [];
  for (const w of WATCHED) {
    const apis = w.api === 'control' ? [s.control] : [...s.clusters.values()];
    for (const api of apis) {
      for (const o of await api.kube.list(w.resources, w.namespace)) {
        ids[key(api, o)] = `${o.metadata.uid}@${o.metadata.generation}`;
        if (hasReady(o) && !isTrue(o, 'Ready')) notReady.push(`${key(api, o)} Ready=${condition(o, 'Ready')?.reason ?? 'absent'}`);
        if (o.apiVersion.includes('modelplane.ai') && !isTrue(o, 'Synced')) notSynced.push(`${key(api, o)} Synced=${condition(o, 'Synced')?.reason ?? 'absent'}`);
      }
    }
  }
  return { ids, notReady, notSynced };
}

/** Samples readiness every few seconds until stopped: everything ever seen not Ready or not Synced. */
function watchReadiness(): { stop(): Promise<{ samples: number; notReady: string[]; notSynced: string[] }> } {
  const notReady = new Set<string>();
  const notSynced = new Set<string>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const snap = await snapshot().catch(() => undefined);
      if (snap) {
        samples++;
        for (const n of snap.notReady) notReady.add(n);
        for (const n of snap.notSynced) notSynced.add(n);
      }
      await new Promise((r) => setTimeout(r, 2_000));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { samples, notReady: [...notReady], notSynced: [...notSynced] };
    },
  };
}

const patchPackage = (kind: string, name: string, repository: string, version: string) =>
  stack().control.kube.kubectl(['patch', kind, name, '--type=merge', '-p', JSON.stringify({ spec: { package: `${MODELPLANE_REPOSITORY}/${repository}:v${version}` } })]);

let before: Snapshot;
let watcher: ReturnType<typeof watchReadiness> | undefined;
/** Stops sampling readiness (the upgrade steps do; the file's afterAll too, in case they failed). */
export async function stopWatching(): Promise<void> {
  await watcher?.stop();
  watcher = undefined;
}
let next: Release;
const measured: string[] = [];

/** The package's current revision is the one for this release's digest, Active and Healthy. */
async function currentRevisionsAt(release: Release, names: readonly [string, string][]): Promise<boolean> {
  const { packages, revisions } = await stack().packages();
  return names.every(([name]) => {
    const pkg = packages.find((p) => p.metadata.name === name);
    const rev = revisions.find((r) => r.metadata.name === pkg?.status?.currentRevision);
    return pkg && rev && isTrue(pkg, 'Installed') && isTrue(pkg, 'Healthy') && isTrue(rev, 'RevisionHealthy') && rev.spec.desiredState === 'Active' && isRelease(rev, release);
  });
}
/** Whether a revision is of a release: its name ends with the package digest's first 12 hex digits. */
const isRelease = (rev: Obj, release: Release) => release.pushed.some((p) => rev.metadata.name.endsWith(p.split('@sha256:')[1]!.slice(0, 12)));

export function upgradeSteps(): void {
  it(
    `9. v${UPGRADE_VERSION} installed over v${CHECKOUT_VERSION}, Functions first, then the Configuration: new revisions Active and Healthy, the XRDs and Compositions from the new revision`,
    async () => {
      const s = stack();
      const kube = s.control.kube;
      const building = Date.now();
      next = await pending!;
      measured.push(`waited ${((Date.now() - building) / 1000).toFixed(0)} s for the v${UPGRADE_VERSION} release built during the tour`);
      // From a settled fleet: every XR and Object Ready and Synced before anything moves.
      before = await until(
        'every XR and composed Object Ready and Synced before the upgrade',
        async () => {
          const snap = await snapshot();
          return snap.notReady.length === 0 && snap.notSynced.length === 0 ? snap : undefined;
        },
        CONVERGE,
        2_000,
      );
      expect(Object.keys(before.ids).some((k) => k.includes('ModelDeployment/ml-team/qwen3-8b'))).toBe(true);
      const oldRevisions = (await s.packages()).revisions.map((r) => r.metadata.name);
      const compositionRevisions = (await kube.list('compositionrevisions')).map((r) => r.metadata.name).sort();
      watcher = watchReadiness();

      const functions = FUNCTIONS.map((fn) => [functionRefName(fn), fn] as [string, string]);
      let started = Date.now();
      for (const [name, fn] of functions) await patchPackage('function', name, fn, next.version);
      await until('every Function at its new revision, Active and Healthy', () => currentRevisionsAt(next, functions).then((ok) => ok || undefined), INSTALL_TIMEOUT, 2_000);
      measured.push(`the five Functions at v${next.version}, Active and Healthy, ${((Date.now() - started) / 1000).toFixed(0)} s after the patches`);
      const config = (await kube.get('configuration', CONFIGURATION))!;
      measured.push(
        `meanwhile the v${s.installed.version} Configuration: ${(config.status.conditions as Obj[]).map((c) => `${c.type}=${c.status} (${c.reason}) ${c.message ?? ''}`).join('; ')}`,
      );

      started = Date.now();
      await patchPackage('configuration', CONFIGURATION, CONFIGURATION, next.version);
      await until(
        'the Configuration at its new revision, Active and Healthy',
        () => currentRevisionsAt(next, [[CONFIGURATION, CONFIGURATION]]).then((ok) => ok || undefined),
        INSTALL_TIMEOUT,
        2_000,
      );
      measured.push(`the Configuration at v${next.version}, Active and Healthy, ${((Date.now() - started) / 1000).toFixed(0)} s after its patch`);

      const { packages, revisions } = await s.packages();
      for (const p of packages) expect([p.metadata.name, isTrue(p, 'Installed'), isTrue(p, 'Healthy')]).toEqual([p.metadata.name, true, true]);
      const configRevision = expectCurrentRevision(
        packages.find((p) => p.kind === 'Configuration')!,
        revisions,
        next,
        CONFIGURATION,
      );
      for (const [name, fn] of functions)
        expectCurrentRevision(
          packages.find((p) => p.metadata.name === name)!,
          revisions,
          next,
          fn,
        );
      // The superseded revisions stay, Inactive, until Crossplane's revision history limit collects them.
      for (const name of oldRevisions) {
        const r = revisions.find((x) => x.metadata.name === name);
        const upgraded = r && (r.kind === 'FunctionRevision' || r.kind === 'ConfigurationRevision');
        if (upgraded) expect([name, r.spec.desiredState]).toEqual([name, 'Inactive']);
      }
      await until(
        'the XRDs and Compositions owned by the new Configuration revision',
        async () => {
          const objs = [...(await kube.list('compositeresourcedefinitions')), ...(await kube.list('compositions'))];
          return objs.length === 16 && objs.every((o) => controllerOf(o) === `ConfigurationRevision/${configRevision.metadata.name}`) ? true : undefined;
        },
        CONVERGE,
      );
      // Same Compositions, so no new CompositionRevision: the XRs stay on the revision they use.
      expect((await kube.list('compositionrevisions')).map((r) => r.metadata.name).sort()).toEqual(compositionRevisions);
      writeFileSync(join(ARTIFACTS, 'upgrade-pkg.txt'), await kube.kubectl(['get', 'pkg']));
    },
    2 * INSTALL_TIMEOUT + CONVERGE,
  );

  it(
    '10. the running deployment is untouched by the upgrade: the same UIDs and generations, Ready throughout, reconciled by the new Functions',
    async () => {
      const s = stack();
      const kube = s.control.kube;
      // The old images are stopped once their successors serve; only the new version runs.
      await until(
        `only v${next.version} images running`,
        () => {
          const runs = [...s.runtime.running.values()];
          return runs.length === FUNCTIONS.length && runs.every((r) => r.version === `v${next.version}`) ? true : undefined;
        },
        60_000,
      );
      // Every function that some live XR's Composition calls must have served a RunFunction from its new image.
      const kinds = new Set((await kube.list('modelplane', 'all')).map((o) => o.kind as string));
      const called = new Set(
        (await kube.list('compositions'))
          .filter((c) => kinds.has(c.spec.compositeTypeRef.kind))
          .flatMap((c) => (c.spec.pipeline as Obj[]).map((p) => p.functionRef.name as string)),
      );
      expect(called.size).toBeGreaterThanOrEqual(4);
      const started = Date.now();
      await until(
        'a RunFunction served by each new Function revision that a live XR uses',
        () => {
          s.group.assertRunning();
          const runs = [...s.runtime.running.values()].filter((r) => called.has(r.pkg));
          return runs.length === called.size && runs.every((r) => r.process.log().includes('"msg":"RunFunction"')) ? true : undefined;
        },
        CONVERGE,
      );
      measured.push(`every live XR's functions called at their new revisions ${((Date.now() - started) / 1000).toFixed(0)} s after the Configuration upgrade completed`);
      // Two more poll intervals, so every XR has been through a reconcile at the new version.
      await new Promise((r) => setTimeout(r, 25_000));
      const seen = await watcher!.stop();
      watcher = undefined;
      const after = await snapshot();
      measured.push(
        `readiness sampled ${seen.samples} times during the upgrade: not Ready at some sample: ${seen.notReady.length ? seen.notReady.join(', ') : 'none'}; not Synced at some sample: ${seen.notSynced.length ? seen.notSynced.join(', ') : 'none'}`,
      );
      writeFileSync(join(ARTIFACTS, 'upgrade.md'), `${measured.map((m) => `- ${m}`).join('\n')}\n`);
      console.log(`\nupgrade:\n${measured.join('\n')}`);
      expect(after.ids).toEqual(before.ids);
      expect(seen.notReady).toEqual([]);
      expect(after.notReady).toEqual([]);
      expect(after.notSynced).toEqual([]);
    },
    2 * CONVERGE,
  );

  it(
    `11. rolled back to v${CHECKOUT_VERSION}, the Configuration first, then the Functions: the previous revisions Active and Healthy again, the deployment still untouched`,
    async () => {
      const s = stack();
      const kube = s.control.kube;
      const functions = FUNCTIONS.map((fn) => [functionRefName(fn), fn] as [string, string]);
      watcher = watchReadiness();
      const started = Date.now();
      await patchPackage('configuration', CONFIGURATION, CONFIGURATION, s.installed.version);
      for (const [name, fn] of functions) await patchPackage('function', name, fn, s.installed.version);
      await until(
        'every package back at its previous revision, Active and Healthy',
        () => currentRevisionsAt(s.installed, [[CONFIGURATION, CONFIGURATION], ...functions]).then((ok) => ok || undefined),
        INSTALL_TIMEOUT,
        2_000,
      );
      const rollback = [`rolled back: every package at v${s.installed.version}, Active and Healthy, ${((Date.now() - started) / 1000).toFixed(0)} s after the patches`];
      const { packages, revisions } = await s.packages();
      const configRevision = expectCurrentRevision(
        packages.find((p) => p.kind === 'Configuration')!,
        revisions,
        s.installed,
        CONFIGURATION,
      );
      for (const [name, fn] of functions)
        expectCurrentRevision(
          packages.find((p) => p.metadata.name === name)!,
          revisions,
          s.installed,
          fn,
        );
      await until(
        'the XRDs and Compositions owned by the previous Configuration revision again',
        async () => {
          const objs = [...(await kube.list('compositeresourcedefinitions')), ...(await kube.list('compositions'))];
          return objs.length === 16 && objs.every((o) => controllerOf(o) === `ConfigurationRevision/${configRevision.metadata.name}`) ? true : undefined;
        },
        CONVERGE,
      );
      await until(
        `only v${s.installed.version} images running`,
        () => {
          const runs = [...s.runtime.running.values()];
          return runs.length === FUNCTIONS.length && runs.every((r) => r.version === `v${s.installed.version}`) ? true : undefined;
        },
        60_000,
      );
      // Every XR reconciled again at the previous version (errors while a Function switched clear).
      const after = await until(
        'every XR Synced after the rollback',
        async () => {
          const snap = await snapshot();
          return snap.notSynced.length === 0 ? snap : undefined;
        },
        CONVERGE,
        2_000,
      );
      const seen = await watcher!.stop();
      watcher = undefined;
      rollback.push(`readiness sampled ${seen.samples} times during the rollback: not Ready at some sample: ${seen.notReady.length ? seen.notReady.join(', ') : 'none'}`);
      writeFileSync(join(ARTIFACTS, 'upgrade.md'), `${[...measured, ...rollback].map((m) => `- ${m}`).join('\n')}\n`);
      console.log(`\nrollback:\n${rollback.join('\n')}`);
      expect(after.ids).toEqual(before.ids);
      expect(seen.notReady).toEqual([]);
      expect(after.notReady).toEqual([]);
    },
    2 * INSTALL_TIMEOUT,
  );
}
