// Kubernetes label selectors (metav1.LabelSelector semantics): matchLabels AND matchExpressions.
//
// Invariants:
// - an omitted or empty selector selects everything;
// - `In` needs the key present with one of the values; `NotIn` holds when the key is absent or
//   its value is not listed; `Exists` / `DoesNotExist` test the key only;
// - an unknown operator matches nothing (never throws), so a malformed selector selects nothing.

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirementLike {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[] | undefined;
}

export interface LabelSelectorLike {
  readonly matchLabels?: Readonly<Record<string, string>> | undefined;
  readonly matchExpressions?: readonly LabelSelectorRequirementLike[] | undefined;
}

export type Labels = Readonly<Record<string, string>>;

export function matchesRequirement(req: LabelSelectorRequirementLike, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key]!);
    case 'NotIn':
      return !has || !values.includes(labels[req.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** True when `labels` satisfy every matchLabels entry and every matchExpression. */
export function matchesSelector(selector: LabelSelectorLike | undefined, labels: Labels | undefined): boolean {
  const l = labels ?? {};
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(l, key) || l[key] !== value) return false;
  }
  return (selector?.matchExpressions ?? []).every((r) => matchesRequirement(r, l));
}

/**
 * The conjunction of selectors, still a plain label selector. matchLabels are merged; a key two
 * selectors set to different values becomes two `In` requirements that no object can satisfy, so
 * the result selects nothing (as the conjunction must) without a special "empty" value.
 */
export function andSelectors(...selectors: readonly (LabelSelectorLike | undefined)[]): LabelSelectorLike {
  const matchLabels: Record<string, string> = {};
  const conflicting = new Map<string, Set<string>>();
  const matchExpressions: LabelSelectorRequirementLike[] = [];
  for (const s of selectors) {
    for (const [key, value] of Object.entries(s?.matchLabels ?? {})) {
      const seen = conflicting.get(key);
      if (seen) seen.add(value);
      else if (key in matchLabels && matchLabels[key] !== value) {
        conflicting.set(key, new Set([matchLabels[key]!, value]));
        delete matchLabels[key];
      } else matchLabels[key] = value;
    }
    matchExpressions.push(...(s?.matchExpressions ?? []));
  }
  for (const [key, values] of [...conflicting].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const v of [...values].sort()) matchExpressions.push({ key, operator: 'In', values: [v] });
  }
  const out: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirementLike[] } = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
  return out;
}

/** `k=v,k2=v2`: the serialized form of an equality-only selector (scale subresource, kubectl -l). */
export function formatMatchLabels(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}
