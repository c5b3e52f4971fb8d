// The whole e2e stack, started in order: a local TLS registry with this checkout released to it
// (and stand-in Provider packages, see packages.ts), etcd, three API servers (the control plane and
// two inference clusters), kube-controller-manager, Crossplane core with the External package
// runtime, then Modelplane installed as a user installs it: ImageConfigs pointing at the registry
// and `crossplane xpkg install configuration`. The package manager resolves the five Functions and
// ten Providers and creates the XRDs, Compositions and provider CRDs from the packages; the harness
// plays the package runtime (package-runtime.ts), running each Function revision from its image.
// provider-kubernetes' controller runs as a process once its package installed its CRDs; then the
// provider configs a platform team creates, and the cluster simulator. Runs inside the private
// network namespace scripts/test-e2e.sh creates, so the fixed ports below collide with nothing on
// the host.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTIONS } from '../../../sim/paths';
import { startRegistry, type LocalRegistry } from '../../package/registry';
import { startApiServer, startControllerManager, startEtcd, type ApiServer } from './apiservers';
import { CROSSPLANE_NAMESPACE, startCrossplane } from './crossplane';
import { isTrue, type Obj } from './kube';
import { CHECKOUT_VERSION, imageConfigs, installConfiguration, listPackages, PROVIDER_DEPENDENCIES, pushStandInProviders, release, type Packages, type Release } from './packages';
import { PackageRuntime } from './package-runtime';
import { ARTIFACTS, bin, UPSTREAM_CRDS } from './paths';
import { serverTlsDir } from './pki';
import { ProcessGroup, until } from './processes';
import { Simulator, type SimulatedCluster } from './simulator';

/** How often Crossplane re-reconciles every XR (its default is 1m; the tour waits on it). */
export const POLL_INTERVAL = '10s';
/** How long the package manager gets to install or upgrade every package. */
export const INSTALL_TIMEOUT = 300_000;

export const INFERENCE_CLUSTERS = [
  { name: 'us-east', port: 6444, gatewayAddress: '198.51.100.10' },
  { name: 'eu-west', port: 6445, gatewayAddress: '198.51.100.20' },
] as const;

/** One package per Modelplane Function, the Configuration, and its Provider dependencies. */
export const PACKAGE_COUNT = 1 + FUNCTIONS.length + PROVIDER_DEPENDENCIES.length;

export interface Stack {
  readonly control: ApiServer;
  readonly clusters: ReadonlyMap<string, ApiServer>;
  readonly registry: LocalRegistry;
  /** The release installed first (this checkout's version). */
  readonly installed: Release;
  readonly runtime: PackageRuntime;
  readonly simulator: Simulator;
  readonly group: ProcessGroup;
  /** Seconds each phase of the start took. */
  readonly phases: readonly { phase: string; seconds: number }[];
  /** Builds and pushes this checkout again as another version (npm run release -- --version). */
  release(version: string): Promise<Release>;
  /** Every package and revision (also written to test-results/e2e/packages.txt). */
  packages(): Promise<Packages>;
  /** Writes what an operator would look at (objects, events, revisions) to test-results/e2e. */
  dump(label: string): Promise<void>;
  stop(): Promise<void>;
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));

async function applyCrds(api: ApiServer, files: readonly string[]): Promise<void> {
  for (let i = 0; i < files.length; i += 20) await api.kube.kubectl(['apply', '--server-side', ...files.slice(i, i + 20).flatMap((f) => ['-f', f])]);
}

const installedAndHealthy = (p: Obj) => isTrue(p, 'Installed') && isTrue(p, 'Healthy');

export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-e2e-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const group = new ProcessGroup();
  const phases: { phase: string; seconds: number }[] = [];
  let phaseStarted = Date.now();
  const phase = (name: string) => {
    phases.push({ phase: name, seconds: (Date.now() - phaseStarted) / 1000 });
    phaseStarted = Date.now();
  };
  let registry: LocalRegistry | undefined;
  let runtime: PackageRuntime | undefined;
  try {
    registry = await startRegistry(join(dir, 'registry'));
    const installed = await release(registry, join(dir, `release-${CHECKOUT_VERSION}`));
    pushStandInProviders(registry, join(dir, 'providers'));
    phase(`npm run release of v${CHECKOUT_VERSION} to the local registry, stand-in providers`);

    await startEtcd(group, join(dir, 'etcd'));
    const control = await startApiServer(group, 'control', 6443, join(dir, 'control'));
    const clusters = new Map<string, ApiServer>();
    for (const c of INFERENCE_CLUSTERS) clusters.set(c.name, await startApiServer(group, c.name, c.port, join(dir, c.name)));
    startControllerManager(group, control);
    // What fn-service composes on the control cluster: Gateway API and Traefik's Middleware.
    await applyCrds(
      control,
      yamlFiles(join(UPSTREAM_CRDS, 'fn-service')).filter((f) => !f.includes('helm') && !f.includes('metallb')),
    );
    // Upstream CRDs the inference clusters' charts would install (LeaderWorkerSet, Gateway API,
    // the Inference Extension's InferencePool, Envoy Gateway's EnvoyProxy): the charts themselves
    // cannot be fetched offline, so the simulated Releases do not install them.
    const inferenceCrds = [
      ...yamlFiles(join(UPSTREAM_CRDS, 'fn-replica')),
      ...yamlFiles(join(UPSTREAM_CRDS, 'fn-inferencecluster')).filter((f) => /gateway-api|envoyproxies/.test(f)),
    ];
    for (const api of clusters.values()) await applyCrds(api, [...new Set(inferenceCrds)]);
    const xp = await startCrossplane(group, control, join(dir, 'crossplane'), POLL_INTERVAL, { CA_BUNDLE_PATH: registry.caFile });
    phase('etcd, API servers, controller manager, Crossplane');

    await control.kube.apply(imageConfigs(registry));
    runtime = new PackageRuntime(group, control, xp, registry, join(dir, 'runtime'));
    runtime.start();
    installConfiguration(control.kube, CHECKOUT_VERSION);
    const packages = () => listPackages(control.kube, join(ARTIFACTS, 'packages.txt'));
    const rt = runtime;
    await until(
      'every package Installed and Healthy',
      async () => {
        group.assertRunning();
        const { packages: pkgs } = await packages();
        return pkgs.length === PACKAGE_COUNT && pkgs.every(installedAndHealthy) ? true : undefined;
      },
      INSTALL_TIMEOUT,
      2_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}${rt.lastError instanceof Error ? `; package runtime: ${rt.lastError.message}` : ''}`);
    });
    phase('crossplane xpkg install configuration: every package Installed and Healthy');

    // The stand-in provider-kubernetes package installed its CRDs; its controller runs here.
    group.start(
      'provider-kubernetes',
      bin('provider-kubernetes'),
      ['--poll=15s', '--sanitize-secrets', '--webhook-port=19443', '--metrics-bind-address=127.0.0.1:18090', '--health-probe-bind-addr=127.0.0.1:18091'],
      { env: { KUBECONFIG: control.kube.kubeconfig, TLS_SERVER_CERTS_DIR: serverTlsDir(join(dir, 'providers-tls'), 'provider-kubernetes', xp.caCert, xp.caKey) } },
    );
    await until(
      'provider-kubernetes health',
      async () => {
        group.assertRunning();
        return (await fetch('http://127.0.0.1:18091/healthz')).ok ? true : undefined;
      },
      60_000,
    );
    await until(
      'every XRD Established',
      async () => {
        const xrds = await control.kube.list('compositeresourcedefinitions');
        return xrds.length >= 8 && xrds.every((x: Obj) => isTrue(x, 'Established')) ? xrds.length : undefined;
      },
      120_000,
    );
    await platformPrerequisites(control, clusters);
    const simulated: SimulatedCluster[] = INFERENCE_CLUSTERS.map((c) => ({ api: clusters.get(c.name)!, gatewayAddress: c.gatewayAddress }));
    const simulator = new Simulator(control, simulated);
    simulator.start();
    phase('provider-kubernetes, XRDs Established, platform prerequisites');
    const reg = registry;
    return {
      control,
      clusters,
      registry: reg,
      installed,
      runtime: rt,
      simulator,
      group,
      phases,
      release: (version) => release(reg, join(dir, `release-${version}`), version),
      packages,
      dump: (label) => dumpState(control, clusters, label),
      stop: async () => {
        await simulator.stop();
        await rt.stop();
        await group.stopAll();
        await reg.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await runtime?.stop();
    await group.stopAll();
    await registry?.stop();
    throw err;
  }
}

/**
 * What docs/operating.md asks a platform team to create before the tour: the `in-cluster` provider
 * configs (here with a kubeconfig Secret instead of InjectedIdentity, since provider-kubernetes runs
 * as a process rather than a pod), the modelplane-system namespace, and one kubeconfig Secret per
 * Existing inference cluster.
 */
async function platformPrerequisites(control: ApiServer, clusters: ReadonlyMap<string, ApiServer>): Promise<void> {
  const secret = (name: string, kubeconfig: string): Obj => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: CROSSPLANE_NAMESPACE },
    stringData: { kubeconfig },
  });
  const credentials = { source: 'Secret', secretRef: { namespace: CROSSPLANE_NAMESPACE, name: 'control-kubeconfig', key: 'kubeconfig' } };
  await control.kube.apply([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'modelplane-system' } },
    secret('control-kubeconfig', control.kubeconfig),
    ...[...clusters.values()].map((c) => secret(`${c.name}-kubeconfig`, c.kubeconfig)),
    { apiVersion: 'kubernetes.m.crossplane.io/v1alpha1', kind: 'ClusterProviderConfig', metadata: { name: 'in-cluster' }, spec: { credentials } },
    { apiVersion: 'helm.m.crossplane.io/v1beta1', kind: 'ClusterProviderConfig', metadata: { name: 'in-cluster' }, spec: { credentials } },
  ]);
}

/** Snapshots of each API server for a failed step: the control plane's Crossplane and Modelplane objects, and events. */
async function dumpState(control: ApiServer, clusters: ReadonlyMap<string, ApiServer>, label: string): Promise<void> {
  const out = join(ARTIFACTS, `state-${label}`);
  mkdirSync(out, { recursive: true });
  const grab = async (api: ApiServer, file: string, args: string[]) => {
    const text = await api.kube.kubectl(args).catch((err: Error) => err.message);
    writeFileSync(join(out, file), text);
  };
  await grab(control, 'control-modelplane.yaml', ['get', 'modelplane', '-A', '-o', 'yaml']);
  await grab(control, 'control-packages.yaml', ['get', 'configurations,configurationrevisions,functions,functionrevisions,providerrevisions,compositionrevisions', '-o', 'yaml']);
  await grab(control, 'control-objects.yaml', ['get', 'objects.kubernetes.m.crossplane.io,releases.helm.m.crossplane.io', '-A', '-o', 'yaml']);
  await grab(control, 'control-events.txt', ['get', 'events', '-A', '--sort-by=.lastTimestamp']);
  for (const [name, api] of clusters) await grab(api, `${name}-all.txt`, ['get', 'all,gateways.gateway.networking.k8s.io,resourceclaimtemplates,httproutes', '-A']);
}
