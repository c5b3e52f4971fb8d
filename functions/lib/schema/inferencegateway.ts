// InferenceGateway: the control-cluster gateway every ModelService address is built on. A
// singleton named `default` (fn-service reports any other name as a condition).
//
// Traefik chart 41.3.0 (https://traefik.github.io/charts): Traefik v3.7 with the Kubernetes Gateway
// API provider. Routing needs chart >= 40 (Traefik v3.7: HTTPRoute backendRef-level filters);
// the chart no longer ships the Gateway API CRDs, fn-service installs them.
import { z } from 'zod';
import { parseWith, withRules, type ParseResult } from './rules';

export const GATEWAY_BACKENDS = ['Traefik'] as const;
export const DEFAULT_TRAEFIK_CHART_VERSION = '41.3.0';
export const INFERENCE_GATEWAY_NAME = 'default';

/** A MetalLB address pool: a CIDR or a `first-last` IP range. */
export const ADDRESS_POOL_RE = /^([0-9a-fA-F.:]+\/[0-9]{1,3}|[0-9a-fA-F.:]+-[0-9a-fA-F.:]+)$/;

export const traefikSpec = withRules(
  z.object({
    version: z
      .string()
      .min(1)
      .max(64)
      .regex(/^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$/, { message: 'must be a chart version, e.g. 41.3.0' })
      .default(DEFAULT_TRAEFIK_CHART_VERSION)
      .describe(`Traefik Helm chart version (default ${DEFAULT_TRAEFIK_CHART_VERSION}).`),
    loadBalancer: z.enum(['MetalLB']).optional().describe('MetalLB: install MetalLB for bare metal / kind; omitted: the cloud load balancer.'),
    metallb: z
      .object({
        addressPool: z.string().min(1).max(128).regex(ADDRESS_POOL_RE, { message: 'must be a CIDR or an IP range first-last' }).describe('e.g. 172.18.255.200-172.18.255.250.'),
      })
      .optional(),
  }),
  [
    {
      rule: "!has(self.metallb) || (has(self.loadBalancer) && self.loadBalancer == 'MetalLB')",
      message: 'metallb is only allowed with loadBalancer MetalLB',
      fieldPath: '.metallb',
      check: (t) => t.metallb === undefined || t.loadBalancer === 'MetalLB' || ['metallb'],
    },
    {
      rule: "!has(self.loadBalancer) || self.loadBalancer != 'MetalLB' || has(self.metallb)",
      message: 'loadBalancer MetalLB needs metallb.addressPool',
      fieldPath: '.metallb',
      check: (t) => t.loadBalancer !== 'MetalLB' || t.metallb !== undefined || ['metallb'],
    },
  ],
)
  .prefault({})
  .describe('Traefik settings.');

export const inferenceGatewaySpec = z.object({
  backend: z.enum(GATEWAY_BACKENDS).default('Traefik').describe('Gateway implementation (default Traefik).'),
  traefik: traefikSpec,
});

export const inferenceGatewayStatus = z.object({
  address: z.string().optional().describe('host[:port] every ModelService URL is built on.'),
});

export type TraefikSpec = z.output<typeof traefikSpec>;
export type InferenceGatewaySpec = z.output<typeof inferenceGatewaySpec>;
export type InferenceGatewayStatus = z.output<typeof inferenceGatewayStatus>;

export function parseInferenceGatewaySpec(obj: unknown): ParseResult<InferenceGatewaySpec> {
  return parseWith(inferenceGatewaySpec, obj, 'spec');
}
