// Builders for the control-cluster gateway stack (InferenceGateway `default`). Everything lands
// on the control cluster through the `in-cluster` ClusterProviderConfigs of provider-helm
// (Releases) and provider-kubernetes (Objects); the managed resources live in modelplane-system.
import {
  crdInstaller,
  gatewayApiInstallUrl,
  helmRelease,
  IN_CLUSTER_PROVIDER_CONFIG,
  providerObject,
  type Chart,
  type CrdInstaller,
  type HelmRelease,
  type ProviderObject,
} from '../lib/delivery';
import { MANAGED_BY } from '../lib/k8s/labels';
import type { KubeObject } from '../lib/response';
import { CONTROL_GATEWAY, LISTENER, METALLB_NAMESPACE, STACK, SYSTEM_NAMESPACE } from './names';
import { HEADER_PLUGIN, headerPluginValues } from './traefik-plugin';

/** Gateway API release whose standard channel is applied (what Traefik v3.7 implements). */
export const GATEWAY_API_VERSION = 'v1.5.1';
export const TRAEFIK_CHART = { name: 'traefik', repository: 'https://traefik.github.io/charts' } as const;
export const METALLB_CHART = { name: 'metallb', repository: 'https://metallb.github.io/metallb', version: '0.15.2' } as const;
/** Chart 40.0.0 ships Traefik v3.7.0, the first with HTTPRoute backendRef-level filters. */
export const MIN_TRAEFIK_CHART_MAJOR = 40;
export const TRAEFIK_CONTROLLER = 'traefik.io/gateway-controller';

/** `v1.5.1` -> `v1-5-1`, for names and keys that change with the version. */
export const versionLabel = (v: string): string => v.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A provider-kubernetes Object applying `manifest` to the control cluster. */
export const controlObject = (name: string, manifest: object): ProviderObject =>
  providerObject({ name, namespace: SYSTEM_NAMESPACE, labels: MANAGED_BY, providerConfig: IN_CLUSTER_PROVIDER_CONFIG, manifest });

/** A provider-helm Release on the control cluster. */
const release = (name: string, chart: Chart, namespace: string, values: KubeObject): HelmRelease =>
  helmRelease({ name, namespace: SYSTEM_NAMESPACE, labels: MANAGED_BY, providerConfig: IN_CLUSTER_PROVIDER_CONFIG, chart, targetNamespace: namespace, values });

/** Traefik with only the Gateway API (+ CRD, for Middlewares) providers, our plugin, no dashboard. */
export function traefikRelease(version: string): HelmRelease {
  return release(STACK.traefik, { ...TRAEFIK_CHART, version }, SYSTEM_NAMESPACE, {
    providers: {
      kubernetesGateway: { enabled: true },
      kubernetesCRD: { enabled: true },
      kubernetesIngress: { enabled: false },
    },
    // The GatewayClass and Gateway are ours (below), not the chart's.
    gateway: { enabled: false },
    gatewayClass: { enabled: false },
    ingressClass: { enabled: false },
    // The API would show resolved plugin configuration, i.e. provider credentials.
    api: { dashboard: false },
    ports: { web: { port: LISTENER.port, exposedPort: LISTENER.exposedPort } },
    experimental: { localPlugins: { [HEADER_PLUGIN]: headerPluginValues() } },
  });
}

export function metallbRelease(): HelmRelease {
  return release(STACK.metallb, METALLB_CHART, METALLB_NAMESPACE, {});
}

/** Applies the Gateway API standard-channel CRDs with server-side apply (idempotent, upgradeable). */
export function crdsInstaller(): CrdInstaller {
  const name = STACK.crdsInstaller;
  return crdInstaller({
    name,
    namespace: SYSTEM_NAMESPACE,
    labels: MANAGED_BY,
    urls: [gatewayApiInstallUrl(GATEWAY_API_VERSION)],
    jobName: `${name}-${versionLabel(GATEWAY_API_VERSION)}`,
  });
}

export function gatewayClass(): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: CONTROL_GATEWAY.className, labels: { ...MANAGED_BY } },
    spec: { controllerName: TRAEFIK_CONTROLLER, description: 'Modelplane control-cluster gateway (Traefik).' },
  };
}

/** HTTP on Traefik's `web` entry point; routes from every namespace (ModelServices live anywhere). */
export function gateway(): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: CONTROL_GATEWAY.name, namespace: CONTROL_GATEWAY.namespace, labels: { ...MANAGED_BY } },
    spec: {
      gatewayClassName: CONTROL_GATEWAY.className,
      listeners: [
        {
          name: LISTENER.name,
          protocol: 'HTTP',
          port: LISTENER.port,
          allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] },
        },
      ],
    },
  };
}

export function metallbPool(addressPool: string): Record<'pool' | 'l2', KubeObject> {
  const meta = { name: STACK.metallbPool, namespace: METALLB_NAMESPACE, labels: { ...MANAGED_BY } };
  return {
    pool: { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: meta, spec: { addresses: [addressPool] } },
    l2: { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: meta, spec: { ipAddressPools: [STACK.metallbPool] } },
  };
}
