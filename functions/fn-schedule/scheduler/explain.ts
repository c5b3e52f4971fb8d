// Why a cluster could not take a replica, as typed values, and the two ways they are shown:
// one `status.unschedulable` entry per cluster, and a one-line summary for events.
import { formatTaint, type TaintLike } from '../../lib/k8s/tolerations';

/** Why an engine does not go on one pool of a cluster. */
export type PoolRejection =
  | { readonly kind: 'LacksDevice'; readonly pool: string; readonly request: string }
  | { readonly kind: 'NoDraDevice'; readonly pool: string; readonly role: string }
  | { readonly kind: 'InsufficientNodes'; readonly pool: string; readonly needed: number; readonly free: number; readonly capacity?: string | undefined }
  /** No node of the pool has the devices one pod claims (device accounting). */
  | { readonly kind: 'InsufficientDevices'; readonly pool: string; readonly needed: number; readonly largestFree: number; readonly capacity?: string | undefined }
  /** A selector of `request` cannot be evaluated against the pool's `device` (never read as "lacks"). */
  | { readonly kind: 'CannotEvaluate'; readonly pool: string; readonly request: string; readonly field: string; readonly device: string; readonly error: string };

export type Rejection =
  | { readonly code: 'NotSelected'; readonly cluster: string }
  | { readonly code: 'ClusterNotReady'; readonly cluster: string }
  | { readonly code: 'NoGatewayAddress'; readonly cluster: string }
  | { readonly code: 'UntoleratedTaint'; readonly cluster: string; readonly taints: readonly TaintLike[] }
  | { readonly code: 'NoClaimableMember'; readonly cluster: string; readonly engine: string }
  | { readonly code: 'NoMatchingPool'; readonly cluster: string; readonly engine: string; readonly pools: readonly PoolRejection[] }
  /** The cluster's published status cannot be read, so none of its pools can be judged. */
  | { readonly code: 'ClusterStatusUnknown'; readonly cluster: string; readonly problem: string }
  /** A plugin's own rejection (framework.ts): summarized under the filter's name. */
  | { readonly code: 'Filtered'; readonly cluster: string; readonly filter: string; readonly reason: string };

export interface UnschedulableEntry {
  readonly cluster: string;
  readonly reason: string;
}

/** Which capacity a full pool was judged by, when its cluster reports live numbers (live.ts). */
const noted = (capacity: string | undefined): string => (capacity === undefined ? '' : ` (${capacity})`);

export function describePool(p: PoolRejection): string {
  switch (p.kind) {
    case 'LacksDevice':
      return `pool ${p.pool} lacks device for request ${p.request}`;
    case 'NoDraDevice':
      return `pool ${p.pool} yields no DRA device for the ${p.role} member`;
    case 'InsufficientNodes':
      return `pool ${p.pool} needs ${p.needed} free nodes, has ${p.free}${noted(p.capacity)}`;
    case 'InsufficientDevices':
      return `pool ${p.pool}: largest free block ${p.largestFree} ${p.largestFree === 1 ? 'device' : 'devices'}, a pod needs ${p.needed}${noted(p.capacity)}`;
    case 'CannotEvaluate':
      return `pool ${p.pool} cannot be evaluated for request ${p.request}: ${p.field} on device ${p.device}: ${p.error}`;
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
    case 'ClusterStatusUnknown':
      return `published status cannot be read: ${r.problem}`;
    case 'Filtered':
      return r.reason;
  }
}

export const unschedulableEntry = (r: Rejection): UnschedulableEntry => ({ cluster: r.cluster, reason: describeRejection(r) });

/**
 * The code a rejection counts under in the summary. A pool search in which some pool matched but
 * was full counts as InsufficientNodes or InsufficientDevices (capacity is what would fix it),
 * whatever the other pools lacked; one that only failed to evaluate counts as SelectorError.
 */
export function summaryCode(r: Rejection): string {
  if (r.code === 'NoMatchingPool') {
    if (r.pools.some((p) => p.kind === 'InsufficientNodes')) return 'InsufficientNodes';
    if (r.pools.some((p) => p.kind === 'InsufficientDevices')) return 'InsufficientDevices';
    if (r.pools.some((p) => p.kind === 'CannotEvaluate')) return 'SelectorError';
  }
  if (r.code === 'Filtered') return r.filter;
  return r.code;
}

/** `0/4 clusters fit: 3 InsufficientNodes, 1 UntoleratedTaint` (most frequent first, then by name). */
export function summarize(rejections: readonly Rejection[], checked: number): string {
  const counts = new Map<string, number>();
  for (const r of rejections) counts.set(summaryCode(r), (counts.get(summaryCode(r)) ?? 0) + 1);
  const parts = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([code, n]) => `${n} ${code}`);
  const fit = Math.max(0, checked - rejections.length);
  return parts.length === 0 ? `${fit}/${checked} clusters fit` : `${fit}/${checked} clusters fit: ${parts.join(', ')}`;
}
