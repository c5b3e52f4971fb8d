// Gate, then latch. The stages of an InferenceCluster, each composed only once what it depends on
// is observed (ready), and kept once any of its resources is observed (a flickering dependency
// never deletes what already runs):
//   cluster (cloud resources; Existing: the Secret) -> provider configs -> serving stack
//   -> (gateway namespace) CRD installer -> (CRDs applied) Envoy Gateway
//   -> (Envoy Gateway and AI Gateway CRDs ready) Envoy AI Gateway controller
//   -> (Envoy Gateway and AI Gateway ready) inference gateway;
//   (system namespace) -> the capacity reporter, and the observe-only Object reading its report,
//   which is no part of the backend's readiness: a cluster serves whether or not it reports.
import type { ObservedObject } from '../lib/request';
import type { KubeObject } from '../lib/response';
import type { InferenceClusterSpec } from '../lib/schema';
import { KEYS, REMOTE_PREFIX } from './names';
import { helmProviderConfig, kubernetesProviderConfig } from './providerconfigs';
import { composedReady } from '../lib/delivery';
import type { SourceResult } from './provision/types';
import { stackResources } from './stack/components';
import { crdInstallerResources } from './stack/crds';
import { envoyAIGatewayController, envoyGatewayRelease } from './stack/envoy';
import { gatewayResources } from './stack/gateway';
import { STACK_KEYS } from './stack/keys';
import { remoteObject } from './stack/objects';
import { capacityReportObserver, capacityReporterResources } from './stack/reporter';

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

  const ready = (...keys: string[]) => keys.every((k) => composedReady(observed[k]));
  const remote = Object.fromEntries(Object.entries(source.remote ?? {}).map(([k, v]) => [`${REMOTE_PREFIX}${k}`, remoteObject(name, `remote-${k}`, v)]));
  const gated: [boolean, Record<string, KubeObject>][] = [
    [providerConfigsObserved, stackResources(name, spec.stack, source.draDriverValues)],
    [providerConfigsObserved, remote],
    [ready(STACK_KEYS.gatewayNamespace), crdInstallerResources(name, spec.stack)],
    [ready(STACK_KEYS.gatewayNamespace), capacityReporterResources(name)],
    [ready(STACK_KEYS.crdInstallerJob), { [STACK_KEYS.envoyGateway]: envoyGatewayRelease(name, spec.stack) }],
    [ready(STACK_KEYS.envoyGateway, STACK_KEYS.envoyAIGatewayCrds), { [STACK_KEYS.envoyAIGateway]: envoyAIGatewayController(name, spec.stack) }],
    [ready(STACK_KEYS.envoyGateway, STACK_KEYS.envoyAIGateway), gatewayResources(name, spec.stack)],
  ];
  const backend: Record<string, KubeObject> = {};
  for (const [open, group] of gated) if (open || anyObserved(observed, Object.keys(group))) Object.assign(backend, group);

  Object.assign(resources, backend);
  if (ready(STACK_KEYS.gatewayNamespace) || observed[KEYS.capacityReport] !== undefined) resources[KEYS.capacityReport] = capacityReportObserver(name);
  return { resources, providerConfigsObserved, backendKeys: Object.keys(backend) };
}
