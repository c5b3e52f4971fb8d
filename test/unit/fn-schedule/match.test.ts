// Member versus pool and engine versus pool (scheduling.md, "Matching a member to a pool").
import { describe, expect, it } from 'vitest';
import { matchEngine, matchMember } from '../../../functions/fn-schedule/scheduler/match';
import { CompiledSelectors } from '../../../functions/fn-schedule/scheduler/devices';
import type { EngineSpec, MemberSpec, Pool } from '../../../functions/fn-schedule/scheduler/types';
import { H100, IB, MEM_40, a100, cluster, gpu, nic, pool, type Obj } from '../../fixtures/fn-schedule/objects';

const ANY_GPU = 'device.driver == "gpu.nvidia.com"';
const FIELD = 'spec.engines[0].members[0].nodeSelector.devices[0]';

function setup() {
  const selectors = new CompiledSelectors();
  const req = (name: string, cels: string[], count = 1) => ({
    name,
    count,
    field: FIELD,
    selectors: cels.map((cel) => ({ cel })),
    programs: cels.map((cel) => {
      const c = selectors.compile(cel);
      if (!c.ok) throw new Error(c.error);
      return c.id;
    }),
  });
  const member = (requests: ReturnType<typeof req>[] | undefined, role: MemberSpec['role'] = 'Standalone', pods = 1): MemberSpec => ({ role, pods, requests });
  const poolOf = (devices: Obj[], nodes = 4): Pool => cluster('c', { pools: [pool('p', nodes, devices)] }).pools[0]!;
  return { selectors, req, member, poolOf };
}

describe('matchMember', () => {
  const { req, member, poolOf, selectors } = setup();
  const cases = [
    { name: 'no nodeSelector', why: 'fits every pool, claims nothing', m: member(undefined), devices: [], want: { fits: true, dra: [] } },
    {
      name: 'one request, first matching device',
      why: 'selectors all true',
      m: member([req('gpu', [H100, MEM_40])]),
      devices: [gpu()],
      want: { fits: true, dra: [{ name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: [{ cel: H100 }, { cel: MEM_40 }] }] },
    },
    { name: 'one selector false', why: 'every selector must be true', m: member([req('gpu', [H100, MEM_40])]), devices: [a100()], want: { fits: false, request: 'gpu' } },
    {
      name: 'pool order decides',
      why: 'the first device in pool order that matches is taken',
      m: member([req('gpu', [ANY_GPU])]),
      devices: [a100({ deviceClassName: 'a100.nvidia.com' }), gpu()],
      want: { fits: true, dra: [{ name: 'gpu', deviceClassName: 'a100.nvidia.com', count: 1, selectors: [{ cel: ANY_GPU }] }] },
    },
    {
      name: 'count used up across requests',
      why: 'the second request no longer finds 5 left on the only device',
      m: member([req('a', [ANY_GPU], 4), req('b', [ANY_GPU], 5)]),
      devices: [gpu({ count: 8 })],
      want: { fits: false, request: 'b' },
    },
    {
      name: 'counts exactly used up',
      why: '4 + 4 of 8',
      m: member([req('a', [ANY_GPU], 4), req('b', [ANY_GPU], 4)]),
      devices: [gpu({ count: 8 })],
      want: {
        fits: true,
        dra: [
          { name: 'a', deviceClassName: 'gpu.nvidia.com', count: 4, selectors: [{ cel: ANY_GPU }] },
          { name: 'b', deviceClassName: 'gpu.nvidia.com', count: 4, selectors: [{ cel: ANY_GPU }] },
        ],
      },
    },
    {
      name: 'greedy, not optimal',
      why: 'the first request takes the H100 although the A100 would do; the H100-only request then fails',
      m: member([req('any', [ANY_GPU]), req('h100', [H100])]),
      devices: [gpu({ count: 1 }), a100({ count: 1 })],
      want: { fits: false, request: 'h100' },
    },
    {
      name: 'Synthetic constrains but yields nothing',
      why: 'the NIC must exist; only the GPU is claimed',
      m: member([req('gpu', [H100]), req('ib', [IB])]),
      devices: [gpu(), nic()],
      want: { fits: true, dra: [{ name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: [{ cel: H100 }] }] },
    },
    { name: 'Synthetic missing', why: 'no NIC in the pool', m: member([req('gpu', [H100]), req('ib', [IB])]), devices: [gpu()], want: { fits: false, request: 'ib' } },
    { name: 'negative count', why: 'reads as 0', m: member([req('gpu', [H100])]), devices: [gpu({ count: -3 })], want: { fits: false, request: 'gpu' } },
    { name: 'missing count', why: 'reads as 0', m: member([req('gpu', [H100])]), devices: [gpu({ count: undefined })], want: { fits: false, request: 'gpu' } },
    { name: 'request larger than the device count', why: '9 of 8', m: member([req('gpu', [H100], 9)]), devices: [gpu()], want: { fits: false, request: 'gpu' } },
    {
      name: 'evaluation error: cannot tell, never "does not fit"',
      why: 'an unknown attribute key errors at run time',
      m: member([req('gpu', ['device.attributes["gpu.nvidia.com"].nope == "x"'])]),
      devices: [gpu()],
      want: { fits: 'unknown', request: 'gpu', cannotTell: { field: `${FIELD}.selectors[0].cel`, device: 'gpu', error: 'No such key: nope' } },
    },
    {
      name: 'evaluation error on another device is passed by',
      why: 'the IB request errors on the GPU (no rdma domain) and matches the NIC after it',
      m: member([req('gpu', [H100]), req('ib', ['device.attributes["ib.mellanox.com"].linkLayer == "InfiniBand"'])]),
      devices: [gpu(), nic({ attributes: { linkLayer: { string: 'InfiniBand' } } })],
      want: { fits: true, dra: [{ name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: [{ cel: H100 }] }] },
    },
    {
      name: 'a definite false outweighs an error',
      why: 'the first selector errors, the second is false: the device does not match',
      m: member([req('gpu', ['int("abc") == 1', 'device.driver == "other"'])]),
      devices: [gpu()],
      want: { fits: false, request: 'gpu' },
    },
    {
      name: 'the error names the selector that failed',
      why: 'selector 0 is true, selector 1 overflows',
      m: member([req('gpu', [ANY_GPU, '9223372036854775807 + 1 > 0'])]),
      devices: [gpu()],
      want: { fits: 'unknown', request: 'gpu', cannotTell: { field: `${FIELD}.selectors[1].cel`, device: 'gpu', error: expect.stringMatching(/overflow/) } },
    },
    {
      name: 'unknown domain is an empty map',
      why: '"x.com" in device.attributes is false, so its negation matches',
      m: member([req('gpu', ['!("x.com" in device.attributes)'])]),
      devices: [gpu()],
      want: { fits: true, dra: [{ name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: [{ cel: '!("x.com" in device.attributes)' }] }] },
    },
    {
      name: 'semver attribute',
      why: 'driverVersion 570.86.15 >= 550.0.0',
      m: member([req('gpu', ['device.attributes["gpu.nvidia.com"].driverVersion.isGreaterThan(semver("550.0.0"))'])]),
      devices: [gpu()],
      want: {
        fits: true,
        dra: [
          { name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1, selectors: [{ cel: 'device.attributes["gpu.nvidia.com"].driverVersion.isGreaterThan(semver("550.0.0"))' }] },
        ],
      },
    },
    {
      name: 'DRA device without a class',
      why: 'cannot be claimed, so it satisfies nothing',
      m: member([req('gpu', [H100])]),
      devices: [gpu({ deviceClassName: undefined })],
      want: { fits: false, request: 'gpu' },
    },
    {
      name: 'invalid device data',
      why: 'a bad published quantity: no selector can judge the device',
      m: member([req('gpu', [ANY_GPU])]),
      devices: [gpu({ capacity: { memory: { value: '80 Gi' } } })],
      want: { fits: 'unknown', request: 'gpu', cannotTell: { field: `${FIELD}.selectors[0].cel`, device: 'gpu', error: expect.stringMatching(/80 Gi/) } },
    },
  ];
  it.each(cases)('$name', ({ m, devices, want }) => {
    expect(matchMember(m, poolOf(devices), selectors)).toEqual(want);
  });
});

describe('matchEngine', () => {
  const { req, member, poolOf, selectors } = setup();
  const g = () => req('gpu', [H100]);
  const engine = (members: MemberSpec[], copies = 1): EngineSpec => ({ name: 'e', copies, members });
  const cases = [
    {
      name: 'standalone cost',
      why: '1 pod x 2 copies: two groups of one 1-GPU pod',
      e: engine([member([g()])], 2),
      pools: [poolOf([gpu()])],
      want: [{ ok: true, cost: 2, groups: [[[1]], [[1]]] }],
      claimable: true,
    },
    {
      name: 'gang cost',
      why: '(1 leader + 3 workers) x 2 copies',
      e: engine([member([g()], 'Leader'), member([g()], 'Worker', 3)], 2),
      pools: [poolOf([gpu()])],
      want: [
        {
          ok: true,
          cost: 8,
          groups: [
            [[1], [1], [1], [1]],
            [[1], [1], [1], [1]],
          ],
        },
      ],
      claimable: true,
    },
    {
      name: 'claimless leader rides free',
      why: 'only the 3 workers x 2 copies hold nodes',
      e: engine([member(undefined, 'Leader'), member([g()], 'Worker', 3)], 2),
      pools: [poolOf([gpu()])],
      want: [
        {
          ok: true,
          cost: 6,
          groups: [
            [[1], [1], [1]],
            [[1], [1], [1]],
          ],
        },
      ],
      claimable: true,
    },
    {
      name: 'member lacks a device',
      why: 'the A100 pool has no H100',
      e: engine([member([g()])]),
      pools: [poolOf([a100()]), poolOf([gpu()])],
      want: [
        { ok: false, rejection: { kind: 'LacksDevice', pool: 'p', request: 'gpu' } },
        { ok: true, cost: 1, groups: [[[1]]] },
      ],
      claimable: true,
    },
    {
      name: 'claimable member resolves nothing on a pool',
      why: 'on the first pool the request matches a Synthetic device, on the second a DRA one',
      e: engine([member([req('acc', [ANY_GPU])])]),
      pools: [poolOf([gpu({ claim: 'Synthetic' })]), poolOf([gpu()])],
      want: [
        { ok: false, rejection: { kind: 'NoDraDevice', pool: 'p', role: 'Standalone' } },
        { ok: true, cost: 1, groups: [[[1]]] },
      ],
      claimable: true,
    },
    {
      name: 'only Synthetic requests',
      why: 'nothing is claimable anywhere; the pool itself matches at cost 0',
      e: engine([member([req('ib', [IB])])]),
      pools: [poolOf([nic()])],
      want: [{ ok: true, cost: 0, groups: [] }],
      claimable: false,
    },
  ];
  it.each(cases)('$name', ({ e, pools, want, claimable }) => {
    const got = matchEngine(e, pools, selectors);
    expect(got.pools).toEqual(want);
    expect(got.claimable).toBe(claimable);
  });
});
