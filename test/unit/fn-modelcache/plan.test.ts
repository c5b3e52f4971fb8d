// What is composed for one cluster, by phase and by what blocks hydration.
import { describe, expect, it } from 'vitest';
import { keepObserved } from '../../../functions/lib/response';
import type { MatchedCluster } from '../../../functions/fn-modelcache/inputs';
import { KEY } from '../../../functions/fn-modelcache/names';
import type { ClusterStatus } from '../../../functions/fn-modelcache/phases';
import { hydrationBlocker, planCluster, type ObservedForCluster } from '../../../functions/fn-modelcache/plan';
import { huggingFaceArtifact } from '../../../functions/fn-modelcache/sources';

const cache = { namespace: 'ml-team', name: 'qwen' };
const withToken = huggingFaceArtifact({ repo: 'a/b', revision: 'main', authSecret: { name: 'hf', key: 'HF_TOKEN' } });
const noToken = huggingFaceArtifact({ repo: 'a/b', revision: 'main' });
const OLD = 'deadbeef';
const ready: MatchedCluster = { name: 'c1', providerConfigName: 'c1-pc', storageClassName: 'rwx' };
const status = (phase: ClusterStatus['phase']): ClusterStatus => ({ name: 'c1', phase, message: '', artifact: withToken.id });

/** Observed Objects marked so a test can tell a kept one from a freshly built one. */
const seen = (kind: string) => ({
  apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
  kind: 'Object',
  metadata: { name: `observed-${kind}`, uid: 'u' },
  spec: { forProvider: { manifest: {} } },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
});
const everything: ObservedForCluster = {
  pvc: seen('pvc'),
  jobs: { [KEY.job('c1', withToken.digest)]: seen('job'), [KEY.job('c1', OLD)]: seen('old-job') },
  token: seen('token'),
};
const nothing: ObservedForCluster = { jobs: {} };

type Shape = Record<string, 'built' | 'kept'>;
const shape = (out: Record<string, { resource: Record<string, any> }>): Shape =>
  Object.fromEntries(Object.entries(out).map(([k, r]) => [k, String(r.resource.metadata?.name).startsWith('observed-') ? 'kept' : 'built']));

const PVC = KEY.pvc('c1');
const JOB = KEY.job('c1', withToken.digest);
const OLD_JOB = KEY.job('c1', OLD);
const TOKEN = KEY.token('c1');

describe('planCluster', () => {
  it.each([
    {
      name: 'Pending, nothing observed: volume, Job, token',
      phase: 'Pending',
      cluster: ready,
      auth: 'present',
      observed: nothing,
      artifact: withToken,
      want: { [PVC]: 'built', [JOB]: 'built', [TOKEN]: 'built' },
    },
    {
      name: 'Pending without a token: no Secret',
      phase: 'Pending',
      cluster: ready,
      auth: 'none',
      observed: nothing,
      artifact: noToken,
      want: { [PVC]: 'built', [KEY.job('c1', noToken.digest)]: 'built' },
    },
    {
      name: "Hydrating: rebuilt, the earlier artifact's Job dropped",
      phase: 'Hydrating',
      cluster: ready,
      auth: 'present',
      observed: everything,
      artifact: withToken,
      want: { [PVC]: 'built', [JOB]: 'built', [TOKEN]: 'built' },
    },
    { name: 'Ready: only the volume', phase: 'Ready', cluster: ready, auth: 'present', observed: everything, artifact: withToken, want: { [PVC]: 'built' } },
    {
      name: 'Failed: the Job stays, the token goes',
      phase: 'Failed',
      cluster: ready,
      auth: 'present',
      observed: everything,
      artifact: withToken,
      want: { [PVC]: 'built', [JOB]: 'built' },
    },
    {
      name: 'Secret missing, nothing observed: only the volume',
      phase: 'Pending',
      cluster: ready,
      auth: 'missing',
      observed: nothing,
      artifact: withToken,
      want: { [PVC]: 'built' },
    },
    {
      name: 'Secret missing: observed hydration kept as is',
      phase: 'Hydrating',
      cluster: ready,
      auth: 'missing',
      observed: everything,
      artifact: withToken,
      want: { [PVC]: 'built', [JOB]: 'kept', [OLD_JOB]: 'kept', [TOKEN]: 'kept' },
    },
    {
      name: 'Secret unresolved: observed hydration kept as is',
      phase: 'Hydrating',
      cluster: ready,
      auth: 'unresolved',
      observed: everything,
      artifact: withToken,
      want: { [PVC]: 'built', [JOB]: 'kept', [OLD_JOB]: 'kept', [TOKEN]: 'kept' },
    },
    {
      name: 'no provider config, nothing observed: nothing',
      phase: 'Pending',
      cluster: { name: 'c1', storageClassName: 'rwx' },
      auth: 'present',
      observed: nothing,
      artifact: withToken,
      want: {},
    },
    {
      name: 'no RWX storage, nothing observed: nothing',
      phase: 'Pending',
      cluster: { name: 'c1', providerConfigName: 'pc' },
      auth: 'present',
      observed: nothing,
      artifact: withToken,
      want: {},
    },
    {
      name: 'provider config flickered away: everything kept (latched)',
      phase: 'Hydrating',
      cluster: { name: 'c1' },
      auth: 'present',
      observed: everything,
      artifact: withToken,
      want: { [PVC]: 'kept', [JOB]: 'kept', [OLD_JOB]: 'kept', [TOKEN]: 'kept' },
    },
    {
      name: 'provider config gone while Ready: the volume kept',
      phase: 'Ready',
      cluster: { name: 'c1' },
      auth: 'present',
      observed: everything,
      artifact: withToken,
      want: { [PVC]: 'kept' },
    },
  ] as const)('$name', ({ phase, cluster, auth, observed, artifact, want }) => {
    const out = planCluster({ cache, sizeGiB: 10, artifact, cluster, status: status(phase), observed, auth: auth });
    expect(shape(out)).toEqual(want);
  });

  it('the volume is ready exactly when the cluster is Ready; hydration Objects never are', () => {
    const readiness = (phase: ClusterStatus['phase']) =>
      Object.fromEntries(
        Object.entries(planCluster({ cache, sizeGiB: 1, artifact: withToken, cluster: ready, status: status(phase), observed: nothing, auth: 'present' })).map(([k, r]) => [
          k,
          r.ready,
        ]),
      );
    expect(readiness('Ready')).toEqual({ [PVC]: true });
    expect(readiness('Hydrating')).toEqual({ [PVC]: false, [JOB]: false, [TOKEN]: false });
  });

  it('a kept Object is the observed one minus server fields', () => {
    const out = planCluster({ cache, sizeGiB: 1, artifact: withToken, cluster: { name: 'c1' }, status: status('Ready'), observed: everything, auth: 'present' });
    expect(out[PVC]!.resource).toEqual(keepObserved(everything.pvc!));
  });
});

describe('hydrationBlocker', () => {
  it.each([
    { name: 'ready to go', cluster: ready, auth: 'present', want: undefined },
    { name: 'no provider config', cluster: { name: 'c1' }, auth: 'present', want: 'waiting for InferenceCluster c1 to publish status.providerConfigRef' },
    {
      name: 'no storage',
      cluster: { name: 'c1', providerConfigName: 'pc' },
      auth: 'present',
      want: 'InferenceCluster c1 has no ReadWriteMany storage (status.cache.storageClassName)',
    },
    { name: 'Secret resolving', cluster: ready, auth: 'unresolved', want: 'resolving Secret hf (spec.huggingFace.authSecret.name)' },
    { name: 'Secret missing', cluster: ready, auth: 'missing', want: 'Secret hf (spec.huggingFace.authSecret.name) does not exist' },
    { name: 'Secret without the key', cluster: ready, auth: 'missingKey', want: 'Secret hf has no key HF_TOKEN (spec.huggingFace.authSecret.key)' },
  ] as const)('$name', ({ cluster, auth, want }) => {
    expect(hydrationBlocker(cluster, withToken, auth)).toBe(want);
  });
});
