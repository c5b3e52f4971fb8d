// Whatever the expression and whatever the device data: compiling returns a result, matching
// returns a boolean, and nothing throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClassDevice, buildDeviceActivation, compileSelector, deviceDataErrors, evaluateSelector, matches } from '../../../functions/lib/cel';
import { A100, L4 } from './fixtures';

const activations = [buildDeviceActivation(A100), buildDeviceActivation(L4)];

const tokens = [
  'device',
  '.driver',
  '.attributes',
  '.capacity',
  '["gpu.nvidia.com"]',
  '["x.com"]',
  '.productName',
  '.index',
  '.memory',
  '.driverVersion',
  '.cudaComputeCapability',
  ' == ',
  ' != ',
  ' < ',
  ' >= ',
  ' && ',
  ' || ',
  '!',
  '-',
  ' + ',
  ' * ',
  ' / ',
  ' % ',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '?',
  '"gpu.nvidia.com"',
  '"a"',
  "'b'",
  '0',
  '1',
  '2.5',
  'true',
  'false',
  'null',
  'x',
  'quantity("80Gi")',
  'quantity("1K")',
  'semver("1.2.3")',
  'semver("v1", true)',
  '.compareTo(',
  '.isGreaterThan(',
  '.isLessThan(',
  '.add(',
  '.sub(',
  '.asInteger()',
  '.isInteger()',
  '.sign()',
  '.major()',
  '.all(x, ',
  '.exists(x, ',
  '.exists_one(x, ',
  '.map(x, ',
  '.filter(x, ',
  '.size()',
  'size(',
  'has(',
  'cel.bind(x, ',
  ' in ',
  '.matches("',
  '.startsWith(',
  '.split(",")',
  '.join()',
  'dyn(',
  'int(',
  'string(',
  'type(',
  'isQuantity(',
  'isSemver(',
  '"',
  '\\',
  '.',
  ' ',
];

const tokenExpression = fc.array(fc.constantFrom(...tokens), { maxLength: 24 }).map((t) => t.join(''));
const anyExpression = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }), tokenExpression);

const attributeValue = fc.oneof(
  fc.record({ string: fc.string({ maxLength: 70 }) }),
  fc.record({ int: fc.oneof(fc.integer(), fc.double()) }),
  fc.record({ bool: fc.boolean() }),
  fc.record({ version: fc.oneof(fc.constantFrom('1.2.3', '550.54.15', 'v1', '1.0.0-rc.1'), fc.string({ maxLength: 10 })) }),
  fc.record({ string: fc.string(), int: fc.integer() }),
  fc.constant({}),
  fc.anything(),
);
const key = fc.oneof(
  fc.constantFrom('productName', 'index', 'memory', 'gpu.nvidia.com/uuid', 'resource.kubernetes.io/pcieRoot', '__proto__', 'constructor'),
  fc.string({ maxLength: 40 }),
);
const device = fc.record(
  {
    name: fc.string({ maxLength: 10 }),
    driver: fc.oneof(fc.constantFrom('gpu.nvidia.com', 'example.com', ''), fc.string({ maxLength: 70 })),
    attributes: fc.dictionary(key, attributeValue, { maxKeys: 40 }),
    capacity: fc.dictionary(key, fc.oneof(fc.record({ value: fc.oneof(fc.constantFrom('80Gi', '1.5', '1e3', '80 Gi'), fc.string({ maxLength: 12 })) }), fc.anything()), {
      maxKeys: 40,
    }),
  },
  { requiredKeys: ['name'] },
) as fc.Arbitrary<ClassDevice>;

describe('never throws', () => {
  it('compiling and matching arbitrary expressions', () => {
    fc.assert(
      fc.property(anyExpression, (expression) => {
        const compiled = compileSelector(expression);
        expect(typeof compiled.ok).toBe('boolean');
        if (!compiled.ok) {
          expect(compiled.error).toMatch(/\S/);
          return;
        }
        for (const activation of activations) {
          expect(typeof matches(compiled.program, activation)).toBe('boolean');
          expect(typeof evaluateSelector(compiled.program, activation).ok).toBe('boolean');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('building activations and matching arbitrary device data', () => {
    const selectors = [
      'device.driver == "gpu.nvidia.com"',
      'device.attributes["gpu.nvidia.com"].productName.startsWith("NVIDIA")',
      'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("40Gi")) >= 0',
      'device.attributes.all(d, device.attributes[d].all(k, k != ""))',
      'device.capacity.exists(d, device.capacity[d].exists(k, device.capacity[d][k].isInteger()))',
      '"x.com" in device.attributes || size(device.attributes["x.com"]) == 0',
    ].map((s) => {
      const c = compileSelector(s);
      if (!c.ok) throw new Error(c.error);
      return c.program;
    });
    fc.assert(
      fc.property(device, (d) => {
        expect(Array.isArray(deviceDataErrors(d))).toBe(true);
        const activation = buildDeviceActivation(d);
        expect(activation.error === undefined).toBe(deviceDataErrors(d).length === 0);
        for (const program of selectors) expect(typeof matches(program, activation)).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('matching with missing or malformed inputs', () => {
    const compiled = compileSelector('true');
    if (!compiled.ok) throw new Error(compiled.error);
    for (const bad of [undefined, null, {}, { error: 'x' }, { context: { device: 1 } }, { context: {} }]) {
      expect(matches(compiled.program, bad as never)).toBe(false);
    }
    expect(matches(undefined as never, activations[0]!)).toBe(false);
    for (const device of [undefined, null, 42, 'gpu']) {
      expect(deviceDataErrors(device as never, 'devices[0]')).toEqual(['devices[0]: must be an object']);
      expect(matches(compiled.program, buildDeviceActivation(device as never))).toBe(false);
    }
  });
});
