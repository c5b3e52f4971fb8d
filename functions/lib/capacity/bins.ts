// Device-level capacity of one GPU pool: its nodes as bins of devices, and pods packed into them.
//
// - A node carries, per DRA device class, the devices the pool publishes for it (class recipe or
//   live report). Pods claim devices of a class on exactly one node.
// - Packing is first-fit over the nodes in index order, so the same claims in the same order always
//   land on the same nodes. Callers feed claims oldest first (ledger.ts): placing a new claim on top
//   of a ledger gives exactly what recomputing the ledger with that claim last gives.
// - Pods of one group (the pods of one gang copy) go on distinct nodes, largest pod first.
// - A pool that does not say how many devices a node carries keeps node accounting: each pod takes
//   a whole empty node.
// - Placement is all-or-nothing per claim: a claim that does not fit changes nothing.

/** Devices per node by device class (sorted class names), or undefined: node accounting. */
export interface PoolShape {
  readonly nodes: number;
  readonly classes: readonly string[];
  /** Aligned with `classes`; undefined when some DRA device publishes no per-node count. */
  readonly perNode: readonly number[] | undefined;
}

/** What one pod claims on its node: devices per class (aligned with the pool's classes). */
export type PodDemand = readonly number[];

/** Pods that must sit on distinct nodes (one gang copy); a standalone pod is a group of one. */
export type PodGroup = readonly PodDemand[];

/** Why a claim does not fit, in numbers the rejection message uses. */
export type Misfit =
  { readonly kind: 'devices'; readonly needed: number; readonly largestFree: number } | { readonly kind: 'nodes'; readonly needed: number; readonly free: number };

const sum = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0);

export class NodeBins {
  private constructor(
    readonly shape: PoolShape,
    /** free[node][class]; under node accounting one slot: 1 free, 0 taken. */
    private readonly free: number[][],
  ) {}

  static empty(shape: PoolShape): NodeBins {
    const per = shape.perNode ?? [1];
    return new NodeBins(
      shape,
      Array.from({ length: Math.max(0, shape.nodes) }, () => [...per]),
    );
  }

  /** Bins with the given free devices per node (a published ledger), clamped to the shape. */
  static of(shape: PoolShape, free: readonly (readonly number[])[]): NodeBins {
    const per = shape.perNode ?? [1];
    const rows = Array.from({ length: Math.max(0, shape.nodes) }, (_, n) => per.map((max, c) => Math.max(0, Math.min(max, free[n]?.[c] ?? max))));
    return new NodeBins(shape, rows);
  }

  /** The same pool with nothing free (an overcommitted pool takes no new pod). */
  drained(): NodeBins {
    return new NodeBins(
      this.shape,
      this.free.map((n) => n.map(() => 0)),
    );
  }

  clone(): NodeBins {
    return new NodeBins(
      this.shape,
      this.free.map((n) => [...n]),
    );
  }

  get deviceAccounting(): boolean {
    return this.shape.perNode !== undefined;
  }

  /** Free devices per node per class (under node accounting: 1 per empty node). */
  freePerNode(): number[][] {
    return this.free.map((n) => [...n]);
  }

  /** Total devices and free devices (node accounting: nodes). */
  totals(): { readonly capacity: number; readonly free: number } {
    const per = this.shape.perNode ?? [1];
    return { capacity: sum(per) * this.free.length, free: this.free.reduce((s, n) => s + sum(n), 0) };
  }

  /** Places every group or none; true when placed. */
  place(groups: readonly PodGroup[]): boolean {
    return this.assign(groups) !== undefined;
  }

  /** Places every group or none: the node and demand of each pod placed, or undefined. */
  assign(groups: readonly PodGroup[]): [number, PodDemand][] | undefined {
    const plan = this.plan(groups);
    if (plan === undefined) return undefined;
    for (const [node, demand] of plan) this.take(node, demand);
    return plan;
  }

  /**
   * Takes devices on a given node (a published ledger's row), clamped: a row for a node or class
   * the pool does not have takes nothing, and nothing goes below zero.
   */
  hold(node: number, demand: readonly number[]): void {
    const n = this.free[node];
    if (n === undefined) return;
    for (let c = 0; c < n.length; c++) n[c] = Math.max(0, n[c]! - Math.max(0, demand[c] ?? 0));
  }

  /**
   * Why `groups` does not fit, or undefined when it does: the first group that fails once the
   * groups before it are placed, as the largest pod no node can hold (devices), or a gang copy
   * short of distinct nodes (nodes). Under node accounting: whole free nodes against pods.
   */
  misfit(groups: readonly PodGroup[]): Misfit | undefined {
    if (this.plan(groups) !== undefined) return undefined;
    if (!this.deviceAccounting) {
      const needed = groups.reduce((s, g) => s + g.length, 0);
      return { kind: 'nodes', needed, free: this.free.filter((n) => n[0]! > 0).length };
    }
    const trial = this.clone();
    for (const group of groups) {
      if (trial.place([group])) continue;
      const pods = [...group].sort((a, b) => sum(b) - sum(a));
      for (const pod of pods) {
        if (!trial.free.some((n) => fitsOn(n, pod))) return { kind: 'devices', needed: sum(pod), largestFree: Math.max(0, ...trial.free.map(sum)) };
      }
      return { kind: 'nodes', needed: group.length, free: trial.free.filter((n) => fitsOn(n, pods[0]!)).length };
    }
    return undefined;
  }

  /** Node per pod, first fit, or undefined when some pod finds no node. Changes nothing. */
  private plan(groups: readonly PodGroup[]): [number, PodDemand][] | undefined {
    const trial = this.free.map((n) => [...n]);
    const out: [number, PodDemand][] = [];
    for (const group of groups) {
      const taken = new Set<number>();
      const pods = [...group].sort((a, b) => sum(b) - sum(a));
      for (const pod of pods) {
        const demand = this.deviceAccounting ? pod : [1];
        let node = -1;
        for (let n = 0; n < trial.length; n++) {
          if (!taken.has(n) && fitsOn(trial[n]!, demand) && (this.deviceAccounting || trial[n]![0]! > 0)) {
            node = n;
            break;
          }
        }
        if (node < 0) return undefined;
        taken.add(node);
        for (let c = 0; c < demand.length; c++) trial[node]![c]! -= demand[c]!;
        out.push([node, demand]);
      }
    }
    return out;
  }

  private take(node: number, demand: PodDemand): void {
    const n = this.free[node]!;
    for (let c = 0; c < demand.length; c++) n[c]! -= demand[c]!;
  }
}

const fitsOn = (free: readonly number[], demand: PodDemand): boolean => demand.every((d, c) => (free[c] ?? 0) >= d);
