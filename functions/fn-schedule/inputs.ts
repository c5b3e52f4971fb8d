// Required resources and the observed XR turned into the scheduler's typed inputs.
//
// Required resources are three-way: `unresolved` (Crossplane has not answered yet: wait quietly,
// never read it as empty), `absent` (resolved to nothing) and `present`. Fleet objects (clusters,
// this deployment's replicas) are read defensively by hand rather than with zod: there can be
// 1,000 clusters per call, and a malformed one must not stop the others from being read (only a
// cluster's small status.ledger is parsed with its schema, lib/contracts/ledger.ts).
import { poolShape, readFreeRows, type PoolShape } from '../lib/capacity';
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { LABELS } from '../lib/k8s/labels';
import { isConditionTrue, isReady, isRecord } from '../lib/k8s/objects';
import { andSelectors, type LabelSelectorLike } from '../lib/k8s/selectors';
import type { TaintLike } from '../lib/k8s/tolerations';
import { requiredResources, type ObservedObject } from '../lib/request';
import { classDevicesByName, podsPerCopy, readClusterStatus, readLedger, readPublishedPool, readReplicaHealth, untrusted, type ClassDevicesRead } from '../lib/contracts';
import {
  API_VERSION,
  type GpuPool,
  type InferenceClusterSpec,
  type InferenceClusterStatus,
  type LivePool,
  type MatchLabelsSelector,
  type NodePool,
  type ResolvedDeviceRequest,
  type ModelCacheSpec,
  type ModelDeploymentSpec,
  type ModelReplicaSpec,
  type ReplicaEngine,
  type ReplicaMember,
  type Taint,
  type WorkerSpec,
} from '../lib/schema';
import type { ResourceRequirement } from '../lib/response';
import type { Cluster, LiveReading, ObservedEngine, ObservedMember, ObservedReplica, Pool, ResolvedRequest } from './scheduler/types';

/** Desired-state keys of the requirements this function asks Crossplane for. */
export const REQUIREMENT = { clusters: 'clusters', classes: 'classes', replicas: 'replicas', cache: 'cache' } as const;

export type Listed<T> = { readonly state: 'unresolved' } | { readonly state: 'resolved'; readonly items: readonly T[] };

export type CacheInput =
  | { readonly state: 'none' }
  | { readonly state: 'unresolved'; readonly name: string }
  | { readonly state: 'absent'; readonly name: string }
  | { readonly state: 'present'; readonly name: string; readonly selector: LabelSelectorLike | undefined };

/**
 * What to ask Crossplane for. The clusters requirement carries only the deployment's matchLabels:
 * it must not change once the cache resolves (each change costs another round trip with the whole
 * fleet in it); the cache's selector and every matchExpression are applied here.
 */
export function requirements(spec: Pick<ModelDeploymentSpec, 'clusterSelector' | 'modelCacheRef'>, namespace: string, deployment: string): Record<string, ResourceRequirement> {
  const out: Record<string, ResourceRequirement> = {
    [REQUIREMENT.clusters]: { apiVersion: API_VERSION, kind: 'InferenceCluster', matchLabels: { ...(spec.clusterSelector?.matchLabels ?? {}) } },
    // Every class: a pool publishes only its className, the class is the one home of its devices. A fleet has few.
    [REQUIREMENT.classes]: { apiVersion: API_VERSION, kind: 'InferenceClass', matchLabels: {} },
    // Only this deployment's replicas: the rest of the fleet is in the clusters' ledgers (status.ledger).
    [REQUIREMENT.replicas]: { apiVersion: API_VERSION, kind: 'ModelReplica', matchLabels: { [LABELS.deployment]: deployment }, namespace },
  };
  if (spec.modelCacheRef) {
    out[REQUIREMENT.cache] = { apiVersion: API_VERSION, kind: 'ModelCache', matchName: spec.modelCacheRef.name, namespace };
  }
  return out;
}

/** The items of a requirement that are of the kind asked for (anything else is not ours to read). */
function listed<T>(req: RunFunctionRequest, key: string, kind: string, read: (o: ObservedObject) => T | undefined): Listed<T> {
  const r = requiredResources(req, key);
  if (r.state === 'unresolved') return r;
  const items: T[] = [];
  for (const o of r.items) {
    const v = o.kind === kind ? read(o) : undefined;
    if (v !== undefined) items.push(v);
  }
  return { state: 'resolved', items };
}

/** One cluster per name. A real API server never lists a name twice; if it happens, the same one wins in any order. */
function oneByName(clusters: readonly Cluster[]): Cluster[] {
  const byName = new Map<string, Cluster>();
  for (const c of clusters) {
    const seen = byName.get(c.name);
    if (seen === undefined || JSON.stringify(c) < JSON.stringify(seen)) byName.set(c.name, c);
  }
  return [...byName.values()];
}

/** The fleet's clusters, their pools joined with the classes listed; unresolved until both are answered. */
export function readClusters(req: RunFunctionRequest): Listed<Cluster> {
  const classes = requiredResources(req, REQUIREMENT.classes);
  if (classes.state === 'unresolved') return classes;
  const devices = classDevicesByName(classes.items.filter((o) => o.kind === 'InferenceClass'));
  const l = listed(req, REQUIREMENT.clusters, 'InferenceCluster', (o) => readCluster(o, devices));
  return l.state === 'resolved' ? { state: 'resolved', items: oneByName(l.items) } : l;
}

export const readFleetReplicas = (req: RunFunctionRequest): Listed<ObservedReplica> => listed(req, REQUIREMENT.replicas, 'ModelReplica', readReplica);

export function readCache(req: RunFunctionRequest, ref: { name: string } | undefined): CacheInput {
  if (ref === undefined) return { state: 'none' };
  const r = requiredResources(req, REQUIREMENT.cache);
  if (r.state === 'unresolved') return { state: 'unresolved', name: ref.name };
  const cache = r.items.find((o) => o.metadata?.name === ref.name) ?? r.items[0];
  if (cache === undefined) return { state: 'absent', name: ref.name };
  const sel = untrusted<ModelCacheSpec>(cache.spec).clusterSelector;
  return { state: 'present', name: ref.name, selector: isRecord(sel) ? { matchLabels: stringMap(untrusted<MatchLabelsSelector>(sel).matchLabels) } : undefined };
}

/** The deployment's cluster selector AND the cache's, when the cache exists. */
export function effectiveSelector(own: LabelSelectorLike | undefined, cache: CacheInput): LabelSelectorLike {
  return andSelectors(own, cache.state === 'present' ? cache.selector : undefined);
}

// ---- defensive readers, typed by the writers' schemas (lib/contracts) ---------------------------

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A non-negative whole count; missing, negative or non-numeric reads as 0. */
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/**
 * A pool's live numbers, or why they cannot be read (then the configured capacity is used: an
 * unreadable report is "cannot tell", never "no capacity"). Rows must carry one count per device
 * class of the pool's shape.
 */
function readLive(live: unknown, shape: PoolShape, at: string): LiveReading {
  const v = untrusted<LivePool>(live);
  if (typeof v.reportedAt !== 'string' || Number.isNaN(Date.parse(v.reportedAt))) return { problem: `${at}.reportedAt is not a time` };
  const rows = readFreeRows(v.free);
  if (rows === undefined) return { problem: `${at}.free is not a list of free rows` };
  const width = shape.classes.length;
  if (rows.some(([, d]) => d.length !== width)) return { problem: `${at}.free does not match the pool's ${width} device classes` };
  return { reportedAt: v.reportedAt, rows, headroomNodes: count(v.headroomNodes) };
}

/**
 * The cluster's published pools, and why they cannot all be trusted (the first problem found).
 * An unreadable entry is left out, never read as a pool without devices: a replica pinned to it
 * is then "cannot tell", not "no longer fits".
 */
export function readPools(status: unknown, classes: ReadonlyMap<string, ClassDevicesRead>): { readonly pools: Pool[]; readonly problem: string | undefined } {
  if (!isRecord(status)) return { pools: [], problem: 'status is missing' };
  const published = untrusted<InferenceClusterStatus>(status).gpuPools;
  if (published === undefined) return { pools: [], problem: 'status.gpuPools is missing' };
  if (!Array.isArray(published)) return { pools: [], problem: 'status.gpuPools is not a list' };
  if (published.length === 0) return { pools: [], problem: 'status.gpuPools is empty' };
  const pools: Pool[] = [];
  let problem: string | undefined;
  published.forEach((v: unknown, i) => {
    const p = readPublishedPool(v, `status.gpuPools[${i}]`, classes);
    if (typeof p === 'string') problem ??= p;
    else {
      const shape = poolShape(p.nodes, p.devices);
      const live = untrusted<GpuPool>(v).live;
      pools.push({ name: p.name, nodes: p.nodes, devices: p.devices, shape, ...(live === undefined ? {} : { live: readLive(live, shape, `status.gpuPools[${i}].live`) }) });
    }
  });
  return { pools, problem };
}

function readTaint(taint: unknown): TaintLike | undefined {
  const v = untrusted<Taint>(taint);
  if (typeof v.key !== 'string' || typeof v.effect !== 'string') return undefined;
  return { key: v.key, value: str(v.value), effect: v.effect };
}

/** A cluster being deleted reads as gone: its replicas move away and nothing new goes there. */
export function readCluster(o: ObservedObject, classes: ReadonlyMap<string, ClassDevicesRead>): Cluster | undefined {
  const name = str(o.metadata?.name);
  if (!name || o.metadata?.deletionTimestamp) return undefined;
  const spec = untrusted<InferenceClusterSpec>(o.spec);
  const { pools, problem } = readPools(o.status, classes);
  const ledger = readLedger(o.status);
  // Without a readable ledger, what the cluster's pools hold cannot be told: no new replica goes there.
  const unknown = problem ?? (ledger.state === 'missing' ? 'status.ledger is missing' : ledger.state === 'malformed' ? ledger.problem : undefined);
  return {
    name,
    labels: stringMap(o.metadata?.labels),
    ready: isConditionTrue(o, 'Ready'),
    gatewayAddress: readClusterStatus(o.status).gateway?.address,
    taints: list(spec.taints)
      .map(readTaint)
      .filter((t): t is TaintLike => t !== undefined),
    pools,
    poolsUnknown: unknown,
    ledger: ledger.state === 'present' ? ledger.pools : undefined,
    specPools: list(spec.nodePools).flatMap((p) => {
      const name = untrusted<NodePool>(p).name;
      return typeof name === 'string' ? [name] : [];
    }),
  };
}

/** A missing or non-integer index reads as 0. */
export function replicaIndex(labels: Readonly<Record<string, string>> | undefined): number {
  const raw = labels?.[LABELS.replicaIndex];
  return raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
}

/** A resolved device request as the replica carries it; undefined when it is not one. */
function readRequest(request: unknown): ResolvedRequest | undefined {
  const v = untrusted<ResolvedDeviceRequest>(request);
  if (typeof v.name !== 'string' || typeof v.deviceClassName !== 'string') return undefined;
  const selectors = list(v.selectors).flatMap((s) => {
    const cel = untrusted<{ cel: string }>(s).cel;
    return typeof cel === 'string' ? [{ cel }] : [];
  });
  return { name: v.name, deviceClassName: v.deviceClassName, count: count(v.count), selectors };
}

function readMember(member: unknown): ObservedMember {
  const m = untrusted<ReplicaMember>(member);
  const role = str(m.role) ?? 'Standalone';
  const nodes = count(untrusted<WorkerSpec>(m.worker).nodes);
  const published = list(m.deviceRequests);
  return {
    role,
    nodePoolName: str(m.nodePoolName),
    pods: podsPerCopy({ role, worker: { nodes: nodes > 0 ? nodes : undefined } }),
    claims: published.length > 0,
    requests: published.map(readRequest).filter((r): r is ResolvedRequest => r !== undefined),
  };
}

function readEngine(engine: unknown): ObservedEngine {
  const e = untrusted<ReplicaEngine>(engine);
  return { name: str(e.name) ?? '', copies: count(e.copies) || 1, members: list(e.members).map(readMember) };
}

export function readReplica(o: ObservedObject): ObservedReplica | undefined {
  const name = str(o.metadata?.name);
  const spec = untrusted<ModelReplicaSpec>(o.spec);
  const clusterName = str(spec.clusterName);
  if (!name || !clusterName) return undefined;
  const labels = o.metadata?.labels;
  return {
    name,
    namespace: str(o.metadata?.namespace) ?? '',
    deployment: isRecord(labels) ? str(labels[LABELS.deployment]) : undefined,
    clusterName,
    index: replicaIndex(isRecord(labels) ? stringMap(labels) : undefined),
    engines: list(spec.engines).map(readEngine),
    ready: isReady(o),
    health: readReplicaHealth(o.status),
    placedAt: str((o.metadata as Record<string, unknown> | undefined)?.creationTimestamp),
  };
}
