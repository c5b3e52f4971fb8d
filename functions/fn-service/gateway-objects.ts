// Builders for the control-cluster gateway stack (InferenceGateway `default`). Everything lands
// on the control cluster through the `in-cluster` ClusterProviderConfigs of provider-helm
// (Releases) and provider-kubernetes (Objects); the managed resources live in modelplane-system.
import { binding, CRD_INSTALLER_RULES, role } from '../lib/k8s/rbac';
import type { KubeObject } from '../lib/response';
import { MANAGED_BY } from './endpoint-objects';
import { CONTROL_GATEWAY, IN_CLUSTER_PROVIDER_CONFIG, LISTENER, METALLB_NAMESPACE, STACK, SYSTEM_NAMESPACE } from './names';
import { HEADER_PLUGIN, headerPluginValues } from './traefik-plugin';

/** Gateway API release whose standard channel is applied (what Traefik v3.7 implements). */
export const GATEWAY_API_VERSION = 'v1.5.1';
export const GATEWAY_API_INSTALL_URL = `https://github.com/kubernetes-sigs/gateway-api/releases/download/${GATEWAY_API_VERSION}/standard-install.yaml`;
/** The shell-free official kubectl image that applies the CRDs. */
export const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.34.1';
export const TRAEFIK_CHART = { name: 'traefik', repository: 'https://traefik.github.io/charts' } as const;
export const METALLB_CHART = { name: 'metallb', repository: 'https://metallb.github.io/metallb', version: '0.15.2' } as const;
/** Chart 40.0.0 ships Traefik v3.7.0, the first with HTTPRoute backendRef-level filters. */
export const MIN_TRAEFIK_CHART_MAJOR = 40;
export const TRAEFIK_CONTROLLER = 'traefik.io/gateway-controller';

/** `v1.5.1` -> `v1-5-1`, for names and keys that change with the version. */
export const versionLabel = (v: string): string => v.toLowerCase().replace(/[^a-z0-9]+/g, '-');

const providerConfigRef = { ...IN_CLUSTER_PROVIDER_CONFIG };

/** A provider-kubernetes Object applying `manifest` to the control cluster. */
export function controlObject(name: string, manifest: KubeObject): KubeObject {
  return {
    apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
    kind: 'Object',
    metadata: { name, namespace: SYSTEM_NAMESPACE, labels: { ...MANAGED_BY } },
    spec: { providerConfigRef, forProvider: { manifest } },
  };
}

interface ReleaseSpec {
  readonly name: string;
  readonly chart: { readonly name: string; readonly repository: string; readonly version: string };
  readonly namespace: string;
  readonly values: KubeObject;
}

/** A provider-helm Release; `wait` so Ready means the chart's workloads are up. */
export function release(r: ReleaseSpec): KubeObject {
  return {
    apiVersion: 'helm.m.crossplane.io/v1beta1',
    kind: 'Release',
    metadata: { name: r.name, namespace: SYSTEM_NAMESPACE, labels: { ...MANAGED_BY } },
    spec: {
      providerConfigRef,
      forProvider: {
        chart: { ...r.chart },
        namespace: r.namespace,
        wait: true,
        waitTimeout: '10m',
        values: r.values,
      },
    },
  };
}

/** Traefik with only the Gateway API (+ CRD, for Middlewares) providers, our plugin, no dashboard. */
export function traefikRelease(version: string): KubeObject {
  return release({
    name: STACK.traefik,
    chart: { ...TRAEFIK_CHART, version },
    namespace: SYSTEM_NAMESPACE,
    values: {
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
    },
  });
}

export function metallbRelease(): KubeObject {
  const { version, ...chart } = METALLB_CHART;
  return release({ name: STACK.metallb, chart: { ...chart, version }, namespace: METALLB_NAMESPACE, values: {} });
}

/** Applies the Gateway API standard-channel CRDs with server-side apply (idempotent, upgradeable). */
export function crdsInstaller(): Record<'serviceAccount' | 'clusterRole' | 'binding' | 'job', KubeObject> {
  const name = STACK.crdsInstaller;
  const labels = { ...MANAGED_BY };
  return {
    serviceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: SYSTEM_NAMESPACE, labels } },
    clusterRole: role('ClusterRole', { name, labels }, CRD_INSTALLER_RULES),
    binding: binding('ClusterRoleBinding', { name, labels }, name, { name, namespace: SYSTEM_NAMESPACE }),
    job: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: `${name}-${versionLabel(GATEWAY_API_VERSION)}`, namespace: SYSTEM_NAMESPACE, labels },
      spec: {
        backoffLimit: 10,
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            restartPolicy: 'OnFailure',
            securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'apply',
                image: KUBECTL_IMAGE,
                command: ['/bin/kubectl'],
                args: ['apply', '--server-side', '--force-conflicts', '--field-manager=modelplane', '-f', GATEWAY_API_INSTALL_URL],
                env: [{ name: 'HOME', value: '/tmp' }],
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    },
  };
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
