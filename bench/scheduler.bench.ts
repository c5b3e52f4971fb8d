// The fleet scheduler in process (not a test; `npm run bench`, or `npx tsx bench/scheduler.bench.ts`).
//
// Scenarios, each a JSON line {name, median_ms, p95_ms, ...}:
// - schedule-<N>x8-fresh-50: N clusters x 8 pools, 10 replicas per cluster of other deployments
//   (10,000 at N = 1,000), a new 50-replica deployment: compile + schedule() per run;
// - schedule-<N>x8-steady-50: the same with its 50 replicas already placed (the usual reconcile);
// - schedule-<N>x8-nothing-fits-50: a selector no pool satisfies, so every pool of every cluster is
//   matched (the worst case for CEL work);
// - schedule-<N>x8-distinct-devices-50: every pool publishes a device unlike any other (no
//   sharing of CEL results across clusters) and nothing fits;
// - compose-<N>x8-fresh-50: the whole RunFunction compose() from a protobuf RunFunctionRequest,
//   with the request's encoded size (Crossplane's default gRPC limit is 4 MiB).
// Other deployments' replicas reach the scheduler as each cluster's allocation ledger
// (status.ledger, computed by fn-inferencecluster's code); only the deployment's own are listed.
// Targets (quality.md): 1,000 clusters under 50 ms median, 100 clusters under 5 ms.
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { compose } from '../functions/fn-schedule/compose';
import { compileEngines } from '../functions/fn-schedule/compile';
import { readCluster, readReplica } from '../functions/fn-schedule/inputs';
import { CompiledSelectors } from '../functions/fn-schedule/scheduler/devices';
import { schedule } from '../functions/fn-schedule/scheduler/schedule';
import type { Cluster, ObservedReplica } from '../functions/fn-schedule/scheduler/types';
import { ledgerOfObjects } from '../functions/fn-inferencecluster/ledger';
import { classDevicesByName } from '../functions/lib/contracts';
import { LABELS } from '../functions/lib/k8s/labels';
import { replicaName } from '../functions/lib/k8s/names';
import { parseModelDeploymentSpec } from '../functions/lib/schema';
import type { Obj } from '../sim/fleet/world';
import { emit, time } from './stats';

const POOLS = 8;
const REPLICAS_PER_CLUSTER = 10;
const WANTED = 50;

const CLASSES = [
  { product: 'NVIDIA H100 80GB HBM3', arch: 'Hopper', memory: '80Gi', nic: true },
  { product: 'NVIDIA A100-SXM4-80GB', arch: 'Ampere', memory: '80Gi', nic: true },
  { product: 'NVIDIA L40S', arch: 'Ada Lovelace', memory: '48Gi', nic: false },
  { product: 'NVIDIA L4', arch: 'Ada Lovelace', memory: '24Gi', nic: false },
];

function devices(kind: number, distinct?: string): Obj[] {
  const c = CLASSES[kind % CLASSES.length]!;
  const gpu = {
    name: 'gpu',
    driver: 'gpu.nvidia.com',
    deviceClassName: 'gpu.nvidia.com',
    count: 8,
    attributes: {
      productName: { string: c.product },
      architecture: { string: c.arch },
      driverVersion: { version: distinct ?? '570.86.15' },
      cudaComputeCapability: { version: '9.0.0' },
    },
    capacity: { memory: { value: c.memory } },
  };
  return c.nic ? [gpu, { name: 'ib', claim: 'Synthetic', driver: 'ib.mellanox.com', count: 8, attributes: { linkLayer: { string: 'InfiniBand' } } }] : [gpu];
}

const clusterName = (i: number) => `cluster-${String(i).padStart(4, '0')}`;

/** The InferenceClass of pool p of cluster i: one of four, or (distinct) one per pool, each with its own driver version. */
function classOf(i: number, p: number, distinct: boolean): Obj {
  const kind = (i + p) % CLASSES.length;
  const name = distinct ? `class-${kind}-${i}-${p}` : `class-${kind}`;
  return { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceClass', metadata: { name }, spec: { devices: devices(kind, distinct ? `1.${i}.${p}` : undefined) } };
}

/** Cluster i, publishing the allocation ledger of the replicas pinned to it (fn-inferencecluster's code). */
function clusterObj(i: number, classes: readonly Obj[], distinct: boolean, pinned: readonly Obj[]): Obj {
  const name = clusterName(i);
  const gpuPools = Array.from({ length: POOLS }, (_, p) => ({ name: `pool-${p}`, nodes: 16, className: classOf(i, p, distinct).metadata.name }));
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'InferenceCluster',
    metadata: { name, labels: { [LABELS.region]: `region-${i % 10}`, [LABELS.tier]: 'gpu' } },
    spec: { cluster: { source: 'Existing', existing: { secretRef: { name } } }, nodePools: [] },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }],
      gateway: { address: `10.${Math.floor(i / 250)}.${i % 250}.1` },
      providerConfigRef: { name },
      gpuPools,
      ledger: ledgerOfObjects(gpuPools, classes, pinned),
    },
  };
}

const template = { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0', args: ['--model=Qwen/Qwen3-8B', '--tensor-parallel-size=1'] }] } };
const SELECTORS = ['device.attributes["gpu.nvidia.com"].productName.startsWith("NVIDIA")', 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("40Gi")) >= 0'];

function deploymentSpec(replicas: number, selectors = SELECTORS): Obj {
  return {
    replicas,
    engines: [{ name: 'vllm', members: [{ nodeSelector: { devices: [{ name: 'gpu', count: 1, selectors: selectors.map((cel) => ({ cel })) }] }, template }] }],
  };
}

function replicaObj(deployment: string, namespace: string, cluster: string, index: number, pool: string): Obj {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelReplica',
    metadata: {
      name: replicaName(deployment, cluster, index),
      namespace,
      labels: { [LABELS.deployment]: deployment, [LABELS.cluster]: cluster, [LABELS.replicaIndex]: String(index) },
    },
    spec: {
      clusterName: cluster,
      serving: { mode: 'Unified' },
      engines: [
        {
          name: 'vllm',
          copies: 1,
          members: [
            {
              role: 'Standalone',
              nodePoolName: pool,
              deviceRequests: [{ name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: SELECTORS.map((cel) => ({ cel })) }],
              template,
            },
          ],
        },
      ],
    },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }] },
  };
}

interface Fleet {
  classes: Obj[];
  clusters: Obj[];
  others: Obj[];
  own: Obj[];
}

function fleet(n: number, o: { steady?: boolean; distinct?: boolean } = {}): Fleet {
  const others = Array.from({ length: n * REPLICAS_PER_CLUSTER }, (_, i) =>
    replicaObj(`team-model-${i % 500}`, `team-${i % 7}`, clusterName(i % n), Math.floor(i / n), `pool-${i % POOLS}`),
  );
  const own = o.steady ? Array.from({ length: WANTED }, (_, i) => replicaObj('qwen3-8b', 'ml-team', clusterName(i % n), Math.floor(i / n), 'pool-0')) : [];
  const pinned: Obj[][] = Array.from({ length: n }, () => []);
  for (const r of [...others, ...own]) pinned[Number(r.spec.clusterName.slice('cluster-'.length))]!.push(r);
  const distinct = o.distinct ?? false;
  const classes = [...new Map(Array.from({ length: n * POOLS }, (_, k) => classOf(Math.floor(k / POOLS), k % POOLS, distinct)).map((c) => [c.metadata.name, c])).values()];
  const clusters = pinned.map((replicas, i) => clusterObj(i, classes, distinct, replicas));
  return { classes, clusters, others, own };
}

function scheduleOnce(spec: Obj, clusters: readonly Cluster[], replicas: readonly ObservedReplica[]) {
  const parsed = parseModelDeploymentSpec(spec);
  if (!parsed.ok) throw new Error('bad spec');
  const selectors = new CompiledSelectors();
  const compiled = compileEngines(parsed.value, selectors);
  if (!compiled.ok) throw new Error(compiled.errors.join('; '));
  const result = schedule({
    deployment: { name: 'qwen3-8b', namespace: 'ml-team', replicas: parsed.value.replicas, engines: compiled.engines, tolerations: [] },
    selector: {},
    clusters,
    replicas,
    fill: true,
    devices: selectors,
  });
  return { result, evaluations: selectors.evaluations };
}

async function benchSchedule(name: string, n: number, f: Fleet, spec: Obj, runs: number) {
  // Typed inputs are parsed once outside the timed loop: this measures the scheduler itself.
  // The fleet is in the clusters' ledgers; the scheduler is given only the deployment's own replicas.
  const classes = classDevicesByName(f.classes);
  const clusters = f.clusters.map((c) => readCluster(c, classes)!);
  const replicas = f.own.map((r) => readReplica(r)!);
  const once = scheduleOnce(spec, clusters, replicas);
  const timing = await time(() => scheduleOnce(spec, clusters, replicas), runs);
  emit({
    name,
    clusters: n,
    pools: n * POOLS,
    existing_replicas: f.others.length + f.own.length,
    wanted: WANTED,
    placed: once.result.placements.length,
    cel_evaluations: once.evaluations,
    ...timing,
  });
}

function requestOf(f: Fleet, spec: Obj): RunFunctionRequest {
  const xr = { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelDeployment', metadata: { name: 'qwen3-8b', namespace: 'ml-team', uid: 'bench' }, spec };
  return RunFunctionRequest.fromJSON({
    meta: { tag: 'bench' },
    observed: {
      composite: { resource: xr },
      resources: Object.fromEntries(f.own.map((r) => [`replica-${r.spec.clusterName}-${r.metadata.labels[LABELS.replicaIndex]}`, { resource: r }])),
    },
    requiredResources: {
      clusters: { items: f.clusters.map((resource) => ({ resource })) },
      classes: { items: f.classes.map((resource) => ({ resource })) },
      // Only the deployment's own replicas: the rest of the fleet is in the clusters' ledgers.
      replicas: { items: f.own.map((resource) => ({ resource })) },
    },
  });
}

async function benchCompose(name: string, n: number, f: Fleet, spec: Obj, runs: number) {
  const req = requestOf(f, spec);
  const bytes = RunFunctionRequest.encode(req).finish().length;
  const timing = await time(() => compose(req), runs);
  emit({
    name,
    clusters: n,
    existing_replicas: f.others.length + f.own.length,
    request_bytes: bytes,
    request_mib: Math.round((bytes / 2 ** 20) * 100) / 100,
    under_4mib: bytes < 4 * 2 ** 20,
    ...timing,
  });
}

const nothingFits = deploymentSpec(WANTED, ['device.attributes["gpu.nvidia.com"].productName == "NVIDIA B200"']);

for (const n of [100, 1000]) {
  const runs = n === 1000 ? 50 : 200;
  const fresh = fleet(n);
  await benchSchedule(`schedule-${n}x8-fresh-50`, n, fresh, deploymentSpec(WANTED), runs);
  await benchSchedule(`schedule-${n}x8-steady-50`, n, fleet(n, { steady: true }), deploymentSpec(WANTED), runs);
  await benchSchedule(`schedule-${n}x8-nothing-fits-50`, n, fresh, nothingFits, runs);
  await benchSchedule(`schedule-${n}x8-distinct-devices-50`, n, fleet(n, { distinct: true }), nothingFits, Math.max(10, runs / 5));
  await benchCompose(`compose-${n}x8-fresh-50`, n, fresh, deploymentSpec(WANTED), Math.max(10, runs / 5));
}
