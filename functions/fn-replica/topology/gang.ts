// A gang engine (Leader + Worker): one LeaderWorkerSet with `copies` groups of 1 leader and
// `worker.nodes` workers. Every container learns the leader's address and its own rank:
//   MODELPLANE_LEADER_ADDRESS = $(LWS_LEADER_ADDRESS)   (LWS injects its variables first in env)
//   MODELPLANE_RANK           = the pod's leaderworkerset.sigs.k8s.io/worker-index label
//                               (0 for the leader, 1..n for workers)
import { READINESS } from '../../lib/delivery';
import { podsPerCopy } from '../../lib/contracts';
import type { EnvVar, Manifest } from '../manifest';
import { KEYS, workloadName } from '../names';
import type { RemoteObject } from '../object';
import { buildMember, engineLabels, remoteMeta, type EnginePlan } from './common';

export const LWS_API_VERSION = 'leaderworkerset.x-k8s.io/v1';
export const LWS_WORKER_INDEX_LABEL = 'leaderworkerset.sigs.k8s.io/worker-index';

export const GANG_ENV: readonly EnvVar[] = [
  { name: 'MODELPLANE_LEADER_ADDRESS', value: '$(LWS_LEADER_ADDRESS)' },
  { name: 'MODELPLANE_RANK', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${LWS_WORKER_INDEX_LABEL}']` } } },
];

export function gangEngine(plan: EnginePlan): RemoteObject[] {
  const leaderPlan = plan.members.find((m) => m.member.role === 'Leader');
  const workerPlan = plan.members.find((m) => m.member.role === 'Worker');
  if (!leaderPlan || !workerPlan) return [];
  const leader = buildMember(plan, leaderPlan);
  const worker = buildMember(plan, workerPlan);
  const lws: Manifest = {
    apiVersion: LWS_API_VERSION,
    kind: 'LeaderWorkerSet',
    metadata: remoteMeta(workloadName(plan.replica, plan.engine.name, true), engineLabels(plan.replica, plan.engine.name)),
    spec: {
      replicas: plan.engine.copies,
      // Leaders only become ready once their workers joined: start workers with the leader.
      startupPolicy: 'LeaderCreated',
      leaderWorkerTemplate: {
        size: podsPerCopy(leaderPlan.member) + podsPerCopy(workerPlan.member),
        restartPolicy: 'RecreateGroupOnPodRestart',
        leaderTemplate: leader.pod,
        workerTemplate: worker.pod,
      },
    },
  };
  return [
    ...(leader.claims ? [leader.claims] : []),
    ...(worker.claims ? [worker.claims] : []),
    { key: KEYS.workload(plan.engine.name), manifest: lws, readiness: READINESS.available },
  ];
}
