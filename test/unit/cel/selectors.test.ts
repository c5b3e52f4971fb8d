// Realistic DRA selectors against A100/H100/L4 devices, and the quantity/semver CEL libraries.
import { describe, expect, it } from 'vitest';
import { buildDeviceActivation, compileSelector, evaluateSelector, matches } from '../../../functions/lib/cel';
import { A100, H100, L4 } from './fixtures';

const devices = { A100: buildDeviceActivation(A100), H100: buildDeviceActivation(H100), L4: buildDeviceActivation(L4) };
const gpu = 'device.attributes["gpu.nvidia.com"]';
const memory = 'device.capacity["gpu.nvidia.com"].memory';

function compile(expression: string) {
  const c = compileSelector(expression);
  if (!c.ok) throw new Error(c.error);
  return c.program;
}

describe('DRA selectors', () => {
  it.each([
    { cel: 'device.driver == "gpu.nvidia.com"', a100: true, h100: true, l4: true },
    { cel: `${gpu}.productName == "NVIDIA A100-SXM4-80GB"`, a100: true, h100: false, l4: false },
    { cel: `${gpu}.architecture in ["Ampere", "Hopper"]`, a100: true, h100: true, l4: false },
    { cel: `${gpu}.productName.startsWith("NVIDIA H")`, a100: false, h100: true, l4: false },
    { cel: `${gpu}.productName.matches("^NVIDIA (A|H)100")`, a100: true, h100: true, l4: false },
    { cel: `${gpu}.productName.matches("(?i)nvidia l4$")`, a100: false, h100: false, l4: true },
    { cel: `${gpu}.productName.lowerAscii().contains("80gb")`, a100: true, h100: true, l4: false },
    { cel: `${memory}.compareTo(quantity("40Gi")) >= 0`, a100: true, h100: true, l4: false },
    { cel: `${memory}.isGreaterThan(quantity("79Gi"))`, a100: true, h100: true, l4: false },
    { cel: `${memory}.isLessThan(quantity("26G"))`, a100: false, h100: false, l4: true },
    { cel: `${memory} == quantity("80Gi")`, a100: true, h100: true, l4: false },
    { cel: `${memory}.asInteger() > 64 * 1024 * 1024 * 1024`, a100: true, h100: true, l4: false },
    { cel: `${memory}.add(quantity("1Gi")).isGreaterThan(quantity("80Gi"))`, a100: true, h100: true, l4: false },
    { cel: `${gpu}.cudaComputeCapability.isGreaterThan(semver("8.5.0"))`, a100: false, h100: true, l4: true },
    { cel: `${gpu}.cudaComputeCapability.compareTo(semver("9.0.0")) >= 0`, a100: false, h100: true, l4: false },
    { cel: `${gpu}.cudaComputeCapability == semver("8.9", true)`, a100: false, h100: false, l4: true },
    { cel: `${gpu}.driverVersion.isLessThan(semver("550.0.0"))`, a100: false, h100: false, l4: true },
    { cel: `${gpu}.driverVersion.major() >= 550 && ${gpu}.driverVersion.minor() > 60`, a100: false, h100: true, l4: false },
    { cel: `${gpu}.index == 0`, a100: true, h100: false, l4: true },
    { cel: 'device.attributes["resource.kubernetes.io"].pcieRoot == "pci0000:00"', a100: true, h100: false, l4: true },
    { cel: `cel.bind(g, ${gpu}, g.architecture == "Hopper" && g.index == 1)`, a100: false, h100: true, l4: false },
    { cel: '"gpu.nvidia.com" in device.attributes && !("amd.com" in device.attributes)', a100: true, h100: true, l4: true },
    { cel: `"uuid" in ${gpu} && ${gpu}.uuid.startsWith("GPU-")`, a100: true, h100: true, l4: true },
    { cel: `${gpu}.exists(k, k == "cudaComputeCapability")`, a100: true, h100: true, l4: true },
    { cel: `has(${gpu}.uuid) && !has(${gpu}.serial)`, a100: true, h100: true, l4: true },
    { cel: 'has(device.attributes["amd.com"].productName) || has(device.attributes.amd)', a100: false, h100: false, l4: false },
    { cel: 'device.attributes.all(d, d.endsWith(".com") || d.endsWith(".io"))', a100: true, h100: true, l4: true },
    { cel: `${gpu}.productName == "NVIDIA L4" || ${gpu}.architecture == "Hopper"`, a100: false, h100: true, l4: true },
    // CEL error semantics: an error on one side of || is absorbed by a true other side
    { cel: `${gpu}.missing == 1 || device.driver == "gpu.nvidia.com"`, a100: true, h100: true, l4: true },
    // unknown key: evaluation error, a non-match
    { cel: `${gpu}.nonexistent == "x"`, a100: false, h100: false, l4: false },
    { cel: `!(${gpu}.nonexistent == "x")`, a100: false, h100: false, l4: false },
    // unknown domain: an empty map
    { cel: 'device.attributes["amd.com"].productName == "x"', a100: false, h100: false, l4: false },
    { cel: 'size(device.attributes["amd.com"]) == 0 && size(device.capacity["amd.com"]) == 0', a100: true, h100: true, l4: true },
    { cel: '"amd.com" in device.attributes', a100: false, h100: false, l4: false },
    // non-boolean results (typed dyn, so they compile) and runtime type mismatches
    { cel: `${gpu}.index`, a100: false, h100: false, l4: false },
    { cel: `${gpu}.productName`, a100: false, h100: false, l4: false },
    { cel: `${gpu}.productName > 5`, a100: false, h100: false, l4: false },
    { cel: `${gpu}.index.compareTo(semver("1.0.0")) == 0`, a100: false, h100: false, l4: false },
  ])('$cel', ({ cel, a100, h100, l4 }) => {
    const program = compile(cel);
    expect([matches(program, devices.A100), matches(program, devices.H100), matches(program, devices.L4)]).toEqual([a100, h100, l4]);
  });

  it('one program and one activation serve many evaluations', () => {
    const program = compile(`${memory}.compareTo(quantity("40Gi")) >= 0`);
    for (let i = 0; i < 1000; i++) expect(matches(program, devices.A100)).toBe(true);
  });
});

describe('quantity and semver libraries', () => {
  it.each([
    { cel: 'quantity("1.5Gi") == quantity("1536Mi")', want: true },
    { cel: 'quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")', want: true },
    { cel: 'quantity("200M") != quantity("0.3G")', want: true },
    { cel: 'quantity("50M").compareTo(quantity("50Mi")) == -1', want: true },
    { cel: 'quantity("50Mi").compareTo(quantity("50M")) == 1', want: true },
    { cel: 'quantity("50k").add(quantity("20")) == quantity("50.02k")', want: true },
    { cel: 'quantity("50k").add(20).isLessThan(quantity("50020"))', want: false },
    { cel: 'quantity("50k").sub(20) == quantity("49980")', want: true },
    { cel: 'quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger() == 20', want: true },
    { cel: 'quantity("50k").asInteger() == 50000', want: true },
    { cel: 'quantity("9999999999999999999999999999999999999G").isInteger()', want: false },
    { cel: 'quantity("50.703k").asApproximateFloat() == 50703.0', want: true },
    { cel: 'quantity("-1").sign() == -1', want: true },
    { cel: 'sign(quantity("0")) == 0', want: true },
    { cel: 'isQuantity("80Gi") && !isQuantity("80 Gi") && !isQuantity("200K") && !isQuantity("Mi")', want: true },
    { cel: 'semver("1.2.3").compareTo(semver("2.0.0")) == -1', want: true },
    { cel: 'semver("1.0.0-rc.1").isLessThan(semver("1.0.0"))', want: true },
    { cel: 'semver("1.0.0+a") == semver("1.0.0+b")', want: true },
    { cel: 'semver("v1.2", true) == semver("1.2.0")', want: true },
    { cel: 'semver("01.01.01", true).patch() == 1', want: true },
    { cel: 'semver("1.2.3").major() + semver("1.2.3").minor() == 3', want: true },
    { cel: 'dyn(quantity("1").compareTo(quantity("2")))', want: -1n }, // dyn: compiles, evaluates to an int
    { cel: 'isSemver("1.0.0") && !isSemver("v1.0") && isSemver("v1.0", true)', want: true },
  ])('$cel', ({ cel, want }) => {
    expect(evaluateSelector(compile(cel), devices.A100)).toEqual({ ok: true, value: want });
  });

  it.each([
    { cel: 'quantity("10Mo").isInteger()', error: 'invalid quantity: "10Mo"' },
    { cel: 'quantity("1.5").asInteger() == 1', error: 'cannot convert value to integer' },
    { cel: 'semver("1.0").major() == 1', error: 'invalid semantic version: "1.0"' },
    { cel: `${gpu}.nope == 1`, error: 'No such key: nope' },
  ])('$cel fails with $error', ({ cel, error }) => {
    const result = evaluateSelector(compile(cel), devices.A100);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(error);
    expect(matches(compile(cel), devices.A100)).toBe(false);
  });
});
