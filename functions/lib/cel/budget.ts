// Runtime budget for one selector evaluation. cel-js has no cost limit of its own, so compile.ts
// instruments the checked AST: every comprehension (all/exists/exists_one/map/filter) charges its
// per-iteration cost estimate on each step, and string/list-building operators charge the size of
// what they build. Charges draw from a per-evaluation budget of cost units and a wall-clock
// deadline; once either runs out every further charge throws at once, and matches() reports a
// non-match even if CEL's error absorption (`||`, `exists`) would have produced `true`.
//
// Evaluation is synchronous and single-threaded, so the active budget is module state.

/** The Kubernetes DRA limit for a selector's cost (resourceapi.CELSelectorExpressionMaxCost). */
export const COST_LIMIT = 1_000_000;
/**
 * Default wall-clock budget per evaluation, counted from the first clock reading, which happens
 * once the evaluation has charged CLOCK_AFTER_COST units.
 */
export const TIME_BUDGET_MS = 20;
/**
 * The clock is consulted only once an evaluation has charged this much: cheap selectors never
 * depend on timing (a GC pause cannot turn them into non-matches), heavy ones are cut at the deadline.
 */
export const CLOCK_AFTER_COST = 10_000;

export interface RuntimeBudget {
  /** Cost units available to one evaluation (default COST_LIMIT). */
  maxCost?: number;
  /** Milliseconds available to one evaluation (default TIME_BUDGET_MS). */
  timeBudgetMs?: number;
}

class BudgetExceeded extends Error {
  constructor() {
    super('selector exceeded its evaluation budget');
    this.name = 'BudgetExceeded';
  }
}

// One shared instance: thrown often once a budget is gone, and cheap without a fresh stack.
const EXCEEDED = new BudgetExceeded();
const TIME_CHECK_EVERY = 16;
/** A charge this large (building a big value) always consults the clock. */
const BIG_CHARGE = 1000;

const state = {
  remaining: Infinity,
  clockAt: Infinity,
  /** Milliseconds allowed; the deadline is set when the clock is first consulted. */
  timeBudgetMs: TIME_BUDGET_MS,
  deadline: Infinity,
  exceeded: false,
  sinceTimeCheck: 0,
};

export function startBudget(budget: RuntimeBudget | undefined): void {
  state.remaining = budget?.maxCost ?? COST_LIMIT;
  state.clockAt = state.remaining - CLOCK_AFTER_COST;
  state.timeBudgetMs = budget?.timeBudgetMs ?? TIME_BUDGET_MS;
  state.deadline = NaN; // reading the clock costs more than a cheap selector: do it lazily
  state.exceeded = false;
  state.sinceTimeCheck = 0;
}

/** The clock, read lazily: the deadline counts from the first check, once a selector turned heavy. */
const clock = performance;

/** Ends the evaluation; true when the budget held. */
export function finishBudget(): boolean {
  const ok = !state.exceeded;
  state.remaining = Infinity;
  state.deadline = Infinity;
  state.exceeded = false;
  return ok;
}

/** Charges `units`; throws once the cost budget or the deadline is exhausted. */
export function charge(units: number): void {
  if (state.exceeded) throw EXCEEDED;
  state.remaining -= units;
  if (state.remaining < 0) exceed();
  if (state.remaining <= state.clockAt && (units >= BIG_CHARGE || ++state.sinceTimeCheck >= TIME_CHECK_EVERY)) {
    state.sinceTimeCheck = 0;
    const now = clock.now();
    if (Number.isNaN(state.deadline)) state.deadline = now + state.timeBudgetMs;
    else if (now > state.deadline) exceed();
  }
}

/** Throws when the budget is already exhausted (used before starting expensive work). */
export function checkBudget(): void {
  if (state.exceeded) throw EXCEEDED;
}

function exceed(): never {
  state.exceeded = true;
  throw EXCEEDED;
}
