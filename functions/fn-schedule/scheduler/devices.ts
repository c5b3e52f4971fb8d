// Compiled device selectors and their results against published devices, for one reconcile.
//
// - Each distinct expression is compiled once (compileSelector from lib/cel).
// - Each distinct device is turned into a CEL activation once. Selectors only see a device's
//   driver, attributes and capacity, so devices that agree on those share one activation and one
//   result per selector: a fleet of 1,000 clusters built from a handful of InferenceClasses
//   evaluates each selector a handful of times, not once per pool.
// - judge() is true when every selector returns boolean true, false as soon as one returns false,
//   and otherwise "cannot tell" naming the selector that errored (lib/cel: evaluation errors,
//   non-booleans, invalid device data, an exhausted budget). Cannot tell is never read as false.
// - Work is bounded by counted cost units, never time: each evaluation within the DRA limit, and
//   all evaluations of one reconcile within RECONCILE_COST_LIMIT. Evaluation order is fixed by the
//   (sorted) inputs, so an exhausted reconcile budget gives the same answers for the same request.
import { COST_LIMIT, buildDeviceActivation, compileSelector, judge, type ClassDevice, type DeviceActivation, type SelectorProgram } from '../../lib/cel';
import { isRecord } from '../../lib/k8s/objects';
import type { DeviceMatcher, DeviceVerdict, PoolDevice } from './types';

export type CompiledSelector = { readonly ok: true; readonly id: number } | { readonly ok: false; readonly error: string };

/**
 * Cost units all selector evaluations of one reconcile may charge together (20 selectors at the
 * DRA limit; about two seconds on a small machine). Past it every further evaluation cannot tell.
 */
export const RECONCILE_COST_LIMIT = 20 * COST_LIMIT;

const NOT_EVALUATED = 0;
const MATCH = 1;
const NO_MATCH = 2;
const CANNOT_TELL = 3;

/** Structural equality of plain JSON values, order-insensitive for object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  let keys = 0;
  for (const k in a) {
    keys++;
    if (!Object.hasOwn(b, k) || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  for (const k in b) if (Object.hasOwn(b, k)) keys--;
  return keys === 0;
}

/** Same driver, attributes and capacity: the same result for every selector. */
const sameDevice = (a: Record<string, unknown>, b: Record<string, unknown>): boolean =>
  a.driver === b.driver && sameJson(a.attributes, b.attributes) && sameJson(a.capacity, b.capacity);

/** What a selector can see of a device, as a string key (the fallback past the representatives). */
function contentKey(published: Record<string, unknown>): string {
  return JSON.stringify([published.driver ?? null, published.attributes ?? null, published.capacity ?? null]);
}

/** Representatives compared structurally per driver before falling back to a serialized key. */
const REPRESENTATIVES_PER_DRIVER = 4;

export class CompiledSelectors implements DeviceMatcher {
  private readonly programs: SelectorProgram[] = [];
  private readonly programIds = new Map<string, number>();
  private readonly deviceIds = new WeakMap<PoolDevice, number>();
  private readonly representatives = new Map<string, number[]>();
  private readonly contentIds = new Map<string, number>();
  /** The first published device seen per content id, and its activation once built. */
  private readonly samples: unknown[] = [];
  private readonly activations: (DeviceActivation | undefined)[] = [];
  private readonly results: Uint8Array[] = [];
  /** Why an evaluation could not tell, per `${device}:${program}`. */
  private readonly errors = new Map<string, string>();
  /** Selector evaluations actually run (memo misses), for tests and benchmarks. */
  evaluations = 0;
  /** Cost units left for this reconcile. */
  private remaining: number;

  constructor(budget: number = RECONCILE_COST_LIMIT) {
    this.remaining = budget;
  }

  compile(expression: string): CompiledSelector {
    const known = this.programIds.get(expression);
    if (known !== undefined) return { ok: true, id: known };
    const compiled = compileSelector(expression);
    if (!compiled.ok) return { ok: false, error: compiled.error };
    const id = this.programs.push(compiled.program) - 1;
    this.programIds.set(expression, id);
    return { ok: true, id };
  }

  judge(programs: readonly number[], device: PoolDevice): DeviceVerdict {
    const d = this.deviceId(device);
    let row = this.results[d]!;
    if (row.length < this.programs.length) {
      const grown = new Uint8Array(this.programs.length);
      grown.set(row);
      row = this.results[d] = grown;
    }
    let unknown: DeviceVerdict | undefined;
    for (const p of programs) {
      if (row[p] === NOT_EVALUATED) row[p] = this.evaluate(d, p);
      if (row[p] === NO_MATCH) return false;
      if (row[p] === CANNOT_TELL) unknown ??= { program: p, error: this.errors.get(`${d}:${p}`)! };
    }
    return unknown ?? true;
  }

  /** True only when every selector returns boolean true. */
  matches(programs: readonly number[], device: PoolDevice): boolean {
    return this.judge(programs, device) === true;
  }

  private evaluate(d: number, p: number): number {
    if (this.remaining <= 0) {
      this.errors.set(`${d}:${p}`, `the selectors' evaluation budget of one reconcile (${RECONCILE_COST_LIMIT} cost units) is spent`);
      return CANNOT_TELL;
    }
    this.evaluations++;
    const { verdict, cost } = judge(this.programs[p]!, this.activation(d), { maxCost: Math.min(COST_LIMIT, this.remaining) });
    this.remaining -= Math.max(1, cost);
    if (verdict.kind === 'unknown') {
      this.errors.set(`${d}:${p}`, verdict.error);
      return CANNOT_TELL;
    }
    return verdict.kind === 'match' ? MATCH : NO_MATCH;
  }

  private deviceId(device: PoolDevice): number {
    let id = this.deviceIds.get(device);
    if (id === undefined) {
      id = this.contentId(isRecord(device.published) ? device.published : {});
      this.deviceIds.set(device, id);
    }
    return id;
  }

  /**
   * Fleets are built from a handful of classes, so most devices equal one of the first few seen
   * with their driver: a structural comparison finds it without serializing the device.
   */
  private contentId(published: Record<string, unknown>): number {
    const driver = typeof published.driver === 'string' ? published.driver : '';
    const reps = this.representatives.get(driver) ?? this.representatives.set(driver, []).get(driver)!;
    for (const rep of reps) if (sameDevice(published, this.samples[rep] as Record<string, unknown>)) return rep;
    if (reps.length < REPRESENTATIVES_PER_DRIVER) {
      const id = this.newContent(published);
      reps.push(id);
      return id;
    }
    const key = contentKey(published);
    let id = this.contentIds.get(key);
    if (id === undefined) {
      id = this.newContent(published);
      this.contentIds.set(key, id);
    }
    return id;
  }

  private newContent(published: Record<string, unknown>): number {
    this.samples.push(published);
    return this.results.push(new Uint8Array(this.programs.length)) - 1;
  }

  private activation(id: number): DeviceActivation {
    // Built on first evaluation only: a device no selector is ever run against costs nothing.
    return (this.activations[id] ??= buildDeviceActivation(this.samples[id] as ClassDevice));
  }
}
