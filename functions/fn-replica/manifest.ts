// Plain JSON shapes fn-replica builds. User templates pass through verbatim, so pod specs are kept
// loosely typed; everything Modelplane adds is typed where it is built.

export type Manifest = Record<string, unknown>;

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: Manifest;
}

export interface ContainerPort {
  readonly containerPort: number;
  readonly name?: string;
  readonly protocol?: string;
}

/** Metadata of a remote object in the cluster's workload namespace. */
export interface RemoteMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

export const asRecord = (v: unknown): Manifest => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Manifest) : {});
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
