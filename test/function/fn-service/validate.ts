// Validates what fn-service composes against real schemas: core kinds with kubernetes-models'
// validators, CRD kinds with the upstream CRDs (scripts/crds/*.txt), and the manifest inside a
// provider-kubernetes Object recursively.
import { Job } from 'kubernetes-models/batch/v1';
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1';
import { ClusterRole, ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { loadCrds, type CrdIndex } from '../../harness/crds';

type Obj = Record<string, any>;

const CORE: Record<string, new (o: any) => { validate(): void }> = {
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Secret': Secret,
  'discovery.k8s.io/v1/EndpointSlice': EndpointSlice,
  'batch/v1/Job': Job,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
};

let crds: CrdIndex | undefined;

/** Schema errors of `obj` (and of an Object's manifest), prefixed by kind; [] when valid. */
export function schemaErrors(obj: Obj): string[] {
  crds ??= loadCrds();
  const id = `${obj.apiVersion}/${obj.kind}`;
  const Model = CORE[id];
  let errors: string[];
  if (Model) {
    try {
      new Model(obj).validate();
      errors = [];
    } catch (e) {
      errors = [(e as Error).message];
    }
  } else {
    errors = crds.validate(obj);
  }
  const out = errors.map((e) => `${id} ${obj.metadata?.name}: ${e}`);
  if (obj.apiVersion === 'kubernetes.m.crossplane.io/v1alpha1' && obj.kind === 'Object') out.push(...schemaErrors(obj.spec.forProvider.manifest));
  return out;
}
