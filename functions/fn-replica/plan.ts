// The pure core: a parsed ModelReplica becomes the remote objects that serve it. Serving ports are
// read from the engines' args first, because one InferencePool needs one target port: a replica
// whose engines cannot share a pool as written is reported, not guessed at.
import { READINESS } from '../lib/delivery';
import { LABELS } from '../lib/k8s/labels';
import { WORKLOAD_NAMESPACE, cachePvcName } from '../lib/k8s/remote';
import type { ModelReplicaSpec, ReplicaEngine, ReplicaMember, SchemaIssue } from '../lib/schema';
import { servingPort } from './engine-args';
import { engineProfile } from './engines';
import type { Manifest } from './manifest';
import { KEYS, pickerName, poolName, type ReplicaRef } from './names';
import type { RemoteObject } from './object';
import { prefillDecodePickerConfig, unifiedPickerConfig } from './routing/epp-config';
import { endpointPicker } from './routing/epp';
import { httpRoute } from './routing/http-route';
import { inferencePool } from './routing/inference-pool';
import { engineLabels, remoteMeta, type EnginePlan, type MemberPlan } from './topology/common';
import { GANG_ENV, gangEngine } from './topology/gang';
import { LLMD_ROLE_LABEL, phaseRole, prefillDecodeSidecar } from './topology/prefill-decode';
import { standaloneEngine } from './topology/standalone';

export interface ReplicaInput {
  readonly replica: ReplicaRef;
  readonly spec: ModelReplicaSpec;
  /** llm-d router image tag (endpoint picker and P/D sidecar), from the cluster's stack. */
  readonly routerVersion: string;
}

export type Plan = { readonly ok: true; readonly objects: readonly RemoteObject[] } | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

interface ServingEngine {
  readonly index: number;
  readonly engine: ReplicaEngine;
  readonly memberIndex: number;
  readonly port: number;
}

const isGang = (e: ReplicaEngine): boolean => e.members.some((m) => m.role === 'Leader');
const isServing = (m: ReplicaMember): boolean => m.role !== 'Worker';
const argsPath = (e: number, m: number) => `spec.engines[${e}].members[${m}].template.spec.containers[0].args`;

/** The serving port of every engine, or the issues that prevent one. */
function servingEngines(spec: ModelReplicaSpec): { engines: ServingEngine[]; issues: SchemaIssue[] } {
  const engines: ServingEngine[] = [];
  const issues: SchemaIssue[] = [];
  spec.engines.forEach((engine, index) => {
    const memberIndex = engine.members.findIndex(isServing);
    const member = engine.members[memberIndex];
    if (!member) return;
    const port = servingPort(engineProfile(engine.runtime), member.template.spec.containers[0]?.args);
    if (port.ok) engines.push({ index, engine, memberIndex, port: port.port });
    else issues.push({ path: argsPath(index, memberIndex), message: port.message });
  });
  return { engines, issues };
}

interface PoolPorts {
  readonly poolPort: number;
  /** PrefillDecode: the decode engine, whose pods get the sidecar on the pool port. */
  readonly decode?: ServingEngine;
}

function poolPorts(spec: ModelReplicaSpec, engines: readonly ServingEngine[]): PoolPorts | SchemaIssue[] {
  if (spec.serving.mode === 'PrefillDecode') {
    const prefill = engines.filter((e) => e.engine.phase === 'Prefill');
    const decode = engines.filter((e) => e.engine.phase === 'Decode');
    if (prefill.length !== 1 || decode.length !== 1) {
      return [{ path: 'spec.engines', message: 'serving mode PrefillDecode needs exactly one Prefill and one Decode engine' }];
    }
    const [p, d] = [prefill[0]!, decode[0]!];
    if (p.engine.runtime !== d.engine.runtime) {
      return [
        {
          path: `spec.engines[${d.index}].runtime`,
          message: `serving mode PrefillDecode needs both engines on the same runtime (prefill runs ${p.engine.runtime}, decode ${d.engine.runtime})`,
        },
      ];
    }
    if (p.port === d.port) {
      return [
        {
          path: argsPath(d.index, d.memberIndex),
          message:
            `the decode engine must serve on a port other than the prefill engine's (${p.port}): ` +
            `the P/D sidecar takes port ${p.port} on decode pods; add e.g. --port=8200 to the decode engine's args`,
        },
      ];
    }
    return { poolPort: p.port, decode: d };
  }
  const ports = [...new Set(engines.map((e) => e.port))];
  if (ports.length > 1) {
    const list = engines.map((e) => `${e.engine.name} on ${e.port}`).join(', ');
    return [{ path: 'spec.engines', message: `every engine of a replica must serve on the same port (one InferencePool): ${list}` }];
  }
  const [poolPort] = ports;
  return poolPort === undefined ? [{ path: 'spec.engines', message: 'no engine has a serving member' }] : { poolPort };
}

function roleLabel(spec: ModelReplicaSpec, engine: ReplicaEngine, member: ReplicaMember): string {
  if (member.role === 'Worker') return 'worker';
  return (spec.serving.mode === 'PrefillDecode' ? phaseRole(engine) : undefined) ?? member.role.toLowerCase();
}

function enginePlan(input: ReplicaInput, s: ServingEngine, ports: PoolPorts): EnginePlan {
  const { replica, spec } = input;
  const pool = poolName(replica);
  const gang = isGang(s.engine);
  const profile = engineProfile(s.engine.runtime);
  const members = s.engine.members.map((member): MemberPlan => {
    const serving = isServing(member);
    const phase = spec.serving.mode === 'PrefillDecode' ? phaseRole(s.engine) : undefined;
    const podLabels: Record<string, string> = {
      ...engineLabels(replica, s.engine.name),
      [LABELS.role]: roleLabel(spec, s.engine, member),
      ...(serving ? { [LABELS.inferencePool]: pool, ...profile.podLabels } : {}),
      ...(serving && phase ? { [LLMD_ROLE_LABEL]: phase } : {}),
    };
    const decode = serving && ports.decode?.index === s.index;
    const sidecar = decode ? [prefillDecodeSidecar({ version: input.routerVersion, poolPort: ports.poolPort, enginePort: s.port, engine: profile })] : undefined;
    return {
      member,
      podLabels,
      ...(serving ? { servingPort: s.port } : {}),
      ...(gang ? { env: GANG_ENV } : {}),
      ...(sidecar ? { sidecars: sidecar } : {}),
    };
  });
  return {
    replica,
    engine: s.engine,
    ...(spec.modelCacheRef ? { cacheClaimName: cachePvcName(replica.namespace, spec.modelCacheRef.name) } : {}),
    members,
  };
}

function routing(input: ReplicaInput, poolPort: number): RemoteObject[] {
  const { replica, spec } = input;
  const pool = poolName(replica);
  const picker = pickerName(replica);
  const labels: Record<string, string> = { [LABELS.replica]: replica.name, [LABELS.replicaNamespace]: replica.namespace };
  const config: Manifest = spec.serving.mode === 'PrefillDecode' ? prefillDecodePickerConfig() : unifiedPickerConfig();
  return [
    ...endpointPicker({ name: picker, poolName: pool, namespace: WORKLOAD_NAMESPACE, labels, version: input.routerVersion, config }),
    { key: KEYS.pool, manifest: inferencePool(remoteMeta(pool, labels), poolPort, picker), readiness: READINESS.created },
    { key: KEYS.route, manifest: httpRoute(remoteMeta(pool, labels), replica, pool), readiness: READINESS.created },
  ];
}

export function planReplica(input: ReplicaInput): Plan {
  const { engines, issues } = servingEngines(input.spec);
  if (issues.length > 0) return { ok: false, issues };
  const ports = poolPorts(input.spec, engines);
  if (Array.isArray(ports)) return { ok: false, issues: ports };
  const workloads = engines.flatMap((s) => {
    const plan = enginePlan(input, s, ports);
    return isGang(s.engine) ? gangEngine(plan) : standaloneEngine(plan);
  });
  return { ok: true, objects: [...workloads, ...routing(input, ports.poolPort)] };
}
