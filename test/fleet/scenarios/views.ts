// Read-only views of a simulated fleet, in the vocabulary of the contracts (api.md, scheduling.md):
// replicas by identity (cluster, index), deployment status, endpoints, and the manifests composed
// onto each inference cluster.
import { createHash } from 'node:crypto';
import type { Obj, World } from '../../../sim/fleet/world';

export const LABEL = {
  deployment: 'modelplane.ai/deployment',
  cluster: 'modelplane.ai/cluster',
  index: 'modelplane.ai/replica-index',
  replica: 'modelplane.ai/replica',
  role: 'modelplane.ai/role',
  pool: 'modelplane.ai/pool',
} as const;

/** api.md: `<deployment cut to 57, trailing '-' removed>-<5 hex of sha256("<deployment>-<cluster>-<index>")>`. */
export function replicaName(deployment: string, cluster: string, index: number): string {
  const hash = createHash('sha256').update(`${deployment}-${cluster}-${index}`).digest('hex').slice(0, 5);
  return `${deployment.slice(0, 57).replace(/-+$/, '')}-${hash}`;
}

export interface ReplicaView {
  /** `cluster#index`: a replica's identity. */
  readonly id: string;
  readonly name: string;
  readonly cluster: string;
  readonly index: number;
  /** engine name -> the pools its members were placed on, in member order. */
  readonly pools: Readonly<Record<string, string[]>>;
  readonly ready: boolean;
}

export const condition = (o: Obj | undefined, type: string): { status: string; reason: string; message?: string } | undefined => {
  const c = (o?.status?.conditions ?? []).find((x: Obj) => x.type === type);
  return c ? { status: c.status, reason: c.reason, ...(c.message !== undefined ? { message: c.message } : {}) } : undefined;
};

export const isReady = (o: Obj | undefined): boolean => condition(o, 'Ready')?.status === 'True';

const byIdentity = (a: ReplicaView, b: ReplicaView) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : a.index - b.index);

export function replicaView(r: Obj): ReplicaView {
  const cluster = String(r.spec?.clusterName);
  const index = Number(r.metadata?.labels?.[LABEL.index]);
  return {
    id: `${cluster}#${index}`,
    name: r.metadata.name,
    cluster,
    index,
    pools: Object.fromEntries((r.spec?.engines ?? []).map((e: Obj) => [e.name, (e.members ?? []).map((m: Obj) => m.nodePoolName)])),
    ready: isReady(r),
  };
}

/** The ModelReplicas a deployment owns (its namespace AND its name label), by (cluster, index). */
export function replicasOf(world: World, namespace: string, deployment: string): ReplicaView[] {
  return world
    .ofKind('ModelReplica')
    .filter((r) => r.metadata?.namespace === namespace && r.metadata?.labels?.[LABEL.deployment] === deployment)
    .map(replicaView)
    .sort(byIdentity);
}

/** `cluster#index` of every replica a deployment owns, sorted. */
export const idsOf = (world: World, namespace: string, deployment: string): string[] => replicasOf(world, namespace, deployment).map((r) => r.id);

export function deploymentOf(world: World, namespace: string, name: string): Obj {
  const d = world.find('ModelDeployment', name, namespace);
  if (!d) throw new Error(`no ModelDeployment ${namespace}/${name}`);
  return d;
}

/** The ModelEndpoints composed for a deployment's replicas (hand-written ones carry no deployment label). */
export const endpointsOf = (world: World, namespace: string, deployment: string): Obj[] =>
  world.ofKind('ModelEndpoint').filter((e) => e.metadata?.namespace === namespace && e.metadata?.labels?.[LABEL.deployment] === deployment);

export interface RemoteObject {
  /** The inference cluster the manifest lands on (the Object's provider config). */
  readonly cluster: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly manifest: Obj;
  /** The control-plane Object carrying it. */
  readonly object: Obj;
}

/** Every manifest composed onto an inference cluster through a provider-kubernetes Object. */
export function remoteObjects(world: World): RemoteObject[] {
  return world
    .ofKind('Object')
    .filter((o) => String(o.apiVersion).startsWith('kubernetes.m.crossplane.io/'))
    .map((o) => {
      const manifest: Obj = o.spec?.forProvider?.manifest ?? {};
      return {
        cluster: String(o.spec?.providerConfigRef?.name),
        kind: String(manifest.kind),
        namespace: manifest.metadata?.namespace ?? '',
        name: String(manifest.metadata?.name),
        manifest,
        object: o,
      };
    });
}

/** The workload manifests (Deployment / LeaderWorkerSet) serving one replica, by kind and name. */
export function workloadsOf(world: World, namespace: string, replica: string): RemoteObject[] {
  return remoteObjects(world).filter(
    (r) =>
      (r.kind === 'Deployment' || r.kind === 'LeaderWorkerSet') &&
      r.object.metadata?.namespace === namespace &&
      r.manifest.metadata?.labels?.[LABEL.replica] === replica &&
      r.manifest.metadata?.labels?.['modelplane.ai/engine'] !== undefined,
  );
}

/** The control cluster's HTTPRoute of a ModelService (composed directly, not through an Object). */
export function serviceRoute(world: World, namespace: string, service: string): Obj | undefined {
  return world
    .ofKind('HTTPRoute')
    .find((o) => o.metadata?.namespace === namespace && o.metadata?.ownerReferences?.some((ref: Obj) => ref.kind === 'ModelService' && ref.name === service));
}

/** The inference gateway address a cluster publishes, if any. */
export function gatewayOf(world: World, cluster: string): string | undefined {
  return world.find('InferenceCluster', cluster)?.status?.gateway?.address;
}
