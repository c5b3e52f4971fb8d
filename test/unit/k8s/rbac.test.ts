// RBAC object builders: a binding refers to the role kind it can grant.
import { describe, expect, it } from 'vitest';
import { binding, READ_VERBS, role } from '../../../functions/lib/k8s/rbac';

describe('rbac', () => {
  it.each([
    ['RoleBinding', 'Role'],
    ['ClusterRoleBinding', 'ClusterRole'],
  ] as const)('a %s grants a %s to one ServiceAccount', (kind, roleKind) => {
    expect(binding(kind, { name: 'b' }, 'r', { name: 'sa', namespace: 'ns' })).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind,
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'ns' }],
    });
  });

  it('a role carries its rules unchanged', () => {
    const rules = [{ apiGroups: [''], resources: ['pods'], verbs: READ_VERBS }];
    expect(role('Role', { name: 'r', namespace: 'ns' }, rules)).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r', namespace: 'ns' },
      rules,
    });
  });
});
