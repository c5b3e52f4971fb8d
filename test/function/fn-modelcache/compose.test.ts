// fn-modelcache end to end in process: a whole RunFunctionRequest in, the whole response out
// (desired resources, status, conditions, events, requirements).
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-modelcache/compose';
import { CONDITION, EVENT, REASON } from '../../../functions/fn-modelcache/conditions';
import { KEY } from '../../../functions/fn-modelcache/names';
import { huggingFaceArtifact, ngcArtifact } from '../../../functions/fn-modelcache/sources';
import {
  authSecret,
  cacheXr,
  cluster,
  hfSpec,
  jobStatus,
  ngcSpec,
  NS,
  observedObject,
  request,
  TOKEN_VALUE,
  view,
  type Obj,
  type RequestInput,
} from '../../fixtures/fn-modelcache';
import { hydrating, jobObject, pvcObject, tokenObject } from '../../fixtures/fn-modelcache/expected';

const HF = huggingFaceArtifact({ repo: 'Qwen/Qwen3-8B', revision: 'main' });
const HF_T = huggingFaceArtifact({ repo: 'Qwen/Qwen3-8B', revision: 'main', authSecret: { name: 'hf-token', key: 'HF_TOKEN' } });
const NGC = ngcArtifact({ resource: 'nvidia/nim/llama-3.1-8b:1.0' });
const NGC_T = ngcArtifact({ resource: 'nvidia/nim/llama-3.1-8b:1.0', authSecret: { name: 'ngc-key', key: 'NGC_API_KEY' } });
const HF_SECRET = { authSecret: { name: 'hf-token' } };

const clustersReq = (matchLabels: Obj = {}) => ({ 'inference-clusters': { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchLabels: { labels: matchLabels } } });
const secretReq = (name: string) => ({ 'auth-secret': { apiVersion: 'v1', kind: 'Secret', matchName: name, namespace: NS } });
const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message });
const matched = (n: number) =>
  cond(
    CONDITION.clustersMatched,
    'True',
    REASON.matched,
    `${n === 1 ? '1 InferenceCluster matches' : `${n} InferenceClusters match`} spec.clusterSelector (omitted: every cluster)`,
  );
const entry = (name: string, phase: string, message: string, artifact = HF.id) => ({ name, phase, message, artifact });
const statusOf = (...clusters: ReturnType<typeof entry>[]) => {
  const ready = clusters.filter((c) => c.phase === 'Ready').length;
  return { summary: { ready, total: clusters.length, text: `${ready}/${clusters.length}` }, clusters };
};
const waiting = (a: { id: string }) => `waiting for the hydration Job of ${a.id} to start`;

/** Observed Objects as provider-kubernetes reports them once applied. */
const seenPvc = (c: string, bound = true) => observedObject(pvcObject(c), { remoteStatus: { phase: bound ? 'Bound' : 'Pending' } });
const seenJob = (c: string, a: typeof HF, st: Obj) => observedObject(jobObject(c, a), { remoteStatus: st });
const seenToken = (c: string, a: typeof HF) => observedObject(tokenObject(c, a));

interface Case {
  name: string;
  input: RequestInput;
  want: Obj;
}

const cases: Case[] = [
  {
    name: 'Hugging Face without a token, first run: volume and Job, Pending',
    input: { xr: cacheXr(hfSpec()), clusters: [cluster('us-east-1')] },
    want: {
      resources: hydrating('us-east-1', HF),
      status: statusOf(entry('us-east-1', 'Pending', waiting(HF))),
      conditions: [matched(1), cond(CONDITION.artifactReady, 'False', REASON.partial, 'staged on 0 of 1 cluster; pending on us-east-1')],
      results: [],
      requirements: clustersReq(),
    },
  },
  {
    name: 'Hugging Face with a token: the Secret is copied too, and required',
    input: { xr: cacheXr(hfSpec(HF_SECRET)), clusters: [cluster('us-east-1')], secrets: [authSecret()] },
    want: {
      resources: hydrating('us-east-1', HF_T),
      status: statusOf(entry('us-east-1', 'Pending', waiting(HF_T))),
      conditions: [matched(1), cond(CONDITION.artifactReady, 'False', REASON.partial, 'staged on 0 of 1 cluster; pending on us-east-1')],
      results: [],
      requirements: { ...clustersReq(), ...secretReq('hf-token') },
    },
  },
  {
    name: 'NGC without a key',
    input: { xr: cacheXr(ngcSpec()), clusters: [cluster('us-east-1')] },
    want: {
      resources: hydrating('us-east-1', NGC),
      status: statusOf(entry('us-east-1', 'Pending', waiting(NGC), NGC.id)),
      conditions: [matched(1), cond(CONDITION.artifactReady, 'False', REASON.partial, 'staged on 0 of 1 cluster; pending on us-east-1')],
      results: [],
      requirements: clustersReq(),
    },
  },
  {
    name: 'NGC with a key: copied under NGC_API_KEY',
    input: {
      xr: cacheXr(ngcSpec({ authSecret: { name: 'ngc-key' } })),
      clusters: [cluster('us-east-1')],
      secrets: [authSecret('ngc-key', { NGC_API_KEY: TOKEN_VALUE })],
    },
    want: {
      resources: hydrating('us-east-1', NGC_T),
      status: statusOf(entry('us-east-1', 'Pending', waiting(NGC_T), NGC_T.id)),
      conditions: [matched(1), cond(CONDITION.artifactReady, 'False', REASON.partial, 'staged on 0 of 1 cluster; pending on us-east-1')],
      results: [],
      requirements: { ...clustersReq(), ...secretReq('ngc-key') },
    },
  },
  {
    name: 'Job running on the cluster: Hydrating',
    input: {
      xr: cacheXr(hfSpec(HF_SECRET), statusOf(entry('us-east-1', 'Pending', waiting(HF_T)))),
      clusters: [cluster('us-east-1')],
      secrets: [authSecret()],
      observed: {
        [KEY.pvc('us-east-1')]: seenPvc('us-east-1', false),
        [KEY.job('us-east-1', HF_T.digest)]: seenJob('us-east-1', HF_T, jobStatus.retrying),
        [KEY.token('us-east-1')]: seenToken('us-east-1', HF_T),
      },
    },
    want: {
      resources: hydrating('us-east-1', HF_T, { tokenReady: true }),
      status: statusOf(
        entry('us-east-1', 'Hydrating', `Job ${jobObject('us-east-1', HF_T).spec.forProvider.manifest.metadata.name} is downloading ${HF_T.id} (2 failed attempts so far)`),
      ),
      conditions: [matched(1), cond(CONDITION.artifactReady, 'False', REASON.partial, 'staged on 0 of 1 cluster; hydrating on us-east-1')],
      results: [],
      requirements: { ...clustersReq(), ...secretReq('hf-token') },
    },
  },
  {
    name: 'Job complete: Ready, the Job and the token Secret are dropped, one Normal event',
    input: {
      xr: cacheXr(hfSpec(HF_SECRET), statusOf(entry('us-east-1', 'Hydrating', 'x'))),
      clusters: [cluster('us-east-1')],
      secrets: [authSecret()],
      observed: {
        [KEY.pvc('us-east-1')]: seenPvc('us-east-1'),
        [KEY.job('us-east-1', HF_T.digest)]: seenJob('us-east-1', HF_T, jobStatus.complete),
        [KEY.token('us-east-1')]: seenToken('us-east-1', HF_T),
      },
    },
    want: {
      resources: { [KEY.pvc('us-east-1')]: { resource: pvcObject('us-east-1'), ready: 'True' } },
      status: statusOf(entry('us-east-1', 'Ready', `${HF_T.id} is staged`)),
      conditions: [matched(1), cond(CONDITION.artifactReady, 'True', REASON.ready, 'staged on 1 of 1 cluster')],
      results: [{ severity: 'Normal', reason: EVENT.staged, message: `${HF_T.id} is staged on InferenceCluster us-east-1` }],
      requirements: { ...clustersReq(), ...secretReq('hf-token') },
    },
  },
  {
    name: 'Ready is latched: the Job is gone, status says Ready, nothing is re-downloaded',
    input: {
      xr: cacheXr(hfSpec(HF_SECRET), statusOf(entry('us-east-1', 'Ready', 'x', HF_T.id))),
      clusters: [cluster('us-east-1')],
      secrets: [],
      observed: { [KEY.pvc('us-east-1')]: seenPvc('us-east-1') },
    },
    want: {
      resources: { [KEY.pvc('us-east-1')]: { resource: pvcObject('us-east-1'), ready: 'True' } },
      status: statusOf(entry('us-east-1', 'Ready', `${HF_T.id} is staged`)),
      conditions: [matched(1), cond(CONDITION.artifactReady, 'True', REASON.ready, 'staged on 1 of 1 cluster')],
      results: [],
      requirements: { ...clustersReq(), ...secretReq('hf-token') },
    },
  },
  {
    name: 'Job failed: Failed with its reason, the Job stays, the token goes, a Warning',
    input: {
      xr: cacheXr(hfSpec(HF_SECRET), statusOf(entry('us-east-1', 'Hydrating', 'x'))),
      clusters: [cluster('us-east-1')],
      secrets: [authSecret()],
      observed: {
        [KEY.pvc('us-east-1')]: seenPvc('us-east-1'),
        [KEY.job('us-east-1', HF_T.digest)]: seenJob('us-east-1', HF_T, jobStatus.failed),
        [KEY.token('us-east-1')]: seenToken('us-east-1', HF_T),
      },
    },
    want: {
      resources: {
        [KEY.pvc('us-east-1')]: { resource: pvcObject('us-east-1'), ready: 'False' },
        [KEY.job('us-east-1', HF_T.digest)]: { resource: jobObject('us-east-1', HF_T), ready: 'False' },
      },
      status: statusOf(entry('us-east-1', 'Failed', `PodFailurePolicy: ${jobStatus.failed.conditions[0].message}`)),
      conditions: [
        matched(1),
        cond(CONDITION.artifactReady, 'False', REASON.failed, `staged on 0 of 1 cluster; failed on us-east-1: PodFailurePolicy: ${jobStatus.failed.conditions[0].message}`),
      ],
      results: [
        { severity: 'Warning', reason: REASON.failed, message: `staged on 0 of 1 cluster; failed on us-east-1: PodFailurePolicy: ${jobStatus.failed.conditions[0].message}` },
      ],
      requirements: { ...clustersReq(), ...secretReq('hf-token') },
    },
  },
];

describe('fn-modelcache compose', () => {
  it.each(cases)('$name', ({ input, want }) => {
    expect(view(compose(request(input)))).toEqual(want);
  });
});
