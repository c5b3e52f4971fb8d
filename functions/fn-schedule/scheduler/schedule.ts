// The scheduler: a pure function of observed state that recomputes the whole placement each call.
//
//   select clusters -> retain -> scale down -> make before break -> ledger -> fill -> explain
//
// Same inputs, same output, whatever order they arrive in: clusters are sorted by name, this
// deployment's replicas by metadata.name, and every tie-break is documented in its phase.
// Existing replicas are inputs, not decisions: a retained replica is never moved, one whose fit
// cannot be told is kept as it is, and one a valid change made unfit is replaced before it goes.
import { replicaName } from '../../lib/k8s/names';
import { matchesSelector } from '../../lib/k8s/selectors';
import type { Rejection } from './explain';
import { fillShortfall } from './fill';
import { scoresOf, type Plugins } from './framework';
import { ownerKey } from '../../lib/capacity';
import { Ledger } from './ledger';
import { MatchCache } from './match';
import { PLUGINS } from './plugins';
import { failBack, strand } from './failover';
import { withStuck } from './healing';
import { retainReplicas } from './retain';
import { scaleDown } from './scale-down';
import { DEFAULT_STRATEGY, fillTarget, keepServing } from './strategy';
import type { Cluster, DeploymentSpec, Dropped, ObservedReplica, Placement, ScheduleInput, ScheduleResult, Superseded } from './types';

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPlacement = (a: Placement, b: Placement) => compareStrings(a.cluster, b.cluster) || a.index - b.index;

/** Ownership is namespace AND name: same-named deployments in two namespaces never adopt each other's replicas. */
export const isOwnedBy = (r: ObservedReplica, d: Pick<DeploymentSpec, 'name' | 'namespace'>): boolean => r.deployment === d.name && r.namespace === d.namespace;

/** Clusters by name, first occurrence wins on a duplicate name. */
function uniqueSorted(clusters: readonly Cluster[]): Cluster[] {
  const seen = new Map<string, Cluster>();
  for (const c of clusters) if (!seen.has(c.name)) seen.set(c.name, c);
  return [...seen.values()].sort((a, b) => compareStrings(a.name, b.name));
}

/** `plugins`: the filters and scorers to run; default: the registered ones (plugins/index.ts). */
export function schedule(input: ScheduleInput, plugins: Plugins = PLUGINS): ScheduleResult {
  const { deployment } = input;
  const clusters = uniqueSorted(input.clusters);
  const selected = clusters.filter((c) => matchesSelector(input.selector, c.labels));
  const selectedByName = new Map(selected.map((c) => [c.name, c] as const));
  const own: ObservedReplica[] = [];
  const others: ObservedReplica[] = [];
  for (const r of input.replicas) (isOwnedBy(r, deployment) ? own : others).push(r);

  const matches = new MatchCache(deployment.engines, input.devices);
  const nameOf = (cluster: string, index: number) => replicaName(deployment.name, cluster, index);
  const retainedAll = withStuck(retainReplicas(own, { engines: deployment.engines, tolerations: deployment.tolerations, matches, selected: selectedByName }), input.healing);
  // Failover: replicas on down clusters are kept as they are and replaced, never removed there.
  const { retention, stranded } = strand(retainedAll, input.healing);
  // Fail-back: the surplus once a cluster recovers is chosen to keep the original placements.
  const back = failBack(retention.retained, deployment.replicas, input.healing?.failingBack);
  // Retained replicas sit on selected clusters only.
  const rank = (cluster: string, load: number) => scoresOf(plugins.clusterScorers, { cluster: selectedByName.get(cluster)!, load });
  const down = scaleDown(back.retained, deployment.replicas, rank);

  // Make before break: a superseded replica that is Ready stays, unchanged, while the replicas that
  // count towards spec.replicas have fewer Ready than wanted; its replacement is placed meanwhile.
  // Serving: Ready, and Ready behind its endpoint, so the ModelService keeps routing to as many.
  const serving = (r: ObservedReplica) => r.ready && (input.serving?.has(r.name) ?? true);
  const readyKept = down.kept.filter((p) => serving(p.retained!)).length;
  // spec.strategy: how many serving replicas a move may take away, and how many may be added at once.
  const strategy = input.strategy ?? DEFAULT_STRATEGY;
  const needed = keepServing(deployment.replicas, readyKept, strategy);
  const replacing: Superseded[] = [];
  const dropped: Dropped[] = [...retention.dropped];
  for (const s of [...retention.superseded, ...back.surplus]) {
    // A stuck replica is not Ready but is kept the same way: removed once its replacement is Ready.
    const stuck = input.healing?.stuck.has(s.replica.name) === true;
    if ((s.replica.ready || stuck) && replacing.length < needed) replacing.push(s);
    else dropped.push({ replica: s.replica, why: `${s.why}; ${s.replica.ready ? 'enough replicas are Ready without it' : 'not Ready'}` });
  }

  // Dropped and scaled-down replicas of this deployment hold nothing; everyone else holds what they use.
  replacing.push(...stranded);
  const holders = [...others, ...down.kept.map((p) => p.retained!), ...replacing.map((s) => s.replica)];
  const ledger = Ledger.build(selected, holders, ownerKey(deployment.namespace, deployment.name));
  // A replica of ours that lost a race for a pool's last devices (not Ready, younger than the ones
  // that fit) holds nothing: it goes, and fill places it again where there is room.
  const kept: Placement[] = [];
  for (const p of down.kept) {
    const why = p.keptAsIs === undefined ? ledger.overcommitted(p.retained!) : undefined;
    if (why === undefined) kept.push(p);
    else dropped.push({ replica: p.retained!, why });
  }
  const target = fillTarget(deployment.replicas, kept.length, replacing.filter((r) => serving(r.replica)).length, strategy);
  const wantsMore = input.fill && kept.length < target;
  const reserved = replacing.map((s) => ({ cluster: s.replica.clusterName, index: s.replica.index }));
  const candidates = input.healing ? selected.filter((c) => !input.healing!.avoid.has(c.name)) : selected;
  const fill = wantsMore ? fillShortfall(kept, target, { deployment, plugins, matches, ledger, candidates, reserved, nameOf }) : undefined;

  const placements = [...kept, ...(fill?.placed ?? [])].sort(byPlacement);
  const short = fill !== undefined && placements.length < target;
  const unschedulable: Rejection[] = [];
  if (short) {
    for (const c of clusters) {
      const why = selectedByName.has(c.name) ? fill.rejections.get(c.name) : { code: 'NotSelected' as const, cluster: c.name };
      if (why) unschedulable.push(why);
    }
  }
  const byIdentity = (a: Superseded, b: Superseded) => compareStrings(a.replica.clusterName, b.replica.clusterName) || a.replica.index - b.replica.index;
  return {
    placements,
    replacing: replacing.sort(byIdentity),
    dropped,
    scaledDown: down.removed.map((p) => p.retained!),
    unschedulable,
    checked: clusters.length,
  };
}
