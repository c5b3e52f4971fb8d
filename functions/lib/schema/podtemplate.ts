// The engine pod template of a ModelDeployment member, passed through to the workload verbatim.
//
// Only what Modelplane reads is typed: the single container named `engine` (image, command, args,
// env names) and bounded label/annotation maps without the reserved `modelplane.ai/` prefix.
// Everything else in the container and the pod spec is preserved as written
// (x-kubernetes-preserve-unknown-fields), so image, command, args, env (with valueFrom),
// resources, ports, probes, volumes, imagePullSecrets, serviceAccountName... reach the cluster as-is.
import { z } from 'zod';
import { RESERVED_PREFIX, int } from './common';
import { boundedMap, withMeta, withRules, type Rule } from './rules';

export const ENGINE_CONTAINER_NAME = 'engine';

const noReservedKeys = (what: string): Rule<Record<string, string>> => ({
  rule: `self.all(k, !k.startsWith('${RESERVED_PREFIX}'))`,
  message: `${what} may not use the reserved prefix ${RESERVED_PREFIX}`,
  check: (m) => {
    const bad = Object.keys(m).find((k) => k.startsWith(RESERVED_PREFIX));
    return bad === undefined || [bad];
  },
});

const templateLabels = withRules(boundedMap(z.string().max(63), 64), [noReservedKeys('template labels')]).describe(
  `Pod labels (<= 64); keys may not start with ${RESERVED_PREFIX}.`,
);
const templateAnnotations = withRules(boundedMap(z.string().max(65536), 64), [noReservedKeys('template annotations')]).describe(
  `Pod annotations (<= 64); keys may not start with ${RESERVED_PREFIX}.`,
);

export const envVar = z
  .looseObject({
    name: z.string().min(1).max(256).describe('Variable name.'),
    value: z.string().optional().describe('Literal value.'),
  })
  .describe('A container environment variable; valueFrom (fieldRef, secretKeyRef, configMapKeyRef...) passes through.');

export const engineContainer = z
  .looseObject({
    name: z.literal(ENGINE_CONTAINER_NAME).describe('Must be "engine".'),
    image: z.string().min(1).max(1024).describe('The inference engine image, e.g. vllm/vllm-openai:v0.11.0.'),
    command: z.array(z.string().max(16384)).max(64).optional().describe('Entrypoint override.'),
    args: z.array(z.string().max(16384)).max(256).optional().describe('Engine arguments; $(VAR) references expand as in Kubernetes.'),
    env: z.array(envVar).max(256).optional().describe('Environment variables, passed through.'),
    ports: z
      .array(z.looseObject({ containerPort: int(1, 65535), name: z.string().max(15).optional() }))
      .max(16)
      .optional()
      .describe('Container ports, passed through.'),
  })
  .describe('The engine container; every other container field passes through verbatim.');
export type EngineContainer = z.output<typeof engineContainer>;

export const podTemplate = z
  .object({
    metadata: z
      .object({
        labels: templateLabels.optional(),
        annotations: templateAnnotations.optional(),
      })
      .optional()
      .describe('Pod labels and annotations.'),
    spec: z
      .looseObject({
        containers: withMeta(z.array(engineContainer).min(1).max(1), {
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
        }).describe('Exactly one container, named "engine".'),
      })
      .describe('A pod spec; fields other than containers pass through where safe.'),
  })
  .describe('The pod template of this member, passed through verbatim.');
export type PodTemplate = z.output<typeof podTemplate>;
