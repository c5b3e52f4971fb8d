// ModelEndpoint: one OpenAI-compatible base URL that ModelServices route to. Composed by
// fn-schedule (one per ready replica) or written by an ML team for a managed provider (Together,
// Baseten, Fireworks...), with secret-backed headers for the provider's credentials.
import { z } from 'zod';
import { objectName } from './common';
import { listMap, parseWith, withRules, type ParseResult } from './rules';

/** Absolute http(s) URL with a host; path optional. */
export const HTTP_URL_RE = /^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/;
/** HTTP header field name (RFC 9110 token). */
export const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const endpointHeader = withRules(
  z.object({
    name: z.string().min(1).max(256).regex(HEADER_NAME_RE, { message: 'must be an HTTP header name' }).describe('Header name, e.g. Authorization.'),
    value: z.string().max(4096).optional().describe('A literal, non-secret value.'),
    valueFrom: z
      .object({
        secretKeyRef: z.object({
          name: objectName().describe("Secret in the endpoint's namespace."),
          key: z.string().min(1).max(253).describe('Key within the Secret.'),
        }),
      })
      .optional()
      .describe("Read the value from a Secret in the endpoint's namespace."),
    prefix: z.string().max(64).optional().describe('Prepended to the Secret value, e.g. "Bearer ".'),
  }),
  [
    {
      rule: 'has(self.value) != has(self.valueFrom)',
      message: 'a header needs exactly one of value or valueFrom',
      check: (h) => (h.value !== undefined) !== (h.valueFrom !== undefined) || [],
    },
    {
      rule: '!has(self.prefix) || has(self.valueFrom)',
      message: 'prefix is only allowed with valueFrom',
      fieldPath: '.prefix',
      check: (h) => h.prefix === undefined || h.valueFrom !== undefined || ['prefix'],
    },
  ],
).describe('A header added to every request sent to this endpoint.');
export type EndpointHeader = z.output<typeof endpointHeader>;

export const modelEndpointSpec = z.object({
  url: z
    .string()
    .min(1)
    .max(2048)
    .regex(HTTP_URL_RE, { message: 'must be an absolute http:// or https:// URL' })
    .describe('OpenAI-compatible base URL, e.g. http://10.0.0.1/ml-team/qwen-5ab63/v1 or https://api.together.xyz/v1.'),
  rewritePath: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^\//, { message: 'must start with /' })
    .default('/')
    .describe('Path prefix the ModelService path /<namespace>/<service>/ is rewritten to (default /).'),
  headers: listMap(endpointHeader, 0, 16).optional().describe('Headers added to every request, e.g. provider credentials.'),
});

export const modelEndpointStatus = z.object({
  routing: z.object({ backendName: z.string().optional().describe('The control-cluster Service that routes to this endpoint.') }).optional(),
});

export type ModelEndpointSpec = z.output<typeof modelEndpointSpec>;
export type ModelEndpointSpecInput = z.input<typeof modelEndpointSpec>;
export type ModelEndpointStatus = z.output<typeof modelEndpointStatus>;

export function parseModelEndpointSpec(obj: unknown): ParseResult<ModelEndpointSpec> {
  return parseWith(modelEndpointSpec, obj, 'spec');
}
