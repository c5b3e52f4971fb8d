// Live capacity of one pool, from the nodes its cluster reports (lib/contracts/capacity-report.ts).
// One home for the rules; fn-inferencecluster publishes the numbers (status.gpuPools[].live) and
// fn-schedule packs into them (liveBins) while the report is fresh:
// - a node is usable when it is Ready, not cordoned, and carries no NoSchedule/NoExecute taint
//   other than the GPU taint Modelplane's serving pods tolerate;
// - per usable node and DRA device class of the pool: what the class's drivers publish there minus
//   what other tenants' claims hold, at most what the class recipe says a node carries (a class
//   with two device kinds of one driver caps each kind on its own: an upper bound);
// - the free rows: usable nodes grouped by their free devices, freest first, `<nodes>x<devices>`
//   (devices per class, sorted class names, joined by `+`; a pool without DRA devices: `<nodes>x`);
// - a pool that autoscales (maxNodeCount) may still grow by maxNodeCount minus the nodes that
//   exist: headroom, empty nodes of the recipe's shape, packed after the nodes that exist;
// - live numbers only ever lower the configured capacity: liveBins keeps at most the configured
//   node count, so the allocation ledger (packed against the configured pools) always has room for
//   what the scheduler places.
import { GPU_TAINT } from '../k8s/labels';
import { LIVE_FREE_ROW_RE } from '../schema';
import { NodeBins, type PoolShape } from './bins';
import { poolShape, type ShapeDevice } from './claims';

/** Node facts live capacity needs (the report's node entries). */
export interface LiveNode {
  readonly ready: boolean;
  readonly unschedulable: boolean;
  readonly taints: readonly { readonly key: string; readonly effect: string }[];
  readonly devices: ReadonlyMap<string, { readonly published: number; readonly foreign: number }>;
}

/** A device of the pool's class recipe, with its driver. */
export interface RecipeDevice extends ShapeDevice {
  readonly driver: string;
}

/** Taints Modelplane's serving pods tolerate: a node carrying only these is usable. */
export const TOLERATED_NODE_TAINTS: readonly string[] = [GPU_TAINT.key];
const BLOCKING_EFFECTS: ReadonlySet<string> = new Set(['NoSchedule', 'NoExecute']);

/** Why a node takes no new pod (NotReady, cordoned, a taint), or undefined when it is usable. */
export function unusable(node: LiveNode): string | undefined {
  if (!node.ready) return 'NotReady';
  if (node.unschedulable) return 'cordoned';
  const taint = node.taints.find((t) => BLOCKING_EFFECTS.has(t.effect) && !TOLERATED_NODE_TAINTS.includes(t.key));
  return taint ? `taint ${taint.key}:${taint.effect}` : undefined;
}

/** A pool's live numbers, as status.gpuPools[].live publishes them (without reportedAt). */
export interface LivePoolNumbers {
  /** Nodes carrying the pool label. */
  readonly nodes: number;
  /** Of those, usable (Ready, not cordoned, no foreign NoSchedule/NoExecute taint). */
  readonly schedulableNodes: number;
  /** Devices the class's drivers publish on usable nodes. */
  readonly devices: number;
  /** Of those, allocated by claims outside the workload namespace (another tenant's). */
  readonly foreignDevices: number;
  /** Usable nodes by free devices, freest first: `<nodes>x<devices per class>`. */
  readonly free: readonly string[];
  /** Nodes the autoscaler may still add; 0 for a pool of fixed size. */
  readonly headroomNodes: number;
}

const sum = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0);

/** Free devices per class on one usable node. */
function freeOn(node: LiveNode, shape: PoolShape, recipe: readonly RecipeDevice[]): number[] {
  return shape.classes.map((cls, c) => {
    const drivers = new Set(recipe.filter((d) => d.claim === 'DRA' && d.deviceClassName === cls).map((d) => d.driver));
    let free = 0;
    for (const driver of drivers) {
      const d = node.devices.get(driver);
      if (d) free += Math.max(0, d.published - d.foreign);
    }
    return Math.min(free, shape.perNode?.[c] ?? free);
  });
}

export const formatFreeRow = (nodes: number, free: readonly number[]): string => `${nodes}x${free.join('+')}`;

/** A pool's live numbers from its reported nodes. `maxNodes`: the autoscaling upper bound, if any. */
export function livePool(recipe: readonly RecipeDevice[], nodes: readonly LiveNode[], maxNodes: number | undefined): LivePoolNumbers {
  const shape = poolShape(nodes.length, recipe);
  const drivers = new Set(recipe.filter((d) => d.claim === 'DRA').map((d) => d.driver));
  const usable = nodes.filter((n) => unusable(n) === undefined);
  let devices = 0;
  let foreign = 0;
  const rows = new Map<string, { free: number[]; nodes: number }>();
  for (const n of usable) {
    for (const driver of drivers) {
      const d = n.devices.get(driver);
      devices += d?.published ?? 0;
      foreign += d?.foreign ?? 0;
    }
    const free = freeOn(n, shape, recipe);
    const key = free.join('+');
    const row = rows.get(key) ?? rows.set(key, { free, nodes: 0 }).get(key)!;
    row.nodes++;
  }
  const free = [...rows.values()].sort((a, b) => sum(b.free) - sum(a.free) || compareDesc(a.free, b.free)).map((r) => formatFreeRow(r.nodes, r.free));
  return {
    nodes: nodes.length,
    schedulableNodes: usable.length,
    devices,
    foreignDevices: foreign,
    free,
    headroomNodes: maxNodes === undefined ? 0 : Math.max(0, maxNodes - nodes.length),
  };
}

function compareDesc(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (b[i] ?? 0) - (a[i] ?? 0);
  return 0;
}

/** Parses free rows; undefined when any row is not one. */
export function readFreeRows(rows: unknown): [number, number[]][] | undefined {
  if (!Array.isArray(rows)) return undefined;
  const out: [number, number[]][] = [];
  for (const r of rows) {
    if (typeof r !== 'string' || !LIVE_FREE_ROW_RE.test(r)) return undefined;
    const [nodes, devices] = r.split('x') as [string, string];
    out.push([Number(nodes), devices === '' ? [] : devices.split('+').map(Number)]);
  }
  return out;
}

/**
 * The pool's bins from live rows: the reported usable nodes in row order, then the headroom,
 * at most the configured node count (`shape.nodes`). A row's devices are clamped to the shape.
 */
export function liveBins(shape: PoolShape, rows: readonly (readonly [number, readonly number[]])[], headroomNodes: number): NodeBins {
  const free: (readonly number[])[] = [];
  const full = shape.perNode ?? [1];
  for (const [nodes, devices] of rows) {
    for (let i = 0; i < nodes && free.length < shape.nodes; i++) free.push(shape.perNode ? devices : [1]);
  }
  for (let i = 0; i < headroomNodes && free.length < shape.nodes; i++) free.push(full);
  return NodeBins.of({ ...shape, nodes: free.length }, free);
}
