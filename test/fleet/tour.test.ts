// docs/getting-started.md, run as the demo runs it: every command the page shows, block by block,
// and every event its simulate blocks inject (a cluster going down, time passing, the cluster coming
// back), on the simulated fleet over the real renderer (invariants on every pass: nothing overcommitted,
// no replica removed without a RemovedReplica event naming it, the Ready floor, the ModelService
// keeps a Ready backend). After each block the tables the page shows must be what the fleet or the
// block's commands print, and the facts the page states must hold. The fleet maps the demo writes
// render in real headless Chromium.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { answeringBackends, poolUsage, serviceBackends } from '../../sim/fleet/invariants';
import { fleetMap } from '../../sim/fleet/map';
import { fleetReport } from '../../sim/fleet/report';
import { Simulator, type StepReport } from '../../sim/fleet/simulator';
import { keyOf, type Obj } from '../../sim/fleet/world';
import { GUIDE } from '../../sim/guide';
import { FunctionPool } from '../../sim/render';
import { runBlock, TOUR, tourShell, type BlockRun } from '../../sim/tour';
import { launchBrowser, openHtml } from '../harness/browser';

const MAX_PASSES = 12;
const DOC_ADDRESS = /^198\.51\.100\.\d{1,3}$/;
const conditionOf = (o: Obj | undefined, type: string) => (o?.status?.conditions ?? []).find((c: Obj) => c.type === type);
const placed = (sim: Simulator) =>
  sim.world
    .ofKind('ModelReplica')
    .map((r) => `${r.spec.clusterName}/${r.spec.engines[0].members[0].nodePoolName}#${r.metadata.labels['modelplane.ai/replica-index']}`)
    .sort();

/** The pass of a settled block in which a composed resource matching `label` was created. */
const passCreating = (report: StepReport, label: RegExp) => report.passes.find((p) => p.created.some((c) => label.test(c)))?.pass;

/** The order the page gives the GKE stages in, and the resource that marks each stage. */
const GKE_STAGES: readonly { text: string; label: RegExp }[] = [
  { text: 'cluster and node pool together', label: /^NodePool\/.*\/us-central-pool-l4$/ },
  { text: 'provider configs for the new cluster', label: /^ClusterProviderConfig\/us-central$/ },
  { text: 'the serving stack', label: /^Release\/.*\/us-central-lws$/ },
  { text: 'Inference Extension CRDs', label: /^Object\/.*\/us-central-crds-job$/ },
  { text: 'Envoy Gateway;', label: /^Release\/.*\/us-central-envoy-gateway$/ },
  { text: 'Envoy AI Gateway;', label: /^Release\/.*\/us-central-envoy-ai-gateway$/ },
  { text: "the cluster's `inference-gateway`", label: /^Object\/.*\/us-central-gateway$/ },
];

const deployment = (sim: Simulator) => sim.world.find('ModelDeployment', 'qwen3-8b', 'ml-team')!;
const service = (sim: Simulator) => sim.world.find('ModelService', 'qwen3-8b', 'ml-team')!;
const replicaNames = (sim: Simulator, cluster?: string) =>
  sim.world
    .ofKind('ModelReplica')
    .filter((r) => cluster === undefined || r.spec.clusterName === cluster)
    .map((r) => r.metadata.name as string)
    .sort();
/** The clusters the ModelService's traffic goes to: the hosts of its Ready endpoints' URLs. */
const servedFrom = (sim: Simulator) => {
  const byBackend = new Map(sim.world.ofKind('ModelEndpoint').map((e) => [e.status?.routing?.backendName, new URL(e.spec.url).hostname] as const));
  const clusterOf = new Map(sim.world.ofKind('InferenceCluster').map((c) => [c.status?.gateway?.address, c.metadata.name] as const));
  return answeringBackends(sim.world, service(sim)).map((b) => clusterOf.get(byBackend.get(b)));
};
const events = (sim: Simulator) => sim.eventsOf(keyOf(deployment(sim))).map((e) => String(e.message));
/** The replicas before the outage (the ones kept), and the replacements placed during it. */
let beforeOutage: string[] = [];
let replacements: string[] = [];

/** What the page says each block leads to. */
const CHECKS: Record<string, (sim: Simulator, run: BlockRun) => void> = {
  '0': (_sim, run) => {
    expect(run.outcomes.map((o) => o.outcome.note)).toEqual([expect.stringMatching(/^not simulated: /)]);
  },
  '1': (sim, run) => {
    const cluster = sim.world.find('InferenceCluster', 'us-central')!;
    expect(conditionOf(cluster, 'Ready')?.status).toBe('True');
    expect(cluster.status.gateway.address).toMatch(DOC_ADDRESS);
    expect(cluster.status.gpuPools).toEqual([{ name: 'l4', nodes: 4, className: 'nvidia-l4' }]);
    expect(sim.world.find('InferenceClass', 'nvidia-l4')?.spec.devices).toEqual([expect.objectContaining({ name: 'gpu', driver: 'gpu.nvidia.com' })]);
    expect(sim.world.find('InferenceGateway', 'default')?.status?.address).toBeTruthy();
    for (const c of sim.world.ofKind('InferenceClass')) expect(conditionOf(c, 'Ready')?.status, c.metadata.name).toBe('True');
    // The stages come one per pass, in the order the page tells them.
    const passes = GKE_STAGES.map((s) => passCreating(run.report!, s.label));
    expect(passes).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const text = readFileSync(GUIDE, 'utf8');
    const at = GKE_STAGES.map((s) => text.indexOf(s.text));
    expect(
      at.every((i) => i >= 0),
      `the page names every stage: ${GKE_STAGES.map((s) => s.text).join(' | ')}`,
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  },
  '2': (sim) => {
    expect(sim.world.find('Secret', 'hf-token', 'ml-team')?.data).toEqual({ HF_TOKEN: Buffer.from('hf_simulated').toString('base64') });
    const replicas = sim.world.ofKind('ModelReplica');
    expect(placed(sim)).toEqual(['us-central/l4#0']);
    expect(conditionOf(replicas[0], 'Ready')?.status).toBe('True');
    const deployment = sim.world.find('ModelDeployment', 'qwen3-8b', 'ml-team')!;
    expect(deployment.status.replicas).toEqual({ total: 1, ready: 1 });
    expect(conditionOf(deployment, 'ReplicasScheduled')).toMatchObject({ status: 'True', reason: 'ReplicasCreated' });
    expect(conditionOf(deployment, 'ReplicasReady')).toMatchObject({ status: 'True', reason: 'AllReplicasReady' });
    const gateway = sim.world.find('InferenceCluster', 'us-central')!.status.gateway.address;
    const [endpoint] = sim.world.ofKind('ModelEndpoint');
    expect(endpoint?.spec).toMatchObject({ url: `http://${gateway}/ml-team/${replicas[0]!.metadata.name}/v1`, rewritePath: `/ml-team/${replicas[0]!.metadata.name}/` });
    const address = sim.world.find('InferenceGateway', 'default')!.status.address;
    expect(sim.world.find('ModelService', 'qwen3-8b', 'ml-team')!.status.address).toBe(`http://${address}/ml-team/qwen3-8b`);
  },
  '2b': (sim, run) => {
    const address = sim.world.find('ModelService', 'qwen3-8b', 'ml-team')!.status.address;
    expect(run.outcomes.map((o) => o.outcome.note)).toEqual([
      `ADDRESS=${address}`,
      `not run: no model server answers in a simulated fleet; on a real one this POSTs to ${address}/v1/chat/completions`,
    ]);
  },
  '3': (sim) => {
    const ready = sim.world.ofKind('InferenceCluster').filter((c) => conditionOf(c, 'Ready')?.status === 'True');
    expect(ready.map((c) => c.metadata.name)).toEqual(['us-central', 'us-west']);
    expect(placed(sim)).toEqual(['us-central/l4#0']);
  },
  '4': (sim) => {
    // Fewest replicas first: us-west has none.
    expect(placed(sim)).toEqual(['us-central/l4#0', 'us-west/a100#0']);
    expect(sim.world.find('ModelDeployment', 'qwen3-8b', 'ml-team')!.status.replicas).toEqual({ total: 2, ready: 2 });
    const route = sim.world.all().find((o) => o.kind === 'HTTPRoute' && o.metadata?.namespace === 'ml-team');
    const backends = (route?.spec?.rules ?? []).flatMap((r: Obj) => r.backendRefs ?? []);
    expect(backends.map((b: Obj) => b.weight)).toEqual([1, 1]);
  },
  '4b': (sim) => {
    // One each: the tie goes to us-central (sorts first), then us-west has the fewest again.
    expect(placed(sim)).toEqual(['us-central/l4#0', 'us-central/l4#1', 'us-west/a100#0', 'us-west/a100#1']);
    expect(poolUsage(sim.world).get('us-west')?.get('a100')).toBe(2);
    const deployment = sim.world.find('ModelDeployment', 'qwen3-8b', 'ml-team')!;
    expect(conditionOf(deployment, 'ReplicasScheduled')).toMatchObject({ status: 'True', message: 'Scheduled 4 of 4 replicas' });
    expect(sim.world.ofKind('ModelEndpoint').filter((e) => conditionOf(e, 'Ready')?.status === 'True')).toHaveLength(4);
    beforeOutage = replicaNames(sim);
  },
  '5': (sim, run) => {
    // Injected by the simulator, and said so.
    expect(run.outcomes.map((o) => o.outcome.note)).toEqual([expect.stringMatching(/^simulated: cluster us-west goes down at 2026-01-01T00:00:00.000Z/)]);
    expect(conditionOf(sim.world.find('InferenceCluster', 'us-west'), 'Ready')?.status).toBe('False');
    // Within the toleration nothing moves; the service answers from us-central alone.
    expect(replicaNames(sim)).toEqual(beforeOutage);
    expect(deployment(sim).status.outages).toEqual([{ cluster: 'us-west', phase: 'Down', reason: 'cluster us-west is not Ready', since: '2026-01-01T00:00:00.000Z' }]);
    expect(servedFrom(sim)).toEqual(['us-central', 'us-central']);
    expect(events(sim)).toContainEqual(expect.stringMatching(/^cluster us-west is not Ready since .*: its replicas are kept; they fail over if it stays down$/));
  },
  '5b': (sim, run) => {
    // Watching changes nothing; each command prints what kubectl would.
    expect(run.report).toBeUndefined();
    const [replicas, endpoints, outages] = run.outcomes.map((o) => o.outcome.output ?? '');
    expect(
      replicas!
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/).slice(0, 3).join(' ')),
    ).toEqual(
      replicaNames(sim).map((n) => `${n} ${sim.world.find('ModelReplica', n, 'ml-team')!.spec.clusterName} ${sim.world.find('ModelReplica', n, 'ml-team')!.status.health.state}`),
    );
    expect(endpoints!.split('\n')).toHaveLength(1 + 2);
    expect(JSON.parse(outages!)).toEqual(deployment(sim).status.outages);
  },
  '5c': (sim, run) => {
    expect(run.outcomes.map((o) => o.outcome.note)).toEqual(['simulated: the clusters report at 2026-01-01T00:05:00.000Z']);
    // Past the toleration: two replacements on us-central, the replicas on us-west kept as they were.
    expect(replicaNames(sim, 'us-west')).toEqual(beforeOutage.filter((n) => sim.world.find('ModelReplica', n, 'ml-team')!.spec.clusterName === 'us-west'));
    expect(replicaNames(sim, 'us-central')).toHaveLength(4);
    replacements = replicaNames(sim).filter((n) => !beforeOutage.includes(n));
    expect(replacements).toHaveLength(2);
    expect(deployment(sim).status.outages).toEqual([expect.objectContaining({ cluster: 'us-west', phase: 'FailedOver', since: '2026-01-01T00:00:00.000Z' })]);
    expect(deployment(sim).status.replicas).toEqual({ total: 6, ready: 4 });
    expect(poolUsage(sim.world).get('us-central')?.get('l4')).toBe(4);
    expect(servedFrom(sim)).toEqual(['us-central', 'us-central', 'us-central', 'us-central']);
    expect(events(sim)).toContainEqual(expect.stringMatching(/^cluster us-west is not Ready since .*: replacing its replicas on other clusters; they are kept until it recovers$/));
    // The fleet map shows it: us-west not Ready, the service's four backends.
    const map = fleetMap(sim.world, 'failover', '5 minutes pass');
    expect(map).toContain('EKS · not Ready · gateway');
    expect(map.match(/<tr data-service="qwen3-8b"/g)).toHaveLength(4);
  },
  '5d': (sim, run) => {
    // Back to exactly spec.replicas, keeping the original placements; the two replacements went, each with its cause.
    expect(replicaNames(sim)).toEqual(beforeOutage);
    expect(deployment(sim).status.outages).toBeUndefined();
    expect(deployment(sim).status.replicas).toEqual({ total: 4, ready: 4 });
    expect(servedFrom(sim).sort()).toEqual(['us-central', 'us-central', 'us-west', 'us-west']);
    // Exactly the replacements went (the Ready floor and the RemovedReplica cause are checked every pass).
    const removed = run.report!.passes.flatMap((p) => p.deleted.filter((d) => d.startsWith('ModelReplica/')));
    expect(removed.sort()).toEqual(replacements.map((n) => `ModelReplica/ml-team/${n}`));
  },
};

const blocks = TOUR.flatMap((step) => step.blocks.map((block) => ({ step, block })));

describe('getting-started tour (docs/getting-started.md)', () => {
  let pool: FunctionPool;
  let sim: Simulator;
  let browser: Browser | undefined;
  const shell = tourShell();
  const reports: StepReport[] = [];

  beforeAll(async () => {
    pool = await FunctionPool.start();
    sim = new Simulator(pool);
  });
  afterAll(async () => {
    await browser?.close();
    await pool?.stop();
  });

  it('the page has the steps and blocks this test checks', () => {
    expect(TOUR.map((s) => [s.number, s.who ?? '-'])).toEqual([
      [0, '-'],
      [1, 'Platform team'],
      [2, 'ML team'],
      [3, 'Platform team'],
      [4, 'ML team'],
      [5, '-'],
    ]);
    // Object.keys would list '2b' after '4' (integer-like keys first): state the order.
    expect(blocks.map((b) => b.block.id)).toEqual(['0', '1', '2', '2b', '3', '4', '4b', '5', '5b', '5c', '5d']);
    expect(blocks.filter((b) => b.block.simulate).map((b) => [b.block.id, b.block.simulate])).toEqual([
      ['5', ['cluster us-west goes down']],
      ['5c', ['5 minutes pass']],
      ['5d', ['cluster us-west recovers']],
    ]);
    expect(Object.keys(CHECKS).sort()).toEqual(blocks.map((b) => b.block.id).sort());
  });

  it.each(blocks.map((b) => ({ id: b.block.id, title: b.step.title, block: b.block })))(
    'block $id ($title): runs as written and prints what the page shows',
    async ({ id, block }) => {
      const run = await runBlock(sim, block, shell, MAX_PASSES);
      if (run.report) {
        reports.push(run.report);
        expect(run.report.converged, `block ${id} did not settle within ${MAX_PASSES} passes`).toBe(true);
      }
      const printed = [fleetReport(sim.world), ...run.outcomes.flatMap((o) => (o.outcome.output === undefined ? [] : [o.outcome.output]))].join('\n');
      for (const shown of block.expected) expect(printed, `block ${id}: the page shows a table the fleet does not print`).toContain(shown);
      // The ModelService routes only to Ready endpoints once the fleet has settled.
      for (const s of sim.world.ofKind('ModelService')) expect(serviceBackends(sim.world, s)).toEqual(answeringBackends(sim.world, s));
      CHECKS[id]!(sim, run);
    },
  );

  it('every block settles within the pass bound', () => {
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.passes.length <= MAX_PASSES)).toBe(true);
  });

  it('the fleet map renders in headless Chromium: every cluster, pool node, replica and backend', async () => {
    browser = await launchBrowser();
    const { page, errors } = await openHtml(browser, fleetMap(sim.world, 'after the tour', 'test'));
    expect(errors).toEqual([]);
    const count = (selector: string) => page.locator(selector).count();
    expect(await count('svg[data-cluster]')).toBe(2);
    // Four 1-GPU replicas: one per L4 node on us-central (2 of 4 nodes), both on one 8-GPU A100 node of us-west.
    expect([await count('[data-node="used"]'), await count('[data-node="free"]')]).toEqual([3, 3]);
    const used = await page.locator('[data-node]').evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-devices-used'))));
    expect(used.reduce((a, b) => a + b, 0)).toBe(4);
    expect(await page.locator('[data-devices-used="2"][data-devices="8"]').count()).toBe(1);
    expect(await page.locator('[data-deployment]').allTextContents()).toEqual(['ml-team/qwen3-8b']);
    expect(await page.locator('tr[data-backend]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-weight')))).toEqual(['1', '1', '1', '1']);
    // Drawn, not just present: each cluster's picture has a size on the page.
    for (const box of await page.locator('svg[data-cluster]').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().height))) expect(box).toBeGreaterThan(100);
  });

  it('an empty fleet map renders too', async () => {
    browser ??= await launchBrowser();
    const { page, errors } = await openHtml(browser, fleetMap(new Simulator(pool).world, 'empty', 'no objects'));
    expect(errors).toEqual([]);
    expect(await page.locator('text=No clusters yet.').count()).toBe(1);
  });
});
