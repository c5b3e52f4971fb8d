// InferenceClass device data: validation messages (field paths), and how data reaches selectors.
import { describe, expect, it } from 'vitest';
import { type ClassDevice, buildDeviceActivation, compileSelector, deviceDataErrors, evaluateSelector, matches, splitQualifiedName } from '../../../functions/lib/cel';
import { A100, H100, L4 } from './fixtures';

const base: ClassDevice = { name: 'gpu', driver: 'gpu.nvidia.com', deviceClassName: 'gpu.nvidia.com' };
const manyAttributes = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`a${i}`, { int: i }]));

describe('deviceDataErrors', () => {
  it.each([
    { name: 'A100', device: A100 },
    { name: 'H100', device: H100 },
    { name: 'L4', device: L4 },
    { name: 'no attributes or capacity', device: base },
  ])('$name is valid', ({ device }) => {
    expect(deviceDataErrors(device, 'devices[0]')).toEqual([]);
  });

  it.each([
    {
      name: 'capacity that is not a quantity',
      device: { ...base, capacity: { memory: { value: '80 Gi' } } },
      errors: ['devices[0].capacity.memory.value: "80 Gi" is not a quantity'],
    },
    {
      name: 'capacity without a value',
      device: { ...base, capacity: { memory: {} as { value: string } } },
      errors: ['devices[0].capacity.memory.value: undefined is not a quantity'],
    },
    {
      name: 'two value types',
      device: { ...base, attributes: { productName: { string: 'A100', int: 1 } } },
      errors: ['devices[0].attributes.productName: exactly one of string, int, bool or version must be set (found string, int)'],
    },
    {
      name: 'no value type',
      device: { ...base, attributes: { productName: {} } },
      errors: ['devices[0].attributes.productName: exactly one of string, int, bool or version must be set'],
    },
    {
      name: 'a version that is not strict semver',
      device: { ...base, attributes: { driverVersion: { version: 'v535.104' } } },
      errors: ['devices[0].attributes.driverVersion.version: "v535.104" is not a semantic version (semver 2.0, e.g. 1.2.3, at most 64 characters)'],
    },
    {
      name: 'a key that is not a qualified name',
      device: { ...base, attributes: { 'bad key': { bool: true } } },
      errors: ['devices[0].attributes["bad key"]: "bad key" is not a qualified name ([DNS subdomain/]C identifier, identifier at most 32 characters)'],
    },
    {
      name: 'an upper-case domain',
      device: { ...base, capacity: { 'GPU.com/memory': { value: '1' } } },
      errors: ['devices[0].capacity["GPU.com/memory"]: "GPU.com/memory" is not a qualified name ([DNS subdomain/]C identifier, identifier at most 32 characters)'],
    },
    {
      name: 'an identifier over 32 characters',
      device: { ...base, attributes: { [`x${'y'.repeat(32)}`]: { int: 1 } } },
      errors: [`devices[0].attributes.x${'y'.repeat(32)}: "x${'y'.repeat(32)}" is not a qualified name ([DNS subdomain/]C identifier, identifier at most 32 characters)`],
    },
    {
      name: 'a string over 64 characters',
      device: { ...base, attributes: { uuid: { string: 'u'.repeat(65) } } },
      errors: ['devices[0].attributes.uuid.string: longer than 64 characters'],
    },
    {
      name: 'an int that is not an integer',
      device: { ...base, attributes: { index: { int: 1.5 } } },
      errors: ['devices[0].attributes.index.int: 1.5 is not a 64-bit integer'],
    },
    {
      name: 'more than 32 attributes',
      device: { ...base, attributes: manyAttributes },
      errors: ['devices[0].attributes: 33 attributes, at most 32 allowed'],
    },
    {
      name: 'a bare key without a driver',
      device: { name: 'nic', attributes: { index: { int: 0 } } },
      errors: ["devices[0].attributes.index: a key without a domain needs the device's driver"],
    },
    {
      name: 'the same name with and without the driver domain',
      device: { ...base, capacity: { memory: { value: '1Gi' }, 'gpu.nvidia.com/memory': { value: '2Gi' } } },
      errors: ['devices[0].capacity["gpu.nvidia.com/memory"]: same name as "memory" in the driver\'s domain'],
    },
    {
      name: 'a driver that is not a DNS subdomain',
      device: { ...base, driver: 'GPU_NVIDIA' },
      errors: ['devices[0].driver: "GPU_NVIDIA" is not a DNS subdomain of at most 63 characters'],
    },
  ])('$name', ({ device, errors }) => {
    expect(deviceDataErrors(device as ClassDevice, 'devices[0]')).toEqual(errors);
  });
});

describe('activation', () => {
  it.each([
    { key: 'resource.kubernetes.io/pcieRoot', want: ['resource.kubernetes.io', 'pcieRoot'] },
    { key: 'index', want: ['gpu.nvidia.com', 'index'] },
    { key: 'a.com/b/c', want: ['a.com', 'b/c'] },
  ])('$key splits into $want', ({ key, want }) => {
    expect(splitQualifiedName(key, 'gpu.nvidia.com')).toEqual(want);
  });

  it('invalid device data makes every selector a non-match, with the reason', () => {
    const activation = buildDeviceActivation({ ...base, capacity: { memory: { value: '80 Gi' } } });
    const program = compileSelector('true');
    expect(program.ok && matches(program.program, activation)).toBe(false);
    expect(activation.error).toBe('invalid device data: device.capacity.memory.value: "80 Gi" is not a quantity');
  });

  it.each([
    { cel: 'device.attributes["gpu.nvidia.com"].uuid == "GPU-1"', want: true }, // explicit driver domain
    { cel: 'device.attributes["gpu.nvidia.com"].ecc', want: true }, // bare key: driver domain
    { cel: 'device.attributes["gpu.nvidia.com"].cores == 16896', want: true },
    { cel: 'device.capacity["example.com"].slots.isInteger()', want: true },
    { cel: 'size(device.attributes) == 1 && size(device.capacity) == 2', want: true },
    { cel: 'device.capacity.all(d, d in ["gpu.nvidia.com", "example.com"])', want: true },
  ])('$cel', ({ cel, want }) => {
    const activation = buildDeviceActivation({
      ...base,
      attributes: { 'gpu.nvidia.com/uuid': { string: 'GPU-1' }, ecc: { bool: true }, cores: { int: 16896 } },
      capacity: { memory: { value: '80Gi' }, 'example.com/slots': { value: '4' } },
    });
    const program = compileSelector(cel);
    expect(program.ok && evaluateSelector(program.program, activation)).toEqual({ ok: true, value: want });
  });
});
