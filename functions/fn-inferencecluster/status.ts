// Status and conditions of an InferenceCluster, from what was composed and what is observed.
// Ready (the XR's own readiness, which the scheduler reads) only when the cluster is reachable,
// the whole stack is observed ready, its providers can still read it, and the gateway has an
// address. A cluster whose API server stops answering keeps its last observed conditions (Ready,
// an address) with Synced=False on every resource, so "can still read it" is what tells it down.
import type { ObservedObject } from '../lib/request';
import { condition, type Condition } from '../lib/response';
import type { InferenceClusterStatus } from '../lib/schema';
import { REASON, CONDITION } from './conditions';
import { composedReady, readError } from '../lib/delivery';
import type { SourceResult } from './provision/types';
import type { SecretLookup } from './inputs';

/** What the XR publishes: the schema's status type, shared with every reader (lib/contracts). */
export type PublishedStatus = InferenceClusterStatus;

export function clusterCondition(source: SourceResult, secret: SecretLookup | undefined): Condition {
  if (source.reachable) return condition(CONDITION.clusterReady, 'True', REASON.available, 'The cluster is reachable');
  if (secret) {
    const reason = secret.state === 'unresolved' ? REASON.waitingForSecret : REASON.secretMissing;
    return condition(CONDITION.clusterReady, 'False', reason, source.waiting);
  }
  return condition(CONDITION.clusterReady, 'False', REASON.provisioning, source.waiting);
}

export interface BackendState {
  readonly reachable: boolean;
  readonly providerConfigsObserved: boolean;
  /** Keys of stack and gateway resources composed this round. */
  readonly backendKeys: readonly string[];
  readonly observed: Readonly<Record<string, ObservedObject>>;
  readonly address?: string | undefined;
}

/** Stack and gateway resources that are not observed ready, sorted. */
export function unreadyBackend(s: BackendState): string[] {
  return s.backendKeys.filter((k) => !composedReady(s.observed[k])).sort();
}

/** The first stack or gateway resource (by key) its provider cannot read on the cluster, and why. */
export function unreadable(s: BackendState): { readonly key: string; readonly message: string } | undefined {
  for (const key of [...s.backendKeys].sort()) {
    const message = readError(s.observed[key]);
    if (message !== undefined) return { key, message };
  }
  return undefined;
}

const MAX_LISTED = 6;
const list = (keys: readonly string[]) => (keys.length > MAX_LISTED ? `${keys.slice(0, MAX_LISTED).join(', ')} and ${keys.length - MAX_LISTED} more` : keys.join(', '));

export function backendCondition(s: BackendState): Condition {
  const t = CONDITION.backendReady;
  if (!s.providerConfigsObserved) {
    return s.reachable
      ? condition(t, 'False', REASON.waitingForProviderConfigs, 'Waiting for the provider-kubernetes and provider-helm configs to exist')
      : condition(t, 'False', REASON.waitingForCluster, 'Waiting for the cluster to be reachable');
  }
  const lost = unreadable(s);
  if (lost) return condition(t, 'False', REASON.unreachable, `Cannot read ${lost.key} on the cluster: ${lost.message}`);
  const unready = unreadyBackend(s);
  if (s.backendKeys.length === 0 || unready.length > 0) {
    return condition(t, 'False', REASON.installingStack, unready.length > 0 ? `Not ready yet: ${list(unready)}` : 'Installing the serving stack');
  }
  if (!s.address) return condition(t, 'False', REASON.waitingForGatewayAddress, 'The inference-gateway has no address yet');
  return condition(t, 'True', REASON.serving, `Serving stack ready, inference-gateway at ${s.address}`);
}

/** The XR is Ready only when cluster, stack and gateway address are all there. */
export const isClusterReady = (s: BackendState): boolean =>
  s.reachable && s.providerConfigsObserved && s.backendKeys.length > 0 && unreadyBackend(s).length === 0 && unreadable(s) === undefined && s.address !== undefined;
