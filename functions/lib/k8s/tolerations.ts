// Kubernetes toleration semantics (core/v1 Toleration.ToleratesTaint) applied to InferenceCluster
// taints: NoSchedule cordons a cluster (no new replicas), NoExecute drains it (replicas leave).
//
// A toleration matches a taint when:
// - its effect is empty or equal to the taint's effect, and
// - its key is empty or equal to the taint's key, and
// - operator Exists (any value), or operator Equal / unset with an equal value (missing = "").
// An unknown operator tolerates nothing.

export type TaintEffect = 'NoSchedule' | 'NoExecute';

export interface TaintLike {
  readonly key: string;
  readonly value?: string | undefined;
  readonly effect: string;
}

export interface TolerationLike {
  readonly key?: string | undefined;
  readonly operator?: string | undefined;
  readonly value?: string | undefined;
  readonly effect?: string | undefined;
}

export function toleratesTaint(toleration: TolerationLike, taint: TaintLike): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
    case '':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export const isTolerated = (taint: TaintLike, tolerations: readonly TolerationLike[] | undefined): boolean => (tolerations ?? []).some((t) => toleratesTaint(t, taint));

/** The taints with one of `effects` that no toleration tolerates, in their published order. */
export function untoleratedTaints(taints: readonly TaintLike[] | undefined, tolerations: readonly TolerationLike[] | undefined, effects: readonly string[]): TaintLike[] {
  return (taints ?? []).filter((t) => effects.includes(t.effect) && !isTolerated(t, tolerations));
}

/** `key=value:Effect` (or `key:Effect` without a value), as kubectl prints taints. */
export function formatTaint(taint: TaintLike): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}
