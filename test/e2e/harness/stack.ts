// The whole e2e stack, started in order: etcd, three API servers (the control plane and two
// inference clusters), kube-controller-manager, Crossplane core, provider-kubernetes, our five
// functions, the XRDs and Compositions, the provider configs a platform team creates, and the
// cluster simulator. Runs inside the private network namespace scripts/test-e2e.sh creates, so the
// fixed ports below collide with nothing on the host.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../../sim/paths';
import { startApiServer, startControllerManager, startEtcd, type ApiServer } from './apiservers';
import { CROSSPLANE_NAMESPACE, startCrossplane } from './crossplane';
import { installFunctions, type RunningFunctions } from './functions';
import { isTrue, type Obj } from './kube';
import { ARTIFACTS, bin, CONTROLPLANE_CRDS, UPSTREAM_CRDS } from './paths';
import { serverTlsDir } from './pki';
import { ProcessGroup, until } from './processes';
import { Simulator, type SimulatedCluster } from './simulator';

/** How often Crossplane re-reconciles every XR (its default is 1m; the tour waits on it). */
export const POLL_INTERVAL = '10s';

export const INFERENCE_CLUSTERS = [
  { name: 'us-east', port: 6444, gatewayAddress: '198.51.100.10' },
  { name: 'eu-west', port: 6445, gatewayAddress: '198.51.100.20' },
] as const;

export interface Stack {
  readonly control: ApiServer;
  readonly clusters: ReadonlyMap<string, ApiServer>;
  readonly functions: RunningFunctions;
  readonly simulator: Simulator;
  readonly group: ProcessGroup;
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

export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-e2e-'));
  const group = new ProcessGroup();
  try {
    await startEtcd(group, join(dir, 'etcd'));
    const control = await startApiServer(group, 'control', 6443, join(dir, 'control'));
    const clusters = new Map<string, ApiServer>();
    for (const c of INFERENCE_CLUSTERS) clusters.set(c.name, await startApiServer(group, c.name, c.port, join(dir, c.name)));
    startControllerManager(group, control);

    // The providers' namespaced (.m.) CRDs, as their packages would install them; the legacy
    // cluster-scoped ones need a conversion webhook the package manager would wire, and we use none.
    const providerCrds = [...yamlFiles(join(CONTROLPLANE_CRDS, 'provider-kubernetes')), ...yamlFiles(join(CONTROLPLANE_CRDS, 'provider-helm'))];
    await applyCrds(
      control,
      providerCrds.filter((f) => f.includes('.m.crossplane.io_')),
    );
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

    const xp = await startCrossplane(group, control, join(dir, 'crossplane'), POLL_INTERVAL);
    group.start(
      'provider-kubernetes',
      bin('provider-kubernetes'),
      ['--poll=15s', '--sanitize-secrets', '--webhook-port=19443', '--metrics-bind-address=127.0.0.1:18090', '--health-probe-bind-addr=127.0.0.1:18091'],
      { env: { KUBECONFIG: control.kube.kubeconfig, TLS_SERVER_CERTS_DIR: serverTlsDir(join(dir, 'providers'), 'provider-kubernetes', xp.caCert, xp.caKey) } },
    );
    await until(
      'provider-kubernetes health',
      async () => {
        group.assertRunning();
        return (await fetch('http://127.0.0.1:18091/healthz')).ok ? true : undefined;
      },
      60_000,
    );
    const functions = await installFunctions(group, control, xp, join(dir, 'functions'));

    const xrds = readdirSync(join(ROOT, 'apis')).map((d) => join(ROOT, 'apis', d, 'definition.yaml'));
    await control.kube.applyFiles([...xrds, ...yamlFiles(join(ROOT, 'compositions'))]);
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
    const simulator = new Simulator(control, simulated, () => functions.publishEndpoints());
    simulator.start();
    return {
      control,
      clusters,
      functions,
      simulator,
      group,
      dump: (label) => dumpState(control, clusters, label),
      stop: async () => {
        await simulator.stop();
        await group.stopAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await group.stopAll();
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
  mkdirSync(join(ROOT, 'test-results', 'e2e'), { recursive: true });
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
  await grab(control, 'control-packages.yaml', ['get', 'functions,functionrevisions,compositionrevisions', '-o', 'yaml']);
  await grab(control, 'control-objects.yaml', ['get', 'objects.kubernetes.m.crossplane.io,releases.helm.m.crossplane.io', '-A', '-o', 'yaml']);
  await grab(control, 'control-events.txt', ['get', 'events', '-A', '--sort-by=.lastTimestamp']);
  for (const [name, api] of clusters) await grab(api, `${name}-all.txt`, ['get', 'all,gateways.gateway.networking.k8s.io,resourceclaimtemplates,httproutes', '-A']);
}
