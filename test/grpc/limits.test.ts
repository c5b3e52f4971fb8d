// Message size: a request over --max-message-size is refused with RESOURCE_EXHAUSTED and a message
// that says why, instead of being half-processed; one under it is served. Nesting: every bundle
// serves requests as deep as Crossplane sends them (observed Objects carry whole manifests).
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionClient, requestFromJson } from '../../sim/client';
import { FUNCTIONS } from '../../sim/paths';
import { startFunction, type RunningFunction } from '../../sim/process';

const LIMIT = 64 * 1024;
const requestOfSize = (bytes: number) =>
  requestFromJson({
    meta: { tag: 'size' },
    observed: {
      composite: { resource: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelService', metadata: { name: 's', namespace: 'ns' }, spec: { padding: 'x'.repeat(bytes) } } },
    },
  });

describe('--max-message-size', () => {
  let fn: RunningFunction;
  beforeAll(async () => {
    fn = await startFunction('fn-service', { extraArgs: ['--max-message-size', String(LIMIT)] });
  });
  afterAll(async () => {
    await fn?.stop();
  });

  it.each([
    { name: 'under the limit is served', bytes: LIMIT / 2, ok: true },
    { name: 'over the limit is refused', bytes: LIMIT * 2, ok: false },
  ])('$name', async ({ bytes, ok }) => {
    const client = functionClient(fn.address);
    const call = client.run(requestOfSize(bytes));
    if (ok) expect((await call).meta?.tag).toBe('size');
    else await expect(call).rejects.toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, details: expect.stringMatching(/larger than max/) });
    client.close();
  });
});

/** An observed provider-kubernetes Object whose status echoes a manifest `levels` JSON levels deep. */
function deepObservedObject(levels: number): Record<string, unknown> {
  let manifest: Record<string, unknown> = { leaf: 'x' };
  for (let i = 4; i < levels; i++) manifest = { nested: manifest };
  return { apiVersion: 'kubernetes.m.crossplane.io/v1alpha1', kind: 'Object', metadata: { name: 'deep' }, status: { atProvider: { manifest } } };
}

describe.each(FUNCTIONS)('%s: a request nested 120 JSON levels deep', (name) => {
  let fn: RunningFunction;
  beforeAll(async () => {
    fn = await startFunction(name);
  });
  afterAll(async () => {
    await fn?.stop();
  });

  it('is served, not refused by the decoder', async () => {
    const client = functionClient(fn.address);
    const rsp = await client.run(
      requestFromJson({
        meta: { tag: 'deep' },
        observed: {
          composite: { resource: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'Probe', metadata: { name: 'probe' }, spec: {} } },
          resources: { deep: { resource: deepObservedObject(120) } },
        },
      }),
    );
    client.close();
    expect(rsp.meta?.tag).toBe('deep');
  });
});
