// The scheduler: a pure function of observed state that recomputes the whole placement each call.
//
//   select clusters -> retain -> scale down -> ledger -> fill -> explain
//
// Same inputs, same output, whatever order they arrive in: clusters are sorted by name, this
// deployment's replicas by metadata.name, and every tie-break is documented in its phase.
// Existing replicas are inputs, not decisions: a retained replica is never moved.
import { replicaName } from '../../lib/k8s/names';
import { matchesSelector } from '../../lib/k8s/selectors';
import type { Rejection } from './explain';
import { fillShortfall } from './fill';
import { scoresOf } from './framework';
import { Ledger } from './ledger';
import { MatchCache } from './match';
import { PLUGINS } from './plugins';
import { retainReplicas } from './retain';
import { scaleDown } from './scale-down';
import type { Cluster, DeploymentSpec, ObservedReplica, Placement, ScheduleInput, ScheduleResult } from './types';

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPlacement = (a: Placement, b: Placement) => compareStrings(a.cluster, b.cluster) || a.index - b.index;

/** Ownership is namespace AND name: same-named deployments in two namespaces never adopt each other's replicas. */
export const isOwnedBy = (r: ObservedReplica, d: Pick<DeploymentSpec, 'name' | 'namespace'>): boolean =>
  r.deployment === d.name && r.namespace === d.namespace;

/** Clusters by name, first occurrence wins on a duplicate name. */
function uniqueSorted(clusters: readonly Cluster[]): Cluster[] {
  const seen = new Map<string, Cluster>();
  for (const c of clusters) if (!seen.has(c.name)) seen.set(c.name, c);
  return [...seen.values()].sort((a, b) => compareStrings(a.name, b.name));
}

export function schedule(input: ScheduleInput): ScheduleResult {
  const { deployment } = input;
  const clusters = uniqueSorted(input.clusters);
  const selected = clusters.filter((c) => matchesSelector(input.selector, c.labels));
  const selectedByName = new Map(selected.map((c) => [c.name, c] as const));
  const own: ObservedReplica[] = [];
  const others: ObservedReplica[] = [];
  for (const r of input.replicas) (isOwnedBy(r, deployment) ? own : others).push(r);

  const plugins = input.plugins ?? PLUGINS;
  const matches = new MatchCache(deployment.engines, input.devices);
  const nameOf = (cluster: string, index: number) => replicaName(deployment.name, cluster, index);
  const retention = retainReplicas(own, { engines: deployment.engines, tolerations: deployment.tolerations, matches, selected: selectedByName });
  // Retained replicas sit on selected clusters only.
  const rank = (cluster: string, load: number) => scoresOf(plugins.clusterScorers, { cluster: selectedByName.get(cluster)!, load });
  const down = scaleDown(retention.retained, deployment.replicas, rank);

  // Dropped and scaled-down replicas of this deployment hold nothing; everyone else holds what they use.
  const holders = [...others, ...down.kept.map((p) => p.retained!)];
  const ledger = Ledger.build(selected, holders);
  const wantsMore = input.fill && down.kept.length < deployment.replicas;
  const fill = wantsMore ? fillShortfall(down.kept, deployment.replicas, { deployment, plugins, matches, ledger, candidates: selected, nameOf }) : undefined;

  const placements = [...down.kept, ...(fill?.placed ?? [])].sort(byPlacement);
  const short = fill !== undefined && placements.length < deployment.replicas;
  const unschedulable: Rejection[] = [];
  if (short) {
    for (const c of clusters) {
      const why = selectedByName.has(c.name) ? fill.rejections.get(c.name) : { code: 'NotSelected' as const, cluster: c.name };
      if (why) unschedulable.push(why);
    }
  }
  return {
    placements,
    dropped: retention.dropped,
    scaledDown: down.removed.map((p) => p.retained!),
    unschedulable,
    checked: clusters.length,
  };
}
