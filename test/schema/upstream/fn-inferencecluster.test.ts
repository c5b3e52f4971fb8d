// Everything fn-inferencecluster composes, fully staged for every source, validated offline
// against the real upstream CRDs fetched by scripts/setup-crds.sh (scripts/crds/*.txt): the
// structural schema with ajv, plus the spec-level CEL rules (x-kubernetes-validations, e.g.
// "spec.forProvider.vpcConfig is a required parameter") evaluated with cel-js. Objects' manifests
// are validated against their own CRDs (Gateway API, EnvoyProxy) where one is listed, and core
// kinds (namespaces, RBAC, the CRD installer Job, StorageClass, the capacity reporter's Deployment
// and the ConfigMap its observe-only Object reads) with kubernetes-models.
//
// GKE: the Go module proxy serves no provider-gcp version with the namespaced
// container.gcp.m.upbound.io APIs, so GKE resources are checked against the newest served version
// (v1.14.0, cluster-scoped group) with the namespaced envelope mapped back: same forProvider schema,
// providerConfigRef without kind, writeConnectionSecretToRef with a namespace.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '@marcbachmann/cel-js';
import { parseAllDocuments } from 'yaml';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { STACK_KEYS } from '../../../functions/fn-inferencecluster/stack/keys';
import { loadCrds, type CrdIndex } from '../../harness/crds';
import { ROOT } from '../../../sim/paths';
import { allRequired, CLUSTERS, clusterXr, converge, desired } from '../../fixtures/fn-inferencecluster';

type Obj = Record<string, any>;
const CRD_DIR = join(ROOT, '.tools', 'crds');

/** Spec-level CEL rules per apiVersion/kind, from the same CRD files. */
function loadSpecRules(): Map<string, { rule: string; message: string }[]> {
  const out = new Map<string, { rule: string; message: string }[]>();
  for (const dir of readdirSync(CRD_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(CRD_DIR, dir.name))) {
      for (const doc of parseAllDocuments(readFileSync(join(CRD_DIR, dir.name, file), 'utf8'))) {
        const crd = doc.toJSON() as Obj | null;
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const v of crd.spec.versions) {
          const rules = v.schema?.openAPIV3Schema?.properties?.spec?.['x-kubernetes-validations'] ?? [];
          out.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, rules);
        }
      }
    }
  }
  return out;
}

/** Core kinds an Object may carry, validated with kubernetes-models. */
const CORE: Record<string, (m: Obj) => { validate(): void }> = {
  Namespace: (m) => new Namespace(m),
  ServiceAccount: (m) => new ServiceAccount(m),
  Role: (m) => new Role(m),
  RoleBinding: (m) => new RoleBinding(m as any),
  ClusterRole: (m) => new ClusterRole(m),
  ClusterRoleBinding: (m) => new ClusterRoleBinding(m as any),
  Job: (m) => new Job(m),
  StorageClass: (m) => new StorageClass(m as any),
  Deployment: (m) => new Deployment(m as any),
  ConfigMap: (m) => new ConfigMap(m),
};

function validateCore(m: Obj): string[] {
  try {
    CORE[m.kind]!(m).validate();
    return [];
  } catch (err) {
    return [String(err)];
  }
}

const GCP_LEGACY: Record<string, string[]> = {
  'container.gcp.m.upbound.io/v1beta1': ['container.gcp.upbound.io/v1beta2', 'container.gcp.upbound.io/v1beta1'],
  'compute.gcp.m.upbound.io/v1beta1': ['compute.gcp.upbound.io/v1beta2', 'compute.gcp.upbound.io/v1beta1'],
};

/** A namespaced GCP resource as the cluster-scoped v1.14.0 API spells the same thing. */
function toLegacyGcp(obj: Obj, crds: CrdIndex): Obj {
  const apiVersion = GCP_LEGACY[obj.apiVersion]!.find((v) => crds.has(v, obj.kind))!;
  const { kind: _kind, ...providerConfigRef } = obj.spec.providerConfigRef;
  const spec: Obj = { ...obj.spec, providerConfigRef };
  if (spec.writeConnectionSecretToRef) spec.writeConnectionSecretToRef = { ...spec.writeConnectionSecretToRef, namespace: obj.metadata.namespace };
  return { ...obj, apiVersion, spec };
}

/** The fully staged desired resources of every source. */
function fullyStaged(): [string, Obj][] {
  const out: [string, Obj][] = [];
  for (const [name, spec] of Object.entries(CLUSTERS)) {
    const xrSpec = { ...spec, stack: { dynamo: { enabled: true } } };
    const last = converge(clusterXr(`${name}-1`, xrSpec), allRequired(xrSpec)).at(-1)!;
    for (const [key, obj] of Object.entries(desired(last))) out.push([`${name}/${key}`, obj]);
  }
  return out;
}

describe('composed resources against upstream CRDs', () => {
  let crds: CrdIndex;
  let rules: Map<string, { rule: string; message: string }[]>;
  const resources = fullyStaged();
  beforeAll(() => {
    crds = loadCrds();
    rules = loadSpecRules();
  });

  it('covers every kind fn-inferencecluster composes', () => {
    const kinds = new Set(resources.map(([, o]) => `${o.apiVersion}/${o.kind}`));
    expect(kinds.size).toBeGreaterThanOrEqual(25);
  });

  /** Schema errors plus the messages of failed spec-level CEL rules. */
  function problems(obj: Obj): string[] {
    const target = GCP_LEGACY[obj.apiVersion] ? toLegacyGcp(obj, crds) : obj;
    if (!crds.has(target.apiVersion, target.kind)) return [`no CRD for ${target.apiVersion}/${target.kind}`];
    const self = { managementPolicies: ['*'], ...target.spec };
    const failed = (rules.get(`${target.apiVersion}/${target.kind}`) ?? []).filter((r) => evaluate(r.rule, { self }) !== true).map((r) => r.message);
    return [...crds.validate(target), ...failed];
  }

  const find = (key: string) => structuredClone(resources.find(([k]) => k === key)![1]);
  const broken = [
    { name: 'an unknown forProvider field', key: 'gke/nodepool-l4', mutate: (o: Obj) => (o.spec.forProvider.nodeConfig.gpus = 1), want: /must NOT have additional properties/ },
    {
      name: 'a missing required parameter (CEL)',
      key: 'eks/nodepool-a100',
      mutate: (o: Obj) => delete o.spec.forProvider.scalingConfig,
      want: /scalingConfig is a required parameter/,
    },
    { name: 'a wrong type', key: 'aks/nodepool-h100-pool', mutate: (o: Obj) => (o.spec.forProvider.nodeCount = '1'), want: /must be number/ },
    { name: 'a bad Gateway listener', key: 'existing/gateway', mutate: (o: Obj) => (o.spec.forProvider.manifest.spec.listeners[0].protocol = 42), want: /./ },
  ];

  it.each(broken)('rejects $name', ({ key, mutate, want }) => {
    const obj = find(key);
    mutate(obj);
    const manifest = obj.kind === 'Object' ? obj.spec.forProvider.manifest : undefined;
    const found = manifest ? crds.validate(manifest) : problems(obj);
    expect(found.join('\n')).toMatch(want);
  });

  it.each(resources.map(([name, obj]) => ({ name, obj })))('$name', ({ obj }) => {
    expect(problems(obj)).toEqual([]);
    const manifest = obj.kind === 'Object' ? obj.spec.forProvider.manifest : undefined;
    if (!manifest) return;
    // Every manifest has a validator: its CRD or a core kind.
    if (crds.has(manifest.apiVersion, manifest.kind)) expect(crds.validate(manifest)).toEqual([]);
    else expect(CORE[manifest.kind] ? validateCore(manifest) : [`no validator for ${manifest.apiVersion}/${manifest.kind}`]).toEqual([]);
  });

  it('core validators reject a broken manifest', () => {
    const role = find('existing/stack-epp-ns-role').spec.forProvider.manifest;
    role.rules[0].verbs = 'get';
    expect(validateCore(role).join('\n')).toMatch(/verbs/);
  });
});

describe('the CRD installer may apply everything in the pinned standard-install.yaml', () => {
  // The release file is config/crd/standard/gateway*.yaml concatenated (scripts/crds lists them all).
  const plural = (kind: string) => kind.toLowerCase().replace(/y$/, 'ie') + 's';
  const standardKinds = (): string[] => {
    const dir = join(CRD_DIR, 'fn-inferencecluster');
    const files = readdirSync(dir).filter((f) => f.startsWith('sigs.k8s.io_gateway-api__gateway'));
    const docs = files.flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJSON() as Obj | null));
    return [...new Set(docs.filter((d): d is Obj => !!d?.kind).map((d) => `${d.apiVersion.split('/')[0]}/${plural(d.kind)}`))].sort();
  };

  it('covers every kind in it with create and patch (server-side apply)', () => {
    const installer = fullyStaged().find(([k]) => k === `existing/${STACK_KEYS.crdInstallerClusterRole}`)![1];
    const granted = new Set<string>(
      installer.spec.forProvider.manifest.rules
        .filter((r: Obj) => r.verbs.includes('create') && r.verbs.includes('patch'))
        .flatMap((r: Obj) => r.apiGroups.flatMap((g: string) => r.resources.map((res: string) => `${g}/${res}`))),
    );
    const kinds = standardKinds();
    expect(kinds).toContain('admissionregistration.k8s.io/validatingadmissionpolicies');
    expect(kinds.filter((k) => !granted.has(k))).toEqual([]);
  });
});
