// Scenario (failures.md): a replica's pods cannot start on its cluster. The cluster's answer is
// simulated (no kubelet offline): every engine Deployment applied on alpha reports
// ReplicaFailure=True (quota), with the condition times a real controller would stamp. Time moves
// only as the cluster reports something new (the fault's lastUpdateTime); the API server's clock
// stamps each new ModelReplica. Checked every pass: no replica removed without a cause, and the
// Ready count never drops (nothing serving is taken away to heal).
import { describe, expect, it } from 'vitest';
import type { Invariant } from '../../../sim/fleet/simulator';
import type { Obj, World } from '../../../sim/fleet/world';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { deploymentOf, idsOf, replicasOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b';
const PLACED = '2026-01-01T00:00:00Z';
const at = (minutes: number) => new Date(Date.parse(PLACED) + minutes * 60_000).toISOString();

/** Quota on alpha: its engine Deployments cannot create pods; `reported` is the controller's last update. */
const quotaOnAlpha = (reported: string) => (manifest: Obj, cluster: string) =>
  cluster === 'alpha' && manifest.kind === 'Deployment' && manifest.metadata?.labels?.['modelplane.ai/engine']
    ? {
        replicas: 0,
        conditions: [
          {
            type: 'ReplicaFailure',
            status: 'True',
            reason: 'FailedCreate',
            message: 'pods "vllm" is forbidden: exceeded quota: gpus',
            lastTransitionTime: at(1),
            lastUpdateTime: reported,
          },
        ],
      }
    : undefined;

const readyCount = (w: World) => replicasOf(w, NS, DEP).filter((r) => r.ready).length;
const readyNeverDrops: Invariant = {
  name: 'Ready replicas never drop',
  check: (before, after) => (readyCount(after) < readyCount(before) ? [`Ready ${readyCount(before)} -> ${readyCount(after)}`] : []),
};
const health = (w: World, cluster: string) => w.ofKind('ModelReplica').find((r) => r.spec.clusterName === cluster)?.status?.health;

describe('fleet: a replica stuck on its cluster is replaced elsewhere', () => {
  const fleet = useFleet();

  it('alpha cannot start pods (quota); beta can', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(2)]), existingCluster('beta', [l4(2)]));
    await settle(fleet.sim, 'platform');
    fleet.sim.clock = PLACED;
    fleet.sim.setFault(quotaOnAlpha(at(2)));
    fleet.sim.apply(qwen(NS, 1));
    await settle(fleet.sim, 'create with replicas: 1', { invariants: [readyNeverDrops] });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0']);
    expect(health(fleet.sim.world, 'alpha')).toMatchObject({ state: 'Stuck', cause: 'ReplicaFailure', since: at(1) });
  });

  it('before the deadline (15 minutes): reported Stuck, not moved', async () => {
    fleet.sim.setFault(quotaOnAlpha(at(10)));
    await settle(fleet.sim, 'ten minutes in', { invariants: [readyNeverDrops] });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0']);
    expect(deploymentOf(fleet.sim.world, NS, DEP).status.backoffs).toBeUndefined();
  });

  it('past the deadline: replaced on beta, alpha backed off, the stuck replica removed once beta is Ready', async () => {
    fleet.sim.clock = at(16);
    fleet.sim.setFault(quotaOnAlpha(at(16)));
    await settle(fleet.sim, 'sixteen minutes in', { moves: [`${NS}/${DEP}@alpha#0`], invariants: [readyNeverDrops] });
    const w = fleet.sim.world;
    expect(idsOf(w, NS, DEP)).toEqual(['beta#0']);
    expect(readyCount(w)).toBe(1);
    const d = deploymentOf(w, NS, DEP);
    expect(d.status.backoffs).toEqual([{ cluster: 'alpha', pools: ['l4'], cause: 'ReplicaFailure', until: at(46) }]);
  });

  it('scaling to 2 while alpha is backed off keeps alpha out', async () => {
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 2));
    await settle(fleet.sim, 'scale to 2 during the backoff', { invariants: [readyNeverDrops] });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['beta#0', 'beta#1']);
  });

  it('the backoff expires once the clusters report a time past it; alpha takes replicas again', async () => {
    fleet.sim.clock = at(50);
    fleet.sim.setFault(healthyReporting(at(50)));
    await settle(fleet.sim, 'fifty minutes in', { invariants: [readyNeverDrops] });
    expect(deploymentOf(fleet.sim.world, NS, DEP).status.backoffs).toBeUndefined();
    fleet.sim.edit('ModelDeployment', DEP, NS, (d) => (d.spec.replicas = 3));
    await settle(fleet.sim, 'scale to 3 after the backoff', { invariants: [readyNeverDrops] });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0', 'beta#1']);
  });
});

/** A bad image everywhere: the Deployment's own progress deadline passes with no pod showing a cluster at fault. */
const deadlineEverywhere = (manifest: Obj) =>
  manifest.kind === 'Deployment' && manifest.metadata?.labels?.['modelplane.ai/engine']
    ? { replicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', lastTransitionTime: at(11), lastUpdateTime: at(40) }] }
    : undefined;

/** Alpha's quota is lifted; beta's Deployments report Available, last updated at `reported`. */
const healthyReporting = (reported: string) => (manifest: Obj, cluster: string) =>
  cluster === 'beta' && manifest.kind === 'Deployment' && manifest.metadata?.labels?.['modelplane.ai/engine']
    ? {
        replicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: at(17), lastUpdateTime: reported }],
      }
    : undefined;

describe('fleet: a replica that would fail anywhere is reported, not chased', () => {
  const fleet = useFleet();

  it('past the deadline with no cluster at fault: stays, Warning StuckReplicaNotMoved', async () => {
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(2)]), existingCluster('beta', [l4(2)]));
    await settle(fleet.sim, 'platform');
    fleet.sim.clock = PLACED;
    fleet.sim.setFault(deadlineEverywhere);
    fleet.sim.apply(qwen(NS, 1));
    const report = await settle(fleet.sim, 'create with a bad image', { invariants: [readyNeverDrops] });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0']);
    expect(health(fleet.sim.world, 'alpha')).toMatchObject({ state: 'Stuck', cause: 'ProgressDeadlineExceeded', observedAt: at(40) });
    expect(deploymentOf(fleet.sim.world, NS, DEP).status.backoffs).toBeUndefined();
    const events = [...report.events.entries()].filter(([k]) => k.includes('ModelDeployment')).flatMap(([, e]) => e);
    expect(events.filter((e) => e.severity === 'SEVERITY_WARNING').map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^replica qwen3-8b-\w+ is stuck \(ProgressDeadlineExceeded\)/),
    );
  });
});
