// The getting-started tour against a real control plane: kube-apiserver + etcd, Crossplane core
// calling our functions over mutual TLS, provider-kubernetes applying composed Objects into two
// inference API servers. Only kubelets, chart installs and provider-helm are simulated
// (harness/simulator.ts). Steps run in order on one stack; each reports how long it took.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../sim/paths';
import { isTrue, type Obj } from './harness/kube';
import { until } from './harness/processes';
import { startStack, type Stack } from './harness/stack';

const CONVERGE = 180_000;
let stack: Stack;
const example = (f: string) => join(ROOT, 'examples', f);
const fixture = (f: string) => join(ROOT, 'test', 'e2e', 'fixtures', f);

beforeAll(async () => {
  stack = await startStack();
}, 600_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await stack?.dump(ctx.task.name.split('.')[0]!);
});

afterAll(async () => {
  await stack?.stop();
});

describe('the tour on a real control plane', () => {
  it('1. InferenceClasses are accepted; Existing InferenceClusters become Ready with their stack applied on each cluster', async () => {
    const kube = stack.control.kube;
    await kube.applyFiles([example('01-inferenceclass-nvidia-l4.yaml'), fixture('clusters.yaml')]);
    const cls = await until('InferenceClass nvidia-l4 Ready', async () => {
      const c = await kube.get('inferenceclass', 'nvidia-l4');
      return isTrue(c, 'Ready') ? c : undefined;
    }, CONVERGE);
    expect(isTrue(cls, 'Synced')).toBe(true);
    for (const name of ['us-east', 'eu-west']) {
      const cluster = await until(`InferenceCluster ${name} Ready`, async () => {
        stack.group.assertRunning();
        const c = await kube.get('inferencecluster', name);
        return isTrue(c, 'Ready') ? c : undefined;
      }, CONVERGE);
      expect(cluster.status.gpuPools).toEqual([expect.objectContaining({ name: 'l4' })]);
      const remote = stack.clusters.get(name)!.kube;
      const namespaces = (await remote.list('namespaces')).map((n: Obj) => n.metadata.name);
      expect(namespaces).toEqual(expect.arrayContaining(['modelplane-serving', 'modelplane-system']));
      expect(await remote.get('gateways.gateway.networking.k8s.io', 'inference-gateway', 'modelplane-system')).toBeDefined();
    }
  });
});
