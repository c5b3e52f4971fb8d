// Summary, conditions and events from per-cluster phases.
import { describe, expect, it } from 'vitest';
import { CONDITION, EVENT, REASON } from '../../../functions/fn-modelcache/conditions';
import type { ClusterStatus } from '../../../functions/fn-modelcache/phases';
import { artifactReady, cacheEvents, cacheStatus, clustersMatched, observedStatusFields, previousStatus } from '../../../functions/fn-modelcache/status';

const A = 'huggingface:a/b@main';
const c = (name: string, phase: ClusterStatus['phase'], message = `${phase} msg`): ClusterStatus => ({ name, phase, message, artifact: A });
const ref = { name: 'hf', key: 'HF_TOKEN', field: 'spec.huggingFace.authSecret', envName: 'HF_TOKEN' };

describe('cacheStatus', () => {
  it('counts Ready clusters and formats the CLUSTERS column', () => {
    expect(cacheStatus([c('a', 'Ready'), c('b', 'Hydrating'), c('c', 'Ready')]).summary).toEqual({ ready: 2, total: 3, text: '2/3' });
  });
});

describe('ClustersMatched', () => {
  it.each([
    {
      name: 'none, selector set',
      total: 0,
      labels: { r: 'x' } as Record<string, string> | undefined,
      want: ['False', REASON.noClusters, 'no InferenceCluster matches spec.clusterSelector.matchLabels {r=x}'],
    },
    { name: 'one, selector omitted', total: 1, labels: undefined, want: ['True', REASON.matched, '1 InferenceCluster matches spec.clusterSelector (omitted: every cluster)'] },
    { name: 'three', total: 3, labels: { r: 'x', t: 'y' }, want: ['True', REASON.matched, '3 InferenceClusters match spec.clusterSelector.matchLabels {r=x, t=y}'] },
  ])('$name', ({ total, labels, want }) => {
    expect(clustersMatched(total, labels)).toEqual({ type: CONDITION.clustersMatched, status: want[0], reason: want[1], message: want[2] });
  });
});

describe('ArtifactReady', () => {
  it.each([
    { name: 'no clusters', clusters: [], auth: 'none' as const, want: ['False', REASON.noClusters, 'no InferenceCluster matches: the artifact is staged nowhere'] },
    { name: 'all Ready', clusters: [c('a', 'Ready'), c('b', 'Ready')], auth: 'none' as const, want: ['True', REASON.ready, 'staged on 2 of 2 clusters'] },
    { name: 'all Ready, Secret since deleted: no complaint', clusters: [c('a', 'Ready')], auth: 'missing' as const, want: ['True', REASON.ready, 'staged on 1 of 1 cluster'] },
    {
      name: 'Secret missing while a cluster still needs it',
      clusters: [c('a', 'Ready'), c('b', 'Pending')],
      auth: 'missing' as const,
      want: ['False', REASON.authSecretMissing, 'Secret hf (spec.huggingFace.authSecret.name) does not exist; staged on 1 of 2 clusters'],
    },
    {
      name: 'Secret without the key',
      clusters: [c('a', 'Pending')],
      auth: 'missingKey' as const,
      want: ['False', REASON.authSecretMissing, 'Secret hf has no key HF_TOKEN (spec.huggingFace.authSecret.key); staged on 0 of 1 cluster'],
    },
    {
      name: 'a failure outranks progress elsewhere',
      clusters: [c('a', 'Hydrating'), c('b', 'Failed', 'BackoffLimitExceeded: limit'), c('c', 'Failed')],
      auth: 'present' as const,
      want: ['False', REASON.failed, 'staged on 0 of 3 clusters; failed on b, c: BackoffLimitExceeded: limit'],
    },
    {
      name: 'partial',
      clusters: [c('a', 'Ready'), c('b', 'Hydrating'), c('c', 'Pending'), c('d', 'Pending')],
      auth: 'present' as const,
      want: ['False', REASON.partial, 'staged on 1 of 4 clusters; hydrating on b; pending on c, d'],
    },
  ])('$name', ({ clusters, auth, want }) => {
    expect(artifactReady(cacheStatus(clusters), auth, ref)).toEqual({ type: CONDITION.artifactReady, status: want[0], reason: want[1], message: want[2] });
  });
});

describe('cacheEvents', () => {
  it('warns for user-fixable reasons and announces each new Ready once', () => {
    const clusters = [c('a', 'Ready'), c('b', 'Ready'), c('c', 'Failed', 'boom')];
    const conditions = [clustersMatched(3, undefined), artifactReady(cacheStatus(clusters), 'none', undefined)];
    const previous = previousStatus({
      clusters: [
        { name: 'a', phase: 'Ready', artifact: A },
        { name: 'b', phase: 'Hydrating', artifact: A },
      ],
    });
    expect(cacheEvents(conditions, clusters, previous)).toEqual([
      { severity: 'Warning', reason: REASON.failed, message: 'staged on 2 of 3 clusters; failed on c: boom' },
      { severity: 'Normal', reason: EVENT.staged, message: `${A} is staged on InferenceCluster b` },
    ]);
  });
});

describe('observed status', () => {
  it.each([
    { name: 'not an object', status: 'x', prev: [], kept: {} },
    {
      name: 'junk entries skipped',
      status: { clusters: [1, { phase: 'Ready' }, { name: 'a', phase: 'Ready', artifact: A }] },
      prev: [['a', { phase: 'Ready', artifact: A }]],
      kept: { clusters: [1, { phase: 'Ready' }, { name: 'a', phase: 'Ready', artifact: A }] },
    },
    { name: 'summary kept', status: { summary: { ready: 1, total: 1, text: '1/1' } }, prev: [], kept: { summary: { ready: 1, total: 1, text: '1/1' } } },
  ])('$name', ({ status, prev, kept }) => {
    expect([...previousStatus(status)]).toEqual(prev);
    expect(observedStatusFields(status)).toEqual(kept);
  });
});
