// Arbitrary and malformed XRs, required and observed resources: compose never throws, and never
// returns an empty desired state when something was observed as composed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compose } from '../../../functions/fn-inferencecluster/compose';
import { allRequired, CLUSTERS, clusterXr, converge, desired, request, simulateProviders } from '../../fixtures/fn-inferencecluster';
import { resourceName } from '../../harness/arbitraries';

type Obj = Record<string, any>;
const done = simulateProviders(desired(converge(clusterXr('gke-1', CLUSTERS.gke!), allRequired(CLUSTERS.gke!)).at(-1)!));

const specs = fc.oneof(
  fc.anything(),
  fc.constantFrom(...Object.values(CLUSTERS)),
  fc.record({ cluster: fc.anything(), nodePools: fc.array(fc.anything(), { maxLength: 3 }), stack: fc.anything() }, { requiredKeys: [] }),
);
const kinds = fc.constantFrom('InferenceCluster', 'InferenceClass');
const required = fc.dictionary(fc.constantFrom('class-nvidia-l4', 'class-byo-l4', 'kubeconfig-secret', 'pinned-replicas', 'x'), fc.array(fc.anything(), { maxLength: 2 }));
const observedSubset = fc.subarray(Object.keys(done)).map((keys) => Object.fromEntries(keys.map((k) => [k, done[k]!])));
const observedJunk = fc.dictionary(resourceName({ maxLength: 12 }), fc.object({ maxDepth: 2 }), { maxKeys: 3 });

describe('fn-inferencecluster robustness', () => {
  it('never throws and never drops what it observed', () => {
    fc.assert(
      fc.property(kinds, specs, required, observedSubset, observedJunk, fc.anything(), (kind, spec, req, observed, junk, status) => {
        const xr: Obj = { ...clusterXr('gke-1', spec as Obj), kind, status };
        const all = { ...observed, ...junk };
        const rsp = compose(request({ xr, observed: all, required: req as Record<string, Obj[]> }));
        if (kind === 'InferenceCluster') {
          const kept = Object.keys(rsp.desired?.resources ?? {});
          // Only removals on purpose: pools no longer in spec, Dynamo opt-out, the usage guard.
          for (const k of Object.keys(all)) if (!/^nodepool-|^stack-dynamo$|^cluster-usage$/.test(k)) expect(kept).toContain(k);
        }
      }),
      { numRuns: 300 },
    );
  });
});
