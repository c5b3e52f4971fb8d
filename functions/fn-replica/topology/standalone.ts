// A Standalone engine: one Deployment running `copies` identical pods of its single member.
import { READINESS } from '../../lib/delivery';
import type { Manifest } from '../manifest';
import { KEYS, workloadName } from '../names';
import type { RemoteObject } from '../object';
import { buildMember, engineLabels, remoteMeta, type EnginePlan } from './common';

/**
 * GPU capacity is charged exactly by the scheduler, so a rollout must never need an extra pod's
 * devices: replace one pod at a time, never surge.
 */
export const GPU_ROLLOUT = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } as const;

export function standaloneEngine(plan: EnginePlan): RemoteObject[] {
  const [memberPlan] = plan.members;
  if (!memberPlan) return [];
  const { pod, claims } = buildMember(plan, memberPlan);
  const labels = engineLabels(plan.replica, plan.engine.name);
  const deployment: Manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: remoteMeta(workloadName(plan.replica, plan.engine.name, false), labels),
    spec: {
      replicas: plan.engine.copies,
      selector: { matchLabels: labels },
      strategy: GPU_ROLLOUT,
      template: pod,
    },
  };
  return [...(claims ? [claims] : []), { key: KEYS.workload(plan.engine.name), manifest: deployment, readiness: READINESS.available }];
}
