// The getting-started tour on the control plane the package manager set up: XRDs and Compositions
// from the Configuration package, Crossplane calling the Functions that run from their package
// images over mutual TLS, provider-kubernetes applying composed Objects into two inference API
// servers, kube-controller-manager collecting garbage. Only kubelets, chart installs and
// provider-helm are simulated (harness/simulator.ts). Steps run in order and build on each other;
// the deletion step runs last (lifecycle.e2e.ts), after the upgrade, which needs the tour's
// deployment running.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { CROSSPLANE, ROOT } from '../../../sim/paths';
import { livePool } from '../../../functions/lib/capacity';
import { readCapacityReport } from '../../../functions/lib/contracts';
import { condition, isTrue, type Obj } from '../harness/kube';
import { ARTIFACTS } from '../harness/paths';
import { until } from '../harness/processes';
import { CONVERGE, NS, stack, waitFor } from './context';

const example = (f: string) => join(ROOT, 'examples', f);
const fixture = (f: string) => join(ROOT, 'test', 'e2e', 'fixtures', f);

const replicas = () => stack().control.kube.list('modelreplicas', NS);
const clusterOf = (r: Obj): string => r.spec.clusterName;
/** The engine Deployments of qwen3-8b's replicas on an inference cluster (the endpoint picker's carry no engine label). */
async function engineDeployments(cluster: string): Promise<Obj[]> {
  const all = await stack().clusters.get(cluster)!.kube.list('deployments.apps', 'all');
  return all.filter((d: Obj) => {
    const labels = d.metadata.labels ?? {};
    return String(labels['modelplane.ai/replica'] ?? '').startsWith('qwen3-8b-') && labels['modelplane.ai/engine'] !== undefined;
  });
}
const scale = (n: number) => stack().control.kube.kubectl(['scale', 'modeldeployment', 'qwen3-8b', `--replicas=${n}`, '-n', NS]);

/** The tour up to its last step, in order (steps 4-8 of the lifecycle). */
export function tourSteps(): void {
  it('4. InferenceClasses are accepted; Existing InferenceClusters become Ready with their stack applied on each cluster', async () => {
    const kube = stack().control.kube;
    await kube.applyFiles([example('01-inferenceclass-nvidia-l4.yaml'), fixture('clusters.yaml'), fixture('gateway.yaml')]);
    const cls = await waitFor(
      'InferenceClass nvidia-l4 Ready',
      () => kube.get('inferenceclass', 'nvidia-l4'),
      (c) => isTrue(c, 'Ready'),
    );
    expect(isTrue(cls, 'Synced')).toBe(true);
    for (const name of ['us-east', 'eu-west']) {
      const cluster = await waitFor(
        `InferenceCluster ${name} Ready`,
        () => kube.get('inferencecluster', name),
        (c) => isTrue(c, 'Ready'),
      );
      expect(cluster.status.gpuPools).toEqual([expect.objectContaining({ name: 'l4' })]);
      const remote = stack().clusters.get(name)!.kube;
      const namespaces = (await remote.list('namespaces')).map((n: Obj) => n.metadata.name);
      expect(namespaces).toEqual(expect.arrayContaining(['modelplane-serving', 'modelplane-system']));
      expect(await remote.get('gateways.gateway.networking.k8s.io', 'inference-gateway', 'modelplane-system')).toBeDefined();
    }
    const gateway = await waitFor(
      'InferenceGateway default Ready',
      () => kube.get('inferencegateway', 'default'),
      (g) => isTrue(g, 'Ready'),
    );
    expect(gateway.status.address).toBe('198.51.100.1');
  });

  it('5. a ModelDeployment composes its replica on an inference cluster, validated by that API server, and a ModelService routes to it', async () => {
    const kube = stack().control.kube;
    await kube.kubectl(['create', 'namespace', NS]);
    await kube.kubectl(['-n', NS, 'create', 'secret', 'generic', 'hf-token', '--from-literal=HF_TOKEN=e2e-not-a-token']);
    await kube.applyFiles([example('09-modeldeployment-qwen3-8b.yaml'), example('13-modelservice-qwen3-8b.yaml')]);
    const [replica] = await until('one ModelReplica', async () => ((await replicas()).length === 1 ? replicas() : undefined), CONVERGE);
    const cluster = clusterOf(replica!);
    expect(['us-east', 'eu-west']).toContain(cluster);
    // The workload, its DRA claim template and its routing exist in that cluster's API server.
    const remote = stack().clusters.get(cluster)!.kube;
    await until(`engine Deployment on ${cluster}`, async () => ((await engineDeployments(cluster)).length === 1 ? true : undefined), CONVERGE);
    // provider-kubernetes applies the replica's Objects one by one: each kind appears in its own time.
    for (const kind of ['resourceclaimtemplates.resource.k8s.io', 'inferencepools.inference.networking.k8s.io', 'httproutes.gateway.networking.k8s.io']) {
      await until(`${kind} on ${cluster}`, async () => ((await remote.list(kind, 'all')).length >= 1 ? true : undefined), CONVERGE);
    }
    const other = cluster === 'us-east' ? 'eu-west' : 'us-east';
    expect(await engineDeployments(other)).toEqual([]);

    const md = await waitFor(
      'ModelDeployment Ready',
      () => kube.get('modeldeployment', 'qwen3-8b', NS),
      (m) => isTrue(m, 'Ready'),
    );
    expect(condition(md, 'ReplicasScheduled')?.status).toBe('True');
    const endpoints = await until(
      'a ModelEndpoint',
      async () => {
        const eps = await kube.list('modelendpoints', NS);
        return eps.length === 1 ? eps : undefined;
      },
      CONVERGE,
    );
    const service = await waitFor(
      'ModelService Ready',
      () => kube.get('modelservice', 'qwen3-8b', NS),
      (s) => isTrue(s, 'Ready'),
    );
    expect(service.status.address).toBe(`http://198.51.100.1/${NS}/qwen3-8b`);
    // The service's route on the control cluster sends traffic to the endpoint's Service, whose
    // EndpointSlice holds the replica's cluster gateway address (from the endpoint's URL).
    const route = (await kube.get('httproutes.gateway.networking.k8s.io', 'ms-qwen3-8b', NS))!;
    const backends = route.spec.rules.flatMap((r: Obj) => r.backendRefs ?? []).map((b: Obj) => b.name);
    const endpointService = `me-${endpoints[0]!.metadata.name}`;
    expect(backends).toContain(endpointService);
    const slices = await kube.list('endpointslices.discovery.k8s.io', NS);
    const addresses = slices
      .filter((e: Obj) => e.metadata.labels?.['kubernetes.io/service-name'] === endpointService)
      .flatMap((e: Obj) => e.endpoints.flatMap((x: Obj) => x.addresses));
    expect(addresses).toEqual([new URL(endpoints[0]!.spec.url).hostname]);
  });

  it('6. kubectl scale through the scale subresource adds replicas on both clusters; scaling down removes a workload from its cluster', async () => {
    await scale(3);
    const three = await until(
      'three ModelReplicas',
      async () => {
        const rs = await replicas();
        return rs.length === 3 ? rs : undefined;
      },
      CONVERGE,
    );
    // Two clusters with two L4 nodes each: three replicas spread over both.
    expect(new Set(three.map(clusterOf))).toEqual(new Set(['us-east', 'eu-west']));
    await until(
      'three engine Deployments across the clusters',
      async () => {
        const n = (await engineDeployments('us-east')).length + (await engineDeployments('eu-west')).length;
        return n === 3 ? true : undefined;
      },
      CONVERGE,
    );

    await scale(1);
    await until('one ModelReplica after scaling down', async () => ((await replicas()).length === 1 ? true : undefined), CONVERGE);
    // Garbage collection and provider-kubernetes remove the workloads from the inference clusters.
    await until(
      'one engine Deployment left across the clusters',
      async () => {
        const n = (await engineDeployments('us-east')).length + (await engineDeployments('eu-west')).length;
        return n === 1 ? true : undefined;
      },
      CONVERGE,
    );
  });

  it('7. a typo in a device selector, or a cluster selector that matches nothing, keeps the running replica and says what is wrong', async () => {
    const kube = stack().control.kube;
    const before = await replicas();
    expect(before).toHaveLength(1);
    const md = (await kube.get('modeldeployment', 'qwen3-8b', NS))!;
    const engines = structuredClone(md.spec.engines);
    engines[0].members[0].nodeSelector.devices[0].selectors[0].cel = 'device.attributes["gpu.nvidia.com"].productName.lowerAscii(.contains("l4")';
    await kube.kubectl(['patch', 'modeldeployment', 'qwen3-8b', '-n', NS, '--type=merge', '-p', JSON.stringify({ spec: { engines } })]);
    const broken = await waitFor(
      'ModelDeployment reports the selector',
      () => kube.get('modeldeployment', 'qwen3-8b', NS),
      (m) => condition(m, 'Ready')?.status === 'False' && JSON.stringify(m.status.conditions).includes('cel'),
    );
    expect(JSON.stringify(broken.status.conditions)).toMatch(/selectors\[0\]\.cel|selector/i);
    // Nothing lost: the replica and its workload stay through several reconciles.
    await new Promise((r) => setTimeout(r, 25_000));
    const after = await replicas();
    expect(after.map((r) => r.metadata.name)).toEqual(before.map((r) => r.metadata.name));
    expect(await engineDeployments(clusterOf(after[0]!))).toHaveLength(1);
    await kube.kubectl(['patch', 'modeldeployment', 'qwen3-8b', '-n', NS, '--type=merge', '-p', JSON.stringify({ spec: { engines: md.spec.engines } })]);
    await waitFor(
      'ModelDeployment Ready again',
      () => kube.get('modeldeployment', 'qwen3-8b', NS),
      (m) => isTrue(m, 'Ready'),
    );

    // A cluster selector that matches no cluster empties the list of candidates: still nothing is lost.
    const nowhere = { matchLabels: { 'modelplane.ai/region': 'nowhere' } };
    await kube.kubectl(['patch', 'modeldeployment', 'qwen3-8b', '-n', NS, '--type=merge', '-p', JSON.stringify({ spec: { clusterSelector: nowhere } })]);
    await waitFor(
      'ModelDeployment reports no clusters',
      () => kube.get('modeldeployment', 'qwen3-8b', NS),
      (m) => condition(m, 'ReplicasScheduled')?.reason === 'NoClusters',
    );
    await new Promise((r) => setTimeout(r, 20_000));
    expect((await replicas()).map((r) => r.metadata.name)).toEqual(before.map((r) => r.metadata.name));
    expect(await engineDeployments(clusterOf(before[0]!))).toHaveLength(1);
    // A JSON patch replaces the selector whole (a merge patch would keep the matchLabels added above).
    await kube.kubectl([
      'patch',
      'modeldeployment',
      'qwen3-8b',
      '-n',
      NS,
      '--type=json',
      '-p',
      JSON.stringify([{ op: 'replace', path: '/spec/clusterSelector', value: md.spec.clusterSelector }]),
    ]);
    await waitFor(
      'ModelDeployment scheduled again',
      () => kube.get('modeldeployment', 'qwen3-8b', NS),
      (m) => condition(m, 'ReplicasScheduled')?.status === 'True',
    );
  });

  it('8. crossplane beta trace shows the tree down to the Objects on the cluster, with their readiness', async () => {
    const { stdout } = await promisify(execFile)(CROSSPLANE, ['beta', 'trace', 'modeldeployment', 'qwen3-8b', '-n', NS], {
      env: { ...process.env, KUBECONFIG: stack().control.kube.kubeconfig },
      maxBuffer: 16 << 20,
    });
    expect(stdout).toMatch(/ModelDeployment\/qwen3-8b/);
    expect(stdout).toMatch(/ModelReplica\/qwen3-8b-/);
    expect(stdout).toMatch(/Object\/[\w-]+\s/);
    expect(stdout).toMatch(/True\s+True/);
    writeFileSync(join(ARTIFACTS, 'trace.txt'), stdout);
  });
}

/** The tour's last step: deleting the ModelDeployment. */
export function deletionStep(): void {
  it('12. deleting the ModelDeployment removes every composed object on every cluster', async () => {
    const kube = stack().control.kube;
    await kube.delete('modeldeployment', 'qwen3-8b', NS);
    await until('no ModelReplicas', async () => ((await replicas()).length === 0 ? true : undefined), CONVERGE);
    await until(
      'no engine Deployments on any cluster',
      async () => {
        const n = (await engineDeployments('us-east')).length + (await engineDeployments('eu-west')).length;
        return n === 0 ? true : undefined;
      },
      CONVERGE,
    );
    for (const api of stack().clusters.values()) {
      const claims = await api.kube.list('resourceclaimtemplates.resource.k8s.io', 'all');
      expect(claims).toEqual([]);
    }
  });
}

/**
 * Last, on a quiet fleet (its numbers would steer the tour's placements): the capacity reporter's
 * script, run once exactly as its Deployment runs it and authenticated as its own ServiceAccount
 * against a real inference API server, writes the report; the real provider-kubernetes brings it
 * back through the observe-only Object and the InferenceCluster publishes it. No kubelet or DRA
 * driver runs here, so the test creates what they would have published: two l4 nodes, one
 * cordoned, each with a ResourceSlice of one GPU.
 */
export function reporterStep(): void {
  it('13. the capacity reporter, run as its own ServiceAccount against an inference API server, writes its report; the InferenceCluster publishes it', async () => {
    const api = stack().clusters.get('us-east')!;
    const remote = api.kube;
    const deployment = await waitFor(
      'the capacity reporter Deployment on us-east',
      () => remote.get('deployments.apps', 'modelplane-capacity-reporter', 'modelplane-system'),
      () => true,
    );
    const nodes = ['l4-1', 'l4-2'].map((name, i) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'modelplane.ai/pool': 'l4' } },
      spec: { unschedulable: i === 1 },
    }));
    const slices = nodes.map((n) => ({
      apiVersion: 'resource.k8s.io/v1',
      kind: 'ResourceSlice',
      metadata: { name: `${n.metadata.name}-gpu` },
      spec: { driver: 'gpu.nvidia.com', nodeName: n.metadata.name, pool: { name: n.metadata.name, generation: 1, resourceSliceCount: 1 }, devices: [{ name: 'gpu-0' }] },
    }));
    await remote.apply([...nodes, ...slices]);
    for (const n of nodes) await remote.patchStatus('nodes', n.metadata.name, undefined, { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] });
    const token = (await remote.kubectl(['-n', 'modelplane-system', 'create', 'token', 'modelplane-capacity-reporter'])).trim();
    const dir = join(ARTIFACTS, 'reporter');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'token'), token);
    writeFileSync(join(dir, 'ca.crt'), Buffer.from(/certificate-authority-data: (\S+)/.exec(api.kubeconfig)![1]!, 'base64'));
    const container = deployment.spec.template.spec.containers[0];
    const env = Object.fromEntries((container.env as Obj[]).map((e) => [e.name, e.value]));
    const run = await promisify(execFile)(container.command[0], container.command.slice(1), {
      env: {
        PATH: process.env.PATH ?? '',
        ...env,
        MODELPLANE_ONCE: '1',
        MODELPLANE_API_URL: api.url,
        MODELPLANE_TOKEN_FILE: join(dir, 'token'),
        MODELPLANE_CA_FILE: join(dir, 'ca.crt'),
      },
    });
    expect(run.stdout).toMatch(/reported 2 nodes/);
    const cm = await remote.get('configmaps', 'modelplane-capacity', 'modelplane-system');
    expect(JSON.parse(cm!.data.nodes).map((n: Obj) => [n.name, n.unschedulable, n.devices])).toEqual([
      ['l4-1', false, { 'gpu.nvidia.com': { published: 1, foreign: 0 } }],
      ['l4-2', true, { 'gpu.nvidia.com': { published: 1, foreign: 0 } }],
    ]);
    const cluster = await waitFor(
      'us-east publishes live capacity',
      () => stack().control.kube.get('inferencecluster', 'us-east'),
      (c) => c.status?.gpuPools?.[0]?.live !== undefined,
    );
    // The cluster's node lifecycle controller marks nodes without a kubelet NotReady and taints them
    // soon after they appear, so which are usable depends on timing: the published numbers must be
    // exactly what the rules make of the report that was written.
    const report = readCapacityReport(cm);
    if (report.state !== 'present') throw new Error(`report not readable: ${report.problem}`);
    const recipe = [{ claim: 'DRA' as const, driver: 'gpu.nvidia.com', deviceClassName: 'gpu.nvidia.com', count: 1 }];
    expect(cluster.status.gpuPools[0].live).toEqual({ reportedAt: cm!.data.reportedAt, ...livePool(recipe, report.nodes, undefined) });
    expect(cluster.status.gpuPools[0].live).toMatchObject({ nodes: 2 });
    expect(condition(cluster, 'CapacityReported')).toMatchObject({ status: 'True', reason: 'Reported' });
  });
}
