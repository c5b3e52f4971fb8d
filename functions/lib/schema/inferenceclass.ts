// InferenceClass: a hardware recipe. `devices` is what each node of a pool of this class carries,
// in the Kubernetes DRA vocabulary ML teams write selectors against (driver, attributes, capacity);
// `provisioning` is how a managed pool of this class is created (omitted for bring-your-own pools).
import { z } from 'zod';
import { dnsLabel, int, objectName, quantity, semverString } from './common';
import { boundedMap, listMap, parseWith, withRules, type ParseResult } from './rules';

export const DEVICE_CLAIMS = ['DRA', 'Synthetic'] as const;
export const PROVIDERS = ['GKE', 'EKS', 'AKS'] as const;
export type DeviceClaim = (typeof DEVICE_CLAIMS)[number];
export type Provider = (typeof PROVIDERS)[number];

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

const accelerator = z
  .object({
    type: z.string().min(1).max(128).describe('Accelerator type, e.g. nvidia-l4 (GKE) or the cloud\'s GPU name.'),
    count: int(1, 16).describe('Accelerators per node.'),
  })
  .describe('The GPU attached to each node.');
const diskSizeGb = () => int(10, 65536).default(100).describe('Boot disk size in GB (default 100).');

export const gkeRecipe = z.object({
  machineType: z.string().min(1).max(128).describe('GCE machine type, e.g. g2-standard-8.'),
  diskSizeGb: diskSizeGb(),
  accelerator: accelerator.optional(),
});
export const eksRecipe = z.object({
  instanceType: z.string().min(1).max(128).describe('EC2 instance type, e.g. p4de.24xlarge.'),
  diskSizeGb: diskSizeGb(),
  accelerator: accelerator.optional(),
});
export const aksRecipe = z.object({
  vmSize: z.string().min(1).max(128).describe('Azure VM size, e.g. Standard_ND96amsr_A100_v4.'),
  diskSizeGb: diskSizeGb(),
  accelerator: accelerator.optional(),
});

const recipeRule = (provider: 'GKE' | 'EKS' | 'AKS', field: 'gke' | 'eks' | 'aks') => ({
  rule: `self.provider != '${provider}' || has(self.${field})`,
  message: `provider ${provider} needs ${field}`,
  fieldPath: `.${field}`,
  check: (p: { provider?: string; gke?: unknown; eks?: unknown; aks?: unknown }) => p.provider !== provider || p[field] !== undefined || [field],
});

export const provisioning = withRules(
  z.object({
    provider: z.enum(PROVIDERS).describe('GKE, EKS or AKS.'),
    gke: gkeRecipe.optional(),
    eks: eksRecipe.optional(),
    aks: aksRecipe.optional(),
  }),
  [
    recipeRule('GKE', 'gke'),
    recipeRule('EKS', 'eks'),
    recipeRule('AKS', 'aks'),
    {
      rule: '(has(self.gke) ? 1 : 0) + (has(self.eks) ? 1 : 0) + (has(self.aks) ? 1 : 0) <= 1',
      message: 'set only the recipe of the chosen provider',
      check: (p) => [p.gke, p.eks, p.aks].filter((v) => v !== undefined).length <= 1 || [],
    },
  ],
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
