// Why a cluster could not take a replica, as typed values, and the two ways they are shown:
// one `status.unschedulable` entry per cluster, and a one-line summary for events.
import { formatTaint, type TaintLike } from '../../lib/k8s/tolerations';

/** Why an engine does not go on one pool of a cluster. */
export type PoolRejection =
  | { readonly kind: 'LacksDevice'; readonly pool: string; readonly request: string }
  | { readonly kind: 'NoDraDevice'; readonly pool: string; readonly role: string }
  | { readonly kind: 'InsufficientNodes'; readonly pool: string; readonly needed: number; readonly free: number };

export type Rejection =
  | { readonly code: 'NotSelected'; readonly cluster: string }
  | { readonly code: 'ClusterNotReady'; readonly cluster: string }
  | { readonly code: 'NoGatewayAddress'; readonly cluster: string }
  | { readonly code: 'UntoleratedTaint'; readonly cluster: string; readonly taints: readonly TaintLike[] }
  | { readonly code: 'NoClaimableMember'; readonly cluster: string; readonly engine: string }
  | { readonly code: 'NoMatchingPool'; readonly cluster: string; readonly engine: string; readonly pools: readonly PoolRejection[] }
  /** A plugin's own rejection (framework.ts): summarized under the filter's name. */
  | { readonly code: 'Filtered'; readonly cluster: string; readonly filter: string; readonly reason: string };

export interface UnschedulableEntry {
  readonly cluster: string;
  readonly reason: string;
}

function describePool(p: PoolRejection): string {
  switch (p.kind) {
    case 'LacksDevice':
      return `pool ${p.pool} lacks device for request ${p.request}`;
    case 'NoDraDevice':
      return `pool ${p.pool} yields no DRA device for the ${p.role} member`;
    case 'InsufficientNodes':
      return `pool ${p.pool} needs ${p.needed} free nodes, has ${p.free}`;
  }
}

export function describeRejection(r: Rejection): string {
  switch (r.code) {
    case 'NotSelected':
      return 'not selected';
    case 'ClusterNotReady':
      return 'not Ready';
    case 'NoGatewayAddress':
      return 'no gateway address';
    case 'UntoleratedTaint':
      return `untolerated taint ${r.taints.map(formatTaint).join(', ')}`;
    case 'NoClaimableMember':
      return `engine ${r.engine} claims no DRA device on any pool`;
    case 'NoMatchingPool':
      return r.pools.length === 0
        ? `engine ${r.engine} fits no pool: the cluster publishes no GPU pools`
        : `engine ${r.engine} fits no pool: ${r.pools.map(describePool).join('; ')}`;
    case 'Filtered':
      return r.reason;
  }
}

export const unschedulableEntry = (r: Rejection): UnschedulableEntry => ({ cluster: r.cluster, reason: describeRejection(r) });

/** The code a rejection counts under in the summary; a pool search that only lacked nodes is InsufficientNodes. */
export function summaryCode(r: Rejection): string {
  if (r.code === 'NoMatchingPool' && r.pools.length > 0 && r.pools.every((p) => p.kind === 'InsufficientNodes')) return 'InsufficientNodes';
  if (r.code === 'Filtered') return r.filter;
  return r.code;
}

/** `0/4 clusters fit: 3 InsufficientNodes, 1 UntoleratedTaint` (most frequent first, then by name). */
export function summarize(rejections: readonly Rejection[], checked: number): string {
  const counts = new Map<string, number>();
  for (const r of rejections) counts.set(summaryCode(r), (counts.get(summaryCode(r)) ?? 0) + 1);
  const parts = [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, n]) => `${n} ${code}`);
  const fit = Math.max(0, checked - rejections.length);
  return parts.length === 0 ? `${fit}/${checked} clusters fit` : `${fit}/${checked} clusters fit: ${parts.join(', ')}`;
}
