// ModelCache: model weights staged once per InferenceCluster on ReadWriteMany storage and mounted
// at /mnt/models by deployments that reference the cache.
import { z } from 'zod';
import { int, matchLabelsSelector, secretKeySelector } from './common';
import { parseWith, withRules, type ParseResult } from './rules';

export const MODEL_CACHE_SOURCES = ['HuggingFace', 'NGC'] as const;
export const CACHE_CLUSTER_PHASES = ['Pending', 'Hydrating', 'Ready', 'Failed'] as const;
export type ModelCacheSource = (typeof MODEL_CACHE_SOURCES)[number];
export type CacheClusterPhase = (typeof CACHE_CLUSTER_PHASES)[number];

/** Hugging Face repository id: `org/name`. */
export const HF_REPO_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** NGC model version: `org/[team/]name:version`. */
export const NGC_RESOURCE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*){1,2}:[A-Za-z0-9][A-Za-z0-9._+-]*$/;

export const DEFAULT_HF_TOKEN_KEY = 'HF_TOKEN';
export const DEFAULT_NGC_KEY = 'NGC_API_KEY';

export const huggingFaceSource = z.object({
  repo: z.string().min(3).max(256).regex(HF_REPO_RE, { message: 'must be a Hugging Face repository id: org/name' }).describe('Repository id, e.g. Qwen/Qwen3-8B.'),
  revision: z.string().min(1).max(256).optional().describe('Branch, tag or commit; default main.'),
  authSecret: secretKeySelector(DEFAULT_HF_TOKEN_KEY).optional().describe('Secret with a Hugging Face token (key default HF_TOKEN).'),
});

export const ngcSource = z.object({
  resource: z
    .string()
    .min(3)
    .max(256)
    .regex(NGC_RESOURCE_RE, { message: 'must be an NGC model version: org/[team/]name:version' })
    .describe('NGC model version, org/[team/]name:version.'),
  authSecret: secretKeySelector(DEFAULT_NGC_KEY).optional().describe('Secret with an NGC API key (key default NGC_API_KEY).'),
});

type CacheLike = { source?: string; huggingFace?: unknown; ngc?: unknown };
export const modelCacheSpec = withRules(
  z.object({
    source: z.enum(MODEL_CACHE_SOURCES).describe('HuggingFace or NGC.'),
    huggingFace: huggingFaceSource.optional(),
    ngc: ngcSource.optional(),
    sizeGiB: int(1, 100000).describe('Size of the ReadWriteMany volume per cluster, in GiB.'),
    clusterSelector: matchLabelsSelector.optional().describe('Which InferenceClusters hold the cache; omitted: every cluster.'),
  }),
  [
    {
      rule: "self.source != 'HuggingFace' || (has(self.huggingFace) && !has(self.ngc))",
      message: 'source HuggingFace needs huggingFace (and no ngc)',
      fieldPath: '.huggingFace',
      check: (c: CacheLike) => c.source !== 'HuggingFace' || (c.huggingFace !== undefined && c.ngc === undefined) || [c.huggingFace === undefined ? 'huggingFace' : 'ngc'],
    },
    {
      rule: "self.source != 'NGC' || (has(self.ngc) && !has(self.huggingFace))",
      message: 'source NGC needs ngc (and no huggingFace)',
      fieldPath: '.ngc',
      check: (c: CacheLike) => c.source !== 'NGC' || (c.ngc !== undefined && c.huggingFace === undefined) || [c.ngc === undefined ? 'ngc' : 'huggingFace'],
    },
  ],
);

export const modelCacheStatus = z.object({
  summary: z
    .object({
      ready: int(0).optional().describe('Matched clusters where the cache is Ready.'),
      total: int(0).optional().describe('Matched clusters.'),
      text: z.string().optional().describe('"ready/total", shown by the CLUSTERS printer column (a printer column cannot format).'),
    })
    .optional(),
  clusters: z
    .array(
      z.object({
        name: z.string().describe('InferenceCluster name.'),
        phase: z.enum(CACHE_CLUSTER_PHASES).describe('Pending, Hydrating, Ready or Failed.'),
        message: z.string().optional(),
        artifact: z.string().optional().describe('The artifact the phase refers to (huggingface:<repo>@<revision> or ngc:<resource>); a Ready phase holds only for it.'),
      }),
    )
    .optional()
    .describe('Per-cluster hydration state.'),
});

export type HuggingFaceSource = z.output<typeof huggingFaceSource>;
export type NgcSource = z.output<typeof ngcSource>;
export type ModelCacheSpec = z.output<typeof modelCacheSpec>;
export type ModelCacheStatus = z.output<typeof modelCacheStatus>;

export function parseModelCacheSpec(obj: unknown): ParseResult<ModelCacheSpec> {
  return parseWith(modelCacheSpec, obj, 'spec');
}
