// Runtime budget for one selector evaluation, in counted cost units only. cel-js has no cost limit
// of its own, so compile.ts instruments the checked AST: every comprehension
// (all/exists/exists_one/map/filter) charges its per-iteration cost estimate on each step, and
// string/list-building operators charge the size of what they build. Once the budget is spent
// every further charge throws at once, and the evaluation reports an exhausted budget even if
// CEL's error absorption (`||`, `exists`) would have produced `true`.
//
// There is deliberately no clock: an outcome that depends on how busy the machine is would make
// identical requests keep or drop a running replica at random. Counted units bound the work
// instead (an accepted selector stays within its compile-time estimate, at most COST_LIMIT).
//
// Evaluation is synchronous and single-threaded, so the active budget is module state.

/** The Kubernetes DRA limit for a selector's cost (resourceapi.CELSelectorExpressionMaxCost). */
export const COST_LIMIT = 1_000_000;

export interface RuntimeBudget {
  /** Cost units available to one evaluation (default COST_LIMIT). */
  maxCost?: number;
}

class BudgetExceeded extends Error {
  constructor() {
    super('selector exceeded its evaluation budget');
    this.name = 'BudgetExceeded';
  }
}

// One shared instance: thrown often once a budget is gone, and cheap without a fresh stack.
const EXCEEDED = new BudgetExceeded();

const state = { limit: Infinity, remaining: Infinity, exceeded: false };

export function startBudget(budget: RuntimeBudget | undefined): void {
  state.limit = state.remaining = budget?.maxCost ?? COST_LIMIT;
  state.exceeded = false;
}

/** Ends the evaluation: whether the budget held, and the units it charged. */
export function finishBudget(): { readonly ok: boolean; readonly cost: number } {
  const result = { ok: !state.exceeded, cost: state.exceeded ? state.limit : state.limit - state.remaining };
  state.limit = state.remaining = Infinity;
  state.exceeded = false;
  return result;
}

/** Charges `units`; throws once the budget is exhausted. */
export function charge(units: number): void {
  if (state.exceeded) throw EXCEEDED;
  state.remaining -= units;
  if (state.remaining < 0) {
    state.exceeded = true;
    throw EXCEEDED;
  }
}

/** Throws when the budget is already exhausted (used before starting expensive work). */
export function checkBudget(): void {
  if (state.exceeded) throw EXCEEDED;
}
