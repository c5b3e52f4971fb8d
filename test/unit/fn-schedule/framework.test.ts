// The Filter and Score seams (scheduler/framework.ts): a rule added as a plugin changes decisions
// the way the docs say, and nothing else. The plugins here exist for the test only.
import { describe, expect, it } from 'vitest';
import { describeRejection, summarize } from '../../../functions/fn-schedule/scheduler/explain';
import { compareScores, decidingScorer, type ClusterFilter, type ClusterScorer, type Plugins, type PoolScorer } from '../../../functions/fn-schedule/scheduler/framework';
import { PLUGINS } from '../../../functions/fn-schedule/scheduler/plugins';
import { schedule } from '../../../functions/fn-schedule/scheduler/schedule';
import { cluster, deploymentSpec, gpu, input, pool, replica, where, type Obj } from '../../fixtures/fn-schedule/objects';

/** Price per node-hour published as a device attribute of the pool's class (cents). */
const priced = (cents: number): Obj => gpu({ attributes: { productName: { string: 'H100' }, 'modelplane.ai/pricePerHour': { int: cents } } });
const priceOf = (device: unknown): number => (device as Obj).attributes?.['modelplane.ai/pricePerHour']?.int ?? 0;

const cheaperPools: PoolScorer = {
  name: 'CheaperPools',
  score: ({ pool: p }) => p.devices.reduce((sum, d) => sum + priceOf(d.published), 0),
  describe: (cents) => `${cents} cents per node-hour`,
};
/** Prefers clusters labelled tier=preferred, before spreading. */
const preferred: ClusterScorer = { name: 'Preferred', score: ({ cluster: c }) => (c.labels.tier === 'preferred' ? 0 : 1), describe: String };
const noStaging: ClusterFilter = {
  name: 'NoStaging',
  filter: ({ cluster: c }) => (c.labels.env === 'staging' ? { code: 'Filtered', filter: 'NoStaging', cluster: c.name, reason: 'a staging cluster' } : undefined),
};

const withPlugins = (extra: Partial<Plugins>): Plugins => ({
  clusterFilters: [...PLUGINS.clusterFilters, ...(extra.clusterFilters ?? [])],
  poolFilters: [...PLUGINS.poolFilters, ...(extra.poolFilters ?? [])],
  clusterScorers: [...(extra.clusterScorers ?? []), ...PLUGINS.clusterScorers],
  poolScorers: [...PLUGINS.poolScorers, ...(extra.poolScorers ?? [])],
});

const twoPriced = cluster('a', { pools: [pool('dear', 4, [priced(900)]), pool('cheap', 4, [priced(300)])] });

describe('scheduler plugins', () => {
  const cases = [
    { name: 'registered plugins: first published pool', plugins: PLUGINS, clusters: [twoPriced], replicas: 1, want: ['a/0'], pools: ['dear'] },
    { name: 'a pool scorer: the cheaper pool', plugins: withPlugins({ poolScorers: [cheaperPools] }), clusters: [twoPriced], replicas: 1, want: ['a/0'], pools: ['cheap'] },
    {
      name: 'a pool scorer only ranks pools that pass the filters',
      plugins: withPlugins({ poolScorers: [cheaperPools] }),
      clusters: [cluster('a', { pools: [pool('dear', 4, [priced(900)]), pool('cheap', 0, [priced(300)])] })],
      replicas: 1,
      want: ['a/0'],
      pools: ['dear'],
    },
    {
      name: 'a cluster scorer before Spread packs the preferred cluster',
      plugins: withPlugins({ clusterScorers: [preferred] }),
      clusters: [cluster('a'), cluster('b', { labels: { tier: 'preferred' } })],
      replicas: 2,
      want: ['b/0', 'b/1'],
    },
    {
      name: 'a cluster filter rejects',
      plugins: withPlugins({ clusterFilters: [noStaging] }),
      clusters: [cluster('a', { labels: { env: 'staging' } }), cluster('b')],
      replicas: 2,
      want: ['b/0', 'b/1'],
    },
  ];
  it.each(cases)('$name', (c) => {
    const got = schedule(input({ spec: deploymentSpec({ replicas: c.replicas }), clusters: c.clusters }), c.plugins);
    expect(where(got.placements)).toEqual(c.want);
    if (c.pools) expect(got.placements.map((p) => p.engines[0]!.members[0]!.nodePoolName)).toEqual(c.pools);
  });

  it('scale down removes from the cluster that ranks last by the same scorers', () => {
    const clusters = [cluster('a'), cluster('b', { labels: { tier: 'preferred' } })];
    const replicas = [replica('a'), replica('b')];
    const got = schedule(input({ spec: deploymentSpec({ replicas: 1 }), clusters, replicas }), withPlugins({ clusterScorers: [preferred] }));
    expect(where(got.placements)).toEqual(['b/0']);
    expect(got.scaledDown.map((r) => r.clusterName)).toEqual(['a']);
  });

  it('a filter rejection is reported like any other, and summarized under the filter name', () => {
    const got = schedule(input({ spec: deploymentSpec({ replicas: 2 }), clusters: [cluster('a', { labels: { env: 'staging' } })] }), withPlugins({ clusterFilters: [noStaging] }));
    expect(got.unschedulable.map((r) => `${r.cluster}: ${describeRejection(r)}`)).toEqual(['a: a staging cluster']);
    expect(summarize(got.unschedulable, got.checked)).toBe('0/1 clusters fit: 1 NoStaging');
  });
});

describe('score vectors', () => {
  it.each([
    { a: [0, 5], b: [1, 0], order: -1, decides: 0 },
    { a: [1, 5], b: [1, 2], order: 1, decides: 1 },
    { a: [1, 2], b: [1, 2], order: 0, decides: -1 },
    { a: [], b: [], order: 0, decides: -1 },
  ])('$a vs $b', ({ a, b, order, decides }) => {
    expect(Math.sign(compareScores(a, b))).toBe(order);
    expect(decidingScorer(a, b)).toBe(decides);
  });
});
