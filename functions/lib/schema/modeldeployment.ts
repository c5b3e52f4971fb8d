// ModelDeployment: what an ML team writes. It never names a cluster; fn-schedule places its
// replicas on the InferenceClusters that match (see api.md and scheduling.md).
//
// Invariants enforced here (CEL on the XRD and zod for the functions):
// - an engine is exactly one Standalone member, or exactly one Leader plus one Worker;
// - at least one member of every engine has a nodeSelector;
// - `worker` only on a Worker member (no default: a Worker without it means 1 node);
// - PrefillDecode: exactly two engines, one phase Prefill, one Decode; `phase` rejected under Unified.
import { z } from 'zod';
import { dnsLabel, int, intOrPercent, labelSelector, localObjectReference, PERCENT_100_RE, toleration } from './common';
import { podTemplate } from './podtemplate';
import { listMap, parseWith, withRules, type ParseResult, type Rule } from './rules';

export const SERVING_MODES = ['Unified', 'PrefillDecode'] as const;
export const ENGINE_PHASES = ['Prefill', 'Decode'] as const;
/** The inference servers an engine can run; fn-replica has one profile per runtime (engines/). */
export const ENGINE_RUNTIMES = ['vLLM', 'SGLang'] as const;
export const DEFAULT_ENGINE_RUNTIME = 'vLLM';
export const MEMBER_ROLES = ['Standalone', 'Leader', 'Worker'] as const;
export type ServingMode = (typeof SERVING_MODES)[number];
export type EnginePhase = (typeof ENGINE_PHASES)[number];
export type EngineRuntime = (typeof ENGINE_RUNTIMES)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const celSelector = z.object({
  cel: z.string().min(1).max(10240).describe('A DRA device-selector CEL expression over `device`.'),
});

export const deviceRequest = z.object({
  name: dnsLabel().describe('Name of the request, unique within the member.'),
  count: int(1, 64).default(1).describe('Devices per pod (per node).'),
  selectors: z.array(celSelector).min(1).max(8).describe('All selectors must match a device.'),
});
export type DeviceRequest = z.output<typeof deviceRequest>;

export const nodeSelector = z
  .object({ devices: listMap(deviceRequest, 1, 16).describe('Device requests, matched in order against a pool device.') })
  .describe('The devices each pod of this member needs on its node; omitted: the member claims nothing.');
export type NodeSelector = z.output<typeof nodeSelector>;

export const workerSpec = z.object({
  nodes: int(1, 63).describe('Worker pods (= nodes) in the gang, besides the leader.'),
});
export type WorkerSpec = z.output<typeof workerSpec>;

export const engineRuntime = z
  .enum(ENGINE_RUNTIMES)
  .default(DEFAULT_ENGINE_RUNTIME)
  .describe(
    'The inference server the engine image runs: vLLM (default) or SGLang. It decides the default serving port ' +
      '(vLLM 8000, SGLang 30000), the flag a referenced ModelCache is passed with (--model, --model-path), the P/D ' +
      "sidecar's KV connector and which metrics the endpoint picker reads.",
  );

export const servingSpec = z
  .object({ mode: z.enum(SERVING_MODES).default('Unified').describe('Unified (default) or PrefillDecode.') })
  .prefault({})
  .describe('How requests are served.');

type MemberLike = { role?: string | undefined; worker?: unknown; nodeSelector?: unknown };
export const memberRules: Rule<MemberLike>[] = [
  {
    rule: "!has(self.worker) || (has(self.role) && self.role == 'Worker')",
    message: 'worker is only allowed on a member with role Worker',
    fieldPath: '.worker',
    check: (m) => m.worker === undefined || m.role === 'Worker' || ['worker'],
  },
];

export const member = withRules(
  z.object({
    role: z.enum(MEMBER_ROLES).default('Standalone').describe('Standalone (default), Leader or Worker.'),
    worker: workerSpec.optional().describe('Worker only: the gang size.'),
    nodeSelector: nodeSelector.optional(),
    template: podTemplate,
  }),
  memberRules,
);
export type Member = z.output<typeof member>;

const STANDALONE = "(!has(m.role) || m.role == 'Standalone')";
type EngineLike = { members?: readonly MemberLike[]; phase?: string | undefined; runtime?: string | undefined };
/** The engine-shape rule, shared with ModelReplica. */
export const engineShapeRule: Rule<EngineLike> = {
  rule:
    `(size(self.members) == 1 && self.members.all(m, ${STANDALONE})) || ` +
    "(size(self.members) == 2 && self.members.exists_one(m, has(m.role) && m.role == 'Leader') && " +
    "self.members.exists_one(m, has(m.role) && m.role == 'Worker'))",
  message: 'an engine is exactly one Standalone member, or exactly one Leader plus one Worker',
  fieldPath: '.members',
  check: (e) => {
    const ms = e.members ?? [];
    const roles = ms.map((m) => m.role ?? 'Standalone');
    if (ms.length === 1 && roles[0] === 'Standalone') return true;
    if (ms.length === 2 && roles.filter((r) => r === 'Leader').length === 1 && roles.filter((r) => r === 'Worker').length === 1) return true;
    return ['members'];
  },
};

export const engine = withRules(
  z.object({
    name: dnsLabel().describe('Engine name, unique within the deployment.'),
    runtime: engineRuntime,
    phase: z.enum(ENGINE_PHASES).optional().describe('Prefill or Decode; only with serving.mode PrefillDecode.'),
    copies: int(1, 64).default(1).describe('Identical copies inside one replica, on one cluster.'),
    members: z.array(member).min(1).max(2).describe('One Standalone member, or a Leader and a Worker.'),
  }),
  [
    engineShapeRule,
    {
      rule: 'self.members.exists(m, has(m.nodeSelector))',
      message: 'at least one member of an engine must have a nodeSelector',
      fieldPath: '.members',
      check: (e) => (e.members ?? []).some((m) => m.nodeSelector !== undefined) || ['members'],
    },
  ],
);
export type Engine = z.output<typeof engine>;

/** An engine's runtime in CEL, whether or not the API server's defaulting has run. */
const RUNTIME_OF = (e: string) => `(has(${e}.runtime) ? ${e}.runtime : '${DEFAULT_ENGINE_RUNTIME}')`;
const IS_PD = "(has(self.serving) && has(self.serving.mode) && self.serving.mode == 'PrefillDecode')";
type DeploymentLike = { serving?: { mode?: string | undefined }; engines?: readonly EngineLike[] };
export const servingRules: Rule<DeploymentLike>[] = [
  {
    rule:
      `!${IS_PD} || (size(self.engines) == 2 && ` +
      "self.engines.exists_one(e, has(e.phase) && e.phase == 'Prefill') && " +
      "self.engines.exists_one(e, has(e.phase) && e.phase == 'Decode'))",
    message: 'serving mode PrefillDecode needs exactly two engines, one with phase Prefill and one with phase Decode',
    fieldPath: '.engines',
    check: (d) => {
      if (d.serving?.mode !== 'PrefillDecode') return true;
      const es = d.engines ?? [];
      const phases = es.map((e) => e.phase);
      return (es.length === 2 && phases.includes('Prefill') && phases.includes('Decode')) || ['engines'];
    },
  },
  {
    rule: `!${IS_PD} || self.engines.all(e, self.engines.all(f, ${RUNTIME_OF('e')} == ${RUNTIME_OF('f')}))`,
    message: 'serving mode PrefillDecode needs both engines on the same runtime (the KV cache moves between them)',
    fieldPath: '.engines',
    check: (d) => {
      if (d.serving?.mode !== 'PrefillDecode') return true;
      const runtimes = new Set((d.engines ?? []).map((e) => e.runtime ?? DEFAULT_ENGINE_RUNTIME));
      return runtimes.size <= 1 || ['engines'];
    },
  },
  {
    rule: `${IS_PD} || self.engines.all(e, !has(e.phase))`,
    message: 'engine phase is only allowed with serving mode PrefillDecode',
    fieldPath: '.engines',
    check: (d) => {
      if (d.serving?.mode === 'PrefillDecode') return true;
      const i = (d.engines ?? []).findIndex((e) => e.phase !== undefined);
      return i < 0 || ['engines', i, 'phase'];
    },
  },
];

/** Self-healing knobs (docs/failures.md). Both default when omitted. */
export const placementSpec = z.object({
  progressDeadlineSeconds: int(60, 86400)
    .default(900)
    .describe('A replica not Ready this long after it was placed, stuck for a cause local to its cluster, is replaced on another cluster.'),
  backoffSeconds: int(60, 86400).default(1800).describe('How long the cluster and pool of a replaced stuck replica take no new replica of this deployment.'),
  clusterFailureToleration: int(30, 86400)
    .default(300)
    .describe('Seconds a cluster may be not Ready (or without a gateway address) before its replicas are replaced elsewhere; they are kept until it recovers.'),
});
export type PlacementSpec = z.output<typeof placementSpec>;

/** A strategy field that resolves to no move at all: 0 or 0%. */
const isZero = (v: unknown) => v === 0 || v === '0%';

/**
 * How many moves run at once (docs/failures.md, "Voluntary moves"). Both default when omitted; each
 * is a count or a percentage of spec.replicas, as in a Deployment's rolling update (maxSurge rounds
 * up, maxUnavailable down).
 */
export const strategySpec = withRules(
  z.object({
    maxSurge: intOrPercent(1000)
      .default(1)
      .describe(
        'Replicas a move may add above spec.replicas at once, counting the replaced replicas that still serve: a count or a percentage of spec.replicas (rounded up); default 1.',
      ),
    maxUnavailable: intOrPercent(1000, PERCENT_100_RE)
      .default(0)
      .describe(
        'Serving replicas a move may take below spec.replicas at once: a count or a percentage of spec.replicas (rounded down, at most 100%); default 0: the Ready count never drops for a move.',
      ),
  }),
  [
    {
      rule: "!((has(self.maxSurge) ? string(self.maxSurge) : '1') in ['0', '0%'] && (has(self.maxUnavailable) ? string(self.maxUnavailable) : '0') in ['0', '0%'])",
      message: 'spec.strategy: maxSurge and maxUnavailable cannot both be 0 or 0% (no replica could move)',
      fieldPath: '.maxSurge',
      check: (v) => !isZero(v.maxSurge ?? 1) || !isZero(v.maxUnavailable ?? 0) || ['maxSurge'],
    },
  ],
);
export type StrategySpec = z.output<typeof strategySpec>;

export const modelDeploymentSpec = withRules(
  z.object({
    replicas: int(0, 1000).default(1).describe('Number of replicas; the only scaling axis (scale subresource).'),
    clusterSelector: labelSelector.optional().describe('Which InferenceClusters may host replicas; omitted: every cluster.'),
    modelCacheRef: localObjectReference.optional().describe('A ModelCache in the same namespace whose weights are mounted at /mnt/models.'),
    serving: servingSpec,
    tolerations: z.array(toleration).max(32).optional().describe('Tolerations of InferenceCluster taints.'),
    engines: listMap(engine, 1, 8).describe('The engines of one replica, keyed by name.'),
    strategy: strategySpec.optional().describe('How many replicas move at once: maxSurge above and maxUnavailable below spec.replicas.'),
    placement: placementSpec
      .optional()
      .describe(
        'Self-healing: how long a replica may take to become Ready, how long a cluster that failed one is avoided, and how long a cluster may be down before its replicas fail over.',
      ),
  }),
  servingRules,
);

export const modelDeploymentStatus = z.object({
  replicas: z
    .object({
      total: int(0).optional().describe('Replicas placed (read by the scale subresource).'),
      ready: int(0).optional().describe('Replicas observed Ready.'),
    })
    .optional(),
  placements: z
    .array(
      z.object({
        replica: z.string().describe('ModelReplica name.'),
        cluster: z.string().describe('InferenceCluster name.'),
        index: int(0).describe('Replica index on that cluster.'),
        engines: z
          .array(
            z.object({
              name: z.string(),
              pools: z.array(z.string()).describe('Pools used by the members.'),
              why: z.string().optional().describe('Why this pool: the deciding rule, and why the pools before it were not used.'),
            }),
          )
          .optional(),
        why: z.string().optional().describe('Why this cluster: the deciding scorer against the runner-up, or the name tie-break (set when placed).'),
        state: z
          .string()
          .optional()
          .describe(
            'Only when unusual: KeptAsIs (its fit cannot be told, kept unchanged), Replacing (no longer fits, kept until a replacement is Ready) or FailingOver (its cluster is down, kept as it is until it recovers), with why.',
          ),
      }),
    )
    .optional()
    .describe('Where each replica runs, and why.'),
  unschedulable: z
    .array(z.object({ cluster: z.string(), reason: z.string() }))
    .optional()
    .describe('Why each rejected cluster was rejected.'),
  backoffs: z
    .array(
      z.object({
        cluster: z.string(),
        pools: z.array(z.string()).describe('Pools the stuck replica was pinned to.'),
        cause: z.string().describe('Why the replica was replaced (its health cause).'),
        until: z.string().describe('RFC 3339 time after which the cluster takes new replicas again.'),
      }),
    )
    .optional()
    .describe('Clusters avoided for new replicas after one was stuck there; each expires.'),
  outages: z
    .array(
      z.object({
        cluster: z.string(),
        since: z.string().describe('RFC 3339 time of the first reconcile that saw the cluster down.'),
        reason: z.string().describe('Why the cluster counts as down.'),
        phase: z.string().describe('Down (within the toleration), FailedOver (its replicas are being replaced elsewhere) or FailingBack (recovered; the surplus goes).'),
      }),
    )
    .optional()
    .describe('Clusters hosting replicas of this deployment that are down, or recovering from a failover.'),
  labelSelector: z.string().optional().describe("Serialized label selector of this deployment's ModelReplicas (modelplane.ai/deployment=<name>), for the scale subresource."),
});

export type ModelDeploymentSpec = z.output<typeof modelDeploymentSpec>;
export type ModelDeploymentStatus = z.output<typeof modelDeploymentStatus>;

export function parseModelDeploymentSpec(obj: unknown): ParseResult<ModelDeploymentSpec> {
  return parseWith(modelDeploymentSpec, obj, 'spec');
}
