// The scheduler's typed inputs and outputs. Everything here is plain data, already parsed from the
// request by inputs.ts; the scheduler never sees a protobuf Struct or an unvalidated object.
import type { LabelSelectorLike, Labels } from '../../lib/k8s/selectors';
import type { TaintLike, TolerationLike } from '../../lib/k8s/tolerations';
import type { Rejection } from './explain';
import type { Plugins } from './framework';

export type MemberRole = 'Standalone' | 'Leader' | 'Worker';

/** One device request of a deployment member, with its selectors compiled. */
export interface DeviceRequestSpec {
  readonly name: string;
  readonly count: number;
  readonly selectors: readonly { readonly cel: string }[];
  /** Compiled selector ids (see DeviceMatcher), one per selector. */
  readonly programs: readonly number[];
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

/** A device of a published pool. Counts are already clamped to >= 0. */
export interface PoolDevice {
  readonly name: string;
  readonly claim: 'DRA' | 'Synthetic';
  readonly deviceClassName: string | undefined;
  readonly count: number;
  /** The device as published, for the CEL activation. */
  readonly published: unknown;
}

export interface Pool {
  readonly name: string;
  /** Capacity in nodes, clamped to >= 0. */
  readonly nodes: number;
  readonly devices: readonly PoolDevice[];
}

export interface Cluster {
  readonly name: string;
  readonly labels: Labels;
  readonly ready: boolean;
  readonly gatewayAddress: string | undefined;
  readonly taints: readonly TaintLike[];
  readonly pools: readonly Pool[];
}

/** A member of an observed ModelReplica, at its observed shape. */
export interface ObservedMember {
  readonly role: string;
  readonly nodePoolName: string | undefined;
  readonly pods: number;
  /** True when it carries resolved device requests: only those members hold nodes. */
  readonly claims: boolean;
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
}

/** A request the replica claims through DRA (ModelReplica spec.engines[].members[].deviceRequests). */
export interface ResolvedRequest {
  readonly name: string;
  readonly deviceClassName: string;
  readonly count: number;
  readonly selectors: readonly { readonly cel: string }[];
}

/** Evaluates compiled selectors against published devices; memoized by the implementation. */
export interface DeviceMatcher {
  /** True when every program returns boolean true for the device. */
  matches(programs: readonly number[], device: PoolDevice): boolean;
}

export interface ScheduleInput {
  readonly deployment: DeploymentSpec;
  /** The effective cluster selector (deployment AND cache). */
  readonly selector: LabelSelectorLike;
  /** Every InferenceCluster the requirement resolved to. */
  readonly clusters: readonly Cluster[];
  /** Every ModelReplica of the fleet, this deployment's included. */
  readonly replicas: readonly ObservedReplica[];
  /** False while a referenced ModelCache is unresolved or missing: retain and scale down only. */
  readonly fill: boolean;
  readonly devices: DeviceMatcher;
  /** The filters and scorers to run; default: the registered ones (plugins/index.ts). */
  readonly plugins?: Plugins;
}

export interface PlacedMember {
  readonly nodePoolName: string;
  readonly deviceRequests: readonly ResolvedRequest[];
}

export interface PlacedEngine {
  readonly name: string;
  readonly members: readonly PlacedMember[];
}

export interface Placement {
  readonly cluster: string;
  readonly index: number;
  readonly engines: readonly PlacedEngine[];
  /** The observed replica this placement keeps, if it was retained. */
  readonly retained: ObservedReplica | undefined;
}

export interface Dropped {
  readonly replica: ObservedReplica;
  readonly why: string;
}

export interface ScheduleResult {
  /** Retained plus newly placed replicas, sorted by (cluster, index). */
  readonly placements: readonly Placement[];
  /** This deployment's replicas that failed retention (Crossplane deletes them). */
  readonly dropped: readonly Dropped[];
  /** Retained replicas removed because more were retained than wanted. */
  readonly scaledDown: readonly ObservedReplica[];
  /** Why each cluster could not take another replica; empty unless fill ran short. */
  readonly unschedulable: readonly Rejection[];
  /** Clusters the requirement resolved to (the "checked K clusters" of the summary). */
  readonly checked: number;
}
