// source: Existing — nothing is provisioned; the kubeconfig Secret the platform team created is
// the whole cluster. Reachable once the Secret exists and holds the key.
import type { ExistingCluster } from '../../lib/schema';
import type { SourceInput, SourceResult } from './types';

export function existingSource(existing: ExistingCluster, input: SourceInput): SourceResult {
  const secret = input.secret ?? { state: 'unresolved' };
  const ref = existing.secretRef;
  const where = `Secret ${ref.namespace}/${ref.name}`;
  const waiting =
    secret.state === 'unresolved'
      ? `waiting for ${where}`
      : secret.state === 'missing'
        ? `spec.cluster.existing.secretRef: ${where} not found`
        : secret.state === 'keyMissing'
          ? `spec.cluster.existing.secretRef.key: ${where} has no key ${ref.key}`
          : undefined;
  return {
    resources: {},
    reachable: secret.state === 'present',
    ...(waiting ? { waiting } : {}),
    kubeconfig: { name: ref.name, namespace: ref.namespace, key: ref.key },
    ...(existing.cache ? { storageClassName: existing.cache.storageClassName } : {}),
  };
}
