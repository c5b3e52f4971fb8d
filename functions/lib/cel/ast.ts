// The slice of cel-js's (untyped) AST internals that the cost estimator and the runtime
// instrumentation read. Kept in one place so an upgrade of cel-js has one file to check.

export interface CheckedType {
  readonly name: string;
  readonly kind: string;
}

export type Evaluate = (ev: Evaluator, node: Node, ctx: unknown) => unknown;

export interface Evaluator {
  run(node: Node, ctx: unknown): unknown;
}

export interface Node {
  readonly op: string;
  // op-specific payload; see Args below
  readonly args: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly start: number;
  readonly end: number;
  readonly checkedType?: CheckedType;
  readonly meta: {
    readonly alternate?: Node;
    readonly macro?: MacroMeta;
    readonly evaluate?: Evaluate;
  };
  setMeta(key: 'evaluate', value: Evaluate): Node;
}

/** cel.bind() and has() keep their parsed arguments on meta.macro. */
export interface MacroMeta {
  readonly args?: Node[];
  readonly var?: string;
  readonly val?: Node;
  readonly exp?: Node;
}

/** What a macro (all/exists/exists_one/map/filter) expands to. */
export interface ComprehensionArgs {
  readonly iterable: Node;
  readonly step: Node;
}

export const COMPREHENSION_MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** The comprehension node a macro call expands to, if `node` is such a call. */
export function comprehensionOf(node: Node): Node | undefined {
  const alt = node.meta.alternate;
  return node.op === 'rcall' && alt?.op === 'comprehension' ? alt : undefined;
}

/** True for `cel.bind(var, value, expr)`. */
export function isBind(node: Node): boolean {
  return node.op === 'rcall' && node.args[0] === 'bind' && node.meta.macro?.exp !== undefined;
}

/** Direct children of a node as the user wrote it (macro calls: receiver and arguments). */
export function children(node: Node): Node[] {
  const a = node.args;
  switch (node.op) {
    case 'value':
    case 'id':
      return [];
    case '.':
    case '.?':
      return [a[0]];
    case 'call':
      return [...a[1]];
    case 'rcall':
      return [a[1], ...a[2]];
    case 'list':
      return [...a];
    case 'map':
      return (a as Node[][]).flat();
    case '!_':
    case '-_':
      return [a];
    default:
      return Array.isArray(a) ? a.filter((x): x is Node => typeof x === 'object' && x !== null && 'op' in x) : [];
  }
}

/** Depth of the tree (a left-deep chain like 1+1+...+1 is as deep as it is long), iteratively. */
export function depthOf(root: Node): { depth: number; deepest: Node } {
  let depth = 0;
  let deepest = root;
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > depth) {
      depth = d;
      deepest = node;
    }
    for (const child of children(node)) stack.push([child, d + 1]);
  }
  return { depth, deepest };
}

/** 1-based line and column of an offset in the source. */
export function position(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
