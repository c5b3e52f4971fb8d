// Compile-time errors: syntax, unknown fields and variables, wrong types, non-bool results,
// unsupported regular expressions and structural limits, each with a positioned message.
import { describe, expect, it } from 'vitest';
import { MAX_EXPRESSION_LENGTH, compileSelector } from '../../../functions/lib/cel';

const error = (expression: string) => {
  const c = compileSelector(expression);
  return c.ok ? undefined : c.error;
};

describe('compile errors', () => {
  it.each([
    { cel: 'device.atributes["x"].y == 1', want: 'type error at line 1, column 8: No such key: atributes' },
    { cel: 'device.driver ==', want: 'syntax error at line 1, column 17: Unexpected token: EOF' },
    { cel: 'device.driver == "a" &&\n  device.capcity == 1', want: 'type error at line 2, column 10: No such key: capcity' },
    { cel: 'device.driver == 1', want: 'type error at line 1, column 1: no such overload: string == int' },
    { cel: 'device.name == "gpu"', want: 'type error at line 1, column 8: No such key: name' },
    { cel: 'has(device.nmae)', want: 'type error at line 1, column 12: No such key: nmae' },
    { cel: 'has(device)', want: 'has() invalid argument' },
    { cel: 'gpu.index == 0', want: 'type error at line 1, column 1: Unknown variable: gpu' },
    { cel: 'quantity(1).isInteger()', want: "found no matching overload for 'quantity(int)'" },
    { cel: 'quantity("1").compareTo(semver("1.0.0")) == 0', want: "found no matching overload for 'Quantity.compareTo(Semver)'" },
    { cel: 'semver("1.0.0").isGreaterThan(quantity("1"))', want: "found no matching overload for 'Semver.isGreaterThan(Quantity)'" },
    { cel: 'quantity("1").nanos == 1', want: 'No such key: nanos' },
    { cel: 'device.capacity["gpu.nvidia.com"].memory > quantity("1")', want: 'no such overload: Quantity > Quantity' },
    { cel: '"a".repeat(3) == "aaa"', want: "found no matching overload for 'string.repeat(int)'" },
    { cel: 'device.driver', want: 'type error: a selector must evaluate to bool, not string' },
    { cel: 'quantity("1Gi")', want: 'type error: a selector must evaluate to bool, not Quantity' },
    { cel: '1 + 1', want: 'type error: a selector must evaluate to bool, not int' },
    { cel: '', want: 'syntax error' },
    { cel: 'device.driver == "a" &&', want: 'syntax error at line 1, column 24' },
    { cel: '"abc".matches("(a")', want: 'error at line 1, column 1: invalid regular expression "(a"' },
    { cel: '"abc".matches("(a)\\\\1")', want: 'backreferences are not supported' },
    { cel: '"abc".matches("(?=a)")', want: 'lookaround and inline flags are not supported' },
    { cel: '"abc".matches("a{1001}")', want: 'repetition count above 1000' },
    { cel: '"abc".matches("\\\\p{Greek}")', want: '\\p is not supported' },
  ])('$cel', ({ cel, want }) => {
    expect(error(cel)).toContain(want);
  });
});

describe('what compiles', () => {
  it.each([
    'device.driver == "gpu.nvidia.com"',
    'device.attributes["gpu.nvidia.com"].productName == "x"', // dyn attribute values compare at run time
    'device.attributes["gpu.nvidia.com"].index', // dyn result: allowed, a non-match unless true
    'true',
    '"abc".matches("(?i)^A[[:alpha:]]+$")',
    'device.attributes["gpu.nvidia.com"].productName.matches(device.driver)', // pattern from data
    `device.driver == "${'x'.repeat(MAX_EXPRESSION_LENGTH - 20)}"`,
  ])('%s', (cel) => {
    expect(compileSelector(cel)).toMatchObject({ ok: true });
  });
});

describe('structural limits', () => {
  it.each([
    {
      name: 'longer than 10240 characters',
      cel: `device.driver == "${'x'.repeat(MAX_EXPRESSION_LENGTH)}"`,
      want: `at most ${MAX_EXPRESSION_LENGTH} are allowed`,
    },
    { name: 'nested parentheses', cel: `${'('.repeat(100)}true${')'.repeat(100)}`, want: 'Exceeded maxDepth' },
    { name: 'nested lists', cel: `size(${'['.repeat(100)}${']'.repeat(100)}) == 1`, want: 'Exceeded maxDepth' },
    {
      name: 'too many nodes',
      cel: `size([${Array.from({ length: 5 }, () => `[${'1,'.repeat(999)}1]`).join(',')}]) > 0`,
      want: 'Exceeded maxAstNodes',
    },
    { name: 'list literal over 1000 elements', cel: `size([${'1,'.repeat(1000)}1]) > 0`, want: 'Exceeded maxListElements' },
  ])('$name', ({ cel, want }) => {
    expect(error(cel)).toContain(want);
  });

  it('a non-string expression is an error, not an exception', () => {
    expect(compileSelector(42 as unknown as string)).toEqual({ ok: false, error: 'a selector must be a string' });
  });
});
