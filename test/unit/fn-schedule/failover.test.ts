import { describe, expect, it } from 'vitest';
import { afterPass, failBack, failoverInput, previousOutages, trackOutages, type Outage } from '../../../functions/fn-schedule/scheduler/failover';
import { schedule } from '../../../functions/fn-schedule/scheduler/schedule';
import type { HealingInput, Placement } from '../../../functions/fn-schedule/scheduler/types';
import { cluster, deploymentSpec, input, replica, where } from '../../fixtures/fn-schedule';

const T0 = '2026-01-01T00:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();
const out = (cluster: string, phase: Outage['phase'], since = T0): Outage => ({ cluster, since, reason: `cluster ${cluster} is not Ready`, phase });

describe('trackOutages', () => {
  const up = cluster('a');
  const down = cluster('a', { ready: false });
  const noGateway = cluster('a', { address: null });
  it.each([
    { name: 'up, nothing before: no outage', c: up, prev: [], now: at(0), want: [] },
    { name: 'down: an outage from now', c: down, prev: [], now: at(0), want: [out('a', 'Down')] },
    { name: 'no gateway address counts as down', c: noGateway, prev: [], now: at(0), want: [{ ...out('a', 'Down'), reason: 'cluster a publishes no gateway address' }] },
    { name: 'down, no clock: cannot tell, no outage yet', c: down, prev: [], now: undefined, want: [] },
    { name: 'down within the toleration', c: down, prev: [out('a', 'Down')], now: at(299), want: [out('a', 'Down')] },
    { name: 'down at the toleration: failed over', c: down, prev: [out('a', 'Down')], now: at(300), want: [out('a', 'FailedOver')] },
    { name: 'failed over stays failed over, even with no clock', c: down, prev: [out('a', 'FailedOver')], now: undefined, want: [out('a', 'FailedOver')] },
    { name: 'up within the toleration: outage dropped', c: up, prev: [out('a', 'Down')], now: at(100), want: [] },
    { name: 'up after a failover: failing back', c: up, prev: [out('a', 'FailedOver')], now: at(900), want: [out('a', 'FailingBack')] },
    { name: 'down again while failing back: a new outage, the whole toleration again', c: down, prev: [out('a', 'FailingBack')], now: at(900), want: [out('a', 'Down', at(900))] },
  ])('$name', ({ c, prev, now, want }) => {
    expect(trackOutages([c], new Set(['a']), prev, now, 300)).toEqual(want);
  });

  it('only clusters hosting a replica of the deployment; a gone cluster is not an outage', () => {
    expect(trackOutages([cluster('a', { ready: false }), cluster('b', { ready: false })], new Set(['b', 'gone']), [out('gone', 'FailedOver')], at(0), 300)).toEqual([
      { ...out('b', 'Down'), reason: 'cluster b is not Ready' },
    ]);
  });
});

describe('previousOutages / afterPass / failoverInput', () => {
  it('drops junk entries', () => {
    const status = { outages: [out('a', 'Down'), { cluster: 'b', since: 'soon', phase: 'Down' }, { cluster: 'c', since: T0, phase: 'Sideways' }, 'x', { cluster: 1 }] };
    expect(previousOutages(status)).toEqual([out('a', 'Down')]);
    expect(previousOutages(undefined)).toEqual([]);
  });
  it('a fail-back ends once the deployment holds no more than it wants', () => {
    const o = [out('a', 'FailingBack'), out('b', 'Down')];
    expect(afterPass(o, 3, 2)).toEqual(o);
    expect(afterPass(o, 2, 2)).toEqual([out('b', 'Down')]);
  });
  it('maps phases to the scheduler input', () => {
    const i = failoverInput([out('a', 'Down'), out('b', 'FailedOver'), out('c', 'FailingBack')], 300);
    expect([...i.down!]).toEqual(['a', 'b']);
    expect([...i.failedOver!.keys()]).toEqual(['b']);
    expect([...i.failingBack!]).toEqual(['c']);
  });
});

describe('failBack', () => {
  const placed = (c: string, index: number, placedAt: string | undefined): Placement => {
    const r = { ...replica(c, { index }), placedAt };
    return { cluster: c, index, engines: [], retained: r };
  };
  it.each([
    { name: 'no fail-back: unchanged', retained: [placed('a', 0, T0), placed('b', 0, at(60))], back: [], wanted: 1, surplus: [] },
    { name: 'no surplus: unchanged', retained: [placed('a', 0, T0), placed('b', 0, at(60))], back: ['a'], wanted: 2, surplus: [] },
    {
      name: 'keeps the recovered cluster, the newest other goes',
      retained: [placed('a', 0, T0), placed('b', 0, T0), placed('c', 0, at(60))],
      back: ['a'],
      wanted: 2,
      surplus: ['c/0'],
    },
    {
      name: 'even when the replacement is older than another',
      retained: [placed('a', 0, at(90)), placed('b', 0, at(30)), placed('c', 0, at(60))],
      back: ['a'],
      wanted: 2,
      surplus: ['c/0'],
    },
    {
      name: 'a tie on time: the greater name goes',
      retained: [placed('a', 0, T0), placed('b', 0, at(60)), placed('c', 0, at(60))],
      back: ['a'],
      wanted: 2,
      surplus: [replica('b').name > replica('c').name ? 'b/0' : 'c/0'],
    },
    {
      name: 'unknown placement time counts as oldest',
      retained: [placed('a', 0, T0), placed('b', 0, undefined), placed('c', 0, at(60))],
      back: ['a'],
      wanted: 2,
      surplus: ['c/0'],
    },
  ])('$name', ({ retained, back, wanted, surplus }) => {
    const r = failBack(retained, wanted, new Set(back));
    expect(r.surplus.map((s) => `${s.replica.clusterName}/${s.replica.index}`)).toEqual(surplus);
    expect(r.retained.length + r.surplus.length).toBe(retained.length);
  });
});

describe('schedule with outages', () => {
  const spec = deploymentSpec({ replicas: 2 });
  const clusters = [cluster('a', { ready: false }), cluster('b'), cluster('c')];
  const healing = (h: Partial<HealingInput>): HealingInput => ({ stuck: new Map(), avoid: new Set(), ...h });
  const replicas = [replica('a', { ready: false }), replica('b')];

  it('down within the toleration: kept and counted, nothing placed', () => {
    const r = schedule({ ...input({ spec, clusters, replicas }), healing: healing({ down: new Set(['a']) }) });
    expect(where(r.placements)).toEqual(['a/0', 'b/0']);
    expect(r.replacing).toEqual([]);
  });

  it('failed over: kept as it is (stranded), not counted, replaced elsewhere', () => {
    const r = schedule({ ...input({ spec, clusters, replicas }), healing: healing({ down: new Set(['a']), failedOver: new Map([['a', 'failing over']]) }) });
    expect(where(r.placements)).toEqual(['b/0', 'c/0']);
    expect(r.replacing.map((s) => [s.replica.clusterName, s.why, s.stranded])).toEqual([['a', 'failing over', true]]);
    expect(r.dropped).toEqual([]);
  });

  it('a replica superseded on a down cluster (drained while down) is kept, never removed there', () => {
    const drained = [cluster('a', { ready: false, taints: [{ key: 'drain', effect: 'NoExecute' }] }), cluster('b'), cluster('c')];
    const r = schedule({ ...input({ spec, clusters: drained, replicas }), healing: healing({ down: new Set(['a']) }) });
    expect(r.dropped).toEqual([]);
    expect(r.replacing.map((s) => s.replica.clusterName)).toEqual(['a']);
    expect(where(r.placements)).toEqual(['b/0', 'c/0']);
  });

  it('failing back: the surplus replacement stays until the original serves, then goes', () => {
    const healthy = [cluster('a'), cluster('b'), cluster('c')];
    const later = { ...replica('c'), placedAt: at(600) };
    const back = healing({ failingBack: new Set(['a']) });
    const starting = schedule({ ...input({ spec, clusters: healthy, replicas: [replica('a', { ready: false }), replica('b'), later] }), healing: back });
    expect(where(starting.placements)).toEqual(['a/0', 'b/0']);
    expect(starting.replacing.map((s) => s.replica.clusterName)).toEqual(['c']);
    const serving = schedule({ ...input({ spec, clusters: healthy, replicas: [replica('a'), replica('b'), later] }), healing: back });
    expect(where(serving.placements)).toEqual(['a/0', 'b/0']);
    expect(serving.replacing).toEqual([]);
    expect(serving.dropped.map((d) => [d.replica.clusterName, d.why])).toEqual([['c', expect.stringMatching(/^surplus since cluster a recovered/)]]);
  });
});
