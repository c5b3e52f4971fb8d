// The remote clusters' side of a simulated outage: a clock the clusters report by, and which
// clusters are down. Simulated because offline there is no cluster to lose: a cluster that is down
// reports every Object applied on it not Available, as one that lost its nodes and load balancer
// while its API server answers (so its InferenceCluster goes not Ready, its gateway publishes no
// address and its replicas stop serving); the others report their
// workloads Available, with the condition times a Kubernetes controller refreshes
// (lastUpdateTime), which is how the functions' clock moves (docs/failures.md, "Time").
import type { RemoteFault, Simulator } from './simulator';
import { remoteStatus } from './provider';
import type { Obj } from './world';

/** Where a simulated fleet's clock starts: a fixed time, so the demo prints the same every run. */
export const FLEET_EPOCH = '2026-01-01T00:00:00Z';

/** The workload kinds whose conditions fn-replica reads for health and time. */
const WORKLOADS = new Set(['Deployment', 'LeaderWorkerSet']);

export class RemoteFleet {
  private now = Date.parse(FLEET_EPOCH);
  /** Unreachable clusters, and when each last went down or came back (its workloads' transition time). */
  private readonly down = new Set<string>();
  /** Clusters whose API server does not answer: their providers keep what they last saw (Simulator.setUnreachable). */
  private readonly unreachable = new Set<string>();
  private readonly changedAt = new Map<string, string>();

  constructor(private readonly sim: Simulator) {}

  get time(): string {
    return new Date(this.now).toISOString();
  }

  goDown(cluster: string): void {
    if (this.down.has(cluster)) throw new Error(`cluster ${cluster} is already down`);
    this.down.add(cluster);
    this.changedAt.set(cluster, this.time);
    this.apply();
  }

  stopAnswering(cluster: string): void {
    if (this.unreachable.has(cluster)) throw new Error(`cluster ${cluster} already does not answer`);
    this.unreachable.add(cluster);
    this.apply();
  }

  /** A cluster that was down or did not answer is back as it was. */
  recover(cluster: string): void {
    const was = this.down.delete(cluster);
    if (!this.unreachable.delete(cluster) && !was) throw new Error(`cluster ${cluster} is not down`);
    this.changedAt.set(cluster, this.time);
    this.apply();
  }

  advance(minutes: number): void {
    this.now += minutes * 60_000;
    this.apply();
  }

  /** What a cluster's controllers report for one applied manifest at this time. */
  readonly status: RemoteFault = (manifest: Obj, cluster: string) => {
    // Pods are not modelled: an observe-only Object reading one finds nothing (provider.ts).
    if (manifest.kind === 'Pod') return undefined;
    if (this.down.has(cluster)) {
      return { conditions: [{ type: 'Available', status: 'False', reason: 'ClusterDown', message: `cluster ${cluster} is down` }] };
    }
    if (!WORKLOADS.has(String(manifest.kind))) return undefined;
    const status = remoteStatus(manifest, cluster);
    const since = this.changedAt.get(cluster) ?? FLEET_EPOCH;
    return status && { ...status, conditions: (status.conditions ?? []).map((c: Obj) => ({ ...c, lastTransitionTime: since, lastUpdateTime: this.time })) };
  };

  /** The providers re-observe every Object; XRs composed from now on are created at this time. */
  private apply(): void {
    this.sim.clock = this.time;
    this.sim.setFault(this.status);
    this.sim.setUnreachable(this.unreachable);
  }
}
