// The getting-started tour as steps over the simulator. The demo prints it; test/fleet/tour.test.ts
// asserts it. Objects come from examples/, so the tour and the docs never disagree.
import { loadExamples, secret } from './fleet/examples';
import type { Simulator } from './fleet/simulator';
import type { Obj } from './fleet/world';

const examples = loadExamples();
export const example = (kind: string, name: string): Obj => {
  const o = examples.find((e) => e.kind === kind && e.metadata?.name === name);
  if (!o) throw new Error(`examples/ has no ${kind} ${name}`);
  return structuredClone(o);
};

/** A second A100 region, like us-west but in Europe. */
export function euWest(): Obj {
  const c = example('InferenceCluster', 'us-west');
  c.metadata = { name: 'eu-west', labels: { ...c.metadata.labels, 'modelplane.ai/region': 'eu-west' } };
  c.spec.cluster.eks = { ...c.spec.cluster.eks, region: 'eu-west-1' };
  c.spec.nodePools = c.spec.nodePools.map((p: Obj) => ({ ...p, zones: ['eu-west-1a'] }));
  return c;
}

export interface TourStep {
  readonly title: string;
  readonly who: 'platform team' | 'ML team';
  readonly act: (sim: Simulator) => void;
}

export const TOUR: readonly TourStep[] = [
  {
    title: 'Publish hardware classes, a starter L4 cluster on GKE and the fleet gateway',
    who: 'platform team',
    act: (sim) =>
      sim.apply(
        example('InferenceClass', 'nvidia-l4'),
        example('InferenceClass', 'nvidia-a100-80gb'),
        example('InferenceClass', 'nvidia-h100-80gb'),
        example('InferenceCluster', 'us-central'),
        example('InferenceGateway', 'default'),
      ),
  },
  {
    title: 'Serve Qwen3-8B behind one endpoint',
    who: 'ML team',
    act: (sim) => {
      const deployment = example('ModelDeployment', 'qwen3-8b');
      deployment.spec.replicas = 1;
      sim.apply(deployment, example('ModelService', 'qwen3-8b'));
    },
  },
  {
    title: 'Grow the fleet to two A100 regions (EKS us-west and eu-west)',
    who: 'platform team',
    act: (sim) => sim.apply(example('InferenceCluster', 'us-west'), euWest()),
  },
  {
    title: 'kubectl scale md/qwen3-8b --replicas=2: the new replica lands on an A100',
    who: 'ML team',
    act: (sim) => sim.edit('ModelDeployment', 'qwen3-8b', 'ml-team', (d) => (d.spec.replicas = 2)),
  },
  {
    title: 'Scale to 4: us-west gets the third, then eu-west its second (fewest replicas first, ties by name)',
    who: 'ML team',
    act: (sim) => sim.edit('ModelDeployment', 'qwen3-8b', 'ml-team', (d) => (d.spec.replicas = 4)),
  },
];

/** Secrets the tour's objects reference (never committed in real life). */
export const TOUR_SECRETS: readonly Obj[] = [
  secret('crossplane-system', 'us-east-kubeconfig', { kubeconfig: 'apiVersion: v1\nkind: Config\n' }),
  secret('ml-team', 'hf-token', { HF_TOKEN: 'hf_simulated' }),
  secret('ml-team', 'together-api-key', { 'api-key': 'simulated' }),
];
