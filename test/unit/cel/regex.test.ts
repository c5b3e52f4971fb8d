// `matches` speaks RE2 and runs on V8's linear-time engine.
import { describe, expect, it } from 'vitest';
import { compileSelector, evaluateSelector, buildDeviceActivation } from '../../../functions/lib/cel';
import { LINEAR_REGEX_AVAILABLE, compileRe2, translateRe2 } from '../../../functions/lib/cel/regex';

describe('RE2 to JavaScript', () => {
  it('the linear-time engine is available on this runtime', () => {
    expect(LINEAR_REGEX_AVAILABLE).toBe(true);
  });

  it.each([
    { re2: '^NVIDIA (A|H)100', source: '^NVIDIA (A|H)100', flags: '' },
    { re2: '(?i)l4$', source: '[lL]4$', flags: '' },
    { re2: '(?i)[a-c_]x', source: '[a-c_A-C][xX]', flags: '' },
    { re2: '(?s)a.b', source: 'a.b', flags: 's' },
    { re2: '[[:digit:]]+', source: '[0-9]+', flags: '' },
    { re2: '[^[:space:]]', source: '[^\\t\\n\\v\\f\\r ]', flags: '' },
    { re2: '\\Agpu\\z', source: '^gpu$', flags: '' },
    { re2: '(?P<arch>[a-z]+)', source: '(?<arch>[a-z]+)', flags: '' },
    { re2: '(?:ab){2,3}', source: '(?:ab){2,3}', flags: '' },
    { re2: '\\x41\\d', source: '\\x41\\d', flags: '' },
    { re2: '[]a]', source: '[\\]a]', flags: '' },
  ])('$re2', ({ re2, source, flags }) => {
    expect(translateRe2(re2)).toEqual({ source, flags });
  });

  it.each([
    { re2: '(a)\\1', error: 'backreferences are not supported' },
    { re2: 'a(?=b)', error: 'lookaround and inline flags are not supported' },
    { re2: 'a(?i)b', error: 'lookaround and inline flags are not supported' },
    { re2: '(?U)a+', error: 'the U (ungreedy) flag is not supported' },
    { re2: '\\pL', error: '\\p is not supported' },
    { re2: '[[:word]]', error: 'unknown POSIX character class' },
    { re2: 'a{1001}', error: 'repetition count above 1000' },
    { re2: '[abc', error: 'missing closing ]' },
    { re2: 'abc\\', error: 'trailing backslash' },
  ])('$re2 is rejected', ({ re2, error }) => {
    expect(translateRe2(re2)).toEqual({ error });
  });

  // A backtracking engine needs longer than the age of the universe for each of these.
  it.each([
    { re2: '(a+)+$', input: `${'a'.repeat(2_000)}!`, want: false },
    { re2: '^(a|aa)*$', input: `${'a'.repeat(2_000)}b`, want: false },
    { re2: '^(.*a){12}$', input: 'a'.repeat(2_000), want: true },
  ])('$re2 runs in linear time', ({ re2, input, want }) => {
    const re = compileRe2(re2);
    if (typeof re === 'string') throw new Error(re);
    const ms = Array.from({ length: 5 }, () => {
      const start = performance.now();
      expect(re.test(input)).toBe(want);
      return performance.now() - start;
    }).sort((a, b) => a - b);
    // Linear: a few ms; the bound only has to tell that apart from exponential, even on a busy machine.
    expect(ms[2]).toBeLessThan(1_000);
  });
});

describe('matches in selectors', () => {
  const device = buildDeviceActivation({
    name: 'gpu',
    driver: 'gpu.nvidia.com',
    attributes: { productName: { string: 'NVIDIA H100 80GB HBM3' }, pattern: { string: '^NVIDIA' }, bad: { string: '(' } },
  });
  const name = 'device.attributes["gpu.nvidia.com"].productName';

  it.each([
    { cel: `${name}.matches("H100")`, want: { ok: true, value: true } }, // unanchored, like RE2 partial match
    { cel: `${name}.matches("^H100")`, want: { ok: true, value: false } },
    { cel: `${name}.matches("(?i)hbm[0-9]$")`, want: { ok: true, value: true } },
    { cel: `${name}.matches("[[:digit:]]{2}GB")`, want: { ok: true, value: true } },
    { cel: `${name}.matches(device.attributes["gpu.nvidia.com"].pattern)`, want: { ok: true, value: true } },
    { cel: `${name}.matches(device.attributes["gpu.nvidia.com"].bad)`, want: { ok: false, error: 'invalid regular expression "(": /(/l: Unterminated group' } },
    { cel: 'device.attributes["gpu.nvidia.com"].missing.matches("x")', want: { ok: false, error: 'No such key: missing' } },
  ])('$cel', ({ cel, want }) => {
    const c = compileSelector(cel);
    expect(c.ok && evaluateSelector(c.program, device)).toEqual(want);
  });
});
