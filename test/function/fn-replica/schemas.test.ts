// Every composed manifest validates against its real upstream schema: core kinds with
// kubernetes-models' validators, LeaderWorkerSet / InferencePool / HTTPRoute against the CRDs
// fetched by scripts/setup-crds.sh (scripts/crds/fn-replica.txt), and every Object wrapper
// against provider-kubernetes' Object CRD.
import { describe, expect, it } from 'vitest';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ResourceClaimTemplate } from 'kubernetes-models/resource.k8s.io/v1/ResourceClaimTemplate';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PodTemplate } from 'kubernetes-models/v1/PodTemplate';
import { Service } from 'kubernetes-models/v1/Service';
import { loadCrds } from '../../harness/crds';
import { checkRules, loadSchemas } from '../../fixtures/fn-replica/cel-rules';
import { TOPOLOGIES } from '../../fixtures/fn-replica';
import { desiredObjects, remoteManifests, run } from '../../fixtures/fn-replica/run';

const crds = loadCrds();
type Json = Record<string, any>;

const CORE: Record<string, (m: Json) => { validate(): void }> = {
  Deployment: (m) => new Deployment(m),
  ResourceClaimTemplate: (m) => new ResourceClaimTemplate(m as any),
  Service: (m) => new Service(m),
  ConfigMap: (m) => new ConfigMap(m),
};

/** Errors for one remote manifest; [] when valid. */
function validate(m: Json): string[] {
  const core = CORE[m.kind];
  if (core) {
    try {
      core(m).validate();
      return [];
    } catch (err) {
      return [String(err)];
    }
  }
  const errors = crds.validate(m);
  if (m.kind === 'LeaderWorkerSet') {
    // The CRD's pod templates are full PodTemplateSpecs; check them with the core validator too.
    for (const t of ['leaderTemplate', 'workerTemplate']) {
      try {
        new PodTemplate({ metadata: { name: 'x' }, template: m.spec.leaderWorkerTemplate[t] }).validate();
      } catch (err) {
        errors.push(`${t}: ${String(err)}`);
      }
    }
  }
  return errors;
}

const cases = Object.entries(TOPOLOGIES).map(([name, xr]) => ({ name, xr }));

describe('fn-replica composes manifests that validate against their upstream schemas', () => {
  it.each(cases)('$name: every remote manifest', ({ xr }) => {
    const manifests = remoteManifests(run({ xr }));
    const errors = Object.fromEntries(Object.entries(manifests).map(([key, m]) => [`${key} (${m.kind})`, validate(m)]));
    expect(errors).toEqual(Object.fromEntries(Object.keys(errors).map((k) => [k, []])));
  });

  it.each(cases)('$name: every Object wrapper', ({ xr }) => {
    const objects = desiredObjects(run({ xr }));
    const errors = Object.fromEntries(Object.entries(objects).map(([key, o]) => [key, crds.validate(o)]));
    expect(errors).toEqual(Object.fromEntries(Object.keys(errors).map((k) => [k, []])));
  });

  it.each(cases)('$name: every CEL validation rule of the CRDs holds', ({ xr }) => {
    const schemas = loadSchemas();
    const objects = Object.entries(desiredObjects(run({ xr })));
    const failures: string[] = [];
    let evaluated = 0;
    for (const [key, o] of objects) {
      const m = o.spec.forProvider.manifest;
      for (const [what, schema, value] of [
        [key, schemas.get(`${o.apiVersion}/${o.kind}`), o],
        [`${key}/manifest`, schemas.get(`${m.apiVersion}/${m.kind}`), m],
      ] as const) {
        const report = checkRules(schema, value, what);
        evaluated += report.evaluated;
        failures.push(...report.failures);
      }
    }
    expect(failures).toEqual([]);
    expect(evaluated).toBeGreaterThan(objects.length);
  });

  it('covers every kind fn-replica composes', () => {
    const kinds = new Set(cases.flatMap(({ xr }) => Object.values(remoteManifests(run({ xr }))).map((m) => m.kind)));
    expect([...kinds].sort()).toEqual(['ConfigMap', 'Deployment', 'HTTPRoute', 'InferencePool', 'LeaderWorkerSet', 'ResourceClaimTemplate', 'Service'].sort());
  });
});

describe('the validators used above reject broken manifests', () => {
  it.each([
    {
      name: 'HTTPRoute rewriting a prefix without a PathPrefix match',
      mutate: (m: Json) => {
        m.spec.rules[0].matches[0].path.type = 'Exact';
      },
      kind: 'HTTPRoute',
    },
    {
      name: 'Object with DeriveFromCelQuery and no query',
      mutate: (m: Json) => {
        delete m.spec.readiness.celQuery;
      },
      kind: 'Object',
    },
  ])('CEL: $name', ({ mutate, kind }) => {
    const schemas = loadSchemas();
    const objects = Object.values(desiredObjects(run({ xr: TOPOLOGIES.standalone! })));
    const target = structuredClone(
      kind === 'Object'
        ? objects.find((o) => o.spec.readiness.policy === 'DeriveFromCelQuery')!
        : objects.find((o) => o.spec.forProvider.manifest.kind === kind)!.spec.forProvider.manifest,
    );
    mutate(target);
    expect(checkRules(schemas.get(`${target.apiVersion}/${target.kind}`), target).failures.length).toBeGreaterThan(0);
  });

  const pick = (kind: string, topology = 'gang-claimless-leader') => Object.values(remoteManifests(run({ xr: TOPOLOGIES[topology]! }))).find((m) => m.kind === kind)!;
  const broken = [
    { name: 'Deployment with string replicas', manifest: () => ({ ...pick('Deployment'), spec: { ...pick('Deployment').spec, replicas: 'two' } }) },
    {
      name: 'ResourceClaimTemplate with a request missing its name',
      manifest: () => {
        const m = structuredClone(pick('ResourceClaimTemplate'));
        delete m.spec.spec.devices.requests[0].name;
        return m;
      },
    },
    { name: 'InferencePool with an unknown field', manifest: () => ({ ...pick('InferencePool'), spec: { ...pick('InferencePool').spec, replicas: 1 } }) },
    { name: 'HTTPRoute without rules type', manifest: () => ({ ...pick('HTTPRoute'), spec: { ...pick('HTTPRoute').spec, rules: 'all' } }) },
    {
      name: 'LeaderWorkerSet with a worker container lacking a name',
      manifest: () => {
        const m = structuredClone(pick('LeaderWorkerSet'));
        delete m.spec.leaderWorkerTemplate.workerTemplate.spec.containers[0].name;
        return m;
      },
    },
  ];
  it.each(broken)('$name', ({ manifest }) => {
    expect(validate(manifest()).length).toBeGreaterThan(0);
  });
});
