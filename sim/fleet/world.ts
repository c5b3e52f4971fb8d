// The simulated control plane's object store: every XR, every composed resource and the Secrets
// users create, plus which XR composed what (Crossplane's owner references, simplified).
import { createHash } from 'node:crypto';

/** A Kubernetes object as untyped JSON: the simulator reads whatever the functions and render produce. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, read field by field
export type Obj = Record<string, any>;

export const GROUP = 'modelplane.ai';
export const COMPOSITION_KEY = 'crossplane.io/composition-resource-name';

export const keyOf = (o: Obj): string => `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name ?? ''}`;

export const isXr = (o: Obj): boolean => typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${GROUP}/`);

const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, val) => (val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b))) : val));
export const fingerprint = (v: unknown): string => createHash('sha256').update(stable(v)).digest('hex');

export class World {
  private readonly objects = new Map<string, Obj>();
  /** composed object key -> the XR key that composed it. */
  private readonly owner = new Map<string, string>();

  static from(objects: readonly Obj[]): World {
    const w = new World();
    for (const o of objects) w.put(o);
    return w;
  }

  clone(): World {
    const w = new World();
    for (const [k, o] of this.objects) w.objects.set(k, structuredClone(o));
    for (const [k, v] of this.owner) w.owner.set(k, v);
    return w;
  }

  put(o: Obj, ownerKey?: string): void {
    const k = keyOf(o);
    this.objects.set(k, o);
    if (ownerKey) this.owner.set(k, ownerKey);
  }

  get(key: string): Obj | undefined {
    return this.objects.get(key);
  }

  find(kind: string, name: string, namespace?: string): Obj | undefined {
    return this.all().find((o) => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));
  }

  all(): Obj[] {
    return [...this.objects.values()];
  }

  ofKind(kind: string): Obj[] {
    return this.all()
      .filter((o) => o.kind === kind)
      .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  }

  xrs(): Obj[] {
    return this.all().filter(isXr);
  }

  composedBy(xrKey: string): Obj[] {
    return [...this.owner.entries()]
      .filter(([, o]) => o === xrKey)
      .map(([k]) => this.objects.get(k)!)
      .filter(Boolean);
  }

  ownerOf(key: string): string | undefined {
    return this.owner.get(key);
  }

  /** Deletes an object and, like Kubernetes garbage collection, everything it composed. */
  delete(key: string): void {
    this.objects.delete(key);
    this.owner.delete(key);
    for (const [child, parent] of [...this.owner.entries()]) if (parent === key) this.delete(child);
  }

  fingerprint(): string {
    return fingerprint([...this.objects.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
