// Rewrites the evaluation of a checked selector AST, once, before its first evaluation:
//
// - macros (all/exists/exists_one/map/filter) charge their per-iteration cost estimate on every
//   iteration and refuse to start once the budget is gone (budget.ts);
// - operators and functions that build strings, bytes or lists charge for what they built, so
//   runaway growth stops after one oversized step;
// - `string.matches` runs RE2 patterns on V8's linear-time engine; a literal pattern is compiled
//   (and rejected if invalid) here, at compile time;
// - indexing `device.attributes` / `device.capacity` with an unknown domain yields an empty map;
// - literal quantities, versions and lists are built once.
import { type Evaluate, type Node, children, comprehensionOf } from './ast';
import { lookupDomain } from './activation';
import { charge, checkBudget } from './budget';
import { type CostEstimate, GROWING_TYPE, LIST_BUILD, TEXT_BUILD, TEXT_CONCAT } from './cost';
import { ATTRIBUTES_TYPE, CAPACITY_TYPE } from './env';
import { RegexCache, compileRe2 } from './regex';
import { parseQuantity } from '../k8s/quantity';
import { parseSemver } from '../k8s/semver';

const DOMAIN_MAP_TYPES = new Set([ATTRIBUTES_TYPE, CAPACITY_TYPE]);

export interface InstrumentError {
  readonly message: string;
  readonly node: Node;
}

/** Run-time charge for a built value (matches buildCost in cost.ts). */
function growthCost(v: unknown, textFactor: number): number {
  if (typeof v === 'string' || v instanceof Uint8Array) return 1 + textFactor * v.length;
  return Array.isArray(v) ? 1 + LIST_BUILD * v.length : 1;
}

function wrapComprehension(comprehension: Node, perIteration: number): void {
  const run = comprehension.meta.evaluate!;
  comprehension.setMeta('evaluate', (ev, node, ctx) => {
    checkBudget();
    return run(ev, node, ctx);
  });
  const step: Node = comprehension.args.step;
  const runStep = step.meta.evaluate!;
  step.setMeta('evaluate', (ev, node, ctx) => {
    charge(perIteration);
    return runStep(ev, node, ctx);
  });
}

/** `+` on strings, bytes or lists: charge for the result before building it. */
function wrapConcat(node: Node): void {
  const [left, right] = node.args as [Node, Node];
  const handle = (node as Node & { handle?: ConcatHandle }).handle;
  if (typeof handle !== 'function') return wrapGrowth(node);
  node.setMeta('evaluate', (ev, n, ctx) => {
    const l = ev.run(left, ctx);
    const r = ev.run(right, ctx);
    charge(growthCost(l, TEXT_CONCAT) + growthCost(r, TEXT_CONCAT));
    // Arrays are joined here: cel-js spreads them, which is an order of magnitude slower.
    if (Array.isArray(l) && Array.isArray(r)) return l.concat(r);
    return handle(l, r, n, ev);
  });
}

type ConcatHandle = (l: unknown, r: unknown, node: Node, ev: unknown) => unknown;

function wrapGrowth(node: Node): void {
  const run = node.meta.evaluate!;
  node.setMeta('evaluate', (ev, n, ctx) => {
    const result = run(ev, n, ctx);
    charge(growthCost(result, TEXT_BUILD));
    return result;
  });
}

function domainLookup(node: Node): Evaluate {
  const [left, right] = node.args as [Node, Node | string];
  const keyOf: (ev: Parameters<Evaluate>[0], ctx: unknown) => unknown = typeof right === 'string' ? () => right : (ev, ctx) => ev.run(right, ctx);
  return (ev, _n, ctx) => {
    const map = ev.run(left, ctx);
    const key = keyOf(ev, ctx);
    const found = lookupDomain(map, key);
    if (found !== undefined) return found;
    // Not a device map (e.g. a literal of the same type): ordinary map indexing.
    if (typeof key === 'string' && typeof map === 'object' && map !== null && Object.hasOwn(map, key)) {
      return (map as Record<string, unknown>)[key];
    }
    throw new Error(`No such key: ${String(key)}`);
  };
}

function regexMatch(node: Node): Evaluate | string {
  const [, receiver, [pattern]] = node.args as [string, Node, Node[]];
  const literal = pattern!.op === 'value' && typeof pattern!.args === 'string' ? compileRe2(pattern!.args) : undefined;
  if (typeof literal === 'string') return literal;
  const cache = literal ? undefined : new RegexCache();
  return (ev, _n, ctx) => {
    const s = ev.run(receiver, ctx);
    let re = literal;
    let patternLength = literal ? (pattern!.args as string).length : 0;
    if (!re) {
      const p = ev.run(pattern!, ctx);
      if (typeof p !== 'string') throw new Error('matches() needs a string pattern');
      patternLength = p.length;
      const compiled = cache!.get(p);
      if (typeof compiled === 'string') throw new Error(compiled);
      re = compiled;
    }
    if (typeof s !== 'string') throw new Error('matches() needs a string receiver');
    charge(1 + 0.25 * s.length * Math.max(1, patternLength)); // as estimated: RE2 pattern length
    return re.test(s);
  };
}

/** Calls whose result depends only on literal string arguments and that build immutable values. */
const FOLDABLE: Readonly<Record<string, (...args: string[]) => unknown>> = {
  quantity: (s) => parseQuantity(s),
  semver: (s) => parseSemver(s),
};

/**
 * Constant folding, done once at compile time: `quantity("40Gi")`, `semver("1.2.3")` and flat
 * list literals such as `["Ampere", "Hopper"]` would otherwise be rebuilt on every evaluation.
 * Invalid literals are left alone so that they fail at run time, as in Kubernetes.
 */
function fold(node: Node): boolean {
  if (node.op === 'call' && Object.hasOwn(FOLDABLE, node.args[0]) && node.args[1].length === 1) {
    const [arg] = node.args[1] as Node[];
    if (arg!.op !== 'value' || typeof arg!.args !== 'string') return false;
    const value = FOLDABLE[node.args[0]]!(arg!.args);
    if (value === undefined) return false;
    node.setMeta('evaluate', () => value);
    return true;
  }
  if (node.op === 'list' && node.args.length > 0 && (node.args as Node[]).every((n) => n.op === 'value' && !n.meta.alternate)) {
    const value = Object.freeze((node.args as Node[]).map((n) => n.args));
    node.setMeta('evaluate', () => value);
    return true;
  }
  return false;
}

/** Instruments `root` in place; returns the first compile-time problem found, if any. */
export function instrument(root: Node, estimate: CostEstimate): InstrumentError | undefined {
  const stack: Node[] = [root];
  const seen = new Set<Node>();
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...children(node));
    if (node.meta.alternate && node.op === 'id') continue;
    const comprehension = comprehensionOf(node);
    if (comprehension) {
      wrapComprehension(comprehension, estimate.iterationCost.get(comprehension) ?? 1);
      continue;
    }
    if (node.meta.macro) continue; // cel.bind, has()
    const type = node.checkedType?.name ?? 'dyn';
    if (fold(node)) continue;
    if (node.op === 'rcall' && node.args[0] === 'matches' && node.args[2].length === 1) {
      const evaluate = regexMatch(node);
      if (typeof evaluate === 'string') return { message: evaluate, node };
      node.setMeta('evaluate', evaluate);
    } else if ((node.op === '[]' || node.op === '.') && DOMAIN_MAP_TYPES.has(node.args[0].checkedType?.name)) {
      node.setMeta('evaluate', domainLookup(node));
    } else if (node.op === '+' && GROWING_TYPE.test(type)) {
      wrapConcat(node);
    } else if ((node.op === 'call' || node.op === 'rcall') && GROWING_TYPE.test(type)) {
      wrapGrowth(node);
    }
  }
  return undefined;
}
