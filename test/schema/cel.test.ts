// (c) The XRDs' x-kubernetes-validations, evaluated with @marcbachmann/cel-js (self bound to the
// object at the rule's schema node, after API-server defaulting): every example passes, every
// invalid variant is rejected by exactly the intended rule, and the zod half agrees.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAEFIK_CHART_VERSION } from '../../functions/lib/schema/inferencegateway';
import { kindEntry } from '../../functions/lib/schema/registry';
import { STACK_VERSIONS } from '../../functions/lib/schema/stack';
import { parseWith } from '../../functions/lib/schema/rules';
import { applyDefaults, compileXrd, evaluateRules, loadExamples, loadXrds, newAjv, objectSchema, type Obj } from './support';
import { VALID_VARIANTS, VARIANTS, variantDoc } from './variants';

const xrds = loadXrds();
const ajv = newAjv();
const validators = new Map([...xrds].map(([kind, xrd]) => [kind, compileXrd(ajv, xrd)]));

function celFailures(doc: Obj) {
  const schema = objectSchema(xrds.get(doc.kind as string)!);
  return evaluateRules(schema, applyDefaults(schema, doc));
}

describe('CEL rules accept every example', () => {
  const examples = loadExamples().map((e) => ({ ...e, name: `${e.file}: ${e.kind}/${e.name}` }));
  it.each(examples)('$name', ({ doc }) => {
    expect(celFailures(doc)).toEqual([]);
  });
});

describe('CEL rules reject each invalid variant with the intended rule', () => {
  it.each(VARIANTS.map((v, i) => ({ ...v, i })))('$name', (v) => {
    const doc = variantDoc(v, v.i);
    // Structurally valid: the rejection comes from the CEL rule, not the OpenAPI schema.
    const validate = validators.get(doc.kind as string)!;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);

    const failures = celFailures(doc);
    expect(failures.filter((f) => f.error)).toEqual([]);
    expect([...new Set(failures.map((f) => f.message))]).toEqual([v.want]);

    // The functions see the same rule through zod, with the same message.
    const parsed = parseWith(kindEntry(doc.kind as string).spec, doc.spec, 'spec');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect([...new Set(parsed.issues.map((i) => i.message))]).toEqual([v.want]);
  });
});

describe('CEL rules, the OpenAPI schema and zod accept each valid variant', () => {
  it.each(VALID_VARIANTS.map((v, i) => ({ ...v, i })))('$name', (v) => {
    const doc = variantDoc(v, v.i);
    const validate = validators.get(doc.kind as string)!;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(celFailures(doc)).toEqual([]);
    expect(parseWith(kindEntry(doc.kind as string).spec, doc.spec, 'spec').ok).toBe(true);
  });
});

describe('defaulting before CEL, as the API server does', () => {
  it('fills nested defaults under a defaulted parent', () => {
    const schema = objectSchema(xrds.get('InferenceCluster')!);
    const doc = loadExamples().find((e) => e.file.startsWith('04-'))!.doc;
    const spec = (applyDefaults(schema, doc) as any).spec;
    expect(spec.stack.dynamo).toEqual({ enabled: false, version: STACK_VERSIONS.dynamo });
    expect(spec.nodePools[0].nodeCount).toBe(4);
    expect(spec.cluster.existing.secretRef.key).toBe('kubeconfig');
  });

  it('a spec made of defaults is defaulted whole', () => {
    const schema = objectSchema(xrds.get('InferenceGateway')!);
    expect((applyDefaults(schema, { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceGateway', metadata: { name: 'default' } }) as any).spec).toEqual({
      backend: 'Traefik',
      traefik: { version: DEFAULT_TRAEFIK_CHART_VERSION },
    });
  });
});
