// The getting-started tour end to end, through the real renderer: the platform team starts with one
// L4 cluster, the ML team serves Qwen3-8B there behind one endpoint, the fleet grows to two A100
// regions, and scaling to two replicas puts the second on an A100. Invariants hold on every pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionPool } from '../../sim/render';
import { noMoveWithoutCause, noPoolOvercommitted, poolUsage } from '../../sim/fleet/invariants';
import { Simulator, type StepReport } from '../../sim/fleet/simulator';
import type { Obj } from '../../sim/fleet/world';
import { TOUR, TOUR_SECRETS } from '../../sim/tour';

const MAX_PASSES = 12;
const conditionOf = (o: Obj | undefined, type: string) => (o?.status?.conditions ?? []).find((c: Obj) => c.type === type);

describe('getting-started tour', () => {
  let pool: FunctionPool;
  let sim: Simulator;
  const reports: StepReport[] = [];

  beforeAll(async () => {
    pool = await FunctionPool.start();
    sim = new Simulator(pool, TOUR_SECRETS);
  });
  afterAll(async () => {
    await pool?.stop();
  });

  const run = async (i: number) => {
    TOUR[i]!.act(sim);
    const report = await sim.converge(TOUR[i]!.title, { maxPasses: MAX_PASSES, invariants: [noPoolOvercommitted, noMoveWithoutCause()] });
    reports.push(report);
    expect(report.converged, `step ${i + 1} did not settle within ${MAX_PASSES} passes`).toBe(true);
    return report;
  };

  it('step 1: the starter L4 cluster becomes Ready and publishes its pool; the gateway gets an address', async () => {
    await run(0);
    const cluster = sim.world.find('InferenceCluster', 'us-central')!;
    expect(conditionOf(cluster, 'Ready')?.status).toBe('True');
    expect(cluster.status.gateway.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(cluster.status.gpuPools).toEqual([
      expect.objectContaining({ name: 'l4', nodes: 4, devices: [expect.objectContaining({ name: 'gpu', driver: 'gpu.nvidia.com' })] }),
    ]);
    expect(sim.world.find('InferenceGateway', 'default')?.status?.address).toBeTruthy();
    for (const c of sim.world.ofKind('InferenceClass')) expect(conditionOf(c, 'Ready')?.status, c.metadata.name).toBe('True');
  });

  it('step 2: one replica on the L4 pool, ready, with an endpoint behind the ModelService', async () => {
    await run(1);
    const replicas = sim.world.ofKind('ModelReplica');
    expect(replicas.map((r) => [r.spec.clusterName, r.metadata.labels['modelplane.ai/replica-index'], r.spec.engines[0].members[0].nodePoolName])).toEqual([
      ['us-central', '0', 'l4'],
    ]);
    expect(conditionOf(replicas[0], 'Ready')?.status).toBe('True');
    const deployment = sim.world.find('ModelDeployment', 'qwen3-8b', 'ml-team')!;
    expect(deployment.status.replicas).toEqual({ total: 1, ready: 1 });
    expect(conditionOf(deployment, 'ReplicasScheduled')).toMatchObject({ status: 'True', reason: 'ReplicasCreated' });
    expect(conditionOf(deployment, 'ReplicasReady')).toMatchObject({ status: 'True', reason: 'AllReplicasReady' });
    const gateway = sim.world.find('InferenceCluster', 'us-central')!.status.gateway.address;
    const [endpoint] = sim.world.ofKind('ModelEndpoint');
    expect(endpoint?.spec).toMatchObject({ url: `http://${gateway}/ml-team/${replicas[0]!.metadata.name}/v1`, rewritePath: `/ml-team/${replicas[0]!.metadata.name}/` });
    const service = sim.world.find('ModelService', 'qwen3-8b', 'ml-team')!;
    const address = sim.world.find('InferenceGateway', 'default')!.status.address;
    expect(service.status.address).toBe(`http://${address}/ml-team/qwen3-8b`);
  });

  it('step 3: two A100 regions join; the running replica stays where it is', async () => {
    await run(2);
    const ready = sim.world.ofKind('InferenceCluster').filter((c) => conditionOf(c, 'Ready')?.status === 'True');
    expect(ready.map((c) => c.metadata.name)).toEqual(['eu-west', 'us-central', 'us-west']);
    expect(sim.world.ofKind('ModelReplica').map((r) => r.spec.clusterName)).toEqual(['us-central']);
  });

  it('step 4: scaling to two spreads onto an A100 cluster; both replicas are served by one address', async () => {
    await run(3);
    const placed = sim.world
      .ofKind('ModelReplica')
      .map((r) => `${r.spec.clusterName}/${r.spec.engines[0].members[0].nodePoolName}#${r.metadata.labels['modelplane.ai/replica-index']}`)
      .sort();
    // Spread first: us-central already has one; of the empty clusters the smaller name wins.
    expect(placed).toEqual(['eu-west/a100#0', 'us-central/l4#0']);
    expect(poolUsage(sim.world).get('eu-west')?.get('a100')).toBe(1);
    const deployment = sim.world.find('ModelDeployment', 'qwen3-8b', 'ml-team')!;
    expect(deployment.status.replicas).toEqual({ total: 2, ready: 2 });
    const endpoints = sim.world.ofKind('ModelEndpoint').filter((e) => conditionOf(e, 'Ready')?.status === 'True');
    expect(endpoints).toHaveLength(2);
    const route = sim.world.all().find((o) => o.kind === 'HTTPRoute' && o.metadata?.namespace === 'ml-team');
    const backends = (route?.spec?.rules ?? []).flatMap((r: Obj) => r.backendRefs ?? []);
    expect(backends).toHaveLength(2);
    expect(new Set(backends.map((b: Obj) => b.weight))).toEqual(new Set([backends[0].weight]));
  });

  it('step 5: scaling to four spreads before it packs; pools stay within capacity', async () => {
    await run(4);
    const perCluster = new Map<string, number>();
    for (const r of sim.world.ofKind('ModelReplica')) perCluster.set(r.spec.clusterName, (perCluster.get(r.spec.clusterName) ?? 0) + 1);
    // Every cluster had one before the fourth; ties go to the smaller name.
    expect(Object.fromEntries(perCluster)).toEqual({ 'eu-west': 2, 'us-central': 1, 'us-west': 1 });
    expect(poolUsage(sim.world).get('eu-west')?.get('a100')).toBe(2);
    const deployment = sim.world.find('ModelDeployment', 'qwen3-8b', 'ml-team')!;
    expect(deployment.status.replicas).toEqual({ total: 4, ready: 4 });
    expect(conditionOf(deployment, 'ReplicasScheduled')).toMatchObject({ status: 'True', message: 'Scheduled 4 of 4 replicas' });
  });

  it('every step settles within the pass bound', () => {
    expect(reports.map((r) => r.passes.length).every((n) => n <= MAX_PASSES)).toBe(true);
  });
});
