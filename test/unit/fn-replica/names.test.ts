import { describe, expect, it } from 'vitest';
import { GANG_NAME_MAX, KEYS, claimTemplateName, objectName, pickerName, poolName, remoteName, workloadName } from '../../../functions/fn-replica/names';

const LONG = 'a'.repeat(63);
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe('remote names', () => {
  it.each([
    { name: 'short parts stay readable', parts: ['ml-team', 'qwen-5ab63', 'vllm'], want: /^ml-team-qwen-5ab63-vllm-[0-9a-f]{8}$/ },
    { name: 'a leading digit gets a letter', parts: ['1team', 'qwen'], want: /^m1team-qwen-[0-9a-f]{8}$/ },
    { name: 'long parts are cut, the hash kept', parts: [LONG, LONG], want: /^a{54}-[0-9a-f]{8}$/ },
  ])('$name', ({ parts, want }) => {
    const name = remoteName(parts);
    expect(name).toMatch(want);
    expect(name).toMatch(DNS_1035);
    expect(name.length).toBeLessThanOrEqual(63);
  });

  it.each([
    { name: 'namespaces differ', a: { namespace: 'team-a', name: 'qwen' }, b: { namespace: 'team-b', name: 'qwen' } },
    { name: 'the split between namespace and name differs', a: { namespace: 'a-b', name: 'c' }, b: { namespace: 'a', name: 'b-c' } },
    { name: 'names differ only past the cut', a: { namespace: LONG, name: `${LONG}x` }, b: { namespace: LONG, name: `${LONG}y` } },
  ])('no collision when $name', ({ a, b }) => {
    const all = (r: typeof a) => [workloadName(r, 'vllm', false), workloadName(r, 'vllm', true), claimTemplateName(r, 'vllm', 'Leader', '0'), poolName(r), pickerName(r)];
    const [na, nb] = [all(a), all(b)];
    expect(na.filter((n) => nb.includes(n))).toEqual([]);
  });

  it('gang workloads fit the LeaderWorkerSet limit', () => {
    const name = workloadName({ namespace: LONG, name: LONG }, LONG, true);
    expect(name.length).toBeLessThanOrEqual(GANG_NAME_MAX);
    expect(name).toMatch(DNS_1035);
  });

  it('Object names are unique per replica and key', () => {
    const r = { namespace: 'ml-team', name: 'qwen-5ab63' };
    const keys = [KEYS.workload('vllm'), KEYS.claims('vllm', 'Standalone', '1'), KEYS.pickerConfig, KEYS.pickerService, KEYS.pool, KEYS.route];
    expect(new Set(keys.map((k) => objectName(r, k))).size).toBe(keys.length);
  });
});
