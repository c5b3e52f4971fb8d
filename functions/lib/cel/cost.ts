// Worst-case cost estimate of a checked selector, in the spirit of Kubernetes' CEL cost estimator
// (cel-go checker.CostEstimator with the DRA size estimator). Units are comparable to Kubernetes':
// an identifier or field selection costs 1, a literal 0, a list literal 10 and a map literal 30;
// string work costs 0.1 per character traversed (regex matching 0.25 per character × pattern
// length); a macro costs its receiver plus (size × per-iteration cost), so nested macros multiply.
//
// Sizes are upper bounds: the device's strings, maps and values are bounded by the DRA limits
// (DEVICE_LIMITS), literals by their length, and every operator propagates a bound (concatenation
// adds, split/join/hex/... scale). The estimate also yields each macro's per-iteration cost, which
// the runtime budget charges on every iteration, and marks as "charged" the parts the runtime
// charges itself (nested macros, regex matching, building text and lists), so nothing is charged
// twice and an accepted selector stays within its estimate at run time.
import { type Node, children, comprehensionOf, isBind } from './ast';
import { DEVICE_SIZE, SCALAR, type Size, literalSize, maxSize, uniform, volume } from './size';

export interface CostEstimate {
  /** Worst-case cost of one evaluation. */
  readonly cost: number;
  /** Per-iteration cost of every macro (keyed by its comprehension node). */
  readonly iterationCost: WeakMap<Node, number>;
}

const TRAVERSAL = 0.1;
const REGEX_FACTOR = 0.25;
/** Time-zone aware timestamp getters go through Intl (tens of microseconds each). */
const TZ_COST = 5000;
/** Result types whose operators and functions the runtime charges by size (instrument.ts). */
export const GROWING_TYPE = /^(string|bytes|dyn|list<.*>|map<.*>)$/;
/** Building text costs 0.5 per character (allocation and copying), except `+` (0.1, ropes). */
export const TEXT_BUILD = 0.5;
export const TEXT_CONCAT = TRAVERSAL;
/** Building a list costs 1 per element. */
export const LIST_BUILD = 1;

/** The cost of building a value of `len` characters (text) or elements. */
export function buildCost(len: number, text: boolean): number {
  return 1 + (text ? TEXT_BUILD : LIST_BUILD) * len;
}

type Scope = ReadonlyMap<string, Size>;
interface Est {
  cost: number;
  size: Size;
  /** The part of `cost` that macros inside charge at run time themselves. */
  charged?: number;
}

const typeName = (n: Node) => n.checkedType?.name ?? 'dyn';
const isTextType = (n: Node) => typeName(n) === 'string' || typeName(n) === 'bytes';
const isScalarType = (n: Node) => /^(int|uint|double|bool|null|Quantity|Semver|google\.protobuf\..*)$/.test(typeName(n));

class Estimator {
  readonly iterationCost = new WeakMap<Node, number>();

  /** Per node being estimated: the sum of `charged` over its estimated children. */
  private readonly frames: number[] = [];

  est(node: Node, scope: Scope): Est {
    this.frames.push(0);
    let e: Est;
    let childCharged: number;
    try {
      e = this.estimate(node, scope);
    } finally {
      childCharged = this.frames.pop()!;
    }
    e.charged ??= childCharged;
    if (this.frames.length) this.frames[this.frames.length - 1]! += e.charged;
    return e;
  }

  private estimate(node: Node, scope: Scope): Est {
    const alt = node.meta.alternate;
    if (node.op === 'id' && alt) return { cost: 0, size: SCALAR }; // constant (cel, google)
    const comprehension = comprehensionOf(node);
    if (comprehension) return this.macro(node, comprehension, scope);
    if (isBind(node)) return this.bind(node, scope);
    switch (node.op) {
      case 'value':
        return { cost: 0, size: literalSize(node.args) };
      case 'id':
        return { cost: 1, size: scope.get(node.args) ?? (node.args === 'device' ? DEVICE_SIZE : uniform(Infinity)) };
      case '.':
      case '.?': {
        const left = this.est(node.args[0], scope);
        const size = left.size.fields?.[node.args[1]] ?? left.size.elem ?? uniform(left.size.len);
        return { cost: left.cost + 1, size };
      }
      case '[]':
      case '[?]': {
        const [l, r] = this.all(node.args, scope);
        return { cost: l!.cost + r!.cost + 1, size: l!.size.elem ?? uniform(l!.size.len) };
      }
      case 'list': {
        const items = this.all(node.args, scope);
        const elem = items.reduce<Size | undefined>((m, i) => maxSize(m, i.size), undefined);
        return { cost: 10 + sum(items), size: { len: items.length, elem: elem ?? SCALAR } };
      }
      case 'map': {
        const entries = (node.args as Node[][]).map(([k, v]) => [this.est(k!, scope), this.est(v!, scope)] as const);
        const key = entries.reduce<Size | undefined>((m, [k]) => maxSize(m, k.size), undefined);
        const elem = entries.reduce<Size | undefined>((m, [, v]) => maxSize(m, v.size), undefined);
        const cost = 30 + entries.reduce((c, [k, v]) => c + k.cost + v.cost, 0);
        return { cost, size: { len: entries.length, key: key ?? SCALAR, elem: elem ?? SCALAR } };
      }
      case '?:': {
        const [c, a, b] = this.all(node.args, scope);
        const ch = charged([c!]) + Math.max(charged([a!]), charged([b!]));
        return { cost: c!.cost + Math.max(a!.cost, b!.cost), charged: ch, size: maxSize(a!.size, b!.size)! };
      }
      case '||':
      case '&&': {
        const [a, b] = this.all(node.args, scope);
        return { cost: a!.cost + b!.cost, size: SCALAR };
      }
      case '!_':
      case '-_':
        return { cost: this.est(node.args, scope).cost + 1, size: SCALAR };
      case 'call':
        return this.call(node, scope);
      case 'rcall':
        return this.call(node, scope);
      default:
        return this.binary(node, scope);
    }
  }

  all(nodes: Node[], scope: Scope): Est[] {
    return nodes.map((n) => this.est(n, scope));
  }

  binary(node: Node, scope: Scope): Est {
    const [a, b] = this.all(node.args, scope);
    const base = a!.cost + b!.cost + 1;
    const la = a!.size.len;
    const lb = b!.size.len;
    switch (node.op) {
      case '+': {
        if (isScalarType(node)) return { cost: base, size: SCALAR };
        // Joining lists copies every element; strings and bytes cost 0.1 per character.
        const own = 2 + (isTextType(node) ? TEXT_CONCAT : LIST_BUILD) * (la + lb);
        return {
          cost: a!.cost + b!.cost + own,
          charged: charged([a!, b!]) + own, // charged again at run time by the instrumented operator
          size: { len: la + lb, elem: maxSize(a!.size.elem, b!.size.elem) },
        };
      }
      case '==':
      case '!=':
        return { cost: base + TRAVERSAL * Math.min(volume(a!.size), volume(b!.size)), size: SCALAR };
      case 'in':
        return { cost: base + lb * (1 + TRAVERSAL * volume(a!.size)), size: SCALAR };
      case '<':
      case '<=':
      case '>':
      case '>=':
        return { cost: base + TRAVERSAL * Math.min(la, lb), size: SCALAR };
      default:
        return { cost: base, size: SCALAR };
    }
  }

  macro(node: Node, comprehension: Node, scope: Scope): Est {
    const [name, receiverNode, args] = node.args as [string, Node, Node[]];
    const receiver = this.est(receiverNode, scope);
    const kind = receiverNode.checkedType?.kind;
    const iter = kind === 'map' ? receiver.size.key : kind === 'list' ? receiver.size.elem : maxSize(receiver.size.key, receiver.size.elem);
    const inner = new Map(scope).set(args[0]!.args as string, iter ?? uniform(receiver.size.len));
    const body = args.slice(1).map((a) => this.est(a, inner));
    const loop = receiver.size.len * (1 + sum(body));
    // Nested macros charge their own iterations: an iteration of this one charges the rest.
    this.iterationCost.set(comprehension, Math.max(1, 1 + sum(body) - charged(body)));
    const cost = receiver.cost + loop;
    const c = charged([receiver]) + loop;
    if (name === 'map') return { cost, charged: c, size: { len: receiver.size.len, elem: body[body.length - 1]!.size } };
    if (name === 'filter') return { cost, charged: c, size: { len: receiver.size.len, elem: iter } };
    return { cost, charged: c, size: SCALAR };
  }

  bind(node: Node, scope: Scope): Est {
    const m = node.meta.macro!;
    const value = this.est(m.val!, scope);
    const body = this.est(m.exp!, new Map(scope).set(m.var!, value.size));
    return { cost: value.cost + body.cost, charged: charged([value, body]), size: body.size };
  }

  call(node: Node, scope: Scope): Est {
    const name: string = node.args[0];
    if (node.op === 'call' && node.meta.macro) {
      // has(x.f): one presence test
      return { cost: 1 + sum(this.all(node.meta.macro.args ?? [], scope)), size: SCALAR };
    }
    const argNodes = children(node);
    const argEsts = this.all(argNodes, scope);
    const e = this.function(node, name, argNodes, argEsts);
    if (GROWING_TYPE.test(typeName(node))) e.cost += buildCost(e.size.len, isTextType(node));
    // Regex matching and text/list-building calls charge their own cost again at run time.
    if (name === 'matches' || GROWING_TYPE.test(typeName(node))) e.charged = charged(argEsts) + e.cost - sum(argEsts);
    return e;
  }

  function(node: Node, name: string, argNodes: Node[], argEsts: Est[]): Est {
    const isMethod = node.op === 'rcall';
    const args = argEsts.map((e) => e.size);
    const base = 1 + sum(argEsts);
    const first = args[0]?.len ?? 1;
    const second = args[1]?.len ?? 1;
    const t = (n: number) => base + TRAVERSAL * n;
    switch (name) {
      case 'size':
      case 'lowerAscii':
      case 'upperAscii':
      case 'trim':
      case 'substring':
      case 'int':
      case 'uint':
      case 'double':
      case 'bool':
      case 'quantity':
      case 'isQuantity':
      case 'semver':
      case 'isSemver':
      case 'timestamp':
      case 'duration':
        return { cost: t(first), size: returnsText(node) ? { len: first } : SCALAR };
      case 'startsWith':
      case 'endsWith':
        return { cost: t(Math.min(first, second)), size: SCALAR };
      case 'contains':
      case 'indexOf':
      case 'lastIndexOf':
        return { cost: t(first + second), size: SCALAR };
      case 'matches':
        return { cost: base + REGEX_FACTOR * first * Math.max(1, second), size: SCALAR };
      case 'split':
        return { cost: t(first), size: { len: first + 1, elem: { len: first } } };
      case 'join': {
        const list = args[0]!;
        const len = volume(list) + Math.max(0, list.len - 1) * (args[1]?.len ?? 0);
        return { cost: t(len), size: { len } };
      }
      case 'string':
        return { cost: t(first), size: { len: stringLength(argNodes[0]!, first) } };
      case 'bytes':
        return { cost: t(first), size: { len: isMethod ? first : 4 * first } };
      case 'hex':
        return { cost: t(first), size: { len: 2 * first } };
      case 'base64':
        return { cost: t(first), size: { len: 4 * Math.ceil(first / 3) } };
      case 'json':
        return { cost: t(first), size: uniform(first) };
      case 'dyn':
        return { cost: base, size: args[0] ?? SCALAR };
      default: {
        // Time-zone aware timestamp getters go through Intl: charge them as heavy.
        const tz = isMethod && /^get[A-Z]/.test(name) && argNodes.length === 2;
        const total = args.reduce((s, a) => s + a.len, 0);
        const size = args.reduce<Size | undefined>((m, a) => maxSize(m, a), undefined) ?? SCALAR;
        return { cost: t(total) + (tz ? TZ_COST : 0), size: returnsText(node) ? size : SCALAR };
      }
    }
  }
}

function sum(items: readonly Est[]): number {
  return items.reduce((s, i) => s + i.cost, 0);
}

function charged(items: readonly Est[]): number {
  return items.reduce((s, i) => s + (i.charged ?? 0), 0);
}

function returnsText(node: Node): boolean {
  return !isScalarType(node);
}

function stringLength(arg: Node, len: number): number {
  switch (typeName(arg)) {
    case 'int':
    case 'uint':
      return 20;
    case 'double':
      return 32;
    case 'bool':
      return 5;
    default:
      return Math.max(len, 32);
  }
}

/** Estimates the worst-case cost of a checked AST. */
export function estimateCost(root: Node): CostEstimate {
  const estimator = new Estimator();
  const { cost } = estimator.est(root, new Map());
  return { cost: Math.ceil(cost), iterationCost: estimator.iterationCost };
}
