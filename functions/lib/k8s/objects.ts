// Reading Kubernetes-style status from observed objects, tolerant of any shape.

export interface ObservedCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function conditionsOf(obj: unknown): ObservedCondition[] {
  const status = isRecord(obj) ? obj.status : undefined;
  const list = isRecord(status) ? status.conditions : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter((c): c is ObservedCondition => isRecord(c) && typeof c.type === 'string' && typeof c.status === 'string');
}

export function findCondition(obj: unknown, type: string): ObservedCondition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}

/** True only for an explicit `status: "True"` condition of that type. */
export const isConditionTrue = (obj: unknown, type: string): boolean => findCondition(obj, type)?.status === 'True';

/** Crossplane's readiness of a composed or composite resource. */
export const isReady = (obj: unknown): boolean => isConditionTrue(obj, 'Ready');

export { isRecord };
