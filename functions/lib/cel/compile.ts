// Compiling a selector: parse and type-check once against the selector environment, reject what
// Kubernetes would reject (non-bool result, over-long expression, estimated cost over the DRA
// limit) plus what this evaluator cannot bound, then instrument the AST for the runtime budget.
import { type Node, depthOf, position } from './ast';
import { COST_LIMIT } from './budget';
import { estimateCost } from './cost';
import { MAX_EXPRESSION_LENGTH, MAX_TREE_DEPTH, PARSE_LIMITS, selectorEnvironment } from './env';
import { generalizeHas } from './has';
import { instrument } from './instrument';

/** A compiled selector; evaluate it with matches(). */
export interface SelectorProgram {
  readonly expression: string;
  /** Worst-case cost estimate, in Kubernetes CEL cost units. */
  readonly estimatedCost: number;
  /** @internal evaluates the instrumented AST against `{device}` */
  readonly run: (context: object) => unknown;
}

export type CompileResult = { ok: true; program: SelectorProgram } | { ok: false; error: string };

export interface CompileOptions {
  /** Maximum estimated cost (default: the Kubernetes DRA limit, 1,000,000). */
  costLimit?: number;
}

interface CelError {
  name?: string;
  summary?: string;
  message?: string;
  range?: { start: number };
}

function at(expression: string, offset: number | undefined): string {
  if (offset === undefined) return '';
  const { line, column } = position(expression, offset);
  return ` at line ${line}, column ${column}`;
}

function describe(expression: string, error: unknown): string {
  const e = (error ?? {}) as CelError;
  const kind = e.name === 'ParseError' ? 'syntax error' : e.name === 'TypeError' ? 'type error' : 'error';
  const text = e.summary ?? (typeof e.message === 'string' ? e.message.split('\n')[0] : String(error));
  return `${kind}${at(expression, e.range?.start)}: ${text}`;
}

/**
 * Offset of the first run of more than `max` unary operators (`!`, `-`) outside string literals.
 * The parser does not count unary operators towards its depth limit, and recurses on each one.
 */
export function longUnaryRun(expression: string, max: number): number | undefined {
  let run = 0;
  let runStart = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i]!;
    if (c === '"' || c === "'") {
      const raw = /[rR]/.test(expression[i - 1] ?? '') || /[rR][bB]|[bB][rR]/.test(expression.slice(Math.max(0, i - 2), i));
      const quote = expression.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < expression.length && !expression.startsWith(quote, j)) j += !raw && expression[j] === '\\' ? 2 : 1;
      i = j + quote.length - 1;
      run = 0;
    } else if (c === '!' || c === '-') {
      if (run === 0) runStart = i;
      if (++run > max) return runStart;
    } else if (!/\s/.test(c)) {
      run = 0;
    }
  }
  return undefined;
}

export function compileSelector(expression: string, options: CompileOptions = {}): CompileResult {
  if (typeof expression !== 'string') return { ok: false, error: 'a selector must be a string' };
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, error: `the selector is ${expression.length} characters long, at most ${MAX_EXPRESSION_LENGTH} are allowed` };
  }
  const unary = longUnaryRun(expression, PARSE_LIMITS.maxDepth);
  if (unary !== undefined) {
    return { ok: false, error: `syntax error${at(expression, unary)}: more than ${PARSE_LIMITS.maxDepth} unary operators in a row` };
  }
  try {
    const parsed = selectorEnvironment().parse(expression);
    const root = parsed.ast as unknown as Node;
    const { depth, deepest } = depthOf(root);
    if (depth > MAX_TREE_DEPTH) {
      return { ok: false, error: `syntax error${at(expression, deepest.start)}: the expression nests deeper than ${MAX_TREE_DEPTH} levels` };
    }
    generalizeHas(root);
    const checked = parsed.check();
    if (!checked.valid) return { ok: false, error: describe(expression, checked.error) };
    if (checked.type !== 'bool' && checked.type !== 'dyn') {
      return { ok: false, error: `type error: a selector must evaluate to bool, not ${checked.type}` };
    }
    const estimate = estimateCost(root);
    const limit = options.costLimit ?? COST_LIMIT;
    if (!(estimate.cost <= limit)) {
      const cost = Number.isFinite(estimate.cost) ? String(estimate.cost) : 'unbounded';
      return { ok: false, error: `the estimated cost of the selector (${cost}) exceeds the limit of ${limit}` };
    }
    const problem = instrument(root, estimate);
    if (problem) return { ok: false, error: `error${at(expression, problem.node.start)}: ${problem.message}` };
    const run = (context: object) => parsed(context);
    return { ok: true, program: { expression, estimatedCost: estimate.cost, run } };
  } catch (error) {
    // Parse errors, and anything unexpected (e.g. a stack overflow on pathological input).
    return { ok: false, error: describe(expression, error) };
  }
}
