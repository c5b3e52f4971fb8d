// Scenario (failures.md, "A cluster that stops being Ready"): alpha's API server stops answering.
// Simulated (sim/fleet/outage.ts): the providers keep the status they last observed on alpha (Ready,
// Available, the gateway's address) and report Synced=False from a failed observe; the other
// clusters keep reporting, with the condition times a controller refreshes, so the request's clock
// moves. fn-inferencecluster reads that as Unreachable: alpha goes not Ready, so after the
// toleration its replica is replaced elsewhere and kept, and once alpha answers again the
// deployment converges back, keeping the original placement. The replica on alpha keeps the state
// last observed (Ready, its endpoint): its pods may well still serve, and nothing here can tell;
// the replacement adds capacity rather than taking any away.
import { describe, expect, it } from 'vitest';
import { REASON } from '../../../functions/fn-inferencecluster/conditions';
import { readError } from '../../../functions/lib/delivery';
import { RemoteFleet } from '../../../sim/fleet/outage';
import type { Invariant } from '../../../sim/fleet/simulator';
import type { Obj, World } from '../../../sim/fleet/world';
import { classes, existingCluster, l4, qwen, useFleet } from './fixtures';
import { settle } from './settle';
import { condition, deploymentOf, idsOf, remoteObjects, replicasOf } from './views';

const NS = 'ml-team';
const DEP = 'qwen3-8b';

const readyCount = (w: World) => replicasOf(w, NS, DEP).filter((r) => r.ready).length;
const readyNeverDrops: Invariant = {
  name: 'Ready replicas never drop',
  check: (before, after) => (readyCount(after) < readyCount(before) ? [`Ready ${readyCount(before)} -> ${readyCount(after)}`] : []),
};
const outages = (w: World) => deploymentOf(w, NS, DEP).status.outages;
const alpha = (w: World) => w.find('InferenceCluster', 'alpha')!;

describe('fleet: a cluster whose API server stops answering fails over, and back', () => {
  const fleet = useFleet();
  let remote: RemoteFleet;

  it('two replicas on alpha and beta; gamma is spare', async () => {
    remote = new RemoteFleet(fleet.sim);
    remote.advance(0);
    fleet.sim.apply(...classes('nvidia-l4'), existingCluster('alpha', [l4(2)]), existingCluster('beta', [l4(2)]), existingCluster('gamma', [l4(1)]));
    await settle(fleet.sim, 'platform');
    fleet.sim.apply(qwen(NS, 2));
    await settle(fleet.sim, 'create with replicas: 2', { invariants: [readyNeverDrops] });
    expect(idsOf(fleet.sim.world, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
  });

  it('alpha stops answering: its last status is kept, Synced=False; alpha goes not Ready (Unreachable); nothing moves yet', async () => {
    remote.advance(1);
    remote.stopAnswering('alpha');
    await settle(fleet.sim, 'alpha unreachable');
    const w = fleet.sim.world;
    const onAlpha = remoteObjects(w).filter((o) => o.cluster === 'alpha');
    expect(onAlpha.length).toBeGreaterThan(0);
    for (const o of onAlpha) expect(condition(o.object, 'Synced'), `${o.kind} ${o.name}`).toMatchObject({ status: 'False', message: expect.stringMatching(/^observe failed: /) });
    // Stale but kept: the gateway still shows the address it had.
    expect(alpha(w).status.gateway.address).toMatch(/^198\.51\.100\./);
    expect(condition(alpha(w), 'Ready')?.status).toBe('False');
    expect(condition(alpha(w), 'BackendReady')).toMatchObject({ status: 'False', reason: REASON.unreachable });
    expect(idsOf(w, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(outages(w)).toEqual([expect.objectContaining({ cluster: 'alpha', phase: 'Down' })]);
    // Its replica keeps what was last observed: Ready.
    expect(replicasOf(w, NS, DEP).map((r) => [r.id, r.ready])).toEqual([
      ['alpha#0', true],
      ['beta#0', true],
    ]);
  });

  it('past the toleration: replaced on gamma, the replica on alpha kept as it is', async () => {
    remote.advance(6);
    await settle(fleet.sim, 'alpha unreachable, six minutes', { invariants: [readyNeverDrops] });
    const w = fleet.sim.world;
    expect(idsOf(w, NS, DEP)).toEqual(['alpha#0', 'beta#0', 'gamma#0']);
    expect(readyCount(w)).toBe(3);
    expect(outages(w)).toEqual([expect.objectContaining({ cluster: 'alpha', phase: 'FailedOver' })]);
  });

  it('alpha answers again: the original placement is kept, the replacement removed once alpha serves', async () => {
    remote.advance(2);
    remote.recover('alpha');
    await settle(fleet.sim, 'alpha back', { moves: [`${NS}/${DEP}@gamma#0`] });
    const w = fleet.sim.world;
    expect(condition(alpha(w), 'Ready')?.status).toBe('True');
    expect(idsOf(w, NS, DEP)).toEqual(['alpha#0', 'beta#0']);
    expect(readyCount(w)).toBe(2);
    expect(outages(w)).toBeUndefined();
    // Every Object on alpha is read again (an observe-only one may find its remote object absent, as
    // the capacity report no reporter wrote here: that is a read, not a failure to read).
    expect(remoteObjects(w).filter((o) => o.cluster === 'alpha' && readError(o.object as Obj) !== undefined)).toEqual([]);
  });
});
