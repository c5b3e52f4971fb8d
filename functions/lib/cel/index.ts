// The Kubernetes DRA device-selector CEL environment used by the scheduler.
//
//   const compiled = compileSelector('device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("40Gi")) >= 0')
//   const activation = buildDeviceActivation(device)        // once per device
//   if (compiled.ok && matches(compiled.program, activation)) ...
//
// A selector matches only when it evaluates to boolean true. Evaluation errors, non-boolean
// results, invalid device data and an exhausted runtime budget are non-matches; nothing throws.
import { type DeviceActivation, DeviceValue } from './activation';
import { type RuntimeBudget, finishBudget, startBudget } from './budget';
import type { SelectorProgram } from './compile';

export { buildDeviceActivation, type DeviceActivation, type AttributeValue } from './activation';
export { COST_LIMIT, TIME_BUDGET_MS, type RuntimeBudget } from './budget';
export { compileSelector, type CompileOptions, type CompileResult, type SelectorProgram } from './compile';
export {
  DEVICE_LIMITS,
  deviceDataErrors,
  splitQualifiedName,
  type ClassDevice,
  type ClassDeviceAttribute,
  type ClassDeviceCapacity,
} from './device-data';
export { MAX_EXPRESSION_LENGTH } from './env';

export type EvaluationResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Evaluates a selector; the value, or why evaluation failed. Never throws. */
export function evaluateSelector(
  program: SelectorProgram,
  activation: DeviceActivation,
  budget?: RuntimeBudget,
): EvaluationResult {
  if (!(activation?.context?.device instanceof DeviceValue)) {
    return { ok: false, error: activation?.error ?? 'not a device activation (use buildDeviceActivation)' };
  }
  startBudget(budget);
  let value: unknown;
  try {
    value = program.run(activation.context);
  } catch (error) {
    finishBudget();
    return { ok: false, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  if (!finishBudget()) return { ok: false, error: 'selector exceeded its evaluation budget' };
  return { ok: true, value };
}

/** True only when the selector evaluates to boolean true for the device. Never throws. */
export function matches(program: SelectorProgram, activation: DeviceActivation, budget?: RuntimeBudget): boolean {
  try {
    const result = evaluateSelector(program, activation, budget);
    return result.ok && result.value === true;
  } catch {
    return false;
  }
}
