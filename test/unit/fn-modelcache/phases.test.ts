// Per-cluster phase from observed Objects and the observed XR status.
import { describe, expect, it } from 'vitest';
import { clusterPhase, type ClusterObservation } from '../../../functions/fn-modelcache/phases';

const A = 'huggingface:acme/tiny@main';
const B = 'huggingface:acme/tiny@v2';

/** A provider-kubernetes Object whose remote object has `status`, and the Object's own conditions. */
const object = (remote?: Record<string, unknown>, conditions: Record<string, unknown>[] = []) => ({
  apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
  kind: 'Object',
  status: { ...(remote ? { atProvider: { manifest: { kind: 'Job', metadata: { name: 'hydrate-x' }, ...remote } } } : {}), conditions },
});
const jobCondition = (type: string, extra: Record<string, string> = {}) => ({ status: { conditions: [{ type, status: 'True', ...extra }] } });
const notSynced = (message: string) => [{ type: 'Synced', status: 'False', reason: 'ReconcileError', message }];

const obs = (o: Partial<ClusterObservation>): ClusterObservation => ({ name: 'c1', artifact: A, ...o });

describe('clusterPhase', () => {
  it.each([
    { name: 'nothing observed yet', o: obs({}), want: ['Pending', `waiting for the hydration Job of ${A} to start`] },
    {
      name: 'blocked, nothing observed',
      o: obs({ blocked: 'Secret hf (spec.huggingFace.authSecret.name) does not exist' }),
      want: ['Pending', 'Secret hf (spec.huggingFace.authSecret.name) does not exist'],
    },
    { name: 'Job Object created, not applied on the cluster yet', o: obs({ jobObject: object() }), want: ['Pending', `waiting for the hydration Job of ${A} to start`] },
    {
      name: 'the Job cannot be applied',
      o: obs({ jobObject: object(undefined, notSynced('namespaces "modelplane-serving" not found')) }),
      want: ['Pending', 'cannot apply the hydration Job: namespaces "modelplane-serving" not found'],
    },
    {
      name: 'the volume cannot be applied',
      o: obs({ pvcObject: object(undefined, notSynced('storageclass "rwx" not found')), jobObject: object() }),
      want: ['Pending', 'cannot apply the volume: storageclass "rwx" not found'],
    },
    { name: 'Job running', o: obs({ jobObject: object({ status: { active: 1 } }) }), want: ['Hydrating', `Job hydrate-x is downloading ${A}`] },
    {
      name: 'Job retrying after failures',
      o: obs({ jobObject: object({ status: { active: 1, failed: 2 } }) }),
      want: ['Hydrating', `Job hydrate-x is downloading ${A} (2 failed attempts so far)`],
    },
    { name: 'Job complete', o: obs({ jobObject: object(jobCondition('Complete')) }), want: ['Ready', `${A} is staged`] },
    {
      name: 'Job failed: its reason and message',
      o: obs({ jobObject: object(jobCondition('Failed', { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' })) }),
      want: ['Failed', 'BackoffLimitExceeded: Job has reached the specified backoff limit'],
    },
    {
      name: 'Job about to fail (FailureTarget)',
      o: obs({ jobObject: object(jobCondition('FailureTarget', { reason: 'PodFailurePolicy' })) }),
      want: ['Failed', 'PodFailurePolicy'],
    },
    { name: 'Ready is latched from status for the same artifact', o: obs({ previous: { phase: 'Ready', artifact: A } }), want: ['Ready', `${A} is staged`] },
    { name: 'latched Ready wins over a blocker', o: obs({ previous: { phase: 'Ready', artifact: A }, blocked: 'no provider config' }), want: ['Ready', `${A} is staged`] },
    {
      name: 'Ready for another artifact is not latched',
      o: obs({ previous: { phase: 'Ready', artifact: B } }),
      want: ['Pending', `waiting for the hydration Job of ${A} to start`],
    },
    {
      name: 'Ready without an artifact (older status) is not latched',
      o: obs({ previous: { phase: 'Ready' } }),
      want: ['Pending', `waiting for the hydration Job of ${A} to start`],
    },
    {
      name: 'previously Failed, Job recreated and running',
      o: obs({ previous: { phase: 'Failed', artifact: A }, jobObject: object({ status: { active: 1 } }) }),
      want: ['Hydrating', `Job hydrate-x is downloading ${A}`],
    },
  ])('$name', ({ o, want }) => {
    expect(clusterPhase(o)).toEqual({ name: 'c1', phase: want[0], message: want[1], artifact: A });
  });

  it('clips long messages', () => {
    const got = clusterPhase(obs({ jobObject: object(jobCondition('Failed', { message: 'x'.repeat(1000) })) }));
    expect(got.message).toHaveLength(240);
    expect(got.message.endsWith('...')).toBe(true);
  });
});
