// Human-readable tables of a simulated fleet: what the demo prints after each step.
import { table } from '../text';
import { packFleet, productOf } from './packing';
import type { World, Obj } from './world';

const cond = (o: Obj, type: string): string => {
  const c = (o.status?.conditions ?? []).find((x: Obj) => x.type === type);
  return c ? (c.status === 'True' ? 'True' : `False (${c.reason})`) : '-';
};

/** Clusters and their pools: nodes, and devices in all, in use and free, packed as the scheduler packs them. */
export function clustersTable(world: World): string {
  const packed = packFleet(world);
  const rows: string[][] = [];
  for (const c of world.ofKind('InferenceCluster')) {
    const pools: Obj[] = c.status?.gpuPools ?? [];
    const base = [c.metadata.name, c.spec?.cluster?.source ?? '-', cond(c, 'Ready'), c.status?.gateway?.address ?? '-'];
    if (pools.length === 0) rows.push([...base, '-', '-', '-', '-', '-']);
    for (const p of pools) {
      const pool = packed.get(c.metadata.name)?.get(p.name);
      const totals = pool?.bins.totals() ?? { capacity: 0, free: 0 };
      const product = productOf(pool);
      rows.push([...base, `${p.name} (${product})`, String(p.nodes), String(totals.capacity), String(totals.capacity - totals.free), String(totals.free)]);
    }
  }
  return table(['CLUSTER', 'SOURCE', 'READY', 'GATEWAY', 'POOL', 'NODES', 'DEVICES', 'USED', 'FREE'], rows);
}

export function replicasTable(world: World): string {
  const rows = world.ofKind('ModelReplica').map((r) => {
    const pools = (r.spec?.engines ?? []).map((e: Obj) => `${e.name}→${[...new Set((e.members ?? []).map((m: Obj) => m.nodePoolName))].join('+')}`);
    return [
      `${r.metadata.namespace}/${r.metadata.labels?.['modelplane.ai/deployment']}`,
      r.metadata.name,
      r.spec?.clusterName ?? '-',
      r.metadata.labels?.['modelplane.ai/replica-index'] ?? '-',
      pools.join(', '),
      cond(r, 'Ready'),
    ];
  });
  return table(['DEPLOYMENT', 'REPLICA', 'CLUSTER', 'INDEX', 'ENGINE→POOL', 'READY'], rows);
}

/**
 * Per deployment: how many replicas landed, how they spread over the clusters that fit (the
 * scheduler balances by count, ties by cluster name), and why every other cluster was
 * passed over.
 */
export function decisionsTable(world: World): string {
  const rows: string[][] = [];
  for (const d of world.ofKind('ModelDeployment')) {
    const name = `${d.metadata.namespace}/${d.metadata.name}`;
    const scheduled = (d.status?.conditions ?? []).find((c: Obj) => c.type === 'ReplicasScheduled');
    rows.push([name, `${d.status?.replicas?.total ?? 0}/${d.spec?.replicas ?? 1} placed`, scheduled ? `${scheduled.reason}: ${scheduled.message ?? ''}` : '-']);
    const rejected = new Set((d.status?.unschedulable ?? []).map((u: Obj) => u.cluster));
    const mine = world.ofKind('ModelReplica').filter((r) => r.metadata.namespace === d.metadata.namespace && r.metadata.labels?.['modelplane.ai/deployment'] === d.metadata.name);
    const fits = world
      .ofKind('InferenceCluster')
      .filter((c) => !rejected.has(c.metadata.name))
      .map((c) => `${c.metadata.name}=${mine.filter((r) => r.spec?.clusterName === c.metadata.name).length}`);
    if (fits.length) rows.push(['', 'spread over', `replicas per fitting cluster: ${fits.join(', ')}`]);
    for (const u of d.status?.unschedulable ?? []) rows.push(['', `not ${u.cluster}`, u.reason]);
  }
  return table(['DEPLOYMENT', 'DECISION', 'WHY'], rows);
}

export function endpointsTable(world: World): string {
  const rows = world
    .ofKind('ModelEndpoint')
    .map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e.spec?.url ?? '-', e.status?.routing?.backendName ?? '-', cond(e, 'Ready')]);
  return table(['ENDPOINT', 'URL', 'BACKEND', 'READY'], rows);
}

export function servicesTable(world: World): string {
  const rows: string[][] = [];
  for (const s of world.ofKind('ModelService')) {
    const route = world
      .all()
      .find((o) => o.kind === 'HTTPRoute' && o.metadata?.namespace === s.metadata.namespace && o.metadata?.labels?.['crossplane.io/composite'] === s.metadata.name);
    const backends = (route?.spec?.rules ?? []).flatMap((r: Obj) => (r.backendRefs ?? []).map((b: Obj) => `${b.name}=${b.weight ?? 1}`));
    rows.push([`${s.metadata.namespace}/${s.metadata.name}`, s.status?.address ?? '-', cond(s, 'Ready'), backends.join(' ') || '-']);
  }
  return table(['SERVICE', 'ADDRESS', 'READY', 'BACKENDS (weight)'], rows);
}

export function fleetReport(world: World): string {
  return [
    'Clusters and pools',
    clustersTable(world),
    '',
    'Scheduling decisions',
    decisionsTable(world),
    '',
    'Replicas',
    replicasTable(world),
    '',
    'Endpoints',
    endpointsTable(world),
    '',
    'Services',
    servicesTable(world),
  ].join('\n');
}
