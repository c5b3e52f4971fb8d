// has(e.f) for any operand e, as in CEL (cel-js only accepts has() on variable.field chains, and
// does not check the field): `has(device.attributes["gpu.nvidia.com"].uuid)` tests whether the
// domain map has the key; `has(device.nmae)` is a compile error. Installed before type checking.
import { type Node, children } from './ast';
import { DeviceValue } from './activation';

interface Checker {
  check(node: Node, ctx: unknown): unknown;
  getType(name: string): unknown;
}

function present(obj: unknown, field: string): boolean {
  if (obj instanceof DeviceValue) return (obj as unknown as Record<string, unknown>)[field] !== undefined;
  if (obj instanceof Map) return obj.has(field);
  if (typeof obj === 'object' && obj !== null && !Array.isArray(obj)) return Object.hasOwn(obj, field);
  throw new Error(`has() needs a map or message, not ${obj === null ? 'null' : typeof obj}`);
}

function generalHas(select: Node) {
  const [operand, field] = select.args as [Node, string];
  return {
    args: [select],
    async: false,
    typeCheck(checker: Checker, _macro: unknown, ctx: unknown) {
      checker.check(select, ctx); // the selection itself must type-check (e.g. known message fields)
      return checker.getType('bool');
    },
    evaluate(ev: { run(node: Node, ctx: unknown): unknown }, _macro: unknown, ctx: unknown) {
      return present(ev.run(operand, ctx), field);
    },
  };
}

/** Replaces cel-js's has() macro throughout the tree. */
export function generalizeHas(root: Node): void {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    stack.push(...children(node));
    if (node.op !== 'call' || node.args[0] !== 'has' || !node.meta.macro) continue;
    const [select] = node.args[1] as Node[];
    if (select?.op !== '.') continue;
    (node as unknown as { setMeta(key: string, value: unknown): void }).setMeta('macro', generalHas(select));
  }
}
