// Small worlds for the fleet scenarios: bring-your-own (Existing) clusters with exactly the pools a
// scenario needs, and the examples' deployments moved into other namespaces or resized. Existing
// clusters settle in a few passes and compose no cloud infrastructure, which keeps every scenario
// to a few dozen renders per step.
import { afterAll, beforeAll } from 'vitest';
import { FunctionPool } from '../../../sim/render';
import { Simulator } from '../../../sim/fleet/simulator';
import type { Obj } from '../../../sim/fleet/world';
import { example, sampleSecrets } from '../../../sim/fleet/examples';

export { example };

export interface PoolSpec {
  readonly name: string;
  /** An InferenceClass from examples/: nvidia-l4 (1 GPU/node), nvidia-a100-80gb, nvidia-h100-80gb (8/node). */
  readonly className: string;
  readonly nodeCount: number;
}

/** Label every scenario cluster carries: the examples' deployments select tier In [production]. */
export const PRODUCTION = { 'modelplane.ai/tier': 'production' } as const;

/** A bring-your-own cluster reached through the tour's kubeconfig Secret. */
export function existingCluster(name: string, pools: readonly PoolSpec[], labels: Record<string, string> = {}): Obj {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'InferenceCluster',
    metadata: { name, labels: { ...PRODUCTION, 'modelplane.ai/provider': 'on-prem', 'modelplane.ai/region': name, ...labels } },
    spec: {
      cluster: {
        source: 'Existing',
        existing: {
          secretRef: { name: 'us-east-kubeconfig', namespace: 'crossplane-system', key: 'kubeconfig' },
          cache: { storageClassName: 'cephfs' },
        },
      },
      nodePools: pools.map((p) => ({ name: p.name, className: p.className, nodeCount: p.nodeCount })),
    },
  };
}

export const l4 = (nodeCount: number, name = 'l4'): PoolSpec => ({ name, className: 'nvidia-l4', nodeCount });
export const a100 = (nodeCount: number, name = 'a100'): PoolSpec => ({ name, className: 'nvidia-a100-80gb', nodeCount });
export const h100 = (nodeCount: number, name = 'h100'): PoolSpec => ({ name, className: 'nvidia-h100-80gb', nodeCount });

export const classes = (...names: string[]): Obj[] => names.map((n) => example('InferenceClass', n));

/** The examples' Qwen3-8B deployment (one GPU per replica) in `namespace` with `replicas`. */
export function qwen(namespace: string, replicas: number, name = 'qwen3-8b'): Obj {
  const d = example('ModelDeployment', 'qwen3-8b');
  d.metadata = { ...d.metadata, name, namespace };
  d.spec.replicas = replicas;
  return d;
}

/** Like qwen, but only an 80 GiB GPU will do (no L4 qualifies). */
export function needs80Gi(namespace: string, replicas: number, name: string): Obj {
  const d = qwen(namespace, replicas, name);
  d.spec.engines[0].members[0].nodeSelector.devices[0].selectors = [{ cel: 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("80Gi")) >= 0' }];
  return d;
}

/**
 * One FunctionPool per test file (all five bundles from dist/) and a fresh simulator seeded with the
 * sample Secrets. Call at the top of a describe block; use `fleet.sim` inside tests.
 */
export function useFleet(): { readonly sim: Simulator } {
  let pool: FunctionPool | undefined;
  const fleet: { sim: Simulator } = { sim: undefined as unknown as Simulator };
  beforeAll(async () => {
    pool = await FunctionPool.start();
    fleet.sim = new Simulator(pool, sampleSecrets());
  });
  afterAll(async () => {
    await pool?.stop();
  });
  return fleet;
}
