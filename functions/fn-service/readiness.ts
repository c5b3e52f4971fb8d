// Reading readiness from observed composed resources, tolerant of any shape: a missing or odd
// status is simply "not ready yet". fn-service marks its own composed resources ready from these
// (the shared vocabulary is lib/delivery's).
import { composedReady, remoteConditionTrue } from '../lib/delivery';
import { isConditionTrue, isRecord } from '../lib/k8s/objects';

/** A Job inside an Object has completed. */
export const jobComplete = (object: unknown): boolean => composedReady(object) && remoteConditionTrue(object, 'Complete');

/** A GatewayClass inside an Object was accepted by its controller. */
export const gatewayClassAccepted = (object: unknown): boolean => composedReady(object) && remoteConditionTrue(object, 'Accepted');

/** A Gateway inside an Object is programmed by its controller. */
export const gatewayProgrammed = (object: unknown): boolean => composedReady(object) && remoteConditionTrue(object, 'Programmed');

/** An HTTPRoute some parent (our Gateway) has accepted. */
export function routeAccepted(route: unknown): boolean {
  const status = isRecord(route) ? route.status : undefined;
  const parents = isRecord(status) ? status.parents : undefined;
  if (!Array.isArray(parents)) return false;
  return parents.some((p) => isConditionTrue({ status: isRecord(p) ? { conditions: p.conditions } : undefined }, 'Accepted'));
}
