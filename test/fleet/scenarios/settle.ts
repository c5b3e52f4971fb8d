// Running a scenario step and the contract checks every settled fleet must pass, whatever the step.
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { noMoveWithoutCause, noPoolOvercommitted, readyFloor, staleLedgers } from '../../../sim/fleet/invariants';
import type { Invariant, Simulator, StepReport } from '../../../sim/fleet/simulator';
import type { Obj, World } from '../../../sim/fleet/world';
import { endpointsOf, gatewayOf, LABEL, remoteObjects, replicaName, replicasOf, replicaView } from './views';

/**
 * Passes a step may take. The longest causal chain of a step is: deployment renders (replica
 * composed) -> replica renders (workload Objects) -> Objects observed Available (replica Ready) ->
 * deployment composes the endpoint -> endpoint renders its backend -> backend observed (endpoint
 * Ready) -> service routes it -> one pass with no change. Moves add a drop-then-place round.
 */
export const MAX_PASSES = 10;

/**
 * A step that adds a cluster and then places onto it: the cluster first walks its bootstrap chain
 * (provider configs, serving stack, gateway address observed, Ready) — as long as the scenario's
 * platform step took, less its final no-change pass — and then the placement chain above runs.
 */
export const passesWithNewCluster = (platform: StepReport): number => MAX_PASSES + platform.passes.length - 1;

export interface StepOptions {
  /** Replicas the step may remove, as `namespace/deployment@cluster#index`. */
  readonly moves?: readonly string[];
  readonly maxPasses?: number;
  /** Replicas the step may remove, by predicate (for moves a test cannot name in advance). */
  readonly mayMove?: (replica: Obj) => boolean;
  /** Checked after every pass of the step, besides the fleet-wide ones. */
  readonly invariants?: readonly Invariant[];
}

export const moveId = (r: Obj): string => `${r.metadata?.namespace}/${r.metadata?.labels?.[LABEL.deployment]}@${r.spec?.clusterName}#${r.metadata?.labels?.[LABEL.index]}`;

/** Converges one step under both invariants, then checks the fleet against the contracts. */
export async function settle(sim: Simulator, step: string, opts: StepOptions = {}): Promise<StepReport> {
  const allowed = new Set(opts.moves ?? []);
  const bound = opts.maxPasses ?? MAX_PASSES;
  // Room past the bound, so a slow step and a step that never settles fail differently.
  const report = await sim.converge(step, {
    maxPasses: bound + 5,
    invariants: [noPoolOvercommitted, noMoveWithoutCause((r) => allowed.has(moveId(r)) || (opts.mayMove?.(r) ?? false)), readyFloor, ...(opts.invariants ?? [])],
  });
  if (process.env.FLEET_PASSES) console.log(`${step}: ${report.passes.length} passes, ${report.passes.reduce((n, p) => n + p.rendered, 0)} renders`);
  expect(report.converged, `${step}: did not converge in ${bound + 5} passes`).toBe(true);
  expect(report.passes.length, `${step}: passes`).toBeLessThanOrEqual(bound);
  expect(fleetViolations(sim.world), `${step}: fleet contract`).toEqual([]);
  return report;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Everything a settled fleet must satisfy (api.md, scheduling.md, composition.md). */
export function fleetViolations(world: World): string[] {
  const out: string[] = [];
  for (const r of world.ofKind('ModelReplica')) {
    const v = replicaView(r);
    const deployment = r.metadata?.labels?.[LABEL.deployment];
    if (r.metadata.name !== replicaName(deployment, v.cluster, v.index)) out.push(`replica ${r.metadata.name}: name is not replicaName(${deployment}, ${v.id})`);
    if (r.metadata?.labels?.[LABEL.cluster] !== v.cluster) out.push(`replica ${r.metadata.name}: cluster label differs from spec.clusterName`);
  }
  for (const d of world.ofKind('ModelDeployment')) out.push(...deploymentViolations(world, d));
  // Each cluster's ledger is current once the fleet has settled (it lags by one reconcile meanwhile).
  out.push(...staleLedgers(world));
  out.push(...remoteNameViolations(world));
  return out;
}

function deploymentViolations(world: World, d: Obj): string[] {
  const out: string[] = [];
  const ns = d.metadata.namespace;
  const name = d.metadata.name;
  const own = replicasOf(world, ns, name);
  const at = `deployment ${ns}/${name}`;
  const status = d.status ?? {};
  // Replicas on a down cluster are kept beside their replacements until it recovers (failures.md).
  const failingOver = (status.placements ?? []).filter((p: Obj) => String(p.state ?? '').startsWith('FailingOver:')).length;
  if (own.length - failingOver > (d.spec?.replicas ?? 1)) out.push(`${at}: ${own.length} replicas (${failingOver} failing over), spec.replicas ${d.spec?.replicas}`);
  if (status.replicas?.total !== own.length) out.push(`${at}: status.replicas.total ${status.replicas?.total}, ${own.length} replicas exist`);
  if (status.replicas?.ready !== own.filter((r) => r.ready).length) out.push(`${at}: status.replicas.ready ${status.replicas?.ready}`);
  const placements = own.map((r) => ({
    replica: r.name,
    cluster: r.cluster,
    index: r.index,
    engines: Object.entries(r.pools).map(([engine, pools]) => ({ name: engine, pools: [...new Set(pools)] })),
  }));
  const shown = (status.placements ?? []).map((p: Obj) => ({
    replica: p.replica,
    cluster: p.cluster,
    index: p.index,
    engines: (p.engines ?? []).map((e: Obj) => ({ name: e.name, pools: e.pools })),
  }));
  if (!isDeepStrictEqual(shown, placements)) {
    out.push(`${at}: status.placements ${JSON.stringify(shown)} != replicas ${JSON.stringify(placements)}`);
  }
  // Every replica says why it runs where it runs (decided when placed, carried while it stays).
  for (const p of status.placements ?? []) {
    if (typeof p.why !== 'string' || !(p.engines ?? []).every((e: Obj) => typeof e.why === 'string')) out.push(`${at}: placement ${p.replica} does not say why`);
  }
  // One endpoint per ready replica on a cluster with a gateway address; none for anything else.
  const endpoints = new Map(endpointsOf(world, ns, name).map((e) => [e.metadata.name, e] as const));
  for (const r of own) {
    const address = gatewayOf(world, r.cluster);
    const e = endpoints.get(r.name);
    endpoints.delete(r.name);
    if (!r.ready || !address) {
      if (e) out.push(`${at}: endpoint ${r.name} exists for a replica that is not ready or has no gateway`);
      continue;
    }
    if (!e) {
      out.push(`${at}: ready replica ${r.name} on ${r.cluster} has no ModelEndpoint`);
      continue;
    }
    const want = { url: `http://${address}/${ns}/${r.name}/v1`, rewritePath: `/${ns}/${r.name}/` };
    if (e.spec?.url !== want.url || e.spec?.rewritePath !== want.rewritePath) out.push(`${at}: endpoint ${r.name} spec ${JSON.stringify(e.spec)} != ${JSON.stringify(want)}`);
    const labels = e.metadata?.labels ?? {};
    if (labels[LABEL.cluster] !== r.cluster || labels[LABEL.index] !== String(r.index)) out.push(`${at}: endpoint ${r.name} labels ${JSON.stringify(labels)}`);
  }
  for (const stray of endpoints.keys()) out.push(`${at}: endpoint ${stray} has no replica`);
  return out;
}

/** Remote names are unique per cluster across namespaces; per-namespace ones are DNS labels. */
function remoteNameViolations(world: World): string[] {
  const out: string[] = [];
  const seen = new Map<string, string>();
  for (const r of remoteObjects(world)) {
    const key = `${r.cluster}|${r.manifest.apiVersion}|${r.kind}|${r.namespace}|${r.name}`;
    const by = `${r.object.metadata?.namespace}/${r.object.metadata?.name}`;
    const first = seen.get(key);
    if (first !== undefined) out.push(`${r.kind} ${r.namespace}/${r.name} on ${r.cluster} composed twice: by ${first} and ${by}`);
    seen.set(key, by);
    const owner = r.object.metadata?.ownerReferences?.[0]?.kind;
    if ((owner === 'ModelReplica' || owner === 'ModelCache') && !DNS_LABEL.test(r.name)) out.push(`${r.kind} ${r.name} on ${r.cluster} is not a DNS label`);
  }
  return out;
}
