// fn-modelcache when its inputs change or go missing: clusters leaving the selector, the auth
// Secret missing, requirements not resolved yet, no match, an invalid spec, a cluster that cannot
// take a cache, a new artifact. Whole responses.
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-modelcache/compose';
import { CONDITION, REASON } from '../../../functions/fn-modelcache/conditions';
import { KEY } from '../../../functions/fn-modelcache/names';
import { huggingFaceArtifact } from '../../../functions/fn-modelcache/sources';
import { keepObserved } from '../../../functions/lib/response';
import { authSecret, cacheXr, cluster, hfSpec, jobStatus, NS, observedObject, request, view, type Obj, type RequestInput } from '../../fixtures/fn-modelcache';
import { hydrating, jobObject, pvcObject, tokenObject } from '../../fixtures/fn-modelcache/expected';

const HF = huggingFaceArtifact({ repo: 'Qwen/Qwen3-8B', revision: 'main' });
const HF_T = huggingFaceArtifact({ repo: 'Qwen/Qwen3-8B', revision: 'main', authSecret: { name: 'hf-token', key: 'HF_TOKEN' } });
const V2 = huggingFaceArtifact({ repo: 'Qwen/Qwen3-8B', revision: 'v2' });
const EAST = { 'modelplane.ai/region': 'us-east' };

const clustersReq = (matchLabels: Obj = {}) => ({ 'inference-clusters': { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchLabels: { labels: matchLabels } } });
const secretReq = { 'auth-secret': { apiVersion: 'v1', kind: 'Secret', matchName: 'hf-token', namespace: NS } };
const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message });
const entry = (name: string, phase: string, message: string, artifact = HF.id) => ({ name, phase, message, artifact });
const statusOf = (...clusters: ReturnType<typeof entry>[]) => {
  const ready = clusters.filter((c) => c.phase === 'Ready').length;
  return { summary: { ready, total: clusters.length, text: `${ready}/${clusters.length}` }, clusters };
};
const kept = (obj: Obj) => ({ resource: keepObserved(obj) });

const seenPvcA = observedObject(pvcObject('a'), { remoteStatus: { phase: 'Bound' } });
const seenPvcB = observedObject(pvcObject('b'), { remoteStatus: { phase: 'Bound' } });
const seenJobB = observedObject(jobObject('b', HF), { remoteStatus: jobStatus.running });
const seenJobT = observedObject(jobObject('a', HF_T), { remoteStatus: jobStatus.running });
const seenTokenT = observedObject(tokenObject('a', HF_T));
const twoClustersStatus = statusOf(entry('a', 'Ready', 'x'), entry('b', 'Hydrating', 'x'));
const missingSecret = 'Secret hf-token (spec.huggingFace.authSecret.name) does not exist';

interface Case {
  name: string;
  input: RequestInput;
  want: Obj;
}

const cases: Case[] = [
  {
    name: 'a cluster leaves the selector: its volume and Job are dropped (the weights go with them)',
    input: {
      xr: cacheXr({ ...hfSpec(), clusterSelector: { matchLabels: EAST } }, twoClustersStatus),
      clusters: [cluster('a', { labels: EAST }), cluster('b', { labels: { 'modelplane.ai/region': 'us-west' } })],
      observed: { [KEY.pvc('a')]: seenPvcA, [KEY.pvc('b')]: seenPvcB, [KEY.job('b', HF.digest)]: seenJobB },
    },
    want: {
      resources: { [KEY.pvc('a')]: { resource: pvcObject('a'), ready: 'True' } },
      status: statusOf(entry('a', 'Ready', `${HF.id} is staged`)),
      conditions: [
        cond(CONDITION.clustersMatched, 'True', REASON.matched, '1 InferenceCluster matches spec.clusterSelector.matchLabels {modelplane.ai/region=us-east}'),
        cond(CONDITION.artifactReady, 'True', REASON.ready, 'staged on 1 of 1 cluster'),
      ],
      results: [],
      requirements: clustersReq(EAST),
    },
  },
  {
    name: 'auth Secret missing, nothing composed yet: only the volume, a Warning, the blocker per cluster',
    input: { xr: cacheXr(hfSpec({ authSecret: { name: 'hf-token' } })), clusters: [cluster('a')], secrets: [] },
    want: {
      resources: { [KEY.pvc('a')]: { resource: pvcObject('a'), ready: 'False' } },
      status: statusOf(entry('a', 'Pending', missingSecret, HF_T.id)),
      conditions: [
        cond(CONDITION.clustersMatched, 'True', REASON.matched, '1 InferenceCluster matches spec.clusterSelector (omitted: every cluster)'),
        cond(CONDITION.artifactReady, 'False', REASON.authSecretMissing, `${missingSecret}; staged on 0 of 1 cluster`),
      ],
      results: [{ severity: 'Warning', reason: REASON.authSecretMissing, message: `${missingSecret}; staged on 0 of 1 cluster` }],
      requirements: { ...clustersReq(), ...secretReq },
    },
  },
  {
    name: 'auth Secret deleted mid-hydration: nothing new, the observed Job and token kept as they are',
    input: {
      xr: cacheXr(hfSpec({ authSecret: { name: 'hf-token' } }), statusOf(entry('a', 'Hydrating', 'x', HF_T.id))),
      clusters: [cluster('a')],
      secrets: [],
      observed: { [KEY.pvc('a')]: seenPvcA, [KEY.job('a', HF_T.digest)]: seenJobT, [KEY.token('a')]: seenTokenT },
    },
    want: {
      resources: {
        [KEY.pvc('a')]: { resource: pvcObject('a'), ready: 'False' },
        [KEY.job('a', HF_T.digest)]: { ...kept(seenJobT), ready: 'False' },
        [KEY.token('a')]: { ...kept(seenTokenT), ready: 'True' },
      },
      status: statusOf(entry('a', 'Hydrating', `Job ${jobObject('a', HF_T).spec.forProvider.manifest.metadata.name} is downloading ${HF_T.id}`, HF_T.id)),
      conditions: [
        cond(CONDITION.clustersMatched, 'True', REASON.matched, '1 InferenceCluster matches spec.clusterSelector (omitted: every cluster)'),
        cond(CONDITION.artifactReady, 'False', REASON.authSecretMissing, `${missingSecret}; staged on 0 of 1 cluster`),
      ],
      results: [{ severity: 'Warning', reason: REASON.authSecretMissing, message: `${missingSecret}; staged on 0 of 1 cluster` }],
      requirements: { ...clustersReq(), ...secretReq },
    },
  },
  {
    name: 'auth Secret without the key',
    input: { xr: cacheXr(hfSpec({ authSecret: { name: 'hf-token', key: 'token' } })), clusters: [cluster('a')], secrets: [authSecret()] },
    want: {
      resources: { [KEY.pvc('a')]: { resource: pvcObject('a'), ready: 'False' } },
      status: statusOf(entry('a', 'Pending', 'Secret hf-token has no key token (spec.huggingFace.authSecret.key)', HF_T.id)),
      conditions: [
        cond(CONDITION.clustersMatched, 'True', REASON.matched, '1 InferenceCluster matches spec.clusterSelector (omitted: every cluster)'),
        cond(CONDITION.artifactReady, 'False', REASON.authSecretMissing, 'Secret hf-token has no key token (spec.huggingFace.authSecret.key); staged on 0 of 1 cluster'),
      ],
      results: [{ severity: 'Warning', reason: REASON.authSecretMissing, message: 'Secret hf-token has no key token (spec.huggingFace.authSecret.key); staged on 0 of 1 cluster' }],
      requirements: { ...clustersReq(), ...secretReq },
    },
  },
  {
    name: 'clusters not resolved yet: everything observed kept, status re-emitted, conditions Unknown',
    input: { xr: cacheXr(hfSpec(), twoClustersStatus), observed: { [KEY.pvc('a')]: seenPvcA, [KEY.job('b', HF.digest)]: seenJobB } },
    want: {
      resources: { [KEY.pvc('a')]: kept(seenPvcA), [KEY.job('b', HF.digest)]: kept(seenJobB) },
      status: twoClustersStatus,
      conditions: [
        cond(CONDITION.clustersMatched, 'Unknown', REASON.resolving, 'waiting for Crossplane to resolve the matching InferenceClusters'),
        cond(CONDITION.artifactReady, 'Unknown', REASON.resolving, 'waiting for Crossplane to resolve the matching InferenceClusters'),
      ],
      results: [],
      requirements: clustersReq(),
    },
  },
  {
    name: 'no cluster matches any more: what exists is kept (never delete every copy on an empty answer)',
    input: { xr: cacheXr(hfSpec(), twoClustersStatus), clusters: [], observed: { [KEY.pvc('a')]: seenPvcA, [KEY.pvc('b')]: seenPvcB } },
    want: {
      resources: { [KEY.pvc('a')]: kept(seenPvcA), [KEY.pvc('b')]: kept(seenPvcB) },
      status: statusOf(),
      conditions: [
        cond(CONDITION.clustersMatched, 'False', REASON.noClusters, 'no InferenceCluster matches spec.clusterSelector (omitted: every cluster)'),
        cond(CONDITION.artifactReady, 'False', REASON.noClusters, 'no InferenceCluster matches: the artifact is staged nowhere'),
      ],
      results: [{ severity: 'Warning', reason: REASON.noClusters, message: 'no InferenceCluster matches spec.clusterSelector (omitted: every cluster)' }],
      requirements: clustersReq(),
    },
  },
  {
    name: 'invalid spec: a condition naming the field, a Warning, everything observed kept',
    input: {
      xr: cacheXr({ source: 'HuggingFace', huggingFace: { repo: 'not a repo' }, sizeGiB: 0 }, twoClustersStatus),
      clusters: [cluster('a')],
      observed: { [KEY.pvc('a')]: seenPvcA },
    },
    want: {
      resources: { [KEY.pvc('a')]: kept(seenPvcA) },
      status: twoClustersStatus,
      conditions: [
        cond(
          CONDITION.clustersMatched,
          'Unknown',
          REASON.invalidSpec,
          'invalid spec: spec.huggingFace.repo: must be a Hugging Face repository id: org/name; spec.sizeGiB: Too small: expected number to be >=1',
        ),
        cond(
          CONDITION.artifactReady,
          'False',
          REASON.invalidSpec,
          'invalid spec: spec.huggingFace.repo: must be a Hugging Face repository id: org/name; spec.sizeGiB: Too small: expected number to be >=1',
        ),
      ],
      results: [
        {
          severity: 'Warning',
          reason: REASON.invalidSpec,
          message: 'invalid spec: spec.huggingFace.repo: must be a Hugging Face repository id: org/name; spec.sizeGiB: Too small: expected number to be >=1',
        },
      ],
    },
  },
  {
    name: 'clusters that cannot take a cache yet: Pending with the reason, nothing composed for them',
    input: { xr: cacheXr(hfSpec()), clusters: [cluster('a', { providerConfig: null }), cluster('b', { storageClass: null }), cluster('c')] },
    want: {
      resources: hydrating('c', HF),
      status: statusOf(
        entry('a', 'Pending', 'waiting for InferenceCluster a to publish status.providerConfigRef'),
        entry('b', 'Pending', 'InferenceCluster b has no ReadWriteMany storage (status.cache.storageClassName)'),
        entry('c', 'Pending', `waiting for the hydration Job of ${HF.id} to start`),
      ),
      conditions: [
        cond(CONDITION.clustersMatched, 'True', REASON.matched, '3 InferenceClusters match spec.clusterSelector (omitted: every cluster)'),
        cond(CONDITION.artifactReady, 'False', REASON.partial, 'staged on 0 of 3 clusters; pending on a, b, c'),
      ],
      results: [],
      requirements: clustersReq(),
    },
  },
  {
    name: 'a new revision after Ready: a new Job under a new key, the cluster goes back to Pending',
    input: {
      xr: cacheXr(hfSpec({ revision: 'v2' }), statusOf(entry('a', 'Ready', 'x'))),
      clusters: [cluster('a')],
      observed: { [KEY.pvc('a')]: seenPvcA },
    },
    want: {
      resources: hydrating('a', V2),
      status: statusOf(entry('a', 'Pending', `waiting for the hydration Job of ${V2.id} to start`, V2.id)),
      conditions: [
        cond(CONDITION.clustersMatched, 'True', REASON.matched, '1 InferenceCluster matches spec.clusterSelector (omitted: every cluster)'),
        cond(CONDITION.artifactReady, 'False', REASON.partial, 'staged on 0 of 1 cluster; pending on a'),
      ],
      results: [],
      requirements: clustersReq(),
    },
  },
  {
    name: "the only cluster left cannot hold the cache: the leaving cluster's volume is kept, and a foreign key too",
    input: {
      xr: cacheXr(hfSpec(), twoClustersStatus),
      clusters: [cluster('c', { providerConfig: null })],
      observed: { [KEY.pvc('a')]: seenPvcA, 'from-another-step': seenPvcB },
    },
    want: {
      resources: { [KEY.pvc('a')]: kept(seenPvcA), 'from-another-step': kept(seenPvcB) },
      status: statusOf(entry('c', 'Pending', 'waiting for InferenceCluster c to publish status.providerConfigRef')),
      conditions: [
        cond(CONDITION.clustersMatched, 'True', REASON.matched, '1 InferenceCluster matches spec.clusterSelector (omitted: every cluster)'),
        cond(CONDITION.artifactReady, 'False', REASON.partial, 'staged on 0 of 1 cluster; pending on c'),
      ],
      results: [],
      requirements: clustersReq(),
    },
  },
];

describe('fn-modelcache compose with changing inputs', () => {
  it.each(cases)('$name', ({ input, want }) => {
    expect(view(compose(request(input)))).toEqual(want);
  });

  it('the order clusters arrive in changes nothing', () => {
    const names = ['d', 'a', 'c', 'b'];
    const run = (order: string[]) => view(compose(request({ xr: cacheXr(hfSpec()), clusters: order.map((n) => cluster(n)) })));
    expect(run(names)).toEqual(run([...names].reverse()));
    expect(run(names).status!.clusters.map((c: Obj) => c.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a request without a ModelCache is broken: one Fatal result', () => {
    const rsp = view(compose(request({ xr: {} })));
    expect(rsp.results).toEqual([{ severity: 'Fatal', message: expect.stringMatching(/^fn-modelcache composes modelplane\.ai\/v1alpha1 ModelCache; got apiVersion/) }]);
  });
});
