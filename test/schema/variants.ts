// Invalid variants of the examples, each breaking exactly one cross-field rule. Shared by the
// cel-js test and the real `crossplane beta validate` test. `want` is the rule's message, which the
// zod half reports too.
import { loadExamples, type Obj } from './support';

export interface Variant {
  name: string;
  /** Example file name prefix (e.g. '09-'). */
  from: string;
  mutate: (d: any) => void;
  want: string;
}

export const VARIANTS: Variant[] = [
  // ModelDeployment
  {
    name: 'two Standalone members',
    from: '09-',
    want: 'an engine is exactly one Standalone member, or exactly one Leader plus one Worker',
    mutate: (d) => d.spec.engines[0].members.push(structuredClone(d.spec.engines[0].members[0])),
  },
  {
    name: 'a Leader without a Worker',
    from: '10-',
    want: 'an engine is exactly one Standalone member, or exactly one Leader plus one Worker',
    mutate: (d) => d.spec.engines[0].members.pop(),
  },
  {
    name: 'two Leaders',
    from: '10-',
    want: 'an engine is exactly one Standalone member, or exactly one Leader plus one Worker',
    mutate: (d) => {
      d.spec.engines[0].members[1].role = 'Leader';
      delete d.spec.engines[0].members[1].worker;
    },
  },
  {
    name: 'no member with a nodeSelector',
    from: '10-',
    want: 'at least one member of an engine must have a nodeSelector',
    mutate: (d) => {
      for (const m of d.spec.engines[0].members) delete m.nodeSelector;
    },
  },
  { name: 'worker on a Leader', from: '10-', want: 'worker is only allowed on a member with role Worker', mutate: (d) => (d.spec.engines[0].members[0].worker = { nodes: 1 }) },
  {
    name: 'worker on a defaulted Standalone',
    from: '09-',
    want: 'worker is only allowed on a member with role Worker',
    mutate: (d) => (d.spec.engines[0].members[0].worker = { nodes: 2 }),
  },
  {
    name: 'strategy with maxSurge and maxUnavailable both 0',
    from: '09-',
    want: 'spec.strategy: maxSurge and maxUnavailable cannot both be 0 or 0% (no replica could move)',
    mutate: (d) => (d.spec.strategy = { maxSurge: 0, maxUnavailable: 0 }),
  },
  {
    name: 'strategy maxSurge 0 with maxUnavailable defaulted',
    from: '09-',
    want: 'spec.strategy: maxSurge and maxUnavailable cannot both be 0 or 0% (no replica could move)',
    mutate: (d) => (d.spec.strategy = { maxSurge: 0 }),
  },
  {
    name: 'strategy maxSurge 0% and maxUnavailable 0',
    from: '09-',
    want: 'spec.strategy: maxSurge and maxUnavailable cannot both be 0 or 0% (no replica could move)',
    mutate: (d) => (d.spec.strategy = { maxSurge: '0%', maxUnavailable: 0 }),
  },
  {
    name: 'strategy maxSurge 0 and maxUnavailable 0%',
    from: '09-',
    want: 'spec.strategy: maxSurge and maxUnavailable cannot both be 0 or 0% (no replica could move)',
    mutate: (d) => (d.spec.strategy = { maxSurge: 0, maxUnavailable: '0%' }),
  },
  {
    name: 'PrefillDecode with one engine',
    from: '11-',
    want: 'serving mode PrefillDecode needs exactly two engines, one with phase Prefill and one with phase Decode',
    mutate: (d) => d.spec.engines.pop(),
  },
  {
    name: 'PrefillDecode with two Prefill engines',
    from: '11-',
    want: 'serving mode PrefillDecode needs exactly two engines, one with phase Prefill and one with phase Decode',
    mutate: (d) => (d.spec.engines[1].phase = 'Prefill'),
  },
  {
    name: 'PrefillDecode engine without phase',
    from: '11-',
    want: 'serving mode PrefillDecode needs exactly two engines, one with phase Prefill and one with phase Decode',
    mutate: (d) => delete d.spec.engines[1].phase,
  },
  {
    name: 'PrefillDecode across two runtimes (one defaulted)',
    from: '11-',
    want: 'serving mode PrefillDecode needs both engines on the same runtime (the KV cache moves between them)',
    mutate: (d) => (d.spec.engines[1].runtime = 'SGLang'),
  },
  { name: 'phase under Unified (explicit)', from: '11-', want: 'engine phase is only allowed with serving mode PrefillDecode', mutate: (d) => (d.spec.serving.mode = 'Unified') },
  {
    name: 'phase under Unified (defaulted)',
    from: '09-',
    want: 'engine phase is only allowed with serving mode PrefillDecode',
    mutate: (d) => (d.spec.engines[0].phase = 'Decode'),
  },
  { name: 'toleration Equal without key', from: '09-', want: 'operator Equal needs a key', mutate: (d) => (d.spec.tolerations = [{ value: 'x', effect: 'NoSchedule' }]) },
  {
    name: 'toleration Exists with a value',
    from: '09-',
    want: 'operator Exists takes no value',
    mutate: (d) => (d.spec.tolerations = [{ key: 'k', operator: 'Exists', value: 'x' }]),
  },
  {
    name: 'reserved template label',
    from: '09-',
    want: 'template labels may not use the reserved prefix modelplane.ai/',
    mutate: (d) => (d.spec.engines[0].members[0].template.metadata = { labels: { 'modelplane.ai/pool': 'h100' } }),
  },
  {
    name: 'reserved template annotation',
    from: '10-',
    want: 'template annotations may not use the reserved prefix modelplane.ai/',
    mutate: (d) => (d.spec.engines[0].members[1].template.metadata = { annotations: { 'modelplane.ai/rank': '1' } }),
  },
  {
    name: 'In without values',
    from: '09-',
    want: 'operators In and NotIn need at least one value; Exists and DoesNotExist take none',
    mutate: (d) => (d.spec.clusterSelector.matchExpressions[0].values = []),
  },
  {
    name: 'Exists with values',
    from: '09-',
    want: 'operators In and NotIn need at least one value; Exists and DoesNotExist take none',
    mutate: (d) => (d.spec.clusterSelector.matchExpressions[0].operator = 'Exists'),
  },
  // ModelCache
  { name: 'NGC source with a huggingFace block', from: '08-', want: 'source NGC needs ngc (and no huggingFace)', mutate: (d) => (d.spec.source = 'NGC') },
  {
    name: 'HuggingFace source with an ngc block too',
    from: '08-',
    want: 'source HuggingFace needs huggingFace (and no ngc)',
    mutate: (d) => (d.spec.ngc = { resource: 'nvidia/llama:1.0' }),
  },
  // InferenceClass
  { name: 'DRA device without deviceClassName', from: '01-', want: 'deviceClassName is required when claim is DRA', mutate: (d) => delete d.spec.devices[0].deviceClassName },
  {
    name: 'attribute with two values',
    from: '01-',
    want: 'an attribute has exactly one of string, int, bool or version',
    mutate: (d) => (d.spec.devices[0].attributes.productName.bool = true),
  },
  { name: 'attribute with no value', from: '03-', want: 'an attribute has exactly one of string, int, bool or version', mutate: (d) => (d.spec.devices[1].attributes.model = {}) },
  {
    name: 'provider without its recipe',
    from: '02-',
    want: 'provider EKS needs eks',
    mutate: (d) => {
      d.spec.provisioning.gke = { machineType: 'a2-ultragpu-8g' };
      delete d.spec.provisioning.eks;
    },
  },
  { name: 'two recipes', from: '01-', want: 'set only the recipe of the chosen provider', mutate: (d) => (d.spec.provisioning.aks = { vmSize: 'Standard_NC24ads_A100_v4' }) },
  // InferenceCluster
  {
    name: 'GKE source without gke',
    from: '05-',
    want: 'source GKE needs gke',
    mutate: (d) => {
      d.spec.cluster.eks = { region: 'us-east-1' };
      delete d.spec.cluster.gke;
    },
  },
  { name: 'two source blocks', from: '04-', want: 'set only the block of the chosen source', mutate: (d) => (d.spec.cluster.aks = { location: 'eastus' }) },
  { name: 'minNodeCount above maxNodeCount', from: '05-', want: 'minNodeCount must not exceed maxNodeCount', mutate: (d) => (d.spec.nodePools[0].minNodeCount = 5) },
  // ModelEndpoint
  { name: 'header with value and valueFrom', from: '12-', want: 'a header needs exactly one of value or valueFrom', mutate: (d) => (d.spec.headers[0].value = 'Bearer x') },
  {
    name: 'header with neither value nor valueFrom',
    from: '12-',
    want: 'a header needs exactly one of value or valueFrom',
    mutate: (d) => {
      delete d.spec.headers[0].valueFrom;
      delete d.spec.headers[0].prefix;
    },
  },
  {
    name: 'prefix on a literal header',
    from: '12-',
    want: 'prefix is only allowed with valueFrom',
    mutate: (d) => {
      delete d.spec.headers[0].valueFrom;
      d.spec.headers[0].value = 'x';
    },
  },
  // ModelService
  { name: 'empty matchLabels', from: '13-', want: 'selector.matchLabels needs at least one label', mutate: (d) => (d.spec.endpoints[1].selector.matchLabels = {}) },
  // InferenceGateway
  { name: 'metallb without loadBalancer MetalLB', from: '07-', want: 'metallb is only allowed with loadBalancer MetalLB', mutate: (d) => delete d.spec.traefik.loadBalancer },
  { name: 'MetalLB without an address pool', from: '07-', want: 'loadBalancer MetalLB needs metallb.addressPool', mutate: (d) => delete d.spec.traefik.metallb },
];

/** Materializes a variant: the example doc, mutated, renamed so each one is identifiable. */
/** Valid variants: what the examples do not show but the API accepts (no `want`: every rule passes). */
export const VALID_VARIANTS: Omit<Variant, 'want'>[] = [
  { name: 'strategy percentages', from: '09-', mutate: (d) => (d.spec.strategy = { maxSurge: '25%', maxUnavailable: '10%' }) },
  { name: 'strategy maxSurge 0% with maxUnavailable 1', from: '09-', mutate: (d) => (d.spec.strategy = { maxSurge: '0%', maxUnavailable: 1 }) },
  { name: 'strategy maxSurge 0 with maxUnavailable 100%', from: '09-', mutate: (d) => (d.spec.strategy = { maxSurge: 0, maxUnavailable: '100%' }) },
  { name: 'strategy maxSurge above 100%', from: '09-', mutate: (d) => (d.spec.strategy = { maxSurge: '150%' }) },
];

export function variantDoc(v: Omit<Variant, 'want'>, index: number): Obj {
  const ex = loadExamples().find((e) => e.file.startsWith(v.from));
  if (!ex) throw new Error(`no example ${v.from}`);
  const d = structuredClone(ex.doc) as any;
  v.mutate(d);
  d.metadata.name = `variant-${index}`;
  return d;
}
