// The fleet simulator: renders every XR through its Composition with the real `crossplane render`
// and our running functions, feeds composed resources back as observed (with simulated provider
// status) and repeats until nothing changes. Passes are Jacobi-style: every XR renders against the
// same snapshot, so the outcome never depends on render order.
import { CAPACITY_REPORT } from '../../functions/lib/contracts';
import { FunctionPool, kindFiles, render, type RenderOutput } from '../render';
import { isObserveOnly, observe, observedExisting, remoteCluster, unreadable } from './provider';
import { COMPOSITION_KEY, fingerprint, isXr, keyOf, World, type Obj } from './world';

/** The kinds each XR's function may require: a superset, used to decide what must re-render. */
const REQUIRES: Record<string, readonly string[]> = {
  ModelDeployment: ['InferenceCluster', 'InferenceClass', 'ModelReplica', 'ModelCache'],
  ModelReplica: ['InferenceCluster', 'ModelCache', 'ModelDeployment'],
  ModelEndpoint: ['Secret', 'InferenceGateway'],
  ModelService: ['ModelEndpoint', 'InferenceGateway'],
  ModelCache: ['InferenceCluster', 'Secret'],
  InferenceClass: [],
  InferenceCluster: ['InferenceClass', 'Secret', 'ModelReplica'],
  InferenceGateway: [],
};

export interface PassReport {
  readonly pass: number;
  readonly rendered: number;
  readonly created: string[];
  readonly updated: string[];
  readonly deleted: string[];
}

export interface StepReport {
  readonly step: string;
  readonly passes: PassReport[];
  readonly converged: boolean;
  /** Events (function results) from the last render of each XR, by XR key. */
  readonly events: ReadonlyMap<string, readonly Obj[]>;
}

export interface Invariant {
  readonly name: string;
  /** Returns violations (empty when the invariant holds) comparing the world before and after a pass. */
  check(before: World, after: World): string[];
}

export interface ConvergeOptions {
  readonly maxPasses?: number;
  readonly invariants?: readonly Invariant[];
}

const SYNCED = { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' };

const label = (o: Obj) => `${o.kind}/${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * A fault a scenario injects on a remote cluster: given a workload manifest applied through
 * provider-kubernetes and its provider config (the cluster), the status the cluster's controllers
 * would report instead of "Available" (undefined: no fault). Simulated, since no kubelet runs offline.
 */
export type RemoteFault = (manifest: Obj, providerConfig: string) => Obj | undefined;

/** One node as a cluster's capacity reporter writes it (lib/contracts/capacity-report.ts). */
export interface SimulatedNode {
  readonly name: string;
  readonly pool: string;
  readonly ready: boolean;
  readonly unschedulable: boolean;
  readonly taints: readonly { readonly key: string; readonly effect: string }[];
  readonly devices: Readonly<Record<string, { readonly published: number; readonly foreign: number }>>;
}

/** What a simulated cluster's capacity reporter last wrote. */
export interface SimulatedReport {
  readonly reportedAt: string;
  readonly nodes: readonly SimulatedNode[];
}

export class Simulator {
  readonly world: World;
  private fault: RemoteFault | undefined;
  private unreachable: ReadonlySet<string> = new Set();
  private faultChanged = false;
  /** When set, composed XRs created from now on get this creationTimestamp (the API server's clock). */
  clock: string | undefined;
  private readonly lastInputs = new Map<string, string>();
  /** Per cluster (provider config): the capacity report its reporter last wrote; none: not written yet. */
  private readonly reports = new Map<string, SimulatedReport>();
  private readonly events = new Map<string, readonly Obj[]>();

  constructor(
    private readonly pool: FunctionPool,
    objects: readonly Obj[] = [],
  ) {
    this.world = World.from(objects);
  }

  /** Events (function results) of an XR's last render, as Crossplane would record them on it. */
  eventsOf(xrKey: string): readonly Obj[] {
    return this.events.get(xrKey) ?? [];
  }

  /** User actions between steps. */
  apply(...objects: Obj[]): void {
    for (const o of objects) {
      const existing = this.world.get(keyOf(o));
      this.world.put(existing?.status ? { ...structuredClone(o), status: existing.status } : structuredClone(o));
    }
  }

  /** Marks an object deleted; Crossplane's Usage semantics decide when it is really gone. */
  remove(kind: string, name: string, namespace?: string): void {
    const o = this.world.find(kind, name, namespace);
    if (!o) throw new Error(`no ${kind} ${name}`);
    o.metadata = { ...o.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' };
  }

  edit(kind: string, name: string, namespace: string | undefined, change: (o: Obj) => void): void {
    const o = this.world.find(kind, name, namespace);
    if (!o) throw new Error(`no ${kind} ${name}`);
    change(o);
  }

  private inputsOf(xr: Obj, snapshot: World): { fp: string; required: Obj[]; observed: Obj[] } {
    const kinds = new Set(REQUIRES[xr.kind] ?? []);
    const required = snapshot
      .all()
      .filter((o) => kinds.has(o.kind))
      .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    const observed = snapshot.composedBy(keyOf(xr)).sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    return { fp: fingerprint({ xr, required, observed }), required, observed };
  }

  private async renderXr(xr: Obj, snapshot: World): Promise<RenderOutput | undefined> {
    const files = kindFiles(xr.kind);
    if (!files) return undefined;
    const { fp, required, observed } = this.inputsOf(xr, snapshot);
    if (this.lastInputs.get(keyOf(xr)) === fp) return undefined;
    this.lastInputs.set(keyOf(xr), fp);
    return render(this.pool, {
      xr,
      ...files,
      observed,
      required,
    });
  }

  private applyRender(xrKey: string, out: RenderOutput, report: PassReport): void {
    const xr = this.world.get(xrKey);
    if (!xr) return; // deleted by another XR's render this pass
    if (out.xr.status) xr.status = out.xr.status;
    // Crossplane marks an XR it composed without error Synced (render leaves that to the reconciler).
    xr.status = { ...xr.status, conditions: [...(xr.status?.conditions ?? []).filter((c: Obj) => c.type !== 'Synced'), SYNCED] };
    this.events.set(xrKey, out.results);
    const before = new Set(this.world.composedBy(xrKey).map(keyOf));
    const now = new Set<string>();
    for (const desired of out.resources) {
      const r = structuredClone(desired);
      r.metadata ??= {};
      if (!r.metadata.name) {
        const key = String(r.metadata.annotations?.[COMPOSITION_KEY] ?? 'resource');
        r.metadata.name = `${xr.metadata.name}-${key}`
          .toLowerCase()
          .replace(/[^a-z0-9-.]/g, '-')
          .slice(0, 63);
        delete r.metadata.generateName;
      }
      const k = keyOf(r);
      now.add(k);
      const existing = this.world.get(k);
      const next = isXr(r) ? this.stamped(r, existing) : this.observed(r, existing);
      if (!existing) report.created.push(label(r));
      else if (fingerprint(existing) !== fingerprint(next)) report.updated.push(label(r));
      this.world.put(next, xrKey);
    }
    for (const k of before) {
      if (now.has(k)) continue;
      report.deleted.push(label(this.world.get(k)!));
      this.world.delete(k);
    }
  }

  /**
   * The simulated clusters play the capacity reporter (no cluster runs offline): sets, or clears with
   * undefined, the ConfigMap `cluster`'s reporter last wrote. The observe-only Object reading it sees
   * it on the next pass, as provider-kubernetes would on its next poll.
   */
  report(cluster: string, report: SimulatedReport | undefined): void {
    if (report) this.reports.set(cluster, report);
    else this.reports.delete(cluster);
    this.faultChanged = true;
  }

  /** Injects (or clears) a remote fault; the providers re-observe every Object on the next pass. */
  setFault(fault: RemoteFault | undefined): void {
    this.fault = fault;
    this.faultChanged = true;
  }

  /**
   * Clusters whose API server stops answering (or answers again): their providers keep the last
   * status they observed and report Synced=False from a failed observe, as provider-kubernetes and
   * provider-helm do. Simulated: offline there is no API server to lose.
   */
  setUnreachable(clusters: Iterable<string>): void {
    this.unreachable = new Set(clusters);
    this.faultChanged = true;
  }

  /** The observed form of a composed resource: what its provider reports, or could not read. */
  private observed(r: Obj, existing: Obj | undefined): Obj {
    const cluster = remoteCluster(r);
    if (cluster !== undefined && this.unreachable.has(cluster)) return unreadable(r, existing, cluster);
    return this.faulted(observe(r));
  }

  private reobserve(): void {
    if (!this.faultChanged) return;
    this.faultChanged = false;
    for (const o of this.world.all().filter((x) => remoteCluster(x) !== undefined)) {
      const owner = this.world.ownerOf(keyOf(o));
      this.world.put(this.observed({ ...o, status: undefined }, o), owner);
    }
  }

  private stamped(r: Obj, existing: Obj | undefined): Obj {
    const created = existing?.metadata?.creationTimestamp ?? this.clock;
    return { ...r, ...(created ? { metadata: { ...r.metadata, creationTimestamp: created } } : {}), status: existing?.status };
  }

  /**
   * An observed provider-kubernetes Object with the injected remote status; not Ready unless it
   * reports Available. An observe-only Object's remote object exists only when the fault reports it.
   */
  private faulted(o: Obj): Obj {
    if (o.kind === 'Object' && isObserveOnly(o)) {
      const wanted = o.spec?.forProvider?.manifest ?? {};
      const cluster = String(o.spec?.providerConfigRef?.name ?? '');
      // The capacity report exists once the scenario's simulated reporter has written it.
      if (wanted.kind === 'ConfigMap' && wanted.metadata?.name === CAPACITY_REPORT.name) {
        const report = this.reports.get(cluster);
        if (!report) return o;
        const existing = observedExisting(o, {});
        existing.status.atProvider.manifest = { ...wanted, data: { reportedAt: report.reportedAt, nodes: JSON.stringify(report.nodes) } };
        return existing;
      }
      const status = this.fault?.(wanted, cluster);
      return status ? observedExisting(o, status) : o;
    }
    const manifest = o.kind === 'Object' ? o.status?.atProvider?.manifest : undefined;
    const status = manifest && this.fault ? this.fault(manifest, String(o.spec?.providerConfigRef?.name ?? '')) : undefined;
    if (!status) return o;
    o.status.atProvider.manifest = { ...manifest, status };
    const available = (status.conditions ?? []).some((c: Obj) => c.type === 'Available' && c.status === 'True');
    if (!available) o.status.conditions = o.status.conditions.map((c: Obj) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'Unavailable' } : c));
    return o;
  }

  /** Objects the user deleted go away once nothing protects them (ClusterUsage: pinned replicas). */
  private finalizeDeletions(report: PassReport): void {
    for (const o of this.world.all()) {
      if (!o.metadata?.deletionTimestamp) continue;
      const protectedBy = o.kind === 'InferenceCluster' && this.world.ofKind('ModelReplica').some((r) => r.spec?.clusterName === o.metadata.name);
      if (protectedBy) continue;
      report.deleted.push(label(o));
      this.world.delete(keyOf(o));
    }
  }

  async converge(step: string, opts: ConvergeOptions = {}): Promise<StepReport> {
    const maxPasses = opts.maxPasses ?? 15;
    const passes: PassReport[] = [];
    for (let pass = 1; pass <= maxPasses; pass++) {
      this.reobserve();
      const before = this.world.clone();
      const xrs = before.xrs().sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
      const outs = await mapLimit(xrs, 3, (xr) => this.renderXr(xr, before));
      const report: PassReport = { pass, rendered: outs.filter(Boolean).length, created: [], updated: [], deleted: [] };
      xrs.forEach((xr, i) => {
        const out = outs[i];
        if (out) this.applyRender(keyOf(xr), out, report);
      });
      this.finalizeDeletions(report);
      passes.push(report);
      for (const inv of opts.invariants ?? []) {
        const violations = inv.check(before, this.world);
        if (violations.length) throw new Error(`${step}: pass ${pass}: invariant "${inv.name}" violated:\n  ${violations.join('\n  ')}`);
      }
      if (before.fingerprint() === this.world.fingerprint()) return { step, passes, converged: true, events: new Map(this.events) };
    }
    return { step, passes, converged: false, events: new Map(this.events) };
  }
}
