// Gate, then latch. The stages of an InferenceCluster, each composed only once the one before it
// is observed, and kept once any of its resources is observed (a flickering dependency never
// deletes what already runs):
//   cluster (cloud resources; Existing: the Secret) -> provider configs -> serving stack
//   -> (Envoy Gateway ready) -> CRD installer + inference gateway.
import type { ObservedObject } from '../lib/request';
import type { KubeObject } from '../lib/response';
import type { InferenceClusterSpec } from '../lib/schema';
import { KEYS, REMOTE_PREFIX } from './names';
import { helmProviderConfig, kubernetesProviderConfig } from './providerconfigs';
import { observedReady } from './provision/managed';
import type { SourceResult } from './provision/types';
import { crdInstaller, STACK_KEYS, stackResources } from './stack/components';
import { gatewayResources } from './stack/gateway';
import { remoteObject } from './stack/objects';

export interface Stages {
  readonly resources: Record<string, KubeObject>;
  /** Both provider configs are observed (status.providerConfigRef may be published). */
  readonly providerConfigsObserved: boolean;
  /** Keys of the stack and gateway resources composed this round. */
  readonly backendKeys: readonly string[];
}

const anyObserved = (observed: Readonly<Record<string, ObservedObject>>, keys: readonly string[]) => keys.some((k) => observed[k] !== undefined);

export function stages(name: string, spec: InferenceClusterSpec, source: SourceResult, observed: Readonly<Record<string, ObservedObject>>): Stages {
  const resources: Record<string, KubeObject> = { ...source.resources };
  const pcKeys = [KEYS.providerConfigKubernetes, KEYS.providerConfigHelm];
  if (source.reachable || anyObserved(observed, pcKeys)) {
    resources[KEYS.providerConfigKubernetes] = kubernetesProviderConfig(name, source.kubeconfig, source.identity);
    resources[KEYS.providerConfigHelm] = helmProviderConfig(name, source.kubeconfig, source.identity);
  }
  const providerConfigsObserved = pcKeys.every((k) => observed[k] !== undefined);

  const backend: Record<string, KubeObject> = {};
  const stack = stackResources(name, spec.stack, source.draDriverValues);
  if (providerConfigsObserved || anyObserved(observed, Object.keys(stack))) Object.assign(backend, stack);
  const remote = Object.fromEntries(Object.entries(source.remote ?? {}).map(([k, v]) => [`${REMOTE_PREFIX}${k}`, remoteObject(name, `remote-${k}`, v)]));
  if (providerConfigsObserved || anyObserved(observed, Object.keys(remote))) Object.assign(backend, remote);
  const late = { ...crdInstaller(name, spec.stack), ...gatewayResources(name, spec.stack) };
  if (observedReady(observed[STACK_KEYS.envoyGateway]) || anyObserved(observed, Object.keys(late))) Object.assign(backend, late);

  Object.assign(resources, backend);
  return { resources, providerConfigsObserved, backendKeys: Object.keys(backend) };
}
