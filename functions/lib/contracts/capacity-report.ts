// The live capacity report contract: the capacity reporter on every inference cluster (part of
// the serving stack, fn-inferencecluster/stack/reporter.ts running reporter/reporter.py) writes
// ONE ConfigMap; an observe-only provider-kubernetes Object brings it back to the control plane,
// and fn-inferencecluster reads it here and publishes per-pool numbers in status.gpuPools[].live.
//
// The reporter only projects what it lists (Nodes carrying the pool label, DRA ResourceSlices,
// allocated ResourceClaims) into per-node facts; every rule that turns them into capacity (what
// makes a node unusable, which devices a pool's class counts) lives in TypeScript
// (lib/capacity/live.ts), where it is unit-tested.
//
// data.reportedAt: RFC 3339, when the reporter listed the cluster (its own clock).
// data.nodes: JSON, one entry per node carrying the pool label, sorted by name:
//   {"name": "gpu-1", "pool": "h100", "ready": true, "unschedulable": false,
//    "taints": [{"key": "example.com/maintenance", "effect": "NoSchedule"}],
//    "devices": {"gpu.nvidia.com": {"published": 8, "foreign": 2}}}
// `taints` lists NoSchedule and NoExecute taints only; `devices` counts, per DRA driver, the devices
// of the node's newest ResourceSlices, and of those the ones allocated by ResourceClaims outside the
// workload namespace (`foreign`: another tenant's).
//
// Reading is all or nothing: one unreadable node makes the report malformed (and the configured
// capacity stays in effect), never a report that silently lacks a node.
import { isRecord } from '../k8s/objects';
import { SYSTEM_NAMESPACE } from '../k8s/remote';

export const CAPACITY_REPORT = {
  name: 'modelplane-capacity',
  namespace: SYSTEM_NAMESPACE,
  keys: { reportedAt: 'reportedAt', nodes: 'nodes' },
} as const;

/** More nodes than this in one report is not a report this version reads. */
export const MAX_REPORTED_NODES = 5000;

export interface DriverDevices {
  readonly published: number;
  readonly foreign: number;
}

export interface ReportedTaint {
  readonly key: string;
  readonly effect: string;
}

/** One node of a pool as the reporter saw it. */
export interface ReportedNode {
  readonly name: string;
  /** Its modelplane.ai/pool label. */
  readonly pool: string;
  readonly ready: boolean;
  readonly unschedulable: boolean;
  readonly taints: readonly ReportedTaint[];
  /** Per DRA driver. */
  readonly devices: ReadonlyMap<string, DriverDevices>;
}

export type CapacityReportRead =
  | { readonly state: 'missing'; readonly problem: string }
  | { readonly state: 'malformed'; readonly problem: string }
  | { readonly state: 'present'; readonly reportedAt: string; readonly nodes: readonly ReportedNode[] };

const nonNegativeInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const text = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= 253;

/** One node entry, or why it cannot be read (naming the field). */
function readNode(v: unknown, at: string): ReportedNode | string {
  if (!isRecord(v)) return `${at}: not an object`;
  if (!text(v.name)) return `${at}.name: not a node name`;
  if (!text(v.pool)) return `${at}.pool: not a pool name`;
  if (typeof v.ready !== 'boolean') return `${at}.ready: not a boolean`;
  if (typeof v.unschedulable !== 'boolean') return `${at}.unschedulable: not a boolean`;
  if (!Array.isArray(v.taints)) return `${at}.taints: not a list`;
  const taints: ReportedTaint[] = [];
  for (const [i, t] of v.taints.entries()) {
    if (!isRecord(t) || !text(t.key) || typeof t.effect !== 'string') return `${at}.taints[${i}]: not a taint (key, effect)`;
    taints.push({ key: t.key, effect: t.effect });
  }
  if (!isRecord(v.devices)) return `${at}.devices: not an object`;
  const devices = new Map<string, DriverDevices>();
  for (const [driver, d] of Object.entries(v.devices)) {
    if (!isRecord(d) || !nonNegativeInt(d.published) || !nonNegativeInt(d.foreign)) return `${at}.devices.${driver}: published and foreign must be counts`;
    devices.set(driver, { published: d.published, foreign: Math.min(d.foreign, d.published) });
  }
  return { name: v.name, pool: v.pool, ready: v.ready, unschedulable: v.unschedulable, taints, devices };
}

/**
 * Reads the report ConfigMap as observed (the Object's status.atProvider.manifest): missing (not
 * written yet), malformed (and the first problem, naming its field) or present.
 */
export function readCapacityReport(configMap: unknown): CapacityReportRead {
  const data = isRecord(configMap) && isRecord(configMap.data) ? configMap.data : undefined;
  if (data === undefined) return { state: 'missing', problem: `ConfigMap ${CAPACITY_REPORT.namespace}/${CAPACITY_REPORT.name} has not been written yet` };
  const at = data[CAPACITY_REPORT.keys.reportedAt];
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return { state: 'malformed', problem: 'data.reportedAt: not an RFC 3339 time' };
  const raw = data[CAPACITY_REPORT.keys.nodes];
  if (typeof raw !== 'string') return { state: 'malformed', problem: 'data.nodes: missing' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { state: 'malformed', problem: 'data.nodes: not JSON' };
  }
  if (!Array.isArray(parsed)) return { state: 'malformed', problem: 'data.nodes: not a list' };
  if (parsed.length > MAX_REPORTED_NODES) return { state: 'malformed', problem: `data.nodes: ${parsed.length} nodes, at most ${MAX_REPORTED_NODES} are read` };
  const nodes: ReportedNode[] = [];
  const seen = new Set<string>();
  for (const [i, v] of parsed.entries()) {
    const node = readNode(v, `data.nodes[${i}]`);
    if (typeof node === 'string') return { state: 'malformed', problem: node };
    if (seen.has(node.name)) return { state: 'malformed', problem: `data.nodes[${i}].name: node ${node.name} is listed twice` };
    seen.add(node.name);
    nodes.push(node);
  }
  return { state: 'present', reportedAt: at, nodes };
}
