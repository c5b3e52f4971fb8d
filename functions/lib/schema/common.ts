// Shared building blocks for the Modelplane schemas: names, selectors, tolerations, taints,
// quantities, references. Everything here is plain structural schema, so it maps one-to-one onto a
// Kubernetes structural OpenAPI schema; the one union is intOrPercent, which the XRD generator
// emits as x-kubernetes-int-or-string.
import { z } from 'zod';
import { RESERVED_PREFIX } from '../k8s/labels';
import { boundedMap, withMeta, withRules, type Rule } from './rules';

/** The label/annotation prefix Modelplane reserves for itself (defined once, in lib/k8s/labels). */
export { RESERVED_PREFIX };

/** RFC 1123 DNS label (Kubernetes `IsDNS1123Label`). */
export const DNS_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 DNS subdomain (Kubernetes object names). */
export const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kubernetes qualified name: `[prefix/]name` (label keys, taint keys). */
export const QUALIFIED_NAME_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** Label value: empty or up to 63 chars, alphanumeric at both ends. */
export const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/**
 * Kubernetes resource.Quantity, as the API machinery's own CRD generators spell it: a signed
 * decimal number, then an optional binary suffix (Ki..Ei), decimal suffix (n, u, m, k, M..E) or
 * decimal exponent (e3, E-2). Case-sensitive, no whitespace.
 */
export const QUANTITY_RE = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
/** Semantic version 2.0 (the regex from semver.org), without a leading `v`. */
export const SEMVER_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export const dnsLabel = () =>
  z.string().min(1).max(63).regex(DNS_LABEL_RE, { message: 'must be a DNS label: lower-case letters, digits and "-", starting and ending with a letter or digit' });

/** Name of another Kubernetes object (DNS subdomain, <= 253). */
export const objectName = () => z.string().min(1).max(253).regex(DNS_SUBDOMAIN_RE, { message: 'must be a valid Kubernetes object name (DNS subdomain)' });

export const qualifiedName = () => z.string().min(1).max(316).regex(QUALIFIED_NAME_RE, { message: 'must be a qualified name: [prefix/]name' });

/** A Kubernetes quantity kept as its string form (e.g. `80Gi`, `1500m`). */
export const quantity = () => z.string().min(1).max(64).regex(QUANTITY_RE, { message: 'must be a Kubernetes quantity, e.g. 80Gi or 1500m' });

export const semverString = () => z.string().min(1).max(64).regex(SEMVER_RE, { message: 'must be a semantic version, e.g. 1.2.3' });

/** `{name}` of an object in the same namespace (or a cluster-scoped object). */
export const localObjectReference = z.object({ name: objectName() }).describe('A reference to an object by name.');
export type LocalObjectReference = z.output<typeof localObjectReference>;

/** `{name, key}` of a Secret in the referencing object's namespace; `key` defaults per use. */
export const secretKeySelector = (defaultKey: string) =>
  z
    .object({
      name: objectName().describe('Name of the Secret.'),
      key: z.string().min(1).max(253).default(defaultKey).describe(`Key within the Secret (default ${defaultKey}).`),
    })
    .describe('A key of a Secret in the same namespace.');
export type SecretKeySelector = z.output<ReturnType<typeof secretKeySelector>>;

/** Label map: <= 64 entries, keys qualified names, values label values. */
export const labelMap = () =>
  boundedMap(z.string().max(63).regex(LABEL_VALUE_RE, { message: 'must be a valid label value' }), 64, {
    re: QUALIFIED_NAME_RE,
    what: 'label key',
    maxLength: 316,
  });

export const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

const requirementRules: Rule<{ operator: string; values?: string[] | undefined }>[] = [
  {
    rule: "self.operator in ['In', 'NotIn'] ? (has(self.values) && size(self.values) > 0) : (!has(self.values) || size(self.values) == 0)",
    message: 'operators In and NotIn need at least one value; Exists and DoesNotExist take none',
    fieldPath: '.values',
    check: (r) => (r.operator === 'In' || r.operator === 'NotIn' ? (r.values?.length ?? 0) > 0 || ['values'] : (r.values?.length ?? 0) === 0 || ['values']),
  },
];

export const labelSelectorRequirement = withRules(
  z.object({
    key: qualifiedName().describe('The label key the selector applies to.'),
    operator: z.enum(LABEL_SELECTOR_OPERATORS).describe('In, NotIn, Exists or DoesNotExist.'),
    values: z.array(z.string().max(63)).max(64).optional().describe('Values for In and NotIn.'),
  }),
  requirementRules,
);

/** A Kubernetes label selector (matchLabels AND matchExpressions). */
export const labelSelector = z
  .object({
    matchLabels: labelMap().optional().describe('Labels that must all match exactly.'),
    matchExpressions: z.array(labelSelectorRequirement).max(16).optional().describe('Set-based requirements, all must hold.'),
  })
  .describe('A label selector; omitted or empty selects everything.');
export type LabelSelector = z.output<typeof labelSelector>;
export type LabelSelectorRequirement = z.output<typeof labelSelectorRequirement>;

/** A selector that only has matchLabels (ModelCache, ModelService). */
export const matchLabelsSelector = z
  .object({ matchLabels: labelMap().describe('Labels that must all match exactly.') })
  .describe('Selects objects whose labels include all of matchLabels.');
export type MatchLabelsSelector = z.output<typeof matchLabelsSelector>;

export const TAINT_EFFECTS = ['NoSchedule', 'NoExecute'] as const;
export const TOLERATION_EFFECTS = ['NoSchedule', 'NoExecute', ''] as const;
export const TOLERATION_OPERATORS = ['Equal', 'Exists'] as const;

type TolerationLike = { key?: string | undefined; operator?: string | undefined; value?: string | undefined };
const tolerationRules: Rule<TolerationLike>[] = [
  {
    rule: "(has(self.operator) && self.operator == 'Exists') || (has(self.key) && size(self.key) > 0)",
    message: 'operator Equal needs a key',
    fieldPath: '.key',
    check: (t) => t.operator === 'Exists' || (t.key ?? '') !== '' || ['key'],
  },
  {
    rule: "!has(self.operator) || self.operator != 'Exists' || !has(self.value) || size(self.value) == 0",
    message: 'operator Exists takes no value',
    fieldPath: '.value',
    check: (t) => t.operator !== 'Exists' || (t.value ?? '') === '' || ['value'],
  },
];

/**
 * A toleration of an InferenceCluster taint, Kubernetes semantics: an effect only matches that
 * effect (empty matches all), `Exists` with an empty key tolerates everything.
 */
export const toleration = withRules(
  z.object({
    key: z.string().max(316).optional().describe('Taint key; empty with operator Exists matches every key.'),
    operator: z.enum(TOLERATION_OPERATORS).default('Equal').describe('Equal (default) or Exists.'),
    value: z.string().max(63).optional().describe('Taint value for operator Equal.'),
    effect: z.enum(TOLERATION_EFFECTS).optional().describe('NoSchedule, NoExecute, or empty for both.'),
  }),
  tolerationRules,
);
export type Toleration = z.output<typeof toleration>;

/** A taint on an InferenceCluster: NoSchedule cordons, NoExecute drains. */
export const taint = z.object({
  key: qualifiedName().describe('Taint key.'),
  value: z.string().max(63).optional().describe('Taint value.'),
  effect: z.enum(TAINT_EFFECTS).describe('NoSchedule (cordon) or NoExecute (drain).'),
});
export type Taint = z.output<typeof taint>;

/**
 * A status condition as Crossplane writes it. Not part of any XRD (Crossplane adds
 * status.conditions itself); exported for the functions that read observed conditions.
 */
export const condition = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
  observedGeneration: z.number().int().optional(),
});
export type Condition = z.output<typeof condition>;

/** Integer with bounds; `.int()` alone would leak ±MAX_SAFE_INTEGER into the XRD (stripped there). */
export const int = (min?: number, max?: number) => {
  let s = z.number().int();
  if (min !== undefined) s = s.min(min);
  if (max !== undefined) s = s.max(max);
  return s;
};

/** `N%` with N from 0 to 999 (maxSurge, like a Deployment's, may exceed 100%). */
export const PERCENT_RE = /^(0|[1-9][0-9]{0,2})%$/;
/** `N%` with N from 0 to 100. */
export const PERCENT_100_RE = /^(100|[1-9]?[0-9])%$/;

/**
 * A count or a percentage of a total, as a Deployment's maxSurge and maxUnavailable: a whole number
 * from 0 to `max`, or a string like `25%` matching `percent`. In the XRD a field of either type
 * (x-kubernetes-int-or-string), each branch's bounds applying to its own type, the way
 * apimachinery's generated CRDs spell quantities.
 */
export const intOrPercent = (max: number, percent: RegExp = PERCENT_RE) => {
  const message = `must be a whole number from 0 to ${max} or a percentage like "25%"${percent === PERCENT_100_RE ? ' (at most 100%)' : ''}`;
  return withMeta(z.union([int(0, max), z.string().max(4).regex(percent, { message })], { error: message }), { 'x-kubernetes-int-or-string': true });
};
