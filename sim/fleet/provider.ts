// Simulated provider behaviour: what the real providers and remote controllers would report once
// a composed resource is applied. Deterministic, so simulations converge and can be compared.
import { createHash } from 'node:crypto';
import type { Obj } from './world';

const ready = [
  { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: '2024-01-01T00:00:00Z' },
  { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: '2024-01-01T00:00:00Z' },
];

/**
 * A stable address per provider config: the "load balancer" of that cluster's gateway. Made up, so
 * from the documentation range 198.51.100.0/24 (RFC 5737): it never looks like a real endpoint.
 */
export function addressFor(seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  return `198.51.100.${(h[0]! % 254) + 1}`;
}

/** The control cluster's gateway address (an RFC 5737 documentation address). */
export const CONTROL_GATEWAY_ADDRESS = '192.0.2.10';

/** Status the remote cluster's controllers report for a manifest once it is applied. */
export function remoteStatus(manifest: Obj, seed: string): Obj | undefined {
  const available = [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }];
  switch (manifest.kind) {
    case 'Deployment': {
      const n = manifest.spec?.replicas ?? 1;
      return { replicas: n, readyReplicas: n, availableReplicas: n, updatedReplicas: n, conditions: available };
    }
    case 'LeaderWorkerSet': {
      const n = manifest.spec?.replicas ?? 1;
      return { replicas: n, readyReplicas: n, updatedReplicas: n, conditions: [{ type: 'Available', status: 'True', reason: 'AllGroupsReady' }] };
    }
    case 'StatefulSet':
    case 'DaemonSet':
      return { readyReplicas: 1, conditions: available };
    case 'Job':
      return { succeeded: 1, conditions: [{ type: 'Complete', status: 'True', reason: 'Completed' }] };
    case 'PersistentVolumeClaim':
      return { phase: 'Bound', accessModes: manifest.spec?.accessModes };
    case 'Namespace':
      return { phase: 'Active' };
    case 'Gateway':
      return {
        addresses: [{ type: 'IPAddress', value: addressFor(seed) }],
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'Programmed', status: 'True', reason: 'Programmed' },
        ],
      };
    case 'HTTPRoute':
    case 'InferencePool':
      return { parents: [{ parentRef: {}, controllerName: 'sim', conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }] }] };
    case 'GatewayClass':
      return { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }] };
    default:
      return undefined;
  }
}

/**
 * An observe-only Object (managementPolicies: [Observe]) reads a remote object someone else creates.
 * Offline nothing creates the pods such Objects read (no kubelet, no LeaderWorkerSet controller), so
 * they are absent unless a scenario's fault reports them, and provider-kubernetes (crossplane-runtime's
 * managed reconciler) then says so on Synced, with no Ready condition and no observed manifest.
 */
export const isObserveOnly = (o: Obj): boolean => {
  const policies = o.spec?.managementPolicies;
  return Array.isArray(policies) && policies.length === 1 && policies[0] === 'Observe';
};

/** What provider-kubernetes reports on an observe-only Object whose remote object does not exist. */
export const ABSENT: Obj = {
  conditions: [
    { type: 'Synced', status: 'False', reason: 'ReconcileError', message: 'observe failed: external resource does not exist', lastTransitionTime: '2024-01-01T00:00:00Z' },
  ],
};

/** The observed form of an observe-only Object whose remote object exists with `status`. */
export function observedExisting(o: Obj, status: Obj): Obj {
  const manifest = o.spec?.forProvider?.manifest ?? {};
  return { ...o, status: { conditions: structuredClone(ready), atProvider: { manifest: { ...manifest, status } } } };
}

/** The cluster a composed resource is applied on: the provider config of a provider-kubernetes Object or provider-helm Release. */
export function remoteCluster(o: Obj): string | undefined {
  const group = String(o.apiVersion ?? '').split('/')[0];
  if (!((group === 'kubernetes.m.crossplane.io' && o.kind === 'Object') || (group === 'helm.m.crossplane.io' && o.kind === 'Release'))) return undefined;
  const name = o.spec?.providerConfigRef?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * A resource on a cluster whose API server does not answer: the provider keeps the status it last
 * observed (nothing at all for one never observed) and reports Synced=False from the failed observe.
 */
export function unreadable(desired: Obj, existing: Obj | undefined, cluster: string): Obj {
  const last: Obj = existing?.status ?? {};
  const synced = {
    type: 'Synced',
    status: 'False',
    reason: 'ReconcileError',
    message: `observe failed: cannot get object: Get "https://${cluster}.example:6443/api": dial tcp: connect: connection refused`,
    lastTransitionTime: '2024-01-01T00:00:00Z',
  };
  return { ...structuredClone(desired), status: { ...structuredClone(last), conditions: [...(last.conditions ?? []).filter((c: Obj) => c.type !== 'Synced'), synced] } };
}

/** The observed form of a composed resource: desired state plus what its provider reports. */
export function observe(desired: Obj): Obj {
  const o = structuredClone(desired);
  const group = String(o.apiVersion ?? '').split('/')[0] ?? '';
  if (group === 'kubernetes.m.crossplane.io' && o.kind === 'Object' && isObserveOnly(o)) {
    o.status = structuredClone(ABSENT);
    return o;
  }
  if (group === 'kubernetes.m.crossplane.io' && o.kind === 'Object') {
    const manifest = o.spec?.forProvider?.manifest ?? {};
    const seed = o.spec?.providerConfigRef?.name ?? 'default';
    const status = remoteStatus(manifest, seed);
    o.status = { conditions: ready, atProvider: { manifest: { ...manifest, ...(status ? { status } : {}) } } };
    return o;
  }
  if (group === 'helm.m.crossplane.io') {
    o.status = { conditions: ready, atProvider: { state: 'deployed', revision: 1 } };
    return o;
  }
  if (group.endsWith('.upbound.io')) {
    o.status = { conditions: ready, atProvider: { id: o.metadata?.name, endpoint: addressFor(o.metadata?.name ?? '') } };
    return o;
  }
  // Resources Crossplane applies directly on the control cluster (Services, routes, Gateways...).
  const status = remoteStatus(o, 'control');
  if (o.kind === 'Gateway' && status) status.addresses = [{ type: 'IPAddress', value: CONTROL_GATEWAY_ADDRESS }];
  o.status = status ?? { conditions: ready };
  if (status && !status.conditions) o.status.conditions = ready;
  return o;
}
