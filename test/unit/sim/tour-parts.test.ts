// The pieces the demo tour is made of, on a hand-built world (no renderer): the guide's simulate
// blocks, the simulated events they carry, the remote status of a cluster that is down, and the
// kubectl reads the page shows (printer-column tables, AGE, -o jsonpath of a list).
import { describe, expect, it } from 'vitest';
import { RemoteFleet } from '../../../sim/fleet/outage';
import type { FunctionPool } from '../../../sim/render';
import { Simulator } from '../../../sim/fleet/simulator';
import type { Obj } from '../../../sim/fleet/world';
import { parseGuide } from '../../../sim/guide';
import { humanDuration, runCommand, UnknownCommand } from '../../../sim/kubectl';
import { simulateEvent } from '../../../sim/simulate';

/** A simulator over a fixed world: these tests never render, so no function pool is started. */
const simOf = (objects: Obj[]) => new Simulator(undefined as unknown as FunctionPool, objects);
const cluster = (name: string): Obj => ({ apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', metadata: { name }, spec: {} });
const replica = (name: string, clusterName: string, created?: string): Obj => ({
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'ModelReplica',
  metadata: { name, namespace: 'ml-team', ...(created ? { creationTimestamp: created } : {}) },
  spec: { clusterName },
  status: {
    health: { state: 'Ready' },
    conditions: [
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      { type: 'Ready', status: 'True', reason: 'Available' },
    ],
  },
});

describe('parseGuide: simulate blocks', () => {
  const page = [
    '## 5. A cluster goes down',
    '```simulate',
    'cluster a goes down',
    '```',
    '```sh',
    'kubectl get modelreplicas',
    '```',
    '```',
    'OUT',
    '```',
    '```simulate',
    '5 minutes pass',
    '```',
  ].join('\n');
  it('become blocks of their own, with ids in page order, and are never commands', () => {
    const [step] = parseGuide(page);
    expect(step!.who).toBeUndefined();
    expect(step!.blocks).toEqual([
      { id: '5', commands: [], simulate: ['cluster a goes down'], expected: [] },
      { id: '5b', commands: ['kubectl get modelreplicas'], expected: ['OUT'] },
      { id: '5c', commands: [], simulate: ['5 minutes pass'], expected: [] },
    ]);
  });
});

describe('simulateEvent', () => {
  it.each([
    { line: 'cluster a goes down', note: /^simulated: cluster a goes down at 2026-01-01T00:00:00.000Z/ },
    { line: 'cluster a stops answering', note: /^simulated: cluster a's API server stops answering at 2026-01-01T00:00:00.000Z: its providers keep what they last saw/ },
    { line: '1 minute passes', note: /^simulated: the clusters report at 2026-01-01T00:01:00.000Z$/ },
    { line: '7 minutes pass', note: /^simulated: the clusters report at 2026-01-01T00:07:00.000Z$/ },
  ])('$line', ({ line, note }) => {
    const sim = simOf([cluster('a')]);
    const outcome = simulateEvent(sim, new RemoteFleet(sim), line);
    expect(outcome.changed).toBe(true);
    expect(outcome.note).toMatch(note);
  });

  it.each(['cluster a explodes', 'kubectl delete inferencecluster a', 'minutes pass'])('refuses anything else: %s', (line) => {
    const sim = simOf([cluster('a')]);
    expect(() => simulateEvent(sim, new RemoteFleet(sim), line)).toThrow(UnknownCommand);
  });

  it.each([
    { name: 'a cluster that does not exist', lines: ['cluster b goes down'], error: /no InferenceCluster b/ },
    { name: 'down twice', lines: ['cluster a goes down', 'cluster a goes down'], error: /already down/ },
    { name: 'recovering a cluster that is up', lines: ['cluster a recovers'], error: /is not down/ },
    { name: 'unreachable twice', lines: ['cluster a stops answering', 'cluster a stops answering'], error: /already does not answer/ },
  ])('fails on $name', ({ lines, error }) => {
    const sim = simOf([cluster('a')]);
    const fleet = new RemoteFleet(sim);
    expect(() => lines.forEach((l) => simulateEvent(sim, fleet, l))).toThrow(error);
  });
});

describe('RemoteFleet: what the clusters report', () => {
  const deployment: Obj = { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 1 } };
  const sim = simOf([cluster('a'), cluster('b')]);
  const fleet = new RemoteFleet(sim);
  fleet.advance(2);
  fleet.goDown('a');

  it('a cluster that is down reports nothing Available, whatever was applied', () => {
    expect(fleet.status(deployment, 'a')).toEqual({ conditions: [expect.objectContaining({ type: 'Available', status: 'False', reason: 'ClusterDown' })] });
    expect(fleet.status({ kind: 'Gateway' }, 'a')?.addresses).toBeUndefined();
  });

  it('the others report their workloads Available as of the clock, which XRs created now take as creation time', () => {
    expect(fleet.status(deployment, 'b')?.conditions).toEqual([expect.objectContaining({ type: 'Available', status: 'True', lastUpdateTime: '2026-01-01T00:02:00.000Z' })]);
    expect(fleet.status({ kind: 'Gateway' }, 'b')).toBeUndefined();
    expect(sim.clock).toBe('2026-01-01T00:02:00.000Z');
  });

  it('a recovered cluster reports Available again, transitioned when it recovered', () => {
    fleet.advance(5);
    fleet.recover('a');
    expect(fleet.status(deployment, 'a')?.conditions).toEqual([
      expect.objectContaining({ type: 'Available', status: 'True', lastTransitionTime: '2026-01-01T00:07:00.000Z', lastUpdateTime: '2026-01-01T00:07:00.000Z' }),
    ]);
  });
});

describe('kubectl get', () => {
  it.each([
    { ms: 0, want: '0s' },
    { ms: 119_000, want: '119s' },
    { ms: 300_000, want: '5m' },
    { ms: 330_000, want: '5m30s' },
    { ms: 45 * 60_000, want: '45m' },
    { ms: 5 * 3_600_000 + 60_000, want: '5h1m' },
    { ms: 30 * 3_600_000, want: '30h' },
    { ms: 3 * 86_400_000 + 3_600_000, want: '3d1h' },
    { ms: -5_000, want: '<invalid>' },
  ])('AGE of $ms ms: $want', ({ ms, want }) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it("lists a namespace's objects with the XRD's printer columns, then Crossplane's", () => {
    const sim = simOf([
      replica('r-2', 'b', '2026-01-01T00:00:00Z'),
      replica('r-1', 'a', '2026-01-01T00:03:00Z'),
      { ...replica('other', 'a'), metadata: { name: 'other', namespace: 'x' } },
    ]);
    sim.clock = '2026-01-01T00:05:00Z';
    const { output, changed } = runCommand(sim, 'kubectl -n ml-team get modelreplicas', {});
    expect(changed).toBe(false);
    expect(output!.split('\n').map((l) => l.split(/\s+/))).toEqual([
      ['NAME', 'CLUSTER', 'HEALTH', 'CAUSE', 'SYNCED', 'READY', 'COMPOSITION', 'AGE'],
      ['r-1', 'a', 'Ready', 'True', 'True', 'modelreplicas.modelplane.ai', '2m'],
      ['r-2', 'b', 'Ready', 'True', 'True', 'modelreplicas.modelplane.ai', '5m'],
    ]);
    expect(runCommand(sim, 'kubectl -n empty get modelreplicas', {}).output).toBe('No resources found');
  });

  it('-o jsonpath prints a list as JSON and a scalar as it is', () => {
    const sim = simOf([replica('r-1', 'a')]);
    sim.world.find('ModelReplica', 'r-1', 'ml-team')!.status.outages = [{ cluster: 'a', phase: 'Down' }];
    expect(runCommand(sim, "kubectl -n ml-team get modelreplica r-1 -o jsonpath='{.status.outages}'", {}).output).toBe('[{"cluster":"a","phase":"Down"}]');
    expect(runCommand(sim, "kubectl -n ml-team get modelreplica r-1 -o jsonpath='{.spec.clusterName}'", {}).output).toBe('a');
  });

  it('refuses what it does not know', () => {
    const sim = simOf([]);
    expect(() => runCommand(sim, 'kubectl get pods', {})).toThrow(UnknownCommand);
    expect(() => runCommand(sim, 'kubectl get modelreplicas -o wide', {})).toThrow(UnknownCommand);
  });
});
