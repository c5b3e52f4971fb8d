// lib/delivery: the one way every function delivers a manifest to a cluster.
import { evaluate } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import {
  composedReady,
  crdInstaller,
  desiredManifest,
  gatewayApiInstallUrl,
  helmRelease,
  KUBECTL_IMAGE,
  observedManifest,
  providerObject,
  READINESS,
  readError,
  remoteConditionTrue,
  remoteGatewayAddress,
} from '../../../functions/lib/delivery';

const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' } };

describe('providerObject', () => {
  it('wraps a manifest for one cluster, with every optional part', () => {
    const obj = providerObject({
      name: 'o',
      namespace: 'ml-team',
      labels: { a: 'b' },
      providerConfig: 'us-east',
      manifest,
      readiness: READINESS.available,
      patchesFrom: [{ apiVersion: 'v1', kind: 'Secret', name: 's', namespace: 'ml-team', fieldPath: 'data[k]', toFieldPath: 'data.K' }],
    });
    expect(obj).toEqual({
      apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
      kind: 'Object',
      metadata: { name: 'o', namespace: 'ml-team', labels: { a: 'b' } },
      spec: {
        references: [{ patchesFrom: { apiVersion: 'v1', kind: 'Secret', name: 's', namespace: 'ml-team', fieldPath: 'data[k]' }, toFieldPath: 'data.K' }],
        forProvider: { manifest },
        readiness: READINESS.available,
        providerConfigRef: { name: 'us-east', kind: 'ClusterProviderConfig' },
      },
    });
  });

  it('leaves out what is not given (provider defaults apply), never writing undefined', () => {
    const obj = providerObject({ name: 'o', namespace: 'ns', providerConfig: 'pc', manifest, patchesFrom: [] });
    expect(obj).toEqual({
      apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
      kind: 'Object',
      metadata: { name: 'o', namespace: 'ns' },
      spec: { forProvider: { manifest }, providerConfigRef: { name: 'pc', kind: 'ClusterProviderConfig' } },
    });
    expect(JSON.stringify(obj)).not.toContain('undefined');
    expect(Object.keys(obj.spec)).toEqual(['forProvider', 'providerConfigRef']);
  });
});

describe('helmRelease', () => {
  const base = { name: 'r', namespace: 'crossplane-system', providerConfig: 'pc', chart: { repository: 'oci://x', name: 'c', version: '1.0.0' }, targetNamespace: 'c-system' };
  it.each([
    { name: 'no values: none sent', values: undefined, want: undefined },
    { name: 'empty values are sent as given', values: {}, want: {} },
    { name: 'values are sent', values: { a: 1 }, want: { a: 1 } },
  ])('$name', ({ values, want }) => {
    const r = helmRelease({ ...base, values });
    expect(r.spec.forProvider).toEqual({ chart: base.chart, namespace: 'c-system', wait: true, waitTimeout: '10m', ...(want ? { values: want } : {}) });
    expect(r.spec.providerConfigRef).toEqual({ name: 'pc', kind: 'ClusterProviderConfig' });
    expect(r.apiVersion).toBe('helm.m.crossplane.io/v1beta1');
  });
});

describe('crdInstaller', () => {
  const urls = [gatewayApiInstallUrl('v1.5.1')];
  const installer = crdInstaller({ name: 'inst', namespace: 'sys', urls });
  const pod = installer.job.spec!.template.spec!;
  const container = pod.containers[0]!;

  it('runs hardened: non-root, read-only root, no capabilities, own field manager, long backoff', () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.image).toBe(KUBECTL_IMAGE);
    expect(container.args).toEqual([
      'apply',
      '--server-side',
      '--force-conflicts',
      '--field-manager=modelplane',
      '-f',
      'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml',
    ]);
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(installer.job.spec!.backoffLimit).toBe(10);
    expect(pod.serviceAccountName).toBe('inst');
  });

  it('is named after its content unless a name is given: a changed Job is a new Job', () => {
    const other = crdInstaller({ name: 'inst', namespace: 'sys', urls: [gatewayApiInstallUrl('v1.6.0')] });
    expect(installer.job.metadata!.name).toMatch(/^inst-[0-9a-f]{8}$/);
    expect(other.job.metadata!.name).not.toBe(installer.job.metadata!.name);
    expect(crdInstaller({ name: 'inst', namespace: 'sys', urls }).job.metadata!.name).toBe(installer.job.metadata!.name);
    expect(crdInstaller({ name: 'inst', namespace: 'sys', urls, jobName: 'fixed' }).job.metadata!.name).toBe('fixed');
  });

  it('labels all four objects when asked, and none otherwise', () => {
    const labelled = crdInstaller({ name: 'inst', namespace: 'sys', urls, labels: { l: 'v' } });
    for (const o of [labelled.serviceAccount, labelled.clusterRole, labelled.binding, labelled.job]) expect((o.metadata as { labels?: unknown }).labels).toEqual({ l: 'v' });
    expect(labelled.job.spec!.template.metadata).toEqual({ labels: { l: 'v' } });
    for (const o of [installer.serviceAccount, installer.clusterRole, installer.binding, installer.job]) expect(o.metadata).not.toHaveProperty('labels');
    expect(installer.job.spec!.template).not.toHaveProperty('metadata');
  });
});

describe('readiness, declared', () => {
  const query = (r: { policy: string; celQuery?: string }) => r.celQuery!;
  it.each([
    { name: 'available: Available=True', readiness: READINESS.available, object: { status: { conditions: [{ type: 'Available', status: 'True' }] } }, want: true },
    { name: 'available: Available=False', readiness: READINESS.available, object: { status: { conditions: [{ type: 'Available', status: 'False' }] } }, want: false },
    { name: 'available: no status yet', readiness: READINESS.available, object: {}, want: false },
    { name: 'jobSucceeded: one succeeded pod', readiness: READINESS.jobSucceeded, object: { status: { succeeded: 1 } }, want: true },
    { name: 'jobSucceeded: still running', readiness: READINESS.jobSucceeded, object: { status: { active: 1 } }, want: false },
    { name: 'addressed: an address', readiness: READINESS.addressed, object: { status: { addresses: [{ value: '10.0.0.1' }] } }, want: true },
    { name: 'addressed: none yet', readiness: READINESS.addressed, object: { status: { addresses: [] } }, want: false },
  ])('$name', ({ readiness, object, want }) => {
    expect(evaluate(query(readiness), { object })).toBe(want);
  });
});

describe('readiness, observed', () => {
  const observed = (status: unknown) => ({ spec: { forProvider: { manifest } }, status });
  it.each([
    { name: 'not observed', obj: undefined, ready: false, available: false, address: undefined },
    { name: 'Ready=True', obj: observed({ conditions: [{ type: 'Ready', status: 'True' }] }), ready: true, available: false, address: undefined },
    {
      name: 'remote Available and addressed',
      obj: observed({ atProvider: { manifest: { status: { conditions: [{ type: 'Available', status: 'True' }], addresses: [{ value: '10.0.0.1' }] } } } }),
      ready: false,
      available: true,
      address: '10.0.0.1',
    },
    { name: 'an empty address', obj: observed({ atProvider: { manifest: { status: { addresses: [{ value: '' }] } } } }), ready: false, available: false, address: undefined },
    { name: 'any odd shape', obj: observed('nonsense'), ready: false, available: false, address: undefined },
  ])('$name', ({ obj, ready, available, address }) => {
    expect(composedReady(obj)).toBe(ready);
    expect(remoteConditionTrue(obj, 'Available')).toBe(available);
    expect(remoteGatewayAddress(obj)).toBe(address);
  });

  it('reads the desired and the observed manifest of an Object', () => {
    const obj = { spec: { forProvider: { manifest } }, status: { atProvider: { manifest: { ...manifest, status: { x: 1 } } } } };
    expect(desiredManifest(obj)).toEqual(manifest);
    expect(observedManifest(obj)).toEqual({ ...manifest, status: { x: 1 } });
    expect(desiredManifest({})).toBeUndefined();
  });
});

describe('readError: the provider could not read the external object', () => {
  const synced = (status: string, message?: string) => ({ status: { conditions: [{ type: 'Synced', status, reason: 'ReconcileError', ...(message ? { message } : {}) }] } });
  it.each([
    {
      name: 'a failed observe',
      o: synced('False', 'observe failed: cannot get object: dial tcp: connection refused'),
      want: 'observe failed: cannot get object: dial tcp: connection refused',
    },
    { name: 'a failed connect', o: synced('False', 'connect failed: cannot get credentials'), want: 'connect failed: cannot get credentials' },
    { name: 'an observe-only object that does not exist (read fine)', o: synced('False', 'observe failed: external resource does not exist'), want: undefined },
    { name: 'a failed apply', o: synced('False', 'create failed: cannot create object: forbidden'), want: undefined },
    { name: 'Synced=False without a message', o: synced('False'), want: undefined },
    { name: 'Synced=True', o: synced('True', 'observe failed: stale message'), want: undefined },
    { name: 'not observed yet', o: undefined, want: undefined },
  ])('$name', ({ o, want }) => {
    expect(readError(o)).toBe(want);
  });
});
