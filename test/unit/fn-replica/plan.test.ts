// planReplica: which objects a replica needs, and the replicas it refuses to guess about.
import { describe, expect, it } from 'vitest';
import { planReplica } from '../../../functions/fn-replica/plan';
import { LABELS } from '../../../functions/lib/k8s/labels';
import { ENDPOINT_PICKER_SERVICE_ACCOUNT } from '../../../functions/lib/k8s/remote';
import { parseModelReplicaSpec, type ModelReplicaSpec } from '../../../functions/lib/schema';
import { TOPOLOGIES, engineContainer, replica, standaloneMember, template, type Json } from '../../fixtures/fn-replica';
import { READINESS, type Readiness } from '../../../functions/lib/delivery';

const readinessName = (r: Readiness) => Object.entries(READINESS).find(([, v]) => v === r)?.[0];

const spec = (xr: Json): ModelReplicaSpec => {
  const parsed = parseModelReplicaSpec(xr.spec);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};
const plan = (xr: Json) => planReplica({ replica: { namespace: xr.metadata.namespace, name: xr.metadata.name }, spec: spec(xr), routerVersion: 'v0.10.0' });
const keys = (xr: Json) => {
  const p = plan(xr);
  return p.ok ? p.objects.map((o) => `${o.key.replace(/-[0-9a-f]{8}$/, '-<digest>')}:${o.manifest.kind}:${readinessName(o.readiness)}`) : p.issues;
};
const ROUTING = [
  'epp-config:ConfigMap:created',
  'epp-deployment:Deployment:available',
  'epp-service:Service:created',
  'inference-pool:InferencePool:created',
  'http-route:HTTPRoute:created',
];
const member = (args: string[], overrides: Json = {}) => standaloneMember({ template: template(engineContainer({ args })), ...overrides });

describe('planReplica: objects per topology', () => {
  it.each([
    { name: 'standalone', want: ['claims-vllm-standalone-<digest>:ResourceClaimTemplate:created', 'workload-vllm:Deployment:available', ...ROUTING] },
    { name: 'gang-claimless-leader', want: ['claims-vllm-worker-<digest>:ResourceClaimTemplate:created', 'workload-vllm:LeaderWorkerSet:available', ...ROUTING] },
    {
      name: 'gang-cache-command',
      want: [
        'claims-sglang-leader-<digest>:ResourceClaimTemplate:created',
        'claims-sglang-worker-<digest>:ResourceClaimTemplate:created',
        'workload-sglang:LeaderWorkerSet:available',
        ...ROUTING,
      ],
    },
    {
      name: 'prefill-decode',
      want: [
        'claims-prefill-standalone-<digest>:ResourceClaimTemplate:created',
        'workload-prefill:Deployment:available',
        'claims-decode-standalone-<digest>:ResourceClaimTemplate:created',
        'workload-decode:Deployment:available',
        ...ROUTING,
      ],
    },
  ])('$name', ({ name, want }) => {
    expect(keys(TOPOLOGIES[name]!)).toEqual(want);
  });

  it('a member that claims nothing gets no template', () => {
    expect(keys(replica({ engines: [{ name: 'cpu', members: [standaloneMember({ deviceRequests: undefined })] }] }))).toEqual(['workload-cpu:Deployment:available', ...ROUTING]);
  });

  it('re-resolved device requests make a new claim template key (templates are immutable)', () => {
    const claimKey = (xr: Json) => {
      const p = plan(xr);
      return p.ok ? p.objects[0]!.key : '';
    };
    const other = replica({
      engines: [{ name: 'vllm', members: [standaloneMember({ deviceRequests: [{ name: 'gpu', deviceClassName: 'other', selectors: [{ cel: 'true' }] }] })] }],
    });
    expect(claimKey(TOPOLOGIES.standalone!)).toMatch(/^claims-vllm-standalone-[0-9a-f]{8}$/);
    expect(claimKey(other)).not.toBe(claimKey(TOPOLOGIES.standalone!));
  });
});

describe('planReplica: replicas that cannot share one InferencePool as written', () => {
  const args = (e: number) => `spec.engines[${e}].members[0].template.spec.containers[0].args`;
  it.each([
    {
      name: 'an unparseable --port',
      xr: replica({ engines: [{ name: 'vllm', members: [member(['--port=http'])] }] }),
      want: [{ path: args(0), message: '--port must be a port number 1..65535, got "http"' }],
    },
    {
      name: 'Unified engines on different ports',
      xr: replica({
        engines: [
          { name: 'a', members: [member([])] },
          { name: 'b', members: [member(['--port=9000'])] },
        ],
      }),
      want: [{ path: 'spec.engines', message: 'every engine of a replica must serve on the same port (one InferencePool): a on 8000, b on 9000' }],
    },
    {
      name: 'PrefillDecode with both engines on one port',
      xr: replica({
        serving: { mode: 'PrefillDecode' },
        engines: [
          { name: 'p', phase: 'Prefill', members: [member([])] },
          { name: 'd', phase: 'Decode', members: [member([])] },
        ],
      }),
      want: [
        {
          path: args(1),
          message:
            "the decode engine must serve on a port other than the prefill engine's (8000): the P/D sidecar takes port 8000 on decode pods; add e.g. --port=8200 to the decode engine's args",
        },
      ],
    },
    {
      name: 'PrefillDecode without a Decode engine',
      xr: replica({ serving: { mode: 'PrefillDecode' }, engines: [{ name: 'p', phase: 'Prefill', members: [member([])] }] }),
      want: [{ path: 'spec.engines', message: 'serving mode PrefillDecode needs exactly one Prefill and one Decode engine' }],
    },
  ])('$name', ({ xr, want }) => {
    expect(plan(xr)).toEqual({ ok: false, issues: want });
  });

  it('Unified engines on one port share the pool', () => {
    const xr = replica({
      engines: [
        { name: 'a', members: [member(['--port=9000'])] },
        { name: 'b', members: [member(['--port', '9000'])] },
      ],
    });
    const p = plan(xr);
    const pool = p.ok ? p.objects.find((o) => o.manifest.kind === 'InferencePool')!.manifest : undefined;
    expect((pool as Json | undefined)?.spec.targetPorts).toEqual([{ number: 9000 }]);
  });
});

describe('planReplica: the pool and its picker', () => {
  const objects = (xr: Json) => {
    const p = plan(xr);
    return p.ok ? p.objects.map((o) => o.manifest as Json) : [];
  };
  const podLabels = (m: Json): Json[] =>
    m.kind === 'LeaderWorkerSet'
      ? [m.spec.leaderWorkerTemplate.leaderTemplate.metadata.labels, m.spec.leaderWorkerTemplate.workerTemplate.metadata.labels]
      : [m.spec.template.metadata.labels];
  it.each(Object.keys(TOPOLOGIES).map((name) => ({ name })))('$name: the pool selects the serving pods, the picker runs as the shared account', ({ name }) => {
    const all = objects(TOPOLOGIES[name]!);
    const pool = all.find((m) => m.kind === 'InferencePool')!;
    const picker = all.find((m) => m.kind === 'Deployment' && m.metadata.name.startsWith('epp-'))!;
    expect(pool.spec.selector.matchLabels).toEqual({ [LABELS.inferencePool]: pool.metadata.name });
    const workloads = all.filter((m) => ['Deployment', 'LeaderWorkerSet'].includes(m.kind) && m !== picker);
    const pooled = workloads.flatMap(podLabels).filter((l) => l[LABELS.inferencePool] === pool.metadata.name);
    expect(pooled.length).toBeGreaterThan(0);
    expect(picker.spec.template.spec.serviceAccountName).toBe(ENDPOINT_PICKER_SERVICE_ACCOUNT);
    expect(all.filter((m) => ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].includes(m.kind))).toEqual([]);
  });
});
