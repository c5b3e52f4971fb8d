// DRA selector CEL micro benchmark (`npm run bench cel`, or `npx tsx bench/cel.bench.ts`).
//
// One JSON line per scenario: compile time per selector, matches() throughput for typical
// selectors against a prepared activation, activation build time, and a selector estimated near
// the cost limit.
import { buildDeviceActivation, compileSelector, matches } from '../functions/lib/cel';
import { emit, time } from './stats';

const device = {
  name: 'gpu',
  driver: 'gpu.nvidia.com',
  deviceClassName: 'gpu.nvidia.com',
  count: 8,
  attributes: {
    productName: { string: 'NVIDIA H100 80GB HBM3' },
    architecture: { string: 'Hopper' },
    cudaComputeCapability: { version: '9.0.0' },
    driverVersion: { version: '570.86.15' },
    index: { int: 3 },
    uuid: { string: 'GPU-9b0f3e41-7c2a-4e18-8d3f-5a6b7c8d9e0f' },
    'resource.kubernetes.io/pcieRoot': { string: 'pci0000:40' },
  },
  capacity: { memory: { value: '80Gi' } },
};
const gpu = 'device.attributes["gpu.nvidia.com"]';
const list = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`;

const selectors: Record<string, string> = {
  driver: 'device.driver == "gpu.nvidia.com"',
  quantity: 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("40Gi")) >= 0',
  semver: `${gpu}.driverVersion.isGreaterThan(semver("550.0.0"))`,
  regex: `${gpu}.productName.matches("^NVIDIA (A|H)100")`,
  'five-clause': [
    'device.driver == "gpu.nvidia.com"',
    `${gpu}.architecture in ["Ampere", "Hopper"]`,
    'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("40Gi")) >= 0',
    `${gpu}.cudaComputeCapability.compareTo(semver("8.0.0")) >= 0`,
    `${gpu}.index < 8`,
  ].join(' && '),
  macro: `${gpu}.exists(k, k == "uuid")`,
};

const activation = buildDeviceActivation(device);
const N = 10_000;

for (const [name, expression] of Object.entries(selectors)) {
  const compiled = compileSelector(expression);
  if (!compiled.ok) throw new Error(compiled.error);
  const program = compiled.program;
  const compile = await time(() => compileSelector(expression), 200);
  const evaluate = await time(() => {
    for (let i = 0; i < N; i++) if (!matches(program, activation)) throw new Error(`${name} did not match`);
  }, 30);
  emit({
    name: `cel-${name}`,
    compile_median_ms: compile.median_ms,
    evaluate_median_us: Math.round((evaluate.median_ms / N) * 1e6) / 1e3,
    evaluations_per_s: Math.round(N / (evaluate.median_ms / 1000)),
    estimated_cost: program.estimatedCost,
  });
}

const build = await time(() => buildDeviceActivation(device), 2000);
emit({ name: 'cel-build-activation', median_ms: build.median_ms, p95_ms: build.p95_ms });

const heavy = compileSelector(`${list(300)}.exists(x, ${list(300)}.exists(y, y == x + 1000))`);
if (!heavy.ok) throw new Error(heavy.error);
const heavyProgram = heavy.program;
const heavyRun = await time(() => matches(heavyProgram, activation), 20);
emit({ name: 'cel-near-limit', estimated_cost: heavyProgram.estimatedCost, ...heavyRun });
