// What cannot be real offline, played minimally and visibly. There is no kubelet, scheduler or
// workload controller on the inference clusters, no chart repository and no provider-helm
// controller, so on every tick this simulator:
// - on each inference API server, marks Deployments and LeaderWorkerSets Available, Jobs Complete,
//   PersistentVolumeClaims Bound, GatewayClasses and HTTPRoutes Accepted and Gateways addressed (a documentation address per cluster), as
//   their controllers would; a cluster listed in `stalled` gets none of that (for failure steps);
// - on the control plane, marks helm Releases deployed and Ready, as provider-helm would, and gives
//   the control cluster's Gateway an address, as its load balancer would;
// The package runtime (running each Function revision's image) is package-runtime.ts's job.
// Everything else — API servers, Crossplane, provider-kubernetes applying Objects, garbage
// collection — is real.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiServer } from './apiservers';
import { ARTIFACTS } from './paths';
import type { Kube, Obj } from './kube';

export interface SimulatedCluster {
  readonly api: ApiServer;
  /** The address the cluster's inference Gateway gets (from 198.51.100.0/24, documentation range). */
  readonly gatewayAddress: string;
}

/** Who accepts routes in status: no real gateway controller runs (Traefik, Envoy Gateway). */
const SIMULATED_GATEWAY_CONTROLLER = 'e2e.modelplane.test/simulated-gateway';
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const cond = (type: string, reason: string, generation?: number) => ({
  type,
  status: 'True',
  reason,
  message: 'simulated by the e2e cluster simulator',
  lastTransitionTime: now(),
  ...(generation === undefined ? {} : { observedGeneration: generation }),
});
const hasTrue = (o: Obj, type: string) => (o.status?.conditions as Obj[] | undefined)?.some((c) => c.type === type && c.status === 'True') ?? false;

async function markAll(kube: Kube, resource: string, done: (o: Obj) => boolean, status: (o: Obj) => Obj): Promise<number> {
  let marked = 0;
  // A kind the cluster does not serve (no LeaderWorkerSet CRD on the control plane) has nothing to mark.
  const items = await kube.list(resource, 'all').catch((err: Error) => {
    if (/doesn't have a resource type/.test(err.message)) return [];
    throw err;
  });
  for (const o of items) {
    if (o.metadata.deletionTimestamp || done(o)) continue;
    await kube.patchStatus(resource, o.metadata.name, o.metadata.namespace, status(o));
    marked++;
  }
  return marked;
}

export async function simulateCluster(c: SimulatedCluster): Promise<number> {
  const k = c.api.kube;
  let n = 0;
  n += await markAll(
    k,
    'deployments.apps',
    (o) => hasTrue(o, 'Available') && o.status.observedGeneration === o.metadata.generation,
    (o) => {
      const replicas = o.spec.replicas ?? 1;
      return {
        observedGeneration: o.metadata.generation,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        conditions: [cond('Available', 'MinimumReplicasAvailable'), cond('Progressing', 'NewReplicaSetAvailable')],
      };
    },
  );
  n += await markAll(
    k,
    'leaderworkersets.leaderworkerset.x-k8s.io',
    (o) => hasTrue(o, 'Available'),
    (o) => {
      const replicas = o.spec.replicas ?? 1;
      return { replicas, readyReplicas: replicas, updatedReplicas: replicas, conditions: [cond('Available', 'AllGroupsReady')] };
    },
  );
  n += await markAll(
    k,
    'jobs.batch',
    (o) => hasTrue(o, 'Complete'),
    () => ({
      startTime: now(),
      completionTime: now(),
      succeeded: 1,
      conditions: [cond('SuccessCriteriaMet', 'CompletionsReached'), cond('Complete', 'CompletionsReached')],
    }),
  );
  n += await markAll(
    k,
    'persistentvolumeclaims',
    (o) => o.status?.phase === 'Bound',
    () => ({ phase: 'Bound' }),
  );
  n += await markAll(
    k,
    'gatewayclasses.gateway.networking.k8s.io',
    (o) => hasTrue(o, 'Accepted'),
    (o) => ({
      conditions: [cond('Accepted', 'Accepted', o.metadata.generation)],
    }),
  );
  n += await markAll(
    k,
    'gateways.gateway.networking.k8s.io',
    (o) => (o.status?.addresses?.length ?? 0) > 0,
    (o) => ({
      addresses: [{ type: 'IPAddress', value: c.gatewayAddress }],
      conditions: [cond('Accepted', 'Accepted', o.metadata.generation), cond('Programmed', 'Programmed', o.metadata.generation)],
    }),
  );
  // The gateway controller accepts every route attached to a gateway it runs.
  n += await markAll(
    k,
    'httproutes.gateway.networking.k8s.io',
    (o) => (o.status?.parents?.length ?? 0) > 0,
    (o) => ({
      parents: (o.spec.parentRefs ?? []).map((parentRef: Obj) => ({
        parentRef,
        controllerName: SIMULATED_GATEWAY_CONTROLLER,
        conditions: [cond('Accepted', 'Accepted', o.metadata.generation), cond('ResolvedRefs', 'ResolvedRefs', o.metadata.generation)],
      })),
    }),
  );
  return n;
}

/** The control cluster's own gateway address (Traefik's load balancer, simulated). */
export const CONTROL_GATEWAY_ADDRESS = '198.51.100.1';

export async function simulateReleases(control: ApiServer): Promise<number> {
  return markAll(
    control.kube,
    'releases.helm.m.crossplane.io',
    (o) => hasTrue(o, 'Ready'),
    () => ({
      atProvider: { state: 'deployed', revision: 1 },
      conditions: [cond('Ready', 'Available'), cond('Synced', 'ReconcileSuccess')],
    }),
  );
}

export class Simulator {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Clusters whose workloads never become ready (pods that cannot start). */
  readonly stalled = new Set<string>();
  lastError: unknown;
  private readonly logFile = join(ARTIFACTS, 'simulator.log');

  private log(line: string): void {
    appendFileSync(this.logFile, `${new Date().toISOString()} ${line}\n`);
  }

  constructor(
    private readonly control: ApiServer,
    private readonly clusters: readonly SimulatedCluster[],
  ) {}

  async tick(): Promise<number> {
    let marked = await simulateReleases(this.control);
    marked += await simulateCluster({ api: this.control, gatewayAddress: CONTROL_GATEWAY_ADDRESS });
    for (const c of this.clusters) if (!this.stalled.has(c.api.name)) marked += await simulateCluster(c);
    return marked;
  }

  start(everyMs = 1_000): void {
    const loop = () => {
      this.running = this.tick()
        .then((marked) => {
          if (marked > 0) this.log(`marked ${marked} objects`);
        })
        .catch((err: Error) => {
          this.lastError = err;
          this.log(`error: ${err.message}`);
        })
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(loop, everyMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    const t = this.timer;
    this.timer = undefined;
    if (t) clearTimeout(t);
    await this.running;
  }
}
