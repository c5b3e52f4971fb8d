// The render harness itself: the real crossplane CLI calls our running bundles.
import { describe, expect, it } from 'vitest';
import { renderSuite } from '../harness/render-suite';

const composition = {
  apiVersion: 'apiextensions.crossplane.io/v1',
  kind: 'Composition',
  metadata: { name: 'probe' },
  spec: {
    compositeTypeRef: { apiVersion: 'example.modelplane.ai/v1alpha1', kind: 'Probe' },
    mode: 'Pipeline',
    pipeline: [{ step: 'fn', functionRef: { name: 'modelplane-fn-service' } }],
  },
};

describe('crossplane render harness', () => {
  const { render } = renderSuite('fn-service');

  it('renders an XR through a running bundle and returns its status and results', async () => {
    const out = await render({
      xr: { apiVersion: 'example.modelplane.ai/v1alpha1', kind: 'Probe', metadata: { name: 'p', namespace: 'default' }, spec: {} },
      composition,
    });
    expect(out.xr).toMatchObject({ kind: 'Probe', metadata: { name: 'p' } });
    expect(out.resources).toEqual([]);
  });
});
