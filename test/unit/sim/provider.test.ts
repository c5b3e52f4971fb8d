// The simulated provider-kubernetes on observe-only Objects (managementPolicies: [Observe]): the
// remote object is someone else's to create, and offline nothing creates pods, so it is absent and
// reported as crossplane-runtime's managed reconciler reports it, unless a scenario's fault says the
// cluster has it.
import { describe, expect, it } from 'vitest';
import { ABSENT, observe } from '../../../sim/fleet/provider';
import { Simulator } from '../../../sim/fleet/simulator';
import type { FunctionPool } from '../../../sim/render';
import type { Obj } from '../../../sim/fleet/world';

const object = (manifest: Obj, observeOnly: boolean): Obj => ({
  apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
  kind: 'Object',
  metadata: { name: 'o', namespace: 'ml-team' },
  spec: { forProvider: { manifest }, providerConfigRef: { name: 'alpha' }, ...(observeOnly ? { managementPolicies: ['Observe'] } : {}) },
});
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lws-0', namespace: 'serving' } };
const condition = (o: Obj, type: string) => (o.status?.conditions ?? []).find((c: Obj) => c.type === type);

describe('observe: observe-only Objects', () => {
  it('a pod nobody created is absent: Synced=False ReconcileError, no Ready, no observed manifest', () => {
    const o = observe(object(pod, true));
    expect(o.status).toEqual(ABSENT);
    expect(condition(o, 'Synced')).toMatchObject({ status: 'False', reason: 'ReconcileError', message: 'observe failed: external resource does not exist' });
    expect(condition(o, 'Ready')).toBeUndefined();
    expect(o.status.atProvider).toBeUndefined();
  });

  it('an applied Object of the same manifest is created and observed', () => {
    const o = observe(object(pod, false));
    expect(condition(o, 'Synced')?.status).toBe('True');
    expect(o.status.atProvider.manifest.metadata.name).toBe('lws-0');
  });
});

describe('Simulator.setUnreachable: a cluster whose API server does not answer', () => {
  it('its resources keep the status last observed and report Synced=False from a failed observe; back to normal once it answers', async () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'serving' }, spec: { replicas: 1 } };
    const sim = new Simulator(undefined as unknown as FunctionPool, [observe(object(deployment, false))]);
    const before = sim.world.find('Object', 'o', 'ml-team')!;
    sim.setUnreachable(['alpha']);
    await sim.converge('unreachable', { maxPasses: 1 });
    const o = sim.world.find('Object', 'o', 'ml-team')!;
    expect(condition(o, 'Synced')).toMatchObject({
      status: 'False',
      reason: 'ReconcileError',
      message: expect.stringMatching(/^observe failed: cannot get object: .*connection refused$/),
    });
    expect(condition(o, 'Ready')).toEqual(condition(before, 'Ready'));
    expect(o.status.atProvider).toEqual(before.status.atProvider);
    sim.setUnreachable([]);
    await sim.converge('answers again', { maxPasses: 1 });
    expect(condition(sim.world.find('Object', 'o', 'ml-team')!, 'Synced')?.status).toBe('True');
  });
});

describe('Simulator: a fault that reports the pod makes it exist', () => {
  const pending = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/4 nodes are available' }] };
  const cases: { name: string; fault?: (m: Obj, cluster: string) => Obj | undefined; synced: string; phase?: string }[] = [
    { name: 'no fault: absent', synced: 'False' },
    { name: 'a fault about other objects: absent', fault: (m) => (m.kind === 'Deployment' ? { replicas: 0 } : undefined), synced: 'False' },
    {
      name: 'a fault reporting the pod on its cluster: observed Pending',
      fault: (m, c) => (m.kind === 'Pod' && c === 'alpha' ? pending : undefined),
      synced: 'True',
      phase: 'Pending',
    },
  ];
  it.each(cases)('$name', async ({ fault, synced, phase }) => {
    const sim = new Simulator(undefined as unknown as FunctionPool, [observe(object(pod, true))]);
    sim.setFault(fault);
    // A converge with no XR renders nothing; the providers re-observe every Object first.
    await sim.converge('re-observe', { maxPasses: 1 });
    const o = sim.world.find('Object', 'o', 'ml-team')!;
    expect(condition(o, 'Synced')?.status).toBe(synced);
    expect(o.status.atProvider?.manifest?.status?.phase).toBe(phase);
  });
});
