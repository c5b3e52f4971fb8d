// The serving stack fn-inferencecluster installs on every InferenceCluster, with pinned,
// overridable versions. Defaults are written into the object by the API server at creation (they
// are XRD defaults), so a cluster keeps the versions it was created with until someone edits them.
//
// Version decisions (looked up in the projects' docs and release notes, mid 2026):
// - Gateway API CRDs v1.5.1, standard channel (what llm-d's gateway guide and Traefik v3.7 install).
// - LeaderWorkerSet chart 0.8.0 (oci://registry.k8s.io/lws/charts/lws): latest sigs.k8s.io/lws.
// - NVIDIA DRA Driver for GPUs chart 25.12.0 (nvidia-dra-driver-gpu, helm.ngc.nvidia.com/nvidia):
//   first release documented with GPU allocation via resource.k8s.io/v1.
// - Node Feature Discovery chart 0.18.3 (oci://registry.k8s.io/nfd/charts/node-feature-discovery):
//   the "stable" docs release, also what the GPU operator pins.
// - cert-manager v1.20.2 (oci://quay.io/jetstack/charts/cert-manager).
// - Envoy Gateway v1.8.1 (oci://docker.io/envoyproxy/gateway-helm): the version llm-d's Envoy guide
//   pairs with Gateway API Inference Extension v1.5.0.
// - Envoy AI Gateway v1.1.0 (oci://docker.io/envoyproxy/ai-gateway-crds-helm and ai-gateway-helm):
//   Envoy Gateway routes HTTPRoute backendRefs of kind InferencePool only through this extension.
//   v1.1.0 is the newest 1.x release and is built and documented against exactly Envoy Gateway
//   v1.8.1 and Gateway API v1.5.1 (its release notes' dependency table and docs _vars), the pins here.
// - Gateway API Inference Extension v1.5.0: InferencePool CRDs and the inferencepool chart.
// - llm-d router v0.10.0: llm-d-router-endpoint-picker (EPP, prefix-cache + queue aware) and
//   llm-d-router-disagg-sidecar (the P/D routing sidecar), both shipped at v0.10.0 in llm-d v0.9.0.
// - NVIDIA Dynamo platform chart 1.5.1 (dynamo-platform), opt-in (`dynamo.enabled: false`).
import { z } from 'zod';
import { int } from './common';

export const STACK_VERSIONS = {
  gatewayApi: 'v1.5.1',
  leaderWorkerSet: '0.8.0',
  nvidiaDraDriver: '25.12.0',
  nodeFeatureDiscovery: '0.18.3',
  certManager: 'v1.20.2',
  envoyGateway: 'v1.8.1',
  envoyAIGateway: 'v1.1.0',
  inferenceExtension: 'v1.5.0',
  llmdRouter: 'v0.10.0',
  dynamo: '1.5.1',
} as const;

const VERSION_RE = /^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$/;
const version = (def: string, what: string) =>
  z.string().min(1).max(64).regex(VERSION_RE, { message: 'must be a version, e.g. v1.2.3' }).default(def).describe(`${what} (default ${def}).`);

const component = (def: string, what: string) => z.object({ version: version(def, what) }).prefault({});

export const stackSpec = z
  .object({
    gatewayApi: component(STACK_VERSIONS.gatewayApi, 'Gateway API CRD release, standard channel'),
    leaderWorkerSet: component(STACK_VERSIONS.leaderWorkerSet, 'LeaderWorkerSet chart version'),
    nvidiaDraDriver: component(STACK_VERSIONS.nvidiaDraDriver, 'NVIDIA DRA Driver for GPUs chart version'),
    nodeFeatureDiscovery: component(STACK_VERSIONS.nodeFeatureDiscovery, 'Node Feature Discovery chart version'),
    certManager: component(STACK_VERSIONS.certManager, 'cert-manager chart version'),
    envoyGateway: component(STACK_VERSIONS.envoyGateway, 'Envoy Gateway chart version'),
    envoyAIGateway: component(STACK_VERSIONS.envoyAIGateway, 'Envoy AI Gateway chart version, CRD and controller charts'),
    inferenceExtension: component(STACK_VERSIONS.inferenceExtension, 'Gateway API Inference Extension release (CRDs and inferencepool chart)'),
    llmdRouter: component(STACK_VERSIONS.llmdRouter, 'llm-d router image tag (endpoint picker and P/D sidecar)'),
    dynamo: z
      .object({
        enabled: z.boolean().default(false).describe('Install the NVIDIA Dynamo platform chart (default false).'),
        version: version(STACK_VERSIONS.dynamo, 'NVIDIA Dynamo platform chart version'),
      })
      .prefault({}),
    gateway: z
      .object({
        listenerPort: int(1, 65535).default(80).describe('HTTP listener port of the inference-gateway (default 80).'),
        serviceType: z.enum(['LoadBalancer', 'NodePort', 'ClusterIP']).default('LoadBalancer').describe('Service type of the gateway (default LoadBalancer).'),
      })
      .prefault({})
      .describe('The Gateway named inference-gateway.'),
  })
  .prefault({})
  .describe('Serving stack components with pinned, overridable versions.');
export type StackSpec = z.output<typeof stackSpec>;
