// The real `crossplane render` of Existing and GKE InferenceClusters through
// compositions/inferenceclusters.yaml (XRD defaults applied), with classes, the kubeconfig Secret
// and pinned replicas as required resources, at the first pass and fully staged (observed
// resources from the simulated providers). Golden files in test/golden/fn-inferencecluster/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionPool, render, type Manifest } from '../../sim/render';
import { expectGolden } from '../harness/golden';
import { allRequired, CLUSTERS, classObj, clusterXr, converge, desired, kubeconfigSecret, replica, simulateProviders } from '../fixtures/fn-inferencecluster';

const XRD = 'apis/inferenceclusters/definition.yaml';
const COMPOSITION = 'compositions/inferenceclusters.yaml';

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
function stable(out: { xr: Manifest; resources: readonly Manifest[]; results: readonly Manifest[] }) {
  const strip = (o: Manifest) => JSON.parse(JSON.stringify(o, (k, v) => (k === 'lastTransitionTime' ? undefined : v)));
  return { xr: strip(out.xr), resources: out.resources.map(strip), results: out.results.map(strip) };
}

const cases = [
  { name: 'existing-first', cluster: 'edge', spec: CLUSTERS.existing!, staged: false, kinds: ['ClusterProviderConfig', 'ClusterProviderConfig', 'ClusterUsage'] },
  { name: 'existing-staged', cluster: 'edge', spec: CLUSTERS.existing!, staged: true },
  { name: 'gke-first', cluster: 'us-central', spec: CLUSTERS.gke!, staged: false, kinds: ['Cluster', 'ClusterUsage', 'Network', 'NodePool', 'Subnetwork'] },
  { name: 'gke-staged', cluster: 'us-central', spec: CLUSTERS.gke!, staged: true },
];

describe('crossplane render: InferenceCluster', () => {
  let pool: FunctionPool;
  beforeAll(async () => {
    pool = await FunctionPool.start(['fn-inferencecluster']);
  });
  afterAll(async () => {
    await pool?.stop();
  });

  it.each(cases)('$name', async ({ name, cluster, spec, staged, kinds }) => {
    const out = await render(pool, {
      xr: clusterXr(cluster, spec),
      composition: COMPOSITION,
      xrd: XRD,
      required: requiredFor(spec),
      ...(staged ? { observed: observedFor(cluster, spec) } : {}),
    });
    if (kinds) expect(out.resources.map((r) => r.kind).sort()).toEqual(kinds);
    const ready = (out.xr.status?.conditions ?? []).find((c: Manifest) => c.type === 'Ready');
    expect(ready?.status).toBe(staged ? 'True' : 'False');
    expectGolden(`fn-inferencecluster/render-${name}`, stable(out));
  }, 60_000);
});

describe('crossplane render: InferenceClass', () => {
  let pool: FunctionPool;
  beforeAll(async () => {
    pool = await FunctionPool.start(['fn-inferencecluster']);
  });
  afterAll(async () => {
    await pool?.stop();
  });

  it('accepts a valid class and composes nothing', async () => {
    const out = await render(pool, { xr: classObj('nvidia-l4'), composition: 'compositions/inferenceclasses.yaml', xrd: 'apis/inferenceclasses/definition.yaml' });
    expect(out.resources).toEqual([]);
    const accepted = (out.xr.status?.conditions ?? []).find((c: Manifest) => c.type === 'Accepted');
    expect(accepted).toMatchObject({ status: 'True', reason: 'Accepted' });
    expectGolden('fn-inferencecluster/render-class', stable(out));
  }, 60_000);
});
