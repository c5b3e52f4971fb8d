// Pure modules of fn-inferencecluster, one table each.
import { describe, expect, it } from 'vitest';
import { cloudName, controlName } from '../../../functions/fn-inferencecluster/names';
import { gatewayAddress } from '../../../functions/fn-inferencecluster/stack/gateway';
import { aksPoolName } from '../../../functions/fn-inferencecluster/provision/aks';
import { eksZones } from '../../../functions/fn-inferencecluster/provision/eks';
import { gpuPools, planPools, poolCapacity } from '../../../functions/fn-inferencecluster/pools';
import { checkClass } from '../../../functions/fn-inferencecluster/class';
import { parseInferenceClusterSpec, type NodePool } from '../../../functions/lib/schema';
import { CLASSES, CLUSTERS } from '../../fixtures/fn-inferencecluster';

describe('controlName', () => {
  it.each([
    { name: 'short names read as cluster-part', cluster: 'us-east', part: 'gke', want: 'us-east-gke' },
    { name: 'long names are cut and hashed to 63', cluster: 'a'.repeat(70), part: 'gke', want: /^a{54}-[0-9a-f]{8}$/ },
  ])('$name', ({ cluster, part, want }) => {
    const got = controlName(cluster, part);
    if (typeof want === 'string') expect(got).toBe(want);
    else expect(got).toMatch(want);
    expect(got.length).toBeLessThanOrEqual(63);
  });
});

describe('cloudName', () => {
  it.each([
    { name: 'a valid short name is kept', input: 'us-central', max: 40, want: /^us-central$/ },
    { name: 'a leading digit gets a letter', input: '1-cluster', max: 40, want: /^c-1-cluster-[0-9a-f]{8}$/ },
    { name: 'too long: readable prefix and hash within max', input: 'x'.repeat(50), max: 40, want: /^x{31}-[0-9a-f]{8}$/ },
    { name: 'dots become dashes', input: 'a.b', max: 40, want: /^a-b-[0-9a-f]{8}$/ },
  ])('$name', ({ input, max, want }) => {
    const got = cloudName(input, max);
    expect(got).toMatch(want);
    expect(got.length).toBeLessThanOrEqual(max);
  });
});

describe('gatewayAddress', () => {
  const gw = (addresses: unknown) => ({ status: { atProvider: { manifest: { status: { addresses } } } } });
  it.each([
    { name: 'IP on port 80', obj: gw([{ value: '10.0.0.1' }]), port: 80, want: '10.0.0.1' },
    { name: 'hostname on another port', obj: gw([{ value: 'lb.example.com' }]), port: 8080, want: 'lb.example.com:8080' },
    { name: 'IPv6 gets brackets with a port', obj: gw([{ value: '2001:db8::1' }]), port: 8080, want: '[2001:db8::1]:8080' },
    { name: 'no addresses', obj: gw([]), port: 80, want: undefined },
    { name: 'malformed status', obj: { status: { atProvider: 'x' } }, port: 80, want: undefined },
    { name: 'not observed', obj: undefined, port: 80, want: undefined },
  ])('$name', ({ obj, port, want }) => {
    expect(gatewayAddress(obj as never, port)).toBe(want);
  });
});

describe('aksPoolName', () => {
  it.each([
    { name: 'fits as is', pool: 'h100', want: /^h100$/ },
    { name: 'dashes: letters plus hash', pool: 'h100-pool', want: /^h100poo[0-9a-f]{5}$/ },
    { name: 'leading digits dropped', pool: '8xh100', want: /^xh100[0-9a-f]{5}$/ },
    { name: 'nothing usable', pool: '1-2', want: /^p[0-9a-f]{5}$/ },
  ])('$name', ({ pool, want }) => {
    const got = aksPoolName(pool);
    expect(got).toMatch(want);
    expect(got).toMatch(/^[a-z][a-z0-9]{0,11}$/);
  });
});

describe('eksZones', () => {
  const p = (zones?: string[]) => ({ pool: { name: 'p', className: 'c', nodeCount: 1, ...(zones ? { zones } : {}) } as NodePool, cls: {} as never });
  it.each([
    { name: 'no zones: the region a and b', pools: [p()], want: ['us-west-2a', 'us-west-2b'] },
    { name: 'one zone is padded to two', pools: [p(['us-west-2c'])], want: ['us-west-2a', 'us-west-2c'] },
    { name: 'union of pools, sorted', pools: [p(['us-west-2c']), p(['us-west-2b', 'us-west-2c'])], want: ['us-west-2b', 'us-west-2c'] },
  ])('$name', ({ pools, want }) => {
    expect(eksZones('us-west-2', pools)).toEqual(want);
  });
});

describe('pools', () => {
  const spec = (() => {
    const r = parseInferenceClusterSpec(CLUSTERS.gke);
    if (!r.ok) throw new Error('fixture');
    return r.value;
  })();
  const found = (name: string) => ({ state: 'found' as const, ...checkClass(CLASSES[name]) });

  it.each([
    { name: 'capacity is maxNodeCount when set', pool: { nodeCount: 2, maxNodeCount: 4 }, want: 4 },
    { name: 'else nodeCount', pool: { nodeCount: 3 }, want: 3 },
  ])('$name', ({ pool, want }) => {
    expect(poolCapacity({ name: 'p', className: 'c', ...pool })).toBe(want);
  });

  it.each([
    {
      name: 'resolved class: published with its class (the one home of its devices)',
      lookup: found('nvidia-l4'),
      published: [],
      want: [{ name: 'l4', nodes: 4, className: 'nvidia-l4' }],
    },
    {
      name: 'unresolved: the last published capacity is kept',
      lookup: { state: 'unresolved' as const },
      published: [{ name: 'l4', nodes: 9, className: 'nvidia-l4' }],
      want: [{ name: 'l4', nodes: 9, className: 'nvidia-l4' }],
    },
    {
      name: 'missing: an entry an earlier version published (devices copied) is kept, naming its class',
      lookup: { state: 'missing' as const },
      published: [{ name: 'l4', nodes: 9, devices: [] }],
      want: [{ name: 'l4', nodes: 9, className: 'nvidia-l4' }],
    },
    { name: 'unresolved, never published: nothing', lookup: { state: 'unresolved' as const }, published: [], want: [] },
    { name: 'provider mismatch: not published', lookup: found('nvidia-a100'), published: [{ name: 'l4', nodes: 9, className: 'nvidia-l4' }], want: [] },
  ])('$name', ({ lookup, published, want }) => {
    const plans = planPools(spec, new Map([['nvidia-l4', lookup]]));
    expect(gpuPools(plans, published as never)).toEqual(want);
  });
});
