// InferenceClass validation. A class composes nothing: it is accepted when its spec parses (the
// same zod rules the XRD enforces) and every device's data is what DRA would accept in a
// ResourceSlice (qualified keys, typed attributes, parseable versions and quantities). Clusters
// re-run this check on the classes they resolve, so a bad class never publishes a pool.
import { deviceDataErrors } from '../lib/cel';
import { condition, count, type Condition } from '../lib/response';
import { parseInferenceClassSpec, type InferenceClassSpec } from '../lib/schema';
import { REASON, CONDITION } from './conditions';

export type ClassCheck = { readonly ok: true; readonly spec: InferenceClassSpec } | { readonly ok: false; readonly reason: string; readonly problems: readonly string[] };

/** Parses and checks a class spec; problems name their field (`spec.devices[0].capacity.memory.value`). */
export function checkClass(spec: unknown): ClassCheck {
  const parsed = parseInferenceClassSpec(spec);
  if (!parsed.ok) {
    const problems = parsed.issues.map((i) => `${i.path}: ${i.message}`);
    const devices = parsed.issues.some((i) => i.path.startsWith('spec.devices'));
    return { ok: false, reason: devices ? REASON.invalidDevices : REASON.invalidSpec, problems };
  }
  const problems = parsed.value.devices.flatMap((d, i) => deviceDataErrors(d, `spec.devices[${i}]`));
  if (problems.length > 0) return { ok: false, reason: REASON.invalidDevices, problems };
  return { ok: true, spec: parsed.value };
}

/** At most this many problems in one message; the rest are counted. */
const MAX_LISTED = 5;

export function summarize(problems: readonly string[]): string {
  const listed = problems.slice(0, MAX_LISTED).join('; ');
  return problems.length > MAX_LISTED ? `${listed}; and ${problems.length - MAX_LISTED} more` : listed;
}

/** The Accepted condition of a class. */
export function classCondition(check: ClassCheck): Condition {
  if (check.ok) {
    const n = check.spec.devices.length;
    return condition(CONDITION.accepted, 'True', REASON.accepted, `${count(n, 'device')} per node`);
  }
  return condition(CONDITION.accepted, 'False', check.reason, summarize(check.problems));
}
