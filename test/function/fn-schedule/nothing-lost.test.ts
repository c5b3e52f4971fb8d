// fn-schedule's robustness oracles (fast-check, seeded): for a serving fleet and any mix of bad or
// unknowable input — selectors that error at run time, heavy but valid selectors, missing, partial
// or malformed cluster status, objects of the wrong kind, junk in the fleet list, any order —
//   - no throw, no Fatal result;
//   - nothing lost: every composed resource the unmutated request keeps is still desired;
//   - same response for the same request, and for its required resources in any order.
import fc from 'fast-check';
import { RunFunctionResponse, Severity } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-schedule/compose';
import { clusterObj, deploymentXr, gpu, H100, observedReplicas, pool, replicaObj, request, type Obj } from '../../fixtures/fn-schedule';

const SEED = 1307;
const NAMES = ['cluster-a', 'cluster-b'];
const serving = NAMES.map((c) => replicaObj(c));
const endpoint = (c: string, r: Obj): Obj => ({
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'ModelEndpoint',
  metadata: { name: r.metadata.name, namespace: 'ml', labels: r.metadata.labels },
  spec: { url: `http://${c}.gw:80/ml/${r.metadata.name}/v1`, rewritePath: `/ml/${r.metadata.name}/` },
  status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }] },
});
const observed = { ...observedReplicas(...serving), ...Object.fromEntries(NAMES.map((c, i) => [`endpoint-${c}-0`, endpoint(c, serving[i]!)])) };
const someoneElse = replicaObj('cluster-a', { deployment: 'other', namespace: 'team-b', pools: ['p2'] });

interface World {
  selectors: string[];
  clusters: Obj[];
  fleet: Obj[];
}

const baseline = (): World => ({
  selectors: [H100],
  clusters: NAMES.map((c) => clusterObj(c, { pools: [pool('p1', 4), pool('p2', 2)] })),
  fleet: [...serving, someoneElse],
});

const requestOf = (w: World) => {
  const spec = {
    replicas: 2,
    engines: [
      {
        name: 'vllm',
        members: [
          { nodeSelector: { devices: [{ name: 'gpu', selectors: w.selectors.map((cel) => ({ cel })) }] }, template: { spec: { containers: [{ name: 'engine', image: 'x' }] } } },
        ],
      },
    ],
  };
  return request(deploymentXr(spec), { clusters: w.clusters, replicas: w.fleet, observed });
};

type Mutation = (w: World, target: number) => void;
const list = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`;
/** Mutates one of the InferenceClusters; the status mutations apply where there is a status left to mutate. */
const onCluster =
  (f: (c: Obj) => void): Mutation =>
  (w, t) => {
    const clusters = w.clusters.filter((c) => c.kind === 'InferenceCluster');
    f(clusters[t % clusters.length]!);
  };
const onPools = (f: (c: Obj, pools: Obj[]) => void): Mutation => onCluster((c) => Array.isArray(c.status?.gpuPools) && c.status.gpuPools.length > 0 && f(c, c.status.gpuPools));

/** Input the function cannot judge, or must not read as "no longer fits". */
const mutations: Record<string, Mutation> = {
  'selector errors: no such key': (w) => (w.selectors = ['device.attributes["gpu.nvidia.com"].nope == "x"']),
  'selector errors: bad conversion': (w) => (w.selectors = [H100, 'int("abc") == 1']),
  'selector errors: overflow': (w) => (w.selectors = ['9223372036854775807 + 1 > 0']),
  'selector errors: bad quantity': (w) => (w.selectors = ['quantity(device.attributes["gpu.nvidia.com"].productName).isInteger()']),
  'selector errors: not a bool': (w) => (w.selectors = ['dyn(1) == 1 ? dyn("yes") : dyn(true)']),
  'heavy but valid selector': (w) => (w.selectors = [`${list(200)}.all(x, ${list(100)}.all(y, x + y >= 0)) && ${H100}`]),
  'cluster status wiped': onCluster((c) => (c.status = {})),
  'cluster status missing': onCluster((c) => delete c.status),
  'gpuPools missing': onPools((c) => delete c.status.gpuPools),
  'gpuPools empty': onPools((c) => (c.status.gpuPools = [])),
  'gpuPools not a list': onPools((c) => (c.status.gpuPools = 'h100')),
  'pinned pool unpublished, still in spec': onPools((c, pools) => (c.status.gpuPools = pools.filter((p) => p.name !== 'p1'))),
  'pinned pool malformed': onPools((_c, pools) => (pools[0] = { name: 'p1', nodes: 'four', devices: [] })),
  'device malformed': onPools((_c, pools) => (pools[0]!.devices = ['gpu'])),
  'device data invalid': onPools((_c, pools) => (pools[0]!.devices = [gpu({ capacity: { memory: { value: '80 Gi' } } })])),
  'cluster not Ready': onCluster((c) => (c.status = { ...c.status, conditions: [{ type: 'Ready', status: 'False', reason: 'Unavailable' }] })),
  'wrong kind among clusters': (w) => w.clusters.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cluster-a' }, data: {} }),
  'wrong kind among replicas': (w) => w.fleet.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: serving[0]!.metadata.name, namespace: 'ml' }, data: {} }),
  'junk in the fleet list': (w) => w.fleet.push({ kind: 'ModelReplica', metadata: { name: 7, labels: 'x' }, spec: { clusterName: ['a'], engines: {} } }),
  'another team fills the pools': (w) => w.fleet.push(...[0, 1, 2, 3].map((i) => replicaObj(NAMES[i % 2]!, { deployment: 'big', namespace: 'team-c', index: i }))),
};

const noFatal = (rsp: RunFunctionResponse) => !(rsp.results ?? []).some((r) => r.severity === Severity.SEVERITY_FATAL);
const desiredKeys = (rsp: RunFunctionResponse) => Object.keys(rsp.desired?.resources ?? {}).sort();
const encode = (rsp: RunFunctionResponse) => Buffer.from(RunFunctionResponse.encode(rsp).finish()).toString('base64');

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const mutated = fc.record({
  picks: fc.array(fc.record({ name: fc.constantFrom(...Object.keys(mutations)), target: fc.nat(3) }), { minLength: 1, maxLength: 3 }),
  seed: fc.integer(),
});

function build(picks: readonly { name: string; target: number }[]): World {
  const w = structuredClone(baseline());
  for (const p of picks) mutations[p.name]!(w, p.target);
  return w;
}

describe('fn-schedule: nothing lost, same answer', () => {
  const kept = desiredKeys(compose(requestOf(baseline())));

  it('the unmutated request keeps both replicas and both endpoints', () => {
    expect(kept).toEqual(['endpoint-cluster-a-0', 'endpoint-cluster-b-0', 'replica-cluster-a-0', 'replica-cluster-b-0']);
  });

  it.each(Object.keys(mutations))('keeps everything: %s', (name) => {
    for (const target of [0, 1]) {
      const rsp = compose(requestOf(build([{ name, target }])));
      expect(noFatal(rsp)).toBe(true);
      expect(desiredKeys(rsp)).toEqual(expect.arrayContaining(kept));
    }
  });

  it('keeps everything under any mix of mutations, and answers the same in any order', () => {
    fc.assert(
      fc.property(mutated, ({ picks, seed }) => {
        const w = build(picks);
        const rsp = compose(requestOf(w));
        expect(noFatal(rsp)).toBe(true);
        expect(desiredKeys(rsp)).toEqual(expect.arrayContaining(kept));
        expect(encode(compose(requestOf(w)))).toBe(encode(rsp));
        const reordered = { ...w, clusters: shuffled(w.clusters, seed), fleet: shuffled(w.fleet, seed ^ 0x5bd1e995) };
        expect(encode(compose(requestOf(reordered)))).toBe(encode(rsp));
      }),
      { numRuns: 1500, seed: SEED },
    );
  }, 120_000);
});
