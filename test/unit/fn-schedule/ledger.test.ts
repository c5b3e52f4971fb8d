// The capacity ledger (scheduling.md, "Capacity ledger").
import { describe, expect, it } from 'vitest';
import { Ledger, observedCost } from '../../../functions/fn-schedule/scheduler/ledger';
import { cluster, deploymentSpec, engine, leader, pool, replica, request, standalone, worker } from '../../fixtures/fn-schedule/objects';

const gangSpec = deploymentSpec({ engines: [engine('g', [leader([request()]), worker(3)], { copies: 2 })] });
const claimlessLeader = deploymentSpec({ engines: [engine('g', [leader(), worker(3)], { copies: 2 })] });
const twoCopies = deploymentSpec({ engines: [engine('e', [standalone()], { copies: 2 })] });

describe('Ledger', () => {
  const clusters = [cluster('a', { pools: [pool('p1', 4), pool('p2', 10)] }), cluster('b', { pools: [pool('p1', 2)] })];
  const cases = [
    { name: 'nothing charged', why: 'published nodes', holders: [], want: { a: [4, 10], b: [2] } },
    { name: 'standalone replica', why: '1 node on (a, p1)', holders: [replica('a', { deployment: 'other' })], want: { a: [3, 10], b: [2] } },
    { name: 'copies', why: '2 copies x 1 pod', holders: [replica('a', { spec: twoCopies, pools: ['p2'] })], want: { a: [4, 8], b: [2] } },
    { name: 'gang at observed shape', why: '(1 + 3) x 2 copies', holders: [replica('a', { spec: gangSpec, pools: ['p2'] })], want: { a: [4, 2], b: [2] } },
    { name: 'claimless leader', why: 'only workers: 3 x 2', holders: [replica('a', { spec: claimlessLeader, pools: ['p2'] })], want: { a: [4, 4], b: [2] } },
    { name: 'unknown pool', why: 'a pin to an unknown pool charges nothing', holders: [replica('a', { pools: ['gone'] })], want: { a: [4, 10], b: [2] } },
    { name: 'unknown cluster', why: 'a pin to an unknown cluster charges nothing', holders: [replica('zz')], want: { a: [4, 10], b: [2] } },
    {
      name: 'negative free counts',
      why: 'three replicas on a 2-node pool leave -1',
      holders: [replica('b', { index: 0 }), replica('b', { index: 1 }), replica('b', { index: 2 })],
      want: { a: [4, 10], b: [-1] },
    },
    {
      name: 'other deployments and namespaces',
      why: 'everyone holds capacity',
      holders: [replica('a', { deployment: 'x', namespace: 'n1' }), replica('a', { deployment: 'my-model', namespace: 'n2', index: 1 })],
      want: { a: [2, 10], b: [2] },
    },
  ];
  it.each(cases)('$name', ({ holders, want }) => {
    const ledger = Ledger.build(clusters, holders);
    expect({ a: ledger.freeNodes('a'), b: ledger.freeNodes('b') }).toEqual(want);
  });

  it('freeNodes returns a copy; charge changes the ledger', () => {
    const ledger = Ledger.build(clusters, []);
    ledger.freeNodes('a')[0] = 99;
    ledger.charge('a', 1, 3);
    ledger.charge('a', 7, 3); // out of range: ignored
    ledger.charge('zz', 0, 3); // unknown cluster: ignored
    expect(ledger.freeNodes('a')).toEqual([4, 7]);
    expect(ledger.freeIn('a', 'p2')).toBe(7);
    expect(ledger.freeIn('a', 'nope')).toBeUndefined();
    expect(ledger.freeNodes('zz')).toEqual([]);
  });

  it.each([
    { name: 'standalone', r: replica('a'), want: 1 },
    { name: 'gang (1 + 3) x 2', r: replica('a', { spec: gangSpec }), want: 8 },
    { name: 'claimless leader 3 x 2', r: replica('a', { spec: claimlessLeader }), want: 6 },
  ])('observedCost: $name', ({ r, want }) => {
    expect(observedCost(r)).toBe(want);
  });
});
