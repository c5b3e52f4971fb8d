// Property tests: random and malformed replicas, clusters and observed resources never make
// compose throw, and never return an empty desired state when something was observed as composed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose } from '../../../functions/fn-replica/compose';
import { TOPOLOGIES, cluster, observedObject, request, type Json } from '../../fixtures/fn-replica';
import { desiredObjects, responseJson, run } from '../../fixtures/fn-replica/run';
import { resourceName } from '../../harness/arbitraries';

const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;

/** A valid replica with one field somewhere replaced by junk (or removed). */
function mutated(base: Json): fc.Arbitrary<Json> {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    if (path.length > 0) paths.push(path);
    if (typeof v === 'object' && v !== null) for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
  };
  walk(base.spec, []);
  return fc.tuple(fc.constantFrom(...paths), fc.option(json, { nil: undefined })).map(([path, value]) => {
    const copy = structuredClone(base);
    let cur = copy.spec;
    for (const k of path.slice(0, -1)) cur = cur[k];
    if (value === undefined) delete cur[path.at(-1)!];
    else cur[path.at(-1)!] = value;
    return copy;
  });
}

const valid = Object.values(TOPOLOGIES);
const replicas = fc.oneof(
  fc.constantFrom(...valid),
  fc.constantFrom(...valid).chain(mutated),
  json.map((spec) => ({ ...TOPOLOGIES.standalone!, spec })),
);
const clusters = fc.option(
  fc.array(
    fc.oneof(
      fc.constant(cluster()),
      fc.constant(cluster(null)),
      json.map((status) => ({ ...cluster(), status })),
      json.map((spec) => ({ ...cluster(), spec })),
    ),
    { maxLength: 2 },
  ),
  { nil: undefined },
);
const composedBefore = Object.entries(desiredObjects(run({ xr: TOPOLOGIES['gang-cache-command']! })));
const observedSets = fc.oneof(
  fc.constant({}),
  fc
    .subarray(composedBefore, { minLength: 1 })
    .chain((entries) =>
      fc.tuple(
        ...entries.map(([k, o]) =>
          fc
            .oneof(
              fc.constant(observedObject(o)),
              json.map((status) => ({ ...o, status })),
            )
            .map((v) => [k, v] as const),
        ),
      ),
    )
    .map((entries) => Object.fromEntries(entries) as Record<string, Json>),
  fc.dictionary(
    resourceName({ minLength: 1, maxLength: 12 }),
    json.map((v) => ({ apiVersion: 'v1', kind: 'Junk', spec: v })),
  ),
);

describe('fn-replica survives arbitrary input', () => {
  it('never throws and always answers with a serializable response', () => {
    fc.assert(
      fc.property(replicas, clusters, observedSets, (xr, cs, observed) => {
        const rsp = compose(request({ xr, clusters: cs, observed }));
        expect(() => responseJson(rsp)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('never returns an empty desired state when something was observed as composed', () => {
    fc.assert(
      fc.property(replicas, clusters, observedSets, (xr, cs, observed) => {
        fc.pre(Object.keys(observed).length > 0);
        const rsp = compose(request({ xr, clusters: cs, observed }));
        expect(Object.keys(rsp.desired?.resources ?? {}).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every observed Object while it cannot compose (invalid spec or waiting cluster)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid).chain(mutated), observedSets, (xr, observed) => {
        const rsp = compose(request({ xr, clusters: [cluster({})], observed }));
        expect(Object.keys(rsp.desired?.resources ?? {}).sort()).toEqual(Object.keys(observed).sort());
      }),
      { numRuns: 200 },
    );
  });
});
