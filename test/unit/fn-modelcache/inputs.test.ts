// Required resources read three-way; only Secret key names are ever looked at.
import { describe, expect, it } from 'vitest';
import { readAuthSecret, readClusters, requirements } from '../../../functions/fn-modelcache/inputs';

const ic = (name: string, labels: Record<string, string>, status?: Record<string, unknown>) => ({
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'InferenceCluster',
  metadata: { name, labels },
  ...(status ? { status } : {}),
});
const ref = { name: 'hf', key: 'HF_TOKEN', field: 'spec.huggingFace.authSecret', envName: 'HF_TOKEN' };

describe('requirements', () => {
  it.each([
    {
      name: 'no selector, no Secret',
      labels: {} as Record<string, string>,
      secret: undefined,
      want: { 'inference-clusters': { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchLabels: {} } },
    },
    {
      name: 'selector and Secret',
      labels: { 'modelplane.ai/region': 'us-east' } as Record<string, string>,
      secret: ref,
      want: {
        'inference-clusters': { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchLabels: { 'modelplane.ai/region': 'us-east' } },
        'auth-secret': { apiVersion: 'v1', kind: 'Secret', matchName: 'hf', namespace: 'ml-team' },
      },
    },
  ])('$name', ({ labels, secret, want }) => {
    expect(requirements('ml-team', labels, secret)).toEqual(want);
  });
});

describe('readClusters', () => {
  it.each([
    { name: 'unresolved stays unresolved', required: { state: 'unresolved' as const }, labels: {} as Record<string, string>, want: { state: 'unresolved' } },
    { name: 'resolved to none', required: { state: 'resolved' as const, items: [] }, labels: {} as Record<string, string>, want: { state: 'resolved', clusters: [] } },
    {
      name: 'sorted, status read, labels re-checked, junk skipped',
      required: {
        state: 'resolved' as const,
        items: [
          ic('b', { r: 'x' }, { providerConfigRef: { name: 'b-pc' }, cache: { storageClassName: 'cephfs' } }),
          ic('a', { r: 'x' }, { providerConfigRef: { name: '' } }),
          ic('c', { r: 'y' }, {}),
          { kind: 'InferenceCluster', metadata: {} },
          { kind: 'Secret', metadata: { name: 's' } },
        ],
      },
      labels: { r: 'x' } as Record<string, string>,
      want: { state: 'resolved', clusters: [{ name: 'a' }, { name: 'b', providerConfigName: 'b-pc', storageClassName: 'cephfs' }] },
    },
  ])('$name', ({ required, labels, want }) => {
    expect(readClusters(required, labels)).toEqual(want);
  });
});

describe('readAuthSecret', () => {
  const secret = (data: unknown) => ({ kind: 'Secret', metadata: { name: 'hf' }, data });
  it.each([
    { name: 'no Secret named', ref: undefined, required: undefined, want: 'none' },
    { name: 'not resolved yet', ref, required: { state: 'unresolved' as const }, want: 'unresolved' },
    { name: 'absent', ref, required: { state: 'resolved' as const, items: [] }, want: 'missing' },
    { name: 'present with the key', ref, required: { state: 'resolved' as const, items: [secret({ HF_TOKEN: 'eA==' })] }, want: 'present' },
    { name: 'present without the key', ref, required: { state: 'resolved' as const, items: [secret({ OTHER: 'eA==' })] }, want: 'missingKey' },
    { name: 'present with no data', ref, required: { state: 'resolved' as const, items: [secret(undefined)] }, want: 'missingKey' },
    { name: 'an inherited property is not a key', ref: { ...ref, key: 'toString' }, required: { state: 'resolved' as const, items: [secret({})] }, want: 'missingKey' },
  ])('$name', ({ ref: r, required, want }) => {
    expect(readAuthSecret(required, r)).toBe(want);
  });
});
