// RBAC objects the functions compose: roles, and bindings that grant a role to a ServiceAccount.
import type { KubeObject } from '../response';

const GROUP = 'rbac.authorization.k8s.io';
const API_VERSION = `${GROUP}/v1`;

export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  /** Only these objects (get, patch, update, delete; and a create whose name is known, as server-side apply's). */
  readonly resourceNames?: readonly string[];
  readonly verbs: readonly string[];
}

interface Metadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export const READ_VERBS = ['get', 'list', 'watch'];
/** What server-side apply of an object needs. */
export const APPLY_VERBS = ['get', 'list', 'create', 'update', 'patch'];

export const role = (kind: 'Role' | 'ClusterRole', metadata: Metadata, rules: readonly PolicyRule[]): KubeObject => ({ apiVersion: API_VERSION, kind, metadata, rules });

/** A RoleBinding grants a Role, a ClusterRoleBinding a ClusterRole, of the same name as `roleName`. */
export const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', metadata: Metadata, roleName: string, account: { name: string; namespace: string }): KubeObject => ({
  apiVersion: API_VERSION,
  kind,
  metadata,
  roleRef: { apiGroup: GROUP, kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole', name: roleName },
  subjects: [{ kind: 'ServiceAccount', name: account.name, namespace: account.namespace }],
});
