// ModelService: one OpenAI-compatible address spreading traffic over ModelEndpoints in its own
// namespace. Each entry's weight is split evenly over the ready endpoints its selector matches.
import { z } from 'zod';
import { int, matchLabelsSelector } from './common';
import { parseWith, withRules, type ParseResult } from './rules';

export const serviceEndpointEntry = z.object({
  selector: withRules(matchLabelsSelector, [
    {
      rule: 'size(self.matchLabels) > 0',
      message: 'selector.matchLabels needs at least one label',
      fieldPath: '.matchLabels',
      check: (s) => Object.keys(s.matchLabels ?? {}).length > 0 || ['matchLabels'],
    },
  ]).describe('Selects ModelEndpoints in this namespace by label (at least one label).'),
  weight: int(1, 1000000).default(1).describe('Relative share of traffic for this entry (default 1).'),
});
export type ServiceEndpointEntry = z.output<typeof serviceEndpointEntry>;

export const modelServiceSpec = z.object({
  endpoints: z.array(serviceEndpointEntry).min(1).max(64).describe('Weighted groups of ModelEndpoints.'),
});

export const modelServiceStatus = z.object({
  address: z.string().optional().describe('http://<gateway address>/<namespace>/<name>: the OpenAI-compatible base URL.'),
});

export type ModelServiceSpec = z.output<typeof modelServiceSpec>;
export type ModelServiceStatus = z.output<typeof modelServiceStatus>;

export function parseModelServiceSpec(obj: unknown): ParseResult<ModelServiceSpec> {
  return parseWith(modelServiceSpec, obj, 'spec');
}
