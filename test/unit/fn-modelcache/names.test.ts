// Desired-resource keys round-trip; remote names are DNS labels unique across namespaces.
import { describe, expect, it } from 'vitest';
import { KEY, objectName, parseKey, remoteName } from '../../../functions/fn-modelcache/names';
import { cachePvcName } from '../../../functions/lib/k8s/remote';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('keys', () => {
  it.each([
    { name: 'volume', key: KEY.pvc('us-east'), want: { kind: 'pvc', cluster: 'us-east' } },
    { name: 'token', key: KEY.token('us-east'), want: { kind: 'token', cluster: 'us-east' } },
    { name: 'job', key: KEY.job('us-east', '0123abcd'), want: { kind: 'job', cluster: 'us-east', digest: '0123abcd' } },
    { name: 'job of a cluster whose name ends like a digest', key: KEY.job('a-0123abcd', 'ffffffff'), want: { kind: 'job', cluster: 'a-0123abcd', digest: 'ffffffff' } },
    { name: 'dotted cluster name', key: KEY.pvc('gpu.us-east.example'), want: { kind: 'pvc', cluster: 'gpu.us-east.example' } },
    { name: 'a key this function never makes', key: 'something-else', want: undefined },
    { name: 'bare prefix', key: 'pvc-', want: undefined },
  ])('$name', ({ key, want }) => {
    expect(parseKey(key)).toEqual(want);
  });
});

describe('names', () => {
  const long = 'x'.repeat(200);
  it.each([
    { name: 'short', cache: { namespace: 'ml-team', name: 'qwen' } },
    { name: 'long names', cache: { namespace: 'n'.repeat(63), name: long } },
  ])('$name: every name is a DNS label', ({ cache }) => {
    const all = [
      remoteName.pvc(cache),
      remoteName.job(cache, '0123abcd'),
      remoteName.token(cache),
      objectName.pvc(cache, long),
      objectName.job(cache, long, '0123abcd'),
      objectName.token(cache, long),
    ];
    for (const n of all) {
      expect(n.length).toBeLessThanOrEqual(63);
      expect(n).toMatch(DNS_LABEL);
    }
  });

  it('the volume is the claim fn-replica mounts', () => {
    expect(remoteName.pvc({ namespace: 'ml-team', name: 'qwen' })).toBe(cachePvcName('ml-team', 'qwen'));
  });

  it('same-named caches in two namespaces get different remote names', () => {
    const a = { namespace: 'team-a', name: 'qwen' };
    const b = { namespace: 'team-b', name: 'qwen' };
    expect(remoteName.pvc(a)).not.toBe(remoteName.pvc(b));
    expect(remoteName.job(a, '0123abcd')).not.toBe(remoteName.job(b, '0123abcd'));
    expect(remoteName.token(a)).not.toBe(remoteName.token(b));
  });
});
