// Reading readiness from observed composed resources, tolerant of any shape: a missing or odd
// status is simply "not ready yet". fn-service marks its own composed resources ready from these.
import { isConditionTrue, isReady, isRecord } from '../lib/k8s/objects';

/** A provider-helm Release or provider-kubernetes Object: the managed resource's Ready condition. */
export const managedReady = (mr: unknown): boolean => isReady(mr);

/** The status of the manifest a provider-kubernetes Object applied, as observed on the cluster. */
export function objectManifestStatus(object: unknown): unknown {
  if (!isRecord(object) || !isRecord(object.status) || !isRecord(object.status.atProvider)) return undefined;
  const manifest = object.status.atProvider.manifest;
  return isRecord(manifest) ? manifest.status : undefined;
}

const manifestCondition = (object: unknown, type: string): boolean =>
  isConditionTrue({ status: objectManifestStatus(object) }, type);

/** A Job inside an Object has completed. */
export const jobComplete = (object: unknown): boolean => managedReady(object) && manifestCondition(object, 'Complete');

/** A GatewayClass inside an Object was accepted by its controller. */
export const gatewayClassAccepted = (object: unknown): boolean => managedReady(object) && manifestCondition(object, 'Accepted');

/** A Gateway inside an Object is programmed by its controller. */
export const gatewayProgrammed = (object: unknown): boolean => managedReady(object) && manifestCondition(object, 'Programmed');

/** The first address a Gateway (inside an Object) reports, if any. */
export function gatewayAddress(object: unknown): string | undefined {
  const status = objectManifestStatus(object);
  const addresses = isRecord(status) ? status.addresses : undefined;
  if (!Array.isArray(addresses)) return undefined;
  const first: unknown = addresses[0];
  const value = isRecord(first) ? first.value : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An HTTPRoute some parent (our Gateway) has accepted. */
export function routeAccepted(route: unknown): boolean {
  const status = isRecord(route) ? route.status : undefined;
  const parents = isRecord(status) ? status.parents : undefined;
  if (!Array.isArray(parents)) return false;
  return parents.some((p) => isConditionTrue({ status: isRecord(p) ? { conditions: p.conditions } : undefined }, 'Accepted'));
}
