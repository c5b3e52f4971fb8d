// The real `crossplane render` of Existing and GKE InferenceClusters through
// compositions/inferenceclusters.yaml (XRD defaults applied), with classes, the kubeconfig Secret
// and pinned replicas as required resources, at the first pass and fully staged (observed
// resources from the simulated providers). Golden files in test/golden/fn-inferencecluster/: the
// staged render in full, the first pass as a row of what it composes and how it differs.
import { describe, expect, it } from 'vitest';
import type { Manifest, RenderOutput } from '../../sim/render';
import { expectGolden } from '../harness/golden';
import { expectGoldenPasses, renderView } from '../harness/passes';
import { renderSuite } from '../harness/render-suite';
import { CONDITION, REASON } from '../../functions/fn-inferencecluster/conditions';
import { KEYS } from '../../functions/fn-inferencecluster/names';
import { allRequired, CLUSTERS, classObj, clusterXr, converge, desired, kubeconfigSecret, replica, simulateProviders } from '../fixtures/fn-inferencecluster';

const { render } = renderSuite('fn-inferencecluster');

/** Observed composed resources as render reads them: annotated with their desired-resource key. */
function observedFor(name: string, spec: Manifest): Manifest[] {
  const last = converge(clusterXr(name, spec), allRequired(spec)).at(-1)!;
  return Object.entries(simulateProviders(desired(last))).map(([key, o]) => ({
    ...o,
    metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations ?? {}), 'crossplane.io/composition-resource-name': key } },
  }));
}

const requiredFor = (spec: Manifest): Manifest[] => [
  ...[...new Set((spec.nodePools as Manifest[]).map((p) => p.className as string))].map((c) => classObj(c)),
  ...(spec.cluster.source === 'Existing' ? [kubeconfigSecret()] : []),
  replica('team-a', 'qwen3-8b-5ab63', 'edge'),
  replica('team-a', 'qwen3-8b-1f0c2', 'us-central'),
];

/** Render output without volatile fields (condition timestamps). */
function stable(out: RenderOutput): RenderOutput {
  const strip = (o: Manifest) => JSON.parse(JSON.stringify(o, (k, v) => (k === 'lastTransitionTime' ? undefined : v)));
  return { xr: strip(out.xr), resources: out.resources.map(strip), results: out.results.map(strip) };
}

const cases = [
  { name: 'existing', cluster: 'edge', spec: CLUSTERS.existing!, firstKinds: ['ClusterProviderConfig', 'ClusterProviderConfig', 'ClusterUsage'] },
  { name: 'gke', cluster: 'us-central', spec: CLUSTERS.gke!, firstKinds: ['Cluster', 'ClusterUsage', 'Network', 'NodePool', 'Subnetwork'] },
];

const readyOf = (out: RenderOutput) => (out.xr.status?.conditions ?? []).find((c: Manifest) => c.type === 'Ready')?.status;

describe('crossplane render: InferenceCluster', () => {
  it.each(cases)(
    '$name: the first pass, then fully staged',
    async ({ name, cluster, spec, firstKinds }) => {
      const input = { xr: clusterXr(cluster, spec), required: requiredFor(spec) };
      const first = stable(await render(input));
      const staged = stable(await render({ ...input, observed: observedFor(cluster, spec) }));
      expect(first.resources.map((r) => r.kind).sort()).toEqual(firstKinds);
      expect([readyOf(first), readyOf(staged)]).toEqual(['False', 'True']);
      expectGoldenPasses(`fn-inferencecluster/render-${name}`, [first, staged], renderView);
    },
    60_000,
  );
});

describe('crossplane render: live capacity', () => {
  it('a staged Existing cluster whose report the observe-only Object brought back publishes per-pool live numbers', async () => {
    const spec = CLUSTERS.existing!;
    // No inference cluster runs offline: the observed ConfigMap is what the reporter would have written.
    const nodes = [
      { name: 'edge-gpu-1', pool: 'l4', ready: true, unschedulable: true, taints: [], devices: { 'gpu.nvidia.com': { published: 1, foreign: 0 } } },
      { name: 'edge-gpu-2', pool: 'l4', ready: true, unschedulable: false, taints: [], devices: { 'gpu.nvidia.com': { published: 1, foreign: 1 } } },
    ];
    const observed = observedFor('edge', spec).map((o) =>
      o.metadata.annotations['crossplane.io/composition-resource-name'] === KEYS.capacityReport
        ? {
            ...o,
            status: { ...o.status, atProvider: { manifest: { ...o.spec.forProvider.manifest, data: { reportedAt: '2026-12-04T09:00:00Z', nodes: JSON.stringify(nodes) } } } },
          }
        : o,
    );
    const out = await render({ xr: clusterXr('edge', spec), required: requiredFor(spec), observed });
    expect(out.xr.status.gpuPools.map((p: Manifest) => [p.name, p.nodes, p.live])).toEqual([
      ['l4', 2, { reportedAt: '2026-12-04T09:00:00Z', nodes: 2, schedulableNodes: 1, devices: 1, foreignDevices: 1, free: ['1x0'], headroomNodes: 0 }],
    ]);
    const reported = (out.xr.status.conditions as Manifest[]).find((c) => c.type === CONDITION.capacityReported);
    expect(reported).toMatchObject({ status: 'True', reason: REASON.reported, message: '2 nodes in 1 pool reported at 2026-12-04T09:00:00Z' });
    expect(readyOf(out)).toBe('True');
  }, 60_000);
});

describe('crossplane render: InferenceClass', () => {
  it('accepts a valid class and composes nothing', async () => {
    const out = await render({ xr: classObj('nvidia-l4') });
    expect(out.resources).toEqual([]);
    const accepted = (out.xr.status?.conditions ?? []).find((c: Manifest) => c.type === 'Accepted');
    expect(accepted).toMatchObject({ status: 'True', reason: 'Accepted' });
    expectGolden('fn-inferencecluster/render-class', stable(out));
  }, 60_000);
});
