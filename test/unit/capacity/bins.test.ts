// Device-level packing of one pool (lib/capacity): pods claim devices on one node, first fit in node
// order; a gang copy's pods go on distinct nodes; all or nothing per call; and why a claim does not
// fit, in the numbers the scheduler's rejection prints.
import { describe, expect, it } from 'vitest';
import { NodeBins, podGroups, poolShape, type PodGroup } from '../../../functions/lib/capacity';

const gpus = (nodes: number, perNode: number) => poolShape(nodes, [{ claim: 'DRA', deviceClassName: 'gpu', count: perNode }]);
const pods = (...counts: number[]): PodGroup[] => counts.map((c) => [[c]]);

describe('NodeBins', () => {
  it.each([
    { name: 'eight 1-GPU pods share one 8-GPU node', shape: gpus(2, 8), groups: pods(1, 1, 1, 1, 1, 1, 1, 1), fits: true, free: [0, 8] },
    { name: 'first fit: a 4 after a 6 goes to the next node', shape: gpus(2, 8), groups: pods(6, 4), fits: true, free: [2, 4] },
    { name: 'a 4-GPU pod never spans nodes with one free each', shape: gpus(4, 1), groups: pods(4), fits: false, misfit: { kind: 'devices', needed: 4, largestFree: 1 } },
    { name: 'a gang copy sits on distinct nodes', shape: gpus(3, 8), groups: [[[1], [1], [1]]], fits: true, free: [7, 7, 7] },
    { name: 'a gang copy short of distinct nodes', shape: gpus(2, 8), groups: [[[1], [1], [1]]], fits: false, misfit: { kind: 'nodes', needed: 3, free: 2 } },
    { name: 'the failing group is judged after the ones before it', shape: gpus(2, 8), groups: pods(8, 8, 2), fits: false, misfit: { kind: 'devices', needed: 2, largestFree: 0 } },
    {
      name: 'node accounting when the per-node count is unknown',
      shape: poolShape(2, [{ claim: 'DRA', deviceClassName: 'gpu', count: 0 }]),
      groups: pods(1, 1, 1),
      fits: false,
      misfit: { kind: 'nodes', needed: 3, free: 2 },
    },
  ])('$name', ({ shape, groups, fits, free, misfit }) => {
    const bins = NodeBins.empty(shape);
    expect(bins.misfit(groups)).toEqual(fits ? undefined : misfit);
    expect(bins.place(groups)).toBe(fits);
    if (fits) expect(bins.freePerNode().map((n) => n[0])).toEqual(free);
    // All or nothing: a claim that does not fit changes nothing.
    else expect(bins.freePerNode()).toEqual(NodeBins.empty(shape).freePerNode());
  });

  it('podGroups: copies of a standalone engine are separate pods; a gang copy is one group; claimless members hold nothing', () => {
    const shape = gpus(4, 8);
    const gpu = (count: number) => [{ deviceClassName: 'gpu', count }];
    expect(podGroups(shape, { copies: 2, members: [{ role: 'Standalone', pods: 1, requests: gpu(2) }] })).toEqual([[[2]], [[2]]]);
    expect(
      podGroups(shape, {
        copies: 1,
        members: [
          { role: 'Leader', pods: 1, requests: [] },
          { role: 'Worker', pods: 2, requests: gpu(8) },
        ],
      }),
    ).toEqual([[[8], [8]]]);
    // A class the pool does not publish claims nothing here.
    expect(podGroups(shape, { copies: 1, members: [{ role: 'Standalone', pods: 1, requests: [{ deviceClassName: 'nic', count: 1 }] }] })).toEqual([[[0]]]);
  });
});
