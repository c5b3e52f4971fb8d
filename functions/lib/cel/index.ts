// The Kubernetes DRA device-selector CEL environment used by the scheduler.
//
//   const compiled = compileSelector('device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("40Gi")) >= 0')
//   const activation = buildDeviceActivation(device)        // once per device
//   if (compiled.ok && matches(compiled.program, activation)) ...
//
// A selector matches only when it evaluates to boolean true. judge() keeps the third answer apart:
// an evaluation error, a non-boolean result, invalid device data or an exhausted budget is
// `unknown` ("cannot tell"), never the same as `false`. Budgets are counted cost units, never
// time, so the same selector on the same device always gets the same answer. Nothing throws.
import { type DeviceActivation, DeviceValue } from './activation';
import { type RuntimeBudget, finishBudget, startBudget } from './budget';
import type { SelectorProgram } from './compile';

export { buildDeviceActivation, type DeviceActivation, type AttributeValue } from './activation';
export { COST_LIMIT, type RuntimeBudget } from './budget';
export { compileSelector, type CompileOptions, type CompileResult, type SelectorProgram } from './compile';
export { DEVICE_LIMITS, deviceDataErrors, splitQualifiedName, type ClassDevice, type ClassDeviceAttribute, type ClassDeviceCapacity } from './device-data';
export { MAX_EXPRESSION_LENGTH } from './env';

export type EvaluationResult = { ok: true; value: unknown } | { ok: false; error: string };

/** How a selector judges a device. */
export type Verdict = { readonly kind: 'match' } | { readonly kind: 'no-match' } | { readonly kind: 'unknown'; readonly error: string };

const MATCH: Verdict = { kind: 'match' };
const NO_MATCH: Verdict = { kind: 'no-match' };

function run(program: SelectorProgram, activation: DeviceActivation, budget: RuntimeBudget | undefined): { result: EvaluationResult; cost: number } {
  if (!(activation?.context?.device instanceof DeviceValue)) {
    return { result: { ok: false, error: activation?.error ?? 'not a device activation (use buildDeviceActivation)' }, cost: 0 };
  }
  startBudget(budget);
  let value: unknown;
  let error: string | undefined;
  try {
    value = program.run(activation.context);
  } catch (e) {
    error = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  }
  const spent = finishBudget();
  if (!spent.ok) return { result: { ok: false, error: 'selector exceeded its evaluation budget' }, cost: spent.cost };
  return { result: error === undefined ? { ok: true, value } : { ok: false, error }, cost: spent.cost };
}

/** Evaluates a selector; the value, or why evaluation failed. Never throws. */
export function evaluateSelector(program: SelectorProgram, activation: DeviceActivation, budget?: RuntimeBudget): EvaluationResult {
  try {
    return run(program, activation, budget).result;
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

/** The selector's verdict on a device, and the cost units it charged. Never throws. */
export function judge(program: SelectorProgram, activation: DeviceActivation, budget?: RuntimeBudget): { readonly verdict: Verdict; readonly cost: number } {
  let evaluated: { result: EvaluationResult; cost: number };
  try {
    evaluated = run(program, activation, budget);
  } catch (e) {
    return { verdict: { kind: 'unknown', error: String(e) }, cost: budget?.maxCost ?? 0 };
  }
  const { result, cost } = evaluated;
  if (!result.ok) return { verdict: { kind: 'unknown', error: result.error }, cost };
  if (typeof result.value !== 'boolean') return { verdict: { kind: 'unknown', error: `the selector returned ${typeName(result.value)}, not a bool` }, cost };
  return { verdict: result.value ? MATCH : NO_MATCH, cost };
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'bigint') return 'an int';
  if (typeof v === 'number') return 'a double';
  return typeof v === 'object' ? 'a map or object' : `a ${typeof v}`;
}

/** True only when the selector evaluates to boolean true for the device. Never throws. */
export function matches(program: SelectorProgram, activation: DeviceActivation, budget?: RuntimeBudget): boolean {
  return judge(program, activation, budget).verdict.kind === 'match';
}
