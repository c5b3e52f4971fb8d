// ModelReplica: one replica of a ModelDeployment pinned to one InferenceCluster. Written by
// fn-schedule only; fn-replica turns it into the serving workload on its cluster.
// Identity lives in the labels modelplane.ai/{deployment,cluster,replica-index}, not in the name.
import { z } from 'zod';
import { dnsLabel, int, localObjectReference, objectName } from './common';
import { ENGINE_PHASES, MEMBER_ROLES, celSelector, engineRuntime, engineShapeRule, memberRules, servingSpec, workerSpec } from './modeldeployment';
import { podTemplate } from './podtemplate';
import { listMap, parseWith, withMeta, withRules, type ParseResult } from './rules';

export const resolvedDeviceRequest = z.object({
  name: dnsLabel().describe("The deployment's request name."),
  deviceClassName: objectName().describe('The DRA DeviceClass of the matched pool device.'),
  count: int(1, 64).default(1).describe('Devices per pod.'),
  selectors: z.array(celSelector).min(1).max(8).describe("The request's CEL selectors, copied."),
});
export type ResolvedDeviceRequest = z.output<typeof resolvedDeviceRequest>;

export const replicaMember = withRules(
  z.object({
    role: z.enum(MEMBER_ROLES).default('Standalone'),
    nodePoolName: z.string().min(1).max(63).describe('The pool the scheduler chose.'),
    deviceRequests: listMap(resolvedDeviceRequest, 1, 16).optional().describe('Resolved DRA requests; omitted when the member claims nothing.'),
    worker: workerSpec.optional(),
    template: podTemplate,
  }),
  memberRules,
);
export type ReplicaMember = z.output<typeof replicaMember>;

export const replicaEngine = withRules(
  z.object({
    name: dnsLabel(),
    runtime: engineRuntime,
    phase: z.enum(ENGINE_PHASES).optional(),
    copies: int(1, 64).default(1),
    members: z.array(replicaMember).min(1).max(2),
  }),
  [engineShapeRule],
);
export type ReplicaEngine = z.output<typeof replicaEngine>;

export const modelReplicaSpec = z.object({
  clusterName: withMeta(objectName().max(63), {
    'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'clusterName is immutable' }],
  }).describe('The InferenceCluster this replica is pinned to; never changes.'),
  serving: servingSpec,
  modelCacheRef: localObjectReference.optional(),
  engines: listMap(replicaEngine, 1, 8),
});

export const replicaHealthStatus = z.object({
  state: z.enum(['Progressing', 'Ready', 'Stuck']).describe('Ready: every workload Available; Stuck: a cause that waiting will not clear; else Progressing.'),
  cause: z
    .enum(['Unschedulable', 'ClaimAllocationFailed', 'ReplicaFailure', 'ProgressDeadlineExceeded', 'ImagePullBackOff', 'CrashLoopBackOff'])
    .optional()
    .describe('Why the replica is Stuck. ImagePullBackOff and CrashLoopBackOff follow the replica to any cluster; the others are local to its cluster.'),
  message: z.string().optional().describe("What the cluster reported (the scheduler's message, the container's waiting reason)."),
  since: z.string().optional().describe('RFC 3339 time since when the replica has been in this state, from observed timestamps.'),
  observedAt: z.string().optional().describe("RFC 3339: the newest time the cluster reported on the workloads and pods (the scheduler's clock)."),
});

export const modelReplicaStatus = z.object({
  health: replicaHealthStatus.optional().describe('Health from the observed workloads and pods; shown by the HEALTH printer column.'),
  endpoint: z.string().optional().describe("The replica's OpenAI-compatible base URL once serving."),
});

export type ModelReplicaSpec = z.output<typeof modelReplicaSpec>;
export type ModelReplicaSpecInput = z.input<typeof modelReplicaSpec>;
export type ModelReplicaStatus = z.output<typeof modelReplicaStatus>;

export function parseModelReplicaSpec(obj: unknown): ParseResult<ModelReplicaSpec> {
  return parseWith(modelReplicaSpec, obj, 'spec');
}
