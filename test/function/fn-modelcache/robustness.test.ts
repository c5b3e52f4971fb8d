// Arbitrary and malformed XRs, required and observed resources: compose never throws, answers
// quickly, never empties a desired state that had something composed, and never lets the token
// out of the Secret it was given in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-modelcache/compose';
import { KEY } from '../../../functions/fn-modelcache/names';
import { authSecret, cacheXr, cluster, hfSpec, ngcSpec, observedObject, request, TOKEN_VALUE, view, type Obj } from '../../fixtures/fn-modelcache';
import { jobObject, pvcObject } from '../../fixtures/fn-modelcache/expected';
import { huggingFaceArtifact } from '../../../functions/fn-modelcache/sources';
import { resourceName } from '../../harness/arbitraries';

const json = fc.jsonValue({ maxDepth: 4 });
const name = fc.constantFrom('a', 'b', 'us-east-1', 'gpu.example', '');

const spec: fc.Arbitrary<unknown> = fc.oneof(
  json,
  fc.constant(hfSpec()),
  fc.constant(hfSpec({ authSecret: { name: 'hf-token' } })),
  fc.constant(ngcSpec({ authSecret: { name: 'hf-token', key: 'HF_TOKEN' } })),
  fc.record(
    { source: fc.constantFrom('HuggingFace', 'NGC', 'S3'), huggingFace: json, ngc: json, sizeGiB: fc.oneof(fc.integer(), json), clusterSelector: json },
    { requiredKeys: [] },
  ),
);

const clusterObj: fc.Arbitrary<unknown> = fc.oneof(
  json,
  name.map((n) => cluster(n)),
  fc.record({ n: name, pc: fc.option(fc.string()), sc: fc.option(fc.string()) }).map(({ n, pc, sc }) => cluster(n, { providerConfig: pc, storageClass: sc })),
  fc.record({ kind: fc.constant('InferenceCluster'), metadata: fc.record({ name: json, labels: json }), status: json }),
);

const HF = huggingFaceArtifact({ repo: 'Qwen/Qwen3-8B', revision: 'main' });
const observedObj: fc.Arbitrary<Obj> = fc.oneof(
  fc.dictionary(fc.string(), json) as fc.Arbitrary<Obj>,
  fc.constant(observedObject(pvcObject('a'))),
  fc.record({ status: json }).map(({ status }) => ({ ...observedObject(jobObject('a', HF)), status })),
);
const observedKey = fc.oneof(
  resourceName(),
  name.map((n) => KEY.pvc(n)),
  name.map((n) => KEY.job(n, HF.digest)),
  name.map((n) => KEY.token(n)),
);

const scenario = fc.record({
  spec,
  xrStatus: fc.oneof(json, fc.record({ clusters: fc.array(fc.record({ name, phase: fc.constantFrom('Ready', 'Failed', 'x'), artifact: fc.constantFrom(HF.id, 'y') })) })),
  clusters: fc.option(fc.array(clusterObj, { maxLength: 6 }), { nil: undefined }),
  secrets: fc.option(fc.array(fc.oneof(fc.constant(authSecret()), fc.constant(authSecret('hf-token', { other: 'x' })), json), { maxLength: 2 }), { nil: undefined }),
  observed: fc.dictionary(observedKey, observedObj, { maxKeys: 6 }),
});

describe('fn-modelcache robustness', () => {
  // How fast it answers is a benchmark (bench/response.bench.ts), not a timed test.
  it('never throws, keeps something when something was composed, never leaks the token', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const req = request({
          xr: cacheXr(s.spec as Obj, s.xrStatus as Obj),
          clusters: s.clusters as Obj[] | undefined,
          secrets: s.secrets as Obj[] | undefined,
          observed: s.observed,
        });
        const rsp = compose(req);
        const v = view(rsp);
        expect(v.results.filter((r) => r.severity === 'Fatal')).toEqual([]);
        if (Object.keys(s.observed).length > 0) expect(Object.keys(v.resources).length).toBeGreaterThan(0);
        const text = JSON.stringify(rsp);
        expect(text).not.toContain(TOKEN_VALUE);
        expect(text).not.toContain(Buffer.from(TOKEN_VALUE, 'base64').toString());
      }),
      { numRuns: 300 },
    );
  });
});
