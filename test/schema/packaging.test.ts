// (d) Every kind has a Pipeline Composition calling the right one of the five Functions.
// (e) The Configuration and Function package metadata parse and declare what the package needs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, KINDS } from '../../functions/lib/schema/registry';
import { ROOT, loadXrds, readYamlDocs, type Obj } from './support';

// api.md's resource map, restated as the contract under test.
const FUNCTION_FOR_KIND: Record<string, string> = {
  ModelDeployment: 'modelplane-fn-schedule',
  ModelReplica: 'modelplane-fn-replica',
  InferenceCluster: 'modelplane-fn-inferencecluster',
  InferenceClass: 'modelplane-fn-inferencecluster',
  ModelCache: 'modelplane-fn-modelcache',
  ModelService: 'modelplane-fn-service',
  ModelEndpoint: 'modelplane-fn-service',
  InferenceGateway: 'modelplane-fn-service',
};
const FUNCTIONS = ['fn-schedule', 'fn-replica', 'fn-inferencecluster', 'fn-modelcache', 'fn-service'];

const compositions = readdirSync(join(ROOT, 'compositions'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .flatMap((f) => readYamlDocs(join(ROOT, 'compositions', f)).map((doc) => ({ name: f, file: f, doc: doc as any })));

describe('compositions', () => {
  it("the five function names are the registry's", () => {
    expect(Object.values(FUNCTION_NAMES).sort()).toEqual(FUNCTIONS.map((f) => `modelplane-${f}`).sort());
  });

  it('every XRD kind has exactly one composition, and its XRD defaults to it', () => {
    const xrds = loadXrds();
    for (const [kind, xrd] of xrds) {
      const mine = compositions.filter((c) => c.doc.spec.compositeTypeRef.kind === kind);
      expect(
        mine.map((c) => c.file),
        kind,
      ).toHaveLength(1);
      expect(((xrd.spec as Obj).defaultCompositionRef as Obj).name).toBe(mine[0]!.doc.metadata.name);
    }
    expect(compositions).toHaveLength(xrds.size);
  });

  it.each(compositions)('$name', ({ doc }) => {
    const kind = doc.spec.compositeTypeRef.kind as string;
    expect(doc.apiVersion).toBe('apiextensions.crossplane.io/v1');
    expect(doc.kind).toBe('Composition');
    expect(doc.spec.compositeTypeRef.apiVersion).toBe('modelplane.ai/v1alpha1');
    expect(doc.spec.mode).toBe('Pipeline');
    expect(doc.spec.pipeline).toEqual([{ step: 'fn', functionRef: { name: FUNCTION_FOR_KIND[kind] } }]);
    expect(KINDS.find((k) => k.kind === kind)?.functionName).toBe(FUNCTION_FOR_KIND[kind]);
  });
});

describe('package metadata', () => {
  it('crossplane.yaml is the modelplane Configuration with pinned dependencies', () => {
    const [cfg, ...rest] = readYamlDocs(join(ROOT, 'crossplane.yaml')) as any[];
    expect(rest).toEqual([]);
    expect([cfg.apiVersion, cfg.kind, cfg.metadata.name]).toEqual(['meta.pkg.crossplane.io/v1', 'Configuration', 'modelplane']);
    expect(cfg.spec.crossplane.version).toBe('>=v2.3.0');
    const deps = cfg.spec.dependsOn as { function?: string; provider?: string; version: string }[];
    for (const d of deps) expect(d.version, JSON.stringify(d)).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(deps.filter((d) => d.function).map((d) => d.function)).toEqual(FUNCTIONS.map((f) => `xpkg.crossplane.io/modelplane/${f}`));
    const providers = deps.filter((d) => d.provider).map((d) => d.provider!.replace(/^.*\//, ''));
    expect(providers).toEqual([
      'provider-kubernetes',
      'provider-helm',
      'provider-gcp-container',
      'provider-gcp-compute',
      'provider-aws-eks',
      'provider-aws-ec2',
      'provider-aws-iam',
      'provider-aws-efs',
      'provider-azure-containerservice',
      'provider-azure-network',
    ]);
  });

  it('depends on a provider for every cloud API group the functions compose', () => {
    // The golden files hold every composed resource of every source; each namespaced Upbound
    // group <svc>.<cloud>.m.upbound.io is served by provider-<cloud>-<svc>.
    const cfg = readYamlDocs(join(ROOT, 'crossplane.yaml'))[0] as any;
    const providers = new Set(cfg.spec.dependsOn.filter((d: any) => d.provider).map((d: any) => d.provider.replace(/^.*\//, '')));
    const groups = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/([a-z]+)\.(gcp|aws|azure)\.m\.upbound\.io/g)) groups.add(`provider-${m[2]}-${m[1]}`);
      }
    };
    walk(join(ROOT, 'test', 'golden'));
    expect(groups.size).toBeGreaterThan(0);
    expect([...groups].filter((p) => !providers.has(p))).toEqual([]);
  });

  it('dependency Functions install under the names the compositions reference', () => {
    // Crossplane names a dependency after its repository path as a DNS label: modelplane/fn-x -> modelplane-fn-x.
    const cfg = readYamlDocs(join(ROOT, 'crossplane.yaml'))[0] as any;
    const installed = cfg.spec.dependsOn.filter((d: any) => d.function).map((d: any) => d.function.split('/').slice(1).join('-'));
    const referenced = [...new Set(compositions.map((c) => c.doc.spec.pipeline[0].functionRef.name))].sort();
    expect(referenced.every((r) => installed.includes(r))).toBe(true);
  });

  it.each(FUNCTIONS.map((f) => ({ name: f, fn: f })))('package/$name/crossplane.yaml', ({ fn }) => {
    const [meta, ...rest] = readYamlDocs(join(ROOT, 'package', fn, 'crossplane.yaml')) as any[];
    expect(rest).toEqual([]);
    expect([meta.apiVersion, meta.kind, meta.metadata.name]).toEqual(['meta.pkg.crossplane.io/v1beta1', 'Function', fn]);
    expect(meta.spec.crossplane.version).toBe('>=v2.3.0');
    expect(meta.metadata.annotations['meta.crossplane.io/description']).toBeTruthy();
  });

  it('package/ holds the Dockerfile and one directory per function', () => {
    expect(readdirSync(join(ROOT, 'package')).sort()).toEqual(['Dockerfile', ...FUNCTIONS].sort());
  });

  it('the Dockerfile builds any function bundle onto distroless Node.js 22', () => {
    const df = readFileSync(join(ROOT, 'package', 'Dockerfile'), 'utf8');
    const froms = [...df.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms).toHaveLength(2);
    expect(froms[1]).toMatch(/^gcr\.io\/distroless\/nodejs22-debian12(:|$)/);
    expect(df).toMatch(/^ARG FUNCTION$/m);
    expect(df).toContain('COPY --from=build /src/dist/${FUNCTION}.js');
    expect(df).toMatch(/^EXPOSE 9443$/m);
    expect(df).toContain('TLS_SERVER_CERTS_DIR=/tls/server');
    expect(df).toMatch(/^ENTRYPOINT \["\/nodejs\/bin\/node", "\/fn\/function\.js"\]$/m);
  });
});
