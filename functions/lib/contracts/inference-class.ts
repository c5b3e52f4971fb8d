// The InferenceClass devices contract. A class is the one home of what each node of its pools
// carries: an InferenceCluster publishes only the pool's name, node count and className, and every
// reader joins the class here — fn-inferencecluster to pack its ledger, fn-schedule to match
// selectors and pack, the fleet simulation to check both. Publishing the devices once per class
// instead of once per pool keeps fn-schedule's request small at fleet scale.
import type { ShapeDevice } from '../capacity';
import type { ClassDevice, InferenceClassSpec, InferenceClusterStatus, GpuPool } from '../schema';
import { untrusted } from './untrusted';

/** One device of a class as every reader sees it; `published` is the entry as written (CEL reads it). */
export interface ClassDeviceRead extends ShapeDevice {
  readonly name: string;
  readonly published: Readonly<Record<string, unknown>>;
}

/** A class's devices, or why they cannot be read. */
export type ClassDevicesRead = { readonly devices: readonly ClassDeviceRead[] } | { readonly problem: string };

/** A non-negative whole count; missing, negative or non-numeric reads as 0 (a shape then falls back to nodes). */
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

function readDevice(d: unknown): ClassDeviceRead | undefined {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return undefined;
  const v = untrusted<ClassDevice>(d);
  return {
    name: typeof v.name === 'string' ? v.name : '',
    claim: v.claim === 'Synthetic' ? 'Synthetic' : 'DRA',
    deviceClassName: typeof v.deviceClassName === 'string' && v.deviceClassName !== '' ? v.deviceClassName : undefined,
    count: count(v.count),
    published: d as Record<string, unknown>,
  };
}

/** Reads one class object's spec.devices defensively. */
export function readClassDevices(cls: unknown): ClassDevicesRead {
  const devices = untrusted<InferenceClassSpec>(untrusted<{ spec: unknown }>(cls).spec).devices;
  if (!Array.isArray(devices)) return { problem: 'spec.devices is not a list' };
  const out: ClassDeviceRead[] = [];
  for (let i = 0; i < devices.length; i++) {
    const d = readDevice(devices[i]);
    if (d === undefined) return { problem: `spec.devices[${i}] is not an object` };
    out.push(d);
  }
  return { devices: out };
}

/** Every listed class's devices by class name; each class is read once however many pools name it. */
export function classDevicesByName(classes: readonly unknown[]): Map<string, ClassDevicesRead> {
  const out = new Map<string, ClassDevicesRead>();
  for (const c of classes) {
    const name = untrusted<{ name: unknown }>(untrusted<{ metadata: unknown }>(c).metadata).name;
    if (typeof name === 'string' && name !== '' && !out.has(name)) out.set(name, readClassDevices(c));
  }
  return out;
}

/** A status.gpuPools entry joined with its class: its devices, or why the pool cannot be read. */
export interface PublishedPool {
  readonly name: string;
  readonly nodes: number;
  readonly className: string;
  readonly devices: readonly ClassDeviceRead[];
}

/** Reads status.gpuPools[i] (`at` names it in problems) against the classes a reader holds. */
export function readPublishedPool(entry: unknown, at: string, classes: ReadonlyMap<string, ClassDevicesRead>): PublishedPool | string {
  const v = untrusted<GpuPool>(entry);
  if (typeof v.name !== 'string' || v.name === '') return `${at} has no name`;
  if (typeof v.nodes !== 'number' || !Number.isFinite(v.nodes)) return `${at}.nodes is not a number`;
  if (typeof v.className !== 'string' || v.className === '') return `${at}.className is missing`;
  const cls = classes.get(v.className);
  if (cls === undefined) return `${at}: InferenceClass ${v.className} not found`;
  if ('problem' in cls) return `${at}: InferenceClass ${v.className}: ${cls.problem}`;
  return { name: v.name, nodes: count(v.nodes), className: v.className, devices: cls.devices };
}

/** A status's gpuPools entries, or undefined when there is no list. */
export const publishedPoolEntries = (status: unknown): readonly unknown[] | undefined => {
  const pools = untrusted<InferenceClusterStatus>(status).gpuPools;
  return Array.isArray(pools) ? pools : undefined;
};
