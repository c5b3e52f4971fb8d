// Conditions and events in the shape Crossplane's RunFunctionResponse carries them. Functions
// build these as plain values; response.ts converts them to the proto enums once.

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** Where a condition or event lands: the XR alone, or the XR and its claim (v1 claims only). */
export type Target = 'Composite' | 'CompositeAndClaim';

export interface Condition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message?: string;
  readonly target?: Target;
}

export type Severity = 'Normal' | 'Warning' | 'Fatal';

/** A result of the function run: Crossplane turns Normal/Warning ones into events on the XR. */
export interface Event {
  readonly severity: Severity;
  readonly reason?: string;
  readonly message: string;
  readonly target?: Target;
}

export const condition = (type: string, status: ConditionStatus, reason: string, message?: string): Condition =>
  message === undefined ? { type, status, reason } : { type, status, reason, message };

export const normal = (reason: string, message: string): Event => ({ severity: 'Normal', reason, message });
export const warning = (reason: string, message: string): Event => ({ severity: 'Warning', reason, message });

/**
 * The severity ladder: a False condition whose cause the user must fix is paired with a Warning
 * event carrying the same reason and message.
 */
export function warnOnFalse(conditions: readonly Condition[], userFixable: ReadonlySet<string>): Event[] {
  return conditions.filter((c) => c.status === 'False' && userFixable.has(c.reason)).map((c) => warning(c.reason, c.message ?? c.reason));
}

/** `n noun`, with an English plural: count(1, 'pool') → "1 pool", count(3, 'pool') → "3 pools". */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
