// What every topology shares: the labels of an engine's workload, and a member's DRA claim.
import { READINESS } from '../../lib/delivery';
import { compact } from '../../lib/k8s/compact';
import { LABELS } from '../../lib/k8s/labels';
import { sha256Hex } from '../../lib/k8s/names';
import { WORKLOAD_NAMESPACE } from '../../lib/k8s/remote';
import type { ReplicaEngine, ReplicaMember } from '../../lib/schema';
import { resourceClaimTemplate } from '../claims';
import { engineProfile } from '../engines';
import type { EnvVar, Manifest, RemoteMeta } from '../manifest';
import { KEYS, claimTemplateName, type ReplicaRef } from '../names';
import type { RemoteObject } from '../object';
import { servingPod } from '../pod';

/** How one member's pods are decorated; decided by plan.ts, assembled by the topology builders. */
export interface MemberPlan {
  readonly member: ReplicaMember;
  /** Modelplane's pod labels (identity, role, and for serving pods the pool selector). */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly servingPort?: number;
  readonly env?: readonly EnvVar[];
  readonly sidecars?: readonly Manifest[];
}

export interface EnginePlan {
  readonly replica: ReplicaRef;
  readonly engine: ReplicaEngine;
  readonly cacheClaimName?: string;
  readonly members: readonly MemberPlan[];
}

/** Labels identifying an engine's workload and pods; also the Deployment selector. */
export function engineLabels(replica: ReplicaRef, engine: string): Record<string, string> {
  return { [LABELS.replica]: replica.name, [LABELS.replicaNamespace]: replica.namespace, [LABELS.engine]: engine };
}

export const remoteMeta = (name: string, labels: Readonly<Record<string, string>>): RemoteMeta => ({
  name,
  namespace: WORKLOAD_NAMESPACE,
  labels: { ...labels },
});

export interface BuiltMember {
  readonly pod: Manifest;
  readonly claims?: RemoteObject;
}

/** A member's decorated pod template and, when it claims devices, its ResourceClaimTemplate. */
export function buildMember(plan: EnginePlan, m: MemberPlan): BuiltMember {
  const requests = m.member.deviceRequests ?? [];
  const digest = sha256Hex(JSON.stringify(requests)).slice(0, 8);
  const claimName = requests.length > 0 ? claimTemplateName(plan.replica, plan.engine.name, m.member.role, digest) : undefined;
  const pod = servingPod(
    m.member.template,
    compact({
      engine: engineProfile(plan.engine.runtime),
      pool: m.member.nodePoolName,
      labels: m.podLabels,
      servingPort: m.servingPort,
      cacheClaimName: plan.cacheClaimName,
      claimTemplateName: claimName,
      env: m.env,
      sidecars: m.sidecars,
    }),
  );
  if (claimName === undefined) return { pod };
  const meta = remoteMeta(claimName, engineLabels(plan.replica, plan.engine.name));
  return {
    pod,
    claims: { key: KEYS.claims(plan.engine.name, m.member.role, digest), manifest: resourceClaimTemplate(meta, requests), readiness: READINESS.created },
  };
}
