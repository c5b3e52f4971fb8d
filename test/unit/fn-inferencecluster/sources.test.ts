// The cluster-source registry: one list (functions/lib/schema/clouds) drives the API's enums,
// blocks and "one block" rules, and every source has exactly one builder.
import { describe, expect, it } from 'vitest';
import { SOURCE_BUILDERS } from '../../../functions/fn-inferencecluster/provision';
import { CLOUDS, CLUSTER_SOURCES, PROVIDERS, blockRules, orList, parseInferenceClassSpec, parseInferenceClusterSpec, SOURCES } from '../../../functions/lib/schema';

describe('cluster sources', () => {
  it('every source is Existing or a registered cloud, and every cloud provisions pools', () => {
    expect(CLUSTER_SOURCES).toEqual(['Existing', ...CLOUDS.map((c) => c.source)]);
    expect(PROVIDERS).toEqual(CLOUDS.map((c) => c.source));
    expect(Object.keys(SOURCE_BUILDERS).sort()).toEqual([...CLUSTER_SOURCES].sort());
  });

  it('generates one "needs its block" rule per entry and one "at most one block" rule', () => {
    const rules = blockRules('source', 'block', [
      { value: 'A', field: 'a' },
      { value: 'B', field: 'b' },
    ]);
    expect(rules.map((r) => [r.rule, r.message, r.fieldPath])).toEqual([
      ["self.source != 'A' || has(self.a)", 'source A needs a', '.a'],
      ["self.source != 'B' || has(self.b)", 'source B needs b', '.b'],
      ['(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) <= 1', 'set only the block of the chosen source', undefined],
    ]);
    expect(rules.map((r) => r.check({ source: 'A', a: {}, b: {} }))).toEqual([true, true, []]);
    expect(rules.map((r) => r.check({ source: 'B' }))).toEqual([true, ['b'], true]);
  });

  it.each(SOURCES.map((s) => ({ source: s.source, field: s.field })))('$source needs spec.cluster.$field', ({ source, field }) => {
    const pools = [{ name: 'p', className: 'c' }];
    const missing = parseInferenceClusterSpec({ cluster: { source }, nodePools: pools });
    expect(missing.ok ? [] : missing.issues).toEqual([{ path: `spec.cluster.${field}`, message: `source ${source} needs ${field}` }]);
  });

  it.each(CLOUDS.map((c) => ({ provider: c.source, field: c.field })))('provider $provider needs spec.provisioning.$field', ({ provider, field }) => {
    const parsed = parseInferenceClassSpec({ devices: [{ name: 'g', driver: 'gpu.nvidia.com', deviceClassName: 'gpu.nvidia.com' }], provisioning: { provider } });
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ path: `spec.provisioning.${field}`, message: `provider ${provider} needs ${field}` }]);
  });

  it.each([
    { values: [], want: '' },
    { values: ['A'], want: 'A' },
    { values: ['A', 'B'], want: 'A or B' },
    { values: ['Existing', 'GKE', 'EKS', 'AKS'], want: 'Existing, GKE, EKS or AKS' },
  ])('orList($values)', ({ values, want }) => {
    expect(orList(values)).toBe(want);
  });
});
