// Status fields (scheduling.md, "Reading the status"): counts, placements with why, unschedulable.
import { describe, expect, it } from 'vitest';
import { deploymentStatus, previousWhy, type ReplicaView } from '../../../functions/fn-schedule/status';

const view = (cluster: string, index: number, o: Partial<ReplicaView> = {}): ReplicaView => ({
  replica: `r-${cluster}-${index}`,
  cluster,
  index,
  engines: [{ name: 'vllm', pools: ['p1'] }],
  observed: true,
  ready: true,
  ...o,
});

describe('deploymentStatus', () => {
  it('reports totals, placements, unschedulable reasons and the scale selector', () => {
    const got = deploymentStatus(
      'qwen',
      [
        view('a', 0),
        view('b', 1, {
          ready: false,
          engines: [
            { name: 'p', pools: ['x'] },
            { name: 'd', pools: ['y'] },
          ],
        }),
      ],
      [{ cluster: 'c', reason: 'not Ready' }],
    );
    expect(got).toEqual({
      replicas: { total: 2, ready: 1 },
      placements: [
        { replica: 'r-a-0', cluster: 'a', index: 0, engines: [{ name: 'vllm', pools: ['p1'] }] },
        {
          replica: 'r-b-1',
          cluster: 'b',
          index: 1,
          engines: [
            { name: 'p', pools: ['x'] },
            { name: 'd', pools: ['y'] },
          ],
        },
      ],
      unschedulable: [{ cluster: 'c', reason: 'not Ready' }],
      labelSelector: 'modelplane.ai/deployment=qwen',
    });
  });
});

describe('placements: why and state', () => {
  it('shows why each replica runs where it runs, and what is unusual about it', () => {
    const got = deploymentStatus(
      'qwen',
      [
        view('a', 0, { why: 'Spread: 0 replicas here, 1 on b', engines: [{ name: 'vllm', pools: ['p1'], why: 'the first published pool that fits' }] }),
        view('b', 0, { keptAsIs: { reason: 'ClusterStatusUnknown', message: 'cluster b: status is missing' } }),
        view('c', 0, { replacing: 'cluster c is not selected' }),
      ],
      [],
    );
    expect(got.placements).toEqual([
      { replica: 'r-a-0', cluster: 'a', index: 0, engines: [{ name: 'vllm', pools: ['p1'], why: 'the first published pool that fits' }], why: 'Spread: 0 replicas here, 1 on b' },
      { replica: 'r-b-0', cluster: 'b', index: 0, engines: [{ name: 'vllm', pools: ['p1'] }], state: 'KeptAsIs: ClusterStatusUnknown: cluster b: status is missing' },
      { replica: 'r-c-0', cluster: 'c', index: 0, engines: [{ name: 'vllm', pools: ['p1'] }], state: 'Replacing: cluster c is not selected; kept until a replacement is Ready' },
    ]);
  });

  it('reads back the explanations of the observed status, ignoring what is not ours', () => {
    const got = previousWhy({
      placements: [
        {
          replica: 'r1',
          why: 'Spread: 0 replicas here',
          engines: [
            { name: 'vllm', why: 'the first published pool that fits' },
            { name: 'x', why: 7 },
          ],
        },
        { replica: 'r2', why: 'x'.repeat(5000) },
        'junk',
        { why: 'no replica' },
      ],
    });
    expect([...got.keys()]).toEqual(['r1', 'r2']);
    expect(got.get('r1')).toEqual({ why: 'Spread: 0 replicas here', engines: new Map([['vllm', 'the first published pool that fits']]) });
    expect(got.get('r2')!.why).toBeUndefined();
    expect(previousWhy(undefined).size).toBe(0);
  });
});
