// Every function's first check: the observed composite is a kind it composes, with a usable identity.
// The same answer from all five functions, naming what was received and what was expected.
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { Severity } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { compose as inferencecluster } from '../../../functions/fn-inferencecluster/compose';
import { compose as modelcache } from '../../../functions/fn-modelcache/compose';
import { compose as replica } from '../../../functions/fn-replica/compose';
import { compose as schedule } from '../../../functions/fn-schedule/compose';
import { compose as service } from '../../../functions/fn-service/compose';
import { checkComposite } from '../../../functions/lib/request';
import { FUNCTION_NAMES } from '../../../functions/lib/schema';
import { requestFromJson } from '../../../sim/client';

const req = (resource: unknown): RunFunctionRequest => requestFromJson({ observed: { composite: { resource } } });
const xr = (kind: string, metadata: unknown = { name: 'a', namespace: 'ml-team' }, apiVersion: unknown = 'modelplane.ai/v1alpha1') => ({ apiVersion, kind, metadata });

describe('checkComposite', () => {
  it.each([
    { name: 'a kind the function composes', r: xr('ModelService'), fn: FUNCTION_NAMES.service, ok: { kind: 'ModelService', name: 'a', namespace: 'ml-team' } },
    {
      name: 'a cluster-scoped kind needs no namespace',
      r: xr('InferenceGateway', { name: 'default' }),
      fn: FUNCTION_NAMES.service,
      ok: { kind: 'InferenceGateway', name: 'default', namespace: '' },
    },
    {
      name: 'no composite',
      r: undefined,
      fn: FUNCTION_NAMES.schedule,
      message: 'fn-schedule composes modelplane.ai/v1alpha1 ModelDeployment; the request has no observed composite resource',
    },
    {
      name: 'a kind of another function',
      r: xr('ModelService'),
      fn: FUNCTION_NAMES.schedule,
      message: 'fn-schedule composes modelplane.ai/v1alpha1 ModelDeployment; got apiVersion "modelplane.ai/v1alpha1", kind "ModelService" (check the Composition\'s pipeline)',
    },
    {
      name: 'a wrong apiVersion',
      r: xr('ModelCache', undefined, 'modelplane.ai/v1'),
      fn: FUNCTION_NAMES.modelcache,
      message: 'fn-modelcache composes modelplane.ai/v1alpha1 ModelCache; got apiVersion "modelplane.ai/v1", kind "ModelCache" (check the Composition\'s pipeline)',
    },
    {
      name: 'several kinds listed',
      r: xr('Probe'),
      fn: FUNCTION_NAMES.service,
      message: expect.stringContaining('composes modelplane.ai/v1alpha1 ModelEndpoint, ModelService or InferenceGateway; got'),
    },
    {
      name: 'a non-string name',
      r: xr('InferenceClass', { name: 7 }),
      fn: FUNCTION_NAMES.inferencecluster,
      message: 'fn-inferencecluster: the observed InferenceClass needs a non-empty string metadata.name; got a number',
    },
    {
      name: 'an empty name',
      r: xr('ModelReplica', { name: '', namespace: 'x' }),
      fn: FUNCTION_NAMES.replica,
      message: 'fn-replica: the observed ModelReplica needs a non-empty string metadata.name; got ""',
    },
    {
      name: 'a namespaced kind without namespace',
      r: xr('ModelReplica', { name: 'r' }),
      fn: FUNCTION_NAMES.replica,
      message: 'fn-replica: the observed ModelReplica r needs a non-empty string metadata.namespace; got nothing',
    },
  ])('$name', ({ r, fn, ok, message }) => {
    const got = checkComposite(req(r), fn);
    if (ok) expect(got).toMatchObject({ ok: true, ...ok });
    else expect(got).toEqual({ ok: false, message });
  });
});

describe.each([
  { fn: 'fn-schedule', kind: 'ModelDeployment', compose: schedule },
  { fn: 'fn-replica', kind: 'ModelReplica', compose: replica },
  { fn: 'fn-inferencecluster', kind: 'InferenceCluster', compose: inferencecluster },
  { fn: 'fn-modelcache', kind: 'ModelCache', compose: modelcache },
  { fn: 'fn-service', kind: 'ModelService', compose: service },
])('$fn, handed what it does not compose', ({ fn, kind, compose }) => {
  it.each([
    { name: 'a kind it does not compose', r: xr('Probe'), says: `^${fn} composes modelplane\\.ai/v1alpha1 .+; got apiVersion "modelplane\\.ai/v1alpha1", kind "Probe"` },
    { name: 'a wrong apiVersion', r: xr(kind, undefined, 'apps/v1'), says: `^${fn} composes modelplane\\.ai/v1alpha1 .+; got apiVersion "apps/v1", kind "${kind}"` },
    {
      name: 'a non-string metadata.name',
      r: xr(kind, { name: ['x'], namespace: 'ml-team' }),
      says: `^${fn}: the observed ${kind} needs a non-empty string metadata\\.name; got a list$`,
    },
  ])('$name: one Fatal result naming what it got and what it expects', async ({ r, says }) => {
    const rsp = await compose(req(r));
    expect(rsp.results).toHaveLength(1);
    expect(rsp.results[0]!.severity).toBe(Severity.SEVERITY_FATAL);
    expect(rsp.results[0]!.message).toMatch(new RegExp(says));
  });
});
