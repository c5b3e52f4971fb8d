// The scheduler's typed inputs and outputs. Everything here is plain data, already parsed from the
// request by inputs.ts; the scheduler never sees a protobuf Struct or an unvalidated object.
import type { LabelSelectorLike, Labels } from '../../lib/k8s/selectors';
import type { TaintLike, TolerationLike } from '../../lib/k8s/tolerations';
import type { ClassDeviceRead, LedgerPoolRead, ReplicaHealth } from '../../lib/contracts';
import type { PoolShape } from '../../lib/capacity';
import type { Rejection } from './explain';
import type { Strategy } from './strategy';

export type MemberRole = 'Standalone' | 'Leader' | 'Worker';

/** One device request of a deployment member, with its selectors compiled. */
export interface DeviceRequestSpec {
  readonly name: string;
  readonly count: number;
  readonly selectors: readonly { readonly cel: string }[];
  /** Compiled selector ids (see DeviceMatcher), one per selector. */
  readonly programs: readonly number[];
  /** Where the request is in the deployment, e.g. `spec.engines[0].members[1].nodeSelector.devices[0]`. */
  readonly field: string;
}

export interface MemberSpec {
  readonly role: MemberRole;
  /** Pods (= nodes) per copy: `worker.nodes` for a Worker, else 1. */
  readonly pods: number;
  /** Undefined when the member has no nodeSelector: it fits every pool and claims nothing. */
  readonly requests: readonly DeviceRequestSpec[] | undefined;
}

export interface EngineSpec {
  readonly name: string;
  readonly copies: number;
  readonly members: readonly MemberSpec[];
}

export interface DeploymentSpec {
  readonly name: string;
  readonly namespace: string;
  readonly replicas: number;
  readonly engines: readonly EngineSpec[];
  readonly tolerations: readonly TolerationLike[];
}

/** A device every node of a pool carries, as its InferenceClass says (lib/contracts). */
export type PoolDevice = ClassDeviceRead;

/** A pool's live numbers as published (status.gpuPools[].live), or why they cannot be read. */
export type LiveReading =
  | {
      readonly reportedAt: string;
      /** Usable nodes by free devices, freest first: [nodes, devices per class of the shape]. */
      readonly rows: readonly (readonly [number, readonly number[]])[];
      readonly headroomNodes: number;
    }
  | { readonly problem: string };

/** Which capacity a pool is packed into this pass (live.ts): the live report while fresh, else the configured one. */
export type CapacitySource = { readonly source: 'Live'; readonly reportedAt: string } | { readonly source: 'Configured'; readonly why: string | undefined };

export interface Pool {
  readonly name: string;
  /** Capacity in nodes, clamped to >= 0. */
  readonly nodes: number;
  readonly devices: readonly PoolDevice[];
  /** Devices per node by DRA class (lib/capacity): device accounting, or node accounting when unknown. */
  readonly shape: PoolShape;
  /** The published live numbers, when the cluster publishes any. */
  readonly live?: LiveReading | undefined;
  /** Set by live.ts for the pass; absent: configured. */
  readonly capacity?: CapacitySource | undefined;
}

export interface Cluster {
  readonly name: string;
  readonly labels: Labels;
  readonly ready: boolean;
  readonly gatewayAddress: string | undefined;
  readonly taints: readonly TaintLike[];
  readonly pools: readonly Pool[];
  /**
   * Why the published pools cannot be trusted (status or status.gpuPools missing or malformed),
   * or undefined. Such a cluster takes no new replica and its replicas are kept as they are.
   */
  readonly poolsUnknown: string | undefined;
  /** Pool names in spec.nodePools: a pinned pool listed here but not published is "cannot tell". */
  readonly specPools: readonly string[];
  /**
   * The cluster's published allocation ledger by pool name (lib/contracts/ledger.ts): what the
   * replicas pinned there held when it last reconciled. Undefined: only the replicas given are charged.
   */
  readonly ledger?: ReadonlyMap<string, LedgerPoolRead> | undefined;
}

/** A member of an observed ModelReplica, at its observed shape. */
export interface ObservedMember {
  readonly role: string;
  readonly nodePoolName: string | undefined;
  readonly pods: number;
  /** True when it carries resolved device requests: only those members hold nodes. */
  readonly claims: boolean;
  /** The resolved device requests it carries (the well-formed ones). */
  readonly requests: readonly ResolvedRequest[];
}

export interface ObservedEngine {
  readonly name: string;
  readonly copies: number;
  readonly members: readonly ObservedMember[];
}

export interface ObservedReplica {
  readonly name: string;
  readonly namespace: string;
  readonly deployment: string | undefined;
  readonly clusterName: string;
  readonly index: number;
  readonly engines: readonly ObservedEngine[];
  readonly ready: boolean;
  /** status.health as fn-replica reported it, and when the replica was placed (healing.ts). */
  readonly health?: ReplicaHealth | undefined;
  readonly placedAt?: string | undefined;
}

/** A request the replica claims through DRA (ModelReplica spec.engines[].members[].deviceRequests). */
export interface ResolvedRequest {
  readonly name: string;
  readonly deviceClassName: string;
  readonly count: number;
  readonly selectors: readonly { readonly cel: string }[];
}

/**
 * A device against a request's selectors: true (every one returns true), false (one returns
 * false), or cannot tell: the first selector whose evaluation failed, and why.
 */
export type DeviceVerdict = boolean | { readonly program: number; readonly error: string };

/** Evaluates compiled selectors against published devices; memoized by the implementation. */
export interface DeviceMatcher {
  judge(programs: readonly number[], device: PoolDevice): DeviceVerdict;
}

export interface ScheduleInput {
  readonly deployment: DeploymentSpec;
  /** The effective cluster selector (deployment AND cache). */
  readonly selector: LabelSelectorLike;
  /** Every InferenceCluster the requirement resolved to. */
  readonly clusters: readonly Cluster[];
  /**
   * This deployment's ModelReplicas, plus any other replica that holds capacity and is not counted
   * in its cluster's published ledger (the clusters' ledgers carry the rest of the fleet).
   */
  readonly replicas: readonly ObservedReplica[];
  /** False while a referenced ModelCache is unresolved or missing: retain and scale down only. */
  readonly fill: boolean;
  readonly devices: DeviceMatcher;
  /** Self-healing (healing.ts): replicas stuck on their cluster, by name, and clusters backed off. */
  readonly healing?: HealingInput;
  /**
   * This deployment's replicas whose ModelEndpoint is Ready too (traffic reaches them). Make before
   * break counts only these as serving; undefined: replica readiness alone.
   */
  readonly serving?: ReadonlySet<string>;
  /** spec.strategy resolved to counts (strategy.ts); undefined: the defaults, maxSurge 1 and maxUnavailable 0. */
  readonly strategy?: Strategy;
}

export interface HealingInput {
  /** Replica name -> why it is replaced: kept until its replacement is Ready, like a superseded one. */
  readonly stuck: ReadonlyMap<string, string>;
  /** Clusters that take no new replica of this deployment (an active backoff). */
  readonly avoid: ReadonlySet<string>;
  /** Clusters down past the failure toleration, with why: their replicas are kept, not counted, replaced (failover.ts). */
  readonly failedOver?: ReadonlyMap<string, string>;
  /** Clusters down at all: nothing of this deployment is removed there. */
  readonly down?: ReadonlySet<string>;
  /** Recovered clusters whose replicas are kept when the deployment converges back to spec.replicas. */
  readonly failingBack?: ReadonlySet<string>;
}

export interface PlacedMember {
  readonly nodePoolName: string;
  readonly deviceRequests: readonly ResolvedRequest[];
}

export interface PlacedEngine {
  readonly name: string;
  readonly members: readonly PlacedMember[];
}

/** Why the scheduler cannot tell whether a replica still fits; it is then kept as it is. */
export interface CannotTellWhy {
  readonly reason: 'SelectorError' | 'ClusterStatusUnknown';
  readonly message: string;
}

export interface Placement {
  readonly cluster: string;
  readonly index: number;
  readonly engines: readonly PlacedEngine[];
  /** The observed replica this placement keeps, if it was retained. */
  readonly retained: ObservedReplica | undefined;
  /** Set when the retained replica is kept exactly as observed because its fit cannot be told. */
  readonly keptAsIs?: CannotTellWhy;
  /** Why a new placement went where it did (fill only). */
  readonly why?: PlacementWhy;
}

/** The deciding rule of a new placement, in words (why.ts). */
export interface PlacementWhy {
  /** The cluster: the deciding scorer against the runner-up, or the name tie-break. */
  readonly cluster: string;
  /** Per engine: the pool chosen and why the pools before it were not. */
  readonly pools: readonly string[];
}

export interface Dropped {
  readonly replica: ObservedReplica;
  readonly why: string;
}

/** A replica a valid change made unfit: kept, unchanged, until its replacement is Ready. */
export interface Superseded {
  readonly replica: ObservedReplica;
  readonly why: string;
  /** On a down cluster (failover.ts): kept as it is until the cluster recovers, never removed there. */
  readonly stranded?: boolean;
}

export interface ScheduleResult {
  /** Retained plus newly placed replicas, sorted by (cluster, index). */
  readonly placements: readonly Placement[];
  /** Superseded replicas kept, unchanged, until enough replacements are Ready. */
  readonly replacing: readonly Superseded[];
  /** This deployment's replicas removed this pass (Crossplane deletes them): duplicates, lost races, or superseded and no longer needed. */
  readonly dropped: readonly Dropped[];
  /** Retained replicas removed because more were retained than wanted. */
  readonly scaledDown: readonly ObservedReplica[];
  /** Why each cluster could not take another replica; empty unless fill ran short. */
  readonly unschedulable: readonly Rejection[];
  /** Clusters the requirement resolved to (the "checked K clusters" of the summary). */
  readonly checked: number;
}
