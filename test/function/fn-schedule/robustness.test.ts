// Arbitrary and malformed input never makes fn-schedule throw, and never loses what it observes as
// composed when it cannot decide (unresolved or empty fleet, bad spec, bad selector).
import fc from 'fast-check';
import { Severity } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-schedule/compose';
import { clusterObj, deploymentXr, observedReplicas, replicaObj, request } from '../../fixtures/fn-schedule';

const json = fc.jsonValue({ maxDepth: 4 });
const junkObject = fc.dictionary(fc.constantFrom('metadata', 'spec', 'status', 'kind', 'apiVersion', 'x'), json, { maxKeys: 5 });
const observed = observedReplicas(replicaObj('cluster-a'), replicaObj('cluster-b', { index: 2 }));
const observedKeys = Object.keys(observed).sort();

/** Objects shaped roughly like clusters / replicas, with any field replaced by junk. */
const clusterish = fc
  .record({
    name: fc.oneof(fc.constantFrom('cluster-a', 'cluster-b', ''), json),
    pools: fc.oneof(
      json,
      fc.array(
        fc.record({ name: fc.oneof(fc.string(), json), nodes: fc.oneof(fc.integer({ min: -5, max: 5 }), json), devices: fc.oneof(json, fc.array(junkObject, { maxLength: 3 })) }),
        { maxLength: 3 },
      ),
    ),
    ready: json,
    taints: json,
  })
  .map((c) => ({ ...clusterObj('x'), metadata: { name: c.name, labels: c.ready }, spec: { taints: c.taints }, status: { gpuPools: c.pools, conditions: c.ready } }));
const replicaish = fc.record({ cluster: fc.oneof(fc.constantFrom('cluster-a', 'cluster-b'), json), engines: json, labels: json }).map((r) => ({
  ...replicaObj('cluster-a'),
  metadata: { name: 'r', namespace: 'ml', labels: r.labels },
  spec: { clusterName: r.cluster, engines: r.engines },
}));

const noThrow = (f: () => unknown) => {
  expect(f).not.toThrow();
};

describe('fn-schedule robustness', () => {
  it('survives arbitrary composites', () => {
    fc.assert(
      fc.property(junkObject, fc.option(fc.array(junkObject, { maxLength: 3 })), (xr, clusters) => {
        noThrow(() => compose(request(xr, { clusters: clusters ?? undefined, replicas: [], observed })));
      }),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary fleet objects and keeps composed replicas unless it scheduled', () => {
    fc.assert(
      fc.property(fc.array(clusterish, { maxLength: 4 }), fc.array(fc.oneof(replicaish, junkObject), { maxLength: 4 }), (clusters, replicas) => {
        const rsp = compose(request(deploymentXr({ replicas: 2 }), { clusters: clusters, replicas: replicas, observed }));
        expect(rsp.results?.some((r) => r.severity === Severity.SEVERITY_FATAL)).toBe(false);
        const scheduled = rsp.conditions?.find((c) => c.type === 'ReplicasScheduled');
        if (scheduled?.reason === 'NoClusters') expect(Object.keys(rsp.desired?.resources ?? {}).sort()).toEqual(observedKeys);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every composed resource on a malformed spec', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('replicas', 'engines', 'clusterSelector', 'tolerations', 'serving', 'modelCacheRef'), json, { minKeys: 1 }), (spec) => {
        const rsp = compose(request(deploymentXr(spec), { clusters: [clusterObj('cluster-a')], replicas: [], observed }));
        const scheduled = rsp.conditions?.find((c) => c.type === 'ReplicasScheduled');
        if (scheduled?.reason === 'InvalidSpec' || scheduled?.reason === 'InvalidNodeSelector') {
          expect(Object.keys(rsp.desired?.resources ?? {}).sort()).toEqual(observedKeys);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    { name: 'clusters unresolved', opts: { replicas: [] } },
    { name: 'replicas unresolved', opts: { clusters: [clusterObj('cluster-a')] } },
    { name: 'clusters resolved to none', opts: { clusters: null, replicas: [] } },
    {
      name: 'random selector garbage',
      opts: { clusters: [clusterObj('cluster-a')], replicas: [] },
      spec: {
        engines: [
          {
            name: 'e',
            members: [{ nodeSelector: { devices: [{ name: 'g', selectors: [{ cel: ')'.repeat(5000) }] }] }, template: { spec: { containers: [{ name: 'engine', image: 'x' }] } } }],
          },
        ],
      },
    },
  ])('never returns an empty desired state when $name', ({ opts, spec }) => {
    const rsp = compose(request(deploymentXr(spec ?? {}), { ...opts, observed }));
    expect(Object.keys(rsp.desired?.resources ?? {}).sort()).toEqual(observedKeys);
  });

  it('answers a composite without a name with a fatal result (a broken request), not a throw', () => {
    const rsp = compose(request({ apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelDeployment', metadata: {} }, { observed }));
    expect(rsp.results?.map((r) => r.severity)).toEqual([Severity.SEVERITY_FATAL]);
  });
});
