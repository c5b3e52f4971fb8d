// One readiness vocabulary for composed provider-kubernetes Objects, both directions:
// - declared: the `spec.readiness` policy that decides the Object's own Ready condition;
// - observed: reading back what provider-kubernetes reports (the Object's conditions, and the
//   remote object it last saw in `status.atProvider.manifest`).
import { findCondition, isConditionTrue, isReady, isRecord } from '../k8s/objects';

export type Readiness = { readonly policy: 'SuccessfulCreate' | 'DeriveFromObject' | 'AllTrue' } | { readonly policy: 'DeriveFromCelQuery'; readonly celQuery: string };

/** CEL queries run by provider-kubernetes over the observed remote object, bound as `object`. */
export const READINESS = {
  /** Ready once applied. */
  created: { policy: 'SuccessfulCreate' },
  /** A Deployment or LeaderWorkerSet that reports Available=True. */
  available: {
    policy: 'DeriveFromCelQuery',
    celQuery: "has(object.status) && has(object.status.conditions) && object.status.conditions.exists(c, c.type == 'Available' && c.status == 'True')",
  },
  /** A Job with at least one succeeded pod. */
  jobSucceeded: { policy: 'DeriveFromCelQuery', celQuery: 'has(object.status.succeeded) && object.status.succeeded >= 1' },
  /** A Gateway that has an address. */
  addressed: { policy: 'DeriveFromCelQuery', celQuery: 'has(object.status.addresses) && size(object.status.addresses) > 0' },
} as const satisfies Record<string, Readiness>;

/** A composed resource is ready when it is observed with Ready=True (absent: not yet). */
export const composedReady = (observed: unknown): boolean => observed !== undefined && isReady(observed);

/** Crossplane's condition on a managed resource: did its provider apply the desired state? */
const SYNCED = 'Synced';

/** The composed resource reports Synced=True: its provider applied the desired state. */
export const composedApplied = (observed: unknown): boolean => isConditionTrue(observed, SYNCED);

/** Why the provider could not apply the desired state (its Synced=False message), if it said so. */
export function applyError(observed: unknown): string | undefined {
  const synced = findCondition(observed, SYNCED);
  return synced?.status === 'False' ? (synced.message ?? synced.reason ?? 'not synced') : undefined;
}

/**
 * crossplane-runtime's managed reconciler wraps what a provider's Connect or Observe returns:
 * the provider could not read the external object, so what it last reported may be stale.
 */
const CANNOT_READ = /^(connect|observe) failed: /;
/** An observe-only resource whose external object does not exist: read fine, nothing there. */
const DOES_NOT_EXIST = 'external resource does not exist';

/** Why the provider cannot read the composed resource's external object (Synced=False from a failed connect or observe), if so. */
export function readError(observed: unknown): string | undefined {
  const synced = findCondition(observed, SYNCED);
  const message = synced?.status === 'False' ? synced.message : undefined;
  return message !== undefined && CANNOT_READ.test(message) && !message.endsWith(DOES_NOT_EXIST) ? message : undefined;
}

/** The remote manifest an Object carries in its desired spec. */
export function desiredManifest(object: unknown): Record<string, unknown> | undefined {
  const spec = isRecord(object) ? object.spec : undefined;
  const forProvider = isRecord(spec) ? spec.forProvider : undefined;
  return isRecord(forProvider) && isRecord(forProvider.manifest) ? forProvider.manifest : undefined;
}

/** The remote object as provider-kubernetes last observed it (status.atProvider.manifest). */
export function observedManifest(object: unknown): Record<string, unknown> | undefined {
  const status = isRecord(object) ? object.status : undefined;
  const atProvider = isRecord(status) ? status.atProvider : undefined;
  return isRecord(atProvider) && isRecord(atProvider.manifest) ? atProvider.manifest : undefined;
}

/** True only when the observed remote object reports condition `type` as True. */
export const remoteConditionTrue = (object: unknown, type: string): boolean => findCondition(observedManifest(object), type)?.status === 'True';

/** The first address an observed remote Gateway reports, if any. */
export function remoteGatewayAddress(object: unknown): string | undefined {
  const status = observedManifest(object)?.status;
  const addresses = isRecord(status) ? status.addresses : undefined;
  const first: unknown = Array.isArray(addresses) ? addresses[0] : undefined;
  const value = isRecord(first) ? first.value : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
