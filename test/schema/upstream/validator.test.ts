// The upstream-schema validator other tests rely on must itself reject what the CRD rejects.
import { describe, expect, it } from 'vitest';
import { loadCrds } from '../../harness/crds';

const crds = loadCrds();
const object = (spec: Record<string, unknown>) => ({
  apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
  kind: 'Object',
  metadata: { name: 'x', namespace: 'ns' },
  spec,
});

describe('upstream CRD validation', () => {
  it.each([
    {
      name: 'valid Object',
      obj: object({ forProvider: { manifest: { apiVersion: 'v1', kind: 'ConfigMap' } }, providerConfigRef: { name: 'c', kind: 'ProviderConfig' } }),
      valid: true,
    },
    { name: 'unknown spec field', obj: object({ forProvider: { manifest: {} }, bogus: 1 }), valid: false },
    { name: 'missing forProvider', obj: object({}), valid: false },
  ])('$name', ({ obj, valid }) => {
    expect(crds.validate(obj).length === 0).toBe(valid);
  });

  it('knows ClusterUsage', () => {
    expect(crds.has('protection.crossplane.io/v1beta1', 'ClusterUsage')).toBe(true);
  });
});
