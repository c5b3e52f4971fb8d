// InferenceClass: a hardware recipe. `devices` is what each node of a pool of this class carries,
// in the Kubernetes DRA vocabulary ML teams write selectors against (driver, attributes, capacity);
// `provisioning` is how a managed pool of this class is created (omitted for bring-your-own pools).
import { z } from 'zod';
import { dnsLabel, int, objectName, quantity, semverString } from './common';
import { blockRules, optionalBlocks, orList } from './blocks';
import { CLOUDS, type Provider } from './clouds';
import { boundedMap, listMap, parseWith, withRules, type ParseResult } from './rules';

export const DEVICE_CLAIMS = ['DRA', 'Synthetic'] as const;
/** The clouds that provision pools, in registry order (clouds/index.ts). */
export const PROVIDERS = CLOUDS.map((c) => c.source) as unknown as readonly [Provider, ...Provider[]];
export type DeviceClaim = (typeof DEVICE_CLAIMS)[number];
export type { Provider };

/**
 * DRA attribute/capacity key: a C identifier (<= 32 chars), optionally qualified with a DNS
 * subdomain `domain/`. A bare key lives in the device's driver domain.
 */
export const DEVICE_KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z_][A-Za-z0-9_]{0,31}$/;
const deviceKey = { re: DEVICE_KEY_RE, what: 'attribute name ([domain/]identifier)', maxLength: 96 };

/** One typed attribute value, DRA style: exactly one of string, int, bool, version. */
export const deviceAttribute = withRules(
  z.object({
    string: z.string().max(64).optional(),
    int: z.number().int().optional(),
    bool: z.boolean().optional(),
    version: semverString().optional().describe('A semantic version, compared with semver().'),
  }),
  [
    {
      rule: '(has(self.string) ? 1 : 0) + (has(self.int) ? 1 : 0) + (has(self.bool) ? 1 : 0) + (has(self.version) ? 1 : 0) == 1',
      message: 'an attribute has exactly one of string, int, bool or version',
      check: (a) => [a.string, a.int, a.bool, a.version].filter((v) => v !== undefined).length === 1 || [],
    },
  ],
).describe('exactly one of string, int, bool, version');
export type DeviceAttribute = z.output<typeof deviceAttribute>;

export const deviceCapacity = z.object({ value: quantity().describe('A Kubernetes quantity, e.g. 80Gi.') });
export type DeviceCapacity = z.output<typeof deviceCapacity>;

export const classDevice = withRules(
  z.object({
    name: dnsLabel().describe('Device name, unique within the class.'),
    claim: z.enum(DEVICE_CLAIMS).default('DRA').describe('DRA (default): claimed through DRA. Synthetic: matched for placement, never claimed.'),
    driver: z
      .string()
      .min(1)
      .max(63)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, { message: 'must be a DNS subdomain, e.g. gpu.nvidia.com' })
      .describe('DRA driver, e.g. gpu.nvidia.com; the CEL domain of bare attribute and capacity keys.'),
    deviceClassName: objectName().optional().describe('The DRA DeviceClass to claim from; required when claim is DRA.'),
    count: int(1, 64).default(1).describe('Devices of this kind per node.'),
    attributes: boundedMap(deviceAttribute, 32, deviceKey).optional().describe('Typed attributes (<= 32), e.g. productName, architecture, driverVersion.'),
    capacity: boundedMap(deviceCapacity, 32, deviceKey).optional().describe('Capacities (<= 32), e.g. memory: {value: 80Gi}.'),
  }),
  [
    {
      rule: "(has(self.claim) && self.claim == 'Synthetic') || has(self.deviceClassName)",
      message: 'deviceClassName is required when claim is DRA',
      fieldPath: '.deviceClassName',
      check: (d) => d.claim === 'Synthetic' || d.deviceClassName !== undefined || ['deviceClassName'],
    },
  ],
);
export type ClassDevice = z.output<typeof classDevice>;

const providerBlocks = CLOUDS.map((c) => ({ value: c.source, field: c.field }));

export const provisioning = withRules(
  z.object({
    provider: z.enum(PROVIDERS).describe(`${orList(PROVIDERS)}.`),
    ...optionalBlocks(CLOUDS, 'recipe'),
  }),
  blockRules('provider', 'recipe', providerBlocks),
).describe('How managed pools of this class are created; omitted for bring-your-own pools.');
export type Provisioning = z.output<typeof provisioning>;

export const inferenceClassSpec = z.object({
  description: z.string().max(1024).optional().describe('Human-readable description.'),
  devices: listMap(classDevice, 1, 16).describe('What each node of a pool of this class carries.'),
  provisioning: provisioning.optional(),
});

/** InferenceClass publishes only conditions (added by Crossplane). */
export const inferenceClassStatus = z.object({});

export type InferenceClassSpec = z.output<typeof inferenceClassSpec>;
export type InferenceClassStatus = z.output<typeof inferenceClassStatus>;

export function parseInferenceClassSpec(obj: unknown): ParseResult<InferenceClassSpec> {
  return parseWith(inferenceClassSpec, obj, 'spec');
}
