// Small factories with defaults for fn-schedule tests: published clusters, observed replicas and
// deployments, in the shapes Crossplane hands the function. Tests override only what they test.
import { compileEngines } from '../../../functions/fn-schedule/compile';
import { readCluster, readReplica } from '../../../functions/fn-schedule/inputs';
import { buildReplica } from '../../../functions/fn-schedule/replica';
import { CompiledSelectors } from '../../../functions/fn-schedule/scheduler/devices';
import type { Cluster, ObservedReplica, Placement, ScheduleInput } from '../../../functions/fn-schedule/scheduler/types';
import { LABELS } from '../../../functions/lib/k8s/labels';
import { replicaName } from '../../../functions/lib/k8s/names';
import { parseModelDeploymentSpec, type ModelDeploymentSpec } from '../../../functions/lib/schema';

export type Obj = Record<string, any>;

export const H100 = 'device.attributes["gpu.nvidia.com"].productName == "H100"';
export const MEM_40 = 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("40Gi")) >= 0';
export const IB = 'device.driver == "ib.mellanox.com"';

export function gpu(over: Obj = {}): Obj {
  return {
    name: 'gpu',
    driver: 'gpu.nvidia.com',
    deviceClassName: 'gpu.nvidia.com',
    count: 8,
    attributes: { productName: { string: 'H100' }, driverVersion: { version: '570.86.15' } },
    capacity: { memory: { value: '80Gi' } },
    ...over,
  };
}

export const a100 = (over: Obj = {}) =>
  gpu({ attributes: { productName: { string: 'A100' } }, capacity: { memory: { value: '40Gi' } }, ...over });

export const nic = (over: Obj = {}) => ({ name: 'ib', claim: 'Synthetic', driver: 'ib.mellanox.com', count: 1, ...over });

export const pool = (name: string, nodes = 4, devices: Obj[] = [gpu()]) => ({ name, nodes, devices });

export interface ClusterOpts {
  labels?: Record<string, string>;
  ready?: boolean;
  address?: string | null;
  taints?: Obj[];
  pools?: Obj[];
}

export function clusterObj(name: string, o: ClusterOpts = {}): Obj {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'InferenceCluster',
    metadata: { name, labels: o.labels ?? {} },
    spec: { cluster: { source: 'Existing' }, nodePools: [], ...(o.taints ? { taints: o.taints } : {}) },
    status: {
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', reason: 'Available' }],
      ...(o.address === null ? {} : { gateway: { address: o.address ?? `${name}.gw:80` } }),
      providerConfigRef: { name },
      gpuPools: o.pools ?? [pool('p1')],
    },
  };
}

export const cluster = (name: string, o: ClusterOpts = {}): Cluster => readCluster(clusterObj(name, o))!;

export const container = { name: 'engine', image: 'vllm/vllm-openai:v0.11.0' };
export const template = { spec: { containers: [container] } };

export const request = (name = 'gpu', selectors: string[] = [H100], count = 1) => ({ name, count, selectors: selectors.map((cel) => ({ cel })) });

export const standalone = (requests: Obj[] | undefined = [request()], extra: Obj = {}) => ({
  role: 'Standalone',
  ...(requests ? { nodeSelector: { devices: requests } } : {}),
  template,
  ...extra,
});

export const leader = (requests?: Obj[]) => ({ role: 'Leader', ...(requests ? { nodeSelector: { devices: requests } } : {}), template });
export const worker = (nodes: number, requests: Obj[] | undefined = [request()]) => ({
  role: 'Worker',
  worker: { nodes },
  ...(requests ? { nodeSelector: { devices: requests } } : {}),
  template,
});

export const engine = (name = 'vllm', members: Obj[] = [standalone()], extra: Obj = {}) => ({ name, members, ...extra });

export function deploymentSpec(over: Obj = {}): ModelDeploymentSpec {
  const parsed = parseModelDeploymentSpec({ replicas: 1, engines: [engine()], ...over });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

export interface ReplicaOpts {
  deployment?: string;
  namespace?: string;
  index?: number | string | null;
  ready?: boolean;
  spec?: ModelDeploymentSpec;
  /** Pool per engine (all members), default p1. */
  pools?: string[];
  /** Override the engines of the spec outright. */
  engines?: Obj[];
  name?: string;
}

/** An observed ModelReplica as fn-schedule would have composed it, with Ready status. */
export function replicaObj(clusterName: string, o: ReplicaOpts = {}): Obj {
  const deployment = o.deployment ?? 'my-model';
  const namespace = o.namespace ?? 'ml';
  const index = o.index === undefined ? 0 : o.index;
  const spec = o.spec ?? deploymentSpec();
  const numeric = typeof index === 'number' ? index : 0;
  const placement: Placement = {
    cluster: clusterName,
    index: numeric,
    retained: undefined,
    engines: spec.engines.map((e, i) => ({
      name: e.name,
      members: e.members.map((m) => ({
        nodePoolName: o.pools?.[i] ?? 'p1',
        deviceRequests: m.nodeSelector ? m.nodeSelector.devices.map((r) => ({ name: r.name, deviceClassName: 'gpu.nvidia.com', count: r.count, selectors: r.selectors })) : [],
      })),
    })),
  };
  const built = buildReplica({ name: deployment, namespace, spec }, placement) as Obj;
  const labels: Obj = { ...built.metadata.labels };
  if (index === null) delete labels[LABELS.replicaIndex];
  else labels[LABELS.replicaIndex] = String(index);
  return {
    ...built,
    metadata: { ...built.metadata, name: o.name ?? replicaName(deployment, clusterName, numeric), labels },
    spec: { ...built.spec, ...(o.engines ? { engines: o.engines } : {}) },
    status: { conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', reason: 'Available' }] },
  };
}

export const replica = (clusterName: string, o: ReplicaOpts = {}): ObservedReplica => readReplica(replicaObj(clusterName, o))!;

export interface InputOpts {
  name?: string;
  namespace?: string;
  spec?: ModelDeploymentSpec;
  clusters?: Cluster[];
  replicas?: ObservedReplica[];
  fill?: boolean;
  selector?: ScheduleInput['selector'];
}

/** A ScheduleInput with the spec's selectors compiled by the real CEL environment. */
export function input(o: InputOpts = {}): ScheduleInput & { selectors: CompiledSelectors } {
  const spec = o.spec ?? deploymentSpec();
  const selectors = new CompiledSelectors();
  const compiled = compileEngines(spec, selectors);
  if (!compiled.ok) throw new Error(compiled.errors.join('; '));
  return {
    deployment: { name: o.name ?? 'my-model', namespace: o.namespace ?? 'ml', replicas: spec.replicas, engines: compiled.engines, tolerations: spec.tolerations ?? [] },
    selector: o.selector ?? spec.clusterSelector ?? {},
    clusters: o.clusters ?? [cluster('a'), cluster('b')],
    replicas: o.replicas ?? [],
    fill: o.fill ?? true,
    devices: selectors,
    selectors,
  };
}

/** `cluster/index` of each placement, the compact form most tables compare. */
export const where = (ps: readonly Placement[]) => ps.map((p) => `${p.cluster}/${p.index}`);
