// The render harness itself: the real crossplane CLI calls our running bundles.
import { describe, expect, it } from 'vitest';
import { renderSuite } from '../harness/render-suite';

const compositionFor = (apiVersion: string, kind: string) => ({
  apiVersion: 'apiextensions.crossplane.io/v1',
  kind: 'Composition',
  metadata: { name: 'probe' },
  spec: {
    compositeTypeRef: { apiVersion, kind },
    mode: 'Pipeline',
    pipeline: [{ step: 'fn', functionRef: { name: 'modelplane-fn-service' } }],
  },
});

describe('crossplane render harness', () => {
  const { render } = renderSuite('fn-service');

  it('renders an XR through a running bundle and returns its status and results', async () => {
    const out = await render({
      xr: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelService', metadata: { name: 'p', namespace: 'default' }, spec: {} },
      composition: compositionFor('modelplane.ai/v1alpha1', 'ModelService'),
    });
    expect(out.xr).toMatchObject({ kind: 'ModelService', metadata: { name: 'p' } });
    expect(out.resources).toEqual([]);
  });

  it("a miswired Composition fails the render with the function's Fatal result, naming what it got and expects", async () => {
    const rendering = render({
      xr: { apiVersion: 'example.modelplane.ai/v1alpha1', kind: 'Probe', metadata: { name: 'p', namespace: 'default' }, spec: {} },
      composition: compositionFor('example.modelplane.ai/v1alpha1', 'Probe'),
    });
    await expect(rendering).rejects.toThrow(/fatal result: fn-service composes modelplane\.ai\/v1alpha1 .+; got apiVersion "example\.modelplane\.ai\/v1alpha1", kind "Probe"/);
  });
});
